"""The built site in real Chromium (Debian's /usr/bin/chromium driven by Playwright).

One fixture site is built and served on 127.0.0.1 once, one browser shared by every test.
Requests to anything but the local server are refused and recorded (the pages must make none).
"""

from __future__ import annotations

import functools
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

import pytest

CHROMIUM = Path("/usr/bin/chromium")
FIXTURE_DATA = Path(__file__).resolve().parent.parent / "site" / "fixtures" / "data"
MAIN_PAGES = [
    "index.html", "timeline.html", "companies/index.html", "companies/anthropic.html",
    "documents/anthropic/responsible-scaling-policy.html",
    "statements/anthropic/responsible-scaling-policy/rsp-external-review.html",
    "matrix.html", "ledger.html", "parity.html", "events.html", "downloads.html", "methodology.html",
]
HOSTILE = "statements/anthropic/responsible-scaling-policy/rsp-hostile.html"

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="Debian chromium is absent"),
]


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def site_url(tmp_path_factory):
    from accesswatch.sitegen.build import build_site

    root = tmp_path_factory.mktemp("browser-site")
    build_site(FIXTURE_DATA, root / "site", base_url="https://example.org/aw/")
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(root / "site")))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="module")
def browser():
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM),
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                  "--disable-sync", "--no-first-run"],
        )
        yield browser
        browser.close()


class _Watch:
    """Dialogs, console errors, page errors and outside requests seen by one page."""

    def __init__(self, page, origin: str):
        self.dialogs, self.errors, self.outside = [], [], []
        page.on("dialog", lambda d: (self.dialogs.append(d.message), d.dismiss()))
        page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: self.errors.append(str(e)))

        def route(r):
            if urlsplit(r.request.url).netloc == origin:
                r.continue_()
            else:
                self.outside.append(r.request.url)
                r.abort()

        page.route("**/*", route)


@pytest.fixture
def page(browser, site_url):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.watch = _Watch(page, urlsplit(site_url).netloc)
    yield page
    context.close()


def test_home_to_company_to_document_to_redline_to_statement(page, site_url):
    page.goto(site_url + "index.html")
    page.locator("article").get_by_role("link", name="Anthropic").first.click()
    page.wait_for_url("**/companies/anthropic.html")
    page.locator("article").get_by_role("link", name="Responsible Scaling Policy").first.click()
    page.wait_for_url("**/documents/anthropic/responsible-scaling-policy.html")
    change = page.locator("#change-rsp-2024-10-15-external-review")
    assert change.locator("del").first.inner_text() == "will"
    assert change.locator("ins").first.inner_text() == "may"
    change.get_by_role("link", name="Statement permalink").click()
    page.wait_for_url("**/statements/anthropic/responsible-scaling-policy/rsp-external-review.html")
    assert "We may solicit external expert feedback" in page.locator("blockquote.aw-quote").inner_text()
    assert page.get_by_role("heading", name="Cite this").is_visible()
    assert "@misc{" in page.locator("pre.aw-cite").nth(1).inner_text()
    assert page.watch.dialogs == [] and page.watch.errors == [] and page.watch.outside == []


def test_timeline_filter_changes_visible_rows(page, site_url):
    page.goto(site_url + "timeline.html")
    rows = page.locator("table.aw-timeline tbody tr")
    total = rows.count()
    assert total > 3 and page.locator("table.aw-timeline tbody tr:visible").count() == total
    page.select_option("#aw-filter-company", "openai")
    visible = page.locator("table.aw-timeline tbody tr:visible")
    assert 0 < visible.count() < total
    assert set(visible.evaluate_all("rows => rows.map(r => r.dataset.company)")) == {"openai"}
    page.select_option("#aw-filter-kind", "weakened")
    assert page.locator("table.aw-timeline tbody tr:visible").count() == 1
    assert "1 of" in page.locator("[data-aw-count]").inner_text()
    page.select_option("#aw-filter-company", "")
    page.select_option("#aw-filter-kind", "")
    page.select_option("#aw-filter-category", "government-access")
    categories = page.locator("table.aw-timeline tbody tr:visible").evaluate_all(
        "rows => rows.map(r => r.dataset.category)")
    assert categories and all("government-access" in c.split() for c in categories)


def test_timeline_filters_silent_changes_from_a_link(page, site_url):
    # the home page's one-line silent count links to the timeline with the filter preselected
    page.goto(site_url + "index.html")
    page.locator(".aw-silent-line a").click()
    page.wait_for_url("**/timeline.html?announced=silent")
    assert page.locator("#aw-filter-announced").input_value() == "silent"
    visible = page.locator("table.aw-timeline tbody tr:visible")
    assert set(visible.evaluate_all("rows => rows.map(r => r.dataset.announced)")) == {"silent"}
    assert visible.count() == 1
    page.select_option("#aw-filter-announced", "announced")
    assert set(page.locator("table.aw-timeline tbody tr:visible").evaluate_all(
        "rows => rows.map(r => r.dataset.announced)")) == {"announced"}


