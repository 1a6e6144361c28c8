"""Declarations of what to track: `data/sources/<company>.yml`, written by people.

Each company file lists the company's tracked documents (one stable `id` each, never derived from
the URL, which moves) and its listing pages, where new documents are discovered and *proposed*.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal
from urllib.parse import urlsplit

import yaml
from pydantic import BaseModel, ConfigDict, Field, HttpUrl, field_validator, model_validator

from accesswatch.taxonomy import DocumentKind

Format = Literal["html", "pdf", "text"]

# Named noise filters a source may ask for; implemented in accesswatch.archive.noise.
NOISE_FILTERS: tuple[str, ...] = (
    "last-updated",
    "tracking-params",
    "cookie-banner",
    "dynamic-dates",
    "share-links",
)
NoiseFilter = Literal["last-updated", "tracking-params", "cookie-banner", "dynamic-dates", "share-links"]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Source(_Strict):
    """One tracked document."""

    id: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$", description="Stable slug, unique within the company.")
    title: str = Field(min_length=1)
    kind: DocumentKind
    url: HttpUrl
    format: Format = "html"
    select: list[str] = Field(default_factory=list, description="CSS selectors whose content is the document (HTML).")
    remove: list[str] = Field(default_factory=list, description="CSS selectors removed before conversion (HTML).")
    filters: list[NoiseFilter] = Field(default_factory=list, description="Named noise filters applied before comparison.")
    announcement_url: HttpUrl | None = Field(default=None, description="Page where the company announces changes to this document.")
    track: bool = Field(default=True, description="False: archived from imports only, not crawled live.")
    notes: str | None = None


class Listing(_Strict):
    """A page listing documents (newsroom, system-card index) where new ones are discovered."""

    id: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$")
    url: HttpUrl
    link_patterns: list[str] = Field(default_factory=list, description="Regular expressions a discovered link URL must match (any).")
    keywords: list[str] = Field(default_factory=list, description="Words in the link text or URL that make it interesting (any).")
    kind: DocumentKind = "other"

    @field_validator("link_patterns")
    @classmethod
    def _patterns_compile(cls, patterns: list[str]) -> list[str]:
        import re

        for pattern in patterns:
            try:
                re.compile(pattern)
            except re.error as error:
                raise ValueError(f"bad regular expression {pattern!r}: {error}") from None
        return patterns


class CompanySources(_Strict):
    """A whole `data/sources/<company>.yml` file."""

    company: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$")
    name: str
    domains: list[str] = Field(min_length=1, description="Domains the company publishes on; every URL must be on one of them (or a subdomain).")
    documents: list[Source] = Field(default_factory=list)
    listings: list[Listing] = Field(default_factory=list)

    @model_validator(mode="after")
    def _urls_on_declared_domains(self) -> "CompanySources":
        for entry in [*self.documents, *self.listings]:
            for url in (entry.url, getattr(entry, "announcement_url", None)):
                if url is not None and not url_on_domains(str(url), self.domains):
                    raise ValueError(f"{entry.id}: URL {url} is outside the declared domains {self.domains}")
        return self

    def document_id(self, source: Source) -> str:
        """The global document id `<company>/<source id>` used by the archive and records."""
        return f"{self.company}/{source.id}"


def url_on_domains(url: str, domains: list[str]) -> bool:
    """True when the URL's host is one of `domains` or a subdomain of one."""
    host = (urlsplit(url).hostname or "").lower()
    return any(host == d.lower() or host.endswith("." + d.lower()) for d in domains)


def load_sources(directory: Path) -> list[CompanySources]:
    """Load and validate every `*.yml` in `directory`, sorted by company.

    Raises `pydantic.ValidationError` or `yaml.YAMLError` on the first bad file; use
    `accesswatch.validate` for a full `file:line` report.
    """
    companies = []
    for path in sorted(Path(directory).glob("*.yml")):
        with path.open(encoding="utf-8") as handle:
            companies.append(CompanySources.model_validate(yaml.safe_load(handle)))
    return companies


def find_source(companies: list[CompanySources], document_id: str) -> tuple[CompanySources, Source] | None:
    """The company and source declaring `document_id`, or None."""
    company_slug, _, slug = document_id.partition("/")
    for company in companies:
        if company.company == company_slug:
            for source in company.documents:
                if source.id == slug:
                    return company, source
    return None
