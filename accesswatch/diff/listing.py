"""The readable change list: material items first, grouped per section, minor additions counted.

A full rewrite (a framework restructured from scratch) yields dozens of added statements; a
journalist must still see the removals, weakenings and the most binding additions at once. The
listing therefore:

- keeps only material changes (removed, weakened, added, strengthened); reworded and moved ones
  are counted as hidden;
- lists every removal, weakening and strengthening, and every addition of materiality ≥
  `MINOR_ADDITION_BELOW` individually;
- when the material changes of a pair exceed `COLLAPSE_OVER`, folds the other additions into one
  counted summary line per section ("+ 4 more additions of lower materiality: …");
- heads the list with the `HEADLINE` most material items (ties: removals and weakenings first),
  then groups the rest per section (the section of the new text, else the old), sections ordered
  by their most material item, items by materiality within a section.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from accesswatch.diff.changes import StatementChange

COLLAPSE_OVER = 25
HEADLINE = 10
MINOR_ADDITION_BELOW = 55


@dataclass
class SectionGroup:
    """The changes of one section: items listed one by one, and the additions folded into a count."""

    section: str
    items: list[StatementChange] = field(default_factory=list)
    folded: list[StatementChange] = field(default_factory=list)

    def summary(self) -> str | None:
        """The counted summary line of the folded additions, or None when nothing was folded."""
        if not self.folded:
            return None
        cats = sorted({c for ch in self.folded for c in ch.categories})
        return f"+ {len(self.folded)} more addition(s) of lower materiality ({', '.join(cats) or 'uncategorised'})"


@dataclass
class Listing:
    """The default view of a pair's changes (see module doc)."""

    headline: list[StatementChange]
    groups: list[SectionGroup]
    hidden: int  # reworded / moved

    @property
    def shown(self) -> list[StatementChange]:
        """Items listed one by one, in display order."""
        return self.headline + [c for g in self.groups for c in g.items]

    @property
    def folded(self) -> int:
        """How many additions are only counted in a summary line."""
        return sum(len(g.folded) for g in self.groups)


def build_listing(changes: list[StatementChange], *, collapse_over: int = COLLAPSE_OVER) -> Listing:
    """Group and fold a pair's changes for reading (rules in the module doc).

    Input: the output of `classify_changes`. Output: a `Listing`; nothing is dropped (every
    material change is either listed or counted in its section's summary line).
    """
    material = sorted(
        (c for c in changes if c.material), key=lambda c: (-c.materiality, c.kind not in ("removed", "weakened"))
    )
    fold = len(material) > collapse_over
    headline, rest = (material[:HEADLINE], material[HEADLINE:]) if len(material) > HEADLINE else ([], material)
    groups: dict[str, SectionGroup] = {}
    for c in rest:
        section = c.section or (c.old.section if c.old else "") or ""
        group = groups.setdefault(section, SectionGroup(section))
        if fold and c.kind == "added" and c.materiality < MINOR_ADDITION_BELOW:
            group.folded.append(c)
        else:
            group.items.append(c)
    ordered = sorted(
        groups.values(),
        key=lambda g: -max((c.materiality for c in g.items), default=0),
    )
    return Listing(headline=headline, groups=ordered, hidden=len(changes) - len(material))
