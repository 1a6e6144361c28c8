"""Safe HTML fragments for generated pages: escaping, links, badges, tables, redlines.

Everything that came from a crawled page or a data file is escaped here and nowhere else.
Generated pages put such text only inside raw HTML blocks (which Markdown leaves alone) through
`text`, or into Markdown context through `md_text`, which also neutralises Markdown syntax, so a
quote holding `<script>`, `onerror=` or `[x](javascript:…)` renders as text and never runs.
"""

from __future__ import annotations

import difflib
import html
import re
from collections.abc import Iterable, Sequence
from urllib.parse import urlsplit

# Characters with a meaning in Markdown (or its extensions) that crawled text must not trigger.
_MD_SPECIAL = re.compile(r"[\\`*_\[\]()#!|~^=:{}+\-.]")


def text(value: object) -> str:
    """Escape any value for HTML text or attribute context (None → empty).

    Newlines become character references so the result never contains a blank line that could
    end a raw HTML block in Markdown; square brackets too, so no Markdown link can form.
    """
    if value is None:
        return ""
    escaped = html.escape(str(value), quote=True)
    # Brackets as references too: even outside a raw HTML block no Markdown link can form.
    return escaped.replace("\r", "").replace("\n", "&#10;").replace("[", "&#91;").replace("]", "&#93;")


def md_text(value: object) -> str:
    """Escape a value for Markdown context (headings, list items): HTML and Markdown syntax.

    Markdown punctuation becomes numeric character references, so no link, emphasis, table
    cell or heading can be formed from it; whitespace is squashed to one line.
    """
    if value is None:
        return ""
    squashed = " ".join(str(value).split())
    escaped = html.escape(squashed, quote=True)
    return _MD_SPECIAL.sub(lambda m: f"&#{ord(m.group(0))};", escaped)


def safe_url(url: object) -> str | None:
    """The URL escaped for an href when it is http(s) or site-relative; None otherwise.

    `javascript:`, `data:` and any other scheme give None, so they never become links.
    """
    if url is None:
        return None
    value = str(url).strip()
    parts = urlsplit(value)
    if parts.scheme.lower() in ("http", "https") and parts.netloc:
        return text(value)
    if not parts.scheme and not parts.netloc and not value.startswith("//"):
        return text(value)
    return None


def link(href: str | None, label: str, *, external: bool = False, cls: str | None = None) -> str:
    """An `<a>` element; `label` must already be safe HTML. No href → the label alone."""
    if href is None:
        return label
    attrs = f' href="{href}"'
    if cls:
        attrs += f' class="{cls}"'
    if external:
        attrs += ' rel="noopener noreferrer nofollow"'
    return f"<a{attrs}>{label}</a>"


def external_link(url: object, label: object | None = None) -> str:
    """A link to an outside URL (checked by `safe_url`); an unsafe URL is shown as plain text."""
    href = safe_url(url)
    shown = text(label if label is not None else url)
    return link(href, shown, external=True) if href else shown


def badge(kind: str, value: object, label: object | None = None) -> str:
    """A small coloured label, e.g. `badge("strength", "commitment")`."""
    slug = re.sub(r"[^a-z0-9-]", "-", str(value).lower())
    return f'<span class="aw-badge aw-{kind}-{slug}">{text(label if label is not None else value)}</span>'


def table(headers: Sequence[str], rows: Iterable[Sequence[str]], *, cls: str = "aw-table",
          row_attrs: Iterable[str] | None = None, caption: str | None = None) -> str:
    """A scrollable HTML table; headers are plain text, cells must already be safe HTML."""
    head = "".join(f'<th scope="col">{text(h)}</th>' for h in headers)
    attrs_iter = iter(row_attrs) if row_attrs is not None else None
    body = []
    for row in rows:
        attrs = next(attrs_iter) if attrs_iter is not None else ""
        body.append(f"<tr{attrs}>" + "".join(f"<td>{cell}</td>" for cell in row) + "</tr>")
    cap = f"<caption>{text(caption)}</caption>" if caption else ""
    return (f'<div class="aw-scroll"><table class="{cls}">{cap}<thead><tr>{head}</tr></thead>'
            f'<tbody>{"".join(body)}</tbody></table></div>')


def block(html_fragment: str) -> str:
    """A raw HTML block for a Markdown page: blank lines around it so Markdown leaves it alone."""
    return "\n\n" + html_fragment + "\n\n"


_TOKENS = re.compile(r"\s+|\w+|[^\w\s]")


def _own_redline(before: str, after: str) -> str:
    """Word diff of two short passages as escaped HTML with `<del>`/`<ins>` (difflib)."""
    a, b = _TOKENS.findall(before), _TOKENS.findall(after)
    out = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op == "equal":
            out.append(text("".join(a[i1:i2])))
            continue
        if i2 > i1:
            out.append(f"<del>{text(''.join(a[i1:i2]))}</del>")
        if j2 > j1:
            out.append(f"<ins>{text(''.join(b[j1:j2]))}</ins>")
    return "".join(out)


def _diff_module_redline():
    try:
        from accesswatch.diff.render import redline_words
    except ImportError:
        try:
            from accesswatch.diff import redline_words  # type: ignore[attr-defined,no-redef]
        except ImportError:
            return None
    return redline_words


_REDLINE = _diff_module_redline()


def redline(before: str | None, after: str | None) -> str:
    """Redline of a changed passage as safe HTML: deletions `<del>`, insertions `<ins>`.

    Uses `accesswatch.diff` when present (it escapes), else a difflib word diff; a passage with
    only a before (removed) or only an after (added) is shown whole as a deletion or insertion.
    """
    if before and not after:
        return f"<del>{text(before)}</del>"
    if after and not before:
        return f"<ins>{text(after)}</ins>"
    if not before and not after:
        return ""
    if _REDLINE is not None:
        try:
            return _REDLINE(before, after)
        except Exception:  # the diff module is a colleague's work in progress: fall back, never fail the build
            pass
    return _own_redline(before or "", after or "")
