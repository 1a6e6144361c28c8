"""The body of the crawl pull request: what a reviewer needs to know, in Markdown.

From the crawl reports of every shard (`crawler.report.CrawlReport` JSON) and the record files
before and after the pipeline ran, it lists: new versions, statement-level changes with their
kinds and reasons (most material first, weakenings and removals flagged), records where new
machine output disagrees with a human review, anomalies and failures with their reasons, newly
proposed sources, and validation problems.

    python -m accesswatch.pr_summary --reports shards/reports --data data --base HEAD \\
        [--validation FILE] [--run-url URL] [--output pr-body.md]

Crawled text is untrusted: every quote is escaped so it cannot add links, mentions, HTML or
formatting to the pull request.
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from accesswatch.atomic_write import write_atomic
from accesswatch.record_models import Change, DocumentRecord

MAX_BODY = 60_000          # GitHub refuses pull-request bodies over 65,536 characters
MAX_QUOTE = 240
MAX_CHANGES_SHOWN = 60
_FLAGGED = {"weakened": "⚠️ weakened", "removed": "⚠️ removed"}
_STATUS_ORDER = ("new-version", "unchanged", "not-modified", "anomaly", "failed")


@dataclass
class RecordDelta:
    """What one document's record gained in this run."""

    document_id: str
    title: str
    new_versions: list[str] = field(default_factory=list)
    new_changes: list[Change] = field(default_factory=list)
    new_conflicts: list[str] = field(default_factory=list)
    statements_before: int = 0
    statements_after: int = 0


def record_deltas(before: dict[str, DocumentRecord], after: dict[str, DocumentRecord]) -> list[RecordDelta]:
    """Per document (sorted by id), the versions, changes and review conflicts that are new."""
    deltas = []
    for document_id in sorted(after):
        new, old = after[document_id], before.get(document_id)
        old_versions = {v.id for v in old.versions} if old else set()
        old_changes = {c.id for c in old.changes} if old else set()
        old_conflicts = {s.id for s in old.statements if s.conflict} | {c.id for c in old.changes if c.conflict} if old else set()
        delta = RecordDelta(
            document_id=document_id,
            title=new.document.title,
            new_versions=[v.id for v in new.versions if v.id not in old_versions],
            new_changes=[c for c in new.changes if c.id not in old_changes],
            new_conflicts=[f"{item.id}: {item.conflict}" for item in [*new.statements, *new.changes]
                           if item.conflict and item.id not in old_conflicts],
            statements_before=len(old.statements) if old else 0,
            statements_after=len(new.statements),
        )
        if delta.new_versions or delta.new_changes or delta.new_conflicts or delta.statements_before != delta.statements_after:
            deltas.append(delta)
    return deltas


