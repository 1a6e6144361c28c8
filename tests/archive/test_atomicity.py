"""kill -9 at any point of an ingest leaves the archive consistent, and a re-run completes it."""

import datetime as dt
import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from accesswatch.archive import Archive, Capture
from accesswatch.record_models import VersionMeta
from accesswatch.sources import Source

REPO = Path(__file__).resolve().parents[2]
DOC = "example-lab/framework"
T0 = dt.datetime(2025, 3, 3, 12, 0, tzinfo=dt.timezone.utc)
SOURCE = Source(id="framework", title="Framework", kind="framework", url="https://lab.example/framework")

# The child ingests one page and SIGKILLs itself inside its N-th atomic write: "before" the write,
# "mid" (temporary file written, not renamed) or "after" the rename.
_CHILD = textwrap.dedent(
    """
    import datetime as dt, os, signal, sys
    import accesswatch.archive.store as store
    from accesswatch.archive import Archive, Capture
    from accesswatch.sources import Source

    root, kill_at, when = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    real = store.write_atomic
    calls = []

    def dying_write(path, data):
        calls.append(path)
        if len(calls) == kill_at and when == "before":
            os.kill(os.getpid(), signal.SIGKILL)
        if len(calls) == kill_at and when == "mid":
            path.parent.mkdir(parents=True, exist_ok=True)
            with open(path.parent / (".tmp-dying-" + path.name), "wb") as handle:
                handle.write(data[: len(data) // 2])
            os.kill(os.getpid(), signal.SIGKILL)
        real(path, data)
        if len(calls) == kill_at and when == "after":
            os.kill(os.getpid(), signal.SIGKILL)

    store.write_atomic = dying_write
    source = Source(id="framework", title="Framework", kind="framework", url="https://lab.example/framework")
    body = ("<html><body><main><h1>Framework</h1><p>" + "External evaluators get access. " * 40 + "</p></main></body></html>").encode()
    when_fetched = dt.datetime(2025, 3, 3, 12, 0, tzinfo=dt.timezone.utc)
    print(Archive(root).ingest(Capture("example-lab/framework", "https://lab.example/framework", body, when_fetched, "live"), source))
    """
)
BODY = ("<html><body><main><h1>Framework</h1><p>" + "External evaluators get access. " * 40 + "</p></main></body></html>").encode()


def _assert_consistent(root: Path) -> None:
    """Every listed version has its text and valid metadata; nothing half-written is visible."""
    archive = Archive(root)
    for doc in archive.documents():
        for meta in archive.versions(doc):
            assert isinstance(meta, VersionMeta)
            assert len(archive.text(doc, meta.id)) == meta.chars
    for raw in (root / "raw").rglob("*") if (root / "raw").exists() else []:
        if raw.is_file() and not raw.name.startswith(".tmp-"):
            from accesswatch.archive.store import sha256_hex

            assert sha256_hex(raw.read_bytes()) == raw.name  # content-addressed files are whole


# Writes of one first ingest: 1 raw bytes, 2 version text, 3 version JSON, 4 capture record.
@pytest.mark.parametrize(("kill_at", "when"), [(1, "mid"), (1, "after"), (2, "mid"), (2, "after"), (3, "before"), (3, "mid"), (3, "after"), (4, "mid")])
def test_kill_during_ingest_then_rerun(tmp_path, kill_at, when):
    root = tmp_path / "archive"
    child = subprocess.run([sys.executable, "-c", _CHILD, str(root), str(kill_at), when], cwd=REPO, capture_output=True, text=True, timeout=60)
    assert child.returncode == -signal.SIGKILL, child.stderr
    _assert_consistent(root)
    archive = Archive(root)
    json_written = kill_at > 3 or (kill_at == 3 and when == "after")
    assert len(archive.versions(DOC)) == (1 if json_written else 0)

    outcome = archive.ingest(Capture(DOC, "https://lab.example/framework", BODY, T0, "live"), SOURCE)
    assert outcome.status == ("unchanged" if json_written else "new-version")
    assert [v.id for v in archive.versions(DOC)] == ["2025-03-03T120000Z"]
    _assert_consistent(root)

    archive.repair()
    leftovers = [p for p in root.rglob("*") if p.is_file() and (p.name.startswith(".tmp-") or (p.suffix == ".md" and not p.with_suffix(".json").exists()))]
    assert leftovers == []


def test_orphan_text_without_metadata_is_not_a_version(tmp_path):
    archive = Archive(tmp_path)
    folder = tmp_path / "versions" / "example-lab" / "framework"
    folder.mkdir(parents=True)
    (folder / "2025-03-03T120000Z.md").write_text("half of a run\n")
    assert archive.documents() == [] and archive.versions(DOC) == []
    with pytest.raises(KeyError):
        archive.text(DOC, "2025-03-03T120000Z")
    outcome = archive.ingest(Capture(DOC, "https://lab.example/framework", BODY, T0, "live"), SOURCE)
    assert outcome.version.id == "2025-03-03T120000Z"  # the orphan's id is reused, its text replaced
    assert archive.text(DOC, outcome.version.id).startswith("# Framework")


def test_repair_spares_fresh_files(tmp_path):
    archive = Archive(tmp_path)
    folder = tmp_path / "versions" / "example-lab" / "framework"
    folder.mkdir(parents=True)
    orphan = folder / "x.md"
    orphan.write_text("in flight\n")
    assert archive.repair(min_age_seconds=3600) == []
    assert orphan.exists()
    assert archive.repair() == [orphan]


def test_kill_at_random_moments_of_a_long_run(tmp_path):
    """A child ingesting many changing captures is killed at arbitrary moments; each time the store is consistent."""
    root = tmp_path / "archive"
    script = textwrap.dedent(
        """
        import datetime as dt, sys
        from accesswatch.archive import Archive, Capture
        archive = Archive(sys.argv[1])
        for n in range(150):
            body = ("<html><body><h1>Framework</h1><p>Revision %d. " % n + "Evaluators get access. " * 50 + "</p></body></html>").encode()
            when = dt.datetime(2025, 1, 1, tzinfo=dt.timezone.utc) + dt.timedelta(minutes=n)
            archive.ingest(Capture("example-lab/framework", "https://lab.example/f", body, when, "live"))
        """
    )
    for delay in (0.4, 0.7, 1.0):
        child = subprocess.Popen([sys.executable, "-c", script, str(root)], cwd=REPO)
        time.sleep(delay)
        os.kill(child.pid, signal.SIGKILL)
        child.wait(timeout=30)
        _assert_consistent(root)
    before = len(Archive(root).versions(DOC))
    finished = subprocess.run([sys.executable, "-c", script, str(root)], cwd=REPO, timeout=120)
    assert finished.returncode == 0
    _assert_consistent(root)
    assert len(Archive(root).versions(DOC)) == 150 >= before
