"""The tables behind the site and the downloads, as pandas frames built from `data/`.

Input is a `Dataset` (declared sources, document records, curated events). Every frame shows
*reviewed* values: a record whose review status is `corrected` is displayed with the reviewer's
values in place of the machine's, and a `rejected` record is left out of every current-picture
table (it stays in the exports with its review status, and on its document page, marked).

Frames: `versions_frame`, `statements_frame`, `changes_frame`, `events_frame`, `timeline_frame`,
`matrix_long` / `matrix_frame` (company × category → strongest current strength),
`ledger_frame` (model × evaluator × depth × days before release, promise beside practice),
`parity_frame` (per company and model: how far outsiders trail insiders), and `export_frames`
(flat tables for CSV/JSON downloads).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd
import yaml
from pydantic import ValidationError

from accesswatch.events import Event, load_events
from accesswatch.record_models import Change, DocumentRecord, Statement, VersionMeta
from accesswatch.records import RecordError, read_records
from accesswatch.sources import CompanySources, load_sources
from accesswatch.taxonomy import CATEGORIES, PROMISE_RANK

NOT_DISCLOSED = "not disclosed"

# How the matrix says the strongest current strength of a company in a category.
MATRIX_LABELS: dict[str, str] = {
    "commitment": "commitment",
    "intention": "intention",
    "discretionary": "discretionary",
    "practice": "only practice",
    "nothing": "nothing",
}

# Event types that are access given (or not given) to outside evaluators: ledger rows.
_ACCESS_EVENTS = ("pre-deployment-access", "post-deployment-access", "no-external-access")
# Categories whose statements say who outside gets access: ledger rows when they name depth or actors.
_ACCESS_CATEGORIES = ("external-evaluation", "external-red-teaming", "government-access", "researcher-access")


@dataclass(frozen=True)
class Dataset:
    """Everything the site is built from: declared sources, document records, curated events."""

    companies: list[CompanySources] = field(default_factory=list)
    records: list[DocumentRecord] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    data_dir: Path | None = None

    def company_slugs(self) -> list[str]:
        """Every company that has sources, records or events, sorted."""
        slugs = {c.company for c in self.companies}
        slugs.update(r.document.company for r in self.records)
        for event in self.events:
            slugs.update(event.companies)
        return sorted(slugs)

    def company_name(self, slug: str) -> str:
        """The company's display name from its sources file, else a title-cased slug."""
        for company in self.companies:
            if company.company == slug:
                return company.name
        return slug.replace("-", " ").title()

    def record(self, document_id: str) -> DocumentRecord | None:
        """The record of `document_id`, or None."""
        for record in self.records:
            if record.document.id == document_id:
                return record
        return None


def load_dataset(data_dir: Path) -> Dataset:
    """Read `data_dir/sources`, `data_dir/documents` and `data_dir/events` (each may be absent).

    Raises the loaders' errors (`accesswatch.records.RecordError`, `pydantic.ValidationError`,
    `yaml.YAMLError`) on a malformed file; each names the file.
    """
    data_dir = Path(data_dir)
    companies = load_sources(data_dir / "sources") if (data_dir / "sources").is_dir() else []
    records = _read_records(data_dir) if (data_dir / "documents").is_dir() else []
    events = load_events(data_dir / "events") if (data_dir / "events").is_dir() else []
    return Dataset(companies=companies, records=records, events=events, data_dir=data_dir)


def _read_records(data_dir: Path) -> list[DocumentRecord]:
    """Every record under `data_dir/documents`, like `accesswatch.records.read_records`, with
    libyaml's C loader when available (about eight times faster on the full corpus)."""
    loader = getattr(yaml, "CSafeLoader", None)
    if loader is None:
        return read_records(data_dir)
    records = []
    for path in sorted((Path(data_dir) / "documents").glob("*/*.yml")):
        try:
            with path.open(encoding="utf-8") as handle:
                records.append(DocumentRecord.model_validate(yaml.load(handle, Loader=loader)))
        except (OSError, yaml.YAMLError, ValueError) as error:
            first_line = str(error).splitlines()[0] if str(error) else type(error).__name__
            raise RecordError(f"{path}: cannot read record: {first_line}") from error
    return sorted(records, key=lambda record: record.document.id)


