"""Generated Markdown pages of the site, from a `Dataset` and the tables of `accesswatch.tables`.

`generate_pages(context)` returns `{source path: Markdown text}` for every page with a stable
URL: home, timeline, events, companies, company pages, document pages, statement permalinks,
matrix, access ledger, access parity, downloads. Hand-written pages (methodology, contributing)
come from `site/pages`. Every value that came from a crawled page or a data file goes through
`accesswatch.sitegen.markup` (escaped); page titles are sanitised plain text.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from accesswatch.record_models import Change, DocumentRecord, Statement, VersionMeta
from accesswatch.sitegen import urls
from accesswatch.sitegen.markup import badge, block, external_link, link, md_text, redline, table, text
from accesswatch.tables import (
    NOT_DISCLOSED,
    Dataset,
    changes_frame,
    effective_change,
    effective_statement,
    latest_material_changes,
    latest_version,
    ledger_frame,
    matrix_long,
    parity_frame,
    timeline_frame,
)
from accesswatch.taxonomy import ACCESS_DEPTH_LABELS, CATEGORIES, DOCUMENT_KINDS

DEFAULT_REPO_URL = "https://github.com/accesswatch/accesswatch"


def _full_redline_renderer() -> Callable[[str, str], str] | None:
    """The diff module's whole-document redline (escaped HTML), or None when it is not there."""
    try:
        from accesswatch.diff.render import render_html
        from accesswatch.diff.textdiff import diff_versions
    except ImportError:
        return None

    def render(old: str, new: str) -> str:
        return render_html(diff_versions(old, new), context=False)

    return render


full_redline_html = _full_redline_renderer()

CATEGORY_LABELS = {
    "external-evaluation": "External evaluation",
    "external-red-teaming": "External red-teaming",
    "government-access": "Government access",
    "third-party-review": "Third-party review",
    "researcher-access": "Researcher access",
    "publication": "Publication",
    "open-weights": "Open weights",
}
KIND_WORDS = {"added": "added", "removed": "removed", "reworded": "reworded", "strengthened": "strengthened",
              "weakened": "weakened", "moved": "moved"}
LATEST_ON_HOME = 15
CHANGES_OPEN_PER_PAIR = 8  # on document pages, a pair's changes beyond these (by materiality) are collapsed,
# except weakenings and strengthenings, which are always shown
COMPANY_ROWS_OPEN = 10  # per category on company pages; three times as many material changes  # rewordings and moves beyond these are collapsed on document pages
STATEMENTS_FLAT = 25  # documents with more statements group them by section
EXAMPLE_FILTER = "timeline.md?kind=weakened&announced=silent"
SECTION_LEVELS = 2  # heading levels that make a group on document pages
MATERIAL = ("strengthened", "weakened", "removed", "added")
PER_PAIR_ON_HOME = 3
EXCERPT = 180


@dataclass
class SiteContext:
    """What page generation needs besides the dataset.

    `text_of(document_id, version_id)` returns a version's full text or None (the archive is
    optional); `record_lines[document_id][("statements"|"changes", id)]` is the line number of
    an item in its record file (for "fix this record" links).
    """

    dataset: Dataset
    base_url: str = "https://accesswatch.github.io/accesswatch/"
    repo_url: str = DEFAULT_REPO_URL
    branch: str = "main"
    text_of: Callable[[str, str], str | None] | None = None
    record_lines: dict[str, dict[tuple[str, str], int]] = field(default_factory=dict)
    built_on: dt.date = field(default_factory=dt.date.today)


# ---------------------------------------------------------------------------------------------
# small helpers


def plain_title(value: object) -> str:
    """A page title safe for the theme, which prints titles unescaped: no markup characters."""
    cleaned = re.sub(r"[<>&\"'`\\{}]", "", str(value))
    return " ".join(cleaned.split()) or "Untitled"


def _front_matter(title: str, **extra: str | list[str]) -> str:
    lines = ["---", f"title: {json.dumps(plain_title(title))}"]
    for key, value in extra.items():
        lines.append(f"{key}: {json.dumps(value)}")
    lines.append("---")
    return "\n".join(lines) + "\n\n"


def _excerpt(quote: str, limit: int = EXCERPT) -> str:
    squashed = " ".join(quote.split())
    return squashed if len(squashed) <= limit else squashed[: limit - 1].rstrip() + "…"


def _excerpt_left(value: str, limit: int) -> str:
    """A heading path shortened from the left, so its most specific part stays readable."""
    squashed = " ".join(value.split())
    return squashed if len(squashed) <= limit else "…" + squashed[-(limit - 1):].lstrip()


def _date(value: object) -> str:
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return NOT_DISCLOSED
    return value.isoformat() if hasattr(value, "isoformat") else str(value)


def _announced(value: object) -> str:
    if value is True:
        return badge("announced", "announced")
    if value is False:
        return badge("announced", "silent")
    return badge("announced", "unknown", "not known")


def _categories(categories: list[str]) -> str:
    return ", ".join(text(CATEGORY_LABELS.get(c, c)) for c in categories) or "—"


def _strength(value: str | None) -> str:
    return badge("strength", value) if value else text(NOT_DISCLOSED)


def _depth(value: str | None) -> str:
    if not value or value == NOT_DISCLOSED:
        return text(NOT_DISCLOSED)
    return f'<abbr title="{text(ACCESS_DEPTH_LABELS.get(value, value))}">{text(value)}</abbr>'


def wayback_url(version: VersionMeta) -> str:
    """The Wayback Machine URL of a version's source on its date."""
    return f"https://web.archive.org/web/{version.date.strftime('%Y%m%d')}/{version.url}"


def _review(status: str) -> str:
    return badge("review", status)


REVIEW_WORDS = {"unreviewed": "not yet reviewed", "confirmed": "confirmed by a reviewer",
                "corrected": "corrected by a reviewer", "contested": "contested", "rejected": "rejected by a reviewer"}


def record_marks(raw: Statement | Change) -> str:
    """Review status, reviewer-added origin and any machine/human conflict of a record, as badges."""
    marks = [badge("review", raw.review.status, REVIEW_WORDS.get(raw.review.status, raw.review.status))]
    if getattr(raw, "origin", "machine") == "reviewer":
        marks.append(badge("origin", "reviewer", "added by a reviewer"))
    if raw.conflict:
        marks.append(f'<span class="aw-badge aw-conflict" title="{text(raw.conflict)}">conflict</span>')
    return " ".join(marks)


def _announced_key(value: object) -> str:
    return "announced" if value is True else ("silent" if value is False else "unknown")


