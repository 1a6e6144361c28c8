"""Turn a reader's exhaustive key into review blocks of the records it covers.

Readers label documents (statement keys, the format of `../shared/gold/dev-statements.yml`) or
version pairs (change keys, the format of `dev-changes.yml`) by reading them whole, by the rules of
the taxonomy. Because such a key is exhaustive for what it covers, it settles every machine record
there:

- a machine record that matches a key entry is `confirmed` when the fields agree, else `corrected`
  with the reader's values (a borderline key entry makes it `contested`: careful readers disagree);
- a machine record with no key entry is `rejected` (statement: out of scope; change: not material),
  except reworded/moved changes, which are `confirmed` (no material change, as the machine said);
- a key entry the machine missed is added as a record with `origin: reviewer`.

Reviews by anyone else are never touched: only unreviewed records, or records this same reviewer
reviewed before (so a re-import after re-extraction refreshes its own judgements).
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from accesswatch.archive.textnorm import normalize_text, squash_whitespace
from accesswatch.extract.evaluate import match_units
from accesswatch.record_models import Change, DocumentRecord, Review, Statement
from accesswatch.records import read_record, record_path, write_record

_MATERIAL = {"added", "removed", "strengthened", "weakened"}
_ANNOUNCED = {"announced": True, "partly": True, "silent": False, "no-changelog": None}


@dataclass
class ImportSummary:
    """Counts of what one key did to the records."""

    confirmed: int = 0
    corrected: int = 0
    contested: int = 0
    rejected: int = 0
    added: int = 0
    skipped: list[str] = field(default_factory=list)

    def line(self) -> str:
        return (
            f"{self.confirmed} confirmed, {self.corrected} corrected, {self.contested} contested, "
            f"{self.rejected} rejected, {self.added} added by the reviewer"
            + (f"; {len(self.skipped)} skipped" if self.skipped else "")
        )



def _as_archived(quote: str | None) -> str | None:
    """A key's quote as the archive stores text: the corpus keeps curly quotes and long dashes,
    the archive's normalised versions do not."""
    return squash_whitespace(normalize_text(quote)) if quote else quote


def _split_path(path: str) -> tuple[str, str]:
    """`company/slug/2025-01-02.txt` → (`company/slug`, `2025-01-02`)."""
    company, slug, filename = path.split("/")
    return f"{company}/{slug}", filename.rsplit(".", 1)[0]


def _may_review(review: Review, reviewer: str) -> bool:
    return review.status == "unreviewed" or review.reviewer == reviewer


def _review(status: str, reviewer: str, note: str, corrected: dict | None = None) -> Review:
    return Review(status=status, reviewer=reviewer, note=note, corrected=corrected or {}, reviewed_on=dt.date.today())


def _find_span(text: str, quote: str) -> tuple[int, int] | None:
    """Character span of `quote` in `text`, whitespace-insensitive."""
    words = quote.split()
    if not words:
        return None
    match = re.search(r"\s+".join(re.escape(word) for word in words), text)
    return (match.start(), match.end()) if match else None


