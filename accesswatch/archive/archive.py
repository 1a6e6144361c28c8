"""`Archive(root)`: the archive's one interface for the crawler, backfill, import and later stages.

`ingest` turns a `Capture` into a version (or says why not); the read side lists documents and
versions and returns texts. Everything is stored under `root` (see `accesswatch.archive.store`).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from accesswatch.archive.capture import Capture, IngestOutcome
from accesswatch.archive.errors import NormalizationError, SelectorNotFound
from accesswatch.archive.guards import SHRINK_THRESHOLD, empty_anomaly, shrink_anomaly, status_anomaly, stub_anomaly
from accesswatch.archive.noise import apply_filters
from accesswatch.archive.store import CaptureStore, VersionStore, chronological_key, sha256_hex
from accesswatch.record_models import VersionMeta
from accesswatch.sources import Source

# Bump when a normaliser's output changes; versions record it so re-extractions can be told apart.
NORMALIZER_VERSION = "1.0"


def _utc(moment: dt.datetime) -> dt.datetime:
    return moment.replace(tzinfo=dt.timezone.utc) if moment.tzinfo is None else moment.astimezone(dt.timezone.utc)


def _header(headers: dict[str, str], name: str) -> str | None:
    for key, value in (headers or {}).items():
        if key.lower() == name.lower():
            return value
    return None


def sniff_format(capture: Capture, source: Source | None) -> str:
    """"pdf", "html" or "text": the bytes' magic first, then the Content-Type, then the declaration."""
    body = capture.body.lstrip()[:1024]
    if body.startswith(b"%PDF-"):
        return "pdf"
    content_type = (capture.content_type or _header(capture.headers, "content-type") or "").lower()
    if "pdf" in content_type:
        return "pdf"
    lowered = body.lower()
    looks_html = lowered.startswith((b"<!doctype html", b"<html", b"<?xml")) or b"<body" in lowered or b"<head" in lowered
    if "html" in content_type or "xml" in content_type:
        return "html"
    if content_type.startswith("text/"):
        # A server labelling a declared HTML page text/plain still sent HTML.
        declared_html = source is not None and source.format == "html" and "markdown" not in content_type
        return "html" if looks_html and declared_html else "text"
    if looks_html:
        return "html"
    return source.format if source is not None else "html"


def normalize_capture(capture: Capture, source: Source | None) -> str:
    """The normalised text of a capture (before noise filters). Raises `NormalizationError`."""
    kind = sniff_format(capture, source)
    if kind == "pdf":
        from accesswatch.archive.normalize_pdf import normalize_pdf

        return normalize_pdf(capture.body, url=capture.url)
    if kind == "html":
        from accesswatch.archive.normalize_html import normalize_html

        charset = None
        content_type = capture.content_type or _header(capture.headers, "content-type") or ""
        if "charset=" in content_type.lower():
            charset = content_type.lower().split("charset=", 1)[1].split(";")[0].strip(" \"'")
        return normalize_html(
            capture.body, url=capture.url, encoding=charset,
            select=list(source.select) if source else [], remove=list(source.remove) if source else [],
        )
    from accesswatch.archive.normalize_html import decode_html
    from accesswatch.archive.textnorm import normalize_text

    return normalize_text(decode_html(capture.body))


