"""The item pipeline: hands captures to the archive and records every outcome in the report.

The spider gives this pipeline its collaborators as attributes: `archive` (the
`accesswatch.archive` facade: `ingest`, `record_not_modified`), `recorder`
(`crawler.report.ReportRecorder`) and `discoveries` (a dict company → proposals found).
"""

from __future__ import annotations

import datetime as dt
import logging
from typing import Any

from crawler.proposals import discover
from crawler.report import ListingResult, SourceResult
from crawler.spider import FailedItem, FetchedItem, ListingItem, NotModifiedItem

logger = logging.getLogger(__name__)


class ArchivePipeline:
    """Archive each fetched document and report it; collect listing discoveries."""

    def __init__(self, crawler: Any) -> None:
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler: Any) -> "ArchivePipeline":
        return cls(crawler)

    @property
    def _spider(self) -> Any:
        return self.crawler.spider

    def process_item(self, item: Any) -> Any:
        """Dispatch on the item type; never raises (an archive error becomes a `failed` line)."""
        if isinstance(item, ListingItem):
            self._listing(item)
            return item
        fetch = item.fetch
        document_id = fetch.company.document_id(fetch.source)
        base = dict(document_id=document_id, company=fetch.company.company, url=str(fetch.source.url),
                    conditional=fetch.conditional, retries=fetch.retries)
        archive = self._spider.archive
        if isinstance(item, FailedItem):
            result = SourceResult(**base, final_url=item.url, status="failed", fetched=False, reason=item.reason,
                                  http_status=item.http_status, bytes=item.body_bytes)
        elif isinstance(item, NotModifiedItem):
            try:
                outcome = archive.record_not_modified(document_id, item.url, item.fetched_at, item.headers)
                result = self._from_outcome(base, outcome, fetched=False, http_status=304, size=0, when=item.fetched_at, final_url=item.url)
            except Exception as error:  # the report must say what broke, and the run go on
                logger.exception("archive failed on %s", document_id)
                result = SourceResult(**base, final_url=item.url, status="failed", fetched=False, http_status=304,
                                      reason=f"archive error recording 304 for {item.url}: {type(error).__name__}: {error}")
        elif isinstance(item, FetchedItem):
            capture = item.capture
            try:
                outcome = archive.ingest(capture, fetch.source)
                result = self._from_outcome(base, outcome, fetched=True, http_status=capture.status, size=len(capture.body),
                                            when=capture.fetched_at, final_url=capture.url)
            except Exception as error:
                logger.exception("archive failed on %s", document_id)
                result = SourceResult(**base, final_url=capture.url, status="failed", fetched=True, http_status=capture.status,
                                      bytes=len(capture.body), fetched_at=capture.fetched_at,
                                      reason=f"archive error ingesting {capture.url}: {type(error).__name__}: {error}")
        else:
            raise TypeError(f"unexpected item {type(item).__name__}")
        self._spider.recorder.add_source(result)
        return item

    @staticmethod
    def _from_outcome(base: dict, outcome: Any, *, fetched: bool, http_status: int | None, size: int,
                      when: dt.datetime, final_url: str) -> SourceResult:
        version = getattr(outcome, "version", None)
        return SourceResult(**base, final_url=final_url, status=outcome.status, fetched=fetched, reason=outcome.reason or "",
                            version_id=version.id if version is not None else None, http_status=http_status, bytes=size,
                            fetched_at=when)

    def _listing(self, item: ListingItem) -> None:
        spider = self._spider
        if item.reason:
            spider.recorder.add_listing(ListingResult(company=item.company.company, listing_id=item.listing.id, url=item.url,
                                                      status="failed", reason=item.reason, http_status=item.http_status))
            return
        matched, proposals = discover(item.company, item.listing, item.links, dt.datetime.now(dt.timezone.utc).date())
        spider.discoveries.setdefault(item.company.company, []).extend(proposals)
        spider.recorder.add_listing(ListingResult(company=item.company.company, listing_id=item.listing.id, url=item.url,
                                                  status="fetched", http_status=item.http_status, links_matched=matched,
                                                  proposed=[p.url for p in proposals]))
