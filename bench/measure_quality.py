"""Measure extraction and change-detection quality against every answer key; write data/quality.yml.

Run from the repository root: `.venv/bin/python bench/measure_quality.py [--shared ../shared]
[--output data/quality.yml]`. Needs `../shared` (the corpus the keys point into); without it the
script says so and exits 2 without touching the output.

Keys and their roles are listed in STATEMENT_KEYS and CHANGE_KEYS below (tuning: looked at while
tuning; test: never). Statement keys are measured with `accesswatch.extract.evaluate.evaluate_key`,
change keys with `accesswatch.diff.measure.measure`.

The output (read by the methodology page, `accesswatch.sitegen.quality`) is written atomically:
`measured_on`, `statement_keys` and `change_keys`, each key with its path, role
(`tuning`/`test`) and figures. A key that cannot be measured is recorded with its error.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
import tempfile
import time
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

# Role `tuning`: the extractor or the change classifier was tuned while looking at the key's
# errors (its figures are optimistic). Role `test`: never looked at while tuning.
STATEMENT_KEYS = [
    ("dev-statements", "{shared}/gold/dev-statements.yml", "tuning"),
    ("heldout-statements", "tests/extract/keys/heldout-statements.yml", "tuning"),
    ("test-statements", "tests/extract/keys/test-statements.yml", "tuning"),
    ("final-statements-a", "tests/extract/keys/final-statements-a.yml", "tuning"),
    ("final-statements-b", "tests/extract/keys/final-statements-b.yml", "tuning"),
    ("final-statements-c", "tests/extract/keys/final-statements-c.yml", "tuning"),
    ("final-statements-d", "tests/extract/keys/final-statements-d.yml", "tuning"),
    ("final-statements-e", "tests/extract/keys/final-statements-e.yml", "test"),
]
CHANGE_KEYS = [
    ("dev-changes", "{shared}/gold/dev-changes.yml", "tuning"),
    ("hand_checked_pairs", "tests/diff/hand_checked_pairs.yml", "tuning"),
    ("test-changes-meta-gdm-openai", "tests/keys/changes/test-changes-meta-gdm-openai.yml", "tuning"),
    ("test-changes-xai-microsoft-naver", "tests/keys/changes/test-changes-xai-microsoft-naver.yml", "tuning"),
    ("test-changes-anthropic", "tests/keys/changes/test-changes-anthropic.yml", "test"),
]


def _shown_path(path: Path, shared: Path) -> str:
    """A path as recorded: repository-relative, or `../shared/...` for the shared folder."""
    try:
        return str(path.resolve().relative_to(REPO))
    except ValueError:
        try:
            return "../shared/" + str(path.resolve().relative_to(shared.resolve()))
        except ValueError:
            return str(path)


def measure_statements(key: Path, corpus: Path) -> dict:
    """Extraction figures of one statement key: precision, recall, F1, category micro-F1, accuracies."""
    from accesswatch.extract.evaluate import evaluate_key

    result = evaluate_key(key, corpus).to_json()
    return {
        "statements": result["true_positives"] + result["false_negatives"],
        "true_positives": result["true_positives"],
        "false_positives": result["false_positives"],
        "false_negatives": result["false_negatives"],
        "precision": result["precision"],
        "recall": result["recall"],
        "f1": result["f1"],
        "category_micro_f1": result["category_micro_f1"],
        "strength_accuracy": result["strength_accuracy"],
        "access_depth_accuracy": result["access_depth_accuracy"],
    }


def measure_changes(key: Path, corpus: Path) -> dict:
    """Change-detection figures of one change key: pairs, found/total, direction right/total."""
    from accesswatch.diff.measure import measure

    result = measure(key, corpus)
    return {
        "pairs": len(result["pairs"]),
        "found": result["found"],
        "total": result["total"],
        "direction_right": result["direction_right"],
        "announced_right": result.get("announced_right"),
        "announced_total": result.get("announced_total"),
    }


def _run(name: str, path: Path, role: str, shared: Path, corpus: Path, measure) -> dict:
    entry = {"name": name, "path": _shown_path(path, shared), "role": role}
    started = time.perf_counter()
    try:
        entry.update(measure(path, corpus))
    except Exception as error:  # one broken key must not lose the others' figures
        entry["error"] = f"{type(error).__name__}: {str(error).splitlines()[0] if str(error) else ''}"
    entry["seconds"] = round(time.perf_counter() - started, 1)
    return entry


def measure_all(shared: Path) -> dict:
    """Every key measured; returns the document written to data/quality.yml."""
    corpus = shared / "corpus"
    statements = [_run(name, Path(path.format(shared=shared)) if "{shared}" in path else REPO / path,
                       role, shared, corpus, measure_statements)
                  for name, path, role in STATEMENT_KEYS]
    change_keys = [(name, Path(path.format(shared=shared)) if "{shared}" in path else REPO / path, role)
                   for name, path, role in CHANGE_KEYS]
    changes = [_run(name, path, role, shared, corpus, measure_changes) for name, path, role in change_keys]
    return {
        "measured_on": dt.date.today().isoformat(),
        "tuning_keys": [e["name"] for e in statements + changes if e["role"] == "tuning"],
        "statement_keys": statements,
        "change_keys": changes,
    }


def write_quality(document: dict, output: Path) -> None:
    """Write the figures atomically (temp file + rename)."""
    output.parent.mkdir(parents=True, exist_ok=True)
    header = ("# Measured quality figures, written by bench/measure_quality.py; rendered on the methodology page.\n"
              "# Do not edit by hand: re-run the script.\n")
    fd, tmp = tempfile.mkstemp(dir=output.parent, prefix=".quality-", suffix=".yml")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(header + yaml.safe_dump(document, sort_keys=False, allow_unicode=True))
        os.replace(tmp, output)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _pct(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.3f}"


def print_figures(document: dict) -> None:
    """Print the figures as two small tables."""
    print(f"measured on {document['measured_on']}")
    print(f"{'statement key':22s} {'role':7s} {'P':>6s} {'R':>6s} {'F1':>6s} {'cat-F1':>7s} {'strength':>8s} {'depth':>6s}")
    for e in document["statement_keys"]:
        if "error" in e:
            print(f"{e['name']:22s} {e['role']:7s} error: {e['error']}")
            continue
        print(f"{e['name']:22s} {e['role']:7s} {_pct(e['precision']):>6s} {_pct(e['recall']):>6s} {_pct(e['f1']):>6s} "
              f"{_pct(e['category_micro_f1']):>7s} {_pct(e['strength_accuracy']):>8s} "
              f"{_pct(e['access_depth_accuracy']):>6s}  ({e['seconds']} s)")
    print(f"{'change key':36s} {'role':7s} {'pairs':>5s} {'found':>9s} {'direction':>9s}")
    for e in document["change_keys"]:
        if "error" in e:
            print(f"{e['name']:36s} {e['role']:7s} error: {e['error']}")
            continue
        print(f"{e['name']:36s} {e['role']:7s} {e['pairs']:>5d} {e['found']:>4d}/{e['total']:<4d} "
              f"{e['direction_right']:>4d}/{e['total']:<4d}  ({e['seconds']} s)")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=REPO.parent / "shared")
    parser.add_argument("--output", type=Path, default=REPO / "data" / "quality.yml")
    args = parser.parse_args(argv)
    if not (args.shared / "corpus").is_dir():
        print(f"measure_quality: {args.shared / 'corpus'} is absent; nothing measured, {args.output} left as it is",
              file=sys.stderr)
        return 2
    document = measure_all(args.shared)
    write_quality(document, args.output)
    print_figures(document)
    print(f"wrote {args.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
