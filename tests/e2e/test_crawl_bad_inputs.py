"""Bad inputs, each with its expected report line, no version created, the archive untouched.

One setup crawl archives good versions of two pages; the site then degrades them (selector gone,
collapsed to an error stub) and one crawl of every bad source runs. Failures the crawler sees
(HTTP errors, redirects, robots.txt, size, time) never reach the archive at all; bodies the
archive refuses (empty, broken PDFs, missing selector, stub) leave a capture record for forensics
but no version.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from accesswatch.archive import Archive
from tests.crawler.crawl_harness import BAD_SOURCES, run_crawl_cli, write_sources, build_site
from tests.crawler.fake_site import FakeSite

# document slug -> (status, text the reason must contain, HTTP status or None)
EXPECTED = {
    "gone-404": ("failed", "HTTP 404 Not Found", 404),
    "gone-410": ("failed", "HTTP 410 Gone", 410),
    "forbidden-403": ("failed", "HTTP 403 Forbidden", 403),
    "rate-limited": ("failed", "HTTP 429 Too Many Requests; Retry-After honoured (1s); gave up after 1 retries", 429),
    "retry-after-too-long": ("failed", "HTTP 503 Service Unavailable; Retry-After 3600s exceeds the cap, not retried", 503),
    "redirect-loop": ("failed", "redirect loop: {base}/loop-a -> {base}/loop-b -> {base}/loop-a", None),
    "redirect-offsite": ("failed", "redirect to undeclared domain (allowed: 127.0.0.1): {base}/moved -> http://undeclared.invalid/framework", None),
    "robots-disallowed": ("failed", "forbidden by robots.txt", None),
    "empty-body": ("anomaly", "empty text", 200),
    "oversized": ("failed", "response larger than DOWNLOAD_MAXSIZE (3,600,026 > 1,000,000 bytes)", None),
    "oversized-no-length": ("failed", "response larger than DOWNLOAD_MAXSIZE (over 1,000,000 bytes, no Content-Length)", None),
    "truncated-pdf": ("failed", "truncated PDF", 200),
    "encrypted-pdf": ("failed", "encrypted PDF", 200),
    "scanned-pdf": ("failed", "no text layer", 200),
    "selector-gone": ("anomaly", "selector 'main article' matches nothing", 200),
    "error-stub": ("anomaly", "error/login page", 200),
    "timeout": ("failed", "timed out after 1s (after 1 retries)", None),
}
# Refused before any body reached the archive: no capture record either.
NEVER_ARCHIVED = {"gone-404", "gone-410", "forbidden-403", "rate-limited", "retry-after-too-long", "redirect-loop",
                  "redirect-offsite", "robots-disallowed", "oversized", "oversized-no-length", "timeout"}


def _snapshot(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def bad_crawl(tmp_path_factory):
    root = tmp_path_factory.mktemp("bad")
    with FakeSite() as site:
        state = build_site(site)
        write_sources(root / "data", site.base_url, BAD_SOURCES, listing_path="/gone-410")
        setup, _ = run_crawl_cli(root / "data", root / "archive", root / "setup.json",
                                 "--source", "testco/selector-gone", "--source", "testco/error-stub")
        assert setup.totals["new-version"] == 2, setup
        before = _snapshot(root / "archive")
        state.degraded = True
        site.reset_log()
        report, process = run_crawl_cli(root / "data", root / "archive", root / "bad.json", "--company", "testco")
        yield {"report": report, "base": site.base_url, "hits": list(site.hits), "before": before,
               "after": _snapshot(root / "archive"), "archive": Archive(root / "archive"), "stdout": process.stdout}


@pytest.mark.parametrize("slug", sorted(EXPECTED))
def test_bad_input_has_its_report_line_and_no_version(bad_crawl, slug):
    status, reason, http_status = EXPECTED[slug]
    result = bad_crawl["report"].result(f"testco/{slug}")
    assert result.status == status
    assert reason.format(base=bad_crawl["base"]) in result.reason
    assert result.http_status == http_status
    assert result.version_id is None
    archive = bad_crawl["archive"]
    expected_versions = 1 if slug in ("selector-gone", "error-stub") else 0
    assert len(archive.versions(f"testco/{slug}")) == expected_versions
    if slug in NEVER_ARCHIVED:
        assert archive.capture_records(f"testco/{slug}") == []


def test_every_bad_input_is_covered(bad_crawl):
    assert {r.document_id.split("/")[1] for r in bad_crawl["report"].sources} == set(EXPECTED)
    assert bad_crawl["report"].totals["new-version"] == 0


def test_versions_are_untouched(bad_crawl):
    versions = lambda snap: {k: v for k, v in snap.items() if k.startswith("versions/")}
    assert versions(bad_crawl["after"]) == versions(bad_crawl["before"])
    # Whatever else was written is capture evidence only (raw bytes, capture records).
    for path in set(bad_crawl["after"]) - set(bad_crawl["before"]):
        assert path.startswith(("raw/", "captures/")), path
    for path in bad_crawl["before"]:
        assert bad_crawl["after"][path] == bad_crawl["before"][path], path


def test_robots_disallowed_page_is_never_requested(bad_crawl):
    paths = [hit.path for hit in bad_crawl["hits"]]
    assert "/private/framework" not in paths
    assert "http://undeclared.invalid" not in " ".join(paths)


def test_retry_after_is_honoured(bad_crawl):
    hits = [hit for hit in bad_crawl["hits"] if hit.path == "/rate-limited"]
    assert len(hits) == 2 and hits[1].at - hits[0].at >= 0.95
    assert len([hit for hit in bad_crawl["hits"] if hit.path == "/rate-limited-long"]) == 1


def test_timeout_is_retried_then_reported(bad_crawl):
    assert len([hit for hit in bad_crawl["hits"] if hit.path == "/slow"]) == 2


def test_a_failed_listing_is_reported_and_proposes_nothing(bad_crawl):
    [listing] = bad_crawl["report"].listings
    assert (listing.status, listing.reason, listing.proposed) == ("failed", "HTTP 410 Gone", [])


def test_summary_names_every_failure(bad_crawl):
    out = bad_crawl["stdout"]
    assert "forbidden by robots.txt" in out and "redirect loop" in out
    assert "0 new-version" in out
