"""`extract_statements`: segment a version's text and keep the in-scope units, classified.

Besides each unit's own words (`classify`), context decides scope:
- never statements: navigation teasers ("Related content"), bold run-in titles, titles of cited
  works, fragments, and the tail of a sentence cut by a page break (the part before the break is
  the unit, classified by the whole sentence);
- a unit pointing back ("They tested…", "this information may include:") continues the in-scope
  statement before it in the same paragraph;
- the opening units of the first items of a list complete an in-scope lead-in ("… may include:",
  "the following …"): they take its categories, and its force when they have no verb of their own;
- a section whose heading is about outside testing brings its first units into scope;
- a report or announcement whose title is about outside testing and that mostly reports what
  was done brings its account of what the testers did, found or received into scope;
- in a card, a bare "red teaming" is external only if the document says its red teaming is;
- "These reports will include …" after a sentence about reports to the company's own team,
  group or board describes an internal report, nothing published (0.6);
- bare "Participants", "Red teamers", "Testers" … continue the exercise just described, and
  results put to the company's own decision ("These results help determine whether …") continue
  nothing (0.6).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace

from accesswatch.extract.classify import (
    _HEDGE,
    _INTERNAL_ONLY,
    _OUTSIDE_WORD,
    _MODAL,
    _REPORTING_KINDS,
    _past_search,
    Classification,
    classify_unit,
    has_main_verb,
    infer_kind,
    internal_report_contents,
    red_teaming_is_external,
    match_categories,
    skip_reason,
)
from accesswatch.extract.model import ExtractedStatement
from accesswatch.extract.segment import segment
from accesswatch.taxonomy import DOCUMENT_KINDS

__all__ = ["extract_statements", "EXTRACTOR_VERSION"]

#: Bump when segmentation or classification rules change (cached results become stale).
EXTRACTOR_VERSION = "0.7"


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
    never = [_never_statement(text, units, i) for i in range(len(units))]
    for i, u in enumerate(units):
        # A sentence cut by a page break is judged whole: its first part is no heading-like fragment.
        if not never[i] and (skip_reason(u.text, u.kind) == "too short" or skip_reason(_meaning(units, never, i), u.kind)):
            never[i] = "fragment"
    external_red = red_teaming_is_external(text)
    found: list[Classification | None] = [
        None if never[i] else classify_unit(_meaning(units, never, i), kind=doc_kind, unit_kind=u.kind, red_teaming_is_external=external_red)
        for i, u in enumerate(units)
    ]
    for i, c in enumerate(found):
        # "These reports will include a summary …" after "regular reports to the Safety Advisory Group".
        if c is not None and i and internal_report_contents(units[i].text, c.cues, units[i - 1].text):
            found[i] = None
    _add_context(text, units, found, doc_kind, never, external_red)
    _apply_lead_strength(text, units, found, never)
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
    r"collaborators|participants|applicants|initiative|documentation|information|disclosures?|publications?|cards?|collaboration|partnership|engagement|feedback)"
    # the people of the exercise just described, named bare ("Participants screened the models …")
    r"|(?-i:Participants|Red teamers|Red-teamers|Testers|Evaluators|Auditors|Reviewers))\b",
    re.I,
)
# Results put to the company's own decision ("These results help determine whether the threshold
# has been reached") continue no statement about outside parties.
_INTERNAL_USE = re.compile(
    r"^\W*(?:these|the|such|those) (?:\w+ )?(?:results|findings|evaluations?|assessments?) (?:\w+ ){0,2}(?:help|helps|are used to|is used to|inform|informs|guide|guides|feed into|determine)\b", re.I)
# The subject pointing back may come after an opening clause ("Where appropriate, …, this information may include:").
_INCLUDES = re.compile(r"^\W*this (?:also )?includes?\b", re.I)
_POINTER = re.compile(r"\b(?:this|these|such) (?:information|disclosures?|documentation|reports?|results|findings|access)\b", re.I)
_SECTION_TOPIC = re.compile(
    r"external (?:red[- ]?team|evaluat|test|assess|review|expert)|third[- ]part|red[- ]?teaming|\bMETR\b|Apollo Research|\bAISI\b|"
    r"AI (?:Safety|Security) Institute|pre[- ]deployment test|researcher access|bug bount|independent (?:evaluat|assess|review)",
    re.I,
)
# "Internal and third-party testing": a section about both says nothing of who did each thing in it.
_MIXED_SECTION = re.compile(r"\binternal (?:and|&|/) (?:third[- ]party|external)\b", re.I)
_SECOND_PERSON = re.compile(r"\b(?:you|your|applicants?|applications?|submissions?|participants?|proposals?|this program(?:me)?)\b", re.I)
_PROGRAM_TERMS = re.compile(
    r"\b(?:access|credits?|API|approv\w+|eligib\w+|exempt\w*|fund\w*|apply|evaluations?|usage polic\w+|reject\w*|select\w*)\b", re.I
)
_PROGRAM_PAGE = re.compile(r"\b(?:program(?:me)?|initiative|bounty|fellowship|grants?|access for researchers)\b", re.I)
_SECTION_UNIT_LIMIT = 40
_CARD_KINDS = {"system-card", "model-card"}
_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\r?\n")


# Sections that only point elsewhere (teasers of other posts) hold no statement of this document.
_NAV_SECTION = re.compile(
    r"^\W*(?:related (?:content|posts?|articles?|reading|stories|news|resources)|read more|more (?:from|on|news|stories)|see also|"
    r"further reading|recent (?:posts|news)|latest (?:news|posts)|you (?:may|might) also like)\W*$",
    re.I,
)
_PAGE_FURNITURE = re.compile(r"\[\[\s*page\s+\d+\s*\]\]|--\s*\d+\s+of\s+\d+\s*--|^[ \t]*(?:page\s+)?\d{1,4}[ \t]*$", re.I | re.M)
# A bold run-in title on its own ("**Testing of classifiers.**") is a heading, not a statement.
_BOLD_TITLE = re.compile(r"^\s*(?:\*\*|__)[^*_]{1,120}(?:\*\*|__)\s*[.:]?\s*$")
_FOOTNOTE_NUMBER = re.compile(r"\s*\d{1,3}\s*$")
_TITLE_WORD = re.compile(r"^[A-Z0-9(“\"']")


def _never_statement(text: str, units: list, i: int) -> str | None:
    """Units that are never statements whatever their words: navigation teasers, bold run-in
    titles, titles of cited works, and the tail of a sentence cut by a page break."""
    unit = units[i]
    if unit.section and any(_NAV_SECTION.match(h) for h in unit.section.split(" > ")):
        return "navigation section"
    if _BOLD_TITLE.match(unit.text):
        return "bold run-in title"
    words = unit.text.split()
    if unit.kind == "sentence" and unit.text[-1:] not in ".!?:;\"”)" and 4 <= len(words) <= 16:
        # A Title Case line: the title of a cited paper (after a footnote number) or a heading.
        if sum(1 for w in words if _TITLE_WORD.match(w)) >= 0.75 * len(words):
            line_start = text.rfind("\n", 0, unit.start) + 1
            if ":" not in unit.text or _FOOTNOTE_NUMBER.match(text, line_start, unit.start):
                return "title"
    first = words[0] if words else ""
    if unit.kind == "sentence" and first.isalpha() and first.islower() and i and units[i - 1].text[-1:] not in ".!?:;":
        # The continuation of a sentence the page break cut: a fragment (the part before the break is the unit).
        if _PAGE_FURNITURE.search(text, units[i - 1].end, unit.start):
            return "page-break tail"
    return None


def _meaning(units: list, never: list, i: int) -> str:
    """The text a unit is classified by: its own, or for a sentence cut by a page break, the whole
    sentence (the part after the break is a fragment that is never a unit of its own)."""
    j = i + 1
    while j < len(units) and never[j] in ("title", "bold run-in title"):  # a footnote's cited title at the page foot
        j += 1
    if j < len(units) and never[j] == "page-break tail":
        return f"{units[i].text} {units[j].text}"
    return units[i].text


def _add_context(text: str, units: list, found: list, doc_kind: str, never: list, external_red: bool = True) -> None:
    """Bring into scope units whose context makes them statements (see `_ANAPHORA` etc.)."""
    first_pass = Counter(c for f in found if f is not None for c in f.categories)
    program_topic = None
    if first_pass and _PROGRAM_PAGE.search(text[:800]):
        top, _ = first_pass.most_common(1)[0]
        if top in ("researcher-access", "external-evaluation", "external-red-teaming"):
            program_topic = top
    section_seen: Counter = Counter()
    doc_title = next((u.section.split(" > ")[0] for u in units if u.section), None)
    report_topic = None
    if doc_kind in _REPORTING_KINDS and doc_title and _REPORT_TITLE.search(_CUSTOMER_TITLE.sub("", doc_title)) and first_pass and _is_account(units):
        # A report/announcement whose title is about outside testing and that tells what happened:
        # its account of what the testers did, found or received is in scope, with the
        # document's main categories. (A call for proposals or a policy argument is no account.)
        top = first_pass.most_common(1)[0][1]
        cats = tuple(c for c, n in first_pass.most_common(2) if n * 5 >= top * 2)
        report_topic = (cats, f'report about outside testing "{doc_title[:60]}"')
    for i, unit in enumerate(units):
        section_seen[unit.section] += 1
        if found[i] is not None or never[i] or skip_reason(unit.text, unit.kind):
            continue
        inherited = None
        prev = found[i - 1] if i else None
        if prev is not None and units[i - 1].section == unit.section:
            between = text[units[i - 1].end : unit.start]
            same_paragraph = not _PARAGRAPH_BREAK.search(between) or unit.kind == units[i - 1].kind == "list-item"
            if same_paragraph and (_ANAPHORA.match(unit.text) or _POINTER.search(unit.text) or _INCLUDES.match(unit.text)) and not (
                _INTERNAL_USE.match(unit.text) and not _OUTSIDE_WORD.search(unit.text)
            ):
                inherited = (prev.categories, "continues the previous statement")
        if inherited is None and unit.kind == "list-item" and doc_kind not in _CARD_KINDS:
            # (In a card, the items under an in-scope lead-in are findings and method details:
            # they are statements only by their own words.)
            inherited = _lead_in(text, units, found, i, never)
        if inherited is None and unit.section and section_seen[unit.section] <= _SECTION_UNIT_LIMIT and _is_sentence_like(unit.text):
            for heading in unit.section.split(" > ")[-2:]:
                if heading != doc_title and not heading.endswith("?") and _SECTION_TOPIC.search(heading) and not _MIXED_SECTION.search(heading):
                    cats = _pick_categories(tuple(c for c, _ in match_categories(heading)) or ("external-evaluation",), unit.text)
                    inherited = (cats, f'section "{heading}"')
                    break
        if inherited is None and program_topic and _SECOND_PERSON.search(unit.text) and _PROGRAM_TERMS.search(unit.text):
            inherited = ((program_topic,), "addresses the applicants of an access or evaluation programme")
        if inherited is None and report_topic and _REPORT_CUE.search(unit.text) and not _INTERNAL_ONLY.search(unit.text):
            inherited = report_topic
        if inherited is not None:
            found[i] = classify_unit(
                _meaning(units, never, i), kind=doc_kind, unit_kind=unit.kind, inherited=inherited, red_teaming_is_external=external_red
            )


def _is_sentence_like(text: str) -> bool:
    """Whether a unit says something of its own (a table row "OpenAI o3 [high]" or a lead-in
    stub "In aggregate:" under a heading about outside testing says nothing about it)."""
    return len(text.split()) >= 6


# Words that tie a unit to one of several categories its section heading names.
_CATEGORY_STEMS = {
    "publication": re.compile(r"\b(?:publi\w*|disclos\w*|redact\w*|shar\w+|transparen\w*|inform\w*|report\w*)", re.I),
    "third-party-review": re.compile(r"\b(?:third[- ]part\w*|review\w*|audit\w*|external|independent|verif\w*)", re.I),
    "external-red-teaming": re.compile(r"\b(?:red[- ]?team\w*|jailbreak\w*|vulnerab\w*|attack\w*|bount\w*)", re.I),
    "government-access": re.compile(r"\b(?:government\w*|agenc\w+|authorit\w+|officials|regulat\w+)", re.I),
    "researcher-access": re.compile(r"\b(?:researchers?|access|credits?|academ\w+)", re.I),
    "external-evaluation": re.compile(r"\b(?:evaluat\w*|test\w*|assess\w*|experts?)", re.I),
    "open-weights": re.compile(r"\b(?:weights|open[- ]sourc\w*|releas\w*)", re.I),
}


def _pick_categories(cats: tuple, text: str) -> tuple:
    """Of the categories a section heading names, those the unit's own words point to (all when none)."""
    if len(cats) < 2:
        return cats
    picked = tuple(c for c in cats if _CATEGORY_STEMS[c].search(text))
    return picked or cats


