"""Generated Markdown of the fixture dataset against golden files (UPDATE_GOLDEN=1 rewrites them)."""

import os
from pathlib import Path

import pytest

from accesswatch.sitegen.pages import SiteContext, generate_pages, record_lines
from tests.site.conftest import FIXTURE_DATA

GOLDEN = Path(__file__).parent / "golden"
GOLDEN_PAGES = [
    "index.md",
    "matrix.md",
    "parity.md",
    "companies/anthropic.md",
    "documents/anthropic/responsible-scaling-policy.md",
    "statements/anthropic/responsible-scaling-policy/rsp-external-review.md",
    "statements/anthropic/responsible-scaling-policy/rsp-hostile.md",
]


@pytest.fixture(scope="module")
def pages(fixture_dataset):
    lines = {"anthropic/responsible-scaling-policy":
             record_lines(FIXTURE_DATA / "documents" / "anthropic" / "responsible-scaling-policy.yml")}
    return generate_pages(SiteContext(dataset=fixture_dataset, base_url="https://example.org/aw/",
                                      record_lines=lines))


@pytest.mark.parametrize("page", GOLDEN_PAGES)
def test_page_matches_golden(pages, page):
    golden = GOLDEN / (page.replace("/", "__"))
    if os.environ.get("UPDATE_GOLDEN"):
        golden.write_text(pages[page], encoding="utf-8")
    assert pages[page] == golden.read_text(encoding="utf-8")


def test_every_page_has_a_stable_path(pages, fixture_dataset):
    expected = {"index.md", "timeline.md", "events.md", "companies/index.md", "matrix.md", "ledger.md",
                "parity.md", "downloads.md", "companies/anthropic.md", "companies/openai.md",
                "documents/anthropic/responsible-scaling-policy.md", "documents/openai/preparedness-framework.md"}
    assert expected <= set(pages)
    statements = {p for p in pages if p.startswith("statements/")}
    assert len(statements) == sum(len(r.statements) for r in fixture_dataset.records)


def test_hostile_quote_never_reaches_markup(pages):
    for name, page in pages.items():
        for needle in ("<script", "<img", "<svg", "href=\"javascript", "](javascript", "onerror=alert(1)>"):
            assert needle not in page, (name, needle)


def test_fix_link_points_at_the_statement_line(pages):
    page = pages["statements/anthropic/responsible-scaling-policy/rsp-external-review.md"]
    record = (FIXTURE_DATA / "documents" / "anthropic" / "responsible-scaling-policy.yml").read_text().splitlines()
    line = next(i for i, text in enumerate(record, 1) if text == "- id: rsp-external-review")
    assert f"data/documents/anthropic/responsible-scaling-policy.yml#L{line}" in page


def test_statement_page_cites_the_archived_hash(pages):
    page = pages["statements/anthropic/responsible-scaling-policy/rsp-external-review.md"]
    assert "d" * 64 in page  # text SHA-256 of version 2024-10-15
    assert "@misc{anthropic-responsible-scaling-policy-rsp-external-review," in page


def test_rejected_statement_is_marked_on_its_document_page(pages):
    page = pages["documents/anthropic/responsible-scaling-policy.md"]
    assert "aw-review-rejected" in page
    assert "Researchers will receive weights access" in page
    assert "Researchers will receive weights access" not in pages["companies/anthropic.md"]
