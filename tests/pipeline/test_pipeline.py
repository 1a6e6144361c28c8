"""The pipeline over a small archive: records with lineage, changes, kept reviews and a warm cache."""

import textwrap
from pathlib import Path

import pytest
import yaml

from accesswatch.archive.archive import Archive
from accesswatch.archive.importer import import_directory
from accesswatch.pipeline import Pipeline
from accesswatch.record_models import Review
from accesswatch.records import read_record, record_path, write_record
from accesswatch.sources import load_sources

SOURCES = """\
company: acme
name: Acme AI
domains: [acme.example]
documents:
  - id: frontier-policy
    title: Acme Frontier Policy
    kind: framework
    url: https://acme.example/policy.pdf
    format: pdf
"""

V1 = """\
# Acme Frontier Policy

## External evaluation

We will give independent third-party evaluators pre-deployment access to every frontier model.

We will publish a system card for each frontier model at launch.

## Internal governance

The board reviews this policy every year.
"""

V2 = """\
# Acme Frontier Policy

## External evaluation

We may give external experts access to frontier models where appropriate.

We will publish a system card for each frontier model at launch.

## Internal governance

The board reviews this policy every year.
"""


@pytest.fixture()
def workspace(tmp_path: Path):
    data = tmp_path / "data"
    (data / "sources").mkdir(parents=True)
    (data / "sources" / "acme.yml").write_text(SOURCES, encoding="utf-8")
    corpus = tmp_path / "corpus" / "acme" / "frontier-policy"
    corpus.mkdir(parents=True)
    (corpus / "2025-01-10.md").write_text(V1, encoding="utf-8")
    (corpus / "2025-06-01.md").write_text(V2, encoding="utf-8")
    archive = Archive(tmp_path / "archive")
    import_directory(tmp_path / "corpus", archive, load_sources(data / "sources"))
    return tmp_path / "archive", data


def test_records_have_versions_statements_and_a_weakening(workspace):
    archive, data = workspace
    summary = Pipeline(archive, data, log=lambda *a, **k: None).run()
    assert summary.problems == []
    record = read_record(record_path(data, "acme/frontier-policy"))
    assert [v.id for v in record.versions] == ["2025-01-10", "2025-06-01"]
    assert record.document.title == "Acme Frontier Policy"
    quotes = {s.quote for s in record.statements}
    assert "We will publish a system card for each frontier model at launch." in quotes
    assert not any("board" in q for q in quotes)
    publication = next(s for s in record.statements if "system card" in s.quote)
    assert (publication.first_seen, publication.last_seen, publication.current) == ("2025-01-10", "2025-06-01", True)
    kinds = {c.kind for c in record.changes}
    assert kinds & {"weakened", "removed"}, record.changes
    weakened = next(c for c in record.changes if c.kind in {"weakened", "removed"})
    assert weakened.before.startswith("We will give independent third-party evaluators")


def test_rerun_keeps_reviews_and_does_no_extraction_work(workspace):
    archive, data = workspace
    Pipeline(archive, data, log=lambda *a, **k: None).run()
    path = record_path(data, "acme/frontier-policy")
    record = read_record(path)
    reviewed = record.statements[0].model_copy(update={"review": Review(status="confirmed", reviewer="tester")})
    write_record(path, record.model_copy(update={"statements": [reviewed, *record.statements[1:]]}))

    summary = Pipeline(archive, data, log=lambda *a, **k: None).run()
    assert summary.extractions_run == 0 and summary.extractions_cached == 2
    assert summary.diffs_run == 0 and summary.diffs_cached == 1
    again = read_record(path)
    kept = next(s for s in again.statements if s.id == reviewed.id)
    assert kept.review.status == "confirmed" and kept.review.reviewer == "tester"
    assert kept.conflict is None


def test_record_file_is_stable_yaml_with_schema_line(workspace):
    archive, data = workspace
    Pipeline(archive, data, log=lambda *a, **k: None).run()
    text = record_path(data, "acme/frontier-policy").read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=../../schema/document-record.schema.json")
    assert yaml.safe_load(text)["document"]["id"] == "acme/frontier-policy"
    Pipeline(archive, data, log=lambda *a, **k: None).run()
    assert record_path(data, "acme/frontier-policy").read_text(encoding="utf-8") == text
