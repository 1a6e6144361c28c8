"""Every quote of the committed records is verbatim in the version it cites, checked against an
archive rebuilt from the research corpus with the project's own import (skipped without ../shared)."""

from pathlib import Path

from accesswatch.archive.archive import Archive
from accesswatch.archive.importer import import_directory
from accesswatch.sources import load_sources
from accesswatch.validate import validate_data

DATA = Path(__file__).resolve().parents[2] / "data"


def test_every_committed_quote_is_found_in_its_archived_version(corpus_dir, tmp_path):
    archive = Archive(tmp_path / "archive")
    outcomes = import_directory(corpus_dir, archive, load_sources(DATA / "sources"))
    assert all(outcome.status == "new-version" for outcome in outcomes)
    report = validate_data(DATA, tmp_path / "archive")
    assert [problem.render() for problem in report.problems] == []
    assert report.quotes_checked > 1000 and report.quotes_skipped == 0


def test_recorded_hashes_match_the_rebuilt_archive(corpus_dir, tmp_path):
    from accesswatch.records import read_records

    archive = Archive(tmp_path / "archive")
    import_directory(corpus_dir, archive, load_sources(DATA / "sources"))
    for record in read_records(DATA):
        archived = {version.id: version for version in archive.versions(record.document.id)}
        for version in record.versions:
            assert archived[version.id].text_sha256 == version.text_sha256, f"{record.document.id}@{version.id}"
