"""Render a `DocumentDiff` as HTML redline, Markdown or JSON.

Crawled text never becomes markup: every piece of document text goes through `html.escape` in
HTML, and through `_md_escape` in Markdown (which neutralises Markdown and inline HTML).
"""

from __future__ import annotations

import html
import json
import re

from accesswatch.diff.textdiff import DocumentDiff, ParagraphDiff, Span, heading_title, word_spans

_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>&|~#])")


def _html_spans(spans: list[Span]) -> str:
    parts: list[str] = []
    for span in spans:
        text = html.escape(span.text, quote=True)
        if span.op == "equal":
            parts.append(text)
        elif span.op == "delete":
            parts.append(f"<del>{text}</del>")
        else:
            parts.append(f"<ins>{text}</ins>")
    return " ".join(parts)


def redline_words(before: str, after: str) -> str:
    """HTML of a word diff of two short passages: kept words plain, `<del>` and `<ins>` runs.

    Both passages are escaped (`html.escape`), so the result is safe to embed in a page.
    Whitespace is squashed to single spaces.
    """
    return _html_spans(word_spans(before or "", after or ""))


def _html_block(block: ParagraphDiff) -> str:
    tag = "h3" if block.heading else "p"
    classes = [f"aw-{block.op}"]
    if block.moved:
        classes.append("aw-moved")
    title = ' title="moved"' if block.moved else ""
    return f'<{tag} class="{" ".join(classes)}"{title}>{_html_spans(block.spans)}</{tag}>'


def render_html(diff: DocumentDiff, *, context: bool = True) -> str:
    """HTML redline of a whole diff: one `<section>` per section, `<del>`/`<ins>` for words.

    With `context=False`, sections with no change are left out. All document text is escaped.
    """
    out = ['<div class="aw-redline">']
    if diff.identical:
        out.append('<p class="aw-identical">No change in wording.</p>')
    for section in diff.sections:
        if not context and not section.changed:
            continue
        state = "changed" if section.changed else "equal"
        out.append(f'<section class="aw-section aw-{state}">')
        out.extend(_html_block(b) for b in section.blocks)
        out.append("</section>")
    out.append("</div>")
    return "\n".join(out)


def _md_escape(text: str) -> str:
    return _MD_SPECIAL.sub(r"\\\1", text)


def _md_spans(spans: list[Span]) -> str:
    parts: list[str] = []
    for span in spans:
        text = _md_escape(span.text)
        if span.op == "equal":
            parts.append(text)
        elif span.op == "delete":
            parts.append(f"~~{text}~~")
        else:
            parts.append(f"**{text}**")
    return " ".join(parts)


def render_markdown(diff: DocumentDiff, *, context: bool = False) -> str:
    """Markdown redline: deleted words as `~~strike~~`, inserted as `**bold**`.

    By default only changed sections are shown (with their unchanged paragraphs elided as `…`);
    `context=True` shows every paragraph. Document text is escaped for Markdown.
    """
    s = diff.stats
    lines = [
        f"Paragraphs: {s.paragraphs_changed} changed, {s.paragraphs_deleted} deleted, "
        f"{s.paragraphs_inserted} inserted ({s.paragraphs_moved} moved); "
        f"words: -{s.words_deleted} +{s.words_inserted}",
        "",
    ]
    if diff.identical:
        lines.append("No change in wording.")
        return "\n".join(lines) + "\n"
    for section in diff.sections:
        if not context and not section.changed:
            continue
        title = section.title or "(start of document)"
        if section.old_heading is not None and section.new_heading is not None and section.old_heading != section.new_heading:
            title = f"{heading_title(section.old_heading) or '(start)'} → {heading_title(section.new_heading) or '(start)'}"
        elif section.new_heading is None:
            title += " (section removed)"
        elif section.old_heading is None:
            title += " (section added)"
        lines.append(f"## {_md_escape(title)}")
        lines.append("")
        elided = False
        for block in section.blocks:
            if block.heading:
                if block.op != "equal":
                    lines.extend([f"Heading: {_md_spans(block.spans)}", ""])
                continue
            if block.op == "equal" and not context:
                if not elided:
                    lines.extend(["…", ""])
                    elided = True
                continue
            elided = False
            marker = {"equal": "", "changed": "[changed] ", "deleted": "[deleted] ", "inserted": "[inserted] "}[block.op]
            if block.moved:
                marker = marker.replace("] ", ", moved] ")
            lines.extend([marker + _md_spans(block.spans), ""])
    return "\n".join(lines).rstrip() + "\n"


def to_json(diff: DocumentDiff, *, indent: int | None = 2) -> str:
    """JSON text of the diff structure (sections, blocks, spans, stats)."""
    return json.dumps(diff.to_json(), ensure_ascii=False, indent=indent)
