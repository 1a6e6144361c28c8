"""Segmentation: split one version's text into units (sentences, list items, table cells).

The input is the normalised text of a version: plain text extracted from a PDF (with page
markers such as ``[[page 3]]`` or ``-- 3 of 40 --``, hard-wrapped lines, lone page numbers,
footnotes, ``## `` prefixed large-font lines) or Markdown converted from a web page.

Every unit keeps character offsets into the text *as given* (``text[start:end]`` is the unit,
including any line breaks it spans), the heading path of the section it sits in and, for paged
texts, the page it starts on. The ``text`` field of a unit is the same span with whitespace
squashed, so it is always a verbatim quote of the input (after whitespace squashing).

Rules, in order of precedence (one pass over the lines, linear in the size of the text):

- page furniture ends the unit before it and is never part of a unit: page markers, lines
  holding only a page number, and running headers/footers (short lines repeated, page numbers
  aside, on 3+ page edges); a sentence split by a page break is cut at the break (the tail after
  it is a unit of its own, which extraction treats as a fragment of the sentence before);
- headings (Markdown ``#``, ``## `` prefixed PDF lines, numbered headings like
  ``3.2 External review``, ALL CAPS lines) are never units; they set the section path;
- a bullet or numbered line starts a list item, a Markdown table row is split into cells;
- a line that starts in lower case after a blank line continues the previous paragraph or item
  when that did not end a sentence (hard wraps);
- within a paragraph, item or cell, sentences end at ``.``, ``!`` or ``?`` (optionally followed by
  closing quotes/brackets and a footnote number) before an upper-case start (or a brand such as
  "xAI"), except after known abbreviations (e.g., i.e., U.S., No., Fig., et al. …), initials and
  decimal numbers; sentences glued by text extraction ("Risk Report.We will") are split when a
  lower-case word ends and a capitalised word starts, unless the token is a URL, domain or file name.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

__all__ = ["Segment", "segment", "MAX_UNIT_CHARS"]

# Headings guessed from a lone title-case or capitals line sit below every numbered or '#' level.
_LEAF_LEVEL = 9

#: A unit longer than this (a flattened table, a run-on extraction artefact) is cut at line breaks.
MAX_UNIT_CHARS = 1500


@dataclass(frozen=True)
class Segment:
    """One unit of a text: a sentence, a list item or a table cell.

    `start`/`end` are offsets into the text as given; `text` is that span with whitespace
    squashed (units never span page markers); `section` is the heading path joined with `" > "`;
    `page` is the page the unit starts on (None for texts without page markers); `kind` is
    ``sentence``, ``list-item`` or ``table-cell``.
    """

    text: str
    start: int
    end: int
    section: str
    page: int | None
    kind: str


_PAGE_BRACKET = re.compile(r"^\s*\[\[\s*page\s+(\d+)\s*\]\]\s*$", re.I)
_PAGE_OF = re.compile(r"^\s*--\s*(\d+)\s+of\s+\d+\s*--\s*$", re.I)
_PAGE_NUMBER = re.compile(r"^\s*(?:page\s+)?\d{1,4}(?:\s*/\s*\d{1,4})?\s*$", re.I)
_MD_HEADING = re.compile(r"^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$")
_NUMBERED_HEADING = re.compile(r"^\s*((?:\d{1,2}\.){0,4}\d{1,2})\.?\s+([A-Z][^\n]{1,90})$")
_APPENDIX_HEADING = re.compile(r"^\s*((?:Appendix|Annex|Section|Part|Chapter)\s+[A-Z0-9][\w.]*)[:.]?\s*([^\n]{0,90})$")
_CAPS_HEADING = re.compile(r"^\s*[A-Z0-9][A-Z0-9 &,'’\-–/:()]{2,90}$")
_LIST_MARKER = re.compile(
    r"(\s*)(?:[•●○◦▪▫■□‣⁃∙·➢►▶✓✔\-\*+–—](?=\s)|\d{1,2}[.)](?=\s)|\(\d{1,2}\)|\([a-zA-Z]\)|\((?:i|ii|iii|iv|v|vi|vii|viii|ix|x)\)"
    r"|[a-z][.)](?=\s)|[A-H][.)](?=\s+[A-Z][a-z])|(?:II|III|IV|VI|VII|VIII|IX)\.(?=\s+[A-Z][a-z]))\s*"
)
_LONE_BULLET = re.compile(r"^\s*[•●○◦▪▫■□‣⁃∙·➢►▶✓✔]\s*$")
_TABLE_ROW = re.compile(r"^\s*\|.*\|\s*$")
_TABLE_RULE = re.compile(r"^\s*\|?[\s:\-|]+\|?\s*$")
_FOOTNOTE_START = re.compile(r"(?:\d{1,3}\s+|\d{1,2}|[∗*†‡§])(?=[A-Z“\"(][a-z ])")
_SENTENCE_END = re.compile(r"[.!?…]+[\"'”’)\]*_]*(?:\[\d+(?:[,–-]\s*\d+)*\]|\d{1,3}(?![\d.,]))?(?:\s+)")
_NEXT_START = re.compile(r"[\"'“‘(\[*_#]*(?:[A-Z0-9•]|[a-z]{1,3}[A-Z])")  # "xAI", "iOS" start sentences too
_WORD_BEFORE = re.compile(r"([A-Za-z][A-Za-z.]*)$")
_WS = re.compile(r"\s+")
_BLANK = re.compile(r"^\s*$")
_MD_LINK_ONLY = re.compile(r"^\s*[*_]*!?\[[^\]]*\]\([^)]*\)[*_]*\s*$")

_ABBREVIATIONS = frozenset(
    """e.g i.e u.s u.k u.n e.u etc.al et.al al cf vs v no nos fig figs sec secs ch eq eqs tab dr mr mrs
    ms prof inc ltd co corp jr sr st approx est dept govt jan feb mar apr jun jul aug sep sept oct nov
    dec p pp vol vols ed eds op art para paras ref refs resp mt ft min max incl excl viz""".split()
)


@dataclass
class _Block:
    kind: str  # paragraph | list-item | table-cell
    spans: list[tuple[int, int]]  # content spans (start, end) in the text
    section: str
    page: int | None

    @property
    def end(self) -> int:
        return self.spans[-1][1]


def _iter_lines(text: str):
    """Yield (start, end) of each line's content (without its line break)."""
    pos = 0
    n = len(text)
    while pos < n:
        nl = text.find("\n", pos)
        if nl == -1:
            end = n
            nxt = n
        else:
            end = nl
            nxt = nl + 1
        if end > pos and text[end - 1] == "\r":
            end -= 1
        yield pos, end
        pos = nxt


