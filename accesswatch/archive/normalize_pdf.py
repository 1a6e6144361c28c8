"""PDF → text: page markers, reflowed paragraphs, joined hyphenation, no running headers/footers.

pypdfium2 (PDFium, permissive licence; measured against pdfminer.six in `bench/bench_pdf.py`)
gives each page's text lines with their boxes. From them:
- a `[[page N]]` line opens each page (N is the physical page number, from 1);
- lines recurring at the top or bottom of most pages (digits ignored, so "Page 3 of 40" counts as
  one line) and bare page numbers are dropped as running headers/footers;
- lines are reflowed into paragraphs (a paragraph ends at a vertical gap, a heading, a list item
  or a line stopping well short of the right edge); lines set in a clearly larger font become `## ` headings;
- words hyphenated at a line end are joined ("evalu-" + "ation" -> "evaluation") unless the
  document itself writes the hyphenated form elsewhere ("third-party").
The result goes through `normalize_text`.
"""

from __future__ import annotations

import math
import re
import statistics
from collections import Counter
from dataclasses import dataclass

from accesswatch.archive.errors import BrokenPDF, EncryptedPDF, NoTextLayer
from accesswatch.archive.textnorm import normalize_text

_SOFT_HYPHEN = "\x02"  # PDFium's mark for a hyphen it saw at the end of a line
_BULLET = re.compile(r"^(?:[•◦▪▫■□●○‣⁃∙·\-–—*]\s|\(?(?:\d{1,3}|[a-z]|[ivx]{1,5})[.)]\s)", re.IGNORECASE)
_PAGE_NUMBER = re.compile(r"^[\W_]*(?:page\s*)?#(?:\s*(?:of|/)\s*#)?[\W_]*$", re.IGNORECASE)
_WORD = re.compile(r"[^\W\d_][\w'-]*", re.UNICODE)


@dataclass
class _Line:
    text: str
    left: float
    bottom: float
    right: float
    top: float
    size: float

    @property
    def height(self) -> float:
        return self.top - self.bottom


def normalize_pdf(raw: bytes, *, url: str) -> str:
    """Extract the normalised text of a PDF.

    Input: the PDF bytes and its URL (named in errors). Output: text with a `[[page N]]` line
    before each page's paragraphs, ending with one newline. Raises `BrokenPDF` (not a PDF,
    truncated, damaged, no pages), `EncryptedPDF` (needs a password), `NoTextLayer` (no page has
    extractable text).
    """
    pages = extract_pdf_lines(raw, url=url)
    if not any(lines for _, lines in pages):
        raise NoTextLayer(url, f"{len(pages)} page(s) and no text layer (scanned images?)")
    pages = _drop_running_lines(pages)
    hyphenated, joined = _vocabulary(pages)
    body_size = _body_font_size(pages)
    chunks = []
    for number, lines in pages:
        chunks.append(f"[[page {number}]]")
        chunks.extend(_paragraphs(lines, body_size, hyphenated, joined))
    return normalize_text("\n\n".join(chunks))


def extract_pdf_lines(raw: bytes, *, url: str) -> list[tuple[int, list[_Line]]]:
    """The text lines of each page (page number from 1, lines with boxes and font size)."""
    import pypdfium2 as pdfium
    import pypdfium2.raw as pdfium_c

    head = raw[:1024]
    if b"%PDF-" not in head:
        raise BrokenPDF(url, "not a PDF (no %PDF- header)")
    if b"%%EOF" not in raw[-2048:]:
        raise BrokenPDF(url, f"truncated PDF (no %%EOF trailer at the end of {len(raw)} bytes)")
    try:
        document = pdfium.PdfDocument(raw)
    except pdfium.PdfiumError as error:
        message = str(error)
        if "password" in message.lower():
            raise EncryptedPDF(url, "encrypted PDF: a password is needed to open it") from error
        raise BrokenPDF(url, f"unreadable PDF: {message}") from error
    try:
        if len(document) == 0:
            raise BrokenPDF(url, "PDF has no pages")
        pages = []
        for index in range(len(document)):
            page = document[index]
            try:
                textpage = page.get_textpage()
                pages.append((index + 1, _page_lines(textpage, pdfium_c)))
                textpage.close()
            except pdfium.PdfiumError as error:
                raise BrokenPDF(url, f"page {index + 1} unreadable: {error}") from error
            finally:
                page.close()
        return pages
    finally:
        document.close()


