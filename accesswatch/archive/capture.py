"""What the fetch stages hand to the archive, and what the archive answers."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Literal

from accesswatch.record_models import VersionMeta
from accesswatch.taxonomy import Origin


@dataclass(frozen=True)
class Capture:
    """The raw bytes of one fetch of one declared document.

    `fetched_at` is the capture time (UTC); for Wayback captures the archive's timestamp.
    `published` is the publication date when known (imports from a dated folder).
    """

    document_id: str
    url: str
    body: bytes
    fetched_at: dt.datetime
    origin: Origin
    content_type: str | None = None
    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)
    published: dt.date | None = None
    label: str | None = None


OutcomeStatus = Literal["new-version", "unchanged", "not-modified", "anomaly", "failed"]


@dataclass(frozen=True)
class IngestOutcome:
    """What happened to one capture: a new version, nothing new, or why it was refused."""

    document_id: str
    url: str
    status: OutcomeStatus
    reason: str = ""
    version: VersionMeta | None = None
