"""End to end: the real Scrapy engine (a subprocess running `accesswatch crawl`) against a local
site that looks like a lab's: an HTML framework page with navigation and footer noise, a PDF
framework, a page whose noise changes on every fetch, a listing page that gains a link.

First crawl: versions for each document, the listing's system card proposed. Second crawl with
nothing changed: no version, conditional requests answered 304, the new listing link proposed
without losing the first proposal. Third crawl after a real edit: exactly one new version.
"""

from __future__ import annotations

import pytest
import yaml

from accesswatch.archive import Archive
from crawler.settings import USER_AGENT
from tests.crawler.crawl_harness import GOOD_SOURCES, run_crawl_cli, write_sources, build_site
from tests.crawler.fake_site import FakeSite


@pytest.fixture(scope="module")
def crawled(tmp_path_factory):
    """Three crawls of the good sources; yields what each produced."""
    root = tmp_path_factory.mktemp("crawl")
    with FakeSite() as site:
        state = build_site(site)
        write_sources(root / "data", site.base_url, GOOD_SOURCES)
        first, _ = run_crawl_cli(root / "data", root / "archive", root / "first.json")
        first_hits = list(site.hits)
        proposals_after_first = yaml.safe_load((root / "data" / "proposed" / "testco.yml").read_text())
        site.reset_log()
        state.listing_generation = 2
        second, second_process = run_crawl_cli(root / "data", root / "archive", root / "second.json")
        second_hits = list(site.hits)
        site.reset_log()
        state.framework_revision = 2
        third, _ = run_crawl_cli(root / "data", root / "archive", root / "third.json", "--source", "testco/framework-html")
        yield {
            "root": root, "first": first, "second": second, "third": third, "first_hits": first_hits,
            "second_hits": second_hits, "second_stdout": second_process.stdout,
            "proposals_after_first": proposals_after_first, "archive": Archive(root / "archive"),
        }


def test_first_crawl_archives_every_document(crawled):
    report = crawled["first"]
    assert {r.document_id: r.status for r in report.sources} == {f"testco/{slug}": "new-version" for slug in GOOD_SOURCES}
    assert report.totals["new-version"] == len(GOOD_SOURCES) and report.totals["failed"] == 0
    for result in report.sources:
        assert result.fetched and result.http_status == 200 and result.bytes > 0 and result.version_id


def test_html_page_keeps_the_document_and_drops_the_chrome(crawled):
    archive = crawled["archive"]
    text = archive.text("testco/framework-html", archive.versions("testco/framework-html")[0].id)
    assert "# Frontier Safety Framework" in text
    assert "pre-deployment access to the AI Safety Institute" in text
    assert "CBRN" in text and "Autonomous exploitation" in text  # the table survives
    for noise in ("Careers", "cookies", "All rights reserved", "Share on LinkedIn"):
        assert noise not in text


def test_pdf_is_archived_as_text_with_page_markers(crawled):
    archive = crawled["archive"]
    text = archive.text("testco/framework-pdf", archive.versions("testco/framework-pdf")[0].id)
    assert "[[page 1]]" in text and "[[page 3]]" in text
    assert "pre-deployment model access" in text


def test_missing_charset_is_decoded_correctly(crawled):
    archive = crawled["archive"]
    missing = archive.text("testco/charset-missing", archive.versions("testco/charset-missing")[0].id)
    assert "Résumé of access" in missing and "Accès préalable" in missing and "Ã" not in missing


def test_wrong_charset_is_decoded_correctly(crawled):
    archive = crawled["archive"]
    wrong = archive.text("testco/charset-wrong", archive.versions("testco/charset-wrong")[0].id)
    assert "Café policy" in wrong and "Naïve" in wrong and "déjà vu" in wrong


def test_server_error_then_success_is_retried(crawled):
    result = crawled["first"].result("testco/flaky")
    assert result.status == "new-version" and result.retries == 1
    assert [hit.count for hit in crawled["first_hits"] if hit.path == "/flaky"] == [1, 2]


