"""The one spider: fetches every selected declared document and listing page.

It only fetches and classifies what came back; the archive decides what a capture means
(`crawler.pipeline`). Every request carries the company's declared domains (for the redirect
guard) and, for documents, the archive's validators as conditional-request headers.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from http import HTTPStatus
from typing import Any, AsyncIterator

import scrapy
from scrapy.exceptions import DownloadCancelledError, DownloadTimeoutError, IgnoreRequest, ResponseDataLossError
from twisted.python.failure import Failure

from accesswatch.archive.capture import Capture
from accesswatch.sources import CompanySources, Listing, Source
from crawler.middlewares import RedirectRefused
from crawler.settings import HANDLED_STATUSES


@dataclass
class DocumentFetch:
    """Request-side facts about one document fetch, carried into every item."""

    company: CompanySources
    source: Source
    conditional: bool = False
    retries: int = 0


@dataclass
class FetchedItem:
    """A 2xx response: a capture for the archive."""

    fetch: DocumentFetch
    capture: Capture


@dataclass
class NotModifiedItem:
    """A 304 answer to a conditional request."""

    fetch: DocumentFetch
    url: str
    fetched_at: dt.datetime
    headers: dict[str, str]


@dataclass
class FailedItem:
    """A document that could not be fetched, with the reason."""

    fetch: DocumentFetch
    url: str
    reason: str
    http_status: int | None = None
    body_bytes: int = 0


@dataclass
class ListingItem:
    """A listing page's links (absolute URL, text), or the reason it failed."""

    company: CompanySources
    listing: Listing
    url: str
    links: list[tuple[str, str]] = field(default_factory=list)
    http_status: int | None = None
    reason: str = ""


def response_headers(response: scrapy.http.Response) -> dict[str, str]:
    """The response headers as `{lower-case name: first value}` strings."""
    headers = {}
    for name, values in response.headers.items():
        if values:
            headers[name.decode("latin-1").lower()] = values[0].decode("latin-1")
    return headers


def describe_failure(failure: Failure, request: scrapy.Request, timeout: float) -> str:
    """A one-line reason for a request that ended in an exception.

    Reads `request.meta["bytes_received"]` / `["maxsize"]` (kept by the spider) to explain a
    download cancelled for size while streaming."""
    error = failure.value
    retries = request.meta.get("retry_times", 0)
    after = f" (after {retries} retries)" if retries else ""
    if isinstance(error, RedirectRefused):
        return str(error)
    if isinstance(error, IgnoreRequest):
        message = str(error) or type(error).__name__
        if "robots.txt" in message:
            return "forbidden by robots.txt"
        if "max redirections" in message:
            return f"too many redirects: {message}"
        return f"request ignored: {message}"
    if isinstance(error, DownloadTimeoutError):
        return f"timed out after {timeout:g}s{after}"
    if isinstance(error, DownloadCancelledError):
        sizes = re.findall(r"\d+", str(error).split(" in request", 1)[0])
        if "max size" in str(error) and len(sizes) >= 2:  # announced by Content-Length
            return f"response larger than DOWNLOAD_MAXSIZE ({int(sizes[0]):,} > {int(sizes[1]):,} bytes)"
        received, maxsize = request.meta.get("bytes_received", 0), request.meta.get("maxsize", 0)
        if maxsize and received > maxsize:  # found out while streaming a body of unknown length
            return f"response larger than DOWNLOAD_MAXSIZE (over {maxsize:,} bytes, no Content-Length)"
        return f"download cancelled: {error or 'no reason given'}"
    if isinstance(error, ResponseDataLossError):
        return f"response truncated (data loss){after}"
    return f"{type(error).__name__}: {error}{after}"


def _status_reason(response: scrapy.http.Response) -> str:
    try:
        phrase = HTTPStatus(response.status).phrase
    except ValueError:
        phrase = "unknown status"
    reason = f"HTTP {response.status} {phrase}"
    meta = response.meta
    if meta.get("retry_after_refused") is not None:
        reason += f"; Retry-After {meta['retry_after_refused']:g}s exceeds the cap, not retried"
    elif meta.get("retry_after_waits"):
        waits = ", ".join(f"{w:g}s" for w in meta["retry_after_waits"])
        reason += f"; Retry-After honoured ({waits})"
    if meta.get("retry_times"):
        reason += f"; gave up after {meta['retry_times']} retries"
    return reason


