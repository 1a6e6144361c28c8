"""Named noise filters: text that changes between fetches without the document changing.

Each filter is a pure `str -> str` function over normalised text, registered under the name a
source declares in `data/sources/*.yml` (`accesswatch.sources.NOISE_FILTERS`). Filters remove whole
lines (or URL query parameters); they never rewrite the words of the document.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from accesswatch.sources import NOISE_FILTERS

_MONTHS = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
_DATE = (
    rf"(?:\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTHS},?\s+\d{{4}}"  # 7 February 2025
    rf"|{_MONTHS}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}"  # February 7, 2025
    rf"|{_MONTHS}\s+\d{{4}}"  # February 2025
    r"|\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2})?Z?)?"  # 2025-02-07
    r"|\d{1,2}/\d{1,2}/\d{2,4})"  # 02/07/2025
)
_RELATIVE = r"(?:\d+|an?|one)\s+(?:second|minute|hour|day|week|month|year)s?\s+ago|just now|yesterday|today"

# "Last updated: 7 February 2025", "Updated 7 Feb 2025", "Page last reviewed on ..." (whole line).
_LAST_UPDATED = re.compile(
    rf"^[#*_>\- ]*(?:page\s+)?(?:last\s+)?(?:updated|modified|reviewed|revised|edited)(?:\s+on)?\s*:?\s*"
    rf"(?:{_DATE}|{_RELATIVE})[\s.*_]*(?:\(.*\))?\s*$",
    re.IGNORECASE | re.MULTILINE,
)
_TRACKING_PARAM = re.compile(
    r"^(?:utm_[a-z]+|gclid|dclid|gbraid|wbraid|fbclid|msclkid|mc_cid|mc_eid|_hsenc|_hsmi|_ga|_gl|"
    r"hsCtaTracking|mkt_tok|ref_src|igshid|yclid|oly_enc_id|oly_anon_id|vero_id|__s)$",
    re.IGNORECASE,
)
_URL = re.compile(r"https?://[^\s<>()\[\]\"']+")
_COOKIE_WORDS = re.compile(r"\bcookies?\b", re.IGNORECASE)
_CONSENT_WORDS = re.compile(
    r"\b(?:accept|consent|reject|decline|preferences|we use|this (?:web)?site uses|"
    r"manage (?:settings|options)|cookie (?:policy|settings|notice)|opt[ -]out)\b",
    re.IGNORECASE,
)
_BUTTON_LINE = re.compile(
    r"^[\s\-*]*(?:accept(?: all)?(?: cookies)?|reject(?: all)?(?: cookies)?|decline|"
    r"(?:manage|cookie) (?:settings|preferences)|ok(?:ay)?,? got it|got it|i agree)[\s.!]*$",
    re.IGNORECASE,
)
_RELATIVE_ONLY = re.compile(rf"^[\s\-*_·|]*(?:posted\s+|published\s+)?(?:{_RELATIVE})[\s.*_·|]*$", re.IGNORECASE)
_RELATIVE_INLINE = re.compile(rf"\s*[(\[·|-]?\s*(?:{_RELATIVE.replace('|yesterday|today', '')})\s*[)\]]?", re.IGNORECASE)
_COPYRIGHT = re.compile(r"^[\s*_]*(?:©|\(c\)|copyright)\s*(?:©\s*)?\d{4}(?:\s*[-]\s*\d{4})?\b.{0,120}$", re.IGNORECASE | re.MULTILINE)
_NETWORKS = r"(?:facebook|twitter|x|linkedin|reddit|whatsapp|e-?mail|mastodon|bluesky|threads|hacker news|copy link|link copied|print)"
_SHARE_LINE = re.compile(
    rf"^[\s\-*|·]*(?:(?:share|tweet|post|email|copy)(?:\s+(?:this|the))?(?:\s+(?:article|post|page|link|story))?"
    rf"(?:\s+(?:on|via|to|with)\s+{_NETWORKS})?|{_NETWORKS})"
    rf"(?:\s*[,|·/]\s*{_NETWORKS})*"
    r"[\s:.!]*$",
    re.IGNORECASE,
)


def _drop_lines(text: str, predicate: Callable[[str], bool]) -> str:
    return "\n".join(line for line in text.split("\n") if not predicate(line))


def _tidy(text: str) -> str:
    text = re.sub(r"\n{3,}", "\n\n", text).strip("\n")
    return text + "\n" if text else ""


def filter_last_updated(text: str) -> str:
    """Remove lines that only say when the page was last updated/modified/reviewed."""
    return _LAST_UPDATED.sub("", text)


def _clean_url(match: re.Match[str]) -> str:
    url = match.group(0)
    trail = ""
    while url and url[-1] in ".,;:!?":
        trail, url = url[-1] + trail, url[:-1]
    parts = urlsplit(url)
    if not parts.query:
        return url + trail
    kept = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not _TRACKING_PARAM.match(k)]
    return urlunsplit(parts._replace(query=urlencode(kept, doseq=True))) + trail


def filter_tracking_params(text: str) -> str:
    """Strip tracking query parameters (utm_*, gclid, fbclid, mc_cid, _hsenc, …) from URLs in the text."""
    return _URL.sub(_clean_url, text)


def filter_cookie_banner(text: str) -> str:
    """Remove cookie-consent paragraphs (short, mentioning cookies and consent) and their button lines."""
    paragraphs = text.split("\n\n")
    kept = []
    for paragraph in paragraphs:
        if len(paragraph) < 600 and _COOKIE_WORDS.search(paragraph) and _CONSENT_WORDS.search(paragraph):
            continue
        if paragraph.strip() and all(_BUTTON_LINE.match(line) for line in paragraph.split("\n") if line.strip()):
            continue
        kept.append(paragraph)
    return "\n\n".join(kept)


def filter_dynamic_dates(text: str) -> str:
    """Remove relative timestamps ("3 days ago", lines saying only "Today") and copyright-year lines."""
    text = _drop_lines(text, lambda line: bool(_RELATIVE_ONLY.match(line)))
    text = _COPYRIGHT.sub("", text)
    return _RELATIVE_INLINE.sub("", text)


def filter_share_links(text: str) -> str:
    """Remove lines that are only share buttons ("Share", "Share on LinkedIn", "Facebook | X | Email")."""
    return _drop_lines(text, lambda line: bool(line.strip()) and bool(_SHARE_LINE.match(line)))


FILTERS: dict[str, Callable[[str], str]] = {
    "last-updated": filter_last_updated,
    "tracking-params": filter_tracking_params,
    "cookie-banner": filter_cookie_banner,
    "dynamic-dates": filter_dynamic_dates,
    "share-links": filter_share_links,
}
assert set(FILTERS) == set(NOISE_FILTERS), "every declared noise filter needs an implementation"


def apply_filters(text: str, names: Iterable[str]) -> str:
    """Apply the named noise filters in the order given; raises KeyError naming an unknown filter.

    Input: normalised text. Output: the same text without the noise, blank-line runs collapsed,
    ending with one newline (empty stays empty).
    """
    names = list(names)
    if not names:
        return text
    for name in names:
        if name not in FILTERS:
            raise KeyError(f"unknown noise filter {name!r} (known: {', '.join(FILTERS)})")
        text = FILTERS[name](text)
    return _tidy(text)
