"""Announced or silent: find a version's changelog and tell whether it mentions a change.

**Changelog.** A line that is only a changelog title (`Changelog`, `Change log`, `Version
history`, `Revision history`, `Document history`, `Summary of changes`, `Updates`, with or without
`#` markers or an `Appendix II -` prefix) followed within a few lines by a dated entry line (`March 31, 2025 (RSP v2.1)`,
`## July 8, 2026`, `2025-03-31`, `v1.0 (Sep 19, 2023): …`). Table-of-contents lines (title then
dots or a page number) do not count. Entries run to the next entry; the changelog ends at a `#`
heading that is not an entry (page-number headings aside). In plain text (no `#` markers) a
changelog in the last quarter of the document runs to its end; elsewhere (system cards put it on
page 2) an entry's body is its bullets with their continuation lines, up to a blank line, a page
marker or a lone page number.

**Entries for this version.** The entries of the new version's changelog whose title does not
occur in the old version's text (new entries); failing that, entries dated after the old version's
date and no later than 45 days after the new version's date, when those dates are known.

**Mention rule.** A change is announced when the entries for this version share at least two
distinctive word stems with the change's changed words (for a rewritten unit: the words its
word diff deletes or inserts; for an added or removed unit: all its words) or with its section
title. Distinctive: not a stop word, at least 4 letters, and found in no more than
max(3, 8% of) the new version's paragraphs outside its changelog (so "model" or "risk" in a risk
policy never count). `announced` is then
True; False when there are changelog entries for the version but none mentions the change, or
when the version has a changelog with no entry for it (a silent re-issue); None when the version
has no changelog and no announcement text is given.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass, field

_TITLE = re.compile(
    r"^\s*(?:#{1,6}\s*)?(?:(?:appendix|annex|section)\s+[\w.]+\s*[-–—:.]?\s*)?(change\s*log|version history|revision history|document history|"
    r"summary of changes|updates|history of changes)\s*:?\s*$",
    re.IGNORECASE,
)
_MONTHS = (
    "jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
    "sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?"
)
_DATE_PATTERNS = [
    re.compile(rf"\b({_MONTHS})\.?\s+(\d{{1,2}}),?\s+(\d{{4}})\b", re.IGNORECASE),  # March 31, 2025
    re.compile(rf"\b(\d{{1,2}})\s+({_MONTHS})\.?,?\s+(\d{{4}})\b", re.IGNORECASE),  # 31 March 2025
    re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b"),  # 2025-03-31
]
_ENTRY = re.compile(
    rf"^\s*(?:#{{1,6}}\s*)?(?:(?:{_MONTHS})\.?\s+\d{{1,2}},?\s+\d{{4}}|\d{{1,2}}\s+(?:{_MONTHS})\s+\d{{4}}|"
    r"\d{4}-\d{2}-\d{2}|v(?:ersion)?\s*\d+(?:\.\d+)*\b)",
    re.IGNORECASE,
)
_BULLET = re.compile(r"^\s*(?:[●•◦▪\-*–]|\d+[.)])\s+")
_PAGE_MARK = re.compile(r"^\s*(?:\[\[page \d+\]\]|--\s*\d+\s+of\s+\d+\s*--|\d{1,4})\s*$")
_HEADING = re.compile(r"^\s*#{1,6}\s+(.*)$")
_WORD = re.compile(r"[A-Za-z][A-Za-z\-’']+")
_STOP = frozenset(
    """
    about above after again against also among another because been before being below between both
    cannot could does doing down during each either even every from further have having here into
    itself just less like made make many more most much must need none only other others otherwise
    over same several shall should since some such than that their them themselves then there these
    they this those through under until upon very were what when where whether which while with
    within without would your will which also into onto clarified clarify clarifies updated update
    updates added adding removed removing changed change changes minor section sections version
    policy document text language wording made make new revised revise revision corrected correct
    """.split()
)
_MAX_DOC_SHARE = 0.08
_MIN_SHARED = 2
_DATE_SLACK = dt.timedelta(days=45)


@dataclass
class ChangelogEntry:
    """One dated (or versioned) entry of a changelog: its title line, body and parsed date."""

    title: str
    body: str
    date: dt.date | None
    start: int
    end: int


@dataclass
class Changelog:
    """A changelog section: its character span in the text and its entries."""

    start: int
    end: int
    entries: list[ChangelogEntry] = field(default_factory=list)


def parse_date(text: str) -> dt.date | None:
    """The first date written in `text` (`March 31, 2025`, `31 March 2025`, `2025-03-31`), or None."""
    for i, pattern in enumerate(_DATE_PATTERNS):
        m = pattern.search(text)
        if not m:
            continue
        try:
            if i == 2:
                return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
            month_s, day_s = (m.group(1), m.group(2)) if i == 0 else (m.group(2), m.group(1))
            return dt.date(int(m.group(3)), _month(month_s), int(day_s))
        except ValueError:
            continue
    return None


def _month(name: str) -> int:
    prefixes = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
    return prefixes.index(name[:3].lower()) + 1


def _is_entry_line(line: str) -> bool:
    stripped = _HEADING.sub(r"\1", line).strip()
    return bool(_ENTRY.match(line)) and len(stripped) <= 120


def find_changelog(text: str) -> Changelog | None:
    """The changelog section of a version text, or None when it has none (rules in the module doc)."""
    lines = text.splitlines(keepends=True)
    offsets = []
    pos = 0
    for line in lines:
        offsets.append(pos)
        pos += len(line)
    best: Changelog | None = None
    for i, line in enumerate(lines):
        if not _TITLE.match(line):
            continue
        # The first non-blank lines after the title must include an entry line.
        ahead = [k for k in range(i + 1, min(len(lines), i + 12)) if lines[k].strip()][:3]
        first_entry = next((k for k in ahead if _is_entry_line(lines[k])), None)
        if first_entry is None:
            continue
        hashed = bool(_HEADING.match(lines[first_entry]))
        at_end = offsets[i] > 0.75 * len(text)
        log = _read_entries(lines, offsets, first_entry, hashed=hashed, to_end=at_end and not hashed)
        log.start = offsets[i]
        if log.entries and (best is None or _weight(log) > _weight(best)):
            best = log
    return best


def _weight(log: Changelog) -> tuple[int, int]:
    # A table of contents lists entry titles with no bodies: prefer the changelog with text.
    return (sum(len(e.body) for e in log.entries), len(log.entries))


def _read_entries(lines: list[str], offsets: list[int], first: int, hashed: bool, to_end: bool) -> Changelog:
    log = Changelog(start=offsets[first], end=offsets[first])
    k = first
    n = len(lines)
    while k < n and _is_entry_line(lines[k]):
        title = _HEADING.sub(r"\1", lines[k]).strip()
        body: list[str] = []
        k += 1
        seen_bullet = False
        while k < n:
            line = lines[k]
            if _is_entry_line(line):
                break
            if hashed:
                h = _HEADING.match(line)
                if h and not h.group(1).strip().isdigit():
                    break
            elif not to_end:
                if not line.strip() or _PAGE_MARK.match(line):
                    break
                if _BULLET.match(line):
                    seen_bullet = True
                elif not seen_bullet or sum(len(b) for b in body) > 3000:
                    break
            body.append(line)
            k += 1
        end = offsets[k] if k < n else (offsets[-1] + len(lines[-1]) if lines else 0)
        entry_text = " ".join(" ".join(body).split())
        log.entries.append(ChangelogEntry(title, entry_text, parse_date(title), offsets[k - len(body) - 1], end))
        log.end = end
        if not hashed:
            # Skip a blank line or page marker between plain-text entries.
            j = k
            while j < n and (not lines[j].strip() or _PAGE_MARK.match(lines[j])) and j - k < 4:
                j += 1
            if j < n and _is_entry_line(lines[j]):
                k = j
    return log


def entries_for_version(
    new_log: Changelog | None,
    old_text: str,
    *,
    old_date: dt.date | None = None,
    new_date: dt.date | None = None,
) -> list[ChangelogEntry]:
    """The changelog entries that describe the new version (rules in the module doc)."""
    if new_log is None:
        return []
    squashed_old = " ".join(old_text.split())
    fresh = [e for e in new_log.entries if " ".join(e.title.split()) not in squashed_old]
    if fresh:
        return fresh
    if new_date is None:
        return []
    return [
        e
        for e in new_log.entries
        if e.date is not None
        and (old_date is None or e.date > old_date)
        and e.date <= new_date + _DATE_SLACK
    ]


def _stem(word: str) -> str:
    w = word.lower().strip("-’'")
    for suffix in ("ations", "ation", "ments", "ment", "ings", "ing", "ies", "ed", "es", "s"):
        if len(w) - len(suffix) >= 4 and w.endswith(suffix):
            return w[: -len(suffix)]
    return w


def content_stems(text: str) -> set[str]:
    """Stems of the content words of a text (no stop words, at least 4 letters)."""
    return {_stem(w) for w in _WORD.findall(text) if len(w) >= 4 and w.lower() not in _STOP}


class MentionIndex:
    """Decides whether a change is mentioned by the changelog entries of its version."""

    def __init__(self, new_text: str, entries_text: str | None, changelog: Changelog | None = None) -> None:
        self.entries_text = entries_text
        if changelog is not None:
            new_text = new_text[: changelog.start] + new_text[changelog.end :]
        paragraphs = [p for p in re.split(r"\n\s*\n", new_text) if p.strip()] or [new_text]
        df: Counter[str] = Counter()
        for p in paragraphs:
            df.update(content_stems(p))
        limit = max(3, int(_MAX_DOC_SHARE * len(paragraphs)))
        self._common = {s for s, c in df.items() if c > limit}
        self._entry_stems = content_stems(entries_text or "") - self._common

    def mentioned(self, changed_words: str, section: str = "") -> bool | None:
        """True/False by the mention rule; None when there is nothing to tell (no entries)."""
        if not self.entries_text:
            return None
        change = content_stems(changed_words) - self._common
        if len(change & self._entry_stems) >= _MIN_SHARED:
            return True
        sect = content_stems(section) - self._common
        return len(sect & self._entry_stems) >= _MIN_SHARED

    def shared(self, changed_words: str) -> set[str]:
        """The distinctive stems shared with the entries (for explaining a decision)."""
        return (content_stems(changed_words) - self._common) & self._entry_stems
