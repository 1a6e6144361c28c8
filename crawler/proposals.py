"""Discovery on listing pages: links that look like new documents become *proposed* sources.

Proposals go to `data/proposed/<company>.yml` for a human to accept (by copying an entry into
`data/sources/<company>.yml`); they are never crawled automatically and `data/sources` is never
written. Existing proposals are kept (their `first_seen` too); writes are atomic.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

import yaml
from pydantic import BaseModel, ConfigDict, Field

from accesswatch.atomic_write import write_atomic
from accesswatch.sources import CompanySources, Listing, url_on_domains
from accesswatch.taxonomy import DocumentKind

# Used when a listing declares neither link patterns nor keywords.
DEFAULT_KEYWORDS: tuple[str, ...] = (
    "system card",
    "model card",
    "frontier safety",
    "safety framework",
    "preparedness",
    "responsible scaling",
)

_TRACKING_PARAM = re.compile(r"^(utm_[a-z]+|gclid|fbclid|mc_cid|mc_eid|ref|ref_src)$", re.IGNORECASE)


class ProposedSource(BaseModel):
    """One discovered link a human may accept as a tracked source."""

    model_config = ConfigDict(extra="forbid")

    url: str
    link_text: str = ""
    listing: str = Field(description="Id of the listing page it was found on.")
    suggested_id: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$")
    suggested_kind: DocumentKind = "other"
    first_seen: dt.date
    last_seen: dt.date


class ProposalFile(BaseModel):
    """A whole `data/proposed/<company>.yml` file."""

    model_config = ConfigDict(extra="forbid")

    company: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$")
    proposals: list[ProposedSource] = Field(default_factory=list)


def canonical_url(url: str) -> str:
    """The URL compared for "already declared": lower-case host, no fragment, no tracking
    parameters, no trailing slash (except the root)."""
    parts = urlsplit(url.strip())
    query = urlencode([(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not _TRACKING_PARAM.match(k)])
    path = parts.path.rstrip("/") or "/"
    return urlunsplit((parts.scheme.lower(), parts.netloc.lower(), path, query, ""))


def _slug(text: str) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
    return slug[:60].rstrip("-") or "document"


def _suggested_id(url: str, text: str) -> str:
    if text.strip():
        return _slug(text)
    last = [segment for segment in urlsplit(url).path.split("/") if segment]
    return _slug(re.sub(r"\.[a-z0-9]+$", "", last[-1]) if last else urlsplit(url).hostname or "")


def link_matches(url: str, text: str, listing: Listing) -> bool:
    """True when a link is interesting for `listing`: it matches one of the listing's URL
    patterns (if any) and contains one of its keywords (if any) in its text or URL; with
    neither declared, one of `DEFAULT_KEYWORDS`."""
    if listing.link_patterns and not any(re.search(p, url) for p in listing.link_patterns):
        return False
    keywords = listing.keywords or ([] if listing.link_patterns else list(DEFAULT_KEYWORDS))
    if not keywords:
        return True
    haystack = " ".join([text.lower(), re.sub(r"[-_/.+%]+", " ", urlsplit(url).path.lower())])
    haystack = re.sub(r"\s+", " ", haystack)
    return any(keyword.lower() in haystack for keyword in keywords)


def discover(company: CompanySources, listing: Listing, links: list[tuple[str, str]], today: dt.date) -> tuple[int, list[ProposedSource]]:
    """From a listing page's `(absolute url, link text)` pairs, the matching links that are
    not declared by `company`: returns (number of matching links, proposals, one per URL)."""
    declared = {canonical_url(str(s.url)) for s in company.documents} | {canonical_url(str(l.url)) for l in company.listings}
    matched = 0
    found: dict[str, ProposedSource] = {}
    for url, text in links:
        if urlsplit(url).scheme not in ("http", "https") or not url_on_domains(url, company.domains):
            continue
        text = re.sub(r"\s+", " ", text).strip()
        if not link_matches(url, text, listing):
            continue
        matched += 1
        key = canonical_url(url)
        if key in declared or key in found:
            continue
        found[key] = ProposedSource(
            url=key, link_text=text, listing=listing.id, suggested_id=_suggested_id(url, text),
            suggested_kind=listing.kind, first_seen=today, last_seen=today,
        )
    return matched, list(found.values())


def load_proposals(path: Path, company: str) -> ProposalFile:
    """The proposal file at `path`, or an empty one for `company` when it does not exist.

    Raises ValueError naming the file when it is not valid YAML or not a proposal file.
    """
    path = Path(path)
    if not path.exists():
        return ProposalFile(company=company)
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {"company": company}
        return ProposalFile.model_validate(data)
    except (yaml.YAMLError, ValueError) as error:
        raise ValueError(f"{path}: not a valid proposal file: {error}") from None


def merge_proposals(existing: ProposalFile, discovered: list[ProposedSource]) -> tuple[ProposalFile, list[ProposedSource]]:
    """Existing proposals plus the new ones (pure). A URL already proposed keeps its entry and
    `first_seen`; only `last_seen` moves. Returns (merged file, the newly added proposals)."""
    by_url = {canonical_url(p.url): p.model_copy() for p in existing.proposals}
    added = []
    for proposal in discovered:
        key = canonical_url(proposal.url)
        if key in by_url:
            current = by_url[key]
            by_url[key] = current.model_copy(update={"last_seen": max(current.last_seen, proposal.last_seen)})
        else:
            by_url[key] = proposal
            added.append(proposal)
    merged = ProposalFile(company=existing.company, proposals=sorted(by_url.values(), key=lambda p: (p.first_seen, p.url)))
    return merged, added


def write_proposals(path: Path, proposals: ProposalFile) -> None:
    """Write a proposal file atomically (temp file + rename), with a header comment."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    header = (
        "# Documents discovered on listing pages, proposed for tracking. Not crawled.\n"
        "# To accept one, add it (with a stable id, kind, format, selectors) to data/sources/.\n"
    )
    body = yaml.safe_dump(proposals.model_dump(mode="json"), sort_keys=False, allow_unicode=True, width=100)
    write_atomic(path, header + body)


def record_proposals(directory: Path, company: str, discovered: list[ProposedSource]) -> tuple[Path, list[ProposedSource]]:
    """Merge `discovered` into `directory/<company>.yml` (written only when something changed).

    Returns (the file path, the newly added proposals).
    """
    path = Path(directory) / f"{company}.yml"
    existing = load_proposals(path, company)
    merged, added = merge_proposals(existing, discovered)
    if merged != existing:
        write_proposals(path, merged)
    return path, added
