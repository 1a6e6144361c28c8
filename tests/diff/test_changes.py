"""Statement-level changes: kinds, reasons, announced vs silent, record fields."""

import json
import os
from pathlib import Path

from accesswatch.diff.announcements import entries_for_version, find_changelog
from accesswatch.diff.changes import classify_changes
from accesswatch.record_models import Change

HERE = Path(__file__).parent
FIXTURES = HERE / "fixtures"
GOLDEN = HERE / "golden"
UPDATE = os.environ.get("AW_UPDATE_GOLDEN") == "1"


def _pair():
    return (FIXTURES / "policy_v1.md").read_text(encoding="utf-8"), (FIXTURES / "policy_v2.md").read_text(encoding="utf-8")


def _by_before(changes, fragment):
    return next(c for c in changes if c.before and fragment in c.before)


def test_change_list_matches_golden():
    # Only the fields the diff stage decides (kind, quotes, announced); strengths and categories
    # come from extraction and are covered by its own tests.
    old, new = _pair()
    got = [{k: c.to_json()[k] for k in ("kind", "before", "after", "announced")} for c in classify_changes(old, new)]
    text = json.dumps(got, ensure_ascii=False, indent=2) + "\n"
    path = GOLDEN / "policy_changes.json"
    if UPDATE or not path.exists():
        path.write_text(text, encoding="utf-8")
    assert got == json.loads(path.read_text(encoding="utf-8")), f"{path} differs (AW_UPDATE_GOLDEN=1 to accept)"


def test_kinds_and_reasons_on_fixture_pair():
    old, new = _pair()
    changes = classify_changes(old, new)
    weakened = _by_before(changes, "independent third parties")
    assert weakened.kind == "weakened"
    assert any(r.startswith("strength commitment → discretionary") and '"will" → "may"' in r for r in weakened.reasons)
    assert weakened.strength_before == "commitment" and weakened.strength_after == "discretionary"
    removed = _by_before(changes, "UK AI Security Institute")
    assert removed.kind == "removed" and removed.after is None
    added = next(c for c in changes if c.after and "academic researchers" in c.after)
    assert added.kind == "added"
    # Quotes are exact text of the two files.
    assert weakened.before in old and weakened.after in new
    # The unchanged commitments are not listed; out-of-scope edits are not listed.
    assert not any(c.before and "model card" in c.before for c in changes)
    assert not any(c.after and "board signs off" in c.after for c in changes)
    # Ranked: removals and weakenings of commitments about outside parties first.
    assert changes[0].kind in ("weakened", "removed")
    assert all(a.materiality >= b.materiality for a, b in zip(changes, changes[1:]))


def test_identical_versions_have_no_changes():
    old, _ = _pair()
    assert classify_changes(old, old) == []


def test_whitespace_and_glyph_noise_is_no_change():
    old = "We will share results with the UK AISI before deployment.\n"
    new = "We  will share\nresults with the UK AISI before deployment.\n"
    assert classify_changes(old, new) == []


def test_announced_when_changelog_names_it_and_silent_otherwise():
    old, new = _pair()
    changes = classify_changes(old, new)
    assert next(c for c in changes if c.after and "academic researchers" in c.after).announced is True
    assert _by_before(changes, "UK AI Security Institute").announced is False


def test_announced_unknown_without_changelog():
    old, new = _pair()
    new = new.split("## Changelog")[0]
    assert {c.announced for c in classify_changes(old, new)} == {None}


def test_announcement_text_counts_as_changelog():
    old, new = _pair()
    new = new.split("## Changelog")[0]
    changes = classify_changes(old, new, announcement_text="We no longer share results with the UK AI Security Institute.")
    assert _by_before(changes, "UK AI Security Institute").announced is True


def test_record_fields_build_a_change_record():
    old, new = _pair()
    for n, c in enumerate(classify_changes(old, new)):
        record = Change(id=f"c-{n}", old_version="v1", new_version="v2", **c.to_record_fields())
        assert record.kind == c.kind and 0 <= record.materiality <= 100


def test_changelog_detection_plain_and_markdown():
    system_card = "Title\n\n-- 1 of 9 --\n\nChangelog\nApril 8, 2026\n● Corrected two typos.\n● Removed a quote.\n2\n\nAbstract\nText.\n"
    log = find_changelog(system_card)
    assert [e.title for e in log.entries] == ["April 8, 2026"]
    assert "Removed a quote." in log.entries[0].body and "Abstract" not in log.entries[0].body
    toc = "Contents\n\nChangelog 17\n\nBody.\n"
    assert find_changelog(toc) is None
    _, new = _pair()
    log = find_changelog(new)
    assert [e.title for e in entries_for_version(log, "no entries here")] == ["March 3, 2026 (v2.0)"]
    assert entries_for_version(log, "old text with ### March 3, 2026 (v2.0)") == []