def _ends_sentence(text: str, end: int) -> bool:
    i = end - 1
    while i >= 0 and text[i] in " \t\r\n\"'”’)]*_0123456789":
        i -= 1
    return i >= 0 and text[i] in ".!?:…;"


def _heading_of(line: str, paragraph_alone: bool) -> tuple[int, str] | None:
    """(level, title) when the line is a heading, else None."""
    m = _MD_HEADING.match(line)
    if m:
        return len(m.group(1)), m.group(2).strip().strip("*_").strip()
    if not paragraph_alone:
        return None
    stripped = line.strip()
    if len(stripped) > 100:
        return None
    m = _NUMBERED_HEADING.match(stripped)
    if m:
        title = m.group(2).strip()
        words = title.split()
        if len(words) <= 10 and title[-1] not in ".,;:!?" and ". " not in title and ": " not in title:
            return m.group(1).count(".") + 1, f"{m.group(1)} {title}"
    m = _APPENDIX_HEADING.match(stripped)
    if m and stripped[-1] not in ".,;" and len(stripped.split()) <= 10:
        return 1, stripped
    words = stripped.split()
    if (
        len(words) <= 6
        and stripped[0].isupper()
        and stripped[-1] not in ".,;:!?)"
        and ": " not in stripped
        and all(w[:1].isupper() or w[:1].isdigit() or len(w) <= 3 for w in words)
    ):
        return _LEAF_LEVEL, stripped
    if _CAPS_HEADING.match(stripped) and sum(c.isalpha() for c in stripped) >= 4 and stripped[-1] not in ".,;":
        return _LEAF_LEVEL, stripped
    return None


_HEADING_NUMBER = re.compile(r"^((?:\d{1,2}\.)*\d{1,2})\.?\s")


def _list_marker_end(text: str, start: int, end: int) -> int | None:
    m = _LIST_MARKER.match(text, start, end)
    if not m or m.end() >= end:
        return None
    return m.end()


def segment(text: str) -> list[Segment]:
    """Split `text` into units (sentences, list items, table cells) with offsets and sections.

    Input: the text of one version (PDF-extracted plain text or Markdown), any size.
    Output: units in text order; `text[u.start:u.end]` is the unit. Pure and deterministic.
    Raises TypeError when `text` is not a str.
    """
    if not isinstance(text, str):
        raise TypeError(f"segment() needs str, got {type(text).__name__}")
    blocks = _blocks(text)
    out: list[Segment] = []
    for block in blocks:
        out.extend(_split_block(text, block))
    return out


