"""HTML → Markdown: the document's content with headings, lists and tables, without page chrome.

BeautifulSoup (lxml) parses; page chrome (navigation, header, footer, scripts, styles, cookie
banners) and the source's declared `remove` selectors are dropped; the declared `select`
selectors (the content root) are kept; markdownify writes ATX headings, `-` / `1.` lists and
pipe tables, links as their text. The result goes through `normalize_text`.
"""

from __future__ import annotations

import codecs
import re

from bs4 import BeautifulSoup, Tag
from markdownify import MarkdownConverter

from accesswatch.archive.errors import NormalizationError, SelectorNotFound
from accesswatch.archive.textnorm import normalize_text

# Elements that are never document content.
_ALWAYS_REMOVED = (
    "script", "style", "noscript", "template", "svg", "canvas", "iframe", "object", "embed",
    "nav", "footer", "form", "button", "dialog", "link", "meta", "input", "select", "textarea",
    "[hidden]", "[aria-hidden=true]", "[role=navigation]", "[role=contentinfo]", "[role=search]",
    "[role=dialog]", "[role=alertdialog]",
)
# Cookie/consent banners, recognised by their id or class names.
_BANNER_NAME = re.compile(r"cookie|consent|gdpr|onetrust|truste|cookiebot|cc-window|osano|usercentrics", re.IGNORECASE)
_CHAOS_MARGIN = 0.2  # charset-normalizer's chaos is noisy on a few hundred bytes
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)


class _Converter(MarkdownConverter):
    """markdownify with links as text and images dropped."""

    def convert_a(self, el, text, parent_tags):  # noqa: D102 - markdownify hook
        return text

    def convert_img(self, el, text, parent_tags):  # noqa: D102
        return ""

    # Emphasis is typography, not content: plain text keeps quotes findable verbatim.
    def convert_em(self, el, text, parent_tags):  # noqa: D102
        return text

    convert_i = convert_strong = convert_b = convert_em


def decode_html(raw: bytes, encoding: str | None = None) -> str:
    """Decode HTML bytes, surviving a wrong or missing charset.

    Order: a BOM; strict UTF-8 (a body that decodes as UTF-8 is UTF-8 whatever the page says);
    `encoding` (from the HTTP header) then the `<meta charset>`, if they decode without error;
    otherwise charset-normalizer's best guess; finally UTF-8 with replacement characters.
    """
    for bom, name in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16")):
        if raw.startswith(bom):
            return raw.decode(name, errors="replace")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        pass
    declared = [encoding] if encoding else []
    meta = _META_CHARSET.search(raw[:4096])
    if meta:
        declared.append(meta.group(1).decode("ascii", "ignore"))
    for name in declared:
        try:
            return raw.decode(_codec(name))
        except (LookupError, UnicodeDecodeError):
            continue
    from charset_normalizer import from_bytes

    matches = list(from_bytes(raw))
    if matches:
        # On short pages several single-byte code pages look equally clean ("Naïve" in cp1252
        # reads "Naļve" in cp1257). Near-ties go to windows-1252, the web's usual legacy charset
        # and browsers' fallback for Western pages; a clearly better guess (Cyrillic…) still wins.
        best = matches[0]
        near = [m for m in matches if m.chaos <= best.chaos + _CHAOS_MARGIN and m.coherence >= best.coherence - 0.01]
        chosen = next((m for m in near if m.encoding == "cp1252"), best)
        return str(chosen)
    return raw.decode("utf-8", errors="replace")


def _codec(name: str) -> str:
    # Browsers read "iso-8859-1"/"latin-1"/"ascii" labels as windows-1252 (WHATWG Encoding).
    name = name.strip().lower()
    return "cp1252" if name in {"iso-8859-1", "latin-1", "latin1", "us-ascii", "ascii", "iso8859-1"} else name


def _is_banner(tag: Tag) -> bool:
    if tag.name in {"html", "body", "main", "article"}:
        return False
    names = " ".join([tag.get("id") or "", *(tag.get("class") or [])])
    return bool(names.strip()) and bool(_BANNER_NAME.search(names))


def _escape_cell_pipes(root: Tag) -> None:
    for cell in root.find_all(["td", "th"]):
        for string in list(cell.find_all(string=True)):
            if "|" in string:
                string.replace_with(string.replace("|", "\\|"))


def _remove_chrome(root: Tag) -> None:
    for selector in _ALWAYS_REMOVED:
        for tag in root.select(selector):
            tag.decompose()
    # A <header> inside the article/main is the document's own title block; elsewhere it is chrome.
    for tag in root.select("header, [role=banner]"):
        if tag.find_parent(["article", "main"]) is None:
            tag.decompose()
    for tag in [t for t in root.find_all(True) if _is_banner(t)]:
        if not tag.decomposed:
            tag.decompose()


def normalize_html(
    raw: bytes | str,
    *,
    url: str,
    select: list[str] | tuple[str, ...] = (),
    remove: list[str] | tuple[str, ...] = (),
    encoding: str | None = None,
) -> str:
    """Convert one HTML page into normalised Markdown text.

    Inputs: the body (bytes decoded with `decode_html`, or already-decoded text), its URL (for
    error messages), the source's `select` CSS selectors (content root: the matches, in document
    order, are concatenated; empty means the whole body), its `remove` selectors, and the charset
    from the HTTP header if any. Output: Markdown ending with one newline ("" when the page has
    no text). Raises `SelectorNotFound` when `select` is given and matches nothing, and
    `NormalizationError` for an invalid selector.
    """
    html = raw if isinstance(raw, str) else decode_html(raw, encoding)
    soup = BeautifulSoup(html, "lxml")
    body = soup.body or soup
    try:
        for selector in remove:
            for tag in body.select(selector):
                tag.decompose()
        if select:
            roots: list[Tag] = []
            for selector in select:
                roots.extend(body.select(selector))
            if not roots:
                raise SelectorNotFound(url, f"selector {', '.join(map(repr, select))} matches nothing")
            roots = _outermost_in_order(roots)
        else:
            roots = [body]
    except SelectorNotFound:
        raise
    except Exception as error:  # soupsieve raises its own SelectorSyntaxError (a ValueError)
        raise NormalizationError(url, f"bad CSS selector: {error}") from error
    converter = _Converter(
        heading_style="ATX", bullets="-", table_infer_header=True,
        escape_underscores=False, escape_asterisks=False, escape_misc=False,
    )
    parts = []
    for root in roots:
        _remove_chrome(root)
        _escape_cell_pipes(root)
        parts.append(converter.convert_soup(root))
    return normalize_text(_tidy_markdown("\n\n".join(parts)))


def _outermost_in_order(tags: list[Tag]) -> list[Tag]:
    unique = {id(t): t for t in tags}
    outer = [t for t in unique.values() if not any(id(p) in unique for p in t.parents)]
    order = {id(t): i for i, t in enumerate(outer[0].find_parents()[-1].find_all(True))} if outer else {}
    return sorted(outer, key=lambda t: order.get(id(t), 0))


def _tidy_markdown(markdown: str) -> str:
    lines = [line.rstrip() for line in markdown.split("\n")]
    # markdownify leaves lines made of spaces and stray non-breaking spaces between blocks.
    return "\n".join(lines)