def render_summary(
    reports: list[dict[str, Any]],
    deltas: list[RecordDelta],
    validation: str = "",
    run_url: str | None = None,
) -> str:
    """The Markdown body of the pull request (pure: same inputs, same text)."""
    sources = sorted((s for r in reports for s in r.get("sources", [])), key=lambda s: str(s.get("document_id", "")))
    listings = [entry for r in reports for entry in r.get("listings", [])]
    counts = Counter(str(s.get("status")) for s in sources)
    all_changes = [(d, c) for d in deltas for c in d.new_changes]
    lines = ["## Crawl summary", ""]
    headline = (f"{len(sources)} source(s) crawled: "
                + ", ".join(f"{counts.get(status, 0)} {status}" for status in _STATUS_ORDER)
                + f". {sum(len(d.new_versions) for d in deltas)} new version(s), {len(all_changes)} statement change(s).")
    lines += [headline, ""]
    if run_url:
        lines += [f"Run: {run_url}", ""]

    lines += ["### New versions", ""]
    with_versions = [d for d in deltas if d.new_versions]
    if with_versions:
        lines += ["| document | new versions | statements |", "| --- | --- | --- |"]
        for d in with_versions:
            lines.append(f"| {_md(d.title)} (`{d.document_id}`) | {', '.join(f'`{_code(v)}`' for v in d.new_versions)} "
                         f"| {d.statements_before} → {d.statements_after} |")
    else:
        lines.append("None.")
    lines.append("")

    lines += ["### Statement changes", ""]
    if all_changes:
        kinds = Counter(c.kind for _, c in all_changes)
        lines += ["By kind: " + ", ".join(f"{_FLAGGED.get(k, k)} {n}" for k, n in sorted(kinds.items())), ""]
        ordered = sorted(all_changes, key=lambda dc: (-dc[1].materiality, dc[0].document_id, dc[1].id))
        for delta, change in ordered[:MAX_CHANGES_SHOWN]:
            lines.append(_change_block(delta, change))
        if len(ordered) > MAX_CHANGES_SHOWN:
            lines.append(f"…and {len(ordered) - MAX_CHANGES_SHOWN} less material change(s), listed in the record files.")
    else:
        lines.append("None.")
    lines.append("")

    conflicts = [(d, c) for d in deltas for c in d.new_conflicts]
    if conflicts:
        lines += ["### Needs a reviewer: machine output disagrees with a human review", ""]
        lines += [f"- `{d.document_id}` {_md(text)}" for d, text in conflicts]
        lines.append("")

    problems = [s for s in sources if s.get("status") in ("anomaly", "failed")]
    failed_listings = [entry for entry in listings if entry.get("status") == "failed"]
    lines += ["### Anomalies and failures", ""]
    if problems or failed_listings:
        for s in problems:
            lines.append(f"- **{s.get('status')}** `{_code(str(s.get('document_id')))}` — {_md(str(s.get('reason') or 'no reason given'))}"
                         + (f" (HTTP {s['http_status']})" if s.get("http_status") else ""))
        for entry in failed_listings:
            lines.append(f"- **listing failed** `{_code(str(entry.get('company')))}/{_code(str(entry.get('listing_id')))}` — "
                         f"{_md(str(entry.get('reason') or 'no reason given'))}")
    else:
        lines.append("None.")
    lines.append("")

    proposed = [(str(entry.get("company")), url) for entry in listings for url in entry.get("proposed", [])]
    if proposed:
        lines += ["### Newly proposed sources", "", "Accept one by copying its entry from `data/proposed/<company>.yml` into "
                  "`data/sources/<company>.yml` (see CONTRIBUTING.md).", ""]
        lines += [f"- `{_code(company)}`: `{_code(url)}`" for company, url in proposed]
        lines.append("")

    problem_lines = [line for line in validation.splitlines() if line.strip() and not line.startswith("validate:")]
    if problem_lines:
        lines += ["### Validation problems", "", "```text", *(_fence_safe(line) for line in problem_lines[:100]), "```", ""]

    lines += ["---", "Review each record's `review` block (status, corrected fields, note, reviewer) before merging; "
              "see CONTRIBUTING.md."]
    body = "\n".join(lines) + "\n"
    if len(body) > MAX_BODY:
        body = body[:MAX_BODY].rsplit("\n", 1)[0] + "\n\n…summary cut to fit GitHub's limit; the record files have everything.\n"
    return body


def _change_block(delta: RecordDelta, change: Change) -> str:
    kind = _FLAGGED.get(change.kind, change.kind)
    head = f"- **{kind}** in {_md(delta.title)} (`{delta.document_id}`), `{_code(change.old_version)}` → `{_code(change.new_version)}`"
    if change.announced is not None:
        head += ", announced" if change.announced else ", silent"
    if change.materiality:
        head += f" · materiality {change.materiality}"
    parts = [head]
    if change.reasons:
        parts.append("  - why: " + "; ".join(_md(reason) for reason in change.reasons))
    if change.before:
        parts.append(f"  - before: “{_md(_clip(change.before))}”")
    if change.after:
        parts.append(f"  - after: “{_md(_clip(change.after))}”")
    return "\n".join(parts)


def _clip(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= MAX_QUOTE else text[: MAX_QUOTE - 1] + "…"


_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]<>|~])")


