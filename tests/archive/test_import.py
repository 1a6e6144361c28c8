"""`accesswatch import DIR`: every dated file becomes one `import` version; a second import adds nothing."""

import datetime as dt
import json
from pathlib import Path

import pytest
import yaml

from accesswatch.archive import Archive
from accesswatch.archive.importer import import_directory
from accesswatch.archive.textnorm import normalize_text
from accesswatch.cli import main
from accesswatch.sources import load_sources
from tests.archive import pdf_fixtures

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture
def folder(tmp_path, fixture_bytes):
    root = tmp_path / "corpus"
    (root / "example-lab" / "framework").mkdir(parents=True)
    (root / "example-lab" / "framework" / "2024-01-10.txt").write_text("[[page 1]]\n\n## Framework\r\n\u201cWe commit\u201d to external testing.\n")
    (root / "example-lab" / "framework" / "2024-06-01.md").write_text("## Framework\n\nWe commit to external testing \u2014 at least 30 days.\n")
    (root / "example-lab" / "framework" / "2024-09-01.pdf").write_bytes(pdf_fixtures.framework_pdf())
    (root / "example-lab" / "page").mkdir(parents=True)
    (root / "example-lab" / "page" / "2025-03-03.html").write_bytes(fixture_bytes("framework_page.html"))
    (root / "example-lab" / "page" / "2025-04-01.html").write_bytes(fixture_bytes("framework_page.html"))  # identical text
    (root / "example-lab" / "page" / "notes.txt").write_text("not dated")
    manifest = {"entries": [
        {"path": "example-lab/framework/2024-01-10.txt", "title": "Framework", "kind": "framework", "version": "v1",
         "date": "2024-01-10", "canonical_url": "https://lab.example/framework.pdf"},
        {"path": "example-lab/framework/2024-06-01.md", "title": "Framework", "kind": "framework", "version": "v1 (re-upload)",
         "date": "2024-06-01", "canonical_url": "https://lab.example/framework.pdf"},
        {"path": "example-lab/page/2025-03-03.html", "title": "Page", "kind": "not-a-kind", "version": None,
         "date": "2025-03-03", "canonical_url": "https://lab.example/page"},
        {"path": "example-lab/gone/2020-01-01.txt", "date": "2020-01-01"},
    ]}
    (root / "manifest.yml").write_text(yaml.safe_dump(manifest))
    return root


def test_import_folder(folder, tmp_path):
    archive = Archive(tmp_path / "archive")
    warnings = []
    outcomes = import_directory(folder, archive, [], warnings=warnings)
    assert [(o.document_id, o.status) for o in outcomes] == [
        ("example-lab/framework", "new-version"), ("example-lab/framework", "new-version"), ("example-lab/framework", "new-version"),
        ("example-lab/page", "new-version"), ("example-lab/page", "unchanged"),
    ]
    versions = archive.versions("example-lab/framework")
    assert [v.id for v in versions] == ["2024-01-10", "2024-06-01", "2024-09-01"]
    assert all(v.origin == "import" for v in versions)
    assert versions[0].label == "v1" and versions[0].url == "https://lab.example/framework.pdf"
    # text files are only text-normalised: markers and Markdown kept verbatim
    assert archive.text("example-lab/framework", "2024-01-10") == '[[page 1]]\n\n## Framework\n"We commit" to external testing.\n'
    assert archive.text("example-lab/framework", "2024-09-01").startswith("[[page 1]]\n\n## 1. Introduction")
    assert "identical" in outcomes[-1].reason
    joined = "\n".join(warnings)
    assert "notes.txt: skipped" in joined and "gone/2020-01-01.txt: listed in manifest.yml but missing" in joined
    assert "not declared in data/sources" in joined and "normalises to exactly the text of version 2025-03-03" in joined

    files_before = sorted(p for p in archive.root.rglob("*"))
    again = import_directory(folder, archive, [])
    assert {o.status for o in again} == {"unchanged"}
    assert sorted(p for p in archive.root.rglob("*")) == files_before  # adds nothing at all
    assert len(archive.versions("example-lab/framework")) == 3


def test_import_command_report(folder, tmp_path, capsys):
    report = tmp_path / "report.json"
    status = main(["--archive", str(tmp_path / "archive"), "import", str(folder), "--report", str(report)])
    assert status == 0
    out = capsys.readouterr().out
    assert "imported 5 file(s)" in out and "4 new-version" in out and "1 unchanged" in out
    data = json.loads(report.read_text())
    assert data["counts"] == {"new-version": 4, "unchanged": 1}
    assert data["outcomes"][0]["version"]["origin"] == "import"


def test_import_of_a_missing_folder(tmp_path, capsys):
    assert main(["--archive", str(tmp_path / "a"), "import", str(tmp_path / "nope")]) == 2
    assert "is not a folder" in capsys.readouterr().err


@pytest.mark.corpus
def test_import_shared_corpus(corpus_dir, tmp_path):
    """Every manifest file becomes exactly one version with its date; texts keep every line; re-import adds nothing."""
    manifest = yaml.safe_load((corpus_dir / "manifest.yml").read_text(encoding="utf-8"))["entries"]
    archive = Archive(tmp_path / "archive")
    try:
        companies = load_sources(REPO / "data" / "sources")
    except Exception:  # noqa: BLE001 - declarations belong to another stage; import must work without them
        companies = []
    outcomes = import_directory(corpus_dir, archive, companies)
    assert len(outcomes) == len(manifest)
    assert [o for o in outcomes if o.status != "new-version"] == []
    by_doc: dict[str, list[str]] = {}
    for entry in manifest:
        company, slug, name = entry["path"].split("/")
        by_doc.setdefault(f"{company}/{slug}", []).append(str(entry["date"]))
    assert sorted(archive.documents()) == sorted(by_doc)
    for doc, dates in by_doc.items():
        versions = archive.versions(doc)
        assert sorted(v.id for v in versions) == sorted(dates), doc
        assert all(v.origin == "import" and v.date == dt.date.fromisoformat(v.id[:10]) for v in versions)
    # text files lose no line: every non-blank normalised line survives (filters touch only URLs here)
    for entry in manifest:
        if not entry["path"].endswith((".txt", ".md")):
            continue
        doc = "/".join(entry["path"].split("/")[:2])
        lines = set(archive.text(doc, str(entry["date"])).splitlines())
        expected = normalize_text((corpus_dir / entry["path"]).read_text(encoding="utf-8"))
        missing = [line for line in expected.splitlines() if line.strip() and line not in lines and "http" not in line]
        assert missing == [], (entry["path"], missing[:3])

    again = import_directory(corpus_dir, archive, companies)
    assert {o.status for o in again} == {"unchanged"}
    assert sum(len(archive.versions(doc)) for doc in archive.documents()) == len(manifest)
