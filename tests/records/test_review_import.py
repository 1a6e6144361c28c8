"""Reviews from exhaustive reader keys: matches confirmed or corrected, the rest rejected, misses added."""

import datetime as dt

from accesswatch.record_models import Change, DocumentInfo, DocumentRecord, Review, Statement, VersionMeta
from accesswatch.review_import import ImportSummary, apply_change_key, apply_statement_key

SHA = "0" * 64
TEXT = (
    "# Policy\n\nWe will give the UK AISI pre-deployment access to new models.\n\n"
    "The board meets every quarter.\n\nWe will publish a system card at launch.\n"
)


def _record(statements=(), changes=()) -> DocumentRecord:
    versions = [
        VersionMeta(id=v, date=dt.date.fromisoformat(v), url="https://example.com/p", origin="import",
                    raw_sha256=SHA, text_sha256=SHA, chars=len(TEXT), normalizer_version="1")
        for v in ("2025-01-01", "2025-06-01")
    ]
    return DocumentRecord(
        document=DocumentInfo(id="acme/policy", company="acme", title="Policy", kind="framework", url="https://example.com/p"),
        versions=versions, statements=list(statements), changes=list(changes),
    )


def _statement(statement_id, quote, categories, strength="commitment", review=None) -> Statement:
    start = TEXT.index(quote)
    return Statement(
        id=statement_id, version="2025-06-01", first_seen="2025-06-01", last_seen="2025-06-01", current=True,
        quote=quote, start=start, end=start + len(quote), categories=categories, strength=strength,
        review=review or Review(),
    )


def test_statement_key_confirms_corrects_rejects_and_adds():
    record = _record([
        _statement("s-1", "We will give the UK AISI pre-deployment access to new models.", ["government-access"]),
        _statement("s-2", "The board meets every quarter.", ["third-party-review"]),
    ])
    key = [
        {"quote": "We will give the UK AISI pre-deployment access to new models.", "categories": ["government-access", "external-evaluation"],
         "strength": "commitment", "access_depth": None, "timing": None, "borderline": False},
        {"quote": "We will publish a system card at launch.", "categories": ["publication"], "strength": "commitment",
         "access_depth": None, "timing": None, "borderline": False},
    ]
    summary = ImportSummary()
    result = apply_statement_key(record, "2025-06-01", key, TEXT, reviewer="ana", key_name="k.yml", summary=summary)
    by_id = {s.id: s for s in result.statements}
    assert by_id["s-1"].review.status == "corrected"
    assert by_id["s-1"].review.corrected == {"categories": ["external-evaluation", "government-access"]}
    assert by_id["s-2"].review.status == "rejected"
    added = [s for s in result.statements if s.origin == "reviewer"]
    assert len(added) == 1 and added[0].quote == "We will publish a system card at launch."
    assert TEXT[added[0].start:added[0].end] == added[0].quote
    assert (summary.corrected, summary.rejected, summary.added) == (1, 1, 1)


def test_someone_elses_review_is_never_overwritten():
    mine = Review(status="confirmed", reviewer="bo", note="read the PDF")
    record = _record([_statement("s-2", "The board meets every quarter.", ["third-party-review"], review=mine)])
    result = apply_statement_key(record, "2025-06-01", [], TEXT, reviewer="ana", key_name="k.yml", summary=ImportSummary())
    assert result.statements[0].review == mine


def test_change_key_corrects_kind_rejects_noise_and_adds_a_missed_change():
    weakened = Change(id="c-1", old_version="2025-01-01", new_version="2025-06-01", kind="reworded",
                      before="We will give evaluators access.", after="We may give evaluators access.")
    noise = Change(id="c-2", old_version="2025-01-01", new_version="2025-06-01", kind="added", after="The board meets every quarter.")
    key = [
        {"kind": "weakened", "before": "We will give evaluators access.", "after": "We may give evaluators access.",
         "categories": ["external-evaluation"], "announced": "silent", "note": "will → may"},
        {"kind": "removed", "before": "We will publish evaluation results.", "after": None,
         "categories": ["publication"], "announced": "silent", "note": "publication dropped"},
    ]
    summary = ImportSummary()
    result = apply_change_key(_record(changes=[weakened, noise]), "2025-01-01", "2025-06-01", key,
                              reviewer="ana", key_name="k.yml", summary=summary)
    by_id = {c.id: c for c in result.changes}
    assert by_id["c-1"].review.status == "corrected" and by_id["c-1"].review.corrected == {"kind": "weakened", "announced": False}
    assert by_id["c-2"].review.status == "rejected"
    added = [c for c in result.changes if c.origin == "reviewer"]
    assert [(c.kind, c.before) for c in added] == [("removed", "We will publish evaluation results.")]


def test_fully_reviewed_records_export_as_an_answer_key():
    from accesswatch.review_export import review_key

    kept = _statement("s-1", "We will give the UK AISI pre-deployment access to new models.", ["government-access"],
                      review=Review(status="corrected", corrected={"categories": ["external-evaluation", "government-access"]}))
    dropped = _statement("s-2", "The board meets every quarter.", ["third-party-review"], review=Review(status="rejected"))
    key = review_key([_record([kept, dropped])])
    assert key["documents"] == ["acme/policy/2025-06-01.md"]
    assert [(s["quote"], s["categories"], s["borderline"]) for s in key["statements"]] == [
        ("We will give the UK AISI pre-deployment access to new models.", ["external-evaluation", "government-access"], False)
    ]


def test_a_record_with_unreviewed_statements_is_not_a_key():
    from accesswatch.review_export import review_key

    record = _record([_statement("s-2", "The board meets every quarter.", ["third-party-review"])])
    assert review_key([record])["documents"] == []
