"""Hierarchical diff of two version texts: sections → paragraphs → sentences → words.

The diff runs coarse to fine so that long documents stay fast: sections are aligned by heading,
paragraphs inside aligned sections by content hash (difflib over hashes), paragraphs left over in
a replaced region are paired by fuzzy similarity (rapidfuzz), and only paired paragraphs that
differ are diffed further — by sentence when they are long, then by word.

The result is a neutral structure (`DocumentDiff`) that `accesswatch.diff.render` turns into HTML
redline, Markdown or JSON.

**Whitespace normalisation.** The diff works on words (maximal runs of non-whitespace). Every
paragraph records its words joined by single spaces, so the diff reproduces each side exactly up to
whitespace: `" ".join(diff.old_words()) == " ".join(old_text.split())`, and likewise for the new
side. Line breaks, indentation and blank lines are not kept in the diff.
"""

from __future__ import annotations

import difflib
import hashlib
import re
from dataclasses import dataclass, field
from typing import Iterator, Literal

import numpy
from rapidfuzz import fuzz, process

from accesswatch.archive.textnorm import squash_whitespace

SpanOp = Literal["equal", "delete", "insert"]
BlockOp = Literal["equal", "changed", "deleted", "inserted"]

_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+\S")
_SENTENCE_END = re.compile(r"(?:(?<=[.!?;:])|(?<=[.!?;:][\"”’)\]]))\s+(?=[\"“‘(\[]?[A-Z0-9•])")
# Paired paragraphs below this similarity (0..100) are shown as a deletion plus an insertion.
_PAIR_CUTOFF = 55.0
# Above this many candidate pairs, a replaced region is not searched for pairs (kept linear).
_MAX_PAIR_MATRIX = 400_000
# Replaced regions up to this many candidate pairs are scored in full, larger ones in a band.
_FULL_MATRIX = 10_000
_BAND = 25
# A deleted and an inserted paragraph this similar, anywhere in the document, count as moved.
_MOVE_CUTOFF = 92.0
# Paragraphs with more sentences than this are diffed sentence by sentence before words.
_SENTENCE_SPLIT_MIN = 3


@dataclass(frozen=True)
class Span:
    """A run of words with one operation: kept, deleted from the old side, or inserted."""

    op: SpanOp
    text: str

    def to_json(self) -> dict:
        return {"op": self.op, "text": self.text}


@dataclass
class ParagraphDiff:
    """One paragraph (or heading) of either side and how it changed.

    `old`/`new` are the paragraph's words joined by single spaces (None on the side where it does
    not exist). `spans` is the word-level diff: the `equal`+`delete` spans spell `old`, the
    `equal`+`insert` spans spell `new`. `similarity` is 0..100 for changed pairs. `moved` is set
    on a deleted or inserted paragraph whose near-twin appears elsewhere on the other side.
    """

    op: BlockOp
    old: str | None
    new: str | None
    spans: list[Span]
    similarity: float = 100.0
    moved: bool = False
    heading: bool = False

    def to_json(self) -> dict:
        return {
            "op": self.op,
            "heading": self.heading,
            "moved": self.moved,
            "similarity": round(self.similarity, 1),
            "old": self.old,
            "new": self.new,
            "spans": [s.to_json() for s in self.spans],
        }


@dataclass
class SectionDiff:
    """A section (the text under one heading) aligned between the two sides.

    `old_heading`/`new_heading` are the heading texts ("" for the text before the first heading,
    None when the section does not exist on that side). `blocks` holds the heading itself (first,
    with `heading=True`) and then the section's paragraphs in document order.
    """

    old_heading: str | None
    new_heading: str | None
    blocks: list[ParagraphDiff]

    @property
    def changed(self) -> bool:
        return any(b.op != "equal" for b in self.blocks)

    @property
    def title(self) -> str:
        """The heading without its Markdown `#` markers (new side's, else old side's)."""
        return heading_title(self.new_heading or self.old_heading or "")

    def to_json(self) -> dict:
        return {
            "old_heading": self.old_heading,
            "new_heading": self.new_heading,
            "changed": self.changed,
            "blocks": [b.to_json() for b in self.blocks],
        }


