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
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd
from pydantic import ValidationError

from accesswatch.events import Event, load_events
from accesswatch.record_models import Change, DocumentRecord, Statement, VersionMeta
from accesswatch.records import read_records
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
    records = read_records(data_dir) if (data_dir / "documents").is_dir() else []
    events = load_events(data_dir / "events") if (data_dir / "events").is_dir() else []
    return Dataset(companies=companies, records=records, events=events, data_dir=data_dir)


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


MATERIAL_KINDS = ("strengthened", "weakened", "removed", "added")


def latest_material_changes(dataset: Dataset, *, per_pair: int = 3, limit: int = 15) -> pd.DataFrame:
    """The home page's latest changes: material kinds only, newest version pair first.

    Only changes whose reviewed kind is strengthened, weakened, removed or added count (reworded
    and moved never); a rejected change never counts; corrected values apply. Changes are grouped
    by document version pair (document, old version, new version); pairs are ordered by date, then
    by their most material change; within a pair by materiality. At most `per_pair` changes of a
    pair are shown and at most `limit` rows in all (the rest of a pair is counted). Columns:
    those of `changes_frame` plus `more_in_pair` (material changes of the pair not shown, on the
    pair's last shown row; 0 elsewhere).
    """
    changes = changes_frame(dataset, include_rejected=False)
    columns = [*_CHANGE_COLUMNS, "more_in_pair"]
    if changes.empty:
        return pd.DataFrame(columns=columns, dtype=object)
    material = changes[changes["kind"].isin(MATERIAL_KINDS)]
    groups = []
    for (document, old, new), group in material.groupby(["document", "old_version", "new_version"], sort=False):
        group = group.sort_values(["materiality", "change"], ascending=[False, True], kind="stable")
        date = group["date"].iloc[0]
        groups.append((date or dt.date.min, int(group["materiality"].max()), document, old, new, group))
    groups.sort(key=lambda g: (g[0], g[1], g[2], g[4]), reverse=True)
    rows: list[dict] = []
    for _date, _top, _doc, _old, _new, group in groups:
        if len(rows) >= limit:
            break
        shown = group.head(min(per_pair, limit - len(rows))).to_dict("records")
        for row in shown:
            row["more_in_pair"] = 0
        shown[-1]["more_in_pair"] = len(group) - len(shown)
        rows.extend(shown)
    return pd.DataFrame(rows, columns=columns, dtype=object)