class SourcesSpider(scrapy.Spider):
    """Fetch `documents` (company, source) pairs and `listings` (company, listing) pairs.

    `validators(document_id)` returns the archive's {"etag", "last_modified"} for conditional
    requests (an empty dict when the document was never fetched).
    """

    name = "accesswatch"

    def __init__(self, documents: list[tuple[CompanySources, Source]], listings: list[tuple[CompanySources, Listing]],
                 validators: Any = None, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.documents = documents
        self.listings = listings
        self.validators = validators or (lambda document_id: {})

    async def start(self) -> AsyncIterator[scrapy.Request]:
        for company, source in self.documents:
            headers = {}
            known = self.validators(company.document_id(source)) or {}
            if known.get("etag"):
                headers["If-None-Match"] = known["etag"]
            if known.get("last_modified"):
                headers["If-Modified-Since"] = known["last_modified"]
            fetch = DocumentFetch(company=company, source=source, conditional=bool(headers))
            yield scrapy.Request(
                str(source.url), callback=self.parse_document, errback=self.document_failed, headers=headers,
                dont_filter=True, meta={"fetch": fetch, "domains": company.domains, "handle_httpstatus_list": HANDLED_STATUSES},
            )
        for company, listing in self.listings:
            yield scrapy.Request(
                str(listing.url), callback=self.parse_listing, errback=self.listing_failed, dont_filter=True,
                meta={"company": company, "listing": listing, "domains": company.domains, "handle_httpstatus_list": HANDLED_STATUSES},
            )

    @classmethod
    def from_crawler(cls, crawler: Any, *args: Any, **kwargs: Any) -> "SourcesSpider":
        spider = super().from_crawler(crawler, *args, **kwargs)
        crawler.signals.connect(spider._count_bytes, signal=scrapy.signals.bytes_received)
        return spider

    def _count_bytes(self, data: bytes, request: scrapy.Request, spider: Any = None) -> None:
        request.meta["bytes_received"] = request.meta.get("bytes_received", 0) + len(data)
        request.meta.setdefault("maxsize", request.meta.get("download_maxsize") or self.settings.getint("DOWNLOAD_MAXSIZE"))

    def _fetch(self, response_or_request: Any) -> DocumentFetch:
        fetch: DocumentFetch = response_or_request.meta["fetch"]
        fetch.retries = response_or_request.meta.get("retry_times", 0)
        return fetch

    def parse_document(self, response: scrapy.http.Response):
        """Turn a document response into a FetchedItem, NotModifiedItem or FailedItem."""
        fetch = self._fetch(response)
        now = dt.datetime.now(dt.timezone.utc)
        headers = response_headers(response)
        if response.status == 304:
            if fetch.conditional:
                yield NotModifiedItem(fetch=fetch, url=response.url, fetched_at=now, headers=headers)
            else:
                yield FailedItem(fetch=fetch, url=response.url, reason="HTTP 304 to an unconditional request", http_status=304)
            return
        if not 200 <= response.status < 300:
            yield FailedItem(fetch=fetch, url=response.url, reason=_status_reason(response), http_status=response.status, body_bytes=len(response.body))
            return
        capture = Capture(
            document_id=fetch.company.document_id(fetch.source), url=response.url, body=response.body, fetched_at=now,
            origin="live", content_type=headers.get("content-type"), status=response.status, headers=headers,
        )
        yield FetchedItem(fetch=fetch, capture=capture)

    def document_failed(self, failure: Failure):
        """Errback of document requests: a FailedItem with the reason."""
        request = failure.request
        timeout = request.meta.get("download_timeout") or self.settings.getfloat("DOWNLOAD_TIMEOUT")
        yield FailedItem(fetch=self._fetch(request), url=request.url, reason=describe_failure(failure, request, timeout))

    def parse_listing(self, response: scrapy.http.Response):
        """Collect the (absolute URL, text) of every link of a listing page."""
        company, listing = response.meta["company"], response.meta["listing"]
        if not 200 <= response.status < 300:
            yield ListingItem(company=company, listing=listing, url=response.url, http_status=response.status, reason=_status_reason(response))
            return
        if not isinstance(response, scrapy.http.TextResponse):
            yield ListingItem(company=company, listing=listing, url=response.url, http_status=response.status,
                              reason=f"listing is not a text page ({response.headers.get('Content-Type', b'?').decode('latin-1')})")
            return
        links = []
        for anchor in response.css("a[href]"):
            href = anchor.attrib.get("href", "").strip()
            if not href or href.startswith(("#", "mailto:", "javascript:", "tel:")):
                continue
            text = " ".join(t.strip() for t in anchor.css("::text").getall() if t.strip())
            text = text or anchor.attrib.get("title", "") or anchor.attrib.get("aria-label", "")
            links.append((response.urljoin(href), text))
        yield ListingItem(company=company, listing=listing, url=response.url, links=links, http_status=response.status)

    def listing_failed(self, failure: Failure):
        """Errback of listing requests."""
        request = failure.request
        timeout = request.meta.get("download_timeout") or self.settings.getfloat("DOWNLOAD_TIMEOUT")
        yield ListingItem(company=request.meta["company"], listing=request.meta["listing"], url=request.url,
                          reason=describe_failure(failure, request, timeout))
