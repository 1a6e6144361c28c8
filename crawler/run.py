"""`accesswatch crawl`: run the spider in-process over the declared sources, then report.

`run_crawl(...)` is the programmatic entry (one call per process: Twisted's reactor cannot be
restarted, so tests and benchmarks run each crawl in a subprocess via the CLI).
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path
from typing import Any, Callable

from accesswatch.sources import CompanySources, Listing, Source, load_sources
from crawler.proposals import record_proposals
from crawler.report import CrawlReport, ReportRecorder, summary_table, write_report
from crawler.settings import USER_AGENT, crawl_settings, parse_override


class SelectionError(ValueError):
    """A --company / --source selection that names nothing declared."""


def select(companies: list[CompanySources], only_companies: list[str] | None = None, only_sources: list[str] | None = None
           ) -> tuple[list[tuple[CompanySources, Source]], list[tuple[CompanySources, Listing]]]:
    """The (company, source) documents and (company, listing) pages to crawl.

    Untracked sources (`track: false`) are skipped. `only_sources` (document ids) crawls just
    those documents and no listings. Raises SelectionError naming an unknown company or id.
    """
    known = {c.company for c in companies}
    for name in only_companies or []:
        if name not in known:
            raise SelectionError(f"unknown company {name!r} (declared: {', '.join(sorted(known))})")
    declared = {c.document_id(s) for c in companies for s in c.documents}
    for document_id in only_sources or []:
        if document_id not in declared:
            raise SelectionError(f"unknown document id {document_id!r} (expected company/slug as declared in data/sources)")
    documents, listings = [], []
    for company in companies:
        if only_companies and company.company not in only_companies:
            continue
        for source in company.documents:
            if not source.track:
                continue
            if only_sources and company.document_id(source) not in only_sources:
                continue
            documents.append((company, source))
        if not only_sources:
            listings.extend((company, listing) for listing in company.listings)
    return documents, listings


def open_archive(root: Path) -> Any:
    """The archive facade at `root` (imported lazily: the crawler only knows its interface)."""
    from accesswatch.archive import Archive

    return Archive(root)


def run_crawl(data_dir: Path, archive: Any, *, only_companies: list[str] | None = None, only_sources: list[str] | None = None,
              settings_overrides: dict[str, Any] | None = None, proposed_dir: Path | None = None,
              on_start: Callable[[int], None] | None = None, on_result: Callable[[str], None] | None = None) -> CrawlReport:
    """Crawl the sources declared in `data_dir/sources` into `archive`; returns the finished report.

    Discovered links are merged into `proposed_dir` (default `data_dir/proposed`). `on_start(n)`
    is called with the number of requests planned, `on_result(text)` after each result.
    Raises SelectionError, or pydantic/YAML errors for invalid source files.
    """
    from scrapy.crawler import CrawlerProcess

    from crawler.spider import SourcesSpider

    companies = load_sources(Path(data_dir) / "sources")
    documents, listings = select(companies, only_companies, only_sources)
    settings = crawl_settings(settings_overrides)
    report = CrawlReport(started_at=dt.datetime.now(dt.timezone.utc), user_agent=settings["USER_AGENT"] or USER_AGENT)
    recorder = ReportRecorder(report, on_result)
    if on_start:
        on_start(len(documents) + len(listings))
    discoveries: dict[str, list] = {}
    if documents or listings:
        process = CrawlerProcess(settings)
        # archive, recorder and discoveries become spider attributes the pipeline uses.
        process.crawl(SourcesSpider, documents=documents, listings=listings, validators=getattr(archive, "validators", None),
                      archive=archive, recorder=recorder, discoveries=discoveries)
        process.start()
    _record_discoveries(report, discoveries, Path(proposed_dir) if proposed_dir else Path(data_dir) / "proposed")
    return report.finish()


def _record_discoveries(report: CrawlReport, discoveries: dict[str, list], proposed_dir: Path) -> None:
    newly: set[str] = set()
    for company, proposals in sorted(discoveries.items()):
        if not proposals:
            continue
        path, added = record_proposals(proposed_dir, company, proposals)
        newly.update(p.url for p in added)
        if added:
            report.proposal_files.append(str(path))
    for listing in report.listings:
        listing.proposed = [url for url in listing.proposed if url in newly]


def _overrides(pairs: list[str] | None) -> dict[str, Any]:
    return dict(parse_override(text) for text in pairs or [])


def crawl_command(args: argparse.Namespace) -> int:
    """CLI handler of `accesswatch crawl`: exit 0 when the run completed (failures are in the
    report; with --strict, 1 when any source failed or was an anomaly), 2 on bad arguments or
    invalid source files."""
    from rich.console import Console

    console = Console(stderr=False, width=None if sys.stdout.isatty() else 160)
    errors = Console(stderr=True)
    try:
        overrides = _overrides(getattr(args, "set", None))
        archive = open_archive(args.archive)
    except (ValueError, ImportError) as error:
        errors.print(f"accesswatch crawl: {error}", markup=False)
        return 2
    show_progress = not getattr(args, "no_progress", False) and sys.stderr.isatty()
    progress = task = None
    if show_progress:
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

        progress = Progress(TextColumn("crawl"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                            TextColumn("{task.description}"), console=errors, transient=True)

    def on_start(total: int) -> None:
        nonlocal task
        if progress is not None:
            progress.start()
            task = progress.add_task("", total=total)

    def on_result(text: str) -> None:
        if progress is not None and task is not None:
            progress.update(task, advance=1, description=text)

    try:
        report = run_crawl(args.data, archive, only_companies=args.company, only_sources=args.source,
                           settings_overrides=overrides, proposed_dir=getattr(args, "proposed", None),
                           on_start=on_start, on_result=on_result)
    except Exception as error:  # invalid sources or selection: a clear message, no traceback
        from pydantic import ValidationError
        import yaml

        if isinstance(error, (SelectionError, ValidationError, yaml.YAMLError)):
            errors.print(f"accesswatch crawl: {error}", markup=False)
            return 2
        raise
    finally:
        if progress is not None:
            progress.stop()
    if args.report:
        write_report(report, args.report)
    console.print(summary_table(report))
    if getattr(args, "strict", False) and (report.totals.get("failed") or report.totals.get("anomaly")):
        return 1
    return 0