def timeline_frame(dataset: Dataset) -> pd.DataFrame:
    """Every change (not rejected) and every curated event, newest first.

    Columns: date, entry (`change`/`event`), id, company (one row per company for multi-company
    events), document, document_title, document_kind, kind (change kind or event type),
    categories, announced, title, statement, strength_before, strength_after (None for events).
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
            "strength_before": change["strength_before"], "strength_after": change["strength_after"],
        })
    for event in dataset.events:
        for company in event.companies:
            rows.append({
                "date": event.date, "entry": "event", "id": event.id, "company": company,
                "document": None, "document_title": None, "document_kind": "event",
                "kind": event.type, "categories": _event_categories(event), "announced": None,
                "title": event.title, "statement": None, "strength_before": None, "strength_after": None,
            })
    frame = pd.DataFrame(rows, dtype=object, columns=["date", "entry", "id", "company", "document", "document_title",
                                        "document_kind", "kind", "categories", "announced", "title", "statement",
                                        "strength_before", "strength_after"])
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


# ---------------------------------------------------------------------------------------------
# evaluators: who counts as an outside evaluator, and when two labels are the same one

# Actors that say nobody in particular, or somebody who is not an evaluator: never ledger or parity rows.
GENERIC_ACTORS = frozenset({
    "not disclosed", "none disclosed", "none", "unknown", "n a", "public", "the public", "general public",
    "users", "customers", "enterprise customers", "developers", "policymakers", "government", "governments",
    "researchers", "employees", "staff", "board", "auditors", "long term benefit trust", "frontier model forum",
    "industry", "civil society", "partners", "others", "anyone", "everyone",
})

# Named evaluators: alias (normalised) → display name. Renamed institutes are one evaluator.
_NAMED_ALIASES: dict[str, str] = {}
for _name, _aliases in {
    "UK AISI": ["uk aisi", "aisi", "uk ai safety institute", "uk ai security institute", "ai security institute",
                "uk ai security institute aisi", "aisi uk", "uk aisi aisi", "united kingdom ai security institute",
                "uk ai safety institute aisi", "ai safety institute uk"],
    "US AISI / CAISI": ["us aisi", "us ai safety institute", "u s ai safety institute", "us caisi", "caisi",
                        "center for ai standards and innovation", "us center for ai standards and innovation",
                        "u s center for ai standards and innovation", "nist caisi", "nist aisi",
                        "us center on artificial intelligence standards and innovation", "us aisi caisi",
                        "center on artificial intelligence standards and innovation"],
    "METR": ["metr", "model evaluation and threat research", "metr formerly arc evals"],
    "ARC Evals (now METR)": ["arc", "arc evals", "alignment research center", "arc alignment research center"],
    "Apollo Research": ["apollo research", "apollo"],
    "SecureBio": ["securebio", "secure bio"],
    "Irregular (formerly Pattern Labs)": ["irregular", "pattern labs", "irregular formerly pattern labs"],
    "Gryphon Scientific": ["gryphon scientific", "gryphon"],
    "Epoch AI": ["epoch ai", "epoch"],
    "Andon Labs": ["andon labs"],
    "Haize Labs": ["haize labs"],
    "FAR.AI": ["far ai", "far ai labs"],
    "US DOE NNSA": ["us doe nnsa", "nnsa", "national nuclear security administration"],
}.items():
    for _alias in _aliases:
        _NAMED_ALIASES[_alias] = _name

# Meaningful kinds of unnamed evaluators: alias (normalised) → display kind.
_KIND_ALIASES: dict[str, str] = {}
for _name, _aliases in {
    "external red teamers": ["red teamers", "external red teamers", "external red teamers incl crowdworker platforms",
                             "red team", "external red team", "expert red teamers"],
    "domain experts": ["domain experts", "subject matter experts", "expert testers"],
    "external experts": ["external experts", "independent experts", "outside experts"],
    "independent third parties": ["independent third parties", "independent third party", "third party evaluators",
                                  "independent evaluators", "third party testers", "external testers",
                                  "external human testers", "independent specialist groups", "external partners"],
    "third parties": ["third parties", "third party"],
    "academic researchers": ["academic researchers", "external researchers", "outside researchers"],
    "AI safety institutes": ["ai safety institutes", "ai safety institutes aisis", "international ai safety institutes"],
    "government bodies": ["government organisations", "government organizations", "government partners",
                          "government agencies"],
}.items():
    for _alias in _aliases:
        _KIND_ALIASES[_alias] = _name

_DEPTH_RANK = {f"A{n}": n for n in range(6)}


def _normalise_actor(label: str) -> str:
    """Lower case, parenthetical qualifiers and punctuation dropped, 'the' prefix dropped."""
    value = label.lower().replace("&", " and ")
    value = re.sub(r"\((?:unnamed|\d+\+?|[^)]*\bunnamed\b[^)]*)\)", " ", value)
    value = re.sub(r"[^a-z0-9]+", " ", value).strip()
    value = re.sub(r"^the ", "", value)
    return value


def evaluator_identity(label: str | None) -> tuple[str, str, bool] | None:
    """Who an actor label names: `(key, display name, named)`, or None when it names no evaluator.

    Named evaluators are merged across aliases ("UK AI Safety Institute" = "UK AISI" = "UK AI
    Security Institute"); meaningful kinds ("external red teamers", "domain experts") likewise;
    generic or empty actors ("not disclosed", "public", "users", "customers", "policymakers", …)
    give None. Any other label is taken as a named evaluator, compared case-insensitively.
    """
    if not label or not label.strip():
        return None
    norm = _normalise_actor(label)
    if not norm or norm in GENERIC_ACTORS:
        return None
    if norm in _NAMED_ALIASES:
        name = _NAMED_ALIASES[norm]
        return ("named:" + name.lower(), name, True)
    without_parens = _normalise_actor(re.sub(r"\([^)]*\)", " ", label))
    for candidate in (norm, without_parens):
        if candidate in _NAMED_ALIASES:
            name = _NAMED_ALIASES[candidate]
            return ("named:" + name.lower(), name, True)
        if candidate in _KIND_ALIASES:
            kind = _KIND_ALIASES[candidate]
            qualifier = re.search(r"\((\d+\+?)\)", label)
            return ("kind:" + kind, kind + (f" ({qualifier.group(1)})" if qualifier else ""), False)
    if without_parens in GENERIC_ACTORS or not without_parens:
        return None
    # an unknown label: a named evaluator as written (qualifier "(unnamed)" dropped)
    shown = " ".join(re.sub(r"\(\s*unnamed\s*\)", " ", label).split())
    return ("named:" + norm, shown, True)


def model_from_title(title: str) -> str:
    """A model name from a system or model card's title: "System Card: Claude Opus 4.5" → "Claude Opus 4.5".

    Drops prefixes and suffixes such as "System Card:", "AWS AI Service Card:", "Model Card",
    "system card", "addendum", "(web page)"; "The Claude 3 Model Family: Opus, Sonnet, Haiku"
    becomes "Claude 3 (Opus, Sonnet, Haiku)".
    """
    value = " ".join(title.split())
    value = re.sub(r"\s*\((?:web page|pdf|redacted)\)\s*$", "", value, flags=re.I)
    family = re.match(r"^(?:the\s+)?(.+?)\s+model family\s*[:\-–—]\s*(.+)$", value, flags=re.I)
    if family:
        return f"{family.group(1)} ({family.group(2)})"
    prefix = re.compile(r"^(?:(?:aws\s+)?ai\s+service\s+card|system\s+card(?:\s+addendum)?|model\s+card"
                        r"(?:\s+addendum)?(?:\s+and\s+evaluations\s+for)?|addendum)\s*[:\-–—]?\s*", re.I)
    suffix = re.compile(r"\s*[:\-–—]?\s*(?:(?:system|model|service)\s+card(?:\s+addendum)?|addendum)\s*$", re.I)
    for _ in range(3):
        value = prefix.sub("", value).strip()
        value = suffix.sub("", value).strip()
    return value or " ".join(title.split())


def _deeper(a: str | None, b: str | None) -> str | None:
    if a is None:
        return b
    if b is None:
        return a
    return a if _DEPTH_RANK.get(a, -1) >= _DEPTH_RANK.get(b, -1) else b


def _longer(a: int | None, b: int | None) -> int | None:
    if a is None:
        return b
    if b is None:
        return a
    return max(a, b)


def _event_models(event: Event) -> list[str]:
    """The models an event is about: its `model`, split where it lists several with "; "."""
    if not event.model:
        return []
    return [m.strip() for m in event.model.split(";") if m.strip()]


def _family(model: str) -> str:
    """A model's family word ("Claude", "GPT", "o1"…): its first word, lower case, up to a dash."""
    first = model.split()[0].lower() if model.split() else ""
    return re.split(r"[-.]", first)[0] if first.startswith("gpt") else first


def _company_models(dataset: Dataset) -> list[tuple[str, str, Event]]:
    """Every (company, model, event) an event is about.

    An event about several models of several companies ("o1; Claude 3.5 Sonnet", OpenAI and
    Anthropic) gives each model only to the company whose other events name models of the same
    family; when that cannot be told, to every company of the event.
    """
    families: dict[str, set[str]] = {}
    for event in dataset.events:
        if len(event.companies) == 1:
            for model in _event_models(event):
                families.setdefault(event.companies[0], set()).add(_family(model))
    pairs = []
    for event in dataset.events:
        models = _event_models(event)
        for model in models:
            owners = event.companies
            if len(models) > 1 and len(event.companies) > 1:
                owners = [c for c in event.companies if _family(model) in families.get(c, set())] or event.companies
            pairs.extend((company, model, event) for company in owners)
    return pairs


def _model_key(model: str) -> str:
    """A comparable form of a model name: lower case, "&"/"and"/"/" as one separator, no company prefix."""
    value = re.sub(r"\s*(?:&|/|\band\b)\s*", "/", model.lower())
    value = re.sub(r"^(?:openai|anthropic|google|meta|xai|amazon|microsoft)\s+", "", value)
    return " ".join(value.split())


def _names_model(text: str, model: str) -> bool:
    """Whether `text` names `model` (or, for "A / B" models, one of its parts) as a whole word."""
    parts = [model] + [p.strip() for p in model.split(" / ") if p.strip()] if " / " in model else [model]
    for part in parts:
        if re.search(r"(?<![\w.-])" + re.escape(part.lower()) + r"(?![\w-]|\.\d)", text.lower()):
            return True
    return False


# Event types that report outside evaluators' access to a named model.
_EVALUATION_EVENTS = ("pre-deployment-access", "post-deployment-access", "evaluator-report", "other")


def _release_dates(dataset: Dataset) -> dict[tuple[str, str], dt.date]:
    """(company, model) → release date, from model-release events and events' `release_date`."""
    found: dict[tuple[str, str], dt.date] = {}
    for company, model, event in _company_models(dataset):
        date = event.date if event.type == "model-release" else event.release_date
        if date is None:
            continue
        key = (company, model)
        if key not in found or date < found[key]:
            found[key] = date
    return found


def _access_statements(dataset: Dataset) -> list[dict]:
    """Current, not rejected statements about outside access (the access categories)."""
    frame = statements_frame(dataset, include_rejected=False)
    return [s for s in frame.to_dict("records")
            if s["current"] and set(s["categories"]) & set(_ACCESS_CATEGORIES)]


ANY_MODEL = "all models (policy)"


def _statement_model(statement: dict, known: list[str]) -> str:
    """The model a statement is about: a card's model (from its title), else the one known model its
    quote names, else "all models (policy)" for a promise and "not disclosed" for a practice report."""
    if statement["document_kind"] in ("system-card", "model-card"):
        model = model_from_title(statement["document_title"])
        same = [m for m in known if _model_key(m) == _model_key(model)]
        return same[0] if same else model
    named = [m for m in known if _names_model(statement["quote"], m)]
    named = [m for m in named if not any(m != other and m.lower() in other.lower() for other in named)]
    if len(named) == 1:
        return named[0]
    return ANY_MODEL if statement["strength"] != "practice" else NOT_DISCLOSED


_LEDGER_COLUMNS = ["company", "model", "evaluator", "named", "access_depth", "days_before_release", "release_date",
                   "date", "basis", "strength", "evidence", "source", "event", "document", "statement"]


def ledger_frame(dataset: Dataset) -> pd.DataFrame:
    """Access ledger: one row per (company, model, evaluator, basis), promise beside practice.

    Rows come from curated access events (one per named evaluator or meaningful kind) and from
    current, not rejected statements about outside access (basis `promise` for commitment,
    intention and discretionary statements, `practice` for reports of what was done). Evaluators
    are merged across aliases and generic actors dropped (`evaluator_identity`); a row keeps the
    deepest access depth, the longest stated days before release, the strongest strength and
    every piece of evidence (`evidence`: list of `{"source": "event"|"statement", "event",
    "document", "statement"}`; `source`/`event`/`document`/`statement` are the first one's). A
    model whose only event says no outside access was disclosed gets one row "none disclosed".
    Statements name their model by the card's title (`model_from_title`) or by the one known model
    their quote names; policy promises are about "all models (policy)". Sorted by company, then
    release date (else the evidence date), newest first. Unknowns are "not disclosed".
    """
    releases = _release_dates(dataset)
    pairs = _company_models(dataset)
    known_models: dict[str, list[str]] = {}
    for company, model, _event in pairs:
        known_models.setdefault(company, [])
        if model not in known_models[company]:
            known_models[company].append(model)
    merged: dict[tuple[str, str, str, str], dict] = {}

    def add(company: str, model: str, identity: tuple[str, str, bool], basis: str, strength: str,
            depth: str | None, days: int | None, date: dt.date | None, evidence: dict) -> None:
        key = (company, model.lower(), identity[0], basis)
        row = merged.get(key)
        if row is None:
            row = merged[key] = {"company": company, "model": model, "evaluator": identity[1], "named": identity[2],
                                 "access_depth": None, "days": None, "date": date, "basis": basis,
                                 "strength": strength, "evidence": []}
        row["access_depth"] = _deeper(row["access_depth"], depth)
        row["days"] = _longer(row["days"], days)
        if date is not None and (row["date"] is None or date < row["date"]):
            row["date"] = date
        if PROMISE_RANK.get(strength, -1) > PROMISE_RANK.get(row["strength"], -1):
            row["strength"] = strength
        if evidence not in row["evidence"]:
            row["evidence"].append(evidence)

    nothing: list[tuple[str, str, Event]] = []
    about = pairs + [(company, NOT_DISCLOSED, event) for event in dataset.events if not _event_models(event)
                     for company in event.companies]
    for company, model, event in about:
        evidence = {"source": "event", "event": event.id, "document": None, "statement": None}
        if event.type == "no-external-access":
            nothing.append((company, model, event))
            continue
        if event.type not in _EVALUATION_EVENTS:
            continue
        for label in event.evaluators:
            identity = evaluator_identity(label)
            if identity is not None:
                add(company, model, identity, "practice", "practice", event.access_depth,
                    event.days_before_release, event.date, evidence)
    for s in _access_statements(dataset):
        model = _statement_model(s, known_models.get(s["company"], []))
        basis = "practice" if s["strength"] == "practice" else "promise"
        evidence = {"source": "statement", "event": None, "document": s["document"], "statement": s["statement"]}
        for label in s["actors"]:
            identity = evaluator_identity(label)
            if identity is not None:
                add(s["company"], model, identity, basis, s["strength"], s["access_depth"], None,
                    s["version_date"], evidence)
    practised = {(company, model) for company, model, _e, basis in merged if basis == "practice"}
    for company, model, event in nothing:
        if (company, model.lower()) in practised:
            continue
        add(company, model, ("none", "none disclosed", False), "practice", "practice", None, None, event.date,
            {"source": "event", "event": event.id, "document": None, "statement": None})
    rows = []
    for row in merged.values():
        release = releases.get((row["company"], row["model"]))
        first = row["evidence"][0]
        rows.append({
            "company": row["company"], "model": row["model"], "evaluator": row["evaluator"], "named": row["named"],
            "access_depth": row["access_depth"] or NOT_DISCLOSED,
            "days_before_release": _days_text(row["days"]),
            "release_date": release.isoformat() if release else NOT_DISCLOSED,
            "date": row["date"], "basis": row["basis"], "strength": row["strength"], "evidence": row["evidence"],
            "source": first["source"], "event": first["event"], "document": first["document"],
            "statement": first["statement"], "_sort": release or row["date"] or dt.date.min,
        })
    frame = pd.DataFrame(rows, dtype=object, columns=[*_LEDGER_COLUMNS, "_sort"])
    if not frame.empty:
        frame["_named"] = frame["named"].map(lambda named: 0 if named else 1)
        frame = frame.sort_values(["company", "_sort", "model", "basis", "_named", "evaluator"],
                                  ascending=[True, False, True, True, True, True], kind="stable")
        frame = frame.drop(columns=["_named"])
    return frame.drop(columns=["_sort"]).reset_index(drop=True)


def _days_text(days: int | None) -> str:
    if days is None:
        return NOT_DISCLOSED
    if days < 0:
        return f"{-days} after release"
    return str(days)


def _access_line(evaluator: dict) -> str:
    """One evaluator's access as a concise line: "METR (A4, 21 days before release)"."""
    depth, days = evaluator["access_depth"], evaluator["days"]
    when = (None if days is None else
            f"{_days(days)} before release" if days >= 0 else f"{_days(-days)} after release")
    if depth is None and when is None:
        detail = "depth and days not disclosed"
    elif when is None:
        detail = f"{depth}; days not disclosed"
    else:
        detail = f"{depth or 'depth not disclosed'}, {when}"
    return f"{evaluator['evaluator']} ({detail})"


def parity_frame(dataset: Dataset) -> pd.DataFrame:
    """Access parity per company and model: how far outsiders trail insiders.

    Columns: company, model, first_internal_use, outside_access (one concise line per evaluator,
    joined with "; ", or exactly "not disclosed"), evaluators (list of `{"evaluator", "named",
    "access_depth", "days", "evidence"}`: each named evaluator or meaningful kind once, merged
    across aliases, events and practice statements, with the deepest depth and the longest
    stated days before release), public_availability (a date, "restricted to partners", "never
    released (withheld)" or "internal use only"), release_date, system_card (date and days
    relative to release; from a `system-card-published` event, else from the first archived version
    of a card whose title names the model, said so), internal_only (True for models known only from internal use), events.
    Unknowns are "not disclosed", never blank. Models come from events; a practice statement
    counts for a model when its card's title names the model, or, outside cards, when its quote does.
    """
    models: dict[tuple[str, str], list[Event]] = {}
    for company, model, event in _company_models(dataset):
        models.setdefault((company, model), []).append(event)
    practice: dict[str, list[dict]] = {}
    for s in _access_statements(dataset):
        if s["strength"] == "practice":
            card = s["document_kind"] in ("system-card", "model-card")
            practice.setdefault(s["company"], []).append(
                {**s, "_named_in": model_from_title(s["document_title"]) if card else s["quote"]})
    card_records: dict[str, list[DocumentRecord]] = {}
    for record in dataset.records:
        if record.document.kind in ("system-card", "model-card"):
            card_records.setdefault(record.document.company, []).append(record)
    rows = []
    for (company, model), events in sorted(models.items()):
        by_type: dict[str, list[Event]] = {}
        for event in events:
            by_type.setdefault(event.type, []).append(event)
        internal = min((e.date for e in by_type.get("internal-use", [])), default=None)
        release = _release_date(by_type, events)
        found: dict[str, dict] = {}

        def add(identity: tuple[str, str, bool] | None, depth: str | None, days: int | None, evidence: dict) -> None:
            if identity is None:
                return
            entry = found.setdefault(identity[0], {"evaluator": identity[1], "named": identity[2],
                                                   "access_depth": None, "days": None, "evidence": []})
            entry["access_depth"] = _deeper(entry["access_depth"], depth)
            entry["days"] = _longer(entry["days"], days)
            if evidence not in entry["evidence"]:
                entry["evidence"].append(evidence)

        for event in events:
            if event.type in _EVALUATION_EVENTS:
                for label in event.evaluators:
                    add(evaluator_identity(label), event.access_depth, event.days_before_release,
                        {"source": "event", "event": event.id, "document": None, "statement": None})
        for s in practice.get(company, []):
            if _names_model(s["_named_in"], model):
                for label in s["actors"]:
                    add(evaluator_identity(label), s["access_depth"], None,
                        {"source": "statement", "event": None, "document": s["document"], "statement": s["statement"]})
        evaluators = sorted(found.values(), key=lambda e: (not e["named"], e["evaluator"].lower()))
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
        archived = "" if card_dates else " first archived version"
        if not card_dates:
            # no curated event: the earliest archived version of a card whose title names the model
            # (versions from well before the release belong to an earlier model the card first covered)
            card_dates = [v.date for r in card_records.get(company, [])
                          if _names_model(model_from_title(r.document.title), model) for v in r.versions
                          if release is None or (release - v.date).days <= _CARD_BEFORE_RELEASE]
        if card_dates:
            card = min(card_dates)
            if release is not None:
                delta = (card - release).days
                relation = ("same day as release" if delta == 0 else
                            f"{_days(delta)} after release" if delta > 0 else f"{_days(-delta)} before release")
                system_card = f"{card.isoformat()} ({relation}{';' + archived if archived else ''})"
            else:
                system_card = card.isoformat() + (f" ({archived.strip()})" if archived else "")
        else:
            system_card = NOT_DISCLOSED
        rows.append({
            "company": company, "model": model,
            "first_internal_use": internal.isoformat() if internal else NOT_DISCLOSED,
            "outside_access": "; ".join(_access_line(e) for e in evaluators) or NOT_DISCLOSED,
            "evaluators": evaluators,
            "public_availability": availability,
            "release_date": release.isoformat() if release else NOT_DISCLOSED,
            "system_card": system_card,
            "internal_only": availability == "internal use only",
            "events": [e.id for e in events],
        })
    return pd.DataFrame(rows, dtype=object, columns=["company", "model", "first_internal_use", "outside_access",
                                                     "evaluators", "public_availability", "release_date",
                                                     "system_card", "internal_only", "events"])


_CARD_BEFORE_RELEASE = 30  # days: an archived card version older than this before release is not the model's card


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
