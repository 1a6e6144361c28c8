"""Extraction: golden outputs on fixtures, determinism, kind hints, bad input."""

import json
import re
import subprocess
import sys
import time
from argparse import Namespace

import pytest

from accesswatch.extract import extract_statements
from accesswatch.extract.command import extract_command
from accesswatch.taxonomy import ACCESS_DEPTHS, CATEGORIES, STRENGTHS

from .golden_util import FIXTURES, check_golden


@pytest.mark.parametrize("name", ["framework.md", "system_card.txt"])
def test_extraction_golden(name):
    text = (FIXTURES / name).read_text(encoding="utf-8")
    check_golden(f"extract-{name}.json", [s.to_json() for s in extract_statements(text)])


def test_framework_fixture_reads_by_the_rules():
    text = (FIXTURES / "framework.md").read_text(encoding="utf-8")
    by_start = {s.text.split()[0] + " " + s.text.split()[1]: s for s in extract_statements(text)}
    assert by_start["Before we"].strength == "commitment"
    assert "government-access" in by_start["Before we"].categories
    assert by_start["Before we"].timing == "pre-deployment"
    assert by_start["We may"].strength == "discretionary"
    assert by_start["We aim"].strength == "intention"
    assert by_start["Evaluators may"].access_depth == "A2"
    assert by_start["We intend"].access_depth == "A3"
    assert by_start["On an"].categories == ("third-party-review",)
    assert by_start["We will"].categories == ("publication",)
    assert "right to publish" in by_start["Evaluators keep"].conditions
    # Intra-company process is out of scope.
    assert not any("internal red team" in s.text for s in by_start.values())


def test_system_card_fixture_reads_by_the_rules():
    text = (FIXTURES / "system_card.txt").read_text(encoding="utf-8")
    found = extract_statements(text)
    assert all(s.strength == "practice" for s in found)
    assert {s.page for s in found} == {2}
    apollo = next(s for s in found if s.text.startswith("Apollo"))
    assert apollo.access_depth == "A4" and "Apollo Research" in apollo.actors
    assert any(s.text.startswith("They did not find") for s in found)  # continues the METR statement
    assert not any("internal safety team" in s.text for s in found)


def test_fields_use_taxonomy_ids_and_offsets_point_into_the_text():
    for name in ("framework.md", "system_card.txt"):
        text = (FIXTURES / name).read_text(encoding="utf-8")
        for s in extract_statements(text):
            assert set(s.categories) <= set(CATEGORIES) and s.categories
            assert s.strength in STRENGTHS
            assert s.access_depth is None or s.access_depth in ACCESS_DEPTHS
            assert s.cues
            assert " ".join(text[s.start : s.end].split()).startswith(s.text[:20])


def test_kind_hint_decides_present_tense():
    text = "External experts review our risk reports before each launch."
    assert extract_statements(text, kind="framework")[0].strength == "commitment"
    assert extract_statements(text, kind="system-card")[0].strength == "practice"
    with pytest.raises(ValueError, match="unknown document kind"):
        extract_statements(text, kind="novel")


def test_deterministic_across_runs_and_processes():
    text = (FIXTURES / "framework.md").read_text(encoding="utf-8") + (FIXTURES / "system_card.txt").read_text(encoding="utf-8")
    first = [s.to_json() for s in extract_statements(text)]
    assert first == [s.to_json() for s in extract_statements(text)]
    code = (
        "import json,sys; from accesswatch.extract import extract_statements;"
        "print(json.dumps([s.to_json() for s in extract_statements(sys.stdin.read())]))"
    )
    out = subprocess.run([sys.executable, "-c", code], input=text, capture_output=True, text=True, check=True, env={"PYTHONHASHSEED": "123"}).stdout
    assert json.loads(out) == first


@pytest.mark.parametrize("text", ["", "   \n\n", "\x00\x01\x02\ufffd\ufffd", "🙂" * 100, "[[page 1]]\n\n-- 1 of 1 --\n"])
def test_empty_and_garbage_text_gives_no_statements(text):
    assert extract_statements(text) == []


