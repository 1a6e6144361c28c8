"""The hierarchical text diff and its renderings: golden files, escaping, properties."""

import json
import os
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from accesswatch.diff import diff_versions, redline_words, render_html, render_markdown, to_json
from accesswatch.diff.textdiff import split_sections

HERE = Path(__file__).parent
FIXTURES = HERE / "fixtures"
GOLDEN = HERE / "golden"
UPDATE = os.environ.get("AW_UPDATE_GOLDEN") == "1"


def _golden(name: str, text: str) -> None:
    path = GOLDEN / name
    if UPDATE or not path.exists():
        path.write_text(text, encoding="utf-8")
    assert text == path.read_text(encoding="utf-8"), f"{path} differs (AW_UPDATE_GOLDEN=1 to accept)"


def _pair():
    return (FIXTURES / "policy_v1.md").read_text(encoding="utf-8"), (FIXTURES / "policy_v2.md").read_text(encoding="utf-8")


def test_fixture_pair_markdown_matches_golden():
    old, new = _pair()
    _golden("policy_redline.md", render_markdown(diff_versions(old, new)))


def test_fixture_pair_structure():
    old, new = _pair()
    diff = diff_versions(old, new)
    ops = {b.op for b in diff.blocks()}
    assert {"equal", "changed", "deleted", "inserted"} <= ops
    changed = [b for b in diff.blocks() if b.op == "changed" and "may" in (b.new or "")]
    assert changed and [s.text for s in changed[0].spans if s.op == "delete"][0] == "will"
    assert json.loads(to_json(diff))["stats"]["paragraphs_deleted"] == diff.stats.paragraphs_deleted


def test_sections_split_on_markdown_headings():
    sections = split_sections("intro text\n\n# One\npara a\nwrapped\n\npara b\n## Two\npara c\n")
    assert sections == [("", ["intro text"]), ("# One", ["para a wrapped", "para b"]), ("## Two", ["para c"])]


def test_html_escapes_crawled_text():
    old = "We will test <script>alert(1)</script> & share."
    new = 'We may test <img src=x onerror="alert(2)"> & share.'
    html = render_html(diff_versions(old, new))
    assert "<script>" not in html and "<img" not in html
    assert "&lt;script&gt;" in html and "&amp;" in html
    assert "<del>will</del>" in html and "<ins>may</ins>" in html


def test_redline_words_escapes_and_marks():
    assert redline_words("we will <b>share</b>", "we may <b>share</b>") == (
        "we <del>will</del> <ins>may</ins> &lt;b&gt;share&lt;/b&gt;"
    )


def test_markdown_neutralises_markup():
    md = render_markdown(diff_versions("a\n\n<b>x</b> *y*", "a\n\n<b>x</b> *z*"))
    assert "<b>" not in md and "\\<b\\>" in md


def test_moved_paragraph_is_flagged():
    para = "External evaluators will receive pre-deployment access to every frontier model."
    old = f"# A\n\n{para}\n\nfiller one\n\n# B\n\nfiller two\n"
    new = f"# A\n\nfiller one\n\n# B\n\nfiller two\n\n{para}\n"
    diff = diff_versions(old, new)
    assert diff.stats.paragraphs_moved == 1


def test_empty_inputs():
    assert diff_versions("", "").identical
    diff = diff_versions("", "# Title\n\nNew text.")
    assert diff.new_words() == ["#", "Title", "New", "text."] and diff.old_words() == []


_words = st.sampled_from(["we", "will", "may", "share", "models", "with", "UK", "AISI", "<b>", "&", "external", "experts", "."])
_para = st.lists(_words, min_size=1, max_size=12).map(" ".join)
_doc = st.lists(st.one_of(_para, _para.map(lambda p: "## " + p)), max_size=12).map("\n\n".join)


@settings(max_examples=150, deadline=None)
@given(_doc)
def test_identical_inputs_give_no_change(text):
    diff = diff_versions(text, text)
    assert diff.identical
    assert diff.stats.paragraphs_changed == diff.stats.paragraphs_deleted == diff.stats.paragraphs_inserted == 0


@settings(max_examples=200, deadline=None)
@given(_doc, _doc)
def test_redline_reproduces_both_sides(old, new):
    # Whitespace normalisation: the diff keeps words, i.e. each side is reproduced up to runs
    # of whitespace (line breaks, blank lines, indentation) — documented in textdiff.
    diff = diff_versions(old, new)
    assert diff.old_words() == old.split()
    assert diff.new_words() == new.split()


def test_large_text_does_not_blow_up():
    # ~5 MB: paragraphs diffed by hash; the pairing matrix is bounded.
    base = "\n\n".join(f"Paragraph {i}: external experts will review model {i} before deployment." for i in range(70_000))
    changed = base.replace("Paragraph 35000: external experts will", "Paragraph 35000: external experts may")
    diff = diff_versions(base, changed)
    assert diff.stats.paragraphs_changed == 1
