"""Crawl benchmark: a local server with N documents; first crawl vs a second with nothing changed.

Prints wall time and bytes transferred (response bodies, response headers, requests) of each
crawl, and the archive's outcome counts. Politeness delays are set to zero here (one local
host): the figures measure the crawler and archive, not the per-domain delay, which in
production dominates (N × DOWNLOAD_DELAY per domain).

    .venv/bin/python bench/bench_crawl.py [--documents 200] [--pdf-share 0.1]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO_ROOT))

from crawler.settings import BASE_SETTINGS  # noqa: E402
from tests.crawler.crawl_harness import framework_pdf, run_crawl_cli  # noqa: E402
from tests.crawler.fake_site import FakeSite, Reply  # noqa: E402


def _html(number: int) -> bytes:
    paragraphs = "".join(
        f"<p>Clause {number}.{i}: before deploying a frontier model the company gives external evaluators "
        f"pre-deployment access for at least {10 + i} days and publishes a summary of their findings.</p>"
        for i in range(40)
    )
    return (f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>Document {number}</title></head><body>"
            f"<header><nav><a href='/'>Home</a> <a href='/news'>News</a> <a href='/careers'>Careers</a></nav></header>"
            f"<main><article><h1>Safety document {number}</h1><h2>Scope</h2>{paragraphs}"
            f"<ul><li>Item one</li><li>Item two</li></ul></article></main>"
            f"<footer>© 2025 BenchCo · Privacy · Terms</footer></body></html>").encode()


def _site(documents: int, pdf_share: float) -> tuple[FakeSite, dict[str, tuple[str, str, dict]]]:
    site = FakeSite()
    site.route("/robots.txt", lambda hit: Reply(200, b"User-agent: *\nAllow: /\n", {"Content-Type": "text/plain"}))
    pdfs = int(documents * pdf_share)
    pdf = framework_pdf(4)
    sources = {}
    for number in range(documents):
        if number < pdfs:
            path = f"/docs/report-{number}.pdf"
            site.static(path, pdf, "application/pdf")
            sources[f"doc-{number:03d}"] = (path, "pdf", {})
        else:
            path = f"/docs/page-{number}"
            site.static(path, _html(number), "text/html; charset=utf-8")
            sources[f"doc-{number:03d}"] = (path, "html", {"select": ["main article"]})
    return site, sources


def _crawl(site: FakeSite, root: Path, name: str, autothrottle: bool) -> dict:
    site.reset_log()
    started = time.perf_counter()
    report, _ = run_crawl_cli(root / "data", root / "archive", root / f"{name}.json",
                              settings={"LOG_LEVEL": "ERROR", "AUTOTHROTTLE_ENABLED": autothrottle}, timeout=1800)
    wall = time.perf_counter() - started
    inside = (report.finished_at - report.started_at).total_seconds()
    return {"name": name, "wall": wall, "inside": inside, "requests": len(site.hits), "bodies": site.bytes_sent,
            "headers": site.header_bytes_sent, "sent": site.bytes_received, "totals": report.totals,
            "conditional": sum(1 for hit in site.hits if "if-none-match" in hit.headers)}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=200)
    parser.add_argument("--pdf-share", type=float, default=0.1, help="fraction of documents that are PDFs")
    parser.add_argument("--autothrottle", action="store_true", help="keep AutoThrottle on (max delay 0.2 s): adds its adaptive waits")
    args = parser.parse_args()
    from tests.crawler.crawl_harness import write_sources

    with tempfile.TemporaryDirectory(prefix="bench-crawl-") as folder:
        root = Path(folder)
        site, sources = _site(args.documents, args.pdf_share)
        with site:
            write_sources(root / "data", site.base_url, sources, listings=False)
            runs = [_crawl(site, root, "first", args.autothrottle), _crawl(site, root, "second (nothing changed)", args.autothrottle)]
    print(f"crawl benchmark: {args.documents} documents ({int(args.documents * args.pdf_share)} PDF) on one local host, "
          f"politeness delay 0, AutoThrottle {'on' if args.autothrottle else 'off'}, per-domain concurrency 1 "
          f"(production DOWNLOAD_DELAY={BASE_SETTINGS['DOWNLOAD_DELAY']}s per domain)")
    print(f"{'crawl':<26}{'wall s':>8}{'crawl s':>9}{'requests':>10}{'body bytes':>13}{'header bytes':>14}{'request bytes':>15}  outcomes")
    for run in runs:
        totals = run["totals"]
        outcomes = ", ".join(f"{totals[k]} {k}" for k in ("new-version", "unchanged", "not-modified", "anomaly", "failed") if totals.get(k))
        print(f"{run['name']:<26}{run['wall']:>8.2f}{run['inside']:>9.2f}{run['requests']:>10}{run['bodies']:>13,}"
              f"{run['headers']:>14,}{run['sent']:>15,}  {outcomes}; {run['conditional']} conditional requests")
    first, second = runs
    total = lambda run: run["bodies"] + run["headers"] + run["sent"]
    print(f"second/first: wall {second['wall'] / first['wall']:.2f}x, bytes on the wire {total(second):,} vs {total(first):,} "
          f"({100 * total(second) / total(first):.1f}%)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