@dataclass
class DiffStats:
    """Counts of paragraphs by operation and of words deleted and inserted."""

    paragraphs_equal: int = 0
    paragraphs_changed: int = 0
    paragraphs_deleted: int = 0
    paragraphs_inserted: int = 0
    paragraphs_moved: int = 0
    words_deleted: int = 0
    words_inserted: int = 0

    def to_json(self) -> dict:
        return dict(self.__dict__)


@dataclass
class DocumentDiff:
    """The whole hierarchical diff of two texts."""

    sections: list[SectionDiff] = field(default_factory=list)
    stats: DiffStats = field(default_factory=DiffStats)

    @property
    def identical(self) -> bool:
        """True when both sides have the same words (whitespace aside)."""
        return not any(s.changed for s in self.sections)

    def blocks(self) -> Iterator[ParagraphDiff]:
        """Every paragraph diff, in document order."""
        for section in self.sections:
            yield from section.blocks

    def old_words(self) -> list[str]:
        """The old side's words, in order, rebuilt from the diff."""
        return _side_words(self, "delete")

    def new_words(self) -> list[str]:
        """The new side's words, in order, rebuilt from the diff."""
        return _side_words(self, "insert")

    def to_json(self) -> dict:
        return {
            "identical": self.identical,
            "stats": self.stats.to_json(),
            "sections": [s.to_json() for s in self.sections],
        }


def _side_words(diff: DocumentDiff, keep: str) -> list[str]:
    words: list[str] = []
    for block in diff.blocks():
        for span in block.spans:
            if span.op == "equal" or span.op == keep:
                words.extend(span.text.split())
    return words


# --- parsing into sections and paragraphs ----------------------------------------------------


@dataclass
class _Section:
    heading: str  # "" for the preamble
    paragraphs: list[str]


def _is_heading(line: str) -> bool:
    return bool(_HEADING.match(line))


def heading_title(heading: str) -> str:
    """A heading's text without the `#` markers of each of its lines."""
    return squash_whitespace(re.sub(r"(^|\s)#{1,6}(?=\s)", " ", heading))



def split_sections(text: str) -> list[tuple[str, list[str]]]:
    """Split a text into (heading, paragraphs) pairs.

    A heading is a Markdown ATX line (`# …` to `###### …`); consecutive heading lines (a title
    wrapped over several lines) form one heading. Paragraphs are separated by blank lines; their
    whitespace is squashed to single spaces. The text before the first heading has heading "".
    """
    return [(s.heading, s.paragraphs) for s in _parse(text)]


def _parse(text: str) -> list[_Section]:
    sections: list[_Section] = [_Section("", [])]
    buffer: list[str] = []
    heading_lines: list[str] = []

    def flush_paragraph() -> None:
        if buffer:
            para = squash_whitespace(" ".join(buffer))
            if para:
                sections[-1].paragraphs.append(para)
            buffer.clear()

    def flush_heading() -> None:
        if heading_lines:
            sections.append(_Section(squash_whitespace(" ".join(heading_lines)), []))
            heading_lines.clear()

    for line in text.splitlines():
        if _is_heading(line):
            flush_paragraph()
            heading_lines.append(line)
            continue
        flush_heading()
        if line.strip():
            buffer.append(line)
        else:
            flush_paragraph()
    flush_paragraph()
    flush_heading()
    if not sections[0].paragraphs and len(sections) > 1:
        sections.pop(0)
    return sections


def _split_sentences(paragraph: str) -> list[str]:
    parts = [p for p in _SENTENCE_END.split(paragraph) if p.strip()]
    return parts or [paragraph]


def _hash(text: str) -> bytes:
    return hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=12).digest()


# --- word and sentence level ------------------------------------------------------------------


def word_spans(before: str, after: str) -> list[Span]:
    """Word-level diff of two passages as spans (equal / delete / insert), whitespace squashed."""
    a, b = before.split(), after.split()
    spans: list[Span] = []
    for tag, i1, i2, j1, j2 in _opcodes(a, b):
        if tag == "equal":
            _push(spans, "equal", a[i1:i2])
        else:
            _push(spans, "delete", a[i1:i2])
            _push(spans, "insert", b[j1:j2])
    return spans


