"""`extract_statements`: segment a version's text and keep the in-scope units, classified."""

from __future__ import annotations

import re
from collections import Counter

from accesswatch.extract.classify import Classification, classify_unit, infer_kind, match_categories, skip_reason
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
    units = segment(text)
    found: list[Classification | None] = [classify_unit(u.text, kind=doc_kind, unit_kind=u.kind) for u in units]
    _add_context(text, units, found, doc_kind)
    out: list[ExtractedStatement] = []
    for unit, c in zip(units, found):
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


# A unit that opens by pointing back ("This review…", "They tested…", "If provided, these…")
# continues the statement before it.
_ANAPHORA = re.compile(
    r"^\W*(?:(?:in addition|additionally|also|however|further(?:more)?|note that|if \w+|for \w+(?: \w+){0,3}),? )?"
    r"(?:they|their|them|(?:this|these|such|the|those) (?:same )?(?:review|reviews|reports?|program|programme|updates?|assessments?|"
    r"evaluations?|evaluators?|experts?|findings|results|opinions?|red teamers|testers|partners|institutes?|researchers|auditors?|"
    r"collaborators|participants|applicants|initiative))\b",
    re.I,
)
_POINTER = re.compile(r"^(?:\S++ ){0,4}(?:this|these|they|them|such)\b", re.I)
_SECTION_TOPIC = re.compile(
    r"external (?:red[- ]?team|evaluat|test|assess|review|expert)|third[- ]part|red[- ]?teaming|\bMETR\b|Apollo Research|\bAISI\b|"
    r"AI (?:Safety|Security) Institute|pre[- ]deployment test|researcher access|bug bount|independent (?:evaluat|assess|review)",
    re.I,
)
_SECOND_PERSON = re.compile(r"\b(?:you|your|applicants?|applications?|submissions?|participants?|proposals?|this program(?:me)?)\b", re.I)
_PROGRAM_TERMS = re.compile(
    r"\b(?:access|credits?|API|approv\w+|eligib\w+|exempt\w*|fund\w*|apply|evaluations?|usage polic\w+|reject\w*|select\w*)\b", re.I
)
_PROGRAM_PAGE = re.compile(r"\b(?:program(?:me)?|initiative|bounty|fellowship|grants?|access for researchers)\b", re.I)
_SECTION_UNIT_LIMIT = 40
_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\r?\n")


def _add_context(text: str, units: list, found: list, doc_kind: str) -> None:
    """Bring into scope units whose context makes them statements (see `_ANAPHORA` etc.)."""
    first_pass = Counter(c for f in found if f is not None for c in f.categories)
    program_topic = None
    if first_pass and _PROGRAM_PAGE.search(text[:800]):
        top, _ = first_pass.most_common(1)[0]
        if top in ("researcher-access", "external-evaluation", "external-red-teaming"):
            program_topic = top
    section_seen: Counter = Counter()
    doc_title = next((u.section.split(" > ")[0] for u in units if u.section), None)
    for i, unit in enumerate(units):
        section_seen[unit.section] += 1
        if found[i] is not None or skip_reason(unit.text, unit.kind):
            continue
        inherited = None
        prev = found[i - 1] if i else None
        if prev is not None and units[i - 1].section == unit.section:
            between = text[units[i - 1].end : unit.start]
            same_paragraph = not _PARAGRAPH_BREAK.search(between) or unit.kind == units[i - 1].kind == "list-item"
            if same_paragraph and _ANAPHORA.match(unit.text):
                inherited = (prev.categories, "continues the previous statement")
        if inherited is None and unit.section and section_seen[unit.section] <= _SECTION_UNIT_LIMIT:
            for heading in unit.section.split(" > ")[-2:]:
                if heading != doc_title and not heading.endswith("?") and _SECTION_TOPIC.search(heading):
                    cats = tuple(c for c, _ in match_categories(heading)) or ("external-evaluation",)
                    inherited = (cats, f'section "{heading}"')
                    break
        if inherited is None and program_topic and _SECOND_PERSON.search(unit.text) and _PROGRAM_TERMS.search(unit.text):
            inherited = ((program_topic,), "addresses the applicants of an access or evaluation programme")
        if inherited is not None:
            found[i] = classify_unit(unit.text, kind=doc_kind, unit_kind=unit.kind, inherited=inherited)
