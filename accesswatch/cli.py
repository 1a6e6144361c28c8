"""The front door: `accesswatch <command>`. Parses arguments, calls one stage, prints.

No logic lives here: each handler imports its stage lazily (so `accesswatch validate` does not pay
for Scrapy or MkDocs) and returns the process exit status.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent


def _default_data() -> Path:
    return Path(os.environ.get("ACCESSWATCH_DATA", REPO_ROOT / "data"))


def _default_archive() -> Path:
    return Path(os.environ.get("ACCESSWATCH_ARCHIVE", REPO_ROOT / "archive"))


def _cmd_crawl(args: argparse.Namespace) -> int:
    from crawler.run import crawl_command

    return crawl_command(args)


def _cmd_backfill(args: argparse.Namespace) -> int:
    from accesswatch.archive.backfill import backfill_command

    return backfill_command(args)


def _cmd_import(args: argparse.Namespace) -> int:
    from accesswatch.archive.importer import import_command

    return import_command(args)


def _cmd_validate(args: argparse.Namespace) -> int:
    from accesswatch.validate import validate_command

    return validate_command(args)


def _cmd_extract(args: argparse.Namespace) -> int:
    from accesswatch.extract.command import extract_command

    return extract_command(args)


def _cmd_evaluate(args: argparse.Namespace) -> int:
    from accesswatch.extract.evaluate import evaluate_command

    return evaluate_command(args)


def _cmd_diff(args: argparse.Namespace) -> int:
    from accesswatch.diff.command import diff_command

    return diff_command(args)


def _cmd_pipeline(args: argparse.Namespace) -> int:
    from accesswatch.pipeline import pipeline_command

    return pipeline_command(args)


def _cmd_build(args: argparse.Namespace) -> int:
    from accesswatch.sitegen.command import build_command

    return build_command(args)


def _cmd_serve(args: argparse.Namespace) -> int:
    from accesswatch.sitegen.command import serve_command

    return serve_command(args)


def _cmd_workflows(args: argparse.Namespace) -> int:
    from accesswatch.workflows import workflows_command

    return workflows_command(args)


def _cmd_schema(args: argparse.Namespace) -> int:
    from accesswatch.schema_export import schema_command

    return schema_command(args)


def _cmd_review_report(args: argparse.Namespace) -> int:
    from accesswatch.review_report import review_report_command

    return review_report_command(args)


def _cmd_review_import(args: argparse.Namespace) -> int:
    from accesswatch.review_import import review_import_command

    return review_import_command(args)


def _cmd_review_export(args: argparse.Namespace) -> int:
    from accesswatch.review_export import review_export_command

    return review_export_command(args)


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of every subcommand."""
    parser = argparse.ArgumentParser(prog="accesswatch", description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=_default_data(), help="data/ folder (default: the repository's, or $ACCESSWATCH_DATA)")
    parser.add_argument("--archive", type=Path, default=_default_archive(), help="archive folder of raw captures and versions (default: ./archive or $ACCESSWATCH_ARCHIVE)")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    crawl = commands.add_parser("crawl", help="fetch every declared source (live) into the archive")
    crawl.add_argument("--company", action="append", help="only this company (repeatable)")
    crawl.add_argument("--source", action="append", help="only this document id company/slug (repeatable)")
    crawl.add_argument("--report", type=Path, help="write the machine-readable report here (JSON)")
    crawl.add_argument("--no-progress", action="store_true", help="no progress display")
    crawl.add_argument("--proposed", type=Path, help="folder of proposed sources (default: DATA/proposed)")
    crawl.add_argument("--set", action="append", metavar="KEY=VALUE", help="override a Scrapy setting, value read as YAML (repeatable)")
    crawl.add_argument("--strict", action="store_true", help="exit 1 when any source failed or was an anomaly")
    crawl.set_defaults(handler=_cmd_crawl)

    backfill = commands.add_parser("backfill", help="fetch historical captures from the Wayback Machine")
    backfill.add_argument("--company", action="append")
    backfill.add_argument("--source", action="append")
    backfill.add_argument("--rate", type=float, default=0.4, help="requests per second (default 0.4)")
    backfill.add_argument("--cdx-url", default="https://web.archive.org/cdx/search/cdx")
    backfill.add_argument("--playback-url", default="https://web.archive.org/web")
    backfill.add_argument("--from", dest="from_date", help="earliest capture date YYYY-MM-DD")
    backfill.add_argument("--to", dest="to_date", help="latest capture date YYYY-MM-DD")
    backfill.add_argument("--report", type=Path)
    backfill.add_argument("--limit", type=int, help="at most this many captures per document (oldest first)")
    backfill.add_argument("--quiet", action="store_true", help="no line per capture while it runs")
    backfill.set_defaults(handler=_cmd_backfill)

    imp = commands.add_parser("import", help="ingest a folder of dated files laid out like the corpus")
    imp.add_argument("directory", type=Path)
    imp.add_argument("--report", type=Path)
    imp.set_defaults(handler=_cmd_import)

    validate = commands.add_parser("validate", help="check every data file; prints file:line: problem")
    validate.add_argument("--changed", nargs="?", const="origin/main", metavar="BASE", help="only files changed since BASE (git)")
    validate.add_argument("--github", action="store_true", help="print GitHub annotations (::error file=…,line=…::)")
    validate.add_argument("--no-quotes", action="store_true", help="skip the quote check against the archive")
    validate.add_argument("paths", nargs="*", type=Path, help="only these files")
    validate.set_defaults(handler=_cmd_validate)

    extract = commands.add_parser("extract", help="print the statements found in one text or Markdown file")
    extract.add_argument("file", type=Path)
    extract.add_argument("--json", action="store_true")
    extract.set_defaults(handler=_cmd_extract)

    evaluate = commands.add_parser("evaluate", help="measure extraction against an answer key")
    evaluate.add_argument("key", type=Path)
    evaluate.add_argument("--corpus", type=Path, required=True)
    evaluate.add_argument("--json", action="store_true")
    evaluate.add_argument(
        "--infer-kind", action="store_true", help="infer each document's kind from its text instead of the corpus manifest"
    )
    evaluate.set_defaults(handler=_cmd_evaluate)

    diff = commands.add_parser("diff", help="statement-level changes between two versions")
    diff.add_argument("old", type=Path)
    diff.add_argument("new", type=Path)
    diff.add_argument("--json", action="store_true")
    diff.add_argument("--all", action="store_true", help="also list reworded and moved statements")
    diff.add_argument("--redline", choices=["html", "markdown", "json"], help="print the hierarchical redline instead")
    diff.set_defaults(handler=_cmd_diff)

    pipeline = commands.add_parser("pipeline", help="extract and diff every archived document into data/documents records")
    pipeline.add_argument("--document", action="append", help="only this document id (repeatable)")
    pipeline.set_defaults(handler=_cmd_pipeline)

    build = commands.add_parser("build", help="build the static site from data/")
    build.add_argument("--output", type=Path, default=REPO_ROOT / "build" / "site")
    build.add_argument("--base-url", default="https://accesswatch.github.io/accesswatch/")
    build.set_defaults(handler=_cmd_build)

    serve = commands.add_parser("serve", help="build, then preview the site on 127.0.0.1")
    serve.add_argument("--port", type=int, default=8000)
    serve.add_argument("--output", type=Path, default=REPO_ROOT / "build" / "site")
    serve.set_defaults(handler=_cmd_serve)

    workflows = commands.add_parser("workflows", help="regenerate .github/workflows from their definition")
    workflows.add_argument("--check", action="store_true", help="fail when the committed files differ")
    workflows.set_defaults(handler=_cmd_workflows)

    schema = commands.add_parser("schema", help="export the JSON Schemas into data/schema")
    schema.add_argument("--check", action="store_true", help="fail when the committed schemas differ")
    schema.set_defaults(handler=_cmd_schema)
    review = commands.add_parser("review-report", help="regenerate data/REVIEW.md (review counts)")
    review.add_argument("--check", action="store_true", help="fail when data/REVIEW.md is out of date")
    review.set_defaults(handler=_cmd_review_report)

    review_import = commands.add_parser("review-import", help="turn exhaustive reader keys into review blocks of the records")
    review_import.add_argument("keys", nargs="+", type=Path, help="statement or change keys (dev-statements.yml / dev-changes.yml format)")
    review_import.add_argument("--reviewer", required=True, help="the reviewer's name recorded in each review block")
    review_import.set_defaults(handler=_cmd_review_import)

    review_export = commands.add_parser("review-export", help="write an answer key from fully reviewed records (to measure the extractor)")
    review_export.add_argument("output", type=Path)
    review_export.set_defaults(handler=_cmd_review_export)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Entry point of the `accesswatch` console script."""
    args = build_parser().parse_args(argv)
    try:
        return int(args.handler(args) or 0)
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # The reader went away (`accesswatch diff … | head`): stop quietly, as Unix tools do.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 141


if __name__ == "__main__":
    sys.exit(main())
