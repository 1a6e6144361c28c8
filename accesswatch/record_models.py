"""Typed records of `data/documents/<company>/<document>.yml`: versions, statements, changes.

A record file holds everything the pipeline knows about one tracked document. Machine fields are
rewritten by each run; the `review` block of a statement or a change belongs to people and is
never overwritten (see `accesswatch.records`).
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from accesswatch.taxonomy import (
    AccessDepth,
    Category,
    ChangeKind,
    DocumentKind,
    Origin,
    Strength,
    Timing,
)

ReviewStatus = Literal["unreviewed", "confirmed", "corrected", "rejected", "contested"]
RecordOrigin = Literal["machine", "reviewer"]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Review(_Strict):
    """The human-edited part of a statement or change record."""

    status: ReviewStatus = "unreviewed"
    corrected: dict[str, Any] = Field(
        default_factory=dict,
        description="Fields the reviewer corrected, with their corrected values "
        "(e.g. {kind: weakened} or {strength: intention}).",
    )
    note: str | None = None
    reviewer: str | None = None
    reviewed_on: dt.date | None = None


class VersionMeta(_Strict):
    """One archived version of a document (the text itself lives in the archive)."""

    id: str = Field(description="Version id, unique within the document, e.g. 2024-10-15 or 2026-11-29T201500Z.")
    date: dt.date = Field(description="Publication date (import) or capture date (live, wayback).")
    captured_at: dt.datetime | None = None
    url: str
    origin: Origin
    raw_sha256: str = Field(pattern=r"^[0-9a-f]{64}$")
    text_sha256: str = Field(pattern=r"^[0-9a-f]{64}$")
    chars: int = Field(ge=0)
    normalizer_version: str
    label: str | None = Field(default=None, description="The company's own version label, if any.")
    note: str | None = None


class StatementRevision(_Strict):
    """How a statement read in one version (its lineage across versions)."""

    version: str
    quote: str
    strength: Strength
    categories: list[Category]


class Statement(_Strict):
    """An in-scope statement about external evaluation or model access."""

    id: str = Field(description="Stable id, kept across versions by lineage alignment.")
    origin: RecordOrigin = Field(default="machine", description="`reviewer`: added by a person because the machine missed it; never dropped by re-extraction.")
    version: str = Field(description="The latest version in which the statement appears; `quote` is from it.")
    first_seen: str
    last_seen: str
    current: bool = Field(description="True when the statement is in the document's latest version.")
    quote: str
    section: str = ""
    start: int = Field(ge=0)
    end: int = Field(ge=0)
    page: int | None = None
    categories: list[Category] = Field(min_length=1)
    strength: Strength
    access_depth: AccessDepth | None = None
    actors: list[str] = Field(default_factory=list)
    timing: Timing | None = None
    conditions: list[str] = Field(default_factory=list)
    cues: list[str] = Field(default_factory=list)
    history: list[StatementRevision] = Field(default_factory=list)
    conflict: str | None = Field(
        default=None,
        description="Set by the machine when new output disagrees with a human review; cleared by a reviewer.",
    )
    review: Review = Field(default_factory=Review)


class Change(_Strict):
    """A statement-level change between two consecutive versions."""

    id: str
    origin: RecordOrigin = Field(default="machine", description="`reviewer`: added by a person because the machine missed it; never dropped by re-extraction.")
    old_version: str
    new_version: str
    kind: ChangeKind
    statement: str | None = Field(default=None, description="Id of the statement this change belongs to.")
    before: str | None = None
    after: str | None = None
    categories: list[Category] = Field(default_factory=list)
    strength_before: Strength | None = None
    strength_after: Strength | None = None
    reasons: list[str] = Field(default_factory=list)
    materiality: int = Field(default=0, ge=0, le=100, description="Ranking score: higher means more material.")
    announced: bool | None = Field(default=None, description="Mentioned in the company's changelog/announcement; null when unknown.")
    section: str = ""
    conflict: str | None = None
    review: Review = Field(default_factory=Review)


class DocumentInfo(_Strict):
    id: str = Field(pattern=r"^[a-z0-9-]+/[a-z0-9-]+$", description="<company>/<document>, as in data/sources.")
    company: str
    title: str
    kind: DocumentKind
    url: str


class DocumentRecord(_Strict):
    """The whole record file of one document."""

    document: DocumentInfo
    versions: list[VersionMeta] = Field(default_factory=list)
    statements: list[Statement] = Field(default_factory=list)
    changes: list[Change] = Field(default_factory=list)