def _push(spans: list[Span], op: SpanOp, words: list[str]) -> None:
    if not words:
        return
    if spans and spans[-1].op == op:
        spans[-1] = Span(op, spans[-1].text + " " + " ".join(words))
    else:
        spans.append(Span(op, " ".join(words)))


def _extend(spans: list[Span], more: list[Span]) -> None:
    for span in more:
        _push(spans, span.op, span.text.split())


def _paragraph_spans(old: str, new: str) -> list[Span]:
    """Word spans of two paired paragraphs; long ones are aligned by sentence first."""
    old_sents, new_sents = _split_sentences(old), _split_sentences(new)
    if len(old_sents) <= _SENTENCE_SPLIT_MIN and len(new_sents) <= _SENTENCE_SPLIT_MIN:
        return word_spans(old, new)
    spans: list[Span] = []
    for op, a, b, _sim in _align_units(old_sents, new_sents):
        if op == "equal":
            _push(spans, "equal", a.split())
        elif op == "changed":
            _extend(spans, word_spans(a, b))
        elif op == "deleted":
            _push(spans, "delete", a.split())
        else:
            _push(spans, "insert", b.split())
    return spans


# --- unit alignment (used for sections' paragraphs and paragraphs' sentences) -----------------


def _align_units(old: list[str], new: list[str]) -> list[tuple[str, str | None, str | None, float]]:
    """Align two sequences of text units in order: (op, old unit, new unit, similarity)."""
    return [
        (op, None if i is None else old[i], None if j is None else new[j], sim)
        for op, i, j, sim in align_indices(old, new)
    ]


def align_indices(old: list[str], new: list[str]) -> list[tuple[str, int | None, int | None, float]]:
    """Align two sequences of text units in order, as (op, old index, new index, similarity).

    Identical units are matched by hash (difflib over hashes); within each replaced region, units
    are paired by fuzzy similarity (best pair first, then recursively on both sides, which keeps
    the order); unpaired units are deletions and insertions. `op` is equal, changed, deleted or
    inserted; similarity is 0..100.
    """
    old_h = [_hash(u) for u in old]
    new_h = [_hash(u) for u in new]
    out: list[tuple[str, int | None, int | None, float]] = []
    for tag, i1, i2, j1, j2 in _opcodes(old_h, new_h):
        if tag == "equal":
            out.extend(("equal", i, j1 + k, 100.0) for k, i in enumerate(range(i1, i2)))
        elif tag == "delete":
            out.extend(("deleted", i, None, 0.0) for i in range(i1, i2))
        elif tag == "insert":
            out.extend(("inserted", None, j, 0.0) for j in range(j1, j2))
        else:
            out.extend(_pair_region(old, new, i1, i2, j1, j2))
    return out


def _opcodes(a: list, b: list) -> list[tuple[str, int, int, int, int]]:
    """difflib opcodes, after trimming the common head and tail in linear time.

    difflib is quadratic on long runs of repeated items; for long middles (> 5,000 items) its
    "popular item" heuristic (autojunk) is switched on so repeated boilerplate cannot blow up.
    """
    n, m = len(a), len(b)
    head = 0
    while head < n and head < m and a[head] == b[head]:
        head += 1
    tail = 0
    while tail < n - head and tail < m - head and a[n - 1 - tail] == b[m - 1 - tail]:
        tail += 1
    ops: list[tuple[str, int, int, int, int]] = []
    if head:
        ops.append(("equal", 0, head, 0, head))
    mid_a, mid_b = a[head : n - tail], b[head : m - tail]
    if mid_a or mid_b:
        matcher = difflib.SequenceMatcher(None, mid_a, mid_b, autojunk=max(len(mid_a), len(mid_b)) > 5000)
        for tag, i1, i2, j1, j2 in matcher.get_opcodes():
            ops.append((tag, i1 + head, i2 + head, j1 + head, j2 + head))
    if tail:
        ops.append(("equal", n - tail, n, m - tail, m))
    return ops


