"""Tables from the fixture dataset: reviewed values, matrix, ledger, parity, exports."""

from accesswatch.tables import (
    NOT_DISCLOSED,
    changes_frame,
    export_frames,
    ledger_frame,
    matrix_long,
    parity_frame,
    statements_frame,
    timeline_frame,
)


def test_corrected_review_overrides_machine_values(fixture_dataset):
    changes = changes_frame(fixture_dataset).set_index("change")
    assert changes.loc["rsp-2024-10-15-aisi-added", "kind"] == "strengthened"  # machine said "added"
    statements = statements_frame(fixture_dataset).set_index("statement")
    assert statements.loc["pf-system-cards", "access_depth"] == "A2"  # machine said A1


def test_rejected_statements_leave_the_current_picture(fixture_dataset):
    assert "rsp-rejected" in set(statements_frame(fixture_dataset)["statement"])
    assert "rsp-rejected" not in set(statements_frame(fixture_dataset, include_rejected=False)["statement"])
    cell = matrix_long(fixture_dataset).set_index(["company", "category"]).loc[("anthropic", "researcher-access")]
    assert cell["strongest"] == "nothing"  # the only statement there is rejected


def test_matrix_strongest_current_strength_with_evidence(fixture_dataset):
    cells = matrix_long(fixture_dataset).set_index(["company", "category"])
    assert cells.loc[("anthropic", "government-access"), "label"] == "commitment"
    assert cells.loc[("anthropic", "government-access"), "statement"] == "rsp-aisi-testing"
    assert cells.loc[("anthropic", "third-party-review"), "label"] == "discretionary"
    assert cells.loc[("openai", "external-evaluation"), "label"] == "only practice"
    assert cells.loc[("anthropic", "external-red-teaming"), "label"] == "nothing"  # no longer current
    assert len(cells) == 2 * 7


def test_ledger_rows_from_events_and_statements(fixture_dataset):
    ledger = ledger_frame(fixture_dataset)
    o1 = ledger[ledger["model"] == "o1"]
    assert set(o1["evaluator"]) == {"METR", "Apollo Research"}
    assert set(o1["access_depth"]) == {"A2"} and set(o1["days_before_release"]) == {"6"}
    promises = ledger[ledger["basis"] == "promise"]
    assert set(promises["evaluator"]) == {"US AISI / CAISI", "UK AISI"}
    assert (ledger.drop(columns=["event", "document", "statement"]).isna().sum() == 0).all()


def test_parity_never_blank_and_internal_only(fixture_dataset):
    parity = parity_frame(fixture_dataset).set_index("model")
    assert parity.loc["Internal Model X", "public_availability"] == "internal use only"
    assert bool(parity.loc["Internal Model X", "internal_only"])
    assert parity.loc["Internal Model X", "outside_access"] == NOT_DISCLOSED
    assert parity.loc["Claude 3.5 Sonnet", "system_card"] == "2024-06-21 (1 day after release)"
    assert parity.loc["o1", "system_card"] == NOT_DISCLOSED
    assert not parity.isna().any().any()
    assert not (parity.drop(columns=["events", "internal_only"]) == "").any().any()


def test_timeline_has_changes_and_events_newest_first(fixture_dataset):
    timeline = timeline_frame(fixture_dataset)
    assert list(timeline["date"]) == sorted(timeline["date"], reverse=True)
    assert set(timeline["entry"]) == {"change", "event"}
    assert "rsp-2024-10-15-aisi-added" in set(timeline["id"])


def test_exports_are_flat(fixture_dataset):
    frames = export_frames(fixture_dataset)
    assert set(frames) == {"statements", "changes", "versions", "events"}
    for frame in frames.values():
        for column in frame.columns:
            assert not any(isinstance(v, list) for v in frame[column]), column