def _apply_review(item: Any) -> Any:
    """The item with a `corrected` review's values in place of the machine's.

    Corrected fields that the model does not know, or values that do not validate, are ignored
    (the validator reports them); the rest apply.
    """
    review = item.review
    if review.status != "corrected" or not review.corrected:
        return item
    base = item.model_dump()
    known = {k: v for k, v in review.corrected.items() if k in type(item).model_fields and k not in ("id", "review")}
    try:
        return type(item).model_validate({**base, **known})
    except ValidationError:
        good = {}
        for key, value in known.items():
            try:
                type(item).model_validate({**base, key: value})
            except ValidationError:
                continue
            good[key] = value
        return type(item).model_validate({**base, **good})


def effective_statement(statement: Statement) -> Statement:
    """The statement as displayed: reviewer corrections applied."""
    return _apply_review(statement)


def effective_change(change: Change) -> Change:
    """The change as displayed: reviewer corrections applied."""
    return _apply_review(change)


def version_dates(record: DocumentRecord) -> dict[str, dt.date]:
    """Version id → date of one record."""
    return {version.id: version.date for version in record.versions}


def latest_version(record: DocumentRecord) -> VersionMeta | None:
    """The newest version of a record (by date, then id), or None."""
    if not record.versions:
        return None
    return max(record.versions, key=lambda v: (v.date, v.id))


def versions_frame(dataset: Dataset) -> pd.DataFrame:
    """One row per archived version: document, company, version, date, origin, url, hashes, size, label."""
    rows = [
        {
            "company": record.document.company,
            "document": record.document.id,
            "document_title": record.document.title,
            "version": v.id,
            "date": v.date,
            "origin": v.origin,
            "url": v.url,
            "raw_sha256": v.raw_sha256,
            "text_sha256": v.text_sha256,
            "chars": v.chars,
            "label": v.label,
            "captured_at": v.captured_at.isoformat() if v.captured_at else None,
        }
        for record in dataset.records
        for v in sorted(record.versions, key=lambda v: (v.date, v.id))
    ]
    return pd.DataFrame(rows, dtype=object, columns=_VERSION_COLUMNS)


_VERSION_COLUMNS = ["company", "document", "document_title", "version", "date", "origin", "url",
                    "raw_sha256", "text_sha256", "chars", "label", "captured_at"]


def statements_frame(dataset: Dataset, *, include_rejected: bool = True) -> pd.DataFrame:
    """One row per statement (reviewed values), with its document and review status.

    List fields (categories, actors, conditions, cues) stay Python lists.
    """
    rows = []
    for record in dataset.records:
        dates = version_dates(record)
        for raw in record.statements:
            if not include_rejected and raw.review.status == "rejected":
                continue
            s = effective_statement(raw)
            rows.append({
                "company": record.document.company,
                "document": record.document.id,
                "document_title": record.document.title,
                "document_kind": record.document.kind,
                "statement": s.id,
                "version": s.version,
                "version_date": dates.get(s.version),
                "first_seen": s.first_seen,
                "first_seen_date": dates.get(s.first_seen),
                "last_seen": s.last_seen,
                "current": s.current,
                "quote": s.quote,
                "section": s.section,
                "categories": list(s.categories),
                "strength": s.strength,
                "access_depth": s.access_depth,
                "actors": list(s.actors),
                "timing": s.timing,
                "conditions": list(s.conditions),
                "cues": list(s.cues),
                "review_status": raw.review.status,
                "conflict": s.conflict,
                "origin": getattr(raw, "origin", "machine"),
            })
    return pd.DataFrame(rows, dtype=object, columns=_STATEMENT_COLUMNS)


_STATEMENT_COLUMNS = ["company", "document", "document_title", "document_kind", "statement", "version",
                      "version_date", "first_seen", "first_seen_date", "last_seen", "current", "quote",
                      "section", "categories", "strength", "access_depth", "actors", "timing",
                      "conditions", "cues", "review_status", "conflict", "origin"]


def changes_frame(dataset: Dataset, *, include_rejected: bool = True) -> pd.DataFrame:
    """One row per change (reviewed values), dated by its new version, newest first."""
    rows = []
    for record in dataset.records:
        dates = version_dates(record)
        for raw in record.changes:
            if not include_rejected and raw.review.status == "rejected":
                continue
            c = effective_change(raw)
            rows.append({
                "date": dates.get(c.new_version),
                "company": record.document.company,
                "document": record.document.id,
                "document_title": record.document.title,
                "document_kind": record.document.kind,
                "change": c.id,
                "old_version": c.old_version,
                "new_version": c.new_version,
                "kind": c.kind,
                "statement": c.statement,
                "before": c.before,
                "after": c.after,
                "categories": list(c.categories),
                "strength_before": c.strength_before,
                "strength_after": c.strength_after,
                "reasons": list(c.reasons),
                "materiality": c.materiality,
                "announced": c.announced,
                "section": c.section,
                "review_status": raw.review.status,
                "origin": getattr(raw, "origin", "machine"),
            })
    frame = pd.DataFrame(rows, dtype=object, columns=_CHANGE_COLUMNS)
    if not frame.empty:
        frame = frame.sort_values(["date", "materiality", "document", "change"],
                                  ascending=[False, False, True, True], kind="stable").reset_index(drop=True)
    return frame


