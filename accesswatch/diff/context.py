"""Units that extraction leaves out but whose context puts them in scope, for change purposes.

Extraction (`accesswatch.extract.extract_statements`) judges each unit mostly on its own words. A
change list must also follow units that carry an in-scope promise only through their context: the
items of a list introduced by an in-scope lead-in, a sentence that continues an in-scope one, the
definition of a term that in-scope statements depend on. This module brings those units in, with
the categories of the statement that makes them in scope and a cue saying why; it does not
classify words itself (only the binding force of the unit's own modal verb is read, see
`_own_strength`).

Rules (applied in text order, so a unit brought in can itself be a lead-in or be continued):

- **lead-in**: a list item or table cell whose lead-in (the nearest earlier unit ending with ``:``,
  with only list items or cells between, at most 40 units back) is in scope inherits the lead-in's
  categories and actors — `in scope through its lead-in: "…"`;
- **continuation**: a sentence or list item that directly follows an in-scope unit in the same
  paragraph or list, and whose subject refers back to it (it starts with "It", "They", "This",
  "These", "Such"…, or its main clause before the modal verb holds "this/these/such …", or it says
  "also"/"additionally" in its first words) — `in scope as it continues: "…"`;
- **definition**: a unit that defines a quoted term (`A model is “highly capable” if …`,
  `“Significantly redacted” means …`) used in in-scope statements of the same version: a change of
  the definition changes who or what those statements cover — `in scope as the definition of
  "highly capable", used in: "…"`;
- **subject**: a sentence whose subject is a capitalised artefact name (`A Risk Report will cover…`)
  that an in-scope statement among the 12 units before it names (`We will publish Risk Reports…`)
  — `in scope through its subject "Risk Report", named in: "…"`.

Strength of a unit brought in: its own modal verb when it has one (will/must → commitment,
aim/intend → intention, may/consider → discretionary), else the strength of the statement it
depends on.
"""

from __future__ import annotations

import re
import unicodedata

from accesswatch.extract import Segment, segment
from accesswatch.extract.model import ExtractedStatement

CONTEXT_CUE = "context: "

_NON_ALNUM = re.compile(r"[\W_]+")
_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\r?\n")
_NOISE = re.compile(r"\[\[\s*page\s+\d+\s*\]\]|--\s*\d+\s+of\s+\d+\s*--|^\s*\d{1,4}\s*$", re.IGNORECASE | re.MULTILINE)
_ITEM_KINDS = ("list-item", "table-cell")
_LEAD_IN_WINDOW = 40
_SUBJECT_WINDOW = 12

_PRONOUN_START = re.compile(
    r"^\W*(?:(?:in addition|additionally|also|however|further(?:more)?|moreover|specifically|in particular),?\s+)?"
    r"(?:it|its|they|their|them|this|these|such|those|that|the same)\b",
    re.IGNORECASE,
)
_ALSO_EARLY = re.compile(r"^\W*(?:\S+\s+){0,4}?(?:also|additionally|in addition|likewise|similarly)\b", re.IGNORECASE)
_MODAL = re.compile(
    r"\b(?:will|would|must|shall|may|might|can|could|should|aim|aims|intend|intends|plan|plans|expect|expects|"
    r"is|are|was|were|include|includes)\b",
    re.IGNORECASE,
)
_BACK_REFERENCE = re.compile(r"\b(?:this|these|such|those|it|they)\b", re.IGNORECASE)
_DEFINITION = [
    re.compile(r"\b(?:is|are|be)\s+(?:considered\s+|deemed\s+)?[“\"]([^”\"]{3,60})[”\"]\s*(?:if|when|where|once)\b", re.IGNORECASE),
    re.compile(r"[“\"]([^”\"]{3,60})[”\"]\s*(?:means|refers to|is defined as|are defined as|denotes)\b", re.IGNORECASE),
    re.compile(r"\bwe (?:define|call|consider) (?:a |an |the )?(?:\w+ ){0,3}[“\"]([^”\"]{3,60})[”\"]", re.IGNORECASE),
]
_SUBJECT = re.compile(
    r"^\W*(?:[A-Z][a-z]+\.\s*)?(?:A|An|The|Each|Every|Our|Any)\s+((?:[A-Z][a-z]+[ \-]){1,3}[A-Z][a-z]+?)(?:s|es)?\s+"
    r"(?:will|must|shall|may|should|is|are|includes?|covers?|contains?)\b"
)
_STRENGTH_WORDS = [
    ("commitment", re.compile(r"\b(?:will|must|shall|commit(?:s|ted)? to|required?|requires)\b", re.IGNORECASE)),
    ("intention", re.compile(r"\b(?:aims?|intends?|plans?|expects?|strives?|seeks?|hopes?)\s+to\b", re.IGNORECASE)),
    ("discretionary", re.compile(r"\b(?:may|might|could|consider|explore|as appropriate|where appropriate)\b", re.IGNORECASE)),
]


def compact(text: str) -> str:
    """Letters and digits only, lower case (equal for texts that differ in spacing, glyphs or
    words glued together by PDF extraction)."""
    return _NON_ALNUM.sub("", unicodedata.normalize("NFKC", text).lower())


