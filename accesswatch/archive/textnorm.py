"""Plain-text normalisation shared by every normaliser: Unicode, quotes, dashes, whitespace.

The rules change characters, never words: what two captures of an unchanged document produce must
be byte-identical, and every word of the input must survive.
"""

from __future__ import annotations

import re
import unicodedata

# Quotes and apostrophes to their ASCII forms.
_QUOTES = {
    "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'",
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"',
    "\u00b4": "'",
}
# Hyphen-like characters that join words: plain hyphen.
_HYPHENS = {"\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2212": "-", "\ufe63": "-", "\uff0d": "-"}
# Zero-width and invisible format characters: removed. (U+00AD soft hyphen only marks a possible break.)
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad\u180e\u2061\u2062\u2063\u2064"), None)
_TRANSLATE = str.maketrans({**_QUOTES, **_HYPHENS}) | _INVISIBLE

# En dash, em dash, horizontal bar. Between two non-space characters an en dash is a range
# ("2023–2024" -> "2023-2024"); anything else (spaced dashes, em dashes) is a parenthetical dash
# and becomes " - ", so "a—b", "a — b" and "a – b" all read "a - b".
_RANGE_DASH = re.compile(r"(?<=[0-9A-Za-z])\u2013(?=[0-9A-Za-z])")
_PAREN_DASH = re.compile(r"[ \t]*[\u2013\u2014\u2015][ \t]*")
# Spaces that are not plain spaces (NFKC leaves some of them alone).
_ODD_SPACES = re.compile(r"[\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000\u2007]")
_TRAILING = re.compile(r"[ \t]+$", re.MULTILINE)
_BLANK_RUNS = re.compile(r"\n{3,}")
_OTHER_CONTROLS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def _paren_dash(match: re.Match[str]) -> str:
    string, start, end = match.string, match.start(), match.end()
    at_line_start = start == 0 or string[start - 1] == "\n"
    at_line_end = end == len(string) or string[end] == "\n"
    if at_line_start and at_line_end:
        return "-"
    if at_line_start:
        return "- "
    if at_line_end:
        return " -"
    return " - "


def squash_whitespace(text: str) -> str:
    """`text` with every run of whitespace (line breaks included) as one space, trimmed.

    This is the "after whitespace normalisation" of the records' quote rule: a quote is verbatim
    in its version when its squashed form is in the version's squashed text.
    """
    return " ".join(text.split())


def normalize_text(text: str) -> str:
    """Normalise `text` for archiving and comparison.

    Line endings become `\\n` (also U+2028/U+2029, form feeds); Unicode NFKC; curly quotes become
    straight; en dashes between two letters/digits become "-", other en/em dashes " - ";
    non-breaking and other odd spaces become a space; zero-width characters, soft hyphens and
    control characters are removed; trailing spaces are stripped; runs of blank lines collapse to
    one blank line; leading/trailing blank lines are dropped and the result ends with one newline
    (the empty string stays empty). Pure: no I/O, no state.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = text.replace("\u2028", "\n").replace("\u2029", "\n\n").replace("\x0c", "\n")
    text = unicodedata.normalize("NFKC", text)
    text = text.translate(_TRANSLATE)
    text = _ODD_SPACES.sub(" ", text)
    text = _OTHER_CONTROLS.sub("", text)
    text = _RANGE_DASH.sub("-", text)
    text = _PAREN_DASH.sub(_paren_dash, text)
    text = _TRAILING.sub("", text)
    text = _BLANK_RUNS.sub("\n\n", text)
    text = text.strip("\n")
    return text + "\n" if text.strip() else ""