_CHANGE_COLUMNS = ["date", "company", "document", "document_title", "document_kind", "change",
                   "old_version", "new_version", "kind", "statement", "before", "after", "categories",
                   "strength_before", "strength_after", "reasons", "materiality", "announced",
                   "section", "review_status", "origin"]


def events_frame(dataset: Dataset) -> pd.DataFrame:
    """One row per curated event, in date order."""
    rows = [
        {
            "event": e.id,
            "date": e.date,
            "date_precision": e.date_precision,
            "type": e.type,
            "title": e.title,
            "summary": e.summary,
            "companies": list(e.companies),
            "model": e.model,
            "evaluators": list(e.evaluators),
            "access_depth": e.access_depth,
            "days_before_release": e.days_before_release,
            "release_date": e.release_date,
            "nda": e.nda,
            "company_review_of_publication": e.company_review_of_publication,
            "agreement": e.agreement,
            "status": e.status,
            "sources": [str(s.url) for s in e.sources],
        }
        for e in dataset.events
    ]
    return pd.DataFrame(rows, dtype=object, columns=_EVENT_COLUMNS)


_EVENT_COLUMNS = ["event", "date", "date_precision", "type", "title", "summary", "companies", "model",
                  "evaluators", "access_depth", "days_before_release", "release_date", "nda",
                  "company_review_of_publication", "agreement", "status", "sources"]


def timeline_frame(dataset: Dataset) -> pd.DataFrame:
    """Every change (not rejected) and every curated event, newest first.

    Columns: date, entry (`change`/`event`), id, company (one row per company for multi-company
    events), document, document_title, document_kind, kind (change kind or event type),
    categories, announced, title, statement.
    """
    rows = []
    for change in changes_frame(dataset, include_rejected=False).to_dict("records"):
        rows.append({
            "date": change["date"], "entry": "change", "id": change["change"],
            "company": change["company"], "document": change["document"],
            "document_title": change["document_title"], "document_kind": change["document_kind"],
            "kind": change["kind"], "categories": change["categories"],
            "announced": change["announced"],
            "title": change["after"] or change["before"] or "", "statement": change["statement"],
        })
    for event in dataset.events:
        for company in event.companies:
            rows.append({
                "date": event.date, "entry": "event", "id": event.id, "company": company,
                "document": None, "document_title": None, "document_kind": "event",
                "kind": event.type, "categories": _event_categories(event), "announced": None,
                "title": event.title, "statement": None,
            })
    frame = pd.DataFrame(rows, dtype=object, columns=["date", "entry", "id", "company", "document", "document_title",
                                        "document_kind", "kind", "categories", "announced", "title", "statement"])
    if not frame.empty:
        frame = frame.sort_values(["date", "entry", "company", "id"], ascending=[False, True, True, True],
                                  kind="stable").reset_index(drop=True)
    return frame


def _event_categories(event: Event) -> list[str]:
    """The taxonomy categories an event bears on (for timeline filtering)."""
    by_type = {
        "pre-deployment-access": ["external-evaluation"],
        "post-deployment-access": ["external-evaluation"],
        "no-external-access": ["external-evaluation"],
        "agreement": ["government-access"],
        "evaluator-report": ["external-evaluation", "publication"],
        "system-card-published": ["publication"],
        "weight-preservation": ["researcher-access"],
        "retirement": ["researcher-access"],
    }
    return by_type.get(event.type, [])


