"""Specification of the declared sources in `data/sources/*.yml`.

Every company file loads through the committed model, ids are stable and unique, every URL is
https on a declared domain, and every document of the shared corpus has a declared source with
the same stable id, so the live crawl continues the corpus histories.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from accesswatch.sources import CompanySources, find_source, load_sources, url_on_domains

SOURCES_DIR = Path(__file__).resolve().parents[2] / "data" / "sources"
SCHEMA_LINE = "# yaml-language-server: $schema=../schema/company-sources.schema.json"
REQUIRED_COMPANIES = {
    "anthropic", "openai", "google-deepmind", "meta", "xai", "microsoft", "amazon", "nvidia",
    "cohere", "g42", "mistral",
}


@pytest.fixture(scope="module")
def companies() -> list[CompanySources]:
    return load_sources(SOURCES_DIR)


@pytest.fixture(scope="module")
def manifest_entries(corpus_dir: Path) -> list[dict]:
    with (corpus_dir / "manifest.yml").open(encoding="utf-8") as handle:
        return yaml.safe_load(handle)["entries"]


def _all_urls(company: CompanySources) -> list[tuple[str, str]]:
    urls = []
    for source in company.documents:
        urls.append((source.id, str(source.url)))
        if source.announcement_url is not None:
            urls.append((source.id, str(source.announcement_url)))
    urls.extend((listing.id, str(listing.url)) for listing in company.listings)
    return urls


def test_every_file_loads_and_is_named_after_its_company(companies):
    paths = sorted(SOURCES_DIR.glob("*.yml"))
    assert len(companies) == len(paths)
    for path, company in zip(paths, companies):
        assert path.stem == company.company, f"{path.name} declares company {company.company!r}"


def test_every_file_starts_with_the_schema_line():
    for path in sorted(SOURCES_DIR.glob("*.yml")):
        first_line = path.read_text(encoding="utf-8").splitlines()[0]
        assert first_line == SCHEMA_LINE, f"{path.name}: first line is {first_line!r}"


def test_at_least_twelve_companies_including_the_named_frontier_developers(companies):
    slugs = {company.company for company in companies}
    assert len(slugs) >= 12
    assert REQUIRED_COMPANIES <= slugs, f"missing: {sorted(REQUIRED_COMPANIES - slugs)}"


def test_ids_are_unique_within_each_company(companies):
    for company in companies:
        ids = [source.id for source in company.documents] + [listing.id for listing in company.listings]
        duplicates = sorted({i for i in ids if ids.count(i) > 1})
        assert not duplicates, f"{company.company}: duplicate ids {duplicates}"


def test_company_slugs_are_unique(companies):
    slugs = [company.company for company in companies]
    assert len(slugs) == len(set(slugs))


def test_every_url_is_https_and_on_a_declared_domain(companies):
    for company in companies:
        for entry_id, url in _all_urls(company):
            assert url.startswith("https://"), f"{company.company}/{entry_id}: {url} is not https"
            assert url_on_domains(url, company.domains), f"{company.company}/{entry_id}: {url} off-domain"


def test_every_company_has_a_listing_page_with_patterns_and_keywords(companies):
    for company in companies:
        assert company.listings, f"{company.company}: no listing page"
        for listing in company.listings:
            assert listing.link_patterns, f"{company.company}/{listing.id}: no link patterns"
            assert listing.keywords, f"{company.company}/{listing.id}: no keywords"


def test_html_sources_select_content_and_pdf_sources_declare_no_selectors(companies):
    for company in companies:
        for source in company.documents:
            where = f"{company.company}/{source.id}"
            if source.format == "html":
                assert source.select, f"{where}: HTML source without a content selector"
            if source.format == "pdf":
                assert not source.select and not source.remove, f"{where}: PDF source with CSS selectors"


def test_sources_not_tracked_live_say_why(companies):
    for company in companies:
        for source in company.documents:
            if not source.track:
                assert source.notes, f"{company.company}/{source.id}: track is false without a note"


def test_every_corpus_document_has_a_declared_source_with_the_same_id(companies, manifest_entries):
    missing = []
    for entry in manifest_entries:
        company_slug, slug, _ = entry["path"].split("/")
        if find_source(companies, f"{company_slug}/{slug}") is None:
            missing.append(f"{company_slug}/{slug}")
    assert not missing, f"corpus documents without a declared source: {sorted(set(missing))}"


def test_declared_url_is_one_the_corpus_records_for_that_document(companies, manifest_entries):
    corpus_urls: dict[str, set[str]] = {}
    for entry in manifest_entries:
        company_slug, slug, _ = entry["path"].split("/")
        corpus_urls.setdefault(f"{company_slug}/{slug}", set()).add(entry["canonical_url"])
    for document_id, urls in corpus_urls.items():
        found = find_source(companies, document_id)
        assert found is not None, document_id
        _, source = found
        declared = str(source.url)
        assert declared in {_normalised(url) for url in urls}, f"{document_id}: {declared} not among {sorted(urls)}"


def test_pdf_urls_in_the_corpus_are_declared_as_pdf(companies, manifest_entries):
    latest: dict[str, dict] = {}
    for entry in sorted(manifest_entries, key=lambda e: e["date"]):
        company_slug, slug, _ = entry["path"].split("/")
        latest[f"{company_slug}/{slug}"] = entry
    for document_id, entry in latest.items():
        _, source = find_source(companies, document_id)
        if entry["canonical_url"].lower().split("?")[0].endswith(".pdf"):
            assert source.format == "pdf", f"{document_id}: a PDF URL declared as {source.format}"


def _normalised(url: str) -> str:
    """The URL as pydantic's HttpUrl renders it (e.g. a trailing slash after a bare host)."""
    from pydantic import HttpUrl, TypeAdapter

    return str(TypeAdapter(HttpUrl).validate_python(url))
