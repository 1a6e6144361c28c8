"""Lineage: statements of consecutive versions are paired so a reworded one keeps its record."""

from accesswatch.extract import align_statements, extract_statements, statement_id

OLD = """We will give external evaluators 14 days of pre-deployment access.
We will publish a system card for each model.
We will commission an annual third-party audit of our compliance.
"""
NEW = """We will commission an annual third-party audit of our compliance.
We may give external evaluators 14 days of pre-deployment access.
We will publish a model card for each new model at launch.
We will notify the UK AISI before deployment.
"""


def test_reworded_statements_keep_their_pairing():
    old, new = extract_statements(OLD), extract_statements(NEW)
    pairs = align_statements(old, new)
    matched = {(i, j) for i, j, sim in pairs if i is not None and j is not None}
    assert (2, 0) in matched  # moved, identical
    assert (0, 1) in matched  # will -> may, reworded
    assert (1, 2) in matched
    assert (None, 3, 0.0) in pairs  # added
    assert all(0.6 <= sim <= 1.0 for i, j, sim in pairs if i is not None and j is not None)
    # every index appears exactly once
    assert sorted(i for i, _, _ in pairs if i is not None) == list(range(len(old)))
    assert sorted(j for _, j, _ in pairs if j is not None) == list(range(len(new)))


def test_removed_statements_are_reported():
    old, new = extract_statements(OLD), extract_statements(NEW)[:1]
    pairs = align_statements(old, new)
    assert (0, None, 0.0) in pairs and (1, None, 0.0) in pairs


def test_alignment_is_deterministic_and_handles_empty_sides():
    old, new = extract_statements(OLD), extract_statements(NEW)
    assert align_statements(old, new) == align_statements(old, new)
    assert align_statements([], new) == [(None, j, 0.0) for j in range(len(new))]
    assert align_statements(old, []) == [(i, None, 0.0) for i in range(len(old))]


def test_statement_ids_are_stable_and_ignore_glyph_noise():
    a = statement_id("anthropic/rsp", "We’ll  publish the\nreport.")
    assert a == statement_id("anthropic/rsp", "We'll publish the report.")
    assert a != statement_id("openai/pf", "We'll publish the report.")
    assert a.startswith("s-") and len(a) == 12
