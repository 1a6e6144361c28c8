"""Escaping and redlines: crawled text never becomes markup."""

import markdown

from accesswatch.sitegen.markup import md_text, redline, safe_url, text

HOSTILE = '<script>alert(1)</script> <img src=x onerror=alert(2)> [x](javascript:alert(3)) **b** | c'


def test_text_escapes_html_and_newlines():
    assert text('<a href="x">&</a>\n\nnext') == "&lt;a href=&quot;x&quot;&gt;&amp;&lt;/a&gt;&#10;&#10;next"
    assert text(None) == ""


def test_md_text_renders_as_literal_text_through_markdown():
    rendered = markdown.markdown(md_text(HOSTILE), extensions=["tables", "attr_list"])
    assert "<script" not in rendered and "<img" not in rendered and "<a " not in rendered
    assert "<strong>" not in rendered
    # the reader still sees the original characters
    assert "&lt;script&gt;" in rendered


def test_raw_html_block_with_escaped_text_stays_text():
    rendered = markdown.markdown(f'\n\n<p class="q">{text(HOSTILE)}</p>\n\n')
    assert "<script" not in rendered and "<img" not in rendered and "<a " not in rendered


def test_safe_url_refuses_other_schemes():
    assert safe_url("https://example.org/a?b=1&c=2") == "https://example.org/a?b=1&amp;c=2"
    assert safe_url("javascript:alert(1)") is None
    assert safe_url(" JavaScript:alert(1)") is None
    assert safe_url("data:text/html,<script>") is None
    assert safe_url("//evil.example/x") is None
    assert safe_url("../documents/a.html#x") == "../documents/a.html#x"


def test_redline_marks_words_and_escapes():
    html = redline("We will share <b>results</b>.", "We may share <b>results</b>.")
    assert "<del>" in html and "<ins>" in html
    assert "<b>" not in html and "&lt;b&gt;" in html
    assert redline(None, "<i>new</i>") == "<ins>&lt;i&gt;new&lt;/i&gt;</ins>"
    assert redline("<i>old</i>", None) == "<del>&lt;i&gt;old&lt;/i&gt;</del>"
