"""normalize_html: page chrome out; headings, lists, tables in; selectors and charsets handled."""

import pytest

from accesswatch.archive.errors import NormalizationError, SelectorNotFound
from accesswatch.archive.noise import apply_filters
from accesswatch.archive.normalize_html import decode_html, normalize_html
from accesswatch.sources import NOISE_FILTERS

URL = "https://lab.example/safety/framework"


def test_framework_page_default_chrome_removed(fixture_bytes, golden):
    text = normalize_html(fixture_bytes("framework_page.html"), url=URL)
    golden("framework_page.md", text)
    for noise in ("Research", "Careers", "We use cookies", "Privacy", "window.dataLayer", "font-family", "Menu"):
        assert noise not in text
    assert "| CBRN | Uplift to novices | Yes - before deployment |" in text
    assert "Yes \\| after deployment" in text  # a pipe inside a cell is escaped


def test_framework_page_with_select_remove_and_filters(fixture_bytes, golden):
    text = normalize_html(fixture_bytes("framework_page.html"), url=URL, select=["article"], remove=[".share", ".byline"])
    text = apply_filters(text, NOISE_FILTERS)
    golden("framework_page.select.md", text)
    assert text.startswith("# Frontier Safety Framework\n\n## 1. External evaluation\n")
    assert "Last updated" not in text and "Share on X" not in text and "newsletter" not in text


def test_noise_variants_normalise_identically(fixture_bytes):
    page = fixture_bytes("framework_page.html").decode("utf-8")
    noisy = (
        page.replace("Last updated: March 3, 2025", "Last updated: April 9, 2025")
        .replace("utm_source=site", "utm_source=newsletter&amp;gclid=42")
        .replace("Share on X", "Share on LinkedIn")
        .replace("improve your experience", "personalise content")
    )
    first = apply_filters(normalize_html(page, url=URL), NOISE_FILTERS)
    second = apply_filters(normalize_html(noisy, url=URL), NOISE_FILTERS)
    assert first == second


def test_select_matching_nothing_raises_naming_url():
    with pytest.raises(SelectorNotFound, match=r"https://lab.example/safety/framework: selector '#content' matches nothing"):
        normalize_html("<html><body><main>Text</main></body></html>", url=URL, select=["#content"])


def test_bad_selector_is_a_normalization_error():
    with pytest.raises(NormalizationError, match="bad CSS selector"):
        normalize_html("<p>x</p>", url=URL, select=["main[["])


def test_several_select_matches_in_document_order_without_duplicates():
    html = "<body><div class=a>One<div class=a>Inner</div></div><p>skip</p><section class=b>Two</section></body>"
    assert normalize_html(html, url=URL, select=[".b", ".a"]) == "One\n\nInner\n\nTwo\n"


def test_table_without_header_row_uses_its_first_row():
    html = "<body><table><tr><td>Model</td><td>Evaluator</td></tr><tr><td>A</td><td>UK AISI</td></tr></table></body>"
    assert normalize_html(html, url=URL) == "| Model | Evaluator |\n| --- | --- |\n| A | UK AISI |\n"


def test_header_inside_article_is_kept_site_header_is_not():
    html = "<body><header>Site</header><article><header><h1>Title</h1></header><p>Body</p></article></body>"
    assert normalize_html(html, url=URL) == "# Title\n\nBody\n"


@pytest.mark.parametrize(
    ("body", "declared"),
    [
        ("<meta charset='iso-8859-1'><p>Café – déjà vu</p>".encode("utf-8"), None),  # meta lies: bytes are UTF-8
        ("<meta charset='utf-8'><p>Café – déjà vu</p>".encode("cp1252"), None),  # meta lies: bytes are cp1252
        ("<p>Café – déjà vu</p>".encode("cp1252"), "utf-8"),  # header lies
        ("<p>Café – déjà vu</p>".encode("cp1252"), None),  # no charset at all
        ("<p>Café – déjà vu</p>".encode("utf-16"), None),  # BOM
    ],
)
def test_wrong_or_missing_charset(body, declared):
    assert normalize_html(body, url=URL, encoding=declared) == "Café - déjà vu\n"


def test_short_cp1252_page_declared_utf8_is_not_read_as_a_baltic_code_page():
    body = ("<p>Na\u00efve \u2013 d\u00e9j\u00e0 vu clause about \u201cexternal\u201d review.</p>" * 4).encode("cp1252")
    text = normalize_html(body, url=URL, encoding="utf-8")
    assert text.startswith('Na\u00efve - d\u00e9j\u00e0 vu clause about "external" review.')


@pytest.mark.parametrize(
    ("text", "codec"),
    [("Привет, мир, как дела у вас сегодня", "cp1251"), ("Ελληνικά κείμενα για την πολιτική", "cp1253")],
)
def test_other_legacy_charsets_still_detected(text, codec):
    assert decode_html(f"<p>{text}</p>".encode(codec)) == f"<p>{text}</p>"


def test_decode_uses_declared_charset_when_it_fits():
    assert decode_html("<p>Привет, мир</p>".encode("koi8-r"), "koi8-r") == "<p>Привет, мир</p>"


def test_empty_page_gives_empty_text():
    assert normalize_html(b"", url=URL) == ""
    assert normalize_html(b"<html><body><nav>Only nav</nav></body></html>", url=URL) == ""
