"""Context scope: units extraction leaves out that the change list still follows."""

from accesswatch.diff.changes import classify_changes
from accesswatch.diff.context import context_statements, defined_term
from accesswatch.diff.listing import build_listing
from accesswatch.extract import extract_statements

LEAD_IN = """## Disclosure

We aim to share information with appropriate government authorities where it will facilitate safety. Where appropriate, this information may include:

- Model information: characteristics of the AI model relevant to the risk.
- Evaluation results: such as details about the evaluation design and the results.
"""


def test_list_items_inherit_their_in_scope_lead_in():
    # Extraction itself now brings the opening items of an in-scope lead-in into scope; the
    # diff's context rule covers what it leaves out. Either way the item is followed.
    stmts = extract_statements(LEAD_IN)
    extra = context_statements(LEAD_IN, stmts)
    item = next(s for s in stmts + extra if s.text.startswith("Evaluation results:"))
    assert "government-access" in item.categories
    assert any("lead-in" in cue or "continues" in cue for cue in item.cues)


def test_defined_term():
    assert defined_term("A model is “highly capable” if we conclude it could automate research.") == "highly capable"
    assert defined_term("“Significantly redacted” means that the redactions omit information.") == "Significantly redacted"
    assert defined_term("We will publish a report.") is None


def test_narrower_definition_of_a_review_trigger_is_weakened():
    base = "## Review\n\nWe will share the report with external reviewers for highly capable models.\n\n"
    old = base + "A model is “highly capable” if we conclude it could automate, or dramatically accelerate, research in energy, robotics, or AI.\n"
    new = base + "A model is “highly capable” if we conclude it crosses the AI R&D threshold.\n"
    changes = [c for c in classify_changes(old, new) if c.material]
    assert len(changes) == 1 and changes[0].kind == "weakened"
    assert any("narrowed" in r for r in changes[0].reasons)
    assert any(r.startswith('in scope as the definition of "highly capable"') for r in changes[0].reasons)


def test_long_lists_fold_minor_additions_but_keep_every_change():
    old = "## Intro\n\nNothing here.\n"
    lines = [f"We may publish summary number {k} of our external evaluations where feasible." for k in range(30)]
    new = old + "\n## Evaluations\n\n" + "\n\n".join(lines) + "\n"
    changes = classify_changes(old, new)
    listing = build_listing(changes)
    assert len(listing.shown) + listing.folded + listing.merged == sum(1 for c in changes if c.material)
    # Thirty consecutive additions of one section read as a few new passages, most material first.
    assert listing.merged and len(listing.shown) < 10
    shown = listing.shown
    assert all(c.materiality >= d.materiality for c, d in zip(shown, shown[1:]))
    assert all(f"summary number {k} " in " ".join(c.after for c in shown) for k in range(30))
