"""The curated events ledger (`data/events/*.yml`) keeps its shape.

These tests specify what the dataset promises its readers: every file is valid against the
events model, ids are unique, every event is sourced, the ledger is large enough, and each of the
five major companies has model-release access records. They read only the committed data (and
the corpus manifest when `../shared` is present), never the network.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from pathlib import Path

import pytest
import yaml

from accesswatch.events import Event, EventFile, load_events

REPO_ROOT = Path(__file__).resolve().parents[2]
EVENTS_DIR = REPO_ROOT / "data" / "events"
SOURCES_DIR = REPO_ROOT / "data" / "sources"
SCHEMA_LINE = "# yaml-language-server: $schema=../schema/event-file.schema.json"

MAJOR_COMPANIES = ("anthropic", "openai", "google-deepmind", "meta", "xai")
# Event types that say who outside the company had (or did not have) access to a model.
ACCESS_TYPES = {"pre-deployment-access", "post-deployment-access", "no-external-access"}
KNOWN_COMPANIES = {
    "anthropic", "openai", "google-deepmind", "meta", "xai", "microsoft", "amazon", "nvidia",
    "cohere", "g42", "mistral", "magic", "naver",
}
MINIMUM_EVENTS = 60


@pytest.fixture(scope="module")
def event_files() -> list[Path]:
    files = sorted(EVENTS_DIR.glob("*.yml"))
    assert files, f"no event files in {EVENTS_DIR}"
    return files


@pytest.fixture(scope="module")
def events() -> list[Event]:
    return load_events(EVENTS_DIR)


def test_every_file_starts_with_the_schema_line_and_validates(event_files: list[Path]) -> None:
    for path in event_files:
        text = path.read_text(encoding="utf-8")
        assert text.splitlines()[0] == SCHEMA_LINE, f"{path.name}: first line must be the schema line"
        data = yaml.safe_load(text)
        assert isinstance(data, dict) and "events" in data, f"{path.name}: top level must be `events:`"
        EventFile.model_validate(data)  # raises with the offending field on error


def test_ids_are_unique_across_files(event_files: list[Path]) -> None:
    seen: dict[str, str] = {}
    duplicates = []
    for path in event_files:
        for raw in yaml.safe_load(path.read_text(encoding="utf-8"))["events"]:
            if raw["id"] in seen:
                duplicates.append(f"{raw['id']} ({seen[raw['id']]} and {path.name})")
            seen[raw["id"]] = path.name
    assert not duplicates, f"duplicate event ids: {duplicates}"


def test_ledger_has_at_least_the_promised_number_of_events(events: list[Event]) -> None:
    assert len(events) >= MINIMUM_EVENTS


def test_every_event_has_an_http_source(events: list[Event]) -> None:
    for event in events:
        assert event.sources, f"{event.id}: no source"
        for source in event.sources:
            assert source.url.scheme in {"http", "https"}, f"{event.id}: source URL {source.url}"
            assert source.title.strip(), f"{event.id}: source without title"


def test_company_slugs_are_known(events: list[Event]) -> None:
    for event in events:
        unknown = set(event.companies) - KNOWN_COMPANIES
        assert not unknown, f"{event.id}: unknown company slugs {sorted(unknown)}"


@pytest.mark.parametrize("company", MAJOR_COMPANIES)
def test_each_major_company_has_model_access_records(events: list[Event], company: str) -> None:
    records = [e for e in events if company in e.companies and e.type in ACCESS_TYPES and e.model]
    assert len(records) >= 2, f"{company}: only {len(records)} model access records"


def test_access_records_are_internally_consistent(events: list[Event]) -> None:
    for event in events:
        if event.type == "no-external-access":
            assert event.access_depth is None, f"{event.id}: no access but a depth"
        if event.days_before_release is not None:
            assert event.release_date is not None, f"{event.id}: days without a release date"
            if event.type == "pre-deployment-access" and event.date_precision == "day":
                expected = (event.release_date - event.date).days
                assert event.days_before_release == expected, (
                    f"{event.id}: days_before_release {event.days_before_release} but "
                    f"{event.date} -> {event.release_date} is {expected} days"
                )
        if event.type == "system-card-published":
            assert event.release_date is not None, f"{event.id}: system card without release date"


def test_dates_are_plausible(events: list[Event]) -> None:
    for event in events:
        assert dt.date(2022, 1, 1) <= event.date <= dt.date(2027, 12, 31), f"{event.id}: {event.date}"


def test_contested_events_say_why(events: list[Event]) -> None:
    for event in events:
        if event.status == "contested":
            assert event.notes, f"{event.id}: contested without a note explaining why"


def _declared_document_ids() -> set[str]:
    ids: set[str] = set()
    for path in sorted(SOURCES_DIR.glob("*.yml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        for entry in data.get("documents", data.get("sources", [])) or []:
            if isinstance(entry, dict) and "id" in entry:
                ids.add(str(entry["id"]))
    return ids


def test_corpus_document_references_exist(events: list[Event], corpus_dir: Path) -> None:
    """`corpus_document` names a document of the corpus (or of data/sources when declared there)."""
    declared = _declared_document_ids()
    missing = []
    for event in events:
        for source in event.sources:
            ref = source.corpus_document
            if ref is None:
                continue
            if ref in declared or (corpus_dir / ref).is_dir():
                continue
            missing.append(f"{event.id}: {ref}")
    assert not missing, f"corpus_document references to unknown documents: {missing}"


def test_counts_by_company_and_type_are_reportable(events: list[Event]) -> None:
    by_company = Counter(company for event in events for company in event.companies)
    by_type = Counter(event.type for event in events)
    assert sum(by_type.values()) == len(events)
    assert all(by_company[company] > 0 for company in MAJOR_COMPANIES)


def test_access_depth_fits_the_event_type(events: list[Event]) -> None:
    """A5 (weights) is only recorded for open-weight releases, and post-release records carry no A1-A5 guess."""
    for event in events:
        if event.access_depth == "A5":
            assert event.type == "model-release", f"{event.id}: A5 outside an open-weight model release"
        if event.type == "post-deployment-access":
            assert event.access_depth in (None, "A0"), f"{event.id}: post-deployment record with {event.access_depth}"


def test_corpus_sourced_events_cite_the_canonical_url(events: list[Event], corpus_dir: Path) -> None:
    """Each `corpus_document` source uses a URL the corpus manifest lists for that document."""
    manifest = yaml.safe_load((corpus_dir / "manifest.yml").read_text(encoding="utf-8"))
    urls: dict[str, set[str]] = {}
    for entry in manifest["entries"]:
        doc = "/".join(entry["path"].split("/")[:2])
        urls.setdefault(doc, set()).add(str(entry["canonical_url"]).rstrip("/"))
    wrong = []
    for event in events:
        for source in event.sources:
            ref = source.corpus_document
            if ref in urls and str(source.url).rstrip("/") not in urls[ref]:
                wrong.append(f"{event.id}: {source.url} not listed for {ref}")
    assert not wrong, "\n".join(wrong)


# Major releases the access ledger must cover with at least one event naming the model
# (an access record, an open-weight release, a system-card record or a record that nothing was disclosed).
MAJOR_RELEASES = {
    "google-deepmind": ("Gemini 1.0 Ultra", "Gemini 2.5 Pro", "Gemini 3 Pro"),
    "meta": ("Llama 2", "Llama 3 ", "Llama 3.1", "Llama 3.2", "Llama 4"),
    "openai": ("GPT-4", "GPT-4o", "o1", "GPT-4.1", "GPT-5", "GPT-5.1", "gpt-oss"),
    "xai": ("Grok-2", "Grok 3", "Grok 4", "Grok 4.1"),
}


@pytest.mark.parametrize("company", sorted(MAJOR_RELEASES))
def test_major_releases_have_ledger_records(events: list[Event], company: str) -> None:
    models = [f"{e.model} " for e in events if company in e.companies and e.model]
    missing = [name for name in MAJOR_RELEASES[company] if not any(m.startswith(name) or f" {name}" in f" {m}" for m in models)]
    assert not missing, f"{company}: no event names {missing}"
