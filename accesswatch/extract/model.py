"""The statement found by extraction in one version's text (before it becomes a record)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ExtractedStatement:
    """One in-scope unit (sentence or list item) of a text.

    `start`/`end` are character offsets into the text as given, so `text[start:end]` is the unit
    (the `text` field may have its whitespace squashed). `page` is the PDF page when the text has
    page markers. `cues` lists the words or rules that decided scope, categories and strength.
    """

    text: str
    start: int
    end: int
    section: str
    categories: tuple[str, ...]
    strength: str
    access_depth: str | None = None
    actors: tuple[str, ...] = ()
    timing: str | None = None
    conditions: tuple[str, ...] = ()
    cues: tuple[str, ...] = ()
    page: int | None = None

    def to_json(self) -> dict:
        """The JSON shape printed by `accesswatch extract --json`."""
        return {
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "section": self.section,
            "page": self.page,
            "categories": list(self.categories),
            "strength": self.strength,
            "access_depth": self.access_depth,
            "actors": list(self.actors),
            "timing": self.timing,
            "conditions": list(self.conditions),
            "cues": list(self.cues),
        }
