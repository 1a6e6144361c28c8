"""The crawl pull-request body: reports + record changes in, readable Markdown out."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

from accesswatch.pr_summary import main, record_deltas, render_summary
from accesswatch.record_models import DocumentRecord

SHA = "ab" * 32


def _record(versions: list[str], changes: list[dict], conflict: str | None = None) -> DocumentRecord:
    return DocumentRecord.model_validate({
        "document": {"id": "acme/policy", "company": "acme", "title": "Acme Safety Policy", "kind": "framework",
                     "url": "https://acme.example/policy"},
        "versions": [{"id": v, "date": v, "url": "https://acme.example/policy", "origin": "live", "raw_sha256": SHA,
                      "text_sha256": SHA, "chars": 10, "normalizer_version": "1"} for v in versions],
        "statements": [{"id": "s1", "version": versions[-1], "first_seen": versions[0], "last_seen": versions[-1], "current": True,
                        "quote": "We may share models.", "start": 0, "end": 20, "categories": ["external-evaluation"],
                        "strength": "discretionary", "conflict": conflict}],
        "changes": changes,
    })


WEAKENED = {"id": "c1", "old_version": "2024-01-01", "new_version": "2025-01-01", "kind": "weakened", "statement": "s1",
            "before": "We will share models with <b>external</b> evaluators @everyone.",
            "after": "We may share models with [evaluators](https://evil.example).",
            "reasons": ['strength commitment → discretionary ("will" → "may")'], "materiality": 90, "announced": False}
REWORDED = {"id": "c2", "old_version": "2024-01-01", "new_version": "2025-01-01", "kind": "reworded",
            "before": "Testing happens.", "after": "Testing takes place.", "materiality": 5}

REPORT = {
    "schema_version": 1, "started_at": "2025-01-01T04:23:00Z", "user_agent": "AccessWatch",
    "sources": [
        {"document_id": "acme/policy", "company": "acme", "url": "https://acme.example/policy", "status": "new-version", "fetched": True,
         "version_id": "2025-01-01"},
        {"document_id": "acme/card", "company": "acme", "url": "https://acme.example/card.pdf", "status": "failed", "fetched": False,
         "reason": "HTTP 404 Not Found", "http_status": 404},
        {"document_id": "acme/news-post", "company": "acme", "url": "https://acme.example/n", "status": "anomaly", "fetched": True,
         "reason": "text shrank to 4% of the last version"},
        {"document_id": "acme/old", "company": "acme", "url": "https://acme.example/o", "status": "not-modified", "fetched": False},
    ],
    "listings": [{"company": "acme", "listing_id": "news", "url": "https://acme.example/news", "status": "fetched",
                  "proposed": ["https://acme.example/acme-3-system-card"]}],
}


def test_summary_lists_versions_changes_anomalies_failures_and_proposals() -> None:
    before = {"acme/policy": _record(["2024-01-01"], [])}
    after = {"acme/policy": _record(["2024-01-01", "2025-01-01"], [REWORDED, WEAKENED], conflict="strength changed under review")}
    body = render_summary([REPORT], record_deltas(before, after), validation="", run_url="https://github.example/run/1")
    assert body.startswith("## Crawl summary\n\n4 source(s) crawled: 1 new-version, 0 unchanged, 1 not-modified, 1 anomaly, 1 failed. "
                           "1 new version(s), 2 statement change(s).")
    assert "| Acme Safety Policy (`acme/policy`) | `2025-01-01` | 1 → 1 |" in body
    assert "By kind: reworded 1, ⚠️ weakened 1" in body
    # most material first, with its reason and both quotes
    assert body.index("⚠️ weakened") < body.index("**reworded**")
    assert ("- **⚠️ weakened** in Acme Safety Policy (`acme/policy`), `2024-01-01` → `2025-01-01`, silent · materiality 90\n"
            '  - why: strength commitment → discretionary ("will" → "may")') in body
    assert "- **failed** `acme/card` — HTTP 404 Not Found (HTTP 404)" in body
    assert "- **anomaly** `acme/news-post` — text shrank to 4% of the last version" in body
    assert "- `acme`: `https://acme.example/acme-3-system-card`" in body
    assert "- `acme/policy` s1: strength changed under review" in body


def test_crawled_text_cannot_inject_markup_links_or_mentions() -> None:
    body = render_summary([], record_deltas({}, {"acme/policy": _record(["2024-01-01", "2025-01-01"], [WEAKENED])}))
    assert "<b>" not in body and "[evaluators](" not in body and "@everyone" not in body
    assert "\\<b\\>external\\</b\\>" in body and "@\u200beveryone" in body


def test_nothing_new_says_so() -> None:
    record = _record(["2024-01-01"], [])
    body = render_summary([], record_deltas({"acme/policy": record}, {"acme/policy": record}))
    assert body.count("None.") == 3
    assert "0 source(s) crawled" in body


def test_validation_problems_are_included_and_the_body_stays_under_githubs_limit() -> None:
    many = [dict(WEAKENED, id=f"c{i}", before="x" * 500, after="y" * 500) for i in range(300)]
    deltas = record_deltas({}, {"acme/policy": _record(["2024-01-01", "2025-01-01"], many)})
    body = render_summary([REPORT], deltas, validation="data/events/a.yml:3: unknown field 'x'\nvalidate: 1 problem(s)\n")
    assert len(body) <= 61_000
    assert "…and 240 less material change(s)" in body
    assert "```text\ndata/events/a.yml:3: unknown field 'x'\n```" in body


def test_command_reads_reports_and_compares_records_with_git(tmp_path: Path) -> None:
    def git(*args: str) -> None:
        subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@example.org", *args], cwd=tmp_path, check=True, capture_output=True)

    from accesswatch.records import write_record

    path = tmp_path / "data" / "documents" / "acme" / "policy.yml"
    write_record(path, _record(["2024-01-01"], []))
    git("init", "-q")
    git("add", ".")
    git("commit", "-q", "-m", "base")
    write_record(path, _record(["2024-01-01", "2025-01-01"], [WEAKENED]))
    (tmp_path / "reports").mkdir()
    (tmp_path / "reports" / "crawl-acme.json").write_text(json.dumps(REPORT), encoding="utf-8")
    output = tmp_path / "pr-body.md"
    assert main(["--reports", str(tmp_path / "reports"), "--data", str(tmp_path / "data"), "--output", str(output)]) == 0
    body = output.read_text(encoding="utf-8")
    assert "| Acme Safety Policy (`acme/policy`) | `2025-01-01` | 1 → 1 |" in body
    assert "1 statement change(s)" in body
