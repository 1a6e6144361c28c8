"""`accesswatch backfill`: historical captures of each declared source from the Wayback Machine.

For each tracked source: one CDX query (`output=json`, `collapse=digest`, `filter=statuscode:200`,
fields `timestamp,original,digest,mimetype`), then each capture's original bytes from the `id_`
playback URL (`{playback}/{timestamp}id_/{original}`), ingested through `Archive.ingest` with
origin "wayback", dated by the capture's timestamp. Every request waits for a token bucket
(0.4 requests/s by default). A malformed CDX line is reported and skipped; captures already in
the archive (same capture time, origin wayback) are not fetched again.

Errors follow a small hierarchy (after EDGI's `wayback` client): `WaybackError` >
`CDXError` (> `MalformedCDXLine`), `PlaybackError`, `RateLimitedError`, `BlockedByWaybackError`.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Literal

from pydantic import BaseModel, ConfigDict, Field

from accesswatch.archive.capture import Capture
from accesswatch.sources import CompanySources, Source, load_sources

USER_AGENT = "AccessWatch/0.1 backfill (+https://github.com/accesswatch/accesswatch)"
CDX_FIELDS = ("timestamp", "original", "digest", "mimetype")
DEFAULT_RATE = 0.4


# ------------------------------------------------------------------------------------- errors


class WaybackError(Exception):
    """Anything that went wrong talking to the Wayback Machine; `url` names the request."""

    def __init__(self, message: str, url: str = "") -> None:
        super().__init__(f"{message} ({url})" if url else message)
        self.url = url


class CDXError(WaybackError):
    """The CDX query failed or answered something that is not CDX JSON."""


class MalformedCDXLine(CDXError):
    """One line of a CDX answer that cannot be read (skipped; the others are used)."""

    def __init__(self, message: str, url: str = "", line_number: int = 0, line: str = "") -> None:
        super().__init__(f"line {line_number}: {message}: {line[:120]!r}", url)
        self.line_number = line_number
        self.line = line


class PlaybackError(WaybackError):
    """A capture's playback (`id_`) URL could not be fetched."""


class RateLimitedError(WaybackError):
    """The Wayback Machine answered 429 Too Many Requests (slow down, try later)."""


class BlockedByWaybackError(WaybackError):
    """The Wayback Machine refuses this URL (excluded from the archive: HTTP 403)."""


# ------------------------------------------------------------------------------ rate limiting


class TokenBucket:
    """At most `rate` requests per second on average, bursts of at most `capacity`.

    `clock` and `sleep` are injectable for tests. Thread-safe.
    """

    def __init__(self, rate: float = DEFAULT_RATE, capacity: float = 1.0, *,
                 clock: Callable[[], float] = time.monotonic, sleep: Callable[[float], None] = time.sleep) -> None:
        if rate <= 0:
            raise ValueError(f"rate must be positive, got {rate}")
        self.rate, self.capacity = rate, capacity
        self._clock, self._sleep = clock, sleep
        self._tokens = capacity
        self._stamp = clock()
        self._lock = threading.Lock()

    def acquire(self) -> float:
        """Take one token, sleeping until one is available; returns the seconds slept."""
        with self._lock:
            now = self._clock()
            self._tokens = min(self.capacity, self._tokens + (now - self._stamp) * self.rate)
            self._stamp = now
            wait = 0.0 if self._tokens >= 1 else (1 - self._tokens) / self.rate
            if wait:
                self._sleep(wait)
                now = self._clock()
                self._tokens = min(self.capacity, self._tokens + (now - self._stamp) * self.rate)
                self._stamp = now
            self._tokens -= 1
            return wait


# ---------------------------------------------------------------------------------------- CDX


@dataclass(frozen=True)
class CdxRecord:
    """One capture listed by the CDX API."""

    timestamp: str  # YYYYMMDDhhmmss
    original: str
    digest: str
    mimetype: str

    @property
    def captured_at(self) -> dt.datetime:
        """The capture time (UTC)."""
        return dt.datetime.strptime(self.timestamp, "%Y%m%d%H%M%S").replace(tzinfo=dt.timezone.utc)

    def playback_url(self, playback_base: str) -> str:
        """The `id_` URL serving the original bytes, without the Wayback toolbar or rewriting."""
        return f"{playback_base.rstrip('/')}/{self.timestamp}id_/{self.original}"


