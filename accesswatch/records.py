"""Record files `data/documents/<company>/<slug>.yml`: read, write, and merge with human reviews.

Machine fields are rewritten on every pipeline run; the `review` block belongs to people. Merging
new machine output into an existing record keeps every review, and when machine output changes
under a reviewed record it sets `conflict` instead of deciding silently. A reviewed record that
the machine no longer produces is kept (flagged), so a human judgement is never lost.
"""

from __future__ import annotations

from pathlib import Path

import yaml

from accesswatch.archive.textnorm import squash_whitespace
from accesswatch.atomic_write import write_atomic
from accesswatch.record_models import Change, DocumentRecord, Statement

# libyaml's C loader and emitter when PyYAML was built with them (about ten times faster).
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_Dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)

SCHEMA_LINE = "# yaml-language-server: $schema=../../schema/document-record.schema.json\n"

# Machine fields compared to decide whether output changed under a human review.
_STATEMENT_FIELDS = ("quote", "categories", "strength", "access_depth", "actors", "timing")
_CHANGE_FIELDS = ("kind", "before", "after", "categories", "strength_before", "strength_after")


class RecordError(Exception):
    """A record file cannot be read; the message names the file."""


def record_path(data_dir: Path, document_id: str) -> Path:
    """Where the record of `document_id` (`company/slug`) lives under `data_dir`."""
    company, _, slug = document_id.partition("/")
    return Path(data_dir) / "documents" / company / f"{slug}.yml"


def read_record(path: Path) -> DocumentRecord:
    """Load and validate one record file.

    Raises `RecordError` naming the file when the YAML is malformed or does not fit the schema
    (run `accesswatch validate` for a line-by-line report).
    """
    try:
        with Path(path).open(encoding="utf-8") as handle:
            raw = yaml.load(handle, Loader=_Loader)  # noqa: S506 - a safe loader
        return DocumentRecord.model_validate(raw)
    except (OSError, yaml.YAMLError, ValueError) as error:
        first_line = str(error).splitlines()[0] if str(error) else type(error).__name__
        raise RecordError(f"{path}: cannot read record: {first_line}") from error


def read_records(data_dir: Path) -> list[DocumentRecord]:
    """Every record under `data_dir/documents`, sorted by document id."""
    records = [read_record(path) for path in sorted((Path(data_dir) / "documents").glob("*/*.yml"))]
    return sorted(records, key=lambda record: record.document.id)


def dump_record(record: DocumentRecord) -> str:
    """The YAML text of a record: schema line, stable field and list order, long lines kept whole."""
    ordered = sort_record(record)
    body = yaml.dump(
        ordered.model_dump(mode="json"),
        Dumper=_Dumper,
        sort_keys=False,
        allow_unicode=True,
        width=100_000,
        default_flow_style=False,
    )
    return SCHEMA_LINE + body


def write_record(path: Path, record: DocumentRecord) -> bool:
    """Write a record atomically (temp file + rename). Returns False when the file was unchanged."""
    text = dump_record(record)
    path = Path(path)
    if path.exists() and path.read_text(encoding="utf-8") == text:
        return False
    write_atomic(path, text)
    return True


def sort_record(record: DocumentRecord) -> DocumentRecord:
    """A copy with versions chronological, statements by position, changes by pair then rank."""
    order = {version.id: index for index, version in enumerate(sorted(record.versions, key=lambda v: (v.date, v.id)))}
    versions = sorted(record.versions, key=lambda v: (v.date, v.id))
    statements = sorted(
        record.statements,
        key=lambda s: (not s.current, -order.get(s.version, -1), s.start, s.id),
    )
    changes = sorted(
        record.changes,
        key=lambda c: (-order.get(c.new_version, -1), -c.materiality, c.id),
    )
    return record.model_copy(update={"versions": versions, "statements": statements, "changes": changes})


