"""Fixtures that look like a frontier lab's site, its source declarations, and a crawl runner.

`build_site(site)` registers every page on a `FakeSite`; `write_sources(data_dir, base_url)`
declares them as company `testco`; `run_crawl_cli(...)` runs `accesswatch crawl` in a subprocess
(Twisted's reactor cannot restart inside one test process) with fast, still-polite settings.
"""

from __future__ import annotations

import io
import os
import subprocess
import sys
import time
from pathlib import Path

import yaml

from crawler.report import CrawlReport, read_report
from tests.archive.pdf_fixtures import image_only_pdf
from tests.crawler.fake_site import FakeSite, Hit, Reply

REPO_ROOT = Path(__file__).resolve().parents[2]

# Politeness switches stay on; only the waits shrink so the suite is fast.
FAST_SETTINGS = {
    "DOWNLOAD_DELAY": 0,
    "RANDOMIZE_DOWNLOAD_DELAY": False,
    "AUTOTHROTTLE_START_DELAY": 0,
    "AUTOTHROTTLE_MAX_DELAY": 0.2,
    "RETRY_TIMES": 1,
    "RETRY_BACKOFF_BASE": 0.05,
    "RETRY_BACKOFF_MAX": 0.2,
    "RETRY_AFTER_MAX": 5,
    "DOWNLOAD_TIMEOUT": 1,
    "DOWNLOAD_MAXSIZE": 1_000_000,
    "DOWNLOAD_WARNSIZE": 0,
    "LOG_LEVEL": "ERROR",
}

# --------------------------------------------------------------------------------- pages

_NAV = """
<header class="site-header"><nav aria-label="Main"><a href="/">TestCo</a> <a href="/research">Research</a>
<a href="/company">Company</a> <a href="/careers">Careers</a> <a href="/news/">News</a></nav></header>
"""
_FOOTER = """
<footer><p>© 2025 TestCo Inc. All rights reserved.</p><a href="/privacy">Privacy</a> · <a href="/terms">Terms</a>
<p>Follow us on X, LinkedIn and YouTube.</p></footer>
"""


def framework_html(revision: int = 1) -> bytes:
    """The HTML framework page: navigation, cookie banner, article with headings, list, table."""
    extra = "" if revision == 1 else "<li>Independent evaluators receive helpful-only model access for 30 days.</li>"
    return f"""<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Frontier Safety Framework | TestCo</title>
<script>window.dataLayer=[];</script></head><body>{_NAV}
<div id="cookie-banner" class="cookie-consent">We use cookies to improve your experience. <button>Accept all</button></div>
<main><article class="framework">
<h1>Frontier Safety Framework</h1>
<p>Version 2.0 — effective 1 March 2025</p>
<h2>1. External evaluation</h2>
<p>Before deploying a frontier model, TestCo will give pre-deployment access to the AI Safety Institute
so that it can run its own evaluations of dangerous capabilities.</p>
<ul><li>Access is granted at least 14 days before release.</li><li>Evaluators may publish their findings.</li>{extra}</ul>
<h2>2. Capability thresholds</h2>
<table><tr><th>Domain</th><th>Threshold</th></tr><tr><td>CBRN</td><td>Uplift to novices</td></tr>
<tr><td>Cyber</td><td>Autonomous exploitation</td></tr></table>
<p>We will review this framework at least once a year and publish every revision.</p>
<div class="share">Share on LinkedIn</div>
</article></main>{_FOOTER}</body></html>""".encode()


def noisy_html(hit: Hit) -> bytes:
    """A page whose noise (timestamp, cookie nonce, tracking parameter) changes on every fetch."""
    stamp = time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime()) + f".{hit.count}"
    nonce = f"{hit.count * 7919:08x}"
    return f"""<!DOCTYPE html><html><head><meta charset="utf-8"><title>Model access policy</title>
<meta name="csrf-token" content="{nonce}"></head><body>{_NAV}
<div class="cookie-banner" data-nonce="{nonce}"><p>This site uses cookies. Accept or reject cookies in cookie settings.</p></div>
<main><article>
<h1>Model Access Policy</h1>
<p>Last updated: {time.strftime('%Y-%m-%d', time.gmtime())}T{time.strftime('%H:%M', time.gmtime())}Z</p>
<p>Researchers can apply for API access through our <a href="https://127.0.0.1/researcher-access?utm_source=site&amp;utm_campaign=c{hit.count}">researcher access program</a>.</p>
<p>Access decisions are made within 30 days.</p>
<!-- rendered {stamp} -->
</article></main>{_FOOTER}</body></html>""".encode()