def _record_from_row(row: Any, header: list[str], url: str, number: int, line: str) -> CdxRecord:
    if not isinstance(row, list) or len(row) != len(header) or not all(isinstance(v, str) for v in row):
        raise MalformedCDXLine(f"expected {len(header)} strings ({', '.join(header)})", url, number, line)
    values = dict(zip(header, row))
    missing = [name for name in CDX_FIELDS if name not in values]
    if missing:
        raise MalformedCDXLine(f"header lacks {', '.join(missing)}", url, number, line)
    record = CdxRecord(**{name: values[name] for name in CDX_FIELDS})
    try:
        record.captured_at
    except ValueError:
        raise MalformedCDXLine(f"bad timestamp {record.timestamp!r}", url, number, line) from None
    if not record.original.startswith(("http://", "https://")):
        raise MalformedCDXLine(f"bad original URL {record.original!r}", url, number, line)
    return record


def parse_cdx(payload: str, url: str = "") -> tuple[list[CdxRecord], list[MalformedCDXLine]]:
    """Parse a CDX `output=json` answer: an array of arrays whose first row names the fields.

    The server writes one row per line, so when the whole text is not valid JSON each line is
    read on its own: one broken line costs that line only. Returns (records, malformed lines).
    Raises CDXError when there is no usable header row.
    """
    text = payload.strip()
    if not text:
        return [], []
    try:
        rows = json.loads(text)
        if rows == []:
            return [], []  # the CDX server's answer when there are no captures
        lines = [(i + 1, row, json.dumps(row)) for i, row in enumerate(rows)] if isinstance(rows, list) else None
    except json.JSONDecodeError:
        lines = None
    if lines is None:
        lines = []
        for number, raw in enumerate(text.splitlines(), start=1):
            cleaned = raw.strip()
            if cleaned.startswith("[["):
                cleaned = cleaned[1:]
            cleaned = cleaned.rstrip(",").strip()
            if cleaned.endswith("]]"):
                cleaned = cleaned[:-1]
            if not cleaned:
                continue
            try:
                lines.append((number, json.loads(cleaned), raw))
            except json.JSONDecodeError:
                lines.append((number, None, raw))
    if not lines or not isinstance(lines[0][1], list) or "timestamp" not in lines[0][1]:
        raise CDXError("CDX answer has no header row naming its fields", url)
    header = lines[0][1]
    records, problems = [], []
    for number, row, raw in lines[1:]:
        try:
            if row is None:
                raise MalformedCDXLine("not valid JSON", url, number, raw)
            records.append(_record_from_row(row, header, url, number, raw))
        except MalformedCDXLine as problem:
            problems.append(problem)
    return records, problems


# ------------------------------------------------------------------------------------- client


class WaybackClient:
    """A rate-limited client for the CDX API and `id_` playback (urllib; no other dependency)."""

    def __init__(self, cdx_url: str = "https://web.archive.org/cdx/search/cdx", playback_url: str = "https://web.archive.org/web",
                 *, rate: float = DEFAULT_RATE, timeout: float = 60.0, user_agent: str = USER_AGENT,
                 bucket: TokenBucket | None = None) -> None:
        self.cdx_url, self.playback_url = cdx_url, playback_url
        self.timeout, self.user_agent = timeout, user_agent
        self.bucket = bucket or TokenBucket(rate)
        self.requests = 0
        self.bytes_received = 0

    def _get(self, url: str, error: type[WaybackError]) -> tuple[bytes, dict[str, str]]:
        self.bucket.acquire()
        self.requests += 1
        request = urllib.request.Request(url, headers={"User-Agent": self.user_agent})
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:
                body = response.read()
                self.bytes_received += len(body)
                return body, {k.lower(): v for k, v in response.headers.items()}
        except urllib.error.HTTPError as failure:
            if failure.code == 429:
                raise RateLimitedError("HTTP 429 Too Many Requests from the Wayback Machine", url) from None
            if failure.code == 403:
                raise BlockedByWaybackError("HTTP 403: the Wayback Machine excludes this URL", url) from None
            raise error(f"HTTP {failure.code} {failure.reason}", url) from None
        except (urllib.error.URLError, TimeoutError, OSError) as failure:
            raise error(f"{type(failure).__name__}: {getattr(failure, 'reason', failure)}", url) from None

    def search(self, url: str, from_date: dt.date | None = None, to_date: dt.date | None = None
               ) -> tuple[list[CdxRecord], list[MalformedCDXLine]]:
        """The distinct (by digest) status-200 captures of `url`, oldest first, and the
        malformed lines skipped. Raises CDXError, RateLimitedError, BlockedByWaybackError."""
        params = [("url", url), ("output", "json"), ("collapse", "digest"), ("filter", "statuscode:200"),
                  ("fl", ",".join(CDX_FIELDS))]
        if from_date:
            params.append(("from", from_date.strftime("%Y%m%d")))
        if to_date:
            params.append(("to", to_date.strftime("%Y%m%d") + "235959"))
        query_url = f"{self.cdx_url}?{urllib.parse.urlencode(params)}"
        body, _ = self._get(query_url, CDXError)
        return parse_cdx(body.decode("utf-8", errors="replace"), query_url)

    def fetch(self, record: CdxRecord) -> tuple[bytes, dict[str, str], str]:
        """The original bytes of one capture: (body, headers, playback URL). Raises PlaybackError…"""
        url = record.playback_url(self.playback_url)
        body, headers = self._get(url, PlaybackError)
        return body, headers, url


