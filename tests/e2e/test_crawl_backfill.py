"""Wayback backfill against a local fake of the CDX API and `id_` playback, speaking their formats.

The fake CDX answers JSON arrays of arrays (header row first, one row per line, as the real
server writes them), including a malformed line; playback serves each capture's bytes at
`/web/<timestamp>id_/<original url>`.
"""

from __future__ import annotations

import datetime as dt
from urllib.parse import parse_qs

import pytest

from accesswatch.archive import Archive
from accesswatch.archive.backfill import (DEFAULT_RATE, CDXError, TokenBucket, WaybackClient, parse_cdx, run_backfill)
from accesswatch.cli import main
from tests.crawler.crawl_harness import framework_html, framework_pdf, write_sources
from tests.crawler.fake_site import FakeSite, Hit, Reply

RATE = 40.0  # requests/s in tests; the default (0.4) is checked on the bucket itself


def _cdx_rows(base: str, path: str) -> list[str]:
    url = base + path
    if path == "/framework":
        return [
            '["20230115120000","%s","DIGESTA","text/html"]' % url,
            '["20230601","%s"' % url,  # malformed: a truncated line
            '["20240210083000","%s","DIGESTB","text/html"]' % url,
            '["20240301000000","%s","DIGESTC","text/html"]' % url,  # same text, other noise
            '["20240402000000","%s","DIGESTD","text/html"]' % url,  # playback 404s
        ]
    if path == "/framework.pdf":
        return ['["20221201093000","%s","DIGESTP","application/pdf"]' % url]
    return []


@pytest.fixture()
def wayback(tmp_path):
    site = FakeSite().start()
    base = site.base_url

    def cdx(hit: Hit) -> Reply:
        query = parse_qs(hit.query)
        url = query["url"][0]
        if url.endswith("/access-policy"):
            return Reply(500, b"CDX backend error", {"Content-Type": "text/plain"})
        rows = _cdx_rows(base, url[len(base):])
        # One row per line, as the real server writes them; "[]" when there is no capture.
        text = "[" + ",\n".join(['["timestamp","original","digest","mimetype"]', *rows]) + "]\n" if rows else "[]\n"
        return Reply(200, text.encode(), {"Content-Type": "application/json"})

    def playback(hit: Hit) -> Reply:
        stamp, _, original = hit.path[len("/web/"):].partition("/")
        assert stamp.endswith("id_"), hit.path
        stamp = stamp[:-3]
        pages = {
            "20230115120000": framework_html(1),
            "20240210083000": framework_html(2),
            "20240301000000": framework_html(2).replace(b"\xc2\xa9 2025", b"\xc2\xa9 2024"),
            "20221201093000": framework_pdf(2),
        }
        if stamp not in pages:
            return Reply(404, b"not in archive", {"Content-Type": "text/plain"})
        kind = "application/pdf" if original.endswith(".pdf") else "text/html; charset=utf-8"
        return Reply(200, pages[stamp], {"Content-Type": kind, "X-Archive-Orig-Date": "Mon, 15 Jan 2023 12:00:00 GMT"})

    site.route("/cdx/search/cdx", cdx)
    site.route_prefix("/web/", playback)
    sources = {
        "framework-html": ("/framework", "html", {"select": ["main article"], "filters": ["cookie-banner", "share-links"]}),
        "framework-pdf": ("/framework.pdf", "pdf", {}),
        "access-policy": ("/access-policy", "html", {}),
    }
    write_sources(tmp_path / "data", base, sources, listings=False)
    client = WaybackClient(base + "/cdx/search/cdx", base + "/web", rate=RATE, timeout=5)
    yield site, client, tmp_path
    site.stop()


def test_backfill_archives_distinct_captures_dated_by_capture_time(wayback):
    site, client, root = wayback
    archive = Archive(root / "archive")
    report = run_backfill(root / "data", archive, client)
    html = next(d for d in report.documents if d.document_id == "testco/framework-html")
    assert [(c.timestamp, c.status) for c in html.captures] == [
        ("20230115120000", "new-version"), ("20240210083000", "new-version"),
        ("20240301000000", "unchanged"), ("20240402000000", "failed")]
    assert "HTTP 404" in html.captures[3].reason and "20240402000000id_" in html.captures[3].reason
    versions = archive.versions("testco/framework-html")
    assert [(v.origin, v.date, v.captured_at) for v in versions] == [
        ("wayback", dt.date(2023, 1, 15), dt.datetime(2023, 1, 15, 12, 0, tzinfo=dt.timezone.utc)),
        ("wayback", dt.date(2024, 2, 10), dt.datetime(2024, 2, 10, 8, 30, tzinfo=dt.timezone.utc))]
    assert "helpful-only model access" in archive.text("testco/framework-html", versions[1].id)
    pdf = archive.versions("testco/framework-pdf")
    assert len(pdf) == 1 and pdf[0].origin == "wayback" and "[[page 2]]" in archive.text("testco/framework-pdf", pdf[0].id)


