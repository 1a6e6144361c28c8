"""Stage 6: changes between versions.

Public surface:
- `diff_versions(old_text, new_text) -> DocumentDiff`: hierarchical diff (sections → paragraphs →
  sentences → words), rendered by `render_html`, `render_markdown`, `to_json`;
  `redline_words(before, after) -> str`: escaped HTML word diff of two short passages.
- `classify_changes(old_text, new_text, *, old_kind=None, announcement_text=None, …)
  -> list[StatementChange]`: statement-level changes, most material first;
  `StatementChange.to_record_fields()` maps onto `accesswatch.record_models.Change`.
- `find_changelog(text)`: the changelog section of a version, used for announced vs silent.
"""

from accesswatch.diff.announcements import find_changelog
from accesswatch.diff.render import redline_words, render_html, render_markdown, to_json
from accesswatch.diff.textdiff import DocumentDiff, ParagraphDiff, SectionDiff, Span, diff_versions


def classify_changes(*args, **kwargs):
    """See `accesswatch.diff.changes.classify_changes` (imported lazily: it needs extraction)."""
    from accesswatch.diff.changes import classify_changes as _classify

    return _classify(*args, **kwargs)


__all__ = [
    "DocumentDiff",
    "ParagraphDiff",
    "SectionDiff",
    "Span",
    "classify_changes",
    "diff_versions",
    "find_changelog",
    "redline_words",
    "render_html",
    "render_markdown",
    "to_json",
]