def _is_account(units: list) -> bool:
    """Whether a document mostly reports what was done (past tense) rather than promises or plans."""
    body = [u.text for u in units if len(u.text) > 40]
    if not body:
        return False
    past = sum(1 for t in body if _past_search(t)) / len(body)
    modal = sum(1 for t in body if _MODAL.search(t)) / len(body)
    return past >= 0.15 and modal <= past * 2


def _lead_in(text: str, units: list, found: list, i: int, never: list) -> tuple | None:
    """(categories, reason, strength) of the in-scope lead-in ("… this information may include:",
    "we may publish the following …") that the list holding unit `i` completes, else None.

    Only the opening unit of each of the first few items inherits (a later sentence of an item
    speaks for itself); in-scope sentences between the lead-in and the list ("However, we may
    redact …") are allowed."""
    if not _opens_item(text, units, never, i):
        return None
    j = i - 1
    items = 0
    while j >= 0 and units[j].kind == "list-item" and units[j].section == units[i].section:
        items += _opens_item(text, units, never, j)
        j -= 1
    if items >= _LEAD_IN_ITEMS:
        return None
    for _ in range(_LEAD_IN_REACH):
        while j >= 0 and never[j]:
            j -= 1
        if j < 0 or units[j].section != units[i].section or units[j].kind != "sentence" or found[j] is None:
            return None
        if _LEAD_IN.search(units[j].text):
            return (found[j].categories, "completes an in-scope lead-in", found[j].strength)
        j -= 1
    return None


