"""Ranking rules: a pair of versions in, the order of the change list out (most material first)."""

from accesswatch.diff.changes import classify_changes
from accesswatch.diff.listing import build_listing

OLD = """# Policy

## External input

This policy is designed in the spirit of the framework introduced by the non-profit AI safety organization METR.

We will notify a relevant U.S. Government entity if a model requires stronger protections.

We will share our capability reports with the UK AI Security Institute before deployment.

Our security program follows standards such as ISO 27001, SOC 2, NIST 800-53, CISA guidance and CoSAI, and external auditors review it.

We would like to thank Apollo Research for their external review of this policy.
"""

NEW = """# Policy

## External input

We will publish a model card for every new frontier model at launch.
"""


def _order(changes):
    return [(c.kind, (c.before or c.after).split()[0:3]) for c in changes]


def test_removed_commitments_about_outside_parties_rank_above_acknowledgements_and_standards():
    changes = classify_changes(OLD, NEW)
    text = [c.before or c.after for c in changes]
    top_two = " ".join(text[:2])
    assert "U.S. Government" in top_two and "UK AI Security Institute" in top_two, _order(changes)
    # Each of these is either not reported at all (extraction finds it out of scope) or demoted.
    lows = [
        next((c for c in changes if c.before and needle in c.before), None)
        for needle in ("in the spirit of", "thank Apollo", "ISO 27001")
    ]
    for low in (c for c in lows if c is not None):
        assert low.materiality < changes[0].materiality and low.materiality < changes[1].materiality
        assert any(n.startswith("rank: ") for n in low.rank_notes)
    # A removal of a commitment outranks the addition of one.
    added = next(c for c in changes if c.kind == "added")
    assert added.materiality < min(changes[0].materiality, changes[1].materiality)
    # The demoted items still count as material changes (never below reworded / moved).
    assert all(c.materiality > 30 for c in changes if c.material)


def test_listing_shows_commitments_first_and_explains_demotions():
    listing = build_listing(classify_changes(OLD, NEW))
    first = listing.shown[0].before or ""
    assert "U.S. Government" in first or "UK AI Security Institute" in first
    last_two = " ".join((c.before or c.after) for c in listing.shown[-2:])
    assert "in the spirit of" in last_two or "thank Apollo" in last_two or "ISO 27001" in last_two


def test_reworded_never_ranks_above_a_demoted_material_item():
    old = OLD + "\nWe will give external evaluators access to the model before deployment.\n"
    new = NEW + "\nWe will give outside evaluators access to the model before deployment.\n"
    changes = classify_changes(old, new, )
    material = [c.materiality for c in changes if c.material]
    minor = [c.materiality for c in changes if not c.material]
    assert not minor or max(minor) < min(material)
