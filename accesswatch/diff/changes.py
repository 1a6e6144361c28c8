"""Statement-level changes between two versions: added, removed, reworded, strengthened, weakened, moved.

Both texts go through extraction (`accesswatch.extract.extract_statements`) and the statements are
aligned (`align_statements`). Then:

- a pair with the same words (quotes, dashes, case, spacing, bullets, footnote numbers aside)
  is no change, or `moved` when it left its place among the other statements (it is not in the
  longest run of pairs whose new order follows the old order);
- a pair whose units were only cut differently (every sentence of each side still stands in the
  other version, page breaks and running headers aside), or whose changed runs are only layout
  (a footnote or heading glued in that stands elsewhere in the other version, a lone page
  number), is no change;
- a pair that differs is compared field by field and word by word (`accesswatch.diff.reasons`);
  the net weight of the reasons makes it `weakened` (< 0) or `strengthened` (> 0); with no weighted
  reason it is `reworded` (same substance). A tie between gains and losses counts as `weakened`
  (a watchdog would rather show it);
- an unpaired old statement is `removed` unless its text is still in the new version (extraction
  found it on one side only): an identical unit is no change, a close unit (≥ 85 similarity)
  is paired with it and compared as above; likewise an unpaired new statement is `added`;
- statements inside either version's changelog are left out (the changelog describes changes, it
  is not one).

Materiality (0–100, for ranking) is decided in `accesswatch.diff.materiality`: removals and
weakenings of binding promises about named outside parties first; acknowledgements, references
to others' frameworks, lists of standards and units naming no outside party demoted (with a
`rank: …` note); reworded and moved always below the material kinds.
"""

from __future__ import annotations

import bisect
import dataclasses
import datetime as dt
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field

from rapidfuzz import fuzz, process

from accesswatch.archive.textnorm import squash_whitespace
from accesswatch.diff.announcements import (
    MentionIndex,
    entries_for_version,
    find_changelog,
)
from accesswatch.diff.context import (
    compact,
    context_reason,
    context_statements,
    defined_term,
    inherit_statement,
    short,
)
from accesswatch.diff.materiality import materiality
from accesswatch.diff.reasons import Reason, compare_statements, net_weight
from accesswatch.diff.textdiff import heading_title, word_spans
from accesswatch.extract import align_statements, extract_statements, segment
from accesswatch.extract.model import ExtractedStatement

MATERIAL_KINDS = ("removed", "weakened", "added", "strengthened")
_PERSIST_CUTOFF = 85.0
_OUTSIDE_CATEGORIES = {"external-evaluation", "third-party-review", "government-access", "external-red-teaming"}
_GLYPHS = str.maketrans({"‘": "'", "’": "'", "“": '"', "”": '"', "–": "-", "—": "-", "‐": "-", "‑": "-", "\u00a0": " "})


@dataclass
class StatementChange:
    """One statement-level change between two versions.

    `before`/`after` are the units exactly as they stand in the old/new text (None for added /
    removed); `old`/`new` are the extracted statements behind them. `reasons` explain the kind in
    words; `materiality` ranks (0–100); `announced` is True/False/None (see
    `accesswatch.diff.announcements`).
    """

    kind: str
    before: str | None
    after: str | None
    categories: list[str]
    strength_before: str | None
    strength_after: str | None
    reasons: list[str]
    materiality: int
    announced: bool | None
    section: str
    similarity: float = 0.0
    rank_notes: list[str] = field(default_factory=list)
    old: ExtractedStatement | None = field(default=None, repr=False)
    new: ExtractedStatement | None = field(default=None, repr=False)

    @property
    def material(self) -> bool:
        """True for the kinds a reader is shown by default (not reworded or moved)."""
        return self.kind in MATERIAL_KINDS

    def to_json(self) -> dict:
        """The JSON shape printed by `accesswatch diff --json`."""
        return {
            "kind": self.kind,
            "before": self.before,
            "after": self.after,
            "categories": list(self.categories),
            "strength_before": self.strength_before,
            "strength_after": self.strength_after,
            "reasons": list(self.reasons),
            "announced": self.announced,
            "materiality": self.materiality,
            "section": self.section,
            "before_span": [self.old.start, self.old.end] if self.old else None,
            "after_span": [self.new.start, self.new.end] if self.new else None,
        }

    def to_record_fields(self) -> dict:
        """Fields of `accesswatch.record_models.Change` (all but id, versions, statement, review).

        `Change(id=…, old_version=…, new_version=…, **change.to_record_fields())` builds a record.
        Quotes are whitespace-squashed (the record check compares after whitespace normalisation).
        """
        return {
            "kind": self.kind,
            "before": squash_whitespace(self.before) if self.before is not None else None,
            "after": squash_whitespace(self.after) if self.after is not None else None,
            "categories": list(self.categories),
            "strength_before": self.strength_before,
            "strength_after": self.strength_after,
            "reasons": list(self.reasons),
            "materiality": self.materiality,
            "announced": self.announced,
            "section": self.section,
        }


