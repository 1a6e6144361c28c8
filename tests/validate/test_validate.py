"""`accesswatch validate`: each kind of bad data file gives one precise `file:line: problem`.

Every test writes a small, valid data folder (one company, one event, one record), breaks one
thing, runs the real command from the folder and compares the printed line.
"""

from __future__ import annotations

import subprocess
import textwrap
from pathlib import Path

import pytest

from accesswatch.cli import main
from accesswatch.validate import validate_data

SHA = "ab" * 32

SOURCES = """\
# yaml-language-server: $schema=../schema/company-sources.schema.json
company: acme
name: Acme AI
domains:
  - acme.example
documents:
  - id: frontier-policy
    title: Acme Frontier Safety Policy
    kind: framework
    url: https://www.acme.example/safety/policy
  - id: model-card
    title: Acme-2 model card
    kind: model-card
    url: https://acme.example/cards/acme-2.pdf
    format: pdf
listings:
  - id: news
    url: https://acme.example/news
    keywords: [system card]
"""

EVENTS = """\
# yaml-language-server: $schema=../schema/event-file.schema.json
events:
  - id: acme-2-pre-deployment-aisi
    date: 2025-01-10
    type: pre-deployment-access
    title: The AI Safety Institute tested Acme-2 before release
    companies: [acme]
    evaluators: [AISI]
    access_depth: A1
    release_date: 2025-02-01
    days_before_release: 22
    sources:
      - url: https://acme.example/cards/acme-2.pdf
        title: Acme-2 model card
        corpus_document: acme/model-card
"""

RECORD = f"""\
# yaml-language-server: $schema=../../schema/document-record.schema.json
document:
  id: acme/frontier-policy
  company: acme
  title: Acme Frontier Safety Policy
  kind: framework
  url: https://www.acme.example/safety/policy
versions:
  - id: '2024-01-01'
    date: '2024-01-01'
    url: https://www.acme.example/safety/policy
    origin: import
    raw_sha256: {SHA}
    text_sha256: {SHA}
    chars: 80
    normalizer_version: '1'
  - id: '2025-01-01'
    date: '2025-01-01'
    url: https://www.acme.example/safety/policy
    origin: import
    raw_sha256: {SHA}
    text_sha256: {SHA}
    chars: 80
    normalizer_version: '1'
statements:
  - id: s-external-testing
    version: '2025-01-01'
    first_seen: '2024-01-01'
    last_seen: '2025-01-01'
    current: true
    quote: We may give external evaluators access before deployment.
    start: 0
    end: 58
    categories: [external-evaluation]
    strength: discretionary
    history:
      - version: '2024-01-01'
        quote: We will give external   evaluators access before deployment.
        strength: commitment
        categories: [external-evaluation]
changes:
  - id: c-external-testing-weakened
    old_version: '2024-01-01'
    new_version: '2025-01-01'
    kind: weakened
    statement: s-external-testing
    before: We will give external evaluators access before deployment.
    after: We may give external evaluators access before deployment.
    reasons: ['strength commitment → discretionary ("will" → "may")']
"""

TEXTS = {
    ("acme/frontier-policy", "2024-01-01"): "# Policy\n\nWe will give external\nevaluators access before deployment. Other text.\n",
    ("acme/frontier-policy", "2025-01-01"): "# Policy\n\nWe may give external evaluators access\n   before deployment. Other text.\n",
}


class StubArchive:
    """The archive's reading interface (`text(document_id, version_id)`) over a dict."""

    def __init__(self, texts: dict[tuple[str, str], str]):
        self.texts = texts

    def text(self, document_id: str, version_id: str) -> str:
        return self.texts[(document_id, version_id)]


