"""normalize_pdf: page markers, reflow, de-hyphenation, running headers/footers; clear errors."""

import pytest

from accesswatch.archive.errors import BrokenPDF, EncryptedPDF, NoTextLayer, NormalizationError
from accesswatch.archive.normalize_pdf import normalize_pdf
from tests.archive import pdf_fixtures

URL = "https://lab.example/framework.pdf"


@pytest.fixture(scope="module")
def framework_text() -> str:
    return normalize_pdf(pdf_fixtures.framework_pdf(), url=URL)


def test_framework_golden(framework_text, golden):
    golden("framework_pdf.md", framework_text)


def test_page_markers(framework_text):
    assert [line for line in framework_text.splitlines() if line.startswith("[[page")] == ["[[page 1]]", "[[page 2]]", "[[page 3]]"]


def test_running_header_and_page_numbers_removed(framework_text):
    assert pdf_fixtures.HEADER not in framework_text
    assert "Page 1 of 3" not in framework_text and "of 3" not in framework_text


def test_reflow_and_dehyphenation(framework_text):
    assert (
        "We give external evaluators pre-deployment access to model weights and to the final release candidate, "
        "under written agreements." in framework_text
    )
    assert "Independent evaluation results" in framework_text
    assert "third-party audits" in framework_text  # a real hyphen stays


def test_headings_marked(framework_text):
    assert "## 2. Third-party access" in framework_text


def test_encrypted():
    with pytest.raises(EncryptedPDF, match=r"^https://lab.example/framework.pdf: encrypted PDF"):
        normalize_pdf(pdf_fixtures.encrypted_pdf(), url=URL)


def test_no_text_layer():
    with pytest.raises(NoTextLayer, match="no text layer"):
        normalize_pdf(pdf_fixtures.image_only_pdf(), url=URL)


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (pdf_fixtures.truncated_pdf(), "truncated PDF"),
        (b"<html>Not found</html>", "not a PDF"),
        (b"%PDF-1.7\n" + b"\x00garbage" * 50 + b"\n%%EOF\n", "unreadable PDF"),
    ],
)
def test_broken(body, message):
    with pytest.raises(BrokenPDF, match=message) as error:
        normalize_pdf(body, url=URL)
    assert isinstance(error.value, NormalizationError) and error.value.url == URL


def test_repeating_headings_and_body_lines_are_not_running_headers():
    data, paragraphs = pdf_fixtures.repeating_sections_pdf()
    text = normalize_pdf(data, url=URL)
    assert "Example Lab Responsible Scaling Policy" not in text and "Page 2" not in text
    for number, paragraph in enumerate(paragraphs, start=1):
        assert f"## Section {number}. External review\n\n{paragraph}\n" in text


def test_every_word_of_the_framework_survives(framework_text):
    import re

    body = re.sub(r"^\[\[page \d+\]\]$", "", framework_text, flags=re.MULTILINE)
    source = " ".join(f"{page['heading']} {' '.join(page['paragraphs'])}" for page in pdf_fixtures.FRAMEWORK_PAGES)
    assert re.findall(r"\w+", body) == re.findall(r"\w+", source.replace("-|", ""))