def _norm(text: str) -> str:
    return squash_whitespace(text.translate(_GLYPHS).lower())


_NOISE_LINE = re.compile(r"(?m)^\s*(?:\[\[\s*page\s+\d+\s*\]\]|--\s*\d+\s+of\s+\d+\s*--|\d{1,4})\s*$", re.IGNORECASE)
_NON_ALNUM = re.compile(r"[\W_]+")
_SENTENCE = re.compile(r"(?<=[.!?:;])\s+|\s*[●•▪◦]\s*")


_FOOTNOTE_MARK = re.compile(r"(?<=[A-Za-z.,;:)”’\"])\d{1,2}(?=\s|[A-Z]|$)")


def _compact(text: str) -> str:
    """Letters and digits only, lower case, footnote markers dropped: equal for texts that differ
    only in spacing, glyphs, punctuation, bullets, footnote numbers or words glued together by PDF
    extraction."""
    text = _FOOTNOTE_MARK.sub(" ", unicodedata.normalize("NFKC", text))
    return _NON_ALNUM.sub("", text.lower())


def _haystack(text: str) -> str:
    # Page markers, lone page numbers and running headers/footers (short lines repeated 3+ times)
    # interrupt sentences that cross a page; they are left out of the text units are looked up in.
    lines = text.splitlines()
    counts = Counter(line.strip() for line in lines if 0 < len(line.strip()) < 80)
    kept = [line for line in lines if counts.get(line.strip(), 0) < 3]
    return _compact(_NOISE_LINE.sub(" ", "\n".join(kept)))


def _sentences_in(unit: str, haystack: str) -> bool:
    """True when every sentence of `unit` occurs (compacted) in the other version's haystack."""
    parts = [_compact(p) for p in _SENTENCE.split(_FOOTNOTE_MARK.sub(" ", unit))]
    parts = [p for p in parts if len(p) >= 12]
    return bool(parts) and all(p in haystack for p in parts)


_INLINE_NOISE = re.compile(r"\[\[\s*page\s+\d+\s*\]\]|--\s*\d+\s+of\s+\d+\s*--|\b\d{1,4}\b", re.IGNORECASE)
_NUMBER_ONLY = re.compile(r"^(?:\s*(?:\[\[\s*page\s+\d+\s*\]\]|--\s*\d+\s+of\s+\d+\s*--|\d{1,4}|[^\w\s]+))+\s*$", re.IGNORECASE)


def _layout_only(o_text: str, n_text: str, old_hay: str, new_hay: str) -> bool:
    """True when every run the word diff changes is layout: a run of 4+ words that still stands
    in the other version (a footnote or heading glued into the unit), or a lone page marker or
    number that is inserted or deleted (not replaced by another)."""
    spans = word_spans(o_text, n_text)
    for k, span in enumerate(spans):
        if span.op == "equal" or not _compact(span.text):
            continue
        other = new_hay if span.op == "delete" else old_hay
        if len(span.text.split()) >= 4:
            core = _compact(_INLINE_NOISE.sub(" ", span.text))
            if not core or core in other:
                continue
            return False
        if _NUMBER_ONLY.match(span.text):
            neighbours = [spans[x] for x in (k - 1, k + 1) if 0 <= x < len(spans)]
            if not any(nb.op not in ("equal", span.op) and _NUMBER_ONLY.match(nb.text) for nb in neighbours):
                continue
        return False
    return True


def _last_heading(section: str) -> str:
    last = section.split(" > ")[-1] if section else ""
    last = heading_title(last).lower()
    return re.sub(r"^[\divx]+(\.\d+)*[.)]?\s+", "", last).strip()