def silent_summary(changes: pd.DataFrame) -> str:
    """One sentence: how many of the (not rejected) changes were silent, announced or unknown."""
    total = len(changes)
    if not total:
        return "No changes recorded yet."
    silent = int((changes["announced"] == False).sum())  # noqa: E712
    announced = int((changes["announced"] == True).sum())  # noqa: E712
    weakened_silent = int(((changes["announced"] == False) & (changes["kind"].isin(["weakened", "removed"]))).sum())  # noqa: E712
    share = round(100 * silent / total)
    return (f"{silent} of {total} changes ({share} %) were silent — in no changelog or announcement of the "
            f"company — {weakened_silent} of them weakening or removing a passage; {announced} announced, "
            f"{total - silent - announced} not checkable.")


def _href_query(page: str, target: str) -> str:
    """`urls.href` for a target that may carry a query string (linked timeline filters)."""
    path, _, query = target.partition("?")
    return urls.href(page, path) + (f"?{text(query)}" if query else "")


def pair_anchor(old_version: str, new_version: str) -> str:
    """The id of a version pair's changes on its document page."""
    return urls.anchor("changes", f"{old_version}--{new_version}")


# ---------------------------------------------------------------------------------------------
# the generator


class _Generator:
    def __init__(self, context: SiteContext) -> None:
        self.ctx = context
        self.ds = context.dataset
        self.changes = changes_frame(self.ds)
        self.timeline = timeline_frame(self.ds)
        self.ledger = ledger_frame(self.ds)
        self.records = {r.document.id: r for r in self.ds.records}
        self.sources = {c.document_id(s): (c, s) for c in self.ds.companies for s in c.documents}
        self._texts: dict[tuple[str, str], str | None] = {}

    # links ---------------------------------------------------------------------------------
    def company_link(self, page: str, company: str) -> str:
        return link(urls.href(page, urls.company_page(company)), text(self.ds.company_name(company)))

    def document_title(self, document_id: str) -> str:
        record = self.records.get(document_id)
        if record is not None:
            return record.document.title
        found = self.sources.get(document_id)
        return found[1].title if found else document_id

    def document_link(self, page: str, document_id: str, fragment: str | None = None) -> str:
        return link(urls.href(page, urls.document_page(document_id), fragment), text(self.document_title(document_id)))

    def _has_statement(self, document_id: str, statement_id: str) -> bool:
        record = self.records.get(document_id)
        if record is None:
            return False
        if not hasattr(self, "_statement_ids"):
            self._statement_ids = {d: {s.id for s in r.statements} for d, r in self.records.items()}
        return statement_id in self._statement_ids[document_id]

    def statement_href(self, page: str, document_id: str, statement_id: str) -> str:
        return urls.href(page, urls.statement_page(document_id, statement_id))

    def event_href(self, page: str, event_id: str) -> str:
        return urls.href(page, "events.md", urls.anchor("event", event_id))

    def fix_url(self, document_id: str, section: str | None = None, item: str | None = None) -> str:
        company, _, name = document_id.partition("/")
        url = f"{self.ctx.repo_url.rstrip('/')}/blob/{self.ctx.branch}/data/documents/{company}/{name}.yml"
        line = self.ctx.record_lines.get(document_id, {}).get((section, item)) if section else None
        return url + (f"#L{line}" if line else "")

    def permalink(self, source: str) -> str:
        return self.ctx.base_url.rstrip("/") + "/" + urls.html_path(source)

    # pages ---------------------------------------------------------------------------------
    def all_pages(self) -> dict[str, str]:
        pages = {
            "index.md": self.home(),
            "timeline.md": self.timeline_page(),
            "events.md": self.events_page(),
            "companies/index.md": self.companies_index(),
            "matrix.md": self.matrix_page(),
            "ledger.md": self.ledger_page(),
            "parity.md": self.parity_page(),
            "downloads.md": self.downloads_page(),
        }
        for company in self.ds.company_slugs():
            pages[urls.company_page(company)] = self.company(company)
        for record in self.ds.records:
            pages[urls.document_page(record.document.id)] = self.document(record)
            for statement in record.statements:
                pages[urls.statement_page(record.document.id, statement.id)] = self.statement(record, statement)
            for old, new in self._archived_pairs(record):
                pages[urls.redline_page(record.document.id, old.id, new.id)] = self.full_redline(record, old, new)
        return pages

    def _archived_pairs(self, record: DocumentRecord) -> list[tuple[VersionMeta, VersionMeta]]:
        """Consecutive versions whose texts are both in the archive (none without an archive)."""
        if self.ctx.text_of is None or full_redline_html is None:
            return []
        versions = sorted(record.versions, key=lambda v: (v.date, v.id))
        return [(a, b) for a, b in zip(versions, versions[1:])
                if self._text(record.document.id, a.id) is not None and self._text(record.document.id, b.id) is not None]

    def _text(self, document_id: str, version_id: str) -> str | None:
        key = (document_id, version_id)
        if key not in self._texts:
            self._texts[key] = self.ctx.text_of(document_id, version_id) if self.ctx.text_of else None
        return self._texts[key]

    def full_redline(self, record: DocumentRecord, old: VersionMeta, new: VersionMeta) -> str:
        doc = record.document
        page = urls.redline_page(doc.id, old.id, new.id)
        body = full_redline_html(self._text(doc.id, old.id) or "", self._text(doc.id, new.id) or "")
        body = re.sub(r"\n\s*\n", "\n", body)
        back = link(urls.href(page, urls.document_page(doc.id)), text(doc.title))
        return (_front_matter(f"{doc.title}: {old.date.isoformat()} to {new.date.isoformat()}")
                + f"# Redline {md_text(old.date.isoformat())} → {md_text(new.date.isoformat())}\n"
                + block(f'<p>{back} ({self.company_link(page, doc.company)}): every changed section of the archived '
                        f'texts; deletions struck through, insertions underlined. Text SHA-256 '
                        f'<code class="aw-hash">{text(old.text_sha256)}</code> → '
                        f'<code class="aw-hash">{text(new.text_sha256)}</code>.</p>')
                + block(f'<div class="aw-full-redline" data-search-exclude>{body}</div>'))

    def _change_rows(self, page: str, frame: pd.DataFrame, *, with_company: bool = True) -> str:
        headers = ["Date", *(["Company"] if with_company else []), "Document", "Change", "Announced", "Passage"]
        rows = []
        more_column = "more_in_pair" in frame.columns
        for c in frame.itertuples(index=False):
            kind = badge("kind", c.kind)
            if c.review_status != "unreviewed":
                kind += " " + _review(c.review_status)
            if c.origin == "reviewer":
                kind += " " + badge("origin", "reviewer", "added by a reviewer")
            passage = link(urls.href(page, urls.document_page(c.document), urls.anchor("change", c.change)),
                           text(_excerpt(c.after or c.before or "(no text)", 120)))
            if c.statement and self._has_statement(c.document, c.statement):
                passage += " " + link(self.statement_href(page, c.document, c.statement), "statement",
                                      cls="aw-stmt-link")
            if more_column and c.more_in_pair:
                more = f"{c.more_in_pair} more change{'s' if c.more_in_pair != 1 else ''} in this version"
                passage += ('<br><span class="aw-more">' + link(urls.href(
                    page, urls.document_page(c.document), pair_anchor(c.old_version, c.new_version)), text(more))
                    + "</span>")
            rows.append([
                text(_date(c.date)),
                *([self.company_link(page, c.company)] if with_company else []),
                self.document_link(page, c.document),
                kind,
                _announced(c.announced),
                passage,
            ])
        return table(headers, rows)

    def home(self) -> str:
        page = "index.md"
        ds = self.ds
        statements = sum(len(r.statements) for r in ds.records)
        current = sum(1 for r in ds.records for s in r.statements if s.current and s.review.status != "rejected")
        versions = sum(len(r.versions) for r in ds.records)
        visible = self.changes[self.changes["review_status"] != "rejected"] if not self.changes.empty else self.changes
        weakened = int((visible["kind"] == "weakened").sum()) if not visible.empty else 0
        silent = int((visible["announced"] == False).sum()) if not visible.empty else 0  # noqa: E712
        documents = len({*self.records, *self.sources})
        counts = [
            ("Companies", len(ds.company_slugs()), "companies/index.md"),
            ("Documents tracked", documents, "companies/index.md"),
            ("Archived versions", versions, "downloads.md"),
            ("Statements in force (not rejected)", current, "matrix.md"),
            ("Statements ever extracted", statements, "downloads.md"),
            ("Changes between versions", len(visible), "timeline.md"),
            ("Weakenings", weakened, "timeline.md?kind=weakened"),
            ("Silent changes", silent, "timeline.md?announced=silent"),
            ("Curated events", len(ds.events), "events.md"),
        ]
        cards = "".join(
            f'<li><a href="{_href_query(page, target)}"><span class="aw-count">{text(value)}</span> '
            f"<span>{text(label)}</span></a></li>"
            for label, value, target in counts
        )
        # the home page shows changes of substance, a few per version; rewording and moves stay on the timeline
        latest = latest_material_changes(ds, per_pair=PER_PAIR_ON_HOME, limit=LATEST_ON_HOME)
        out = [_front_matter("AccessWatch"), "# AccessWatch\n\n",
               "AccessWatch archives what frontier AI companies publish about **external evaluation and model "
               "access** — who outside the company gets to test the models, how deep that access is, who reviews "
               "the company's claims and what gets published — and shows every change between versions: "
               "strengthened, weakened, added or removed, announced or silent.\n",
               block(f'<ul class="aw-counts">{cards}</ul>'),
               block(f'<p class="aw-silent-line">{text(silent_summary(visible))} '
                     f'{link(urls.href(page, "timeline.md") + "?announced=silent", "See the silent changes")}.</p>'),
               "## Latest changes\n"]
        if latest.empty:
            out.append("\nNo changes recorded yet.\n")
        else:
            out.append(block(self._change_rows(page, latest)))
            out.append("[All changes and events on the timeline](timeline.md) · "
                       "[Atom feed of changes](feed.xml)\n")
        out.append("\n## What we track\n\n")
        out.append("- **Companies**: " + ", ".join(
            f"[{md_text(ds.company_name(c))}]({urls.company_page(c)})" for c in ds.company_slugs()) + "\n")
        out.append("- **Documents**: safety frameworks, system and model cards, policies and press releases, "
                   "archived in dated versions with SHA-256 hashes.\n")
        out.append("- **Statements** about external evaluation, red-teaming, government access, third-party "
                   "review, researcher access, publication and open weights — see the [matrix](matrix.md), the "
                   "[access ledger](ledger.md) and [access parity](parity.md).\n")
        out.append("- **How it works**: [methodology](methodology.md); data: [downloads](downloads.md); "
                   "corrections: [contributing](contributing.md).\n")
        return "".join(out)

    def timeline_page(self) -> str:
        page = "timeline.md"
        frame = self.timeline
        companies = sorted(set(frame["company"])) if not frame.empty else []
        kinds = sorted(set(frame["kind"])) if not frame.empty else []
        doc_kinds = sorted(set(frame["document_kind"])) if not frame.empty else []

        def select(name: str, label: str, options: list[tuple[str, str]]) -> str:
            opts = "".join(f'<option value="{text(v)}">{text(t)}</option>' for v, t in options)
            return (f'<label for="aw-filter-{name}">{text(label)}</label>'
                    f'<select id="aw-filter-{name}" data-aw-filter="{name}"><option value="">all</option>{opts}</select>')

        filters = (
            '<form class="aw-filters" data-aw-filters="timeline" role="search" aria-label="Filter the timeline">'
            + select("company", "Company", [(c, self.ds.company_name(c)) for c in companies])
            + select("category", "Category", [(c, CATEGORY_LABELS[c]) for c in CATEGORIES])
            + select("kind", "Kind", [(k, k) for k in kinds])
            + select("doctype", "Document type", [(k, k) for k in doc_kinds])
            + select("was", "Strength before", [(k, k) for k in ("commitment", "intention", "discretionary",
                                                                      "practice")])
            + select("announced", "Announced?", [("announced", "announced"), ("silent", "silent (not announced)"),
                                                 ("unknown", "not known"), ("event", "curated events only")])
            + '<output class="aw-filter-count" data-aw-count aria-live="polite"></output></form>'
        )
        rows, attrs = [], []
        for t in frame.itertuples(index=False):
            if t.entry == "change":
                what = link(urls.href(page, urls.document_page(t.document), urls.anchor("change", t.id)),
                            text(_excerpt(t.title, 140)))
                if t.statement and self._has_statement(t.document, t.statement):
                    what += " " + link(self.statement_href(page, t.document, t.statement), "statement",
                                       cls="aw-stmt-link")
                source = self.document_link(page, t.document)
                kind = badge("kind", t.kind)
                if t.strength_before or t.strength_after:
                    kind += (f'<br><span class="aw-strength-shift">{text(t.strength_before or "—")} → '
                             f'{text(t.strength_after or "—")}</span>')
                announced = _announced(t.announced)
            else:
                what = link(self.event_href(page, t.id), text(t.title))
                source = "event"
                kind = badge("event", t.kind)
                announced = "—"
            rows.append([text(_date(t.date)), self.company_link(page, t.company), kind, source,
                         _categories(t.categories), announced, what])
            attrs.append(f' data-company="{text(t.company)}" data-category="{text(" ".join(t.categories))}"'
                         f' data-kind="{text(t.kind)}" data-doctype="{text(t.document_kind)}"'
                         f' data-announced="{_announced_key(t.announced) if t.entry == "change" else "event"}"'
                         f' data-was="{text(t.strength_before or "")}"')
        body = table(["Date", "Company", "Kind", "Document", "Categories", "Announced", "What"], rows,
                     cls="aw-table aw-timeline", row_attrs=attrs)
        return (_front_matter("Timeline", hide=["toc"]) + "# Timeline\n\n"
                "Every recorded change and curated event, newest first. Filter by company, category, kind, "
                "document type, the strength of the passage before the change, or whether the company "
                "announced the change. The filters work offline too and can be linked, e.g. "
                + link(_href_query(page, EXAMPLE_FILTER), "weakenings the company did not announce") + ".\n"
                + block(filters)
                + block('<p class="aw-empty" data-aw-empty hidden>Nothing matches these filters. Set one of them '
                        'back to "all" — a change whose announcement could not be checked is under "Announced?: '
                        'not known", not "silent".</p>')
                + block(body))

    def events_page(self) -> str:
        page = "events.md"
        rows = []
        for e in reversed(self.ds.events):
            date = e.date.isoformat() if e.date_precision == "day" else (
                e.date.strftime("%Y-%m") if e.date_precision == "month" else str(e.date.year))
            sources = "<br>".join(external_link(s.url, s.title) for s in e.sources)
            status = "" if e.status == "confirmed" else " " + badge("review", "contested")
            title = f'<span id="{urls.anchor("event", e.id)}">{text(e.title)}</span>{status}'
            if e.summary:
                title += f'<br><span class="aw-summary">{text(e.summary)}</span>'
            rows.append([text(date), ", ".join(self.company_link(page, c) for c in e.companies), badge("event", e.type),
                         title, text(e.model or "—"), text(", ".join(e.evaluators) or "—"), _depth(e.access_depth),
                         text(e.days_before_release if e.days_before_release is not None else "—"), sources])
        return (_front_matter("Events", hide=["toc"]) + "# Curated events\n\n"
                "Dated facts the documents imply but do not state as text changes — pre-deployment access given "
                "to evaluators, agreements with AI safety institutes, releases, system cards — each with its "
                "sources. They feed the [access ledger](ledger.md) and [access parity](parity.md).\n"
                + block(table(["Date", "Companies", "Type", "Event", "Model", "Evaluators", "Depth",
                               "Days before release", "Sources"], rows)))

    def companies_index(self) -> str:
        page = "companies/index.md"
        rows = []
        for company in self.ds.company_slugs():
            docs = [d for d in self._company_documents(company)]
            versions = sum(len(self.records[d].versions) for d in docs if d in self.records)
            statements = sum(len(self.records[d].statements) for d in docs if d in self.records)
            changes = int((self.changes["company"] == company).sum()) if not self.changes.empty else 0
            rows.append([self.company_link(page, company), text(len(docs)), text(versions), text(statements),
                         text(changes)])
        return (_front_matter("Companies") + "# Companies\n"
                + block(table(["Company", "Documents", "Versions", "Statements", "Changes"], rows)))

    def _company_documents(self, company: str) -> list[str]:
        ids = {d for d, r in self.records.items() if r.document.company == company}
        ids.update(d for d, (c, _s) in self.sources.items() if c.company == company)
        return sorted(ids)

    def company(self, company: str) -> str:
        page = urls.company_page(company)
        name = self.ds.company_name(company)
        out = [_front_matter(name, feed=urls.feed_file(company), feed_title=plain_title(f"AccessWatch: {name}")),
               f"# {md_text(name)}\n\n",
               f"[Atom feed of {md_text(name)}'s changes](../{urls.feed_file(company)})\n\n## Tracked documents\n"]
        rows = []
        for doc in self._company_documents(company):
            record = self.records.get(doc)
            if record is None:
                _c, source = self.sources[doc]
                rows.append([text(source.title), text(source.kind), "0", "not archived yet", "0"])
                continue
            latest = latest_version(record)
            rows.append([self.document_link(page, doc), text(record.document.kind), text(len(record.versions)),
                         text(_date(latest.date) if latest else "—"),
                         text(sum(1 for s in record.statements if s.current and s.review.status != "rejected"))])
        out.append(block(table(["Document", "Kind", "Versions", "Latest version", "Current statements"], rows))
                   if rows else "\nNo documents declared yet.\n")
        out.append("\n## Current statements by category\n")
        current = [(r, effective_statement(s), s) for r in self.records.values() if r.document.company == company
                   for s in r.statements if s.current and s.review.status != "rejected"]
        for category in CATEGORIES:
            mine = [(r, s, raw) for r, s, raw in current if category in s.categories]
            out.append(f'\n### {CATEGORY_LABELS[category]} {{#{category}}}\n')
            if not mine:
                out.append("\nNothing current in this category.\n")
                continue
            mine.sort(key=lambda rs: (-_RANK[rs[1].strength], rs[0].document.id, rs[1].id))
            rows = [[_strength(s.strength),
                     link(self.statement_href(page, r.document.id, s.id), text(_excerpt(s.quote))),
                     self.document_link(page, r.document.id), _depth(s.access_depth), record_marks(raw)]
                    for r, s, raw in mine]
            headers = ["Strength", "Statement", "Document", "Access depth", "Review"]
            shown = table(headers, rows[:COMPANY_ROWS_OPEN])
            if len(rows) > COMPANY_ROWS_OPEN:
                rest = len(rows) - COMPANY_ROWS_OPEN
                shown += (f'<details class="aw-group"><summary>{text(rest)} more current statement'
                          f'{"s" if rest != 1 else ""} in this category (weaker or from other documents)</summary>'
                          f'{table(headers, rows[COMPANY_ROWS_OPEN:])}</details>')
            out.append(block(shown))
        out.append("\n## Access ledger\n")
        ledger = self.ledger[self.ledger["company"] == company] if not self.ledger.empty else self.ledger
        out.append(block(self._ledger_table(page, ledger)) if not ledger.empty else "\nNo access recorded.\n")
        out.append("\n## Change history\n")
        changes = self.changes[self.changes["company"] == company] if not self.changes.empty else self.changes
        if changes.empty:
            out.append("\nNo changes recorded yet.\n")
        else:
            visible = changes[changes["review_status"] != "rejected"]
            out.append(block(f'<p class="aw-silent-line">{text(silent_summary(visible))} '
                             f'{link(urls.href(page, "timeline.md") + "?company=" + text(company) + "&amp;announced=silent", "See them on the timeline")}.</p>'))
            material = changes[changes["kind"].isin(MATERIAL) & (changes["review_status"] != "rejected")]
            other = changes.drop(material.index)
            shown = self._change_rows(page, material.head(COMPANY_ROWS_OPEN * 3), with_company=False)
            rest = pd.concat([material.iloc[COMPANY_ROWS_OPEN * 3:], other])
            if not rest.empty:
                rest = rest.sort_values(["date", "materiality"], ascending=[False, False], kind="stable")
                shown += (f'<details class="aw-group"><summary>{text(len(rest))} more changes (older, rewordings, '
                          f'moves, rejected)</summary>{self._change_rows(page, rest, with_company=False)}</details>')
            out.append(block(shown))
        return "".join(out)

    def document(self, record: DocumentRecord) -> str:
        doc = record.document
        page = urls.document_page(doc.id)
        out = [_front_matter(f"{doc.title} ({self.ds.company_name(doc.company)})", feed=urls.feed_file(doc.company),
                             feed_title=plain_title(f"AccessWatch: {self.ds.company_name(doc.company)}")),
               f"# {md_text(doc.title)}\n"]
        facts = (f'<p class="aw-facts">{self.company_link(page, doc.company)} · {text(doc.kind)} · '
                 f'{external_link(doc.url, "source")} · '
                 f'{link(self.fix_url(doc.id), "record file on GitHub", external=True)}</p>')
        out.append(block(facts))
        out.append("## Versions\n")
        versions = sorted(record.versions, key=lambda v: (v.date, v.id))
        rows = []
        for i, v in enumerate(versions):
            rows.append([
                f'<span id="{urls.anchor("version", v.id)}">{text(v.date.isoformat())}</span>',
                text(versions[i + 1].date.isoformat() if i + 1 < len(versions) else "latest"),
                text(v.label or v.id), badge("origin", v.origin),
                f'<code class="aw-hash">{text(v.raw_sha256)}</code>',
                f'<code class="aw-hash">{text(v.text_sha256)}</code>',
                text(f"{v.chars:,}"),
                external_link(v.url, "source") + " · " + external_link(wayback_url(v), "Wayback"),
            ])
        out.append(block('<p class="aw-group-note">Each version is the document as it stood from its date until '
                         'the next version; cite a statement with the text SHA-256.</p>'
                         + table(["Date", "Replaced on", "Version", "Origin", "SHA-256 (raw)", "SHA-256 (text)",
                                  "Characters", "Links"], rows, cls="aw-table aw-versions"))
                   if rows else "\nNo versions archived yet.\n")
        out.append("\n## Changes between versions\n")
        dates = {v.id: v.date for v in versions}
        pairs: dict[tuple[str, str], list[Change]] = {}
        for change in record.changes:
            pairs.setdefault((change.old_version, change.new_version), []).append(change)
        if not pairs:
            out.append("\nNo statement-level changes recorded.\n")
        for (old, new), changes in sorted(pairs.items(), key=lambda p: (str(dates.get(p[0][1], "")), p[0][1]), reverse=True):
            out.append(f"\n### {md_text(_date(dates.get(old, old)))} → {md_text(_date(dates.get(new, new)))} "
                       f"{{#{pair_anchor(old, new)}}}\n")
            items, later, rejected = [], [], []
            ordered = sorted(changes, key=lambda c: (-effective_change(c).materiality, c.id))
            versions_line = (f'<p class="aw-pair-versions">From version '
                             f'{link("#" + urls.anchor("version", old), text(_date(dates.get(old, old))))} to '
                             f'{link("#" + urls.anchor("version", new), text(_date(dates.get(new, new))))}: '
                             f'{text(len(changes))} change{"s" if len(changes) != 1 else ""}.</p>')
            for raw in ordered:
                c = effective_change(raw)
                head = [badge("kind", c.kind), _announced(c.announced), _categories(c.categories)]
                if c.strength_before or c.strength_after:
                    head.append(f"{_strength(c.strength_before) if c.strength_before else '—'} → "
                                f"{_strength(c.strength_after) if c.strength_after else '—'}")
                head.append(record_marks(raw))
                cls = "aw-change aw-rejected" if raw.review.status == "rejected" else "aw-change"
                section = f'<p class="aw-section">Section: {text(c.section)}</p>' if c.section else ""
                reasons = (f'<p class="aw-reasons">{text("; ".join(c.reasons))}</p>' if c.reasons else "")
                stmt = ""
                if c.statement and any(s.id == c.statement for s in record.statements):
                    stmt = f'<p>{link(self.statement_href(page, doc.id, c.statement), "Statement permalink")}</p>'
                conflict = (f'<p class="aw-warning">Conflict: {text(c.conflict)}</p>' if c.conflict else "")
                entry = (f'<div class="{cls}" id="{urls.anchor("change", c.id)}">'
                         f'<p class="aw-change-head">{" · ".join(head)}</p>{conflict}{section}'
                         f'<p class="aw-redline">{redline(c.before, c.after)}</p>{reasons}{stmt}</div>')
                if raw.review.status == "rejected":
                    rejected.append(entry)
                elif c.kind in ("weakened", "strengthened") or len(items) < CHANGES_OPEN_PER_PAIR:
                    items.append(entry)
                else:
                    later.append((c.kind, entry))
            html_out = versions_line + "".join(items)
            if later:
                kinds: dict[str, int] = {}
                for kind, _entry in later:
                    kinds[kind] = kinds.get(kind, 0) + 1
                what = ", ".join(f"{n} {KIND_WORDS.get(k, k)}" for k, n in kinds.items())
                html_out += (f'<details class="aw-more-changes"><summary>{text(len(later))} more change'
                             f'{"s" if len(later) != 1 else ""}, less material ({text(what)})</summary>'
                             f'{"".join(e for _k, e in later)}</details>')
            if rejected:
                html_out += (f'<details class="aw-more-changes"><summary>{text(len(rejected))} change'
                             f'{"s" if len(rejected) != 1 else ""} rejected by a reviewer</summary>'
                             f'{"".join(rejected)}</details>')
            out.append(block(html_out))
        archived_pairs = self._archived_pairs(record)
        if archived_pairs:
            out.append("\n## Full redlines of the archived texts\n")
            items = "".join(
                f'<li>{link(urls.href(page, urls.redline_page(doc.id, a.id, b.id)), text(f"{a.date.isoformat()} → {b.date.isoformat()}"))}</li>'
                for a, b in reversed(archived_pairs))
            out.append(block(f"<ul>{items}</ul>"))
        out.append("\n## Statements\n")
        live = [s for s in record.statements if s.review.status != "rejected"]
        current = [s for s in live if s.current]
        earlier = [s for s in live if not s.current]
        rejected = [s for s in record.statements if s.review.status == "rejected"]
        if current:
            out.append("\n### Current\n")
            out.append(block(self._statement_groups(page, doc.id, current)))
        for title, group in (("No longer in the latest version", earlier), ("Rejected by a reviewer", rejected)):
            if group:
                out.append(f"\n### {title}\n")
                out.append(block(f'<details class="aw-group"><summary>Show {text(len(group))} statement'
                                 f'{"s" if len(group) != 1 else ""}</summary>'
                                 f'{self._statement_table(page, doc.id, group)}</details>'))
        if not record.statements:
            out.append("\nNo statements extracted.\n")
        latest = latest_version(record)
        full = self._text(doc.id, latest.id) if latest else None
        if full:
            out.append(f"\n## Full text of the latest version ({md_text(latest.date.isoformat())})\n")
            out.append(block(f'<details class="aw-fulltext-box" data-search-exclude><summary>Show the archived text '
                             f'({text(f"{len(full):,}")} characters)</summary>'
                             f'<div class="aw-fulltext">{text(full)}</div></details>'))
        return "".join(out)

    def _statement_table(self, page: str, document_id: str, group: list[Statement], under: str = "") -> str:
        rows = []
        for raw in group:
            s = effective_statement(raw)
            section = " ".join(s.section.split())
            sub = section[len(under):].lstrip(" >") if under and section.startswith(under) else ""
            where = f'<br><span class="aw-subsection">{text(_excerpt(sub, 90))}</span>' if sub else ""
            rows.append([link(self.statement_href(page, document_id, s.id), text(_excerpt(s.quote))) + where,
                         _categories(s.categories), _strength(s.strength), _depth(s.access_depth), record_marks(raw)])
        return table(["Statement", "Categories", "Strength", "Access depth", "Review"], rows)

    def _statement_groups(self, page: str, document_id: str, group: list[Statement]) -> str:
        """A short list as one table; a long one in collapsible sections, in document order."""
        if len(group) <= STATEMENTS_FLAT:
            return self._statement_table(page, document_id, group)
        sections: dict[str, list[Statement]] = {}
        for raw in sorted(group, key=lambda s: s.start):
            # the first two levels of the heading path; deeper headings are shown on the row
            key = " > ".join(" ".join(raw.section.split()).split(" > ")[:SECTION_LEVELS])
            sections.setdefault(key or "(no section heading)", []).append(raw)
        parts = [f'<p class="aw-group-note">{text(len(group))} statements in {text(len(sections))} sections, in '
                 f'document order; open a section to see them.</p>']
        for name, members in sections.items():
            strongest = max((effective_statement(m).strength for m in members), key=lambda v: _RANK.get(v, -1))
            parts.append(f'<details class="aw-group"><summary>{text(_excerpt_left(name, 110))} '
                         f'<span class="aw-group-count">({text(len(members))}; strongest: {text(strongest)})</span>'
                         f'</summary>{self._statement_table(page, document_id, members, name)}</details>')
        return "".join(parts)

    def statement(self, record: DocumentRecord, raw: Statement) -> str:
        doc = record.document
        page = urls.statement_page(doc.id, raw.id)
        s = effective_statement(raw)
        versions = {v.id: v for v in record.versions}
        company = self.ds.company_name(doc.company)
        out = [_front_matter(f"Statement {raw.id} — {doc.title} ({company})"),
               f"# Statement in {md_text(doc.title)}\n"]
        marks = []
        if raw.review.status == "rejected":
            marks.append('<p class="aw-warning">' + _review("rejected") +
                         " A reviewer rejected this record: it is not part of the current picture.</p>")
        if not s.current:
            marks.append('<p class="aw-warning">No longer in the latest version of the document.</p>')
        if s.conflict:
            marks.append(f'<p class="aw-warning">Needs review: {text(s.conflict)}</p>')
        marks.append(f'<p class="aw-marks">{record_marks(raw)}</p>')
        version = versions.get(s.version)
        seen = (f"{text(_date(versions[s.first_seen].date) if s.first_seen in versions else s.first_seen)} – "
                f"{text(_date(versions[s.last_seen].date) if s.last_seen in versions else s.last_seen)}")
        facts = [
            ("Company", self.company_link(page, doc.company)),
            ("Document", self.document_link(page, doc.id)),
            ("Section", text(s.section or "—")),
            ("Categories", _categories(s.categories)),
            ("Strength", _strength(s.strength)),
            ("Access depth", _depth(s.access_depth)),
            ("Actors", text(", ".join(s.actors) or "—")),
            ("Timing", text(s.timing or "—")),
            ("Conditions", text("; ".join(s.conditions) or "—")),
            ("Cues", text(", ".join(s.cues) or "—")),
            ("Seen in versions", seen),
            ("Quoted from", text(_date(version.date) if version else s.version)
             + (f" (page {text(s.page)})" if s.page else "")),
            ("Review", _review(raw.review.status)),
            ("Recorded by", text("a reviewer (the extractor missed it)" if getattr(raw, "origin", "machine") == "reviewer"
                                 else "automatic extraction")),
        ]
        dl = "".join(f"<dt>{text(k)}</dt><dd>{v}</dd>" for k, v in facts)
        out.append(block("".join(marks) + f'<blockquote class="aw-quote">{text(s.quote)}</blockquote>'
                         f'<dl class="aw-facts-list">{dl}</dl>'))
        out.append("## History\n")
        ordered = sorted(record.versions, key=lambda v: (v.date, v.id))
        position = {v.id: i for i, v in enumerate(ordered)}
        doc_href = urls.href(page, urls.document_page(doc.id))

        def version_link(version_id: str) -> str:
            v = versions.get(version_id)
            return link(doc_href + "#" + urls.anchor("version", version_id), text(_date(v.date) if v else version_id))

        def until(version_id: str) -> str:
            """When the wording of a version stopped being the document's latest."""
            i = position.get(version_id)
            if i is None:
                return text(NOT_DISCLOSED)
            return text(ordered[i + 1].date.isoformat()) if i + 1 < len(ordered) else text("still current")

        if raw.history:
            rows, previous = [], None
            for rev in raw.history:
                shown = redline(previous.quote, rev.quote) if previous and previous.quote != rev.quote else text(rev.quote)
                rows.append([version_link(rev.version), until(rev.version), _strength(rev.strength),
                             _categories(rev.categories), f'<span class="aw-redline">{shown}</span>'])
                previous = rev
            out.append(block(table(["Version", "Next version", "Strength", "Categories",
                                    "Wording (changes from the previous version marked)"], rows)))
        elif s.first_seen in position and s.last_seen in position:
            span = ordered[position[s.first_seen]: position[s.last_seen] + 1]
            after = position[s.last_seen] + 1
            end = (f"it was no longer in the version of {text(ordered[after].date.isoformat())}"
                   if after < len(ordered) else "it is in the latest version")
            out.append(block(f'<p class="aw-history-line">The same wording in {text(len(span))} version'
                             f'{"s" if len(span) != 1 else ""}: {", ".join(version_link(v.id) for v in span)}; '
                             f'{end}.</p>'))
        else:
            out.append("\nNo earlier wording recorded.\n")
        related = [c for c in record.changes if c.statement == raw.id]
        if related:
            out.append("\n## Changes\n")
            items = []
            for rc in related:
                c = effective_change(rc)
                dates = f"{_date(versions[c.old_version].date) if c.old_version in versions else c.old_version} → " \
                        f"{_date(versions[c.new_version].date) if c.new_version in versions else c.new_version}"
                items.append(f'<div class="aw-change" id="{urls.anchor("change", c.id)}"><p class="aw-change-head">'
                             f'{text(dates)} · {badge("kind", c.kind)} · {_announced(c.announced)} · '
                             f'{record_marks(rc)} · '
                             f'{link(urls.href(page, urls.document_page(doc.id), urls.anchor("change", c.id)), "on the document page")}'
                             f'</p>' + (f'<p class="aw-warning">Conflict: {text(c.conflict)}</p>' if c.conflict else "")
                             + f'<p class="aw-redline">{redline(c.before, c.after)}</p></div>')
            out.append(block("".join(items)))
        out.append("\n## Review\n")
        review = raw.review
        rev_rows = [("Status", _review(review.status))]
        if review.corrected:
            machine = {k: getattr(raw, k, None) for k in review.corrected}
            rev_rows.append(("Corrected fields", text("; ".join(
                f"{k}: {machine[k]!s} → {v!s}" for k, v in review.corrected.items()))))
        if review.note:
            rev_rows.append(("Note", text(review.note)))
        if review.reviewer:
            rev_rows.append(("Reviewer", text(review.reviewer)))
        if review.reviewed_on:
            rev_rows.append(("Reviewed on", text(review.reviewed_on.isoformat())))
        out.append(block('<dl class="aw-facts-list">' + "".join(f"<dt>{text(k)}</dt><dd>{v}</dd>" for k, v in rev_rows)
                         + "</dl>"))
        out.append("\n## Cite this\n")
        plain, bibtex = self.citation(record, s, version, page)
        out.append(block(f'<div data-search-exclude><p>Plain text:</p><pre class="aw-cite"><code>{text(plain)}</code></pre>'
                         f'<p>BibTeX:</p><pre class="aw-cite"><code>{text(bibtex)}</code></pre></div>'))
        out.append("\n## Fix this record\n")
        fix = self.fix_url(doc.id, "statements", raw.id)
        out.append(block(f'<p>Something wrong? {link(text(fix), "Edit this statement in its YAML record on GitHub", external=True)} '
                         f'(change its <code>review</code> block; see {link(urls.href(page, "contributing.md"), "contributing")}).</p>'))
        return "".join(out)

    def citation(self, record: DocumentRecord, s: Statement, version: VersionMeta | None, page: str) -> tuple[str, str]:
        """Plain-text and BibTeX citations of a statement in its archived version."""
        doc = record.document
        company = self.ds.company_name(doc.company)
        url = version.url if version else doc.url
        date = version.date.isoformat() if version else s.version
        label = f", version {version.label}" if version and version.label else ""
        hashes = (f"archived text SHA-256 {version.text_sha256} (raw capture SHA-256 {version.raw_sha256})"
                  if version else "archived version unknown")
        permalink = self.permalink(page)
        plain = (f'{company}. "{doc.title}"{label}, {date}. {url}. {hashes}. Quoted statement: '
                 f'"{_excerpt(s.quote, 400)}" AccessWatch record {doc.id}#{s.id}, {permalink}')
        key = re.sub(r"[^A-Za-z0-9]+", "-", f"{doc.id}-{s.id}").strip("-").lower()
        year = version.date.year if version else ""
        month = version.date.strftime("%b").lower() if version else ""
        note = f"Version of {date}{label}; {hashes}; statement {s.id} via AccessWatch {permalink}"
        bib = ["@misc{" + key + ",", f"  author = {{{{{_bib(company)}}}}},", f"  title = {{{_bib(doc.title)}}},"]
        if year:
            bib += [f"  year = {{{year}}},", f"  month = {month},"]
        bib += [f"  howpublished = {{\\url{{{_bib_url(url)}}}}},", f"  note = {{{_bib(note)}}},", "}"]
        return plain, "\n".join(bib)

    def _evidence_href(self, page: str, evidence: dict) -> str:
        if evidence["source"] == "event":
            return self.event_href(page, evidence["event"])
        return self.statement_href(page, evidence["document"], evidence["statement"])

    def _evidence_links(self, page: str, evidence: list[dict], limit: int = 4) -> str:
        """Links to a row's evidence: "event", "statement", "statement 2"… then "+N more"."""
        counts: dict[str, int] = {}
        links = []
        for item in evidence[:limit]:
            counts[item["source"]] = counts.get(item["source"], 0) + 1
            label = item["source"] + (f" {counts[item['source']]}" if counts[item["source"]] > 1 else "")
            links.append(link(self._evidence_href(page, item), text(label)))
        if len(evidence) > limit:
            links.append(text(f"+{len(evidence) - limit} more"))
        return " · ".join(links)

    def _ledger_table(self, page: str, frame: pd.DataFrame, *, with_company: bool = False) -> str:
        rows = []
        for r in frame.itertuples(index=False):
            basis = badge("basis", r.basis) + ("" if r.basis == "practice" else " " + _strength(r.strength))
            rows.append([*([self.company_link(page, r.company)] if with_company else []), text(r.model),
                         text(r.release_date), text(r.evaluator), _depth(r.access_depth), text(r.days_before_release),
                         basis, self._evidence_links(page, r.evidence)])
        return table([*(["Company"] if with_company else []), "Model", "Released", "Evaluator", "Access depth",
                      "Days before release", "Basis", "Evidence"], rows, cls="aw-table aw-ledger")

    def matrix_page(self) -> str:
        page = "matrix.md"
        long = matrix_long(self.ds)
        rows = []
        for company in self.ds.company_slugs():
            cells = [self.company_link(page, company)]
            mine = long[long["company"] == company]
            for cell in mine.itertuples(index=False):
                shown = badge("matrix", cell.strongest, cell.label)
                if cell.statement:
                    more = f" ({cell.count})" if cell.count > 1 else ""
                    cells.append(link(self.statement_href(page, cell.document, cell.statement), shown,
                                      cls="aw-evidence") + text(more))
                else:
                    cells.append(link(urls.href(page, urls.company_page(company), cell.category), shown,
                                      cls="aw-evidence"))
            rows.append(cells)
        legend = ("<p>Each cell is the strongest current statement of a company in a category: "
                  + ", ".join(badge("matrix", k, v) for k, v in (("commitment", "commitment"), ("intention", "intention"),
                                                                 ("discretionary", "discretionary"),
                                                                 ("practice", "only practice"), ("nothing", "nothing")))
                  + ". A cell links to its evidence; the number is how many current statements the cell holds.</p>")
        return (_front_matter("Matrix", hide=["toc"]) + "# Company × category matrix\n"
                + block(legend) + block(table(["Company", *[CATEGORY_LABELS[c] for c in CATEGORIES]], rows,
                                              cls="aw-table aw-matrix")))

    def ledger_page(self) -> str:
        page = "ledger.md"
        return (_front_matter("Access ledger", hide=["toc"]) + "# Access ledger\n\n"
                "Who outside each company got (or was promised) access to which model, how deep "
                "(A0 public product … A5 weights) and how many days before release. *Practice* rows come from "
                "curated events and reports of what was done; *promise* rows from current commitments, "
                "intentions and discretionary statements (\"all models (policy)\" when a framework or policy "
                "promises it for every model). One row per model, evaluator and basis, with the deepest access "
                "depth, the longest stated days before release and every piece of evidence; aliases are merged "
                "(UK AISI = UK AI Safety/Security Institute; US AISI = CAISI) and generic audiences (the public, "
                "users, customers, policymakers) are not evaluators. Newest release first within each company. "
                "Unknowns are shown as \"not disclosed\".\n"
                + (block(self._ledger_table(page, self.ledger, with_company=True)) if not self.ledger.empty
                   else "\nNo access recorded yet.\n")
                + "\n## Access depth\n\n"
                + "".join(f"- **{d}**: {md_text(label)}\n" for d, label in ACCESS_DEPTH_LABELS.items()))

    def _parity_access(self, page: str, evaluators: list[dict]) -> str:
        """One line per outside evaluator, its name linking to the first evidence; or "not disclosed"."""
        if not evaluators:
            return text(NOT_DISCLOSED)
        items = []
        for e in evaluators:
            depth = _depth(e["access_depth"]) if e["access_depth"] else None
            days = e["days"]
            when = None if days is None else (
                f"{abs(days)} day{'' if abs(days) == 1 else 's'} {'before' if days >= 0 else 'after'} release")
            if depth is None and when is None:
                detail = text("depth and days not disclosed")
            elif when is None:
                detail = f"{depth}; {text('days not disclosed')}"
            else:
                detail = f"{depth or text('depth not disclosed')}, {text(when)}"
            name = link(self._evidence_href(page, e["evidence"][0]), text(e["evaluator"]))
            extra = ""
            if len(e["evidence"]) > 1:
                extra = " " + self._evidence_links(page, e["evidence"][1:], limit=3)
            items.append(f"<li>{name} ({detail}){extra}</li>")
        return '<ul class="aw-evaluators">' + "".join(items) + "</ul>"

    def parity_page(self) -> str:
        page = "parity.md"
        frame = parity_frame(self.ds)
        rows = []
        for r in frame.itertuples(index=False):
            model = text(r.model) + (" " + badge("basis", "internal", "internal use only") if r.internal_only else "")
            evidence = ", ".join(link(self.event_href(page, e), text(e)) for e in r.events)
            rows.append([self.company_link(page, r.company), model, text(r.first_internal_use),
                         self._parity_access(page, r.evaluators), text(r.public_availability), text(r.system_card),
                         evidence])
        return (_front_matter("Access parity", hide=["toc"]) + "# Access parity\n\n"
                "How far outsiders trail insiders, per company and model: when the company says it first used "
                "the model internally, which outside evaluators had access (who, depth, days before release), "
                "when the public got it (or whether it was restricted to partners or never released), and when "
                "the system card came out relative to release. An unknown is \"not disclosed\".\n"
                + (block(table(["Company", "Model", "First internal use", "Outside evaluators' access",
                                "Public availability", "System card", "Evidence"], rows)) if rows
                   else "\nNo model events recorded yet.\n"))

    def downloads_page(self) -> str:
        from accesswatch.sitegen.downloads import RESOURCES

        lines = [_front_matter("Downloads"), "# Downloads\n\n",
                 "The whole reviewed dataset, as CSV and JSON, described by a "
                 "[Frictionless data package](downloads/datapackage.json) (validate it with "
                 "`frictionless validate datapackage.json`). Lists are joined with `; ` in CSV. Rejected "
                 "records are included with their review status.\n\n",
                 "| Table | CSV | JSON | What |\n|---|---|---|---|\n"]
        for name, description in RESOURCES.items():
            lines.append(f"| {name} | [{name}.csv](downloads/{name}.csv) | [{name}.json](downloads/{name}.json) | "
                         f"{md_text(description)} |\n")
        lines.append("\nFeeds: [all changes](feed.xml)" + "".join(
            f" · [{md_text(self.ds.company_name(c))}]({urls.feed_file(c)})" for c in self.ds.company_slugs()) + "\n")
        return "".join(lines)