def _page_lines(textpage, pdfium_c) -> list[_Line]:
    lines: list[_Line] = []
    for i in range(textpage.count_rects()):
        left, bottom, right, top = textpage.get_rect(i)
        text = textpage.get_text_bounded(left, bottom, right, top).replace("\r", " ").replace("\n", " ")
        if not text.strip():
            continue
        middle = (bottom + top) / 2
        char = textpage.get_index(left + min(1.0, (right - left) / 2), middle, 2.0, 2.0)
        size = pdfium_c.FPDFText_GetFontSize(textpage, char) if char is not None and char >= 0 else 0.0
        previous = lines[-1] if lines else None
        same_line = previous is not None and abs(((previous.bottom + previous.top) / 2) - middle) < 0.5 * max(1.0, min(previous.height, top - bottom)) and left >= previous.right - 1
        if same_line:
            gap = left - previous.right
            sep = " " if gap > 0.15 * max(size, previous.size, 1) and not previous.text.endswith(" ") else ""
            previous.text += sep + text
            previous.right = right
            previous.bottom, previous.top = min(previous.bottom, bottom), max(previous.top, top)
            previous.size = max(previous.size, size)
        else:
            lines.append(_Line(text, left, bottom, right, top, size))
    for line in lines:
        line.text = re.sub(r"[ \t]+", " ", line.text).strip(" ")
    return lines


_EDGE_LINES = 3  # at most this many lines at the top or bottom of a page form a running header/footer


def _edge_lines(lines: list[_Line]) -> list[_Line]:
    """Lines of the page's header and footer blocks, by position.

    A block is the 1-3 lines nearest the top (bottom) edge that are separated from the rest of the
    page by a clearly larger vertical gap than the page's usual gap between lines: page margins
    set running headers and footers apart from the body. The extreme line is always included
    (for bare page numbers).
    """
    if not lines:
        return []
    ordered = sorted(lines, key=lambda line: -line.top)
    gaps = [upper.bottom - lower.top for upper, lower in zip(ordered, ordered[1:])]
    positive = [gap for gap in gaps if gap > 0]
    usual = statistics.median(positive) if len(positive) >= 3 else 0.5 * statistics.median(line.height for line in lines)
    big = max(1.8 * usual, usual + 6.0)
    edges = {id(ordered[0]): ordered[0], id(ordered[-1]): ordered[-1]}
    for k in range(1, min(_EDGE_LINES, len(gaps)) + 1):  # header block: gap below line k
        if gaps[k - 1] > big:
            edges.update((id(line), line) for line in ordered[:k])
            break
    for k in range(1, min(_EDGE_LINES, len(gaps)) + 1):  # footer block: gap above the k-th line from the bottom
        if gaps[-k] > big:
            edges.update((id(line), line) for line in ordered[-k:])
            break
    return list(edges.values())


def _exact_key(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace(_SOFT_HYPHEN, "-").strip().lower())


def _line_key(text: str) -> str:
    return re.sub(r"\d+", "#", _exact_key(text))


def _drop_running_lines(pages: list[tuple[int, list[_Line]]]) -> list[tuple[int, list[_Line]]]:
    """Remove running headers/footers and bare page numbers from the edges of the pages.

    An edge line goes when its exact text recurs at the edge of at least half the pages (2 at
    least); or when it recurs with only its numbers changed ("Page 3 of 40", "Framework | 12") in a
    font no larger than the body's (so "Section 3" headings opening each page survive); or when it
    is a bare page number. Only lines set apart at the edges count (`_edge_lines`), so body lines
    that happen to repeat are kept.
    """
    exact: Counter[str] = Counter()
    numbered: Counter[str] = Counter()
    for _, lines in pages:
        edges = _edge_lines(lines)
        exact.update({_exact_key(line.text) for line in edges})
        numbered.update({_line_key(line.text) for line in edges})
    with_text = sum(1 for _, lines in pages if lines)
    threshold = max(2, math.ceil(0.5 * with_text))
    body_size = _body_font_size(pages)
    result = []
    for number, lines in pages:
        drop = set()
        for line in _edge_lines(lines):
            key = _line_key(line.text)
            furniture = not body_size or line.size <= body_size * 1.05
            if (
                (with_text >= 2 and exact[_exact_key(line.text)] >= threshold)
                or (with_text >= 2 and furniture and numbered[key] >= threshold)
                or _PAGE_NUMBER.match(key)
            ):
                drop.add(id(line))
        result.append((number, [line for line in lines if id(line) not in drop]))
    return result


