"""Curated events: `data/events/*.yml`, dated facts with sources, written by people.

Events carry what documents imply but do not state as text changes: pre-deployment access given
to an evaluator (with depth and days before release), agreements with AI safety institutes,
evaluator reports, first internal use, restricted or withheld releases, retirements. They feed the
access ledger and the access-parity table (promise beside practice).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, HttpUrl

from accesswatch.taxonomy import AccessDepth

EventType = Literal[
    "pre-deployment-access",   # an outside evaluator tested a model before release
    "post-deployment-access",  # ... only after release
    "no-external-access",      # a release for which no outside pre-deployment testing was disclosed
    "agreement",               # MOU / agreement with an institute or government
    "evaluator-report",        # an evaluator published its findings
    "framework-published",     # a safety framework version was published
    "model-release",           # public (or API) availability of a model
    "restricted-release",      # released only to partners / limited access
    "withheld",                # a model held back from public release
    "internal-use",            # first use inside the company, as the company states it
    "system-card-published",   # the system/model card appeared (relative to release)
    "retirement",              # model retired / deprecated
    "weight-preservation",     # commitment or practice of preserving weights
    "commitment",              # a public (multi-company or government) commitment
    "policy-change",           # a change to access or evaluation policy announced outside a framework
    "other",
]
EventStatus = Literal["confirmed", "contested"]


class EventSource(BaseModel):
    model_config = ConfigDict(extra="forbid")

    url: HttpUrl
    title: str
    publisher: str | None = None
    archived_url: HttpUrl | None = None
    corpus_document: str | None = Field(default=None, description="Document id in data/documents when the source is archived there.")


class Event(BaseModel):
    """One dated fact about external evaluation or model access."""

    model_config = ConfigDict(extra="forbid")

    id: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$", description="Stable slug, unique across data/events.")
    date: dt.date
    date_precision: Literal["day", "month", "year"] = "day"
    type: EventType
    title: str = Field(min_length=1)
    summary: str = ""
    companies: list[str] = Field(min_length=1, description="Company slugs as in data/sources.")
    model: str | None = None
    evaluators: list[str] = Field(default_factory=list)
    access_depth: AccessDepth | None = None
    days_before_release: int | None = Field(default=None, description="Days of outside access before public release; negative = after.")
    release_date: dt.date | None = None
    nda: bool | None = None
    company_review_of_publication: bool | None = None
    agreement: str | None = None
    report: HttpUrl | None = None
    status: EventStatus = "confirmed"
    sources: list[EventSource] = Field(min_length=1)
    notes: str | None = None


class EventFile(BaseModel):
    """A whole `data/events/<name>.yml` file."""

    model_config = ConfigDict(extra="forbid")

    events: list[Event] = Field(default_factory=list)


def load_events(directory: Path) -> list[Event]:
    """Every event of every `*.yml` in `directory`, sorted by date then id."""
    events: list[Event] = []
    for path in sorted(Path(directory).glob("*.yml")):
        with path.open(encoding="utf-8") as handle:
            events.extend(EventFile.model_validate(yaml.safe_load(handle) or {}).events)
    return sorted(events, key=lambda event: (event.date, event.id))
