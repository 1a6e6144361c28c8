"""How material a statement-level change is for an outside reader (0–100), with the why in words.

The score ranks a pair's change list so that a journalist reading its top sees first what changed
for outsiders: who outside the company tests, reviews or receives the models, how deep, when, on
what conditions, what is published, and how binding the promise is.

Points (the unit scored is the old one for removed/weakened, the new one otherwise):

- kind: removed / weakened 60, added / strengthened 45 (losing a promise outranks gaining one),
  reworded 10 (capped at 30), moved 5 (capped at 15);
- binding force of the statement: commitment +15 (+8 when the unit has no binding word of its own
  — will, must, shall, commit, require, ensure, "we do not … unless" — a standing procedure
  rather than a promise), intention +8, discretionary +4;
- an outside party in the statement (a named evaluator, institute, government or a kind of
  outside party in the unit's own words, or extraction's actors — actors inherited from a
  preceding sentence do not count, those of a list item's lead-in do) +10; a publication in its own
  words (publish, disclose, report to, a model card, a risk report…) +5;
- an outside-party category (external evaluation, third-party review, government access, external
  red teaming) +5; a stated access depth or access given in its own words ("access to", "early access") +5; 3 per weighted reason of a pair (max +10);
- a removal or weakening about a named evaluator, institute, government or independent third
  party, or one that drops an outside party: +10.

Demotions (each adds a `rank: …` note): an acknowledgement or a reference to others' frameworks
("we thank", "in the spirit of … introduced by METR", "helps satisfy our … Commitments") −35; a
list of standards or certifications (ISO 27001, SOC 2, NIST 800-53…) −35; a table-of-contents,
title or dateline line −40; a belief or rationale ("we believe…", "it is important…", "… makes it possible…") −15 (−5 when it
names an outside party); a
definition ("Limited release: releasing externally to …", no modal verb, not a list item under an
in-scope lead-in) −15; a unit whose own words name no outside party, publication or outside-facing
word or condition (and that is not in scope through a list lead-in) −15. Added, removed, weakened and
strengthened never fall below 31, so reworded and moved items always rank below them.
"""

from __future__ import annotations

import re

from accesswatch.diff.reasons import Reason, outside_parties
from accesswatch.extract.model import ExtractedStatement

BASE = {"removed": 60, "weakened": 60, "added": 45, "strengthened": 45, "reworded": 10, "moved": 5}
CAP = {"reworded": 30, "moved": 15}
MATERIAL_FLOOR = 31
NAMED_ACTORS = frozenset(
    {"METR", "Apollo Research", "UK AISI", "US AISI", "CAISI", "EU AI Office", "AI Safety Institutes", "Gryphon Scientific",
     "independent third parties", "government", "policymakers", "auditors", "Long-Term Benefit Trust"}
)
_OUTSIDE_CATEGORIES = {"external-evaluation", "third-party-review", "government-access", "external-red-teaming"}
_FORCE = {"commitment": 15, "intention": 8, "discretionary": 4}

_ACKNOWLEDGEMENT = re.compile(
    r"\b(?:thank(?:s|ful)?|grateful|gratitude|acknowledge (?:the )?(?:contributions?|input)|in the spirit of|inspired by|"
    r"introduced by|modell?ed on|helps? (?:us )?(?:satisfy|meet|fulfil)|in line with the (?:[A-Z][\w-]* ){1,5}Commitments|"
    r"align(?:s|ed)? with (?:established|existing|industry|international) (?:frameworks|standards|best practices)|"
    r"we recogni[sz]e other organi[sz]ations|contribut(?:ed|ing) (?:their )?expertise|builds? (?:up)?on (?:the )?(?:work|processes|frameworks?))",
    re.IGNORECASE,
)
_STANDARD = re.compile(
    r"\b(?:ISO(?:/IEC)?\s*\d{4,5}|SOC\s*[12]|NIST(?:\s+(?:SP\s+)?\d{3}-\d+)?|\d{3}-\d{2,3}|FedRAMP|SSDF|CoSAI|CISA|NSA|FBI|GCHQ|"
    r"ASD|CCCS|GCSB|CSA|PCI[\s-]?DSS|HIPAA|GDPR|SLSA|OWASP|MITRE|CIS Controls?)\b"
)
_TOC = re.compile(r"(?:\b(?:Appendix|Section|Annex)\s+[A-Z0-9][^.]{0,60}?\s\d{1,3}\b.*){2,}|\bVersion\s+\d+(?:\.\d+)+\s+Effective\b", re.IGNORECASE)
_BELIEF = re.compile(
    r"\b(?:we (?:believe|think|recogni[sz]e|hope that)|it is (?:important|essential|critical)|in our view|"
    r"makes? it possible|in addition to promoting)\b",
    re.IGNORECASE,
)
_PUBLICATION = re.compile(
    r"\b(?:publish\w*|disclos\w+|publicly|public (?:version|report|disclosure)|model cards?|system cards?|risk reports?|"
    r"preparedness reports?|capability reports?|safeguards? reports?|transparency reports?|report (?:to|on)|notify|notif\w+|"
    r"release (?:information|key|details|summaries)|shar\w+ (?:\w+ ){0,3}(?:information|findings|results|details|reports?|lists?)|"
    r"change ?log)\b",
    re.IGNORECASE,
)
_OUTSIDE_WORDS = re.compile(
    r"\b(?:external\w*|independent|third[- ]part\w+|outside|government\w*|public|regulat\w+|institutes?|evaluators?|"
    r"researchers?|red[- ]?teamers?|auditors?|audit\w*|experts?|partners?|trusted (?:users|parties|actors)|bug bount\w+|"
    r"open(?:ly)?[- ]?(?:weights?|sourc\w+|releas\w*)|weights|stakeholders?|authorities|law enforcement|customers|"
    r"(?:trusted|vetted|qualified) \w+)\b",
    re.IGNORECASE,
)
_LEAD_IN_CUE = "through its lead-in"
_ACCESS = re.compile(r"\b(?:access (?:to|for)|(?:early|differential|privileged|pre-release|api|weights?) access)\b", re.IGNORECASE)
_BINDING = re.compile(
    r"\b(?:will|must|shall|commit(?:s|ted)?|required?|requires|ensure|ensures|we do not|we don't|we won't|never|"
    r"only (?:if|when|after)|unless)\b|\bwe(?:’|')ll\b",
    re.IGNORECASE,
)
# "= Limited release: releasing externally to …", "Closed release: models that are …": a term and
# its meaning, with no modal verb and no "we".
_DEFINITION = re.compile(
    r"^\W*(?:[A-Z][\w-]*\s?){1,4}:\s+(?:models?|\w+ing|the|a|an|when|where|means|refers)\b"
    r"(?!.*\b(?:we|will|must|shall|may|should|commit\w*)\b)",
    re.IGNORECASE,
)