def test_random_binary_decoded_as_text_does_not_crash():
    import random

    rng = random.Random(7)
    blob = bytes(rng.randrange(256) for _ in range(200_000)).decode("latin-1")
    assert isinstance(extract_statements(blob), list)


def test_non_str_input_is_a_type_error():
    with pytest.raises(TypeError):
        extract_statements(b"We will publish.")  # type: ignore[arg-type]


def test_fifty_megabyte_text_runs_in_linear_time():
    para = (FIXTURES / "framework.md").read_text(encoding="utf-8")
    small = para * 20
    t0 = time.perf_counter()
    n_small = len(extract_statements(small))
    t_small = time.perf_counter() - t0
    big = para * (50_000_000 // len(para))
    t0 = time.perf_counter()
    n_big = len(extract_statements(big))
    t_big = time.perf_counter() - t0
    assert n_big > n_small
    # Linear-ish: generous bound for a shared CI machine.
    assert t_big < max(120.0, t_small * (len(big) / len(small)) * 3)


def test_one_huge_line_without_punctuation_is_cut_not_exploded():
    text = ("external evaluators test models " * 400_000).strip()
    found = extract_statements(text)
    assert found and all(len(s.text) <= 1600 for s in found)


def _run_cli(tmp_path, data: bytes, *extra):
    path = tmp_path / "doc.txt"
    path.write_bytes(data)
    return path


def test_cli_json_offsets_are_into_the_file_as_read(tmp_path, capsys):
    data = "\ufeffIntro line.\r\n\r\nWe will publish a system card at launch.\r\n".encode("utf-8")
    path = _run_cli(tmp_path, data)
    assert extract_command(Namespace(file=path, json=True)) == 0
    out = json.loads(capsys.readouterr().out)
    text = data.decode("utf-8")[1:]
    assert len(out) == 1
    assert text[out[0]["start"] : out[0]["end"]] == "We will publish a system card at launch."
    assert set(out[0]) >= {"text", "start", "end", "section", "categories", "strength", "access_depth", "actors", "timing", "cues"}


def test_cli_reads_latin1_files(tmp_path, capsys):
    data = "Café policy.\n\nWe will publish a system card at launch for every model.\n".encode("cp1252")
    path = _run_cli(tmp_path, data)
    assert extract_command(Namespace(file=path, json=True)) == 0
    assert json.loads(capsys.readouterr().out)[0]["categories"] == ["publication"]


def test_cli_rejects_binary_and_missing_files(tmp_path, capsys):
    path = _run_cli(tmp_path, b"%PDF-1.7\x00\x00\xff\xfe binary")
    assert extract_command(Namespace(file=path, json=False)) == 2
    assert f"{path}" in capsys.readouterr().err
    assert extract_command(Namespace(file=tmp_path / "missing.txt", json=False)) == 2
    assert "missing.txt" in capsys.readouterr().err


def test_cli_text_listing(tmp_path, capsys):
    path = _run_cli(tmp_path, (FIXTURES / "framework.md").read_bytes())
    assert extract_command(Namespace(file=path, json=False)) == 0
    out = capsys.readouterr().out
    assert "8 statements in" in out and "cues:" in out


def _squash_ws(s: str) -> str:
    return " ".join(s.split())


def _assert_verbatim(text: str, where: str) -> None:
    flat = _squash_ws(text)
    for s in extract_statements(text):
        assert _squash_ws(s.text) in flat, f"{where}: statement at {s.start} is not verbatim: {s.text[:120]!r}"
        assert "[[page" not in text[s.start : s.end] and not re.search(r"--\s*\d+ of \d+\s*--", text[s.start : s.end]), (
            f"{where}: statement at {s.start} spans a page break"
        )


@pytest.mark.parametrize("name", ["framework.md", "system_card.txt"])
def test_every_statement_is_verbatim_in_the_fixture(name):
    _assert_verbatim((FIXTURES / name).read_text(encoding="utf-8"), name)


def test_every_statement_is_verbatim_in_the_corpus(corpus_dir):
    from accesswatch.extract.command import read_text_file

    files = sorted(p for p in corpus_dir.glob("*/*/*.*") if p.suffix in (".txt", ".md"))
    assert files
    for path in files:
        _assert_verbatim(read_text_file(path), str(path.relative_to(corpus_dir)))


def test_list_items_completing_an_in_scope_lead_in_take_its_scope_and_force():
    text = (
        "If a model reaches a threshold, we aim to share information with appropriate government authorities. "
        "Where appropriate, this information may include:\n\n"
        "• Model information: characteristics of the model relevant to the risk.\n"
        "• Evaluation results: details about the evaluation design and the results.\n"
    )
    found = {s.text.split(":")[0]: s for s in extract_statements(text, kind="framework")}
    for label in ("Model information", "Evaluation results"):
        assert found[label].categories == ("government-access",)
        assert found[label].strength == "discretionary"


def test_a_sentence_cut_by_a_page_break_is_read_whole_but_quoted_up_to_the_break():
    text = "[[page 1]]\n\nAs necessities dictate, we may also\n\n[[page 2]]\n\nprovide vetted external red teams unredacted versions.\n"
    found = extract_statements(text, kind="framework")
    assert [s.text for s in found] == ["As necessities dictate, we may also"]
    assert "external-red-teaming" in found[0].categories and found[0].strength == "discretionary"


def test_bare_red_teaming_in_a_card_counts_only_when_the_card_calls_it_external():
    internal = "Red teaming was conducted across several risk areas to probe the model.\n"
    assert extract_statements(internal, kind="system-card") == []
    external = internal + "\nWe also worked with external red teamers on voice risks.\n"
    assert len(extract_statements(external, kind="system-card")) == 2


def test_a_report_of_outside_testing_brings_its_account_into_scope():
    text = (
        "# Strengthening our safeguards through collaboration with UK AISI\n\nSep 12, 2025\n\n"
        "We gave UK AISI access to early versions of our classifiers. Government red-teamers identified weaknesses "
        "in our classifiers. Testers discovered that specific annotations could bypass detection. "
        "They developed a universal jailbreak that evaded our methods. We patched the classifiers afterwards and wrote about it.\n\n"
        "## Related content\n\n### Another post\n\nThe US government has issued a directive on model access.\n"
    )
    found = {s.text: s for s in extract_statements(text)}  # kind inferred: a press release
    assert "Testers discovered that specific annotations could bypass detection." in found
    assert found["They developed a universal jailbreak that evaded our methods."].strength == "practice"
    assert not any("directive" in t for t in found)  # teasers of other posts are no statements


def test_glued_sentences_are_separate_statements():
    found = extract_statements("We publish a Risk Report.We will share it with external reviewers before release.")
    assert [s.text for s in found] == ["We publish a Risk Report.", "We will share it with external reviewers before release."]


def _combined_categories(text: str) -> list[str]:
    from accesswatch.extract.classify import _CATEGORY_PATTERNS

    return [c for c, p in _CATEGORY_PATTERNS.items() if p.search(text)]


def test_fast_category_matching_equals_the_plain_patterns(corpus_dir):
    """Keyword pre-filters and the lower-cased fast patterns never change which lexicons match."""
    from accesswatch.extract import segment
    from accesswatch.extract.classify import match_categories
    from accesswatch.extract.command import read_text_file

    files = sorted(p for p in corpus_dir.glob("*/*/*.*") if p.suffix in (".txt", ".md"))[::6]
    texts = {u.text for p in files for u in segment(read_text_file(p))}
    texts |= {u.text for name in ("framework.md", "system_card.txt") for u in segment((FIXTURES / name).read_text(encoding="utf-8"))}
    for t in texts:
        assert [c for c, _ in match_categories(t)] == _combined_categories(t), t[:120]
