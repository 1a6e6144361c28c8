"""Benchmark: build time of the site from the embedded data and from a synthetic dataset ten times larger.

Prints total seconds, pages, milliseconds per page (goal: under 30 ms per page), and the split
between our generation step and MkDocs rendering.

    .venv/bin/python bench/bench_site.py [--scale 10] [--keep DIR]
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import sys
import tempfile
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO_ROOT))

from accesswatch.events import Event  # noqa: E402
from accesswatch.record_models import Change, DocumentInfo, DocumentRecord, Statement, StatementRevision, VersionMeta  # noqa: E402
from accesswatch.sitegen.build import build_site  # noqa: E402
from accesswatch.tables import Dataset, load_dataset  # noqa: E402
from accesswatch.taxonomy import CATEGORIES, STRENGTHS  # noqa: E402

WORDS = ("we will share pre-deployment access with external evaluators including the UK AISI and METR "
         "for testing of frontier models before release and may publish summaries of the results").split()


def _sha(*parts: object) -> str:
    return hashlib.sha256("|".join(map(str, parts)).encode()).hexdigest()


def _sentence(seed: int, length: int = 22) -> str:
    return " ".join(WORDS[(seed * 7 + i * 3) % len(WORDS)] for i in range(length)).capitalize() + "."


def synthetic_dataset(documents: int, statements_per_document: int, versions_per_document: int,
                      events: int, companies: int = 12) -> Dataset:
    """A dataset of the given size with realistic shapes (histories, changes, reviews, events)."""
    records = []
    for d in range(documents):
        company = f"company-{d % companies:02d}"
        doc_id = f"{company}/document-{d:04d}"
        versions = [VersionMeta(id=f"{2020 + v}-0{1 + d % 9}-15", date=dt.date(2020 + v, 1 + d % 9, 15),
                                url=f"https://example.org/{doc_id}", origin=("import", "wayback", "live")[v % 3],
                                raw_sha256=_sha(doc_id, v, "raw"), text_sha256=_sha(doc_id, v, "text"),
                                chars=20_000 + v * 300, normalizer_version="1")
                    for v in range(versions_per_document)]
        statements, changes = [], []
        for s in range(statements_per_document):
            sid = f"s{s:03d}"
            first = versions[s % len(versions)]
            quote = _sentence(d * 1000 + s)
            history = [StatementRevision(version=v.id, quote=_sentence(d * 1000 + s + (i % 2)),
                                         strength=STRENGTHS[(s + i) % 4], categories=[CATEGORIES[s % 7]])
                       for i, v in enumerate(versions[s % len(versions):])]
            statements.append(Statement(
                id=sid, version=versions[-1].id, first_seen=first.id, last_seen=versions[-1].id, current=s % 5 != 0,
                quote=quote, section=f"Section {s % 6}", start=s * 100, end=s * 100 + len(quote),
                categories=[CATEGORIES[s % 7], CATEGORIES[(s + 3) % 7]][: 1 + s % 2], strength=STRENGTHS[s % 4],
                access_depth=f"A{s % 6}" if s % 3 == 0 else None, actors=["UK AISI", "METR"][: s % 3],
                cues=["will"], history=history))
            if len(versions) > 1 and s % 2 == 0:
                changes.append(Change(
                    id=f"c{s:03d}", old_version=versions[-2].id, new_version=versions[-1].id,
                    kind=("weakened", "strengthened", "added", "removed", "reworded")[s % 5], statement=sid,
                    before=_sentence(d * 1000 + s + 1), after=quote, categories=[CATEGORIES[s % 7]],
                    materiality=s % 100, announced=(True, False, None)[s % 3]))
        records.append(DocumentRecord(
            document=DocumentInfo(id=doc_id, company=company, title=f"Document {d}", kind="framework",
                                  url=f"https://example.org/{doc_id}"),
            versions=versions, statements=statements, changes=changes))
    event_list = [Event(id=f"event-{e:04d}", date=dt.date(2023, 1 + e % 12, 1 + e % 28),
                        type=("pre-deployment-access", "model-release", "system-card-published", "internal-use")[e % 4],
                        title=f"Event {e}", companies=[f"company-{e % companies:02d}"], model=f"Model {e // 4}",
                        evaluators=["UK AISI"] if e % 4 == 0 else [], access_depth="A1" if e % 4 == 0 else None,
                        days_before_release=7 if e % 4 == 0 else None,
                        sources=[{"url": "https://example.org/source", "title": "Source"}])
                  for e in range(events)]
    return Dataset(companies=[], records=records, events=event_list)


def _run(label: str, output: Path, **kwargs) -> None:
    report = build_site(output=output, base_url="https://example.org/", **kwargs)
    per_page = 1000 * report.total_seconds / max(report.pages, 1)
    print(f"{label:<34} pages {report.pages:>6}  total {report.total_seconds:7.2f} s  "
          f"{per_page:6.1f} ms/page  (generation {report.generate_seconds:6.2f} s, "
          f"MkDocs {report.render_seconds:6.2f} s)", flush=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=int, default=10)
    parser.add_argument("--keep", type=Path, help="build under this folder instead of a temporary one")
    parser.add_argument("--data", type=Path, default=REPO_ROOT / "data", help="the embedded data folder (default: data/)")
    parser.add_argument("--archive", type=Path, help="archive folder for full texts (optional)")
    args = parser.parse_args()
    embedded = load_dataset(args.data)
    documents = max(len(embedded.records), 12)
    statements = max(round(sum(len(r.statements) for r in embedded.records) / max(len(embedded.records), 1)), 10)
    versions = max(round(sum(len(r.versions) for r in embedded.records) / max(len(embedded.records), 1)), 2)
    events = max(len(embedded.events), 60)
    print(f"embedded data: {len(embedded.records)} documents, "
          f"{sum(len(r.statements) for r in embedded.records)} statements, {len(embedded.events)} events")
    with tempfile.TemporaryDirectory() as tmp:
        root = args.keep or Path(tmp)
        _run(f"embedded {args.data.name}/", root / "embedded" / "site", dataset=embedded, archive=args.archive)
        base = synthetic_dataset(documents, statements, versions, events)
        _run(f"synthetic ×1 ({documents} docs)", root / "synthetic-1" / "site", dataset=base)
        large = synthetic_dataset(documents * args.scale, statements, versions, events * args.scale)
        _run(f"synthetic ×{args.scale} ({documents * args.scale} docs)", root / f"synthetic-{args.scale}" / "site",
             dataset=large)
    return 0


if __name__ == "__main__":
    sys.exit(main())
