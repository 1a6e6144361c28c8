"""The crawl's small pure parts: Retry-After parsing, settings overrides, selection, the report."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from accesswatch.sources import CompanySources
from crawler.middlewares import parse_retry_after
from crawler.report import CrawlReport, SourceResult, read_report, summary_table, write_report
from crawler.run import SelectionError, select
from crawler.settings import BASE_SETTINGS, crawl_settings, parse_override


def test_politeness_is_explicit():
    assert BASE_SETTINGS["ROBOTSTXT_OBEY"] is True
    assert BASE_SETTINGS["CONCURRENT_REQUESTS_PER_DOMAIN"] == 1
    assert BASE_SETTINGS["DOWNLOAD_DELAY"] >= 1 and BASE_SETTINGS["AUTOTHROTTLE_ENABLED"] is True
    assert "+https://" in BASE_SETTINGS["USER_AGENT"] and BASE_SETTINGS["DOWNLOAD_MAXSIZE"] > 0
    assert 429 in BASE_SETTINGS["RETRY_HTTP_CODES"]
    assert BASE_SETTINGS["EXTENSIONS"]["crawler.throttle.NotModifiedAwareAutoThrottle"] == 0


def test_autothrottle_lowers_the_delay_after_a_304():
    from types import SimpleNamespace

    from scrapy.http import Response
    from scrapy.utils.test import get_crawler

    from crawler.throttle import NotModifiedAwareAutoThrottle

    throttle = NotModifiedAwareAutoThrottle(get_crawler(settings_dict={"AUTOTHROTTLE_ENABLED": True, "DOWNLOAD_DELAY": 0}))
    throttle.mindelay, throttle.maxdelay = 0.0, 60.0  # set when the spider opens
    slot = SimpleNamespace(delay=10.0)
    throttle._adjust_delay(slot, 0.01, Response("http://127.0.0.1/x", status=304))
    assert slot.delay < 10.0


@pytest.mark.parametrize(("value", "seconds"), [
    ("120", 120.0), (b"0", 0.0), ("Wed, 21 Oct 2015 07:28:00 GMT", 60.0), ("Wed, 21 Oct 2015 07:00:00 GMT", 0.0),
    ("soon", None), (None, None), ("", None),
])
def test_retry_after(value, seconds):
    now = dt.datetime(2015, 10, 21, 7, 27, tzinfo=dt.timezone.utc)
    assert parse_retry_after(value, now) == seconds


def test_overrides():
    assert parse_override("DOWNLOAD_DELAY=0.5") == ("DOWNLOAD_DELAY", 0.5)
    assert parse_override("ROBOTSTXT_OBEY=true") == ("ROBOTSTXT_OBEY", True)
    with pytest.raises(ValueError, match="KEY=VALUE"):
        parse_override("DOWNLOAD_DELAY")
    settings = crawl_settings({"DOWNLOAD_DELAY": 0})
    assert settings["DOWNLOAD_DELAY"] == 0 and BASE_SETTINGS["DOWNLOAD_DELAY"] != 0


COMPANIES = [CompanySources.model_validate({
    "company": "labco", "name": "LabCo", "domains": ["labco.ai"],
    "documents": [{"id": "a", "title": "A", "kind": "framework", "url": "https://labco.ai/a"},
                  {"id": "old", "title": "Old", "kind": "framework", "url": "https://labco.ai/old", "track": False}],
    "listings": [{"id": "news", "url": "https://labco.ai/news"}],
})]


def test_select_skips_untracked_and_names_unknowns():
    documents, listings = select(COMPANIES)
    assert [s.id for _, s in documents] == ["a"] and len(listings) == 1
    documents, listings = select(COMPANIES, only_sources=["labco/a"])
    assert len(documents) == 1 and listings == []
    with pytest.raises(SelectionError, match="'nolab'"):
        select(COMPANIES, only_companies=["nolab"])
    with pytest.raises(SelectionError, match="'labco/b'"):
        select(COMPANIES, only_sources=["labco/b"])


def test_report_round_trip_totals_and_table(tmp_path):
    report = CrawlReport(started_at=dt.datetime(2025, 1, 1, tzinfo=dt.timezone.utc), user_agent="ua")
    report.sources += [
        SourceResult(document_id="labco/b", company="labco", url="https://labco.ai/b", status="failed", fetched=False, reason="HTTP 404 Not Found", http_status=404),
        SourceResult(document_id="labco/a", company="labco", url="https://labco.ai/a", status="new-version", fetched=True, version_id="v1", bytes=10),
    ]
    report.finish()
    assert [r.document_id for r in report.sources] == ["labco/a", "labco/b"]
    assert report.totals["new-version"] == 1 and report.totals["failed"] == 1 and report.totals["bytes"] == 10
    write_report(report, tmp_path / "r.json")
    assert read_report(tmp_path / "r.json") == report
    assert json.loads((tmp_path / "r.json").read_text())["sources"][1]["reason"] == "HTTP 404 Not Found"
    assert "status" in json.dumps(CrawlReport.model_json_schema())
    from rich.console import Console

    console = Console(record=True, width=200)
    console.print(summary_table(report))
    assert "HTTP 404 Not Found" in console.export_text()