# ------------------------------------------------------------------------------------- report

CaptureStatus = Literal["new-version", "unchanged", "anomaly", "failed", "skipped"]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class BackfillCaptureResult(_Strict):
    """What happened to one Wayback capture."""

    timestamp: str
    captured_at: dt.datetime
    playback_url: str
    status: CaptureStatus
    reason: str = ""
    version_id: str | None = None
    bytes: int = 0


class BackfillDocumentResult(_Strict):
    """One source's backfill: its captures, and the CDX lines that could not be read."""

    document_id: str
    url: str
    status: Literal["done", "failed"] = "done"
    reason: str = ""
    captures: list[BackfillCaptureResult] = Field(default_factory=list)
    malformed_lines: list[str] = Field(default_factory=list)


class BackfillReport(_Strict):
    """The machine-readable report of one backfill run."""

    schema_version: Literal[1] = 1
    started_at: dt.datetime
    finished_at: dt.datetime | None = None
    cdx_url: str
    rate: float
    documents: list[BackfillDocumentResult] = Field(default_factory=list)
    totals: dict[str, int] = Field(default_factory=dict)

    def finish(self) -> "BackfillReport":
        """Stamp `finished_at` and count captures per status (in place; returns self)."""
        self.finished_at = dt.datetime.now(dt.timezone.utc)
        totals = {status: 0 for status in ("new-version", "unchanged", "anomaly", "failed", "skipped")}
        for document in self.documents:
            for capture in document.captures:
                totals[capture.status] += 1
        totals["malformed-lines"] = sum(len(d.malformed_lines) for d in self.documents)
        totals["documents-failed"] = sum(d.status == "failed" for d in self.documents)
        self.totals = totals
        return self


# -------------------------------------------------------------------------------------- run


def _already_archived(archive: Any, document_id: str) -> set[dt.datetime]:
    moments = set()
    records = archive.capture_records(document_id) if hasattr(archive, "capture_records") else []
    for record in records:
        if record.get("origin") == "wayback" and record.get("outcome") in {"new-version", "unchanged"}:
            try:
                moments.add(dt.datetime.fromisoformat(str(record["fetched_at"])))
            except (KeyError, ValueError):
                continue
    for meta in archive.versions(document_id):
        if meta.origin == "wayback" and meta.captured_at is not None:
            moments.add(meta.captured_at)
    return moments


def backfill_source(client: WaybackClient, archive: Any, company: CompanySources, source: Source, *,
                    from_date: dt.date | None = None, to_date: dt.date | None = None, limit: int | None = None,
                    on_capture: Callable[[str], None] | None = None) -> BackfillDocumentResult:
    """Backfill one source: CDX query, then fetch and ingest each capture not yet archived.

    Never raises for a Wayback problem: a failed CDX query makes the document `failed` with the
    reason; a failed playback makes that capture `failed`. A 429 stops this document (the
    remaining captures are left for the next run).
    """
    document_id = company.document_id(source)
    result = BackfillDocumentResult(document_id=document_id, url=str(source.url))
    try:
        records, problems = client.search(str(source.url), from_date, to_date)
    except WaybackError as error:
        result.status, result.reason = "failed", str(error)
        return result
    result.malformed_lines = [str(problem) for problem in problems]
    done = _already_archived(archive, document_id)
    for record in records[:limit] if limit else records:
        playback = record.playback_url(client.playback_url)
        entry = dict(timestamp=record.timestamp, captured_at=record.captured_at, playback_url=playback)
        if record.captured_at in done:
            result.captures.append(BackfillCaptureResult(**entry, status="skipped", reason="already archived"))
            continue
        try:
            body, headers, _ = client.fetch(record)
        except RateLimitedError as error:
            result.captures.append(BackfillCaptureResult(**entry, status="failed", reason=str(error)))
            result.status, result.reason = "failed", "rate limited by the Wayback Machine; stopped, re-run later"
            break
        except WaybackError as error:
            result.captures.append(BackfillCaptureResult(**entry, status="failed", reason=str(error)))
            continue
        capture = Capture(document_id=document_id, url=record.original, body=body, fetched_at=record.captured_at,
                          origin="wayback", content_type=headers.get("content-type") or record.mimetype, status=200,
                          headers=headers)
        try:
            outcome = archive.ingest(capture, source)
        except Exception as error:  # the report says what broke; the other captures go on
            result.captures.append(BackfillCaptureResult(**entry, status="failed", bytes=len(body),
                                                         reason=f"archive error: {type(error).__name__}: {error}"))
            continue
        version = outcome.version
        result.captures.append(BackfillCaptureResult(
            **entry, status=outcome.status if outcome.status != "not-modified" else "unchanged", reason=outcome.reason,
            version_id=version.id if version is not None and outcome.status == "new-version" else None, bytes=len(body)))
        if on_capture:
            on_capture(f"{document_id} {record.timestamp}: {outcome.status}")
    return result