def short(text: str, limit: int = 80) -> str:
    """The first `limit` characters of a unit (whitespace squashed), with "…" when cut."""
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _own_strength(text: str, fallback: str) -> str:
    # The earliest modal word decides when it is the main verb (among the first words: "We may
    # also…", "It will also…"); a modal further on sits in a condition or a definition ("… if we
    # conclude it could …") and the unit keeps the force of the statement it depends on.
    best: tuple[int, str] | None = None
    head = " ".join(text.split()[:7])
    for strength, pattern in _STRENGTH_WORDS:
        m = pattern.search(head)
        if m and (best is None or m.start() < best[0]):
            best = (m.start(), strength)
    return best[1] if best else fallback


def _same_paragraph(text: str, prev: Segment, unit: Segment) -> bool:
    between = _NOISE.sub("", text[prev.end : unit.start])
    if prev.kind in _ITEM_KINDS and unit.kind in _ITEM_KINDS:
        return True
    return not _PARAGRAPH_BREAK.search(between)


def _refers_back(unit_text: str) -> bool:
    if _PRONOUN_START.match(unit_text) or _ALSO_EARLY.match(unit_text):
        return True
    modal = _MODAL.search(unit_text)
    return bool(modal and modal.start() > 0 and _BACK_REFERENCE.search(unit_text[: modal.start()]))


def defined_term(unit_text: str) -> str | None:
    """The quoted term a unit defines (`A model is “highly capable” if …` → "highly capable"), or None."""
    for pattern in _DEFINITION:
        m = pattern.search(unit_text)
        if m:
            return " ".join(m.group(1).split())
    return None


def inherit_statement(unit: Segment, source: ExtractedStatement, why: str, *, actors: bool = True) -> ExtractedStatement:
    """`unit` as a statement in scope through `source`: its categories (and actors unless told
    not to), strength from the unit's own modal verb (else `source`'s), and the cue `why`."""
    return ExtractedStatement(
        text=unit.text,
        start=unit.start,
        end=unit.end,
        section=unit.section,
        categories=tuple(source.categories),
        strength=_own_strength(unit.text, source.strength),
        actors=tuple(source.actors) if actors else (),
        cues=(CONTEXT_CUE + why,),
        page=unit.page,
    )


def context_statements(
    text: str, statements: list[ExtractedStatement], units: list[Segment] | None = None
) -> list[ExtractedStatement]:
    """The units of `text` that are in scope through their context (rules in the module doc).

    Inputs: a version's text, the statements extraction found in it, optionally its units
    (`accesswatch.extract.segment(text)`, computed when None). Output: new statements (not among
    `statements`) in text order, each with one cue starting with `CONTEXT_CUE` that says why.
    Pure and deterministic.
    """
    if units is None:
        units = segment(text)
    by_start = {s.start: s for s in statements}
    scoped: list[ExtractedStatement | None] = [by_start.get(u.start) for u in units]
    added: list[ExtractedStatement] = []

    # Terms that in-scope statements depend on, for definitions.
    compact_stmts = [(compact(s.text), s) for s in statements]

    for i, unit in enumerate(units):
        if scoped[i] is not None or len(unit.text) < 12:
            continue
        found: ExtractedStatement | None = None
        # Definition of a term used in in-scope statements.
        term = defined_term(unit.text)
        key = compact(term) if term else ""
        users = [s for c, s in compact_stmts if key in c and s.start != unit.start] if len(key) >= 5 else []
        if users:
            base = users[0]
            found = ExtractedStatement(
                text=unit.text, start=unit.start, end=unit.end, section=unit.section,
                categories=tuple(sorted({c for s in users for c in s.categories})),
                strength=base.strength,
                cues=(CONTEXT_CUE + f'in scope as the definition of "{term}", used in: "{short(base.text)}"',),
                page=unit.page,
            )
        # Lead-in of a list item or table cell.
        if found is None and unit.kind in _ITEM_KINDS:
            for k in range(i - 1, max(-1, i - 1 - _LEAD_IN_WINDOW), -1):
                lead = units[k]
                if lead.text.rstrip().endswith(":"):
                    if scoped[k] is not None:
                        found = inherit_statement(unit, scoped[k], f'in scope through its lead-in: "{short(lead.text)}"')
                    break
                if lead.kind not in _ITEM_KINDS:
                    break
        # Continuation of the previous unit.
        if found is None and i and scoped[i - 1] is not None and _same_paragraph(text, units[i - 1], unit):
            if _refers_back(unit.text):
                found = inherit_statement(unit, scoped[i - 1], f'in scope as it continues: "{short(units[i - 1].text)}"')
        # Subject named by a nearby in-scope statement.
        if found is None:
            m = _SUBJECT.match(unit.text)
            if m:
                term = m.group(1)
                key = compact(term)
                for k in range(i - 1, max(-1, i - 1 - _SUBJECT_WINDOW), -1):
                    if scoped[k] is not None and key in compact(units[k].text):
                        found = inherit_statement(
                            unit, scoped[k], f'in scope through its subject "{term}", named in: "{short(units[k].text)}"',
                            actors=False,
                        )
                        break
        if found is not None:
            scoped[i] = found
            added.append(found)
    return added


def context_reason(stmt: ExtractedStatement | None) -> str | None:
    """The why of a statement brought in by `context_statements` (its cue without the prefix), else None."""
    if stmt is None:
        return None
    for cue in stmt.cues:
        if cue.startswith(CONTEXT_CUE):
            return cue[len(CONTEXT_CUE) :]
    return None