def _blocks(text: str) -> list[_Block]:
    lines = list(_iter_lines(text))
    blocks: list[_Block] = []
    headings: list[tuple[int, str]] = []
    section = ""
    page: int | None = None
    uses_page_of = False
    current: _Block | None = None  # block that the next plain line may continue
    gap = False  # a blank / noise line since `current`'s last line
    last_heading_line = -2
    pending_item = False
    n = len(lines)

    def is_blank(i: int) -> bool:
        if i < 0 or i >= n:
            return True
        s, e = lines[i]
        seg = text[s:e]
        return _BLANK.match(seg) is not None or _PAGE_BRACKET.match(seg) is not None or _PAGE_OF.match(seg) is not None

    running = _running_lines(text, lines)
    for idx, (s, e) in enumerate(lines):
        line = text[s:e]
        if _BLANK.match(line):
            gap = True
            continue
        # Page furniture ends the unit before it: a unit never spans a page break, a running
        # header/footer or a page number (its text must stay a verbatim span of the input).
        m = _PAGE_BRACKET.match(line)
        if m:
            page = int(m.group(1))
            gap = True
            current = None
            continue
        m = _PAGE_OF.match(line)
        if m:
            if not uses_page_of:
                uses_page_of = True
                for b in blocks:
                    if b.page is None:
                        b.page = 1
            page = int(m.group(1)) + 1
            gap = True
            current = None
            continue
        if (_PAGE_NUMBER.match(line) and (is_blank(idx - 1) or is_blank(idx + 1))) or idx in running:
            gap = True
            current = None
            continue
        if uses_page_of is False and page is None and _PAGE_OF.match(line) is None:
            pass
        cur_page = page if page is not None else (1 if uses_page_of else None)

        # Table rows (Markdown): one block per non-empty cell.
        if _TABLE_ROW.match(line):
            current = None
            gap = False
            if _TABLE_RULE.match(line):
                continue
            pos = text.index("|", s, e) + 1
            last = text.rindex("|", s, e)
            while pos < last:
                bar = text.find("|", pos, last)
                while bar != -1 and text[bar - 1] == "\\":
                    bar = text.find("|", bar + 1, last)
                cell_end = last if bar == -1 else bar
                cs, ce = pos, cell_end
                while cs < ce and text[cs] in " \t":
                    cs += 1
                while ce > cs and text[ce - 1] in " \t":
                    ce -= 1
                if ce > cs and any(ch.isalnum() for ch in text[cs:ce]):
                    blocks.append(_Block("table-cell", [(cs, ce)], section, cur_page))
                pos = cell_end + 1
            continue

        alone = is_blank(idx - 1) and is_blank(idx + 1)
        md = _MD_HEADING.match(line)
        heading = None
        if md or (alone and not _LIST_MARKER.match(line)):
            heading = _heading_of(line, alone)
        if heading is not None and not (md is None and current is not None and not gap and current.kind != "paragraph"):
            level, title = heading
            if not title:
                continue
            # Consecutive '#' lines of the same level (large-font PDF lines) form one heading.
            if last_heading_line == idx - 1 and headings and headings[-1][0] == level:
                headings[-1] = (level, f"{headings[-1][1]} {title}")
            else:
                number = _HEADING_NUMBER.match(title)
                while headings:
                    parent = _HEADING_NUMBER.match(headings[-1][1])
                    if number and parent:
                        # Numbers decide nesting: "3.2 …" stays under "3 …" and leaves "1 …".
                        if number.group(1).startswith(parent.group(1).rstrip(".") + "."):
                            break
                        headings.pop()
                    elif headings[-1][0] >= level:
                        headings.pop()
                    else:
                        break
                headings.append((level, title))
            section = " > ".join(t for _, t in headings)
            last_heading_line = idx
            current = None
            gap = False
            continue

        # Strip leading whitespace.
        cs = s
        while cs < e and text[cs] in " \t\u00a0":
            cs += 1
        ce = e
        while ce > cs and text[ce - 1] in " \t\u00a0":
            ce -= 1
        if _MD_LINK_ONLY.match(line):
            current = None
            continue

        if _LONE_BULLET.match(line):
            # A bullet glyph on its own line: the item's text starts on the next line.
            pending_item = True
            current = None
            gap = False
            continue
        marker_end = _list_marker_end(text, s, e)
        if pending_item and marker_end is None:
            marker_end = cs
        pending_item = False
        if marker_end is not None:
            current = _Block("list-item", [(marker_end, ce)], section, cur_page)
            blocks.append(current)
            gap = False
            continue

        first = text[cs]
        if current is not None and not gap and current.kind in ("paragraph", "list-item"):
            current.spans.append((cs, ce))
            continue
        if (
            current is not None
            and gap
            and current.kind in ("paragraph", "list-item")
            and (first.islower() or first in ",;)")
            and not _ends_sentence(text, current.end)
        ):
            current.spans.append((cs, ce))
            gap = False
            continue
        # A new paragraph; a leading footnote number is not part of the unit.
        if gap or current is None:
            fm = _FOOTNOTE_START.match(text, cs, ce)
            if fm and page is not None:
                cs = fm.end()
        current = _Block("paragraph", [(cs, ce)], section, cur_page)
        blocks.append(current)
        gap = False
    return blocks