_RANK = {"commitment": 3, "intention": 2, "discretionary": 1, "practice": 0}


def _bib(value: str) -> str:
    """Text safe inside a BibTeX braced field: braces and backslashes dropped, specials escaped."""
    cleaned = re.sub(r"[{}\\^~]", " ", value)
    return re.sub(r"([%&$#_])", r"\\\1", cleaned)


def _bib_url(value: str) -> str:
    return re.sub(r"[{}\\\s]", "", value)


def generate_pages(context: SiteContext) -> dict[str, str]:
    """Every generated page: `{source path relative to the docs dir: Markdown}`."""
    return _Generator(context).all_pages()


def record_lines(path: Path) -> dict[tuple[str, str], int]:
    """Line numbers (1-based) of each statement and change id in a record file, for GitHub anchors."""
    found: dict[tuple[str, str], int] = {}
    section = None
    try:
        lines = Path(path).read_text(encoding="utf-8").splitlines()
    except OSError:
        return found
    for number, line in enumerate(lines, start=1):
        if line and not line.startswith((" ", "-", "#")):
            section = line.split(":", 1)[0]
            continue
        match = re.match(r"^-\s+id:\s*(.+?)\s*$", line)
        if match and section in ("statements", "changes"):
            value = match.group(1).strip("'\"")
            found[(section, value)] = number
    return found


__all__ = ["SiteContext", "generate_pages", "record_lines", "plain_title", "wayback_url", "DOCUMENT_KINDS"]