def _md(text: str) -> str:
    """Text shown literally in Markdown: no formatting, links, HTML or @-mentions."""
    text = " ".join(str(text).split())
    text = _MARKDOWN_SPECIAL.sub(r"\\\1", text)
    return text.replace("@", "@\u200b").replace("&", "&amp;")


def _code(text: str) -> str:
    """Text safe inside a single-backtick code span."""
    return str(text).replace("`", "'").replace("\n", " ")


def _fence_safe(line: str) -> str:
    return line.replace("```", "'''")


# ----------------------------------------------------------------------------------------------
# I/O edges


def load_reports(directory: Path) -> list[dict[str, Any]]:
    """Every `*.json` crawl report under `directory` (recursively), sorted by path."""
    reports = []
    for path in sorted(Path(directory).rglob("*.json")) if Path(directory).is_dir() else []:
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as error:
            print(f"warning: {path}: unreadable crawl report: {error}", file=sys.stderr)
            continue
        if isinstance(data, dict):
            reports.append(data)
    return reports


def _parse_record(text: str, name: str) -> DocumentRecord | None:
    from pydantic import ValidationError

    from accesswatch.yaml_lines import YamlSyntaxError, parse_yaml

    try:
        return DocumentRecord.model_validate(parse_yaml(text).data)
    except (YamlSyntaxError, ValidationError) as error:
        print(f"warning: {name}: record skipped in the summary: {str(error).splitlines()[0]}", file=sys.stderr)
        return None


def load_records(data_dir: Path) -> dict[str, DocumentRecord]:
    """Records of the work tree, keyed by document id."""
    records = {}
    for path in sorted((Path(data_dir) / "documents").glob("*/*.yml")):
        record = _parse_record(path.read_text(encoding="utf-8"), str(path))
        if record is not None:
            records[record.document.id] = record
    return records


def load_records_at(data_dir: Path, base: str) -> dict[str, DocumentRecord]:
    """Records as committed at git revision `base` (empty when git cannot tell)."""
    data_dir = Path(data_dir).resolve()

    def git(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run(["git", *args], cwd=data_dir, capture_output=True, text=True)

    top = git("rev-parse", "--show-toplevel")
    if top.returncode != 0:
        return {}
    relative = (data_dir / "documents").relative_to(Path(top.stdout.strip()).resolve()).as_posix()
    listing = git("ls-tree", "-r", "--name-only", "--full-tree", base, "--", relative)
    if listing.returncode != 0:
        return {}
    records = {}
    for name in listing.stdout.splitlines():
        if not name.endswith(".yml"):
            continue
        shown = git("show", f"{base}:{name}")
        if shown.returncode == 0:
            record = _parse_record(shown.stdout, f"{base}:{name}")
            if record is not None:
                records[record.document.id] = record
    return records


def main(argv: list[str] | None = None) -> int:
    """Command line: write the pull-request body (stdout, or `--output` atomically)."""
    parser = argparse.ArgumentParser(prog="python -m accesswatch.pr_summary", description=__doc__.splitlines()[0])
    parser.add_argument("--reports", type=Path, required=True, help="folder of crawl report JSON files")
    parser.add_argument("--data", type=Path, default=Path("data"))
    parser.add_argument("--base", default="HEAD", help="git revision of the records before this run (default HEAD)")
    parser.add_argument("--validation", type=Path, help="output of `accesswatch validate` to include")
    parser.add_argument("--run-url", help="link to the workflow run")
    parser.add_argument("--output", type=Path, help="write here instead of stdout")
    args = parser.parse_args(argv)
    validation = args.validation.read_text(encoding="utf-8") if args.validation and args.validation.exists() else ""
    body = render_summary(
        load_reports(args.reports),
        record_deltas(load_records_at(args.data, args.base), load_records(args.data)),
        validation,
        args.run_url,
    )
    if args.output is None:
        sys.stdout.write(body)
        return 0
    write_atomic(args.output, body)
    return 0


if __name__ == "__main__":
    sys.exit(main())
