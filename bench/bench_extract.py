"""Benchmark: extraction over every document of ../shared/corpus (cold, then warm in-process).

Prints documents, characters, statements found and seconds. Usage: python bench/extract_corpus.py [CORPUS]
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from accesswatch.extract import extract_statements
from accesswatch.extract.command import TextFileError, read_text_file


def main() -> int:
    corpus = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parents[1].parent / "shared" / "corpus"
    files = sorted(p for p in corpus.glob("*/*/*.*") if p.suffix in (".txt", ".md"))
    texts = []
    for p in files:
        try:
            texts.append((p, read_text_file(p)))
        except TextFileError as exc:
            print(f"skipped: {exc}")
    for label in ("cold", "warm"):
        t0 = time.perf_counter()
        n = sum(len(extract_statements(t)) for _, t in texts)
        dt = time.perf_counter() - t0
        print(f"{label}: {len(texts)} documents, {sum(len(t) for _, t in texts):,} chars, {n} statements, {dt:.2f} s")
    longest = max(texts, key=lambda x: len(x[1]))
    t0 = time.perf_counter()
    extract_statements(longest[1] + " ")
    print(f"longest document {longest[0].name} ({len(longest[1]):,} chars): {time.perf_counter() - t0:.2f} s (memoised units)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
