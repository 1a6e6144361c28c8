"""`extract_statements`: segment a version's text and keep the in-scope units, classified."""

from __future__ import annotations

from accesswatch.extract.classify import classify_unit, infer_kind
from accesswatch.extract.model import ExtractedStatement
from accesswatch.extract.segment import segment
from accesswatch.taxonomy import DOCUMENT_KINDS

__all__ = ["extract_statements", "EXTRACTOR_VERSION"]

#: Bump when segmentation or classification rules change (cached results become stale).
EXTRACTOR_VERSION = "0.1"


def extract_statements(text: str, *, kind: str | None = None) -> list[ExtractedStatement]:
    """Find the statements about external evaluation and model access in one version's text.

    Input: the version's text (PDF-extracted text with page markers, or Markdown) and optionally
    its document kind (a taxonomy `DocumentKind`; inferred from the text when None). Output: the
    in-scope units in text order, each with offsets into `text`, section path, page and taxonomy
    fields plus the cues that decided them. Pure and deterministic; an empty or non-text input
    gives []. Raises TypeError when `text` is not a str and ValueError for an unknown kind.
    """
    if not isinstance(text, str):
        raise TypeError(f"extract_statements() needs str, got {type(text).__name__}")
    if kind is not None and kind not in DOCUMENT_KINDS:
        raise ValueError(f"unknown document kind {kind!r}; expected one of {', '.join(DOCUMENT_KINDS)}")
    if not text.strip():
        return []
    doc_kind = kind or infer_kind(text)
    out: list[ExtractedStatement] = []
    for unit in segment(text):
        c = classify_unit(unit.text, kind=doc_kind)
        if c is None:
            continue
        out.append(
            ExtractedStatement(
                text=unit.text,
                start=unit.start,
                end=unit.end,
                section=unit.section,
                categories=c.categories,
                strength=c.strength,
                access_depth=c.access_depth,
                actors=c.actors,
                timing=c.timing,
                conditions=c.conditions,
                cues=c.cues,
                page=unit.page,
            )
        )
    return out
