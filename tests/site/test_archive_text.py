"""Full texts from the optional archive: shown (escaped) on document pages when present."""

import datetime as dt

from accesswatch.sitegen.build import archive_reader
from accesswatch.sitegen.pages import SiteContext, generate_pages

DOC = "anthropic/responsible-scaling-policy"


def test_document_page_shows_the_escaped_full_text(fixture_dataset):
    texts = {(DOC, "2024-10-15"): "Line one <script>alert(1)</script>\n\n[x](javascript:alert(2))"}
    pages = generate_pages(SiteContext(dataset=fixture_dataset, text_of=lambda d, v: texts.get((d, v))))
    page = pages["documents/anthropic/responsible-scaling-policy.md"]
    assert "Full text of the latest version" in page
    assert "Line one &lt;script&gt;alert(1)&lt;/script&gt;&#10;&#10;&#91;x&#93;(javascript:alert(2))" in page
    assert "Full text" not in pages["documents/openai/preparedness-framework.md"]


def test_no_archive_means_no_reader(tmp_path):
    assert archive_reader(None) is None
    assert archive_reader(tmp_path / "absent") is None


def test_reader_reads_a_real_archive(tmp_path):
    from accesswatch.archive import Archive, Capture

    archive = Archive(tmp_path / "archive")
    outcome = archive.ingest(Capture(document_id=DOC, url="https://www.anthropic.com/rsp",
                                     body=b"We will share models with the UK AISI before release.\n",
                                     fetched_at=dt.datetime(2024, 10, 15, tzinfo=dt.timezone.utc), origin="import",
                                     content_type="text/plain", published=dt.date(2024, 10, 15)))
    assert outcome.status == "new-version", outcome
    version = archive.versions(DOC)[-1]
    text_of = archive_reader(tmp_path / "archive")
    assert "UK AISI" in text_of(DOC, version.id)
    assert text_of(DOC, "no-such-version") is None


def test_full_redline_pages_between_archived_versions(fixture_dataset):
    from accesswatch.sitegen.pages import full_redline_html

    if full_redline_html is None:
        import pytest

        pytest.skip("accesswatch.diff is absent")
    texts = {(DOC, "2023-09-19"): "# Governance\n\nWe will solicit external review.\n",
             (DOC, "2024-10-15"): "# Governance\n\nWe may solicit external review <script>x</script>.\n"}
    pages = generate_pages(SiteContext(dataset=fixture_dataset, text_of=lambda d, v: texts.get((d, v))))
    redline = pages["documents/anthropic/responsible-scaling-policy/redline-2023-09-19--2024-10-15.md"]
    assert "<del>will</del>" in redline and "<ins>may</ins>" in redline
    assert "<script>" not in redline and "&lt;script&gt;" in redline
    assert "redline-2023-09-19--2024-10-15.html" in pages["documents/anthropic/responsible-scaling-policy.md"]