def matrix_long(dataset: Dataset) -> pd.DataFrame:
    """Company × category → strongest current strength, one row per cell, with its evidence.

    Columns: company, category, strongest (`commitment`/`intention`/`discretionary`/`practice`/
    `nothing`), label (as the matrix says it), document and statement (the evidence of the
    strongest statement, None for `nothing`), count (current statements in the cell).
    Only current, not rejected statements count.
    """
    current = statements_frame(dataset, include_rejected=False)
    current = current[current["current"]] if not current.empty else current
    rows = []
    for company in dataset.company_slugs():
        mine = current[current["company"] == company] if not current.empty else current
        for category in CATEGORIES:
            best, evidence, count = None, (None, None), 0
            for s in mine.itertuples(index=False):
                if category not in s.categories:
                    continue
                count += 1
                rank = PROMISE_RANK[s.strength]
                if best is None or rank > PROMISE_RANK[best]:
                    best, evidence = s.strength, (s.document, s.statement)
            strongest = best or "nothing"
            rows.append({"company": company, "category": category, "strongest": strongest,
                         "label": MATRIX_LABELS[strongest], "document": evidence[0],
                         "statement": evidence[1], "count": count})
    return pd.DataFrame(rows, dtype=object, columns=["company", "category", "strongest", "label", "document", "statement", "count"])


def matrix_frame(dataset: Dataset) -> pd.DataFrame:
    """The matrix itself: index company, one column per category, values as labels."""
    long = matrix_long(dataset)
    if long.empty:
        return pd.DataFrame(columns=list(CATEGORIES))
    return long.pivot(index="company", columns="category", values="label").reindex(columns=list(CATEGORIES))


def ledger_frame(dataset: Dataset) -> pd.DataFrame:
    """Access ledger: model × evaluator × access depth × days before release, promise beside practice.

    Rows come from access events (one per evaluator; `no-external-access` events give a row with
    evaluator "none disclosed") and from current, not rejected statements about outside access
    that name an access depth or actors (basis `promise` for commitment/intention/discretionary,
    `practice` for reports of what was done). Unknowns are "not disclosed".
    """
    rows = []
    for event in dataset.events:
        if event.type not in _ACCESS_EVENTS:
            continue
        evaluators = event.evaluators or (["none disclosed"] if event.type == "no-external-access" else [NOT_DISCLOSED])
        for company in event.companies:
            for evaluator in evaluators:
                rows.append({
                    "company": company, "model": event.model or NOT_DISCLOSED, "evaluator": evaluator,
                    "access_depth": event.access_depth or NOT_DISCLOSED,
                    "days_before_release": _days_text(event.days_before_release),
                    "date": event.date, "basis": "practice", "strength": "practice",
                    "source": "event", "event": event.id, "document": None, "statement": None,
                    "event_type": event.type,
                })
    statements = statements_frame(dataset, include_rejected=False)
    for s in statements.itertuples(index=False) if not statements.empty else ():
        if not s.current or not set(s.categories) & set(_ACCESS_CATEGORIES):
            continue
        if not s.access_depth and not s.actors:
            continue
        model = s.document_title if s.document_kind in ("system-card", "model-card") else NOT_DISCLOSED
        for actor in s.actors or [NOT_DISCLOSED]:
            rows.append({
                "company": s.company, "model": model, "evaluator": actor,
                "access_depth": s.access_depth or NOT_DISCLOSED,
                "days_before_release": NOT_DISCLOSED, "date": s.version_date,
                "basis": "practice" if s.strength == "practice" else "promise", "strength": s.strength,
                "source": "statement", "event": None, "document": s.document, "statement": s.statement,
                "event_type": None,
            })
    frame = pd.DataFrame(rows, dtype=object, columns=["company", "model", "evaluator", "access_depth", "days_before_release",
                                        "date", "basis", "strength", "source", "event", "document",
                                        "statement", "event_type"])
    if not frame.empty:
        frame = frame.sort_values(["company", "basis", "date", "model", "evaluator"],
                                  ascending=[True, True, False, True, True], kind="stable").reset_index(drop=True)
    return frame


def _days_text(days: int | None) -> str:
    if days is None:
        return NOT_DISCLOSED
    if days < 0:
        return f"{-days} after release"
    return str(days)


