"""Real consecutive versions from ../shared/corpus (skipped when absent)."""

from pathlib import Path

import pytest
import yaml

from accesswatch.diff import diff_versions
from accesswatch.diff.changes import classify_changes
from accesswatch.diff.command import read_version_text
from accesswatch.diff.measure import measure

HERE = Path(__file__).parent
pytestmark = pytest.mark.corpus


def _framework_pairs(corpus: Path) -> list[tuple[Path, Path]]:
    manifest = yaml.safe_load((corpus / "manifest.yml").read_text(encoding="utf-8"))
    docs: dict[str, list[Path]] = {}
    for entry in manifest["entries"]:
        if entry.get("kind") == "framework":
            path = corpus / entry["path"]
            docs.setdefault(str(path.parent), []).append(path)
    pairs = []
    for versions in docs.values():
        versions.sort(key=lambda p: p.stem)
        pairs.extend(zip(versions, versions[1:]))
    return pairs


def test_every_framework_pair_runs_to_completion(corpus_dir):
    pairs = _framework_pairs(corpus_dir)
    assert len(pairs) >= 20
    for old_path, new_path in pairs:
        old, new = read_version_text(old_path), read_version_text(new_path)
        diff = diff_versions(old, new)
        assert diff.old_words() == old.split() and diff.new_words() == new.split(), old_path
        for change in classify_changes(old, new):
            assert change.kind in ("added", "removed", "reworded", "strengthened", "weakened", "moved")
            assert change.before is None or change.before in old
            assert change.after is None or change.after in new


def test_hand_checked_changes_are_found_with_the_right_kind(corpus_dir):
    result = measure(HERE / "hand_checked_pairs.yml", corpus_dir)
    assert result["found"] == result["total"], [p["missed"] for p in result["pairs"]]
    assert result["direction_right"] == result["total"], [p["wrong_direction"] for p in result["pairs"]]
    quiet = next(p for p in result["pairs"] if p["old"].startswith("xai/"))
    assert quiet["shown"] <= 2  # a rename-only revision stays a short list


def test_dev_key_changes_extraction_can_see_are_found(corpus_dir, gold_dir):
    # Changes of the dev key read by hand in both versions (RSP v3.1 → v3.2): both must be
    # found, in the right direction, near the top of a short list.
    result = measure(gold_dir / "dev-changes.yml", corpus_dir)
    row = next(p for p in result["pairs"] if p["new"].endswith("2026-04-29.txt"))
    assert row["found"] == row["total"] == 2 and row["direction_right"] == 2
    assert max(row["ranks"]) <= 5 and row["shown"] <= 10
