"""Record files: stable YAML, atomic writes, and human reviews that survive re-extraction."""

import datetime as dt

import pytest

from accesswatch.record_models import Change, DocumentInfo, DocumentRecord, Review, Statement, VersionMeta
from accesswatch.records import (
    RecordError,
    dump_record,
    merge_reviews,
    read_record,
    record_path,
    write_record,
)

SHA = "0" * 64


def _version(version_id: str) -> VersionMeta:
    return VersionMeta(
        id=version_id, date=dt.date.fromisoformat(version_id), url="https://example.com/policy.pdf",
        origin="import", raw_sha256=SHA, text_sha256=SHA, chars=100, normalizer_version="1",
    )


def _statement(strength="commitment", review=None, statement_id="s-1") -> Statement:
    return Statement(
        id=statement_id, version="2025-01-01", first_seen="2025-01-01", last_seen="2025-01-01", current=True,
        quote="We will give the UK AISI pre-deployment access.", start=0, end=47,
        categories=["government-access"], strength=strength, review=review or Review(),
    )


def _record(*statements, changes=()) -> DocumentRecord:
    return DocumentRecord(
        document=DocumentInfo(id="acme/policy", company="acme", title="Policy", kind="framework", url="https://example.com/policy.pdf"),
        versions=[_version("2025-01-01")],
        statements=list(statements),
        changes=list(changes),
    )


def test_record_path_follows_document_id(tmp_path):
    assert record_path(tmp_path, "acme/policy") == tmp_path / "documents" / "acme" / "policy.yml"


def test_dump_starts_with_schema_line_and_round_trips(tmp_path):
    record = _record(_statement())
    text = dump_record(record)
    assert text.startswith("# yaml-language-server: $schema=")
    path = tmp_path / "r.yml"
    assert write_record(path, record) is True
    assert write_record(path, record) is False  # unchanged: no rewrite
    assert read_record(path) == record


def test_unreviewed_statement_takes_new_machine_output():
    merged = merge_reviews(_record(_statement("commitment")), _record(_statement("discretionary")))
    assert merged.statements[0].strength == "discretionary"
    assert merged.statements[0].conflict is None


def test_review_survives_and_conflict_is_flagged_when_machine_output_changes():
    review = Review(status="confirmed", reviewer="ana", note="checked against the PDF")
    merged = merge_reviews(_record(_statement("commitment", review)), _record(_statement("discretionary")))
    statement = merged.statements[0]
    assert statement.review == review
    assert statement.strength == "discretionary"
    assert "strength: 'commitment' → 'discretionary'" in statement.conflict


def test_reviewed_statement_no_longer_extracted_is_kept_and_flagged():
    review = Review(status="corrected", corrected={"strength": "intention"}, reviewer="ana")
    merged = merge_reviews(_record(_statement(review=review)), _record())
    assert [s.id for s in merged.statements] == ["s-1"]
    assert "no longer produces" in merged.statements[0].conflict


def test_unreviewed_statement_no_longer_extracted_is_dropped():
    assert merge_reviews(_record(_statement()), _record()).statements == []


def test_change_reviews_are_kept():
    change = Change(id="c-1", old_version="2025-01-01", new_version="2025-01-01", kind="weakened", before="a", after="b")
    reviewed = change.model_copy(update={"review": Review(status="rejected", note="layout noise")})
    merged = merge_reviews(_record(changes=[reviewed]), _record(changes=[change]))
    assert merged.changes[0].review.status == "rejected"
    assert merged.changes[0].conflict is None


def test_malformed_record_names_the_file(tmp_path):
    path = tmp_path / "broken.yml"
    path.write_text("document: [unclosed\n", encoding="utf-8")
    with pytest.raises(RecordError, match="broken.yml"):
        read_record(path)


def test_review_follows_a_statement_whose_unit_was_recut():
    review = Review(status="confirmed", reviewer="ana")
    old = _statement(review=review, statement_id="s-old")
    recut = _statement(statement_id="s-new").model_copy(update={"quote": "We will give the UK AISI pre-deployment access"})
    merged = merge_reviews(_record(old), _record(recut))
    assert [s.id for s in merged.statements] == ["s-new"]
    assert merged.statements[0].review == review
    assert "carried over from s-old" in merged.statements[0].conflict  # the quote itself changed


def test_a_change_added_by_a_reviewer_is_always_kept_as_is():
    added = Change(
        id="h-1", origin="reviewer", old_version="2025-01-01", new_version="2025-01-01", kind="weakened",
        before="a", after="b", review=Review(status="confirmed", reviewer="ana", note="missed by the diff"),
    )
    merged = merge_reviews(_record(changes=[added]), _record())
    assert merged.changes == [added]


def test_a_rejected_statement_the_machine_no_longer_produces_is_kept_without_conflict():
    review = Review(status="rejected", reviewer="ana", note="internal team")
    merged = merge_reviews(_record(_statement(review=review)), _record())
    assert [s.id for s in merged.statements] == ["s-1"]
    assert merged.statements[0].conflict is None


def test_machine_catching_up_with_a_correction_is_no_conflict():
    review = Review(status="corrected", corrected={"strength": "intention"}, reviewer="ana")
    merged = merge_reviews(_record(_statement("commitment", review)), _record(_statement("intention")))
    assert merged.statements[0].conflict is None and merged.statements[0].review == review


def test_machine_moving_away_from_a_correction_is_a_conflict():
    review = Review(status="corrected", corrected={"strength": "intention"}, reviewer="ana")
    merged = merge_reviews(_record(_statement("commitment", review)), _record(_statement("discretionary")))
    assert "strength: 'intention' → 'discretionary'" in merged.statements[0].conflict