def _quote(text: str, stmt: ExtractedStatement) -> str:
    return text[stmt.start : stmt.end] if 0 <= stmt.start < stmt.end <= len(text) else stmt.text


def _outside_changelog(stmts: list[ExtractedStatement], text: str) -> list[ExtractedStatement]:
    log = find_changelog(text)
    if log is None:
        return stmts
    return [s for s in stmts if not (log.start <= s.start < log.end)]


class _Finder:
    """Looks a unit up in the other version's text: verbatim, or as a close unit."""

    def __init__(self, text: str, kind: str | None, units: list | None = None, statements=()) -> None:
        self.text = text
        self.kind = kind
        self.haystack = _haystack(text)
        self._units = units
        if units is not None:
            self._norms = [_norm(u.text) for u in units]
        self._by_start = {s.start: s for s in statements}

    def contains(self, unit: str) -> bool:
        """True when every sentence of the unit is in this text (layout, glyphs and spacing aside)."""
        return _sentences_in(unit, self.haystack)

    def closest(self, unit: str, counterpart: ExtractedStatement | None = None) -> tuple[ExtractedStatement | None, float]:
        """The unit of this text closest to `unit` (similarity ≥ 85) as a statement, with its score.

        The statement is the one extraction (or context) found there; else the unit extracted on its
        own; else, when `counterpart` (the statement `unit` belongs to) is given, the unit in scope
        through that counterpart (same categories and actors, strength from its own modal verb).
        """
        if self._units is None:
            self._units = segment(self.text)
            self._norms = [_norm(u.text) for u in self._units]
        if not self._units:
            return None, 0.0
        hit = process.extractOne(_norm(unit), self._norms, scorer=fuzz.ratio, score_cutoff=_PERSIST_CUTOFF)
        if hit is None:
            return None, 0.0
        seg = self._units[hit[2]]
        if seg.start in self._by_start:
            return self._by_start[seg.start], hit[1]
        found = extract_statements(self.text[seg.start : seg.end], kind=self.kind)
        if len(found) == 1:
            st = found[0]
            return dataclasses.replace(st, start=seg.start, end=seg.end, section=seg.section, page=seg.page), hit[1]
        if counterpart is not None and hit[1] < 97:
            why = f'in scope as the counterpart of: "{short(counterpart.text)}"'
            return inherit_statement(seg, counterpart, why), hit[1]
        return None, hit[1]


def _materiality(kind: str, stmt: ExtractedStatement, reasons: list[Reason]) -> tuple[int, list[str]]:
    return materiality(kind, stmt, reasons)


def _scope_notes(*stmts: ExtractedStatement) -> list[str]:
    # Why a unit extraction left out is in the change list (see accesswatch.diff.context): the
    # newest side's reason (the one a reader can check in the current text), else the old one's.
    for st in reversed(stmts):
        note = context_reason(st)
        if note:
            return [note]
    return []


def _changed_words(before: str | None, after: str | None) -> str:
    if before is None or after is None:
        return before or after or ""
    spans = word_spans(before, after)
    return " ".join(s.text for s in spans if s.op != "equal")


def _pair_change(
    old_text, new_text, o: ExtractedStatement, n: ExtractedStatement, sim: float, in_old=None, in_new=None,
    moved: bool = False,
) -> StatementChange | None:
    if in_old is not None and in_new is not None and _compact(o.text) != _compact(n.text):
        # Units cut differently on the two sides (a list item merged with the next, a heading
        # glued to a sentence) while every sentence is still there: no change in the text.
        if in_new.contains(o.text) and in_old.contains(n.text):
            return None
        if _layout_only(o.text, n.text, in_old.haystack, in_new.haystack):
            return None
    if _compact(o.text) == _compact(n.text):
        if not moved:
            return None
        kind, reasons = "moved", [Reason(f'moved: now under "{_last_heading(n.section) or "(start)"}"', 0)]
    else:
        reasons = compare_statements(o, n)
        net = net_weight(reasons)
        weighted = [r for r in reasons if r.weight]
        if net > 0:
            kind = "strengthened"
        elif net < 0 or weighted:
            kind = "weakened"
        else:
            kind = "reworded"
            if not reasons:
                reasons = [Reason("reworded, same force, actor, scope and timing", 0)]
    main = o if kind == "weakened" else n
    score, notes = _materiality(kind, main, reasons)
    return StatementChange(
        kind=kind,
        before=_quote(old_text, o),
        after=_quote(new_text, n),
        categories=sorted(set(o.categories) | set(n.categories)),
        strength_before=o.strength,
        strength_after=n.strength,
        reasons=_scope_notes(o, n) + [r.text for r in reasons],
        materiality=score,
        announced=None,
        section=n.section,
        similarity=round(sim, 3),
        rank_notes=notes,
        old=o,
        new=n,
    )