def _running_lines(text: str, lines: list[tuple[int, int]]) -> set[int]:
    """Indices of running header/footer lines: short lines repeated (digits aside) on several
    pages, mostly right next to a page marker or a page-number line."""
    n = len(lines)
    marks = [
        i
        for i, (s, e) in enumerate(lines)
        if _PAGE_BRACKET.match(text[s:e]) or _PAGE_OF.match(text[s:e]) or _PAGE_NUMBER.match(text[s:e])
    ]
    if len(marks) < 3:
        return set()
    # Lines at a page edge: within _RUNNING_REACH non-blank lines of page furniture.
    nonblank = [i for i, (s, e) in enumerate(lines) if text[s:e].strip()]
    rank = {i: k for k, i in enumerate(nonblank)}
    near = bytearray(n)
    for i in marks:
        k = rank.get(i)
        if k is None:
            continue
        for kk in range(max(0, k - _RUNNING_REACH), min(len(nonblank), k + _RUNNING_REACH + 1)):
            near[nonblank[kk]] = 1
    seen: dict[str, list[int]] = {}
    for i, (s, e) in enumerate(lines):
        if near[i] and e - s <= 100:
            seen.setdefault(text[s:e].strip(_EDGE_CHARS), []).append(i)
    candidates = {k for k, v in seen.items() if len(v) >= 3 and len(k) >= 3 and sum(ch.isalpha() for ch in k) >= 3}
    if not candidates:
        return set()
    total = dict.fromkeys(candidates, 0)
    for s, e in lines:
        if e - s <= 100:
            k = text[s:e].strip(_EDGE_CHARS)
            if k in total:
                total[k] += 1
    out: set[int] = set()
    for key in candidates:
        # Repeated on 3+ pages next to page furniture, and mostly there (a repeated body line is kept).
        if len(seen[key]) * 2 >= total[key]:
            out.update(seen[key])
    return out


# A running header/footer is compared without its edge page number and spacing.
_EDGE_CHARS = " \t\r\u00a00123456789"
_RUNNING_REACH = 2


def _split_block(text: str, block: _Block) -> list[Segment]:
    # Join the block's line spans with single spaces, remembering where each piece came from.
    if len(block.spans) == 1:
        # One line (most Markdown paragraphs, items and cells): offsets map by a shift.
        s0, e0 = block.spans[0]
        joined = text[s0:e0]
        to_orig = lambda j, is_end: s0 + j  # noqa: E731
    else:
        joined, to_orig = _join_spans(text, block)
    return _cut_units(joined, to_orig, block)


def _join_spans(text: str, block: _Block):
    pieces: list[str] = []
    joined_starts: list[int] = []
    orig_starts: list[int] = []
    pos = 0
    for i, (s, e) in enumerate(block.spans):
        if i:
            pieces.append(" ")
            pos += 1
        joined_starts.append(pos)
        orig_starts.append(s)
        pieces.append(text[s:e])
        pos += e - s
    joined = "".join(pieces)

    def to_orig(j: int, is_end: bool) -> int:
        k = bisect_right(joined_starts, j if not is_end else j - 1) - 1
        k = max(k, 0)
        off = j - joined_starts[k]
        span_len = block.spans[k][1] - block.spans[k][0]
        off = min(off, span_len)
        return orig_starts[k] + off

    return joined, to_orig