def apply_statement_key(record: DocumentRecord, version_id: str, entries: list[dict], version_text: str,
                        *, reviewer: str, key_name: str, summary: ImportSummary) -> DocumentRecord:
    """Reviews from a statement key labelling `version_id` of this record's document."""
    order = [version.id for version in record.versions]
    if version_id not in order:
        summary.skipped.append(f"{record.document.id}@{version_id}: version not in the record")
        return record
    position = order.index(version_id)
    # Only statements whose current quote is the text of the labelled version can be judged here.
    candidates = [
        index for index, statement in enumerate(record.statements)
        if statement.origin == "machine"
        and order.index(statement.first_seen) <= position <= order.index(statement.last_seen)
        and squash_whitespace(statement.quote) in squash_whitespace(version_text)
    ]
    statements = list(record.statements)
    predicted = [statements[i].quote for i in candidates]
    strict, borderline = match_units(predicted, [e["quote"] for e in entries], [bool(e.get("borderline")) for e in entries])
    matched_keys: set[int] = set()
    decided: set[int] = set()
    for pairs, is_borderline in ((strict, False), (borderline, True)):
        for p, k in pairs:
            index, entry = candidates[p], entries[k]
            matched_keys.add(k)
            decided.add(index)
            statement = statements[index]
            if not _may_review(statement.review, reviewer):
                continue
            if is_borderline:
                statements[index] = statement.model_copy(update={"review": _review(
                    "contested", reviewer, f"borderline in {key_name}: careful readers disagree whether this is in scope")})
                summary.contested += 1
                continue
            corrected = {}
            if sorted(entry["categories"]) != sorted(statement.categories):
                corrected["categories"] = sorted(entry["categories"])
            for name in ("strength", "access_depth", "timing"):
                if entry.get(name) != getattr(statement, name):
                    corrected[name] = entry.get(name)
            status = "corrected" if corrected else "confirmed"
            statements[index] = statement.model_copy(update={"review": _review(status, reviewer, f"checked against {key_name}", corrected)})
            setattr(summary, status, getattr(summary, status) + 1)
    for index in candidates:
        statement = statements[index]
        if index in decided or statement.version != version_id or not _may_review(statement.review, reviewer):
            continue
        statements[index] = statement.model_copy(update={"review": _review(
            "rejected", reviewer, f"out of scope by the taxonomy's rules ({key_name} labels this version exhaustively)")})
        summary.rejected += 1
    existing = {s.id for s in statements}
    for k, entry in enumerate(entries):
        if k in matched_keys or entry.get("borderline"):
            continue
        span = _find_span(version_text, entry["quote"])
        if span is None:
            summary.skipped.append(f"{record.document.id}@{version_id}: quote not found: {entry['quote'][:60]!r}")
            continue
        statement_id = "h-" + hashlib.sha256(f"{record.document.id}|{squash_whitespace(entry['quote'])}".encode()).hexdigest()[:10]
        if statement_id in existing:
            continue
        statements.append(Statement(
            id=statement_id, origin="reviewer", version=version_id, first_seen=version_id, last_seen=version_id,
            current=version_id == order[-1], quote=squash_whitespace(version_text[span[0]:span[1]]), start=span[0], end=span[1],
            categories=entry["categories"], strength=entry["strength"], access_depth=entry.get("access_depth"),
            actors=list(entry.get("actors") or []), timing=entry.get("timing"),
            review=_review("confirmed", reviewer, f"missed by the extractor; added from {key_name}"),
        ))
        summary.added += 1
    return record.model_copy(update={"statements": statements})


def _change_matches(entry: dict, change: Change) -> bool:
    from rapidfuzz import fuzz

    def near(a: str | None, b: str | None) -> bool:
        if not a or not b:
            return False
        a, b = squash_whitespace(a).lower(), squash_whitespace(b).lower()
        return a in b or b in a or fuzz.token_set_ratio(a, b) >= 80

    return near(entry.get("before"), change.before) or near(entry.get("after"), change.after)


