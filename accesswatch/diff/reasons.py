"""Why a statement changed: compare two versions of one statement, field by field and word by word.

The fields (strength, actors, access depth, timing, conditions, categories) come from extraction
(`accesswatch.extract`); this module does not classify anything itself. It compares the two
statements' fields and the words their word diff deletes or inserts, and turns each difference
into a `Reason`: a sentence in words plus a signed weight (negative weakens, positive
strengthens). The net weight decides between `weakened` and `strengthened` (the gold's "net
effect" rule: a unit that both gains and loses is labelled by the sum).

Weights: strength change backed by a changed modal word ±3 (±1 when only the classifier's label
changed); access depth ±2 per level (max ±4); timing ±2; actor narrowed/broadened ±2; a removed or
added publication verb ±2; condition added −1 / removed +1; scope quantifier ("all", "every",
"only") ±1; outside-party words ("independent", "external", "public") removed −1 / added +1;
binding words ("require", "approval") added +1 / removed −1; deadlines in days/weeks/months longer
−2 / shorter +2; category lost −1 / gained +1 (only with another lexical reason, as labels are noisy).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from accesswatch.diff.context import defined_term
from accesswatch.diff.textdiff import word_spans
from accesswatch.extract.model import ExtractedStatement
from accesswatch.taxonomy import PROMISE_RANK

_TIMING_ORDER = {"during-training": 0, "pre-deployment": 1, "post-deployment": 2}

_MODALS = {
    "commitment": ["will", "must", "shall", "commit", "commits", "committed", "require", "requires", "required", "ensure", "ensures"],
    "intention": ["aim", "aims", "intend", "intends", "plan", "plans", "expect", "expects", "strive", "seek", "seeks", "hope", "hopes"],
    "discretionary": ["may", "might", "could", "consider", "explore", "exploring", "appropriate", "feasible", "possibly"],
}
_CONDITION_PHRASES = [
    "where appropriate", "as appropriate", "as needed", "when needed", "if needed", "where needed",
    "if feasible", "where feasible", "where possible", "if possible", "when possible", "as feasible",
    "subject to", "to the extent", "at our discretion", "in some cases", "when relevant", "where relevant",
    "we determine", "we assess", "we conclude", "we deem", "unless", "only if", "only when",
    "reasonably", "may choose", "confidentiality", "where it will", "if necessary", "as necessary",
]
_SCOPE_NARROW = ["only", "limited to", "solely", "some"]
_SCOPE_BROAD = ["all", "every", "each", "any", "always", "at least"]
_OUTSIDE = ["independent", "external", "third-party", "third parties", "third party", "public", "publicly", "government", "governments"]
_PUBLISH = ["publish", "published", "publishes", "disclose", "discloses", "release", "share", "shared", "report publicly"]
_BINDING = ["require", "requires", "required", "approval", "approve", "approves", "mandatory", "must"]
_NEGATION = ["not", "no", "never", "without"]
_DEADLINE = re.compile(r"\b(\d{1,3})\s*(?:-|\s)?(day|week|month|year)s?\b", re.IGNORECASE)
_UNIT_DAYS = {"day": 1, "week": 7, "month": 30, "year": 365}
# "publicly available models" describes other models, not publication or an outside party.
_AVAILABLE = re.compile(r"\b(?:publicly|widely|openly)\s+available\b", re.IGNORECASE)
_INTERNAL_ACTOR = re.compile(r"\b(internal|our own|in-house|employees|staff)\b", re.IGNORECASE)
_STRONG_ACTOR = re.compile(
    r"\b(independent|third.part|aisi|caisi|safety institute|security institute|government|metr|apollo|auditor)",
    re.IGNORECASE,
)


# Kinds of outside party a sentence may list; named ones are caught as acronyms or by name.
_PARTY_KINDS = [
    "governmental bodies", "government agencies", "governments", "government", "non-governmental organizations",
    "non-governmental organisations", "ngos", "testing firms", "private testing firms", "industry peers", "academic researchers",
    "academics", "universities", "civil society", "external experts", "outside experts", "domain experts", "third parties",
    "independent third parties", "external researchers", "red teamers", "auditors", "regulators", "policymakers",
    "law enforcement", "authorities", "external evaluators", "evaluators", "external organizations", "external organisations",
    "trusted researchers", "safety researchers", "stakeholder bodies", "external authorities", "external partners",
    "trusted partners", "red-teamers", "trusted customers", "trusted users", "trusted testers",
]
_PARTY_NAME = re.compile(
    r"\b(?:[A-Z]{3,6}|METR|Apollo Research|SecureBio|Gryphon Scientific|Scale AI|Deloitte|Irregular|Pattern Labs|Faculty|"
    r"Haize Labs|Gray Swan|Transluce|Epoch AI|Redwood Research|Palisade|Andon Labs|Lakera|Nemesys|Signature Science)\b"
)
# Acronyms that are not outside parties (capabilities, policy names, units).
_NOT_PARTY = frozenset("API CBRN CBRNE LLM LLMS RSP ASL CCL CCLS TCL FSF FAIF CSAM GPU GPUS TPU NDA PDF URL HTML SOC ISO AGI ASI CEO CTO CISO FAQ USA".split())
_ARTEFACTS = [
    "model card", "model cards", "system card", "system cards", "research paper", "research papers", "technical report",
    "technical reports", "risk report", "risk reports", "preparedness report", "preparedness reports", "evaluation results",
    "benchmark results", "capability reports", "safeguards reports", "model spec",
]


_ARTEFACT_OBJECT = re.compile(
    r"\b(?:publish\w*|shar\w+|releas\w+|provid\w+|disclos\w+|including|like|such as|through|via)\W+(?:\w+\W+){0,8}?(?:"
    + "|".join(sorted(map(re.escape, _ARTEFACTS), key=len, reverse=True))
    + r")\b",
    re.IGNORECASE,
)


def _artefacts(text: str) -> set[str]:
    """Published artefacts a passage names as the object of publishing ("including model cards")."""
    found = set()
    for m in _ARTEFACT_OBJECT.finditer(" ".join(text.split())):
        tail = m.group(0).lower()
        found.add(next(a for a in sorted(_ARTEFACTS, key=len, reverse=True) if tail.endswith(a)))
    return found


_IN_ENUMERATION = re.compile(r"(?:,|\band)\s+[A-Z]{3,6}\b|\b[A-Z]{3,6},")


def _parties(text: str) -> set[str]:
    """Outside parties a passage names: listed names/acronyms and kinds of party."""
    names = set()
    for m in _PARTY_NAME.finditer(text):
        name = m.group(0)
        if name in _NOT_PARTY:
            continue
        if name.isupper() and not _IN_ENUMERATION.search(text[max(0, m.start() - 5) : m.end() + 2]):
            continue  # a lone acronym is often the document's own name ("this RMF")
        names.add(name)
    kinds = set(_phrases_in(text, _PARTY_KINDS))
    # "independent third parties" contains "third parties": keep the longest.
    kinds = {k for k in kinds if not any(k != o and k in o for o in kinds)}
    return names | kinds


def outside_parties(text: str) -> set[str]:
    """Outside parties a passage names in its own words (named evaluators and institutes, listed
    acronyms, kinds of party such as "external experts"); used to rank changes."""
    return _parties(text)


@dataclass(frozen=True)
class Reason:
    """One difference between two versions of a statement, in words, with its signed weight."""

    text: str
    weight: int


def _words(text: str) -> str:
    return " " + " ".join(re.findall(r"[a-z0-9][a-z0-9\-’']*", text.lower())) + " "


def _phrases_in(text: str, phrases: list[str]) -> list[str]:
    padded = _words(text)
    return [p for p in phrases if f" {p} " in padded]


def _changed_phrases(before: str, after: str, phrases: list[str]) -> tuple[list[str], list[str]]:
    """Phrases present in only one of the two passages: (lost, gained)."""
    a, b = set(_phrases_in(before, phrases)), set(_phrases_in(after, phrases))
    return sorted(a - b, key=phrases.index), sorted(b - a, key=phrases.index)


def _q(items) -> str:
    return ", ".join(f'"{x}"' for x in items)


def _actor_rank(actor: str) -> int:
    if _INTERNAL_ACTOR.search(actor):
        return 0
    if _STRONG_ACTOR.search(actor):
        return 3
    return 2


def compare_statements(old: ExtractedStatement, new: ExtractedStatement) -> list[Reason]:
    """Every substantive difference between two versions of a statement, as weighted reasons.

    Inputs: the old and new statements (as extracted). Output: reasons in a fixed order (strength,
    actors, access depth, timing, conditions, publication, scope, deadlines, binding words,
    outside parties, negation, categories); empty when only wording or layout changed.
    """
    reasons: list[Reason] = []
    before, after = old.text, new.text
    spans = word_spans(before, after)
    deleted = " ".join(s.text for s in spans if s.op == "delete")
    inserted = " ".join(s.text for s in spans if s.op == "insert")

    # Strength, with the modal words that moved as evidence.
    if old.strength != new.strength:
        lost = [w for w in _MODALS.get(old.strength, []) if w in _words(deleted).split()]
        gained = [w for w in _MODALS.get(new.strength, []) if w in _words(inserted).split()]
        cue = f' ("{lost[0] if lost else "…"}" → "{gained[0] if gained else "…"}")' if (lost or gained) else ""
        text = f"strength {old.strength} → {new.strength}{cue}"
        if "practice" in (old.strength, new.strength):
            reasons.append(Reason(text, 0))
        else:
            sign = 1 if PROMISE_RANK[new.strength] > PROMISE_RANK[old.strength] else -1
            # A stronger label needs its modal word in the new text ("may" lost with nothing gained
            # is often a unit cut at a page break, not a promise made firmer).
            backed = bool(gained) if sign > 0 else bool(lost or gained)
            reasons.append(Reason(text, sign * (3 if backed else 1)))

    # Actors.
    old_actors, new_actors = set(old.actors), set(new.actors)
    if old_actors != new_actors:
        lost, gained = sorted(old_actors - new_actors), sorted(new_actors - old_actors)
        if lost and not gained:
            reasons.append(Reason(f"actor removed: {_q(lost)}", -2))
        elif gained and not lost:
            reasons.append(Reason(f"actor added: {_q(gained)}", 2))
        else:
            delta = max(map(_actor_rank, gained)) - max(map(_actor_rank, lost))
            verb = "narrowed" if delta < 0 else "broadened" if delta > 0 else "changed"
            reasons.append(Reason(f"actor {verb}: {_q(lost)} → {_q(gained)}", 2 if delta > 0 else -2 if delta < 0 else 0))

    # Outside parties named in a list ("SecureBio, NIST, AISI, RAND") or by kind ("private testing
    # firms"), and published artefacts ("model cards"): one dropped with none gained narrows the
    # actor or what is published, whatever the extraction's actor labels say.
    if not any(r.text.startswith("actor removed") for r in reasons):
        low_before, low_after = before.lower(), after.lower()
        lost_p = {p for p in _parties(before) if p.lower() not in low_after}
        gained_p = {p for p in _parties(after) if p.lower() not in low_before}
        if lost_p and not gained_p:
            reasons.append(Reason(f"outside party removed: {_q(sorted(lost_p))}", -2))
        elif gained_p and not lost_p:
            reasons.append(Reason(f"outside party added: {_q(sorted(gained_p))}", 2))
    a_old, a_new = _artefacts(before), _artefacts(after)
    lost = sorted(a for a in a_old - a_new if not any(a in g or g in a for g in a_new))
    gained = sorted(a for a in a_new - a_old if not any(a in g or g in a for g in a_old))
    if lost and not gained:
        reasons.append(Reason(f"less published: {_q(lost)} no longer named", -2))
    elif gained and not lost:
        reasons.append(Reason(f"more published: {_q(gained)} now named", 2))

    # Access depth.
    if old.access_depth != new.access_depth and old.access_depth and new.access_depth:
        delta = int(new.access_depth[1]) - int(old.access_depth[1])
        verb = "raised" if delta > 0 else "lowered"
        reasons.append(Reason(f"access depth {verb} {old.access_depth} → {new.access_depth}", max(-4, min(4, 2 * delta))))
    elif old.access_depth and not new.access_depth:
        reasons.append(Reason(f"access depth no longer stated (was {old.access_depth})", -1))
    elif new.access_depth and not old.access_depth:
        reasons.append(Reason(f"access depth now stated: {new.access_depth}", 1))

    # Timing.
    if old.timing and new.timing and old.timing != new.timing:
        later = _TIMING_ORDER.get(new.timing, 1) > _TIMING_ORDER.get(old.timing, 1)
        reasons.append(Reason(f'timing {"later" if later else "earlier"}: "{old.timing}" → "{new.timing}"', -2 if later else 2))
    elif old.timing and not new.timing:
        reasons.append(Reason(f'timing dropped: "{old.timing}"', -1))
    elif new.timing and not old.timing:
        reasons.append(Reason(f'timing added: "{new.timing}"', 1))

    # Conditions: extraction's fields plus hedging phrases in the text.
    cond_lost = set(old.conditions) - set(new.conditions)
    cond_gained = set(new.conditions) - set(old.conditions)
    p_lost, p_gained = _changed_phrases(before, after, _CONDITION_PHRASES)
    for c in sorted(cond_gained) + [p for p in p_gained if not any(p in c for c in cond_gained)]:
        reasons.append(Reason(f'condition added: "{c}"', -1))
    for c in sorted(cond_lost) + [p for p in p_lost if not any(p in c for c in cond_lost)]:
        reasons.append(Reason(f'condition removed: "{c}"', 1))

    # Publication verbs.
    lost, gained = _changed_phrases(before, after, _PUBLISH)
    if lost and not gained:
        reasons.append(Reason(f"less published: {_q(lost)} removed", -2))
    elif gained and not lost:
        reasons.append(Reason(f"more published: {_q(gained)} added", 2))

    # Scope quantifiers.
    n_lost, n_gained = _changed_phrases(before, after, _SCOPE_NARROW)
    b_lost, b_gained = _changed_phrases(before, after, _SCOPE_BROAD)
    if n_gained or b_lost:
        reasons.append(Reason(f"scope narrowed: {_q(n_gained + [f'no {w}' for w in b_lost])}", -1))
    if b_gained or n_lost:
        reasons.append(Reason(f"scope broadened: {_q(b_gained + [f'no {w}' for w in n_lost])}", 1))

    # Deadlines.
    old_days = [int(n) * _UNIT_DAYS[u.lower()] for n, u in _DEADLINE.findall(deleted)]
    new_days = [int(n) * _UNIT_DAYS[u.lower()] for n, u in _DEADLINE.findall(inserted)]
    if old_days and new_days and max(old_days) != max(new_days):
        later = max(new_days) > max(old_days)
        reasons.append(
            Reason(f"timing {'later' if later else 'earlier'}: {max(old_days)} → {max(new_days)} days", -2 if later else 2)
        )

    # Binding words and outside parties.
    lost, gained = _changed_phrases(before, after, _BINDING)
    if gained and not lost:
        reasons.append(Reason(f"more binding: {_q(gained)} added", 1))
    elif lost and not gained:
        reasons.append(Reason(f"less binding: {_q(lost)} removed", -1))
    lost, gained = _changed_phrases(_AVAILABLE.sub(" ", before), _AVAILABLE.sub(" ", after), _OUTSIDE)
    if lost:
        reasons.append(Reason(f"outside party wording removed: {_q(lost)}", -1))
    if gained:
        reasons.append(Reason(f"outside party wording added: {_q(gained)}", 1))

    # A definition of a term that in-scope statements use (their trigger or their object): fewer
    # alternatives ("or", items after "for example") cover fewer models or cases.
    term_old, term_new = defined_term(before), defined_term(after)
    if term_old and term_new and term_old.lower() == term_new.lower():
        b_old, b_new = _breadth(before), _breadth(after)
        if b_new < b_old:
            reasons.append(Reason(f'definition of "{term_new}" narrowed: {b_old} → {b_new} alternatives', -2))
        elif b_new > b_old:
            reasons.append(Reason(f'definition of "{term_new}" widened: {b_old} → {b_new} alternatives', 2))

    # Negation flips meaning; its direction is not told by the words alone.
    lost, gained = _changed_phrases(before, after, _NEGATION)
    if lost or gained:
        reasons.append(Reason(f"negation changed: {_q(lost)} → {_q(gained)}", 0))

    # Categories (labels are noisy: they count only beside another lexical reason).
    cat_lost = sorted(set(old.categories) - set(new.categories))
    cat_gained = sorted(set(new.categories) - set(old.categories))
    if reasons and cat_lost:
        reasons.append(Reason(f"scope narrowed: no longer about {', '.join(cat_lost)}", -1))
    if reasons and cat_gained:
        reasons.append(Reason(f"scope broadened: now also about {', '.join(cat_gained)}", 1))
    return reasons


_ALTERNATIVE = re.compile(r"\bor\b|\band/or\b", re.IGNORECASE)
_EXAMPLES = re.compile(r"\b(?:for example|e\.g\.|such as|including)\b([^.;:]*)", re.IGNORECASE)


def _breadth(text: str) -> int:
    """How many alternatives a definition offers: "or"s plus the commas of its example lists."""
    return len(_ALTERNATIVE.findall(text)) + sum(m.group(1).count(",") for m in _EXAMPLES.finditer(text))


def net_weight(reasons: list[Reason]) -> int:
    """Sum of the reasons' weights: < 0 weakened, > 0 strengthened."""
    return sum(r.weight for r in reasons)