def _pair_region(old, new, i1, i2, j1, j2) -> list[tuple[str, int | None, int | None, float]]:
    if (i2 - i1) * (j2 - j1) > _MAX_PAIR_MATRIX:
        return [("deleted", i, None, 0.0) for i in range(i1, i2)] + [("inserted", None, j, 0.0) for j in range(j1, j2)]
    scores = _region_scores(old[i1:i2], new[j1:j2])
    out: list[tuple[str, int | None, int | None, float]] = []
    _pair_recursive(scores, 0, i2 - i1, 0, j2 - j1, out)
    return [(op, None if a is None else a + i1, None if b is None else b + j1, sim) for op, a, b, sim in out]


def _region_scores(old: list[str], new: list[str]):
    """Similarity matrix of a replaced region. Small regions are scored in full; large ones only
    in a band around the diagonal (units of a rewritten region rarely travel far, and moved ones
    are caught by `_mark_moves`), which keeps the cost linear in the region size."""
    n, m = len(old), len(new)
    if n * m <= _FULL_MATRIX:
        return process.cdist(old, new, scorer=fuzz.ratio, score_cutoff=_PAIR_CUTOFF, workers=1)
    scores = numpy.zeros((n, m), dtype=numpy.float32)
    for i in range(n):
        centre = (i * m) // n
        for j in range(max(0, centre - _BAND), min(m, centre + _BAND + 1)):
            scores[i, j] = fuzz.ratio(old[i], new[j], score_cutoff=_PAIR_CUTOFF)
    return scores


def _pair_recursive(scores, i1, i2, j1, j2, out) -> None:
    best, bi, bj = 0.0, -1, -1
    if i1 < i2 and j1 < j2:
        sub = scores[i1:i2, j1:j2]
        flat = int(sub.argmax())
        bi, bj = divmod(flat, j2 - j1)
        best = float(sub[bi, bj])
        bi, bj = bi + i1, bj + j1
    if best < _PAIR_CUTOFF:
        out.extend(("deleted", i, None, 0.0) for i in range(i1, i2))
        out.extend(("inserted", None, j, 0.0) for j in range(j1, j2))
        return
    _pair_recursive(scores, i1, bi, j1, bj, out)
    out.append(("changed", bi, bj, best))
    _pair_recursive(scores, bi + 1, i2, bj + 1, j2, out)


# --- sections ---------------------------------------------------------------------------------


def _heading_key(heading: str) -> str:
    # Numbering and case often change between versions while the section stays the same.
    text = heading.lstrip("#").strip().lower()
    text = re.sub(r"^[\divx]+(\.\d+)*[.)]?\s+", "", text)
    return squash_whitespace(re.sub(r"[^\w\s]", " ", text))


def _align_sections(old: list[_Section], new: list[_Section]) -> list[tuple[list[_Section], list[_Section]]]:
    """Groups of old and new sections to diff together: 1-1 for matching headings, and the whole
    run of sections in a replaced region otherwise (so text that moved between renamed sections
    still pairs up)."""
    groups: list[tuple[list[_Section], list[_Section]]] = []
    matcher = difflib.SequenceMatcher(
        None, [_heading_key(s.heading) for s in old], [_heading_key(s.heading) for s in new], autojunk=False
    )
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            groups.extend(([old[i]], [new[j1 + k]]) for k, i in enumerate(range(i1, i2)))
        elif tag == "delete":
            groups.extend(([old[i]], []) for i in range(i1, i2))
        elif tag == "insert":
            groups.extend(([], [new[j]]) for j in range(j1, j2))
        else:
            groups.extend(_pair_sections(old[i1:i2], new[j1:j2]))
    return groups


def _pair_sections(old: list[_Section], new: list[_Section]) -> list[tuple[list[_Section], list[_Section]]]:
    # Pair renamed sections 1-1 in order when their headings are close; otherwise one group.
    if len(old) == len(new) and all(
        fuzz.ratio(_heading_key(a.heading), _heading_key(b.heading)) >= 60 for a, b in zip(old, new)
    ):
        return [([a], [b]) for a, b in zip(old, new)]
    return [(old, new)]


