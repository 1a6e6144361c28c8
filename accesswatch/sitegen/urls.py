"""Where every generated page lives: stable source paths (Markdown) and relative links between them.

The site is built with `use_directory_urls: false`, so `companies/anthropic.md` is served as
`companies/anthropic.html` — the same relative links work on static hosting and from `file://`.
"""

from __future__ import annotations

import functools
import posixpath
import re

_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")


def slug(value: str) -> str:
    """A path segment made of letters, digits, '.', '_' and '-' only."""
    cleaned = _UNSAFE.sub("-", value).strip("-.")
    return cleaned or "x"


def company_page(company: str) -> str:
    """Source path of a company page."""
    return f"companies/{slug(company)}.md"


def document_page(document_id: str) -> str:
    """Source path of a document page (`company/slug`)."""
    company, _, name = document_id.partition("/")
    return f"documents/{slug(company)}/{slug(name)}.md"


def statement_page(document_id: str, statement_id: str) -> str:
    """Source path of a statement permalink page."""
    company, _, name = document_id.partition("/")
    return f"statements/{slug(company)}/{slug(name)}/{slug(statement_id)}.md"


def redline_page(document_id: str, old_version: str, new_version: str) -> str:
    """Source path of the full redline between two archived versions of a document."""
    company, _, name = document_id.partition("/")
    return f"documents/{slug(company)}/{slug(name)}/redline-{slug(old_version)}--{slug(new_version)}.md"


def feed_file(company: str | None = None) -> str:
    """Path of the Atom feed of all changes, or of one company's changes.

    Feeds sit at the site root: Material fetches `sitemap.xml` beside every `<link rel="alternate">`
    target, and the root is where the sitemap is.
    """
    return "feed.xml" if company is None else f"feed-{slug(company)}.xml"


def anchor(prefix: str, value: str) -> str:
    """An HTML id for an item on a page, e.g. `change-<id>`."""
    return f"{prefix}-{slug(value)}"


def html_path(source: str) -> str:
    """The built path of a source path: `.md` pages become `.html`, other files stay."""
    return source[:-3] + ".html" if source.endswith(".md") else source


def href(from_page: str, to: str, fragment: str | None = None) -> str:
    """Relative URL from page `from_page` to page or file `to` (both source paths), with `#fragment`."""
    rel = _relative(posixpath.dirname(from_page), html_path(to))
    return rel + (f"#{fragment}" if fragment else "")


@functools.lru_cache(maxsize=65536)
def _relative(start: str, target: str) -> str:
    if not start:
        return target
    up = start.count("/") + 1
    common = start.split("/")
    parts = target.split("/")
    shared = 0
    while shared < min(len(common), len(parts) - 1) and common[shared] == parts[shared]:
        shared += 1
    return "/".join([".."] * (up - shared) + parts[shared:])