def test_timeline_filters_by_strength_before_the_change(page, site_url):
    page.goto(site_url + "timeline.html?kind=weakened&was=commitment")
    visible = page.locator("table.aw-timeline tbody tr:visible")
    kinds = visible.evaluate_all("rows => rows.map(r => [r.dataset.kind, r.dataset.was])")
    total = page.locator("table.aw-timeline tbody tr").count()
    assert 0 < len(kinds) < total and all(k == ["weakened", "commitment"] for k in kinds)
    assert not page.locator("[data-aw-empty]").is_visible()
    page.select_option("#aw-filter-was", "practice")
    assert page.locator("table.aw-timeline tbody tr:visible").count() == 0
    assert "Nothing matches" in page.locator("[data-aw-empty]").inner_text()


def test_collapsed_rejected_statements_open_on_click(page, site_url):
    page.goto(site_url + "documents/anthropic/responsible-scaling-policy.html")
    rejected = page.locator("a[href$='rsp-rejected.html']")
    assert not rejected.is_visible()
    page.locator("details.aw-group summary", has_text="Show 1 statement").last.click()
    assert rejected.is_visible()


def test_timeline_filters_work_from_file_url(browser, site_url, tmp_path_factory):
    # the same built files opened straight from disk, no server
    root = next(Path(p) for p in tmp_path_factory.getbasetemp().glob("browser-site*/site"))
    context = browser.new_context()
    page = context.new_page()
    page.goto((root / "timeline.html").as_uri())
    total = page.locator("table.aw-timeline tbody tr").count()
    page.select_option("#aw-filter-company", "anthropic")
    assert 0 < page.locator("table.aw-timeline tbody tr:visible").count() < total
    context.close()


def test_search_finds_a_quoted_phrase(page, site_url):
    page.goto(site_url + "index.html")
    page.locator("input.md-search__input").click()
    page.locator("input.md-search__input").press_sequentially("solicit external expert feedback", delay=20)
    result = page.locator(".md-search-result__item").first
    result.wait_for(timeout=10_000)
    assert "rsp-external-review" in page.locator(".md-search-result__link").first.get_attribute("href") or \
        "solicit" in page.locator(".md-search-result").inner_text().lower()


def test_hostile_quote_does_not_execute(page, site_url):
    for path in (HOSTILE, "documents/anthropic/responsible-scaling-policy.html", "companies/anthropic.html",
                 "events.html", "timeline.html"):
        page.goto(site_url + path)
        page.wait_for_load_state("load")
    page.goto(site_url + HOSTILE)
    quote = page.locator("blockquote.aw-quote").inner_text()
    assert '<script>alert("xss")</script>' in quote and "onerror=alert(1)" in quote
    assert page.locator("blockquote.aw-quote *").count() == 0  # text only, no element inside
    assert page.evaluate("document.querySelectorAll('a[href^=\"javascript\"], img[src=\"x\"], svg[onload]').length") == 0
    # the search results show the hostile text as text too
    page.locator("input.md-search__input").click()
    page.locator("input.md-search__input").press_sequentially("Hostile", delay=20)
    page.locator(".md-search-result__item").first.wait_for(timeout=10_000)
    page.wait_for_timeout(300)
    assert page.watch.dialogs == [], page.watch.dialogs
    assert page.watch.errors == [], page.watch.errors
    assert page.watch.outside == [], page.watch.outside


def test_no_horizontal_scrolling_at_375px(browser, site_url):
    context = browser.new_context(viewport={"width": 375, "height": 800}, device_scale_factor=1)
    page = context.new_page()
    wide = []
    for path in MAIN_PAGES:
        page.goto(site_url + path)
        width = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
        if width[0] > width[1]:
            wide.append((path, width))
    context.close()
    assert wide == []


def test_axe_finds_no_serious_or_critical_violations(browser, site_url):
    from axe_playwright_python.sync_playwright import Axe

    axe = Axe()
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    found = {}
    for path in MAIN_PAGES:
        page.goto(site_url + path)
        results = axe.run(page)
        bad = [(v["id"], v["impact"], len(v["nodes"])) for v in results.response["violations"]
               if v["impact"] in ("serious", "critical")]
        if bad:
            found[path] = bad
    context.close()
    assert found == {}


def test_parity_lists_one_line_per_outside_evaluator(page, site_url):
    page.goto(site_url + "parity.html")
    row = page.locator("table.aw-table tbody tr", has_text="o1")
    items = row.locator("ul.aw-evaluators li")
    assert items.all_inner_texts() == ["Apollo Research (A2, 6 days before release)",
                                       "METR (A2, 6 days before release)"]
    items.first.get_by_role("link", name="Apollo Research").click()
    page.wait_for_url("**/events.html#event-o1-metr")
    internal = page.goto(site_url + "parity.html") and page.locator("table.aw-table tbody tr", has_text="Internal Model X")
    assert internal.locator("td").nth(3).inner_text() == "not disclosed"