def run_backfill(data_dir: Path, archive: Any, client: WaybackClient, *, only_companies: list[str] | None = None,
                 only_sources: list[str] | None = None, from_date: dt.date | None = None, to_date: dt.date | None = None,
                 limit: int | None = None, on_capture: Callable[[str], None] | None = None) -> BackfillReport:
    """Backfill every selected tracked source declared in `data_dir/sources`; returns the report.

    Raises ValueError naming an unknown company or document id.
    """
    companies = load_sources(Path(data_dir) / "sources")
    known = {c.company for c in companies}
    declared = {c.document_id(s) for c in companies for s in c.documents}
    for name in only_companies or []:
        if name not in known:
            raise ValueError(f"unknown company {name!r}")
    for document_id in only_sources or []:
        if document_id not in declared:
            raise ValueError(f"unknown document id {document_id!r}")
    report = BackfillReport(started_at=dt.datetime.now(dt.timezone.utc), cdx_url=client.cdx_url, rate=client.bucket.rate)
    for company in companies:
        if only_companies and company.company not in only_companies:
            continue
        for source in company.documents:
            if not source.track or (only_sources and company.document_id(source) not in only_sources):
                continue
            report.documents.append(backfill_source(client, archive, company, source, from_date=from_date,
                                                    to_date=to_date, limit=limit, on_capture=on_capture))
    return report.finish()


def write_report(report: BackfillReport, path: Path) -> None:
    """Write the report as indented JSON, atomically (temp file + rename)."""
    from accesswatch.atomic_write import write_atomic

    write_atomic(path, report.model_dump_json(indent=2) + "\n")


def _date(text: str | None, flag: str) -> dt.date | None:
    if not text:
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise ValueError(f"{flag} {text!r} is not a date YYYY-MM-DD") from None


def backfill_command(args: argparse.Namespace) -> int:
    """CLI handler of `accesswatch backfill`: exit 0 when the run completed, 2 on bad arguments."""
    from rich.console import Console
    from rich.table import Table

    from accesswatch.archive import Archive

    errors = Console(stderr=True)
    try:
        from_date, to_date = _date(args.from_date, "--from"), _date(args.to_date, "--to")
        client = WaybackClient(args.cdx_url, args.playback_url, rate=args.rate)
        report = run_backfill(args.data, Archive(args.archive), client, only_companies=args.company,
                              only_sources=args.source, from_date=from_date, to_date=to_date,
                              limit=getattr(args, "limit", None),
                              on_capture=None if getattr(args, "quiet", False) else lambda text: errors.print(text, markup=False))
    except ValueError as error:
        errors.print(f"accesswatch backfill: {error}", markup=False)
        return 2
    if args.report:
        write_report(report, args.report)
    table = Table(title="AccessWatch backfill")
    for column in ("document", "captures", "new", "unchanged", "anomaly", "failed", "skipped", "malformed", "note"):
        table.add_column(column)
    for document in report.documents:
        count = lambda status: str(sum(c.status == status for c in document.captures))
        table.add_row(document.document_id, str(len(document.captures)), count("new-version"), count("unchanged"),
                      count("anomaly"), count("failed"), count("skipped"), str(len(document.malformed_lines)), document.reason)
    Console(width=None if sys.stdout.isatty() else 160).print(table)
    return 0