def test_malformed_cdx_line_is_reported_and_skipped(wayback):
    site, client, root = wayback
    report = run_backfill(root / "data", Archive(root / "archive"), client)
    html = next(d for d in report.documents if d.document_id == "testco/framework-html")
    assert len(html.malformed_lines) == 1 and "line 3: not valid JSON" in html.malformed_lines[0]
    assert report.totals["malformed-lines"] == 1


def test_a_failed_cdx_query_fails_that_document_only(wayback):
    site, client, root = wayback
    report = run_backfill(root / "data", Archive(root / "archive"), client)
    failed = next(d for d in report.documents if d.document_id == "testco/access-policy")
    assert failed.status == "failed" and "HTTP 500" in failed.reason and "/cdx/search/cdx?url=" in failed.reason
    assert report.totals["new-version"] == 3


def test_queries_use_the_real_cdx_parameters_and_id_playback(wayback):
    site, client, root = wayback
    run_backfill(root / "data", Archive(root / "archive"), client, only_sources=["testco/framework-html"])
    cdx = [parse_qs(hit.query) for hit in site.hits if hit.path == "/cdx/search/cdx"]
    assert cdx == [{"url": [site.base_url + "/framework"], "output": ["json"], "collapse": ["digest"],
                    "filter": ["statuscode:200"], "fl": ["timestamp,original,digest,mimetype"]}]
    playback = [hit.path for hit in site.hits if hit.path.startswith("/web/")]
    assert playback[0] == f"/web/20230115120000id_/{site.base_url}/framework"
    assert all("AccessWatch" in hit.headers["user-agent"] for hit in site.hits)


def test_requests_respect_the_rate_limit(wayback):
    site, client, root = wayback
    run_backfill(root / "data", Archive(root / "archive"), client)
    times = [hit.at for hit in site.hits]
    assert len(times) >= 7
    # Server-side arrival times jitter under load; the span of the run cannot.
    assert times[-1] - times[0] >= (len(times) - 1) / RATE * 0.9


def test_a_second_backfill_fetches_nothing_again(wayback):
    site, client, root = wayback
    archive = Archive(root / "archive")
    run_backfill(root / "data", archive, client)
    site.reset_log()
    report = run_backfill(root / "data", archive, client)
    assert report.totals["new-version"] == 0 and report.totals["skipped"] == 4
    # Only the failed capture is tried again; skipped ones are not fetched.
    assert [hit.path.split("/")[2] for hit in site.hits if hit.path.startswith("/web/")] == ["20240402000000id_"]


def test_cli_writes_a_report(wayback, capsys):
    site, client, root = wayback
    status = main(["--data", str(root / "data"), "--archive", str(root / "archive"), "backfill", "--quiet",
                   "--rate", str(RATE), "--cdx-url", client.cdx_url, "--playback-url", client.playback_url,
                   "--from", "2023-01-01", "--report", str(root / "backfill.json"), "--source", "testco/framework-html"])
    assert status == 0
    assert '"new-version": 2' in (root / "backfill.json").read_text()
    assert "testco/framework-html" in capsys.readouterr().out
    assert parse_qs(next(h for h in site.hits if h.path == "/cdx/search/cdx").query)["from"] == ["20230101"]


def test_token_bucket_default_rate():
    clock = [0.0]
    slept = []
    bucket = TokenBucket(DEFAULT_RATE, clock=lambda: clock[0], sleep=lambda s: (slept.append(s), clock.__setitem__(0, clock[0] + s)))
    for _ in range(5):
        bucket.acquire()
    assert DEFAULT_RATE == 0.4 and slept == pytest.approx([2.5] * 4)


def test_parse_cdx_formats():
    assert parse_cdx("") == ([], [])
    assert parse_cdx("[]\n") == ([], [])
    records, problems = parse_cdx('[["timestamp","original","digest","mimetype"],\n["2023","http://x/a","D","text/html"],\n'
                                  '["20230101000000","http://x/a","D","text/html"],\n["20230101000000","http://x/a"]]')
    assert [r.timestamp for r in records] == ["20230101000000"]
    assert [p.line_number for p in problems] == [2, 4] and "bad timestamp" in str(problems[0])
    with pytest.raises(CDXError, match="header"):
        parse_cdx('{"error": "blocked"}')