def listing_html(generation: int) -> bytes:
    """The newsroom listing; generation 2 gains a new system card link."""
    newer = '<li><a href="/news/model-b-system-card?utm_source=news">Model B System Card</a></li>' if generation >= 2 else ""
    return f"""<!DOCTYPE html><html><head><meta charset="utf-8"><title>News | TestCo</title></head><body>{_NAV}
<main><h1>News</h1><ul>
{newer}
<li><a href="/news/model-a-system-card">Model A System Card</a></li>
<li><a href="/framework">Our Frontier Safety Framework</a></li>
<li><a href="/news/company-picnic">Company picnic 2025</a></li>
<li><a href="https://elsewhere.example/system-card">Somebody else's system card</a></li>
</ul></main>{_FOOTER}</body></html>""".encode()


def framework_pdf(pages: int = 3, title: str = "TestCo Responsible Scaling Policy") -> bytes:
    """A text PDF with a running header and footer on each page (fpdf2)."""
    from fpdf import FPDF

    class _PDF(FPDF):
        def header(self) -> None:
            self.set_font("Helvetica", size=9)
            self.cell(0, 8, title, align="C")
            self.ln(12)

        def footer(self) -> None:
            self.set_y(-15)
            self.set_font("Helvetica", size=9)
            self.cell(0, 8, f"Page {self.page_no()}", align="C")

    pdf = _PDF()
    for number in range(1, pages + 1):
        pdf.add_page()
        pdf.set_font("Helvetica", "B", 16)
        pdf.cell(0, 10, f"Section {number}. External review", new_x="LMARGIN", new_y="NEXT")
        pdf.set_font("Helvetica", size=11)
        pdf.multi_cell(0, 6, (
            f"In section {number} we commit to sharing pre-deployment model access with government "
            "evaluators and qualified third parties. Evaluators will receive at least two weeks of access "
            "before any public release, and their findings will be summarised in the system card. "
        ) * 3)
    return bytes(pdf.output())


def encrypted_pdf() -> bytes:
    """A text PDF that needs a user password to open (pikepdf, AES-256)."""
    import pikepdf

    with pikepdf.open(io.BytesIO(framework_pdf(1))) as pdf:
        out = io.BytesIO()
        pdf.save(out, encryption=pikepdf.Encryption(owner="owner-secret", user="user-secret", R=6))
    return out.getvalue()


def _page(title: str, body: str, charset: str | None = "utf-8") -> str:
    meta = f'<meta charset="{charset}">' if charset else ""
    return f"<!DOCTYPE html><html><head>{meta}<title>{title}</title></head><body>{_NAV}<main><article><h1>{title}</h1>{body}</article></main>{_FOOTER}</body></html>"


_POLICY_BODY = "".join(
    f"<p>Paragraph {i}: TestCo publishes a summary of every external evaluation of its frontier models, "
    "including who ran it, how much access they had, and what they found.</p>" for i in range(12)
)

# --------------------------------------------------------------------------------- the site


class SiteState:
    """Switches a test flips between crawls."""

    def __init__(self) -> None:
        self.framework_revision = 1
        self.listing_generation = 1
        self.degraded = False  # selector-doc loses its selector, stub-doc collapses to a stub


