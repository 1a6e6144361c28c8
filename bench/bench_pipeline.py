"""Benchmark: the whole pipeline (extract + align + diff + records) over the imported corpus.

Imports ../shared/corpus into a temporary archive, then runs `Pipeline` twice on a temporary copy
of data/: cold (empty caches) and warm (nothing changed: every extraction and diff comes from the
content-hash cache). Prints wall times and what each run did.

    .venv/bin/python bench/bench_pipeline.py [--corpus ../shared/corpus]
"""

import argparse
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from accesswatch.archive.archive import Archive  # noqa: E402
from accesswatch.archive.importer import import_directory  # noqa: E402
from accesswatch.pipeline import Pipeline  # noqa: E402
from accesswatch.sources import load_sources  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus")
    args = parser.parse_args()
    if not (args.corpus / "manifest.yml").exists():
        print(f"no corpus at {args.corpus}; nothing to measure")
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        data = tmp / "data"
        shutil.copytree(ROOT / "data" / "sources", data / "sources")
        archive = Archive(tmp / "archive")
        started = time.perf_counter()
        import_directory(args.corpus, archive, load_sources(data / "sources"))
        print(f"import: {time.perf_counter() - started:.1f} s for {sum(len(archive.versions(d)) for d in archive.documents())} versions")
        for label in ("cold", "warm (nothing changed)"):
            started = time.perf_counter()
            summary = Pipeline(tmp / "archive", data, log=lambda *a, **k: None).run()
            elapsed = time.perf_counter() - started
            print(
                f"pipeline {label}: {elapsed:.1f} s — {summary.documents} documents, {summary.versions} versions, "
                f"{summary.statements} statements, {summary.changes} changes; extraction {summary.extractions_run} run / "
                f"{summary.extractions_cached} cached; diff {summary.diffs_run} run / {summary.diffs_cached} cached"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
