"""The crawl report: one JSON file per run, and the readable summary printed at the end.

`CrawlReport` is the contract other stages read (the scheduled workflow turns it into a
pull-request summary); `CrawlReport.model_json_schema()` is its JSON Schema.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter
from pathlib import Path
from typing import Callable, Literal

from pydantic import BaseModel, ConfigDict, Field

from accesswatch.atomic_write import write_atomic

SourceStatus = Literal["new-version", "unchanged", "not-modified", "anomaly", "failed"]
SOURCE_STATUSES: tuple[str, ...] = ("new-version", "unchanged", "not-modified", "anomaly", "failed")


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class SourceResult(_Strict):
    """What happened to one declared document in this run."""

    document_id: str = Field(description="`<company>/<source id>`.")
    company: str
    url: str = Field(description="The declared URL.")
    final_url: str | None = Field(default=None, description="The URL finally fetched, after allowed redirects.")
    status: SourceStatus
    fetched: bool = Field(description="True when a response with a body (2xx) was received.")
    reason: str = Field(default="", description="Why it failed or is an anomaly; empty otherwise.")
    version_id: str | None = Field(default=None, description="The new (or current) version id, when the archive named one.")
    http_status: int | None = None
    bytes: int = Field(default=0, ge=0, description="Body bytes received.")
    conditional: bool = Field(default=False, description="The request carried If-None-Match / If-Modified-Since.")
    retries: int = Field(default=0, ge=0)
    fetched_at: dt.datetime | None = None


class ListingResult(_Strict):
    """What happened to one listing page: links seen and documents newly proposed."""

    company: str
    listing_id: str
    url: str
    status: Literal["fetched", "failed"]
    reason: str = ""
    http_status: int | None = None
    links_matched: int = Field(default=0, ge=0, description="Links matching the listing's patterns/keywords, declared or not.")
    proposed: list[str] = Field(default_factory=list, description="URLs newly proposed as sources in this run.")


class CrawlReport(_Strict):
    """The machine-readable report of one crawl run."""

    schema_version: Literal[1] = 1
    started_at: dt.datetime
    finished_at: dt.datetime | None = None
    user_agent: str
    sources: list[SourceResult] = Field(default_factory=list)
    listings: list[ListingResult] = Field(default_factory=list)
    proposal_files: list[str] = Field(default_factory=list, description="Proposal files written (data/proposed/<company>.yml).")
    totals: dict[str, int] = Field(default_factory=dict, description="Count per source status, plus `fetched`, `bytes`, `proposed`.")

    def result(self, document_id: str) -> SourceResult:
        """The result of `document_id` (KeyError when the run did not include it)."""
        for result in self.sources:
            if result.document_id == document_id:
                return result
        raise KeyError(document_id)

    def finish(self, now: dt.datetime | None = None) -> "CrawlReport":
        """Stamp `finished_at`, sort the entries and compute `totals` (in place; returns self)."""
        self.finished_at = now or dt.datetime.now(dt.timezone.utc)
        self.sources.sort(key=lambda r: r.document_id)
        self.listings.sort(key=lambda r: (r.company, r.listing_id))
        counts = Counter(r.status for r in self.sources)
        self.totals = {status: counts.get(status, 0) for status in SOURCE_STATUSES}
        self.totals["fetched"] = sum(r.fetched for r in self.sources)
        self.totals["bytes"] = sum(r.bytes for r in self.sources)
        self.totals["proposed"] = sum(len(r.proposed) for r in self.listings)
        return self


class ReportRecorder:
    """Collects results during a run (called from the Scrapy pipeline) into a `CrawlReport`."""

    def __init__(self, report: CrawlReport, on_result: Callable[[str], None] | None = None) -> None:
        self.report = report
        self._on_result = on_result

    def add_source(self, result: SourceResult) -> None:
        """Record one document's result."""
        self.report.sources.append(result)
        if self._on_result:
            self._on_result(f"{result.document_id}: {result.status}")

    def add_listing(self, result: ListingResult) -> None:
        """Record one listing page's result."""
        self.report.listings.append(result)
        if self._on_result:
            self._on_result(f"{result.company}/{result.listing_id}: {result.status}")


def write_report(report: CrawlReport, path: Path) -> None:
    """Write the report as indented JSON, atomically (temp file + rename)."""
    payload = json.dumps(report.model_dump(mode="json"), indent=2, ensure_ascii=False) + "\n"
    write_atomic(path, payload)


def read_report(path: Path) -> CrawlReport:
    """Load and validate a report written by `write_report`."""
    return CrawlReport.model_validate_json(Path(path).read_text(encoding="utf-8"))


_STYLE = {"new-version": "green", "unchanged": "dim", "not-modified": "dim", "anomaly": "yellow", "failed": "red"}


def summary_table(report: CrawlReport):
    """A `rich.table.Table` with one row per source and listing, and the totals as caption."""
    from rich.table import Table

    table = Table(title="AccessWatch crawl", show_lines=False)
    table.add_column("document")
    table.add_column("status")
    table.add_column("http", justify="right")
    table.add_column("bytes", justify="right")
    table.add_column("version / reason", overflow="fold")
    for r in report.sources:
        detail = r.reason or (r.version_id or "")
        table.add_row(r.document_id, f"[{_STYLE[r.status]}]{r.status}[/]", str(r.http_status or "-"), f"{r.bytes:,}", detail)
    for listing in report.listings:
        detail = listing.reason or f"{listing.links_matched} matching links, {len(listing.proposed)} newly proposed"
        style = "red" if listing.status == "failed" else "cyan"
        table.add_row(f"{listing.company}/{listing.listing_id} (listing)", f"[{style}]{listing.status}[/]", str(listing.http_status or "-"), "", detail)
    totals = report.totals
    table.caption = ", ".join(f"{totals.get(s, 0)} {s}" for s in SOURCE_STATUSES) + f"; {totals.get('bytes', 0):,} bytes; {totals.get('proposed', 0)} proposed"
    return table
