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
- on such a long list, shows a run of additions (or removals) that follow each other in one
  section (a new or removed passage: a lead-in and its list, a paragraph; at most `MERGE_GAP` characters apart, at most
  `MERGE_MAX` units) as one item quoting every unit, joined by " … ", ranked by its most material
  unit (the change records themselves stay one per unit); an item whose quotes all stand inside a
  higher-ranked item of the same kind is not listed again;
- heads the list with the `HEADLINE` most material items (ties: removals and weakenings first),
  then groups the rest per section (the section of the new text, else the old), sections ordered
  by their most material item, items by materiality within a section.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from accesswatch.diff.changes import StatementChange

COLLAPSE_OVER = 25
HEADLINE = 10
MINOR_ADDITION_BELOW = 55
MERGE_GAP = 300
MERGE_MAX = 8


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
    merged: int = 0  # additions shown inside another item's passage (see `MERGE_GAP`)

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
    merged = 0
    if fold:
        material, merged = _merge_passages(material)
        material.sort(key=lambda c: (-c.materiality, c.kind not in ("removed", "weakened")))
        material, dropped = _drop_contained(material)
        merged += dropped
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
    return Listing(headline=headline, groups=ordered, hidden=sum(1 for c in changes if not c.material), merged=merged)


def _drop_contained(items: list[StatementChange]) -> tuple[list[StatementChange], int]:
    """Drop an item of the same kind whose quotes all stand inside a higher-ranked item's quotes
    (a unit extracted twice, once alone and once inside a passage); returns (kept, dropped)."""
    kept: list[StatementChange] = []
    for c in items:
        if any(
            k.kind == c.kind
            and all((getattr(c, q) is None) or (getattr(k, q) is not None and getattr(c, q) in getattr(k, q)) for q in ("before", "after"))
            for k in kept
        ):
            continue
        kept.append(c)
    return kept, len(items) - len(kept)


def _merge_passages(material: list[StatementChange]) -> tuple[list[StatementChange], int]:
    """Runs of consecutive additions (in the new text) or removals (in the old text) of one
    section as one item each; returns (items, units absorbed into another item)."""
    out = [c for c in material if c.kind not in ("added", "removed")]
    absorbed = 0
    for kind, side, quote in (("added", "new", "after"), ("removed", "old", "before")):
        units = sorted(
            (c for c in material if c.kind == kind and getattr(c, side) is not None), key=lambda c: getattr(c, side).start
        )
        out += [c for c in material if c.kind == kind and getattr(c, side) is None]
        runs: list[list[StatementChange]] = []
        for c in units:
            last = runs[-1][-1] if runs else None
            if (
                last is not None
                and getattr(last, side).section == getattr(c, side).section
                and 0 <= getattr(c, side).start - getattr(last, side).end <= MERGE_GAP
                and len(runs[-1]) < MERGE_MAX
            ):
                runs[-1].append(c)
            else:
                runs.append([c])
        for run in runs:
            if len(run) == 1:
                out.append(run[0])
                continue
            top = max(run, key=lambda c: c.materiality)
            out.append(
                replace(
                    top,
                    **{quote: " … ".join(getattr(c, quote) or "" for c in run)},
                    categories=sorted({cat for c in run for cat in c.categories}),
                    reasons=[f"{'a new' if kind == 'added' else 'a removed'} passage of {len(run)} in-scope units"] + list(top.reasons),
                )
            )
            absorbed += len(run) - 1
    return out, absorbed