def _flatten(sections: list[_Section]) -> list[tuple[str, bool]]:
    units: list[tuple[str, bool]] = []
    for s in sections:
        if s.heading:
            units.append((s.heading, True))
        units.extend((p, False) for p in s.paragraphs)
    return units


def _block(op: str, a: str | None, b: str | None, sim: float, heading: bool) -> ParagraphDiff:
    if op == "equal":
        return ParagraphDiff("equal", a, b, [Span("equal", a or "")] if a else [], 100.0, heading=heading)
    if op == "deleted":
        return ParagraphDiff("deleted", a, None, [Span("delete", a or "")], 0.0, heading=heading)
    if op == "inserted":
        return ParagraphDiff("inserted", None, b, [Span("insert", b or "")], 0.0, heading=heading)
    return ParagraphDiff("changed", a, b, _paragraph_spans(a or "", b or ""), sim, heading=heading)


def diff_versions(old_text: str, new_text: str) -> DocumentDiff:
    """Diff two version texts hierarchically (sections → paragraphs → sentences → words).

    Inputs are the two texts (Markdown or plain text; `#` headings delimit sections). Returns a
    `DocumentDiff`; never raises on odd input (empty strings give an empty diff). Cost is roughly
    linear in the text size plus the size of the changed regions.
    """
    old_secs, new_secs = _parse(old_text or ""), _parse(new_text or "")
    diff = DocumentDiff()
    for old_group, new_group in _align_sections(old_secs, new_secs):
        old_units, new_units = _flatten(old_group), _flatten(new_group)
        blocks: list[ParagraphDiff] = []
        # The heading flag joins the unit's text for matching, so a heading never pairs a paragraph.
        old_keys = [("# " if h else "") + u for u, h in old_units]
        new_keys = [("# " if h else "") + u for u, h in new_units]
        for op, i, j, sim in align_indices(old_keys, new_keys):
            a = None if i is None else old_units[i][0]
            b = None if j is None else new_units[j][0]
            is_heading = old_units[i][1] if i is not None else new_units[j][1]
            blocks.append(_block(op, a, b, sim, is_heading))
        old_heading = old_group[0].heading if old_group else None
        new_heading = new_group[0].heading if new_group else None
        diff.sections.append(SectionDiff(old_heading, new_heading, blocks))
    _mark_moves(diff)
    _count(diff)
    return diff


def _mark_moves(diff: DocumentDiff) -> None:
    deleted = [b for b in diff.blocks() if b.op == "deleted" and not b.heading and b.old and len(b.old) > 20]
    inserted = [b for b in diff.blocks() if b.op == "inserted" and not b.heading and b.new and len(b.new) > 20]
    if not deleted or not inserted:
        return
    by_hash = {}
    for b in inserted:
        by_hash.setdefault(_hash(b.new or ""), []).append(b)
    rest: list[ParagraphDiff] = []
    for d in deleted:
        twins = by_hash.get(_hash(d.old or ""))
        if twins:
            d.moved = True
            twins.pop().moved = True
            if not twins:
                by_hash.pop(_hash(d.old or ""))
        else:
            rest.append(d)
    remaining = [b for bs in by_hash.values() for b in bs]
    if rest and remaining and len(rest) * len(remaining) <= _MAX_PAIR_MATRIX:
        scores = process.cdist(
            [d.old for d in rest], [b.new for b in remaining], scorer=fuzz.ratio, score_cutoff=_MOVE_CUTOFF, workers=1
        )
        taken: set[int] = set()
        for i, d in enumerate(rest):
            row = scores[i]
            j = int(row.argmax())
            if row[j] >= _MOVE_CUTOFF and j not in taken:
                taken.add(j)
                d.moved = True
                remaining[j].moved = True


def _count(diff: DocumentDiff) -> None:
    stats = diff.stats
    for b in diff.blocks():
        setattr(stats, f"paragraphs_{b.op}", getattr(stats, f"paragraphs_{b.op}") + 1)
        if b.moved and b.op == "deleted":
            stats.paragraphs_moved += 1
        for span in b.spans:
            if span.op == "delete":
                stats.words_deleted += len(span.text.split())
            elif span.op == "insert":
                stats.words_inserted += len(span.text.split())