def _in_scope_through_lead_in(stmt: ExtractedStatement) -> bool:
    # The diff's own context cue ("in scope through its lead-in") or extraction's ("completes an
    # in-scope lead-in"): a list item whose lead-in names the outside party.
    return any(_LEAD_IN_CUE in cue or "lead-in" in cue for cue in stmt.cues)


def _inherited(stmt: ExtractedStatement) -> bool:
    """True when the statement is in scope through its context, its actors taken from elsewhere."""
    return any(cue.startswith(("scope:context", "context: ")) for cue in stmt.cues)


def _names_outside_party(flat: str, stmt: ExtractedStatement) -> bool:
    """An outside party in the unit's own words, or extraction's actors (inherited actors count
    only for list items under an in-scope lead-in)."""
    if outside_parties(flat):
        return True
    return bool(stmt.actors) and (not _inherited(stmt) or _in_scope_through_lead_in(stmt))


def demotions(text: str, stmt: ExtractedStatement) -> list[tuple[str, int]]:
    """The demotion rules a unit meets (module doc), as (note, points) with negative points."""
    flat = " ".join(text.split())
    out: list[tuple[str, int]] = []
    parties = _names_outside_party(flat, stmt)
    if _TOC.search(flat):
        out.append(("rank: a contents, title or dateline line", -40))
    elif _ACKNOWLEDGEMENT.search(flat):
        out.append(("rank: an acknowledgement or a reference to others' frameworks, not a promise about outside access", -35))
    elif len(_STANDARD.findall(flat)) >= 3:
        out.append(("rank: a list of standards or certifications", -35))
    elif _BELIEF.search(flat):
        # A belief about an outside party's access ("benefits of allowing trusted researchers to
        # access…") still says something about them: a smaller demotion.
        out.append(("rank: a belief or rationale, not a promise", -5 if parties else -15))
    elif _DEFINITION.match(flat) and not _in_scope_through_lead_in(stmt):
        out.append(("rank: a definition, not a promise", -15))
    if not out and not parties and not stmt.conditions and not _PUBLICATION.search(flat) and not _OUTSIDE_WORDS.search(flat):
        if not _in_scope_through_lead_in(stmt):
            out.append(("rank: its own words name no outside party or publication", -15))
    return out


def materiality(kind: str, stmt: ExtractedStatement, reasons: list[Reason], text: str | None = None) -> tuple[int, list[str]]:
    """Score a change (module doc): returns (materiality 0–100, demotion notes in words).

    Inputs: the change kind; the statement the score is about (old for removed/weakened, new
    otherwise); the weighted reasons of a pair (empty for added/removed); the unit's text as
    quoted (defaults to the statement's text).
    """
    text = stmt.text if text is None else text
    flat = " ".join(text.split())
    score = BASE[kind] + _FORCE.get(stmt.strength, 0)
    if stmt.strength == "commitment" and not _BINDING.search(flat):
        # Labelled a commitment as a standing procedure ("evaluations are reviewed by…"), with no
        # binding word of its own: less of a promise to lose or gain than "we will…".
        score -= 7
    if _names_outside_party(flat, stmt):
        score += 10
    if _PUBLICATION.search(flat):
        score += 5
    if kind in ("removed", "weakened") and (
        any(a in NAMED_ACTORS for a in stmt.actors)
        or any(r.text.startswith(("outside party removed", "actor removed", "actor narrowed")) for r in reasons)
    ):
        # A named evaluator or government institute losing its role is the headline of a revision.
        score += 10
    if _OUTSIDE_CATEGORIES & set(stmt.categories):
        score += 5
    if stmt.access_depth or _ACCESS.search(flat):
        score += 5
    score += min(10, 3 * sum(1 for r in reasons if r.weight))
    notes: list[str] = []
    if kind in CAP:
        return max(0, min(CAP[kind], score)), notes
    for note, points in demotions(flat, stmt):
        score += points
        notes.append(note)
    return max(MATERIAL_FLOOR, min(100, score)), notes