def apply_change_key(record: DocumentRecord, old_id: str, new_id: str, entries: list[dict], *, reviewer: str,
                     key_name: str, summary: ImportSummary) -> DocumentRecord:
    """Reviews from a change key labelling the pair `old_id` → `new_id` of this record's document."""
    changes = list(record.changes)
    in_pair = [i for i, c in enumerate(changes) if (c.old_version, c.new_version) == (old_id, new_id) and c.origin == "machine"]
    # Material machine changes first, most material first: they are the ones a key entry describes.
    in_pair.sort(key=lambda i: (changes[i].kind not in _MATERIAL, -changes[i].materiality))
    used: set[int] = set()
    for entry in entries:
        match = next((i for i in in_pair if i not in used and _change_matches(entry, changes[i])), None)
        if match is None:
            before, after = entry.get("before"), entry.get("after")
            change_id = "h-" + hashlib.sha256(f"{record.document.id}|{old_id}|{new_id}|{squash_whitespace(before or '')}|{squash_whitespace(after or '')}".encode()).hexdigest()[:10]
            if any(c.id == change_id for c in changes):
                continue
            changes.append(Change(
                id=change_id, origin="reviewer", old_version=old_id, new_version=new_id, kind=entry["kind"],
                before=squash_whitespace(before) if before else None, after=squash_whitespace(after) if after else None,
                categories=entry.get("categories") or [], reasons=[entry.get("note") or "added by a reviewer"],
                materiality=80, announced=_ANNOUNCED.get(entry.get("announced")),
                review=_review("confirmed", reviewer, f"missed by the diff; added from {key_name}"),
            ))
            summary.added += 1
            continue
        used.add(match)
        change = changes[match]
        if not _may_review(change.review, reviewer):
            continue
        corrected = {}
        if entry["kind"] != change.kind:
            corrected["kind"] = entry["kind"]
        announced = _ANNOUNCED.get(entry.get("announced"), change.announced)
        if announced != change.announced:
            corrected["announced"] = announced
        status = "corrected" if corrected else "confirmed"
        changes[match] = change.model_copy(update={"review": _review(status, reviewer, entry.get("note") or f"checked against {key_name}", corrected)})
        setattr(summary, status, getattr(summary, status) + 1)
    for index in in_pair:
        change = changes[index]
        if index in used or not _may_review(change.review, reviewer):
            continue
        if change.kind in _MATERIAL:
            changes[index] = change.model_copy(update={"review": _review(
                "rejected", reviewer, f"not a material change ({key_name} reads this pair exhaustively)")})
            summary.rejected += 1
        else:
            changes[index] = change.model_copy(update={"review": _review(
                "confirmed", reviewer, f"no material change here ({key_name} reads this pair exhaustively)")})
            summary.confirmed += 1
    return record.model_copy(update={"changes": changes})


def import_key(key_path: Path, data_dir: Path, archive, *, reviewer: str) -> ImportSummary:
    """Apply one key file to the records under `data_dir` (texts come from `archive`)."""
    key = yaml.safe_load(Path(key_path).read_text(encoding="utf-8")) or {}
    key_name = Path(key_path).name
    summary = ImportSummary()
    records: dict[str, DocumentRecord] = {}

    def record_of(document_id: str) -> DocumentRecord | None:
        if document_id not in records:
            path = record_path(data_dir, document_id)
            if not path.exists():
                summary.skipped.append(f"{document_id}: no record")
                return None
            records[document_id] = read_record(path)
        return records[document_id]

    if "pairs" in key:
        for pair in key["pairs"]:
            document_id, old_id = _split_path(pair["old"])
            _, new_id = _split_path(pair["new"])
            record = record_of(document_id)
            if record is None:
                continue
            entries = [
                {**c, "before": _as_archived(c.get("before")), "after": _as_archived(c.get("after"))}
                for c in key.get("changes") or [] if c["old"] == pair["old"] and c["new"] == pair["new"]
            ]
            records[document_id] = apply_change_key(record, old_id, new_id, entries, reviewer=reviewer, key_name=key_name, summary=summary)
    else:
        for path in key.get("documents") or []:
            document_id, version_id = _split_path(path)
            record = record_of(document_id)
            if record is None:
                continue
            entries = [{**s, "quote": _as_archived(s["quote"])} for s in key.get("statements") or [] if s["doc"] == path]
            text = archive.text(document_id, version_id)
            records[document_id] = apply_statement_key(record, version_id, entries, text, reviewer=reviewer, key_name=key_name, summary=summary)
    for document_id, record in records.items():
        write_record(record_path(data_dir, document_id), record)
    return summary


def review_import_command(args: argparse.Namespace) -> int:
    """`accesswatch review-import KEY… --reviewer NAME`: reviews from exhaustive reader keys."""
    from accesswatch.archive.archive import Archive

    archive = Archive(args.archive)
    status = 0
    for key_path in args.keys:
        try:
            summary = import_key(key_path, args.data, archive, reviewer=args.reviewer)
        except (OSError, yaml.YAMLError, KeyError, ValueError) as error:
            print(f"{key_path}: cannot import: {error}")
            status = 1
            continue
        print(f"{key_path}: {summary.line()}")
        for skipped in summary.skipped:
            print(f"  skipped: {skipped}")
    return status
