"""Atom feeds of changes (all, and one per company), written with feedgen.

Each entry is one statement-level change (rejected ones left out), dated by the new version,
linking to the change on its document page; the summary names the two versions, the section and
the review status, then the before/after text and the statement's permalink. (A second <link> is
not used: feedgen 1.0 writes every entry link without its rel, so readers would take it as the
entry's main link.) Feed text is plain text (feedgen escapes it).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd
from feedgen.feed import FeedGenerator

from accesswatch.sitegen import urls
from accesswatch.tables import Dataset, changes_frame

FEED_LIMIT = 200


def _entry_time(date: dt.date | None) -> dt.datetime:
    day = date or dt.date(1970, 1, 1)
    return dt.datetime(day.year, day.month, day.day, tzinfo=dt.timezone.utc)


def _clean(value: object) -> str:
    # XML 1.0 forbids most control characters; crawled text may carry them.
    return "".join(ch for ch in str(value or "") if ch in "\t\n\r" or ord(ch) >= 0x20)


def build_feed(dataset: Dataset, changes: pd.DataFrame, base_url: str, company: str | None = None) -> bytes:
    """The Atom XML of the changes of one company (or all), newest first, at most FEED_LIMIT."""
    base = base_url.rstrip("/") + "/"
    name = dataset.company_name(company) if company else None
    fg = FeedGenerator()
    fg.id(base + urls.feed_file(company))
    fg.title(f"AccessWatch: {name}" if name else "AccessWatch: all changes")
    fg.subtitle("Changes to what frontier AI companies publish about external evaluation and model access")
    fg.author({"name": "AccessWatch"})
    fg.link(href=base + urls.feed_file(company), rel="self")
    fg.link(href=base + (urls.html_path(urls.company_page(company)) if company else ""), rel="alternate")
    fg.language("en")
    frame = changes[changes["review_status"] != "rejected"] if not changes.empty else changes
    if company and not frame.empty:
        frame = frame[frame["company"] == company]
    latest = frame["date"].max() if not frame.empty else None
    fg.updated(_entry_time(latest if isinstance(latest, dt.date) else None))
    statements = {(r.document.id, st.id) for r in dataset.records for st in r.statements}
    # feedgen prepends entries; add oldest first so the newest is on top
    for c in reversed(list(frame.head(FEED_LIMIT).itertuples(index=False))):
        entry = fg.add_entry()
        target = base + urls.html_path(urls.document_page(c.document)) + "#" + urls.anchor("change", c.change)
        entry.id(f"{base}changes/{c.document}/{c.change}")
        verb = {True: "announced", False: "silent"}.get(c.announced, "announcement unknown")
        entry.title(_clean(f"{dataset.company_name(c.company)} — {c.document_title}: {c.kind} ({verb})"))
        entry.link(href=target)
        statement_url = None
        if c.statement and (c.document, c.statement) in statements:
            statement_url = base + urls.html_path(urls.statement_page(c.document, c.statement))
        entry.updated(_entry_time(c.date))
        entry.published(_entry_time(c.date))
        review = "not yet reviewed" if c.review_status == "unreviewed" else f"review: {c.review_status}"
        parts = [f"Versions {c.old_version} → {c.new_version}"
                 + (f"; section: {' '.join(str(c.section).split())}" if c.section else "") + f"; {review}."]
        if c.before:
            parts.append(f"Before: {c.before}")
        if c.after:
            parts.append(f"After: {c.after}")
        if statement_url:
            parts.append(f"Statement: {statement_url}")
        entry.summary(_clean("\n".join(parts)))
        for category in c.categories:
            entry.category(term=category)
    return fg.atom_str(pretty=True)


def write_feeds(dataset: Dataset, directory: Path, base_url: str) -> list[Path]:
    """Write `feed.xml` and `feed-<company>.xml` into `directory` (the docs root); return the paths."""
    changes = changes_frame(dataset)
    written = []
    for company in [None, *dataset.company_slugs()]:
        path = Path(directory) / urls.feed_file(company)
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(".xml.tmp")
        tmp.write_bytes(build_feed(dataset, changes, base_url, company))
        tmp.replace(path)
        written.append(path)
    return written
