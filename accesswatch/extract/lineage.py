"""Lineage: align the statements of two consecutive versions and give statements stable ids.

A statement keeps its record across versions when its text is found again, possibly reworded:
`align_statements` pairs old and new statements by fuzzy text similarity (rapidfuzz), one to one,
best pairs first, so a reworded sentence keeps its id and history while an added or removed one
stands alone.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Sequence

from rapidfuzz import fuzz, process

from accesswatch.extract.model import ExtractedStatement

__all__ = ["align_statements", "statement_id", "normalise_quote", "MIN_SIMILARITY"]

#: Pairs below this similarity (0..1) are not the same statement.
MIN_SIMILARITY = 0.6

_QUOTES = str.maketrans({"‘": "'", "’": "'", "‚": "'", "‛": "'", "“": '"', "”": '"', "„": '"', "–": "-", "—": "-", "‐": "-", "‑": "-", "\u00a0": " "})
_WS = re.compile(r"\s+")


def normalise_quote(text: str) -> str:
    """NFKC, straight quotes and hyphens, squashed whitespace, lower case: the form ids hash."""
    text = unicodedata.normalize("NFKC", text).translate(_QUOTES)
    return _WS.sub(" ", text).strip().lower()


def statement_id(document_id: str, text: str) -> str:
    """A stable short id for a statement first seen with `text` in document `document_id`.

    Output: ``s-`` and 10 hex digits of SHA-256 over the document id and the normalised text, so
    whitespace, quote-glyph and case noise do not change it. Keep the id of the first version
    for later rewordings (lineage); do not re-derive it from the new text.
    """
    digest = hashlib.sha256(f"{document_id}\n{normalise_quote(text)}".encode()).hexdigest()
    return f"s-{digest[:10]}"


def _similarity(a: str, b: str) -> float:
    # token_sort handles reordering, ratio handles small edits; take the better.
    return max(fuzz.ratio(a, b), fuzz.token_sort_ratio(a, b)) / 100.0


def align_statements(
    old: Sequence[ExtractedStatement], new: Sequence[ExtractedStatement], *, min_similarity: float = MIN_SIMILARITY
) -> list[tuple[int | None, int | None, float]]:
    """Pair statements of an old and a new version by text similarity, one to one.

    Output: (old index, new index, similarity 0..1) for matched pairs, (i, None, 0.0) for removed
    and (None, j, 0.0) for added statements; ordered by new index (removed ones placed after the
    new statement that follows their old neighbour). Identical texts pair first, then the best
    fuzzy pairs above `min_similarity`. Deterministic.
    """
    old_norm = [normalise_quote(s.text) for s in old]
    new_norm = [normalise_quote(s.text) for s in new]
    pairs: dict[int, tuple[int, float]] = {}
    used_old: set[int] = set()
    # Exact matches first (in order), so repeated sentences pair up positionally.
    by_text: dict[str, list[int]] = {}
    for i, t in enumerate(old_norm):
        by_text.setdefault(t, []).append(i)
    for j, t in enumerate(new_norm):
        bucket = by_text.get(t)
        if bucket:
            i = bucket.pop(0)
            pairs[j] = (i, 1.0)
            used_old.add(i)
    rest_old = [i for i in range(len(old)) if i not in used_old]
    rest_new = [j for j in range(len(new)) if j not in pairs]
    if rest_old and rest_new:
        matrix = process.cdist(
            [new_norm[j] for j in rest_new],
            [old_norm[i] for i in rest_old],
            scorer=fuzz.token_sort_ratio,
            score_cutoff=int(min_similarity * 100) - 10,
        )
        candidates: list[tuple[float, int, int]] = []
        for a, j in enumerate(rest_new):
            row = matrix[a]
            for b, i in enumerate(rest_old):
                if row[b] > 0:
                    sim = _similarity(new_norm[j], old_norm[i])
                    # A small bonus for nearby position breaks ties between repeated wordings.
                    if sim >= min_similarity:
                        candidates.append((sim, -abs(i / max(len(old), 1) - j / max(len(new), 1)), i, j))  # type: ignore[arg-type]
        candidates.sort(key=lambda c: (-c[0], -c[1], c[2], c[3]))  # type: ignore[index]
        for sim, _, i, j in candidates:  # type: ignore[misc]
            if j in pairs or i in used_old:
                continue
            pairs[j] = (i, round(sim, 4))
            used_old.add(i)
    result: list[tuple[int | None, int | None, float]] = []
    removed = sorted(i for i in range(len(old)) if i not in used_old)
    r = 0
    for j in range(len(new)):
        if j in pairs:
            i, sim = pairs[j]
            # Removed statements go where their old neighbours were.
            while r < len(removed) and removed[r] < i:
                result.append((removed[r], None, 0.0))
                r += 1
            result.append((i, j, sim))
        else:
            result.append((None, j, 0.0))
    while r < len(removed):
        result.append((removed[r], None, 0.0))
        r += 1
    return result