class Archive:
    """Raw captures and normalised versions under one folder.

    `shrink_threshold`: a live/wayback capture whose text is shorter than this fraction of the
    previous version is an anomaly.
    """

    def __init__(self, root: Path | str, *, shrink_threshold: float = SHRINK_THRESHOLD) -> None:
        self.root = Path(root)
        self.captures = CaptureStore(self.root)
        self.store = VersionStore(self.root)
        self.shrink_threshold = shrink_threshold

    # -- write side ---------------------------------------------------------------------------

    def ingest(self, capture: Capture, source: Source | None = None) -> IngestOutcome:
        """Store a capture's raw bytes and, when its normalised text is new, a version.

        Outcome status: "new-version" (with its `VersionMeta`); "unchanged" (normalised text
        identical to the previous version's, or this very capture is already archived: reason
        "already archived as version …"); "anomaly" (non-2xx status, a PDF source answering with
        something else, selector matching nothing, empty text, an error/login stub, text collapsed
        below the shrink threshold: reported, no version); or "failed" (the body could not be
        normalised: broken, encrypted or image-only PDF…). The raw bytes and a capture record are
        always kept (except when an import replays a file already archived). Imports (origin
        "import") are curated files: only the empty-text guard applies to them, and their
        versions have no `captured_at` (they are dated by `capture.published`).
        """
        raw_sha = self.captures.put_raw(capture.body)
        outcome = self._decide(capture, source, raw_sha)
        if not (capture.origin == "import" and self._already_recorded(capture, raw_sha, outcome)):
            self._record(capture, raw_sha, outcome)  # re-importing a folder adds nothing, not even records
        return outcome

    def _decide(self, capture: Capture, source: Source | None, raw_sha: str) -> IngestOutcome:
        doc, url = capture.document_id, capture.url

        def refuse(status: str, reason: str) -> IngestOutcome:
            return IngestOutcome(doc, url, status, reason)  # type: ignore[arg-type]

        guarded = capture.origin != "import"  # live and wayback captures go through every guard
        if guarded and (reason := status_anomaly(capture.status)):
            return refuse("anomaly", reason)
        if guarded and source is not None and source.format == "pdf" and sniff_format(capture, source) != "pdf":
            kind = capture.content_type or _header(capture.headers, "content-type") or "unknown type"
            return refuse("anomaly", f"declared as a PDF but the response is not one ({kind})")
        try:
            text = normalize_capture(capture, source)
        except SelectorNotFound as error:
            return refuse("anomaly", error.reason)
        except NormalizationError as error:
            return refuse("failed", error.reason)
        except Exception as error:  # noqa: BLE001 - a parser bug on odd input must not stop a crawl
            return refuse("failed", f"normaliser crashed on this body: {error.__class__.__name__}: {error}")
        if source is not None and source.filters:
            text = apply_filters(text, source.filters)
        if reason := empty_anomaly(text):
            return refuse("anomaly", reason)
        if guarded and (reason := stub_anomaly(text)):
            return refuse("anomaly", reason)

        text_sha = sha256_hex(text.encode("utf-8"))
        captured_at = _utc(capture.fetched_at)
        if capture.origin == "import":
            date = capture.published or captured_at.date()
            base_id = date.isoformat()
        else:
            date = captured_at.date()
            base_id = captured_at.strftime("%Y-%m-%dT%H%M%SZ")
        existing = self.store.versions(doc)
        for meta in existing:
            same_moment = meta.date == date if capture.origin == "import" else meta.captured_at == captured_at
            if same_moment and meta.text_sha256 == text_sha and meta.origin == capture.origin:
                return IngestOutcome(doc, url, "unchanged", f"already archived as version {meta.id}", meta)
        meta = VersionMeta(
            id=base_id, date=date, captured_at=None if capture.origin == "import" else captured_at,
            url=url, origin=capture.origin,
            raw_sha256=raw_sha, text_sha256=text_sha, chars=len(text),
            normalizer_version=NORMALIZER_VERSION, label=capture.label,
        )
        previous = [m for m in existing if chronological_key(m) <= chronological_key(meta)]
        if previous:
            last = previous[-1]
            if last.text_sha256 == text_sha:
                return IngestOutcome(doc, url, "unchanged", f"normalised text identical to version {last.id}", last)
            if guarded and (reason := shrink_anomaly(text, self.store.text(doc, last.id), last.id, self.shrink_threshold)):
                return refuse("anomaly", reason)
        meta = meta.model_copy(update={"id": self.store.allocate_id(doc, base_id)})
        self.store.add(doc, meta, text)
        return IngestOutcome(doc, url, "new-version", f"version {meta.id} ({len(text)} chars)", meta)

    def record_not_modified(
        self, document_id: str, url: str, fetched_at: dt.datetime, headers: dict[str, str] | None = None
    ) -> IngestOutcome:
        """Record a 304 Not Modified answer to a conditional request; no raw bytes, no version."""
        latest = self.latest(document_id)
        outcome = IngestOutcome(document_id, url, "not-modified", "HTTP 304: not modified since the last capture", latest)
        record = self._base_record(document_id, url, fetched_at, 304, headers or {}, None, None)
        self.captures.add(document_id, {**record, **self._outcome_fields(outcome)})
        return outcome

    def _base_record(self, document_id, url, fetched_at, status, headers, raw_sha, content_type) -> dict[str, Any]:
        return {
            "document_id": document_id,
            "url": url,
            "fetched_at": _utc(fetched_at).isoformat(),
            "recorded_at": dt.datetime.now(dt.timezone.utc).isoformat(),
            "http_status": status,
            "content_type": content_type,
            "headers": dict(headers),
            "etag": _header(headers, "etag"),
            "last_modified": _header(headers, "last-modified"),
            "raw_sha256": raw_sha,
        }

    @staticmethod
    def _outcome_fields(outcome: IngestOutcome) -> dict[str, Any]:
        return {
            "outcome": outcome.status,
            "reason": outcome.reason,
            "version_id": outcome.version.id if outcome.version else None,
        }

    def _already_recorded(self, capture: Capture, raw_sha: str, outcome: IngestOutcome) -> bool:
        fetched = _utc(capture.fetched_at).isoformat()
        return outcome.status == "unchanged" and any(
            r.get("raw_sha256") == raw_sha and r.get("fetched_at") == fetched and r.get("origin") == capture.origin
            for r in self.captures.records(capture.document_id)
        )

    def _record(self, capture: Capture, raw_sha: str, outcome: IngestOutcome) -> None:
        record = self._base_record(
            capture.document_id, capture.url, capture.fetched_at, capture.status, capture.headers, raw_sha, capture.content_type
        )
        record.update(origin=capture.origin, size=len(capture.body), **self._outcome_fields(outcome))
        self.captures.add(capture.document_id, record)

    def repair(self, min_age_seconds: float = 0.0) -> list[Path]:
        """Remove leftovers of interrupted runs (temporary files, texts without metadata)."""
        return self.store.repair(min_age_seconds)

    # -- read side ----------------------------------------------------------------------------

    def validators(self, document_id: str) -> dict[str, str | None]:
        """`{"etag": …, "last_modified": …}` of the latest successful capture (values may be None)."""
        for record in reversed(self.captures.records(document_id)):
            if record.get("outcome") in {"new-version", "unchanged", "not-modified"} and (record.get("etag") or record.get("last_modified")):
                return {"etag": record.get("etag"), "last_modified": record.get("last_modified")}
        return {"etag": None, "last_modified": None}

    def capture_records(self, document_id: str) -> list[dict[str, Any]]:
        """Every capture record of a document (dicts as stored), oldest first."""
        return self.captures.records(document_id)

    def raw(self, sha: str) -> bytes:
        """Raw bytes of a capture by SHA-256."""
        return self.captures.get_raw(sha)

    def documents(self) -> list[str]:
        """Ids of archived documents (with at least one version), sorted."""
        return self.store.documents()

    def versions(self, document_id: str) -> list[VersionMeta]:
        """Versions of a document, oldest first."""
        return self.store.versions(document_id)

    def latest(self, document_id: str) -> VersionMeta | None:
        """The newest version, or None."""
        versions = self.versions(document_id)
        return versions[-1] if versions else None

    def text(self, document_id: str, version_id: str) -> str:
        """Normalised text of a version (KeyError when it does not exist)."""
        return self.store.text(document_id, version_id)