def build_site(site: FakeSite) -> SiteState:
    """Register every fixture page of testco on `site`; returns the state switches."""
    state = SiteState()
    site.route("/robots.txt", lambda hit: Reply(200, b"User-agent: *\nDisallow: /private/\n", {"Content-Type": "text/plain"}))
    site.static("/framework", lambda: framework_html(state.framework_revision), "text/html; charset=utf-8")
    site.static("/framework.pdf", framework_pdf(), "application/pdf")
    site.route("/access-policy", lambda hit: Reply(200, noisy_html(hit), {"Content-Type": "text/html; charset=utf-8"}))
    site.route("/news/", lambda hit: Reply(200, listing_html(state.listing_generation), {"Content-Type": "text/html; charset=utf-8"}))
    # 500 on the first request, then the page.
    site.route("/flaky", lambda hit: Reply(500, b"<h1>Internal Server Error</h1>", {"Content-Type": "text/html"}) if hit.count == 1
               else Reply(200, _page("Evaluation commitments", _POLICY_BODY).encode(), {"Content-Type": "text/html; charset=utf-8"}))
    # Header says UTF-8, body is windows-1252; and a page with no charset anywhere (UTF-8 body).
    site.route("/charset-wrong", lambda hit: Reply(200, _page("Caf\u00e9 policy", "<p>Na\u00efve \u2013 d\u00e9j\u00e0 vu clause about \u201cexternal\u201d review.</p>" * 4, charset=None).encode("cp1252"),
                                                   {"Content-Type": "text/html; charset=utf-8"}))
    site.route("/charset-missing", lambda hit: Reply(200, _page("R\u00e9sum\u00e9 of access", "<p>Acc\u00e8s pr\u00e9alable \u2014 \u00ab pre-deployment \u00bb access for evaluators.</p>" * 4, charset=None).encode("utf-8"),
                                                     {"Content-Type": "text/html"}))
    # Bad inputs.
    html = {"Content-Type": "text/html; charset=utf-8"}
    site.route("/gone-404", lambda hit: Reply(404, b"<html><body><h1>Page not found</h1></body></html>", html))
    site.route("/gone-410", lambda hit: Reply(410, b"<html><body><h1>Gone</h1></body></html>", html))
    site.route("/forbidden", lambda hit: Reply(403, b"<html><body><h1>Access denied</h1></body></html>", html))
    site.route("/rate-limited", lambda hit: Reply(429, b"slow down", {"Content-Type": "text/plain", "Retry-After": "1"}))
    site.route("/rate-limited-long", lambda hit: Reply(503, b"maintenance", {"Content-Type": "text/plain", "Retry-After": "3600"}))
    site.route("/loop-a", lambda hit: Reply(302, b"", {"Location": "/loop-b"}))
    site.route("/loop-b", lambda hit: Reply(302, b"", {"Location": "/loop-a"}))
    site.route("/moved", lambda hit: Reply(301, b"", {"Location": "http://undeclared.invalid/framework"}))
    site.route("/private/framework", lambda hit: Reply(200, framework_html(), html))
    site.route("/empty", lambda hit: Reply(200, b"", html))
    site.route("/huge", lambda hit: Reply(200, b"<html><body>" + b"<p>filler text</p>" * 200_000 + b"</body></html>", html))
    site.route("/huge-streamed", lambda hit: Reply(200, b"<html><body>" + b"<p>filler text</p>" * 200_000 + b"</body></html>",
                                                   {"Content-Type": "text/html", "Connection": "close"}))
    pdf = framework_pdf(2)
    site.route("/truncated.pdf", lambda hit: Reply(200, pdf[: len(pdf) // 2], {"Content-Type": "application/pdf"}))
    site.route("/encrypted.pdf", lambda hit: Reply(200, encrypted_pdf(), {"Content-Type": "application/pdf"}))
    site.route("/scanned.pdf", lambda hit: Reply(200, image_only_pdf(), {"Content-Type": "application/pdf"}))
    site.route("/selector-doc", lambda hit: Reply(200, (
        _page("Safety policy", _POLICY_BODY) if not state.degraded
        else "<html><body><div class='redesigned'><p>" + "New layout. " * 40 + "</p></div></body></html>").encode(), html))
    site.route("/stub-doc", lambda hit: Reply(200, (
        _page("Scaling policy", _POLICY_BODY) if not state.degraded
        else "<html><body><main><article><h1>Error</h1><p>Something went wrong. Please try again later.</p></article></main></body></html>").encode(), html))
    site.route("/slow", lambda hit: Reply(200, _page("Slow page", _POLICY_BODY).encode(), html, delay=2.5))
    return state


GOOD_SOURCES = {
    "framework-html": ("/framework", "html", {"select": ["main article"], "remove": [".share"], "filters": ["cookie-banner", "share-links"]}),
    "framework-pdf": ("/framework.pdf", "pdf", {}),
    "access-policy": ("/access-policy", "html", {"select": ["main article"], "filters": ["last-updated", "tracking-params", "cookie-banner", "dynamic-dates"]}),
    "flaky": ("/flaky", "html", {"select": ["main article"]}),
    "charset-wrong": ("/charset-wrong", "html", {"select": ["main article"]}),
    "charset-missing": ("/charset-missing", "html", {"select": ["main article"]}),
}

BAD_SOURCES = {
    "gone-404": ("/gone-404", "html", {}),
    "gone-410": ("/gone-410", "html", {}),
    "forbidden-403": ("/forbidden", "html", {}),
    "rate-limited": ("/rate-limited", "html", {}),
    "retry-after-too-long": ("/rate-limited-long", "html", {}),
    "redirect-loop": ("/loop-a", "html", {}),
    "redirect-offsite": ("/moved", "html", {}),
    "robots-disallowed": ("/private/framework", "html", {}),
    "empty-body": ("/empty", "html", {}),
    "oversized": ("/huge", "html", {}),
    "oversized-no-length": ("/huge-streamed", "html", {}),
    "truncated-pdf": ("/truncated.pdf", "pdf", {}),
    "encrypted-pdf": ("/encrypted.pdf", "pdf", {}),
    "scanned-pdf": ("/scanned.pdf", "pdf", {}),
    "selector-gone": ("/selector-doc", "html", {"select": ["main article"]}),
    "error-stub": ("/stub-doc", "html", {"select": ["main article"]}),
    "timeout": ("/slow", "html", {}),
}


def write_sources(data_dir: Path, base_url: str, sources: dict[str, tuple[str, str, dict]] | None = None,
                  listings: bool = True, listing_path: str = "/news/") -> Path:
    """Write `data_dir/sources/testco.yml` declaring `sources` (default: good and bad ones)."""
    sources = sources if sources is not None else {**GOOD_SOURCES, **BAD_SOURCES}
    documents = []
    for slug, (path, fmt, extra) in sources.items():
        documents.append({"id": slug, "title": slug.replace("-", " ").title(), "kind": "framework",
                          "url": base_url + path, "format": fmt, **extra})
    company = {"company": "testco", "name": "TestCo", "domains": ["127.0.0.1"], "documents": documents}
    if listings:
        company["listings"] = [{"id": "newsroom", "url": base_url + listing_path, "keywords": ["system card", "frontier safety"],
                                "kind": "system-card"}]
    path = Path(data_dir) / "sources" / "testco.yml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(yaml.safe_dump(company, sort_keys=False), encoding="utf-8")
    return path


def run_crawl_cli(data_dir: Path, archive_dir: Path, report_path: Path, *extra: str,
                  settings: dict | None = None, timeout: float = 120) -> tuple[CrawlReport, subprocess.CompletedProcess]:
    """Run `accesswatch crawl` in a subprocess; returns (the report it wrote, the process)."""
    merged = {**FAST_SETTINGS, **(settings or {})}
    command = [sys.executable, "-m", "accesswatch.cli", "--data", str(data_dir), "--archive", str(archive_dir),
               "crawl", "--no-progress", "--report", str(report_path), *extra]
    for key, value in merged.items():
        command += ["--set", f"{key}={value}"]
    env = {k: v for k, v in os.environ.items() if "proxy" not in k.lower()}
    process = subprocess.run(command, cwd=REPO_ROOT, env=env, capture_output=True, text=True, timeout=timeout)
    assert process.returncode == 0, f"crawl failed ({process.returncode}):\n{process.stdout}\n{process.stderr}"
    return read_report(report_path), process