def classify_changes(
    old_text: str,
    new_text: str,
    *,
    old_kind: str | None = None,
    new_kind: str | None = None,
    announcement_text: str | None = None,
    old_date: dt.date | None = None,
    new_date: dt.date | None = None,
    old_statements: list[ExtractedStatement] | None = None,
    new_statements: list[ExtractedStatement] | None = None,
) -> list[StatementChange]:
    """The statement-level changes from `old_text` to `new_text`, most material first.

    Inputs: the two version texts; optional document kinds for extraction (`new_kind` defaults to
    `old_kind`); an optional announcement text published with the new version; optional version
    dates (used to pick the changelog entries of the new version); the statements already
    extracted from either text, when the caller has them (else they are extracted here). Output: changes sorted by
    materiality (highest first), then by position in the new text. Rules in the module doc.
    Never raises on odd text; an empty side simply has no statements.
    """
    new_kind = new_kind or old_kind
    old_units, new_units = segment(old_text), segment(new_text)
    if old_statements is None:
        old_statements = extract_statements(old_text, kind=old_kind)
    if new_statements is None:
        new_statements = extract_statements(new_text, kind=new_kind)
    old_stmts = _outside_changelog(_with_context(old_text, old_statements, old_units), old_text)
    new_stmts = _outside_changelog(_with_context(new_text, new_statements, new_units), new_text)
    changes: list[StatementChange] = []
    in_old = _Finder(old_text, old_kind, old_units, old_stmts)
    in_new = _Finder(new_text, new_kind, new_units, new_stmts)
    aligned = align_statements(old_stmts, new_stmts)
    in_order = _in_order_pairs([(i, j) for i, j, _ in aligned if i is not None and j is not None])
    for i, j, sim in aligned:
        if i is not None and j is not None:
            moved = (i, j) not in in_order
            change = _pair_change(old_text, new_text, old_stmts[i], new_stmts[j], sim, in_old, in_new, moved)
        elif i is not None:
            change = _unpaired_change("removed", old_stmts[i], old_text, new_text, in_new)
        else:
            change = _unpaired_change("added", new_stmts[j], old_text, new_text, in_old)
        if change is not None:
            changes.append(change)
    changes = _pair_leftovers(_dedupe(changes), old_text, new_text, in_old, in_new)
    _mark_announced(changes, old_text, new_text, announcement_text, old_date, new_date)
    changes.sort(key=lambda c: (-c.materiality, c.new.start if c.new else (c.old.start if c.old else 0)))
    return changes


def _with_context(text: str, stmts: list[ExtractedStatement], units: list) -> list[ExtractedStatement]:
    extra = context_statements(text, stmts, units)
    return sorted(stmts + extra, key=lambda s: s.start) if extra else stmts


def _unpaired_change(kind: str, stmt: ExtractedStatement, old_text: str, new_text: str, other: "_Finder") -> StatementChange | None:
    """A statement alignment left alone (`kind` "removed": an old one; "added": a new one).

    Nothing when the other version still has its text (or nearly: score ≥ 97); a paired change
    when the other version has a close twin; else the removal or addition itself.
    """
    if other.contains(stmt.text):
        return None
    twin, score = other.closest(stmt.text, stmt)
    if twin is not None:
        old, new = (stmt, twin) if kind == "removed" else (twin, stmt)
        return _pair_change(old_text, new_text, old, new, score / 100)
    if score >= 97:
        return None
    return _single(kind, stmt, _quote(old_text if kind == "removed" else new_text, stmt))