def _cut_units(joined: str, to_orig, block: _Block) -> list[Segment]:
    kind = "sentence" if block.kind == "paragraph" else block.kind
    cuts = [0]
    glued = [m.end() for m in _GLUED_END.finditer(joined) if _glued_boundary(joined, m)]
    for m in _merge_ends(_SENTENCE_END.finditer(joined), glued):
        if m.start() == -1:
            # Sentences glued by the source's text extraction ("Risk Report.We will").
            cuts.append(m.end())
            cuts.append(m.end())
            continue
        p = m.start()
        nxt = m.end()
        if nxt >= len(joined) or not _NEXT_START.match(joined, nxt):
            continue
        # Decimal numbers such as "3.1 Model": a period between digits is no boundary.
        if joined[p] == "." and p > 0 and joined[p - 1].isdigit() and joined[p + 1 : p + 2].isdigit():
            continue
        if joined[p] == ".":
            w = _WORD_BEFORE.search(joined, max(0, p - 20), p)
            if w:
                word = w.group(1).lower().rstrip(".")
                if word in _ABBREVIATIONS or (len(word) == 1 and joined[p - 1].isupper()):
                    continue
                if _INITIALISM.fullmatch(word):
                    continue
        # End the sentence after the punctuation, closing quotes and footnote marker.
        end = m.end()
        while end > p and joined[end - 1].isspace():
            end -= 1
        cuts.append(end)
        cuts.append(m.end())
    cuts.append(len(joined))
    out: list[Segment] = []
    for a, b in zip(cuts[0::2], cuts[1::2]):
        while a < b and joined[a].isspace():
            a += 1
        while b > a and joined[b - 1].isspace():
            b -= 1
        if b <= a or not _HAS_LETTER.search(joined, a, b):
            continue
        for a2, b2 in _cap_length(joined, a, b):
            unit = _WS.sub(" ", joined[a2:b2]).strip()
            out.append(Segment(unit, to_orig(a2, False), to_orig(b2, True), block.section, block.page, kind))
    return out


# A sentence end with no space after it: a lower-case word (2+ letters) ends, a capitalised word starts.
_GLUED_END = re.compile(r"(?<=[a-z][a-z])[.!?][\"'”’)]?(?=[A-Z][a-z])")
_HAS_LETTER = re.compile(r"[^\W\d_]")
_INITIALISM = re.compile(r"(?:[a-z]\.)+[a-z]")
_RUNS_ON = re.compile(r"[./@:]\w")
_URLISH = re.compile(r"(?:https?://|www\.|[/@]|\.[a-z]{2,}\.)\S*$", re.I)


def _glued_boundary(joined: str, m: re.Match[str]) -> bool:
    # The token around the period must be a word, not a domain, URL, file name or abbreviation.
    tok_start = joined.rfind(" ", 0, m.start()) + 1
    token = joined[tok_start : m.start() + 1]
    word = token.strip("\"'“‘([*_").rstrip(".!?")
    if not word.isalpha() or word.lower() in _ABBREVIATIONS:
        return False
    if _URLISH.search(joined[tok_start : m.start() + 1]):
        return False
    nxt_end = m.end()
    while nxt_end < len(joined) and not joined[nxt_end].isspace():
        nxt_end += 1
    following = joined[m.end() : nxt_end]
    # "example.Com/path", "file.Py": the capitalised word must not run on into a domain or path.
    return not _RUNS_ON.search(following)


class _GluedEnd:
    """A boundary found by `_GLUED_END` (start() is -1 to tell it from a `_SENTENCE_END` match)."""

    def __init__(self, end: int) -> None:
        self._end = end

    def start(self) -> int:
        return -1

    def end(self) -> int:
        return self._end


def _merge_ends(matches, glued: list[int]):
    """`_SENTENCE_END` matches and glued boundaries, in text order."""
    glued_iter = iter(glued)
    nxt = next(glued_iter, None)
    for m in matches:
        while nxt is not None and nxt <= m.start():
            yield _GluedEnd(nxt)
            nxt = next(glued_iter, None)
        yield m
    while nxt is not None:
        yield _GluedEnd(nxt)
        nxt = next(glued_iter, None)


def _cap_length(joined: str, a: int, b: int) -> list[tuple[int, int]]:
    """Cut an over-long unit into pieces at spaces (a safeguard for run-on extraction text)."""
    if b - a <= MAX_UNIT_CHARS:
        return [(a, b)]
    parts = []
    while b - a > MAX_UNIT_CHARS:
        cut = joined.rfind(" ", a + MAX_UNIT_CHARS // 2, a + MAX_UNIT_CHARS)
        if cut == -1:
            cut = a + MAX_UNIT_CHARS
        parts.append((a, cut))
        a = cut
        while a < b and joined[a].isspace():
            a += 1
    if b > a:
        parts.append((a, b))
    return parts