def _opens_item(text: str, units: list, never: list, i: int) -> bool:
    """Whether unit `i` is the first unit of its list item (bold run-in titles aside)."""
    line_start = text.rfind("\n", 0, units[i].start) + 1
    if _ITEM_OPENING.fullmatch(text, line_start, units[i].start):
        return True
    # After a bold run-in title ("• **Testing.** Testers could …"), the first real sentence opens the item.
    return i > 0 and never[i - 1] == "bold run-in title" and _ITEM_OPENING.fullmatch(text, text.rfind("\n", 0, units[i - 1].start) + 1, units[i - 1].start) is not None


_ITEM_OPENING = re.compile(r"\s*(?:[•●○◦▪▫■□‣⁃∙·➢►▶✓✔\-*+–—]|\d{1,2}[.)]|\(\d{1,2}\)|\([a-zA-Z]\)|\((?:i|ii|iii|iv|v|vi|vii|viii|ix|x)\)|[a-z][.)])?\s*")
_LEAD_IN_ITEMS = 8


_LEAD_IN = re.compile(r":[*_\s]*$|\b(?:the following|listed below|as follows|below:)", re.I)
_LEAD_IN_REACH = 3


def _apply_lead_strength(text: str, units: list, found: list, never: list) -> None:
    """A list item with no force of its own takes the force of its lead-in ("we may publish the
    following: • benchmark results …" is discretionary, item by item)."""
    for i, unit in enumerate(units):
        c = found[i]
        if c is None or unit.kind != "list-item" or any(cue.startswith("strength:") and "lead-in" in cue for cue in c.cues):
            continue
        lead = _lead_in(text, units, found, i, never)
        if lead is None or lead[2] == c.strength or _HEDGE.search(unit.text) or _MODAL.search(unit.text) or has_main_verb(unit.text):
            continue
        cues = tuple(cue for cue in c.cues if not cue.startswith("strength:")) + (f"strength:{lead[2]} (from the lead-in of the list)",)
        found[i] = replace(c, strength=lead[2], cues=cues)


# In a report or announcement about outside testing, units about what the testers did or received.
# 0.7: "Expanding access to Claude for government": governments as customers of the product, not
# as testers; the title's "government" does not make the post an account of outside testing.
_CUSTOMER_TITLE = re.compile(r"\bfor (?:the )?(?:U\.?S\.? |US |federal |public[- ]sector )?(?:governments?|government (?:agencies|users|customers)|public sector)\b", re.I)
_REPORT_TITLE = re.compile(
    r"external|third[- ]part|independent|\bMETR\b|Apollo Research|\b(?:CAISI|AISI)\b|AI (?:Safety|Security) Institute|"
    r"government|evaluat\w+ (?:by|with)|collaborat\w+ with|partnership with|testing (?:by|with)",
    re.I,
)
_REPORT_CUE = re.compile(
    r"\b(?:they|their|them|testers?|teams?|partners?|red[- ]?teamers?|collaborat\w*|evaluators?|experts?|institutes?|agencies|"
    r"findings|vulnerabilit\w+|jailbreaks?|attacks?|provided|gave|given|shared|access)\b",
    re.I,
)
