"""Strict MkDocs builds (fixture and embedded data), feeds, data package, links, no third-party requests."""

import json
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import feedparser
import pytest

from accesswatch.cli import REPO_ROOT
from accesswatch.sitegen.build import SiteBuildError, build_site


class _Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links, self.ids, self.resources, self.alternates = [], set(), [], []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if "id" in a:
            self.ids.add(a["id"])
        if tag == "a" and a.get("href"):
            self.links.append(a["href"])
        if tag in ("script", "img", "iframe") and a.get("src"):
            self.resources.append(a["src"])
        if tag == "link" and a.get("href"):
            if a.get("rel") == "alternate":
                self.alternates.append(a)
            elif a.get("rel") in ("stylesheet", "icon", "preload", "modulepreload", "manifest", "preconnect"):
                self.resources.append(a["href"])


def _parse(path: Path) -> _Links:
    parser = _Links()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def check_site(site: Path) -> list[str]:
    """Every internal link of every built page resolves (file and anchor); returns the problems."""
    problems = []
    # 404.html links absolutely from site_url by design (it is served at any depth)
    parsed = {path: _parse(path) for path in site.rglob("*.html") if path.name != "404.html"}
    for path, page in parsed.items():
        for href in page.links:
            parts = urlsplit(href)
            if parts.scheme or parts.netloc or href.startswith("mailto:"):
                continue
            target = (path.parent / unquote(parts.path)).resolve() if parts.path else path
            if target.is_dir():
                target = target / "index.html"
            if not target.exists():
                problems.append(f"{path.relative_to(site)}: broken link {href}")
                continue
            if parts.fragment and target.suffix == ".html":
                ids = parsed[target].ids if target in parsed else _parse(target).ids
                if unquote(parts.fragment) not in ids:
                    problems.append(f"{path.relative_to(site)}: missing anchor {href}")
        for resource in page.resources:
            if urlsplit(resource).scheme or resource.startswith("//"):
                problems.append(f"{path.relative_to(site)}: third-party resource {resource}")
    return problems


def test_fixture_site_builds_strict(fixture_site):
    assert fixture_site.warnings == []
    assert (fixture_site.output / "index.html").exists()
    for page in ("timeline.html", "matrix.html", "ledger.html", "parity.html", "events.html", "downloads.html",
                 "methodology.html", "contributing.html", "companies/anthropic.html",
                 "documents/anthropic/responsible-scaling-policy.html",
                 "statements/anthropic/responsible-scaling-policy/rsp-hostile.html"):
        assert (fixture_site.output / page).exists(), page


def test_every_internal_link_resolves_and_nothing_is_third_party(fixture_site):
    assert check_site(fixture_site.output) == []


def test_every_page_links_the_feeds(fixture_site):
    site = fixture_site.output
    for path in site.rglob("*.html"):
        alternates = _parse(path).alternates
        assert any(a["href"].endswith("feed.xml") and a["type"] == "application/atom+xml" for a in alternates), path
    company = _parse(site / "companies" / "openai.html").alternates
    assert any(a["href"].endswith("feed-openai.xml") for a in company)


def test_feeds_parse(fixture_site):
    everything = feedparser.parse((fixture_site.output / "feed.xml").read_bytes())
    assert not everything.bozo, everything.get("bozo_exception")
    assert len(everything.entries) == 4
    assert everything.entries[0].updated.startswith("2025-04-15")
    assert "weakened" in everything.entries[0].title
    anthropic = feedparser.parse((fixture_site.output / "feed-anthropic.xml").read_bytes())
    assert not anthropic.bozo and len(anthropic.entries) == 3
    assert all(e.link.startswith("https://example.org/aw/documents/anthropic/") for e in anthropic.entries)


def test_data_package_validates(fixture_site):
    frictionless = pytest.importorskip("frictionless")
    report = frictionless.validate(str(fixture_site.output / "downloads" / "datapackage.json"))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])[:10]
    statements = json.loads((fixture_site.output / "downloads" / "statements.json").read_text())
    assert {s["statement"] for s in statements} >= {"rsp-hostile", "rsp-rejected"}


def test_search_index_holds_quotes(fixture_site):
    index = json.loads((fixture_site.output / "search" / "search_index.json").read_text())
    assert any("solicit external expert feedback" in d["text"] for d in index["docs"])


def test_hostile_text_is_escaped_in_html(fixture_site):
    html = (fixture_site.output / "statements/anthropic/responsible-scaling-policy/rsp-hostile.html").read_text()
    assert "&lt;script&gt;alert(&quot;xss&quot;)&lt;/script&gt;" in html
    assert not re.search(r"<script>alert|<img src=x|<svg onload|href=\"javascript", html)


def test_bad_data_gives_a_clear_error(tmp_path):
    bad = tmp_path / "data"
    (bad / "documents" / "acme").mkdir(parents=True)
    (bad / "documents" / "acme" / "x.yml").write_text("document: [unclosed\n")
    with pytest.raises(Exception, match=r"x\.yml"):
        build_site(bad, tmp_path / "site")


def test_staging_folder_of_someone_else_is_never_emptied(tmp_path):
    staging = tmp_path / "mine"
    staging.mkdir()
    (staging / "precious.txt").write_text("keep")
    with pytest.raises(SiteBuildError, match="refusing"):
        build_site(Path(__file__).parent / "fixtures" / "data", tmp_path / "site", staging=staging)
    assert (staging / "precious.txt").read_text() == "keep"


def test_embedded_dataset_builds_strict(tmp_path):
    data = REPO_ROOT / "data"
    report = build_site(data, tmp_path / "site", archive=REPO_ROOT / "archive")
    assert report.warnings == []
    assert check_site(tmp_path / "site") == []


def test_serve_serves_the_built_site(fixture_site):
    import threading
    import urllib.request

    from accesswatch.sitegen.command import serve

    server = serve(fixture_site.output, port=0)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{server.server_address[1]}/index.html", timeout=10) as response:
            assert b"AccessWatch" in response.read()
    finally:
        server.shutdown()
        server.server_close()