def test_requests_are_polite(crawled):
    hits = crawled["first_hits"]
    assert hits[0].path == "/robots.txt"
    assert {hit.headers.get("user-agent") for hit in hits} == {USER_AGENT}
    assert "+https://" in USER_AGENT


def test_second_crawl_with_nothing_changed_makes_no_version(crawled):
    second, archive = crawled["second"], crawled["archive"]
    statuses = {r.document_id: r.status for r in second.sources}
    assert statuses["testco/framework-html"] == "not-modified"
    assert statuses["testco/framework-pdf"] == "not-modified"
    # No validators on a dynamic page: fetched again, the noise filtered, nothing new.
    assert statuses["testco/access-policy"] == "unchanged"
    assert second.totals["new-version"] == 0 and second.totals["failed"] == 0
    for slug in GOOD_SOURCES:
        assert len(archive.versions(f"testco/{slug}")) == (2 if slug == "framework-html" else 1)


def test_second_crawl_sends_conditional_requests_and_gets_304(crawled):
    hits = {hit.path: hit for hit in crawled["second_hits"]}
    for path in ("/framework", "/framework.pdf"):
        assert hits[path].headers.get("if-none-match", "").startswith('"')
        assert hits[path].headers.get("if-modified-since", "").endswith("GMT")
        assert crawled["second"].result("testco/framework-" + ("pdf" if path.endswith("pdf") else "html")).conditional
    assert crawled["second"].totals["bytes"] < crawled["first"].totals["bytes"]


def test_noisy_page_changed_on_the_wire_but_not_in_the_archive(crawled):
    bodies = [hit for hit in crawled["first_hits"] + crawled["second_hits"] if hit.path == "/access-policy"]
    assert len(bodies) == 2
    assert crawled["second"].result("testco/access-policy").status == "unchanged"


def test_listing_proposes_undeclared_documents_only(crawled):
    first = crawled["proposals_after_first"]
    assert first["company"] == "testco"
    assert [p["url"].rsplit("/", 1)[1] for p in first["proposals"]] == ["model-a-system-card"]
    proposal = first["proposals"][0]
    assert proposal["link_text"] == "Model A System Card" and proposal["listing"] == "newsroom"
    assert proposal["suggested_kind"] == "system-card" and proposal["suggested_id"] == "model-a-system-card"
    listing = crawled["first"].listings[0]
    assert listing.status == "fetched" and len(listing.proposed) == 1


def test_listing_gaining_a_link_adds_one_proposal_and_keeps_the_first(crawled):
    path = crawled["root"] / "data" / "proposed" / "testco.yml"
    after = yaml.safe_load(path.read_text())
    urls = [p["url"] for p in after["proposals"]]
    assert len(urls) == 2 and urls[1].endswith("/news/model-b-system-card")  # tracking parameter gone
    assert after["proposals"][0] == crawled["proposals_after_first"]["proposals"][0]
    assert [url.rsplit("/", 1)[1] for url in crawled["second"].listings[0].proposed] == ["model-b-system-card"]
    # data/sources is never touched by discovery.
    assert "model-b" not in (crawled["root"] / "data" / "sources" / "testco.yml").read_text()


def test_a_real_edit_makes_exactly_one_new_version(crawled):
    third = crawled["third"]
    assert [(r.document_id, r.status) for r in third.sources] == [("testco/framework-html", "new-version")]
    archive = crawled["archive"]
    versions = archive.versions("testco/framework-html")
    assert len(versions) == 2
    assert "helpful-only model access for 30 days" in archive.text("testco/framework-html", versions[-1].id)


def test_summary_table_is_printed(crawled):
    out = crawled["second_stdout"]
    assert "testco/framework-html" in out and "not-modified" in out and "2 not-modified" in out