def _vocabulary(pages: list[tuple[int, list[_Line]]]) -> tuple[set[str], set[str]]:
    """Hyphenated compounds ("third-party") and plain words the document uses within lines."""
    hyphenated: set[str] = set()
    words: set[str] = set()
    for _, lines in pages:
        for line in lines:
            for word in _WORD.findall(line.text.replace(_SOFT_HYPHEN, " ").lower()):
                word = word.strip("-'")
                (hyphenated if "-" in word else words).add(word)
    return hyphenated, words


def _body_font_size(pages: list[tuple[int, list[_Line]]]) -> float:
    sizes: Counter[float] = Counter()
    for _, lines in pages:
        for line in lines:
            sizes[round(line.size, 1)] += len(line.text)
    return sizes.most_common(1)[0][0] if sizes else 0.0


def _join(left: str, right: str, hyphenated: set[str], joined: set[str]) -> str:
    if left.endswith(_SOFT_HYPHEN) or (left.endswith("-") and left[-2:-1].isalpha() and right[:1].islower()):
        stem = left.rstrip(_SOFT_HYPHEN + "-")
        head = (re.search(r"[^\W\d_]+$", stem) or [""])[0].lower()
        tail = (re.match(r"[^\W\d_]+", right) or [""])[0].lower()
        if head and tail and f"{head}{tail}" in joined:
            return stem + right
        if head and tail and f"{head}-{tail}" in hyphenated:
            return stem + "-" + right
        if left.endswith(_SOFT_HYPHEN) and right[:1].islower():
            return stem + right
        return stem + "-" + right
    return left + " " + right


def _paragraphs(lines: list[_Line], body_size: float, hyphenated: set[str], joined: set[str]) -> list[str]:
    if not lines:
        return []
    spacings = [
        prev.bottom - line.bottom
        for prev, line in zip(lines, lines[1:])
        if 0 < prev.bottom - line.bottom < 3 * max(line.height, 1) and abs(prev.size - line.size) < 0.5
    ]
    spacing = statistics.median(spacings) if spacings else max((line.height for line in lines), default=10) * 1.2
    widest = max(line.right for line in lines)
    column = max(widest - min(line.left for line in lines), 1.0)
    paragraphs: list[str] = []
    current = ""
    previous: _Line | None = None
    previous_heading = False
    for line in lines:
        heading = body_size > 0 and line.size >= 1.2 * body_size and len(line.text) < 150
        if previous is None:
            new = True
        else:
            gap = previous.bottom - line.bottom
            new = (
                heading
                or previous_heading
                or gap > 1.3 * spacing
                or gap < -0.5 * spacing  # moved up: next column
                or abs(previous.size - line.size) > 0.5
                or bool(_BULLET.match(line.text))
                # a line stopping well short of the column's right edge ends its paragraph
                or (previous.right < widest - 0.25 * column and not previous.text.endswith((_SOFT_HYPHEN, "-", ",")))
                or (previous.right < widest - 0.1 * column and previous.text.rstrip()[-1:] in ".:!?;")
            )
        text = line.text.replace(_SOFT_HYPHEN, "") if not line.text.endswith(_SOFT_HYPHEN) else line.text.replace(_SOFT_HYPHEN, "") + _SOFT_HYPHEN
        if new:
            if current:
                paragraphs.append(current)
            current = ("## " + text) if heading else text
        else:
            current = _join(current, text, hyphenated, joined)
        previous, previous_heading = line, heading
    if current:
        paragraphs.append(current)
    return [p.replace(_SOFT_HYPHEN, "-") for p in paragraphs]
