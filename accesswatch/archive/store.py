"""The archive on disk: a content-addressed store of raw captures, and a store of versions.

Layout under the archive root:
    raw/<sha[:2]>/<sha256>                         raw bytes, content-addressed, written once
    captures/<company>/<slug>/<capture-id>.json    one per fetch: url, time, status, headers, raw sha, outcome
    versions/<company>/<slug>/<version-id>.md      normalised text of a version
    versions/<company>/<slug>/<version-id>.json    its `VersionMeta`, written LAST

Every file is written to a temporary file in the same folder and renamed into place
(`os.replace`), so a reader never sees half a file. A version exists only once its JSON exists:
a `.md` without its `.json` (a run killed between the two writes) is an orphan, ignored by
readers, overwritten by the next ingest that needs that id, and removed by `repair()`.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
import time
import uuid
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from accesswatch.atomic_write import write_atomic as _write_atomic
from accesswatch.record_models import VersionMeta
from accesswatch.taxonomy import Origin

_TMP_PREFIX = ".tmp-"
_DOC_ID = re.compile(r"^[a-z0-9][a-z0-9-]*/[a-z0-9][a-z0-9-]*$")


def sha256_hex(data: bytes) -> str:
    """Hex SHA-256 of `data`."""
    return hashlib.sha256(data).hexdigest()


def write_atomic(path: Path, data: bytes) -> None:
    """Write `data` to `path` atomically, with the archive's temporary-file prefix (see `repair`)."""
    _write_atomic(path, data, prefix=_TMP_PREFIX)


def check_document_id(document_id: str) -> tuple[str, str]:
    """Split `<company>/<slug>`; ValueError for anything else (ids become folder names)."""
    if not _DOC_ID.match(document_id):
        raise ValueError(f"bad document id {document_id!r}: expected <company>/<slug> in lowercase letters, digits and '-'")
    company, slug = document_id.split("/")
    return company, slug


class CaptureRecord(BaseModel):
    """What the archive keeps about one fetch (`captures/<company>/<slug>/<capture-id>.json`)."""

    model_config = ConfigDict(extra="allow")

    capture_id: str = ""
    document_id: str
    url: str
    fetched_at: str = Field(description="ISO 8601 UTC time of the fetch (Wayback: the capture's timestamp).")
    recorded_at: str = Field(description="ISO 8601 UTC time the archive wrote this record.")
    origin: Origin | None = None
    http_status: int
    content_type: str | None = None
    headers: dict[str, str] = Field(default_factory=dict)
    etag: str | None = None
    last_modified: str | None = None
    raw_sha256: str | None = Field(default=None, description="SHA-256 of the body in raw/; null for a 304.")
    size: int | None = None
    outcome: str = Field(description="new-version | unchanged | not-modified | anomaly | failed")
    reason: str = ""
    version_id: str | None = None


class CaptureStore:
    """Raw bytes by SHA-256, and one metadata record per capture (fetch) of a document."""

    def __init__(self, root: Path) -> None:
        self.root = Path(root)

    def raw_path(self, sha: str) -> Path:
        return self.root / "raw" / sha[:2] / sha

    def put_raw(self, body: bytes) -> str:
        """Store `body` (once; identical bodies share one file) and return its SHA-256."""
        sha = sha256_hex(body)
        path = self.raw_path(sha)
        if not path.exists():
            write_atomic(path, body)
        return sha

    def get_raw(self, sha: str) -> bytes:
        """The raw bytes stored under `sha`; FileNotFoundError naming the path when absent."""
        return self.raw_path(sha).read_bytes()

    def add(self, document_id: str, record: dict[str, Any]) -> str:
        """Validate one capture record (`CaptureRecord` fields) and write it; returns its capture id."""
        company, slug = check_document_id(document_id)
        fetched = str(record.get("fetched_at", ""))
        stamp = re.sub(r"[^0-9TZ]", "", fetched.replace("+00:00", "Z"))[:16] or "undated"
        capture_id = f"{stamp}-{uuid.uuid4().hex[:8]}"
        checked = CaptureRecord.model_validate({**record, "capture_id": capture_id, "document_id": document_id})
        data = json.dumps(checked.model_dump(mode="json"), indent=2, sort_keys=True).encode("utf-8") + b"\n"
        write_atomic(self.root / "captures" / company / slug / f"{capture_id}.json", data)
        return capture_id

    def records(self, document_id: str) -> list[dict[str, Any]]:
        """Every capture record of a document, oldest first (by fetched_at, then write order)."""
        company, slug = check_document_id(document_id)
        folder = self.root / "captures" / company / slug
        records = []
        for path in folder.glob("*.json") if folder.is_dir() else []:
            try:
                records.append(json.loads(path.read_text(encoding="utf-8")))
            except (OSError, ValueError):
                continue  # a foreign or damaged file is not a capture
        return sorted(records, key=lambda r: (str(r.get("fetched_at", "")), str(r.get("recorded_at", ""))))


