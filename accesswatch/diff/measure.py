"""Measure the change list against a key of hand-labelled material changes.

Key format: `../shared/gold/dev-changes.yml` (pairs: old/new corpus paths; changes: old, new,
kind, before, after, announced). `tests/diff/hand_checked_pairs.yml` uses the same format with
short quotes (a distinctive fragment of the unit rather than the whole unit).

**Match rule (fixed).** A key change is *found* when a change the default listing shows one by one
(`accesswatch.diff.listing.build_listing`: kind added, removed, weakened or strengthened, not
folded into a section's summary line) overlaps it: for each side the key quotes (before,
after), the reported quote on that side contains the key quote, or the key quote contains the
reported one, or their token-set similarity is ≥ 80 — after squashing whitespace, straightening
quotes and lower-casing. One side overlapping is enough (a key `weakened` pair may be reported as
a removal plus an addition). Its *direction is right* when the matched change's direction
(weakened/removed = down, strengthened/added = up) equals the key's; among several matches the
best-ranked one with the right direction counts. Announced is compared on found changes:
key `announced`/`partly` = True, `silent` = False, `no-changelog` = None.

**Ranking (fixed).** A found key change's *rank* is the position (1-based) of its best match in
the shown list (the best-ranked match with the right direction, else the best-ranked match).
Reported per pair and in total: `top10` = found key changes ranked 1–10, out of `top10_max` =
min(10, key changes) per pair (a pair with 49 key changes can fill at most 10 places);
`precision10` = of the first min(10, shown) items shown, how many match a key change (what a
reader sees first is material); `median_rank` of the found ones; and `top10_pairs` = on how many
pairs with key changes the top 10 holds min(10, key changes) of them.

Run: `python -m accesswatch.diff.measure KEY --corpus DIR [--json]`.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

import yaml
from rapidfuzz import fuzz

from accesswatch.diff.changes import StatementChange, classify_changes, _norm
from accesswatch.diff.announcements import parse_date
from accesswatch.diff.command import read_version_text
from accesswatch.diff.listing import build_listing

_DOWN = {"weakened", "removed"}
TOP = 10
_ANNOUNCED = {"announced": True, "partly": True, "silent": False, "no-changelog": None}


def _overlap(key: str | None, got: str | None) -> bool:
    if not key or not got:
        return False
    k, g = _norm(key), _norm(got)
    return k in g or g in k or fuzz.token_set_ratio(k, g) >= 80


def _matches(key: dict, change: StatementChange) -> bool:
    return _overlap(key.get("before"), change.before) or _overlap(key.get("after"), change.after)


def _direction(kind: str) -> str:
    return "down" if kind in _DOWN else "up"


def measure(key_path: Path, corpus: Path) -> dict:
    """Found/total, direction-right/total and the list length per pair of a key (see module doc)."""
    key = yaml.safe_load(key_path.read_text(encoding="utf-8"))
    result = {"pairs": [], "found": 0, "direction_right": 0, "total": 0, "announced_right": 0, "announced_total": 0, "top10": 0,
              "top10_max": 0, "first_shown": 0, "first_keyed": 0}
    for pair in key.get("pairs", []):
        old_p, new_p = corpus / pair["old"], corpus / pair["new"]
        kind = pair.get("kind")
        started = time.perf_counter()
        changes = classify_changes(
            read_version_text(old_p),
            read_version_text(new_p),
            old_kind=kind,
            old_date=parse_date(old_p.stem),
            new_date=parse_date(new_p.stem),
        )
        seconds = time.perf_counter() - started
        listing = build_listing(changes)
        shown = listing.shown
        labelled = [c for c in key.get("changes", []) if c["old"] == pair["old"] and c["new"] == pair["new"]]
        row = {
            "old": pair["old"],
            "new": pair["new"],
            "total": len(labelled),
            "found": 0,
            "direction_right": 0,
            "shown": len(shown),
            "folded": listing.folded,
            "hidden": listing.hidden,
            "seconds": round(seconds, 2),
            "missed": [],
            "wrong_direction": [],
            "ranks": [],
        }
        for lab in labelled:
            hits = [(rank, c) for rank, c in enumerate(shown, 1) if _matches(lab, c)]
            if not hits:
                row["missed"].append(lab.get("before") or lab.get("after"))
                continue
            row["found"] += 1
            right = [(r, c) for r, c in hits if _direction(c.kind) == _direction(lab["kind"])]
            rank, best = (right or hits)[0]
            row["ranks"].append(rank)
            if right:
                row["direction_right"] += 1
            else:
                row["wrong_direction"].append({"key": lab["kind"], "got": best.kind, "quote": (lab.get("before") or lab.get("after"))[:90]})
            expected = _ANNOUNCED.get(lab.get("announced"), "unknown")
            if expected != "unknown":
                result["announced_total"] += 1
                result["announced_right"] += int(best.announced == expected)
        row["top10_max"] = min(TOP, row["total"])
        row["top10"] = min(row["top10_max"], sum(1 for r in row["ranks"] if r <= TOP))
        row["first_shown"] = min(TOP, len(shown)) if labelled else 0
        row["first_keyed"] = sum(1 for c in shown[:TOP] if any(_matches(lab, c) for lab in labelled)) if labelled else 0
        row["median_rank"] = statistics.median(row["ranks"]) if row["ranks"] else None
        for k in ("found", "direction_right", "total", "top10", "top10_max", "first_shown", "first_keyed"):
            result[k] += row[k]
        result["pairs"].append(row)
    ranks = [r for row in result["pairs"] for r in row["ranks"]]
    result["median_rank"] = statistics.median(ranks) if ranks else None
    result["top10_pairs"] = sum(1 for row in result["pairs"] if row["total"] and row["top10"] >= min(TOP, row["total"]))
    result["pairs_with_keys"] = sum(1 for row in result["pairs"] if row["total"])
    result["precision10"] = round(result["first_keyed"] / result["first_shown"], 3) if result["first_shown"] else None
    return result


def _print(result: dict) -> None:
    for row in result["pairs"]:
        print(
            f"{row['old']} → {Path(row['new']).name}: found {row['found']}/{row['total']}, "
            f"direction {row['direction_right']}/{row['total']}, shown {row['shown']} (+{row['folded']} folded, +{row['hidden']} hidden), "
            f"ranks {row['ranks']} (top{TOP} {row['top10']}/{row['top10_max']}, keyed among first shown {row['first_keyed']}/{row['first_shown']}), {row['seconds']} s"
        )
        for m in row["missed"]:
            print(f"    missed: {m[:110]}")
        for w in row["wrong_direction"]:
            print(f"    direction: key {w['key']}, got {w['got']}: {w['quote']}")
    t = result["total"] or 1
    print(
        f"TOTAL found {result['found']}/{result['total']} ({result['found'] / t:.2f}), "
        f"direction {result['direction_right']}/{result['total']} ({result['direction_right'] / t:.2f}), "
        f"announced right {result['announced_right']}/{result['announced_total']}"
    )
    print(
        f"RANKING top{TOP} {result['top10']}/{result['top10_max']} ({result['top10'] / (result['top10_max'] or 1):.2f}), "
        f"keyed among first {TOP} shown {result['first_keyed']}/{result['first_shown']} ({result['precision10']}), "
        f"median rank {result['median_rank']}, pairs with all key changes in top{TOP}: "
        f"{result['top10_pairs']}/{result['pairs_with_keys']}"
    )


def main(argv: list[str] | None = None) -> int:
    """Command line: print the figures of one key (or several) against a corpus folder."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("keys", type=Path, nargs="+")
    parser.add_argument("--corpus", type=Path, required=True)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    for key in args.keys:
        result = measure(key, args.corpus)
        if args.json:
            print(json.dumps(result, ensure_ascii=False, indent=2))
        else:
            print(f"== {key}")
            _print(result)
    return 0


if __name__ == "__main__":
    sys.exit(main())