def merge_reviews(previous: DocumentRecord | None, fresh: DocumentRecord) -> DocumentRecord:
    """Carry every human review of `previous` into the new machine output `fresh`.

    - same id: the review block is kept; if the review is not `unreviewed` and a compared machine
      field changed since the previous run, `conflict` says what changed (an older unresolved
      conflict is kept too);
    - reviewed records missing from `fresh` are kept: with a conflict saying so, except rejected
      ones (the machine now agrees with the reviewer);
    - unreviewed records missing from `fresh` are dropped (pure machine output).
    """
    if previous is None:
        return fresh
    statements = _merge_items(previous.statements, fresh.statements, _STATEMENT_FIELDS, "statement")
    changes = _merge_items(previous.changes, fresh.changes, _CHANGE_FIELDS, "change")
    return fresh.model_copy(update={"statements": statements, "changes": changes})


def _merge_items(old_items: list, new_items: list, fields: tuple[str, ...], noun: str) -> list:
    old_by_id = {item.id: item for item in old_items}
    new_ids = {item.id for item in new_items}
    carried: dict[str, str] = {}
    # A reviewed record whose id vanished (the extractor now cuts the unit slightly differently)
    # hands its review to the new record with nearly the same text, so the judgement survives.
    for new_id, old in _rehome_reviews(old_items, new_items, new_ids):
        old_by_id[new_id] = old
        carried[new_id] = old.id
        new_ids.add(old.id)
    merged: list[Statement | Change] = []
    for item in new_items:
        old = old_by_id.get(item.id)
        if old is None:
            merged.append(item)
            continue
        update: dict = {"review": old.review, "conflict": old.conflict}
        if old.review.status not in ("unreviewed", "rejected"):
            # What the reviewer holds true: their corrections, else what they confirmed. A machine
            # change towards it is no conflict; a change away from it is.
            truth = {field: old.review.corrected.get(field, getattr(old, field)) for field in fields}
            differences = [
                f"{field}: {_short(truth[field])} → {_short(getattr(item, field))}"
                for field in fields
                if getattr(item, field) != getattr(old, field) and not _same(getattr(item, field), truth[field])
            ]
            if differences:
                change_note = "machine output changed since review: " + "; ".join(differences)
                if item.id in carried:
                    change_note = f"review carried over from {carried[item.id]} (text matched after re-extraction); {change_note}"
                update["conflict"] = change_note if not old.conflict or change_note in old.conflict else f"{old.conflict} | {change_note}"
        merged.append(item.model_copy(update=update))
    for old in old_items:
        if old.id in new_ids:
            continue
        if old.origin == "reviewer":
            merged.append(old)  # a person added it because the machine missed it: always kept as is
        elif old.review.status == "rejected":
            merged.append(old)  # the machine now agrees with the reviewer; the judgement stays on record
        elif old.review.status != "unreviewed":
            reason = f"the extractor no longer produces this {noun}; kept because it was reviewed"
            merged.append(old.model_copy(update={"conflict": old.conflict or reason}))
    return merged


def _same(machine: object, truth: object) -> bool:
    if isinstance(machine, list) and isinstance(truth, list):
        return sorted(map(str, machine)) == sorted(map(str, truth))
    return machine == truth


def _identity_text(item) -> str:
    if isinstance(item, Statement):
        return squash_whitespace(item.quote)
    return squash_whitespace(f"{item.old_version} {item.new_version} {item.before or ''} => {item.after or ''}")


def _rehome_reviews(old_items: list, new_items: list, new_ids: set[str]) -> list[tuple[str, object]]:
    """Pairs (new id, old reviewed item) for reviewed items whose id is gone, matched by text ≥ 90%."""
    from rapidfuzz import fuzz

    orphans = [old for old in old_items if old.id not in new_ids and old.review.status != "unreviewed" and old.origin == "machine"]
    if not orphans:
        return []
    taken = {item.id for item in old_items} & new_ids
    candidates = [item for item in new_items if item.id not in taken]
    pairs = []
    for old in orphans:
        target = _identity_text(old)
        best, best_score = None, 90.0
        for item in candidates:
            if isinstance(item, Change) and (item.old_version, item.new_version) != (old.old_version, old.new_version):
                continue
            score = fuzz.ratio(target, _identity_text(item))
            if score >= best_score:
                best, best_score = item, score
        if best is not None:
            candidates.remove(best)
            pairs.append((best.id, old))
    return pairs


def _short(value: object, limit: int = 60) -> str:
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"
