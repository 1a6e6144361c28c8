"""`accesswatch diff`: output formats and bad input."""

import json
from pathlib import Path

import pytest

from accesswatch.cli import main
from accesswatch.diff.command import VersionTextError, read_version_text

FIXTURES = Path(__file__).parent / "fixtures"
OLD, NEW = FIXTURES / "policy_v1.md", FIXTURES / "policy_v2.md"


def test_default_output_is_ranked_and_hides_rewordings(capsys):
    assert main(["diff", str(OLD), str(NEW)]) == 0
    out = capsys.readouterr().out
    assert "change(s) shown" in out and "[WEAKENED]" in out and "[REMOVED]" in out
    assert out.index("[WEAKENED]") < out.index("[ADDED]")


def test_json_output(capsys):
    assert main(["diff", str(OLD), str(NEW), "--json"]) == 0
    changes = json.loads(capsys.readouterr().out)
    assert changes and set(changes[0]) >= {
        "kind", "before", "after", "categories", "strength_before", "strength_after", "reasons", "announced", "materiality", "section",
    }
    assert all(c["announced"] in (True, False, None) for c in changes)


@pytest.mark.parametrize("fmt, marker", [("html", "<del>"), ("markdown", "~~"), ("json", '"spans"')])
def test_redline_formats(capsys, fmt, marker):
    assert main(["diff", str(OLD), str(NEW), "--redline", fmt]) == 0
    assert marker in capsys.readouterr().out


def test_empty_files(tmp_path, capsys):
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text("")
    b.write_text("")
    assert main(["diff", str(a), str(b), "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == []


def test_binary_garbage_is_refused_with_file_name(tmp_path, capsys):
    junk = tmp_path / "junk.txt"
    junk.write_bytes(bytes(range(256)) * 64)
    assert main(["diff", str(junk), str(OLD)]) == 2
    err = capsys.readouterr().err
    assert "junk.txt" in err and "binary" in err


def test_missing_file_is_named(tmp_path, capsys):
    assert main(["diff", str(tmp_path / "nope.txt"), str(OLD)]) == 2
    assert "nope.txt" in capsys.readouterr().err


def test_mismatched_encodings_compare_as_text(tmp_path, capsys):
    text = "Évaluations externes: we will share results with the UK AISI before deployment.\n"
    latin, utf16 = tmp_path / "old.txt", tmp_path / "new.txt"
    latin.write_bytes(text.encode("cp1252"))
    utf16.write_bytes(text.encode("utf-16"))
    assert read_version_text(latin) == read_version_text(utf16) == text
    assert main(["diff", str(latin), str(utf16), "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == []


def test_oversized_input_is_refused(tmp_path, monkeypatch):
    import accesswatch.diff.command as command

    big = tmp_path / "big.txt"
    big.write_text("x" * 2000)
    monkeypatch.setattr(command, "MAX_INPUT_BYTES", 1000)
    with pytest.raises(VersionTextError, match="big.txt"):
        read_version_text(big)


@pytest.mark.timeout(180)
def test_fifty_megabyte_text_does_not_blow_up(tmp_path):
    from accesswatch.diff import diff_versions

    para = "External experts will review the Risk Report before publication, and we will publish a summary.\n\n"
    big = tmp_path / "big.txt"
    big.write_text(para * (50_000_000 // len(para)), encoding="utf-8")
    text = read_version_text(big)
    assert len(text) > 49_000_000
    edited = text[:25_000_000] + "We may share results with the UK AISI.\n\n" + text[25_000_000:]
    diff = diff_versions(text, edited)
    assert diff.stats.paragraphs_inserted >= 1 and diff.stats.paragraphs_deleted <= 1
