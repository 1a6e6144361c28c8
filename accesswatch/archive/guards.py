"""Anomaly guards: captures that must be reported, never archived as versions.

Pure functions over a capture's status and its normalised text; each returns the reason (a short
sentence for the run report) or None when the capture looks like the document.
"""

from __future__ import annotations

import re

SHRINK_THRESHOLD = 0.5  # below this fraction of the previous version's length, text "collapsed"

_STUB = re.compile(
    r"\b(?:page not found|not found|404|403|410|forbidden|access denied|permission denied|"
    r"you don'?t have permission|unauthori[sz]ed|sign in|log ?in|please log in|please enable (?:javascript|cookies)|"
    r"enable javascript|just a moment|checking (?:if the site connection is secure|your browser)|"
    r"captcha|are you a robot|verify (?:you are|that you are) (?:a )?human|attention required|"
    r"request (?:blocked|rejected)|too many requests|rate limit(?:ed)?|service unavailable|"
    r"internal server error|bad gateway|gateway time-?out|temporarily unavailable|under maintenance|"
    r"something went wrong|an error (?:has )?occurred|error \d{3}|page (?:has been )?(?:removed|moved))\b",
    re.IGNORECASE,
)
STUB_MAX_CHARS = 2000


def status_anomaly(status: int) -> str | None:
    """A non-2xx HTTP status is never a version."""
    if 200 <= status < 300:
        return None
    return f"HTTP status {status}, not a document"


def empty_anomaly(text: str) -> str | None:
    """No text at all after normalisation and filters."""
    return None if text.strip() else "empty text after normalisation"


def stub_anomaly(text: str) -> str | None:
    """A short text that reads like an error, login, block or CAPTCHA page.

    Only texts under `STUB_MAX_CHARS` are judged: a stub whose first line matches, a text with two
    different stub phrases, or a very short text with one.
    """
    if len(text) >= STUB_MAX_CHARS:
        return None
    lines = [line.strip("# ").strip() for line in text.splitlines() if line.strip()]
    first = lines[0] if lines else ""
    found = sorted({m.group(0).lower() for m in _STUB.finditer(text)})
    if (first and _STUB.search(first) and len(first) < 120) or len(found) >= 2 or (found and len(text) < 400):
        return f"looks like an error/login page ({', '.join(repr(f) for f in found[:3])}; {len(text)} chars)"
    return None


def shrink_anomaly(text: str, previous_text: str | None, previous_id: str | None, threshold: float = SHRINK_THRESHOLD) -> str | None:
    """The text collapsed to less than `threshold` of the previous version's length."""
    if not previous_text:
        return None
    if len(text) < threshold * len(previous_text):
        share = 100 * len(text) / len(previous_text)
        return (
            f"text shrank to {share:.0f}% of version {previous_id} ({len(previous_text)} -> {len(text)} chars; "
            f"threshold {threshold:.0%})"
        )
    return None