@pytest.fixture()
def data(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A valid data folder in a temporary working directory (paths print as `data/...`)."""
    root = tmp_path / "data"
    (root / "sources").mkdir(parents=True)
    (root / "events").mkdir()
    (root / "documents" / "acme").mkdir(parents=True)
    (root / "sources" / "acme.yml").write_text(SOURCES, encoding="utf-8")
    (root / "events" / "access.yml").write_text(EVENTS, encoding="utf-8")
    (root / "documents" / "acme" / "frontier-policy.yml").write_text(RECORD, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return root


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"fixture has no {old!r}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _line_of(path: Path, needle: str) -> int:
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if needle in line:
            return number
    raise AssertionError(f"{needle!r} not in {path}")


def _run(capsys, *argv: str) -> tuple[int, list[str], str]:
    status = main(["--data", "data", "--archive", "no-archive-here", "validate", *argv])
    captured = capsys.readouterr()
    return status, captured.out.splitlines(), captured.err


def _validate(data: Path, archive=None) -> list[str]:
    return [problem.render() for problem in validate_data(data, archive).problems]


# --- the valid fixture -------------------------------------------------------------------------


def test_the_valid_fixture_passes_with_every_quote_verified(data: Path) -> None:
    report = validate_data(data, StubArchive(TEXTS))
    assert report.problems == []
    assert report.quotes_checked == 4  # statement, its history revision, change before and after
    assert report.quotes_skipped == 0


def test_without_an_archive_the_quote_check_is_skipped_not_failed(data: Path, capsys) -> None:
    status, out, err = _run(capsys)
    assert (status, out) == (0, [])
    assert "4 skipped (no archive at no-archive-here)" in err


# --- the list: one precise file:line each ------------------------------------------------


def test_malformed_yaml(data: Path, capsys) -> None:
    path = data / "events" / "access.yml"
    _edit(path, "companies: [acme]", "companies: [acme")
    status, out, _ = _run(capsys)
    assert status == 1
    assert len(out) == 1
    assert out[0].startswith(f"data/events/access.yml:{_line_of(path, 'evaluators:')}: malformed YAML:")


def test_malformed_yaml_bad_indentation(data: Path, capsys) -> None:
    path = data / "sources" / "acme.yml"
    _edit(path, "    kind: framework\n", "    kind: framework\n   oops: 1\n")
    status, out, _ = _run(capsys)
    assert status == 1
    assert out == [f"data/sources/acme.yml:{_line_of(path, 'oops')}: malformed YAML: "
                   "while parsing a block collection expected <block end>, but found '<block mapping start>' "
                   f"(the construct began on line {_line_of(path, 'id: frontier-policy')})"]


def test_unknown_field(data: Path, capsys) -> None:
    path = data / "sources" / "acme.yml"
    _edit(path, "    kind: model-card\n", "    kind: model-card\n    colour: red\n")
    status, out, _ = _run(capsys)
    assert (status, out) == (1, [f"data/sources/acme.yml:{_line_of(path, 'colour')}: unknown field 'colour' in documents[1]"])


def test_quote_not_found_in_its_version(data: Path) -> None:
    path = data / "documents" / "acme" / "frontier-policy.yml"
    _edit(path, "quote: We may give external", "quote: We shall always give external")
    assert _validate(data, StubArchive(TEXTS)) == [
        f"data/documents/acme/frontier-policy.yml:{_line_of(path, 'We shall always')}: statements[0].quote: quote not found "
        "verbatim in version '2025-01-01': 'We shall always give external evaluators access before deployment.'"
    ]


def test_quote_from_the_wrong_version(data: Path) -> None:
    path = data / "documents" / "acme" / "frontier-policy.yml"
    _edit(path, "    before: We will", "    before: We may")
    problems = _validate(data, StubArchive(TEXTS))
    assert problems == [f"data/documents/acme/frontier-policy.yml:{_line_of(path, 'before: We may')}: changes[0].before: "
                        "quote not found verbatim in version '2024-01-01': 'We may give external evaluators access before deployment.'"]


def test_impossible_date(data: Path, capsys) -> None:
    path = data / "events" / "access.yml"
    _edit(path, "date: 2025-01-10", "date: 2025-02-30")
    status, out, _ = _run(capsys)
    assert status == 1
    assert out[0] == (f"data/events/access.yml:{_line_of(path, '2025-02-30')}: events[0].date: Input should be a valid date "
                      "or datetime, day value is outside expected range (got '2025-02-30')")


def test_impossible_date_order_in_an_event(data: Path, capsys) -> None:
    path = data / "events" / "access.yml"
    _edit(path, "release_date: 2025-02-01\n    days_before_release: 22\n", "release_date: 2024-12-01\n")
    status, out, _ = _run(capsys)
    assert (status, out) == (1, [f"data/events/access.yml:{_line_of(path, 'release_date')}: events[0]: impossible date order: "
                                 "pre-deployment access on 2025-01-10 is after the release on 2024-12-01"])


def test_impossible_date_order_in_a_record(data: Path, capsys) -> None:
    path = data / "documents" / "acme" / "frontier-policy.yml"
    _edit(path, "    first_seen: '2024-01-01'\n    last_seen: '2025-01-01'", "    first_seen: '2025-01-01'\n    last_seen: '2024-01-01'")
    status, out, _ = _run(capsys)
    assert (status, out) == (1, [f"data/documents/acme/frontier-policy.yml:{_line_of(path, 'last_seen')}: statements[0]: impossible "
                                 "date order: first_seen '2025-01-01' (2025-01-01) is after last_seen '2024-01-01' (2024-01-01)"])


def test_days_before_release_contradicting_the_dates(data: Path, capsys) -> None:
    path = data / "events" / "access.yml"
    _edit(path, "days_before_release: 22", "days_before_release: 30")
    status, out, _ = _run(capsys)
    assert (status, out) == (1, [f"data/events/access.yml:{_line_of(path, 'days_before_release')}: events[0].days_before_release: "
                                 "30 contradicts date 2025-01-10 and release_date 2025-02-01 (22 days apart)"])


def test_duplicate_document_id(data: Path, capsys) -> None:
    path = data / "sources" / "acme.yml"
    _edit(path, "  - id: model-card", "  - id: frontier-policy")
    status, out, _ = _run(capsys)
    assert status == 1
    first = _line_of(path, "id: frontier-policy")
    assert out == [  # the event citing acme/model-card now cites nothing
                   f"data/events/access.yml:{_line_of(data / 'events' / 'access.yml', 'corpus_document')}: events[0].sources[0]."
                   "corpus_document: 'acme/model-card' is neither a record in data/documents nor a declared source",
                   f"data/sources/acme.yml:{first + 4}: duplicate document id 'frontier-policy' (first at line {first})"]


def test_duplicate_event_id_across_files(data: Path, capsys) -> None:
    (data / "events" / "more.yml").write_text(EVENTS, encoding="utf-8")
    status, out, _ = _run(capsys)
    assert (status, out) == (1, ["data/events/more.yml:3: duplicate event id 'acme-2-pre-deployment-aisi' (first at data/events/access.yml:3)"])


def test_duplicate_statement_id_in_a_record(data: Path, capsys) -> None:
    path = data / "documents" / "acme" / "frontier-policy.yml"
    _edit(path, "id: c-external-testing-weakened", "id: c-weakened")
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("changes:\n", "changes:\n  - id: c-weakened\n    old_version: '2024-01-01'\n    new_version: '2025-01-01'\n    kind: added\n"), encoding="utf-8")
    status, out, _ = _run(capsys)
    lines = [n for n, line in enumerate(path.read_text().splitlines(), 1) if "id: c-weakened" in line]
    assert (status, out) == (1, [f"data/documents/acme/frontier-policy.yml:{lines[1]}: duplicate change id 'c-weakened' (first at line {lines[0]})"])


def test_event_without_a_source(data: Path, capsys) -> None:
    path = data / "events" / "access.yml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text[: text.index("    sources:")], encoding="utf-8")
    status, out, _ = _run(capsys)
    assert (status, out) == (1, ["data/events/access.yml:3: events[0]: event without a source: add at least one entry under `sources` (url, title)"])


def test_event_with_an_empty_source_list(data: Path, capsys) -> None:
    path = data / "events" / "access.yml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text[: text.index("    sources:")] + "    sources: []\n", encoding="utf-8")
    status, out, _ = _run(capsys)
    assert (status, out) == (1, [f"data/events/access.yml:{_line_of(path, 'sources: []')}: events[0]: event without a source: add at least one entry under `sources` (url, title)"])


def test_source_url_outside_the_declared_domains(data: Path, capsys) -> None:
    path = data / "sources" / "acme.yml"
    _edit(path, "url: https://acme.example/cards/acme-2.pdf", "url: https://cdn.elsewhere.example/acme-2.pdf")
    status, out, _ = _run(capsys)
    assert status == 1
    assert out == [f"data/sources/acme.yml:{_line_of(path, 'elsewhere')}: documents[1].url: URL https://cdn.elsewhere.example/acme-2.pdf "
                   "is outside the company's declared domains (acme.example)"]


# --- more schema and reference checks ---------------------------------------------------------


def test_bad_url_and_wrong_enum(data: Path, capsys) -> None:
    path = data / "sources" / "acme.yml"
    _edit(path, "kind: model-card", "kind: card")
    _edit(path, "url: https://acme.example/news", "url: not a url")
    status, out, _ = _run(capsys)
    assert status == 1
    assert out[0].startswith(f"data/sources/acme.yml:{_line_of(path, 'kind: card')}: documents[1].kind: Input should be 'framework', ")
    assert out[1].startswith(f"data/sources/acme.yml:{_line_of(path, 'not a url')}: listings[0].url: Input should be a valid URL")


def test_missing_required_field(data: Path, capsys) -> None:
    path = data / "sources" / "acme.yml"
    _edit(path, "    title: Acme-2 model card\n", "")
    status, out, _ = _run(capsys)
    assert (status, out) == (1, [f"data/sources/acme.yml:{_line_of(path, 'id: model-card')}: missing required field 'title' in documents[1]"])


def test_duplicate_yaml_key(data: Path, capsys) -> None:
    path = data / "sources" / "acme.yml"
    _edit(path, "name: Acme AI\n", "name: Acme AI\nname: Acme\n")
    status, out, _ = _run(capsys)
    assert (status, out) == (1, ["data/sources/acme.yml:4: duplicate key 'name' (YAML keeps only the last one)"])


def test_references_resolve(data: Path, capsys) -> None:
    path = data / "documents" / "acme" / "frontier-policy.yml"
    _edit(path, "    statement: s-external-testing", "    statement: s-gone")
    _edit(path, "    old_version: '2024-01-01'", "    old_version: '2023-01-01'")
    _edit(path, "  id: acme/frontier-policy", "  id: acme/other-policy")
    events = data / "events" / "access.yml"
    _edit(events, "companies: [acme]", "companies: [acme, globex]")
    status, out, _ = _run(capsys)
    assert status == 1
    assert out == [
        f"data/documents/acme/frontier-policy.yml:3: document.id 'acme/other-policy' does not match the file's place (expected 'acme/frontier-policy')",
        "data/documents/acme/frontier-policy.yml:3: document.id 'acme/other-policy' is not a declared source in data/sources/acme.yml",
        f"data/documents/acme/frontier-policy.yml:{_line_of(path, '2023-01-01')}: changes[0].old_version: version '2023-01-01' is not among this record's versions",
        f"data/documents/acme/frontier-policy.yml:{_line_of(path, 's-gone')}: changes[0].statement: 's-gone' is not a statement of this record",
        f"data/events/access.yml:{_line_of(events, 'globex')}: events[0].companies: unknown company 'globex' (no data/sources/globex.yml)",
    ]


def test_github_annotations(data: Path, capsys) -> None:
    path = data / "sources" / "acme.yml"
    _edit(path, "    kind: model-card\n", "    kind: model-card\n    colour: red\n")
    status, out, _ = _run(capsys, "--github")
    assert status == 1
    assert out == [f"::error file=data/sources/acme.yml,line={_line_of(path, 'colour')}::unknown field 'colour' in documents[1]",
                   "::notice::quote check: validate: 3 file(s) checked, 1 problem(s); quotes: 0 verified, 4 skipped (no archive at no-archive-here)"]


def test_paths_restrict_the_report_to_those_files(data: Path, capsys) -> None:
    _edit(data / "sources" / "acme.yml", "    kind: model-card\n", "    kind: model-card\n    colour: red\n")
    _edit(data / "events" / "access.yml", "days_before_release: 22", "days_before_release: 30")
    status, out, _ = _run(capsys, "data/events/access.yml")
    assert status == 1
    assert len(out) == 1 and out[0].startswith("data/events/access.yml:")


def test_a_folder_path_checks_every_file_under_it(data: Path, capsys) -> None:
    _edit(data / "sources" / "acme.yml", "    kind: model-card\n", "    kind: model-card\n    colour: red\n")
    _edit(data / "events" / "access.yml", "days_before_release: 22", "days_before_release: 30")
    status, out, _ = _run(capsys, "data/events")
    assert status == 1
    assert len(out) == 1 and out[0].startswith("data/events/access.yml:")


def _git(cwd: Path, *args: str) -> None:
    subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@example.org", *args], cwd=cwd, check=True, capture_output=True)


def test_changed_checks_only_files_changed_since_base(data: Path, capsys) -> None:
    root = data.parent
    _git(root, "init", "-q", "-b", "main")
    _git(root, "add", ".")
    _git(root, "commit", "-q", "-m", "base")
    _edit(data / "sources" / "acme.yml", "    kind: model-card\n", "    kind: model-card\n    colour: red\n")
    _git(root, "commit", "-q", "-am", "committed change")
    (data / "events" / "new.yml").write_text("events: [\n", encoding="utf-8")  # untracked, broken
    status, out, _ = _run(capsys, "--changed", "HEAD~1")
    assert status == 1
    assert [line.split(":")[0] for line in out] == ["data/events/new.yml", "data/sources/acme.yml"]
    # nothing changed since HEAD besides the untracked file
    (data / "events" / "new.yml").unlink()
    status, out, err = _run(capsys, "--changed", "HEAD")
    assert (status, out) == (0, [])
    assert "no data files" in err


def test_changed_with_an_unknown_base_is_a_clear_error(data: Path, capsys) -> None:
    _git(data.parent, "init", "-q")
    _git(data.parent, "add", ".")
    _git(data.parent, "commit", "-q", "-m", "base")
    status, out, err = _run(capsys, "--changed", "no-such-branch")
    assert status == 2
    assert "cannot list changed files" in err


def test_changed_in_a_repository_without_commits_checks_everything(data: Path, capsys) -> None:
    _git(data.parent, "init", "-q")
    _edit(data / "sources" / "acme.yml", "name: Acme AI", "name: [Acme AI")
    status, out, _ = _run(capsys, "--changed")
    assert status == 1
    assert out[0].startswith("data/sources/acme.yml:4: malformed YAML")


def test_not_utf8_and_empty_files(data: Path, capsys) -> None:
    (data / "sources" / "globex.yml").write_bytes(b"company: globex\nname: Glob\xe9x\n")
    (data / "sources" / "initech.yml").write_text("", encoding="utf-8")
    status, out, _ = _run(capsys)
    assert status == 1
    assert out == ["data/sources/globex.yml:2: not UTF-8 text: invalid continuation byte at byte 26",
                   "data/sources/initech.yml:1: file is empty"]


def test_company_must_match_the_file_name(data: Path, capsys) -> None:
    (data / "sources" / "globex.yml").write_text(SOURCES, encoding="utf-8")
    status, out, _ = _run(capsys)
    assert status == 1
    assert out == ["data/sources/globex.yml:2: company 'acme' does not match the file name globex.yml (expected 'globex')",
                   "data/sources/globex.yml:2: duplicate company 'acme' (also declared at data/sources/acme.yml:2)"]


@pytest.mark.parametrize("text", ["- a\n- b\n", "just a string\n", "a: 1\n---\nb: 2\n"])
def test_wrong_top_level_shapes_are_located_errors(data: Path, capsys, text: str) -> None:
    (data / "events" / "odd.yml").write_text(text, encoding="utf-8")
    status, out, _ = _run(capsys, "data/events/odd.yml")
    assert status == 1
    assert out and all(line.startswith("data/events/odd.yml:") for line in out)


def _real_archive(path: Path):
    """A real archive (the archive colleague's `Archive`) holding the fixture's two versions."""
    import datetime as dt

    from accesswatch.validate import _archive_class

    archive_class = _archive_class()
    if archive_class is None:
        pytest.skip("the archive code is not there")
    from accesswatch.archive.capture import Capture
    from accesswatch.sources import Source

    archive = archive_class(path)
    source = Source(id="frontier-policy", title="Policy", kind="framework", url="https://www.acme.example/safety/policy", format="text")
    for (document_id, version_id), text in TEXTS.items():
        outcome = archive.ingest(Capture(
            document_id=document_id, url=str(source.url), body=text.encode(), origin="import", content_type="text/plain",
            fetched_at=dt.datetime(2025, 3, 1, tzinfo=dt.timezone.utc), published=dt.date.fromisoformat(version_id),
        ), source)
        assert outcome.version is not None and outcome.version.id == version_id, outcome
    return archive


def test_quotes_against_a_real_archive(data: Path, tmp_path: Path, capsys) -> None:
    _real_archive(tmp_path / "archive")
    assert main(["--data", "data", "--archive", "archive", "validate"]) == 0
    assert "quotes: 4 verified" in capsys.readouterr().err
    path = data / "documents" / "acme" / "frontier-policy.yml"
    _edit(path, "    after: We may give", "    after: We might give")
    assert main(["--data", "data", "--archive", "archive", "validate"]) == 1
    assert capsys.readouterr().out.splitlines() == [
        f"data/documents/acme/frontier-policy.yml:{_line_of(path, 'We might')}: changes[0].after: quote not found verbatim "
        "in version '2025-01-01': 'We might give external evaluators access before deployment.'"]


def test_a_version_missing_from_the_archive_is_skipped_not_failed(data: Path, tmp_path: Path, capsys) -> None:
    _real_archive(tmp_path / "archive")
    path = data / "documents" / "acme" / "frontier-policy.yml"
    text = path.read_text(encoding="utf-8").replace("'2025-01-01'", "'2025-06-01'")
    path.write_text(text, encoding="utf-8")
    assert main(["--data", "data", "--archive", "archive", "validate"]) == 0
    assert "quotes: 2 verified, 2 skipped (cited versions not in the archive)" in capsys.readouterr().err


def test_proposed_sources_are_checked_with_the_crawlers_model(data: Path, capsys) -> None:
    pytest.importorskip("crawler.proposals")
    (data / "proposed").mkdir()
    path = data / "proposed" / "acme.yml"
    path.write_text("company: acme\nproposals:\n  - url: https://acme.example/new\n    listing: news\n    suggested_id: new\n"
                    "    first_seen: 2025-01-01\n    last_seen: 2025-13-01\n    votes: 3\n", encoding="utf-8")
    status, out, _ = _run(capsys)
    assert status == 1
    assert out[0].startswith(f"data/proposed/acme.yml:{_line_of(path, '2025-13-01')}: proposals[0].last_seen: Input should be a valid date")
    assert out[1] == f"data/proposed/acme.yml:{_line_of(path, 'votes')}: unknown field 'votes' in proposals[0]"


def test_the_repository_data_validates() -> None:
    """The committed data/ passes (the quote check runs only where an archive is present)."""
    root = Path(__file__).resolve().parents[2]
    report = validate_data(root / "data", None)
    assert [p.render() for p in report.problems] == []
