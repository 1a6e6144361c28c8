"""Benchmark of the diff stage over the corpus: extraction + diff of every document and every
consecutive pair (cold, one process), and the diff time of the longest consecutive pair.

Usage: .venv/bin/python bench/bench_diff.py [--corpus ../shared/corpus]
Prints figures; writes nothing.
"""

from __future__ import annotations

import argparse
import resource
import time
from pathlib import Path

from accesswatch.diff import diff_versions
from accesswatch.diff.changes import classify_changes
from accesswatch.diff.command import read_version_text
from accesswatch.diff.listing import build_listing
from accesswatch.extract import extract_statements

REPO = Path(__file__).resolve().parent.parent


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=REPO.parent / "shared" / "corpus")
    args = parser.parse_args()
    files = sorted(p for p in args.corpus.glob("*/*/*") if p.suffix in (".txt", ".md"))
    by_doc: dict[Path, list[Path]] = {}
    for f in files:
        by_doc.setdefault(f.parent, []).append(f)
    pairs = [(a, b) for versions in by_doc.values() for a, b in zip(sorted(versions), sorted(versions)[1:])]
    total_bytes = sum(f.stat().st_size for f in files)

    started = time.perf_counter()
    texts = {f: read_version_text(f) for f in files}
    statements = 0
    for f in files:
        statements += len(extract_statements(texts[f]))
    t_extract = time.perf_counter() - started

    def run_pairs() -> tuple[float, int, int, int, int]:
        t0 = time.perf_counter()
        changes = shown = folded = longest = 0
        for a, b in pairs:
            diff_versions(texts[a], texts[b])
            found = classify_changes(texts[a], texts[b])
            listing = build_listing(found)
            changes += len(found)
            shown += len(listing.shown)
            folded += listing.folded
            longest = max(longest, len(listing.shown))
        return time.perf_counter() - t0, changes, shown, folded, longest

    t_pairs, changes, shown, folded, longest = run_pairs()
    print(f"corpus: {len(files)} documents, {total_bytes / 1e6:.1f} MB, {len(pairs)} consecutive pairs")
    print(f"extract every document (cold): {t_extract:.1f} s, {statements} statements")
    print(
        f"redline + change list of every pair: {t_pairs:.1f} s ({changes} changes; listed {shown}, "
        f"{folded} folded into section counts; longest list {longest})"
    )
    print(f"total cold: {t_extract + t_pairs:.1f} s")
    t_again, *_ = run_pairs()
    print(f"re-run of every pair in the same process (nothing changed, no result cache): {t_again:.1f} s")

    largest = sorted(pairs, key=lambda p: len(texts[p[0]]) + len(texts[p[1]]), reverse=True)[:3]
    for a, b in largest:
        t0 = time.perf_counter()
        diff = diff_versions(texts[a], texts[b])
        t_diff = time.perf_counter() - t0
        t0 = time.perf_counter()
        found = classify_changes(texts[a], texts[b])
        t_changes = time.perf_counter() - t0
        print(
            f"large pair {a.relative_to(args.corpus)} → {b.name} ({len(texts[a]) / 1e3:.0f} KB / {len(texts[b]) / 1e3:.0f} KB): "
            f"hierarchical diff {t_diff:.2f} s ({diff.stats.paragraphs_changed} paragraphs changed), "
            f"change list {t_changes:.2f} s ({len(found)} changes, extraction included, warm)"
        )
    print(f"peak RSS: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