def parity_frame(dataset: Dataset) -> pd.DataFrame:
    """Access parity per company and model: how far outsiders trail insiders.

    Columns: company, model, first_internal_use, outside_access (who, depth, days before release),
    public_availability (a date, "restricted to partners", "never released (withheld)" or
    "internal use only"), release_date, system_card (date and days relative to release),
    internal_only (True for models known only from internal use). Unknowns are "not disclosed",
    never blank. Built from events (which name a model) and practice statements quoting the model.
    """
    models: dict[tuple[str, str], list[Event]] = {}
    for event in dataset.events:
        if not event.model:
            continue
        for company in event.companies:
            models.setdefault((company, event.model), []).append(event)
    practice: dict[str, list[dict]] = {}
    for s in statements_frame(dataset, include_rejected=False).to_dict("records"):
        if s["strength"] == "practice" and s["current"]:
            practice.setdefault(s["company"], []).append({**s, "lower": s["quote"].lower()})
    rows = []
    for (company, model), events in sorted(models.items()):
        by_type: dict[str, list[Event]] = {}
        for event in events:
            by_type.setdefault(event.type, []).append(event)
        internal = min((e.date for e in by_type.get("internal-use", [])), default=None)
        release = _release_date(by_type, events)
        access_parts = []
        for event in by_type.get("pre-deployment-access", []) + by_type.get("post-deployment-access", []):
            who = ", ".join(event.evaluators) or NOT_DISCLOSED
            depth = event.access_depth or "depth not disclosed"
            d = event.days_before_release
            days = ("days not disclosed" if d is None else
                    f"{_days(d)} before release" if d >= 0 else f"{_days(-d)} after release")
            access_parts.append(f"{who} ({depth}, {days})")
        for event in by_type.get("no-external-access", []):
            access_parts.append("no outside pre-deployment access disclosed")
        for s in practice.get(company, []):
            if model.lower() in s["lower"]:
                access_parts.append(f"{', '.join(s['actors']) or NOT_DISCLOSED} "
                                    f"({s['access_depth'] or 'depth not disclosed'}, per statement)")
        if by_type.get("model-release"):
            availability = "public " + min(e.date for e in by_type["model-release"]).isoformat()
        elif by_type.get("restricted-release"):
            availability = "restricted to partners"
        elif by_type.get("withheld"):
            availability = "never released (withheld)"
        elif release is not None:
            availability = "public " + release.isoformat()
        elif internal is not None:
            availability = "internal use only"
        else:
            availability = NOT_DISCLOSED
        card_dates = [e.date for e in by_type.get("system-card-published", [])]
        if card_dates:
            card = min(card_dates)
            if release is not None:
                delta = (card - release).days
                relation = ("same day as release" if delta == 0 else
                            f"{_days(delta)} after release" if delta > 0 else f"{_days(-delta)} before release")
                system_card = f"{card.isoformat()} ({relation})"
            else:
                system_card = card.isoformat()
        else:
            system_card = NOT_DISCLOSED
        rows.append({
            "company": company, "model": model,
            "first_internal_use": internal.isoformat() if internal else NOT_DISCLOSED,
            "outside_access": "; ".join(access_parts) or NOT_DISCLOSED,
            "public_availability": availability,
            "release_date": release.isoformat() if release else NOT_DISCLOSED,
            "system_card": system_card,
            "internal_only": availability == "internal use only",
            "events": [e.id for e in events],
        })
    return pd.DataFrame(rows, dtype=object, columns=["company", "model", "first_internal_use", "outside_access",
                                       "public_availability", "release_date", "system_card",
                                       "internal_only", "events"])


def _days(count: int) -> str:
    return f"{count} day" if count == 1 else f"{count} days"


def _release_date(by_type: dict[str, list[Event]], events: list[Event]) -> dt.date | None:
    if by_type.get("model-release"):
        return min(e.date for e in by_type["model-release"])
    dates = [e.release_date for e in events if e.release_date is not None]
    return min(dates) if dates else None


def _flat(value: Any) -> Any:
    """A cell value fit for CSV: lists joined with '; ', dates in ISO format."""
    if isinstance(value, list):
        return "; ".join(str(v) for v in value)
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    return value


def export_frames(dataset: Dataset) -> dict[str, pd.DataFrame]:
    """The downloadable tables (statements, changes, versions, events) with flat cells.

    Lists are joined with '; ', dates are ISO strings; every record is included, rejected ones
    with their review status, so the downloads are the complete reviewed dataset.
    """
    frames = {
        "statements": statements_frame(dataset).drop(columns=["version_date", "first_seen_date"]),
        "changes": changes_frame(dataset),
        "versions": versions_frame(dataset),
        "events": events_frame(dataset),
    }
    # Built cell by cell: DataFrame.map would re-infer dtypes (ints with gaps becoming floats).
    return {name: pd.DataFrame([[_flat(v) for v in row] for row in frame.itertuples(index=False)],
                               columns=frame.columns, dtype=object)
            for name, frame in frames.items()}
