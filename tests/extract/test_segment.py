"""Segmentation: units, offsets into the text as given, section paths and pages."""

import re

import pytest

from accesswatch.extract import segment

from .golden_util import FIXTURES, check_golden


def _squash(s: str) -> str:
    s = re.sub(r"\[\[page \d+\]\]|--\s*\d+ of \d+\s*--", " ", s)
    return re.sub(r"\s+", " ", s).strip()


@pytest.mark.parametrize("name", ["framework.md", "system_card.txt"])
def test_segmentation_golden(name):
    text = (FIXTURES / name).read_text(encoding="utf-8")
    units = segment(text)
    check_golden(
        f"segment-{name}.json",
        [{"text": u.text, "start": u.start, "end": u.end, "section": u.section, "page": u.page, "kind": u.kind} for u in units],
    )


@pytest.mark.parametrize("name", ["framework.md", "system_card.txt"])
def test_offsets_point_at_the_unit(name):
    text = (FIXTURES / name).read_text(encoding="utf-8")
    for u in segment(text):
        assert _squash(text[u.start : u.end]) == u.text


def test_abbreviations_do_not_end_sentences():
    text = "We work with the U.S. Government, e.g. CAISI, and the U.K. institute. See Fig. 3 and No. 5 here. Next one."
    assert [u.text for u in segment(text)] == [
        "We work with the U.S. Government, e.g. CAISI, and the U.K. institute.",
        "See Fig. 3 and No. 5 here.",
        "Next one.",
    ]


def test_a_sentence_split_by_a_page_break_is_cut_at_the_break():
    text = "[[page 1]]\n\nWe will share results with\n\n3\n\n[[page 2]]\n\nexternal evaluators before launch. Then more.\n"
    units = segment(text)
    assert [(u.text, u.page) for u in units] == [
        ("We will share results with", 1),
        ("external evaluators before launch.", 2),
        ("Then more.", 2),
    ]
    for u in units:
        assert "[[page" not in text[u.start : u.end]


def test_running_headers_and_footers_are_never_part_of_a_unit():
    pages = []
    for n in range(1, 6):
        body = f"A body line on page {n}.\nAnother one that is longer.\nA third body line of page {n}.\n"
        pages.append(f"[[page {n}]]\n\nResponsible Scaling Policy, Anthropic\n{body}Sentence {n} runs on and on and\n")
        pages.append(f"Responsible Scaling Policy, Anthropic\n{n}\n\n")
    text = "".join(pages)
    units = segment(text)
    assert units and not any("Responsible Scaling" in u.text or "[[page" in text[u.start : u.end] for u in units)
    assert units[3].text == "Sentence 1 runs on and on and"


def test_sentences_glued_by_text_extraction_are_split():
    text = "We publish a Risk Report.We will share it with the U.S. Government.Then e.g. more text. See anthropic.com/News today.Version 3.5 here."
    assert [u.text for u in segment(text)] == [
        "We publish a Risk Report.",
        "We will share it with the U.S. Government.",
        "Then e.g. more text.",
        "See anthropic.com/News today.",
        "Version 3.5 here.",
    ]


def test_page_of_markers_count_pages_after_the_footer():
    text = "First page sentence.\n\n-- 1 of 2 --\n\nSecond page sentence.\n"
    assert [(u.text, u.page) for u in segment(text)] == [("First page sentence.", 1), ("Second page sentence.", 2)]


def test_headings_build_a_path_and_are_not_units():
    text = "# Policy\n\n## 3 Review\n\nA sentence here.\n\n3.2 External review\n\nAnother sentence here.\n\nINTERNAL MATTERS\n\nLast sentence here.\n"
    assert [(u.section, u.text) for u in segment(text)] == [
        ("Policy > 3 Review", "A sentence here."),
        ("Policy > 3 Review > 3.2 External review", "Another sentence here."),
        ("Policy > 3 Review > 3.2 External review > INTERNAL MATTERS", "Last sentence here."),
    ]


def test_bullets_tables_and_footnote_markers():
    text = "• First item with text\n● Second item. It has two sentences.\n\n| Party | Access |\n|---|---|\n| METR | weights |\n\nA claim.12 Another claim.\n"
    units = segment(text)
    assert [(u.kind, u.text) for u in units] == [
        ("list-item", "First item with text"),
        ("list-item", "Second item."),
        ("list-item", "It has two sentences."),
        ("table-cell", "Party"),
        ("table-cell", "Access"),
        ("table-cell", "METR"),
        ("table-cell", "weights"),
        ("sentence", "A claim.12"),
        ("sentence", "Another claim."),
    ]


def test_crlf_line_endings_keep_offsets():
    text = "First sentence here.\r\nSecond line of it.\r\n\r\nNew paragraph here.\r\n"
    units = segment(text)
    assert [u.text for u in units] == ["First sentence here.", "Second line of it.", "New paragraph here."]
    for u in units:
        assert _squash(text[u.start : u.end]) == u.text


def test_segment_rejects_non_text():
    with pytest.raises(TypeError):
        segment(b"bytes")  # type: ignore[arg-type]