def _in_order_pairs(pairs: list[tuple[int, int]]) -> set[tuple[int, int]]:
    """The largest set of pairs whose new order follows the old order (longest increasing
    subsequence); the other pairs are statements that moved relative to their neighbours."""
    pairs = sorted(pairs)
    tails: list[int] = []
    tail_idx: list[int] = []
    prev = [-1] * len(pairs)
    for k, (_, j) in enumerate(pairs):
        pos = bisect.bisect_left(tails, j)
        if pos == len(tails):
            tails.append(j)
            tail_idx.append(k)
        else:
            tails[pos] = j
            tail_idx[pos] = k
        prev[k] = tail_idx[pos - 1] if pos else -1
    keep: set[tuple[int, int]] = set()
    k = tail_idx[-1] if tail_idx else -1
    while k >= 0:
        keep.add(pairs[k])
        k = prev[k]
    return keep


def _single(kind: str, stmt: ExtractedStatement, quote: str) -> StatementChange:
    score, notes = _materiality(kind, stmt, [])
    return StatementChange(
        kind=kind,
        before=quote if kind == "removed" else None,
        after=quote if kind == "added" else None,
        categories=list(stmt.categories),
        strength_before=stmt.strength if kind == "removed" else None,
        strength_after=stmt.strength if kind == "added" else None,
        reasons=[f"{'removed' if kind == 'removed' else 'added'}: {stmt.strength} statement"] + _scope_notes(stmt),
        materiality=score,
        announced=None,
        section=stmt.section,
        rank_notes=notes,
        old=stmt if kind == "removed" else None,
        new=stmt if kind == "added" else None,
    )


_REWRITE_CUTOFF = 85.0


def _pair_leftovers(changes, old_text, new_text, in_old, in_new) -> list[StatementChange]:
    """Pair a removed and an added statement that are one unit rewritten: both define the same
    quoted term (`A model is “highly capable” if …`), or one's words nearly all stand in the other
    (token-set similarity ≥ 85). Best pairs first, each statement used once; the pair is then
    compared like any aligned pair (`_pair_change`)."""
    removed = [c for c in changes if c.kind == "removed"]
    added = [c for c in changes if c.kind == "added"]
    if not removed or not added:
        return changes
    candidates = []
    for r in removed:
        r_term = defined_term(r.before)
        for a in added:
            a_term = defined_term(a.after)
            if r_term and a_term and compact(r_term) == compact(a_term):
                score = 100.0
            else:
                score = fuzz.token_set_ratio(_norm(r.before), _norm(a.after))
                if score < _REWRITE_CUTOFF or min(len(r.before), len(a.after)) < 40:
                    continue
            candidates.append((score, id(r), id(a), r, a))
    candidates.sort(key=lambda x: -x[0])
    used: set[int] = set()
    replaced: dict[int, StatementChange | None] = {}
    for score, rid, aid, r, a in candidates:
        if rid in used or aid in used:
            continue
        used.update((rid, aid))
        pair = _pair_change(old_text, new_text, r.old, a.new, score / 100, in_old, in_new)
        replaced[rid] = pair
        replaced[aid] = None
    out = []
    for c in changes:
        if id(c) in replaced:
            if replaced[id(c)] is not None:
                out.append(replaced[id(c)])
        else:
            out.append(c)
    return out


def _dedupe(changes: list[StatementChange]) -> list[StatementChange]:
    # A unit found again through `_Finder` may also be paired by alignment: keep the first.
    seen: set[tuple] = set()
    out = []
    for c in changes:
        key = (c.old.start if c.old else None, c.new.start if c.new else None)
        side_keys = [("o", key[0]) if key[0] is not None else None, ("n", key[1]) if key[1] is not None else None]
        if any(k in seen for k in side_keys if k):
            continue
        seen.update(k for k in side_keys if k)
        out.append(c)
    return out


def _mark_announced(changes, old_text, new_text, announcement_text, old_date, new_date) -> None:
    log = find_changelog(new_text)
    entries = entries_for_version(log, old_text, old_date=old_date, new_date=new_date)
    text = " ".join(e.title + " " + e.body for e in entries)
    if announcement_text:
        text = (text + " " + announcement_text).strip()
    if not text:
        if log is not None:
            # A changelog with no entry for this version: the change went unmentioned (silent).
            for c in changes:
                c.announced = False
        return
    index = MentionIndex(new_text, text, log)
    for c in changes:
        c.announced = index.mentioned(_changed_words(c.before, c.after), heading_title(_last_heading(c.section)))