class VersionStore:
    """Versions of each document: `<version-id>.md` text plus `<version-id>.json` metadata."""

    def __init__(self, root: Path) -> None:
        self.root = Path(root)

    def folder(self, document_id: str) -> Path:
        company, slug = check_document_id(document_id)
        return self.root / "versions" / company / slug

    def documents(self) -> list[str]:
        """Ids of the documents with at least one complete version, sorted."""
        base = self.root / "versions"
        if not base.is_dir():
            return []
        found = []
        for company in sorted(p for p in base.iterdir() if p.is_dir()):
            for slug in sorted(p for p in company.iterdir() if p.is_dir()):
                if any(not p.name.startswith(_TMP_PREFIX) for p in slug.glob("*.json")):
                    found.append(f"{company.name}/{slug.name}")
        return found

    def versions(self, document_id: str) -> list[VersionMeta]:
        """Complete versions of a document in chronological order (see `chronological_key`)."""
        folder = self.folder(document_id)
        if not folder.is_dir():
            return []
        metas = []
        for path in folder.glob("*.json"):
            if path.name.startswith(_TMP_PREFIX) or not path.with_suffix(".md").exists():
                continue
            metas.append(VersionMeta.model_validate_json(path.read_text(encoding="utf-8")))
        return sorted(metas, key=chronological_key)

    def exists(self, document_id: str, version_id: str) -> bool:
        return (self.folder(document_id) / f"{version_id}.json").exists()

    def text(self, document_id: str, version_id: str) -> str:
        """The normalised text of a complete version; KeyError naming it when there is none."""
        folder = self.folder(document_id)
        if not (folder / f"{version_id}.json").exists():
            raise KeyError(f"{document_id}: no version {version_id!r} in {folder}")
        return (folder / f"{version_id}.md").read_text(encoding="utf-8")

    def add(self, document_id: str, meta: VersionMeta, text: str) -> None:
        """Write a version: text first, then its metadata JSON (the commit point)."""
        folder = self.folder(document_id)
        if (folder / f"{meta.id}.json").exists():
            raise FileExistsError(f"{document_id}: version {meta.id} already exists in {folder}")
        write_atomic(folder / f"{meta.id}.md", text.encode("utf-8"))
        write_atomic(folder / f"{meta.id}.json", meta.model_dump_json(indent=2).encode("utf-8") + b"\n")

    def allocate_id(self, document_id: str, base: str) -> str:
        """`base`, or `base-2`, `base-3`, … : the first id without a complete version."""
        candidate, n = base, 1
        while self.exists(document_id, candidate):
            n += 1
            candidate = f"{base}-{n}"
        return candidate

    def repair(self, min_age_seconds: float = 0.0) -> list[Path]:
        """Delete leftovers of interrupted writes (temporary files, `.md` without `.json`).

        Only files older than `min_age_seconds` are touched, so a repair can run beside a live
        writer. Returns the removed paths.
        """
        removed = []
        now = time.time()
        for base in (self.root / "versions", self.root / "captures", self.root / "raw"):
            if not base.is_dir():
                continue
            for path in base.rglob("*"):
                if not path.is_file() or now - path.stat().st_mtime < min_age_seconds:
                    continue
                orphan = path.suffix == ".md" and base.name == "versions" and not path.with_suffix(".json").exists()
                if path.name.startswith(_TMP_PREFIX) or orphan:
                    path.unlink(missing_ok=True)
                    removed.append(path)
        return removed


def chronological_key(meta: VersionMeta) -> tuple:
    """Sort key: date, then capture time, then the numeric suffix of a repeated id."""
    suffix = re.search(r"-(\d+)$", meta.id[10:]) if len(meta.id) > 10 else None
    captured = meta.captured_at or dt.datetime.combine(meta.date, dt.time.min, tzinfo=dt.timezone.utc)
    if captured.tzinfo is None:
        captured = captured.replace(tzinfo=dt.timezone.utc)
    return (meta.date, captured, int(suffix.group(1)) if suffix else 1, meta.id)
