"""The embedded dataset's shape: a later change must not silently drop companies, versions or events.

The minimum counts below are the seeded dataset's; raise them when data grows, never lower them
without saying why in the commit.
"""

from collections import Counter
from pathlib import Path

import pytest
import yaml

from accesswatch.events import load_events
from accesswatch.records import read_records
from accesswatch.sources import load_sources

DATA = Path(__file__).resolve().parents[2] / "data"

# Framework histories that must stay complete: document id -> number of versions seeded.
FRAMEWORK_VERSIONS = {
    "anthropic/responsible-scaling-policy": 11,
    "google-deepmind/frontier-safety-framework": 6,
    "xai/risk-management-framework": 6,
    "openai/preparedness-framework": 3,
    "meta/frontier-ai-framework": 3,
    "microsoft/frontier-governance-framework": 3,
    "magic/agi-readiness-policy": 2,
    "naver/ai-safety-framework": 2,
    "amazon/frontier-model-safety-framework": 1,
    "nvidia/frontier-ai-risk-assessment": 1,
    "cohere/secure-ai-frontier-model-framework": 1,
    "g42/frontier-ai-safety-framework": 1,
}
MAJOR_COMPANIES = ("anthropic", "openai", "google-deepmind", "meta", "xai")


@pytest.fixture(scope="module")
def records():
    return {record.document.id: record for record in read_records(DATA)}


def test_companies_are_covered():
    companies = {company.company for company in load_sources(DATA / "sources")}
    assert {"anthropic", "openai", "google-deepmind", "meta", "xai", "microsoft", "amazon", "nvidia",
            "cohere", "g42", "mistral"} <= companies
    assert len(companies) >= 12


def test_every_framework_version_is_present(records):
    for document_id, count in FRAMEWORK_VERSIONS.items():
        assert document_id in records, f"{document_id}: record missing"
        assert len(records[document_id].versions) >= count, f"{document_id}: versions dropped"


def test_dataset_size_does_not_shrink(records):
    assert len(records) >= 80
    assert sum(len(r.versions) for r in records.values()) >= 118
    assert sum(len(r.statements) for r in records.values()) >= 1000
    assert sum(len(r.changes) for r in records.values()) >= 100


def test_every_record_cites_hashes_and_declared_sources(records):
    declared = {company.document_id(source) for company in load_sources(DATA / "sources") for source in company.documents}
    for document_id, record in records.items():
        assert document_id in declared, f"{document_id}: no declared source"
        for version in record.versions:
            assert len(version.text_sha256) == 64 and len(version.raw_sha256) == 64


def test_every_event_is_sourced_and_major_releases_have_access_records():
    events = load_events(DATA / "events")
    assert len(events) >= 60
    assert all(event.sources for event in events)
    access = Counter(
        company for event in events if event.type in {"pre-deployment-access", "post-deployment-access", "no-external-access"}
        for company in event.companies
    )
    for company in MAJOR_COMPANIES:
        assert access[company] >= 2, f"{company}: no access-ledger records"


def test_every_corpus_file_is_a_version(records, corpus_dir):
    manifest = yaml.safe_load((corpus_dir / "manifest.yml").read_text(encoding="utf-8"))
    for entry in manifest["entries"]:
        company, slug, filename = entry["path"].split("/")
        record = records.get(f"{company}/{slug}")
        assert record is not None, f"{entry['path']}: no record"
        dates = {version.date.isoformat() for version in record.versions}
        assert filename.split(".")[0] in dates, f"{entry['path']}: version missing from the record"
