"""The measured quality figures on the methodology page, from `data/quality.yml`.

`data/quality.yml` is written by `bench/measure_quality.py`: `measured_on`, `statement_keys` and
`change_keys` (each key: name, path, role `tuning`/`test`, figures or `error`). `quality_markdown`
renders it as two tables; a missing, unreadable or partial file never breaks the build — the
page says "not measured" for whatever is absent. Hand-written pages put `QUALITY_MARKER` where
the figures go.
"""

from __future__ import annotations

import re

from pathlib import Path
from typing import Any

import yaml

from accesswatch.sitegen.markup import block, md_text, table, text

QUALITY_MARKER = "<!-- accesswatch:quality-figures -->"
NOT_MEASURED = "not measured"

_STATEMENT_FIGURES = [("precision", "Precision"), ("recall", "Recall"), ("f1", "F1"),
                      ("category_micro_f1", "Category micro-F1"), ("strength_accuracy", "Strength accuracy"),
                      ("access_depth_accuracy", "Access-depth accuracy")]


def load_quality(path: Path) -> dict | None:
    """The figures of `path`, or None when the file is absent, unreadable or not a mapping."""
    try:
        data = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError, UnicodeDecodeError):
        return None
    return data if isinstance(data, dict) else None


def _figure(value: Any) -> str:
    if isinstance(value, bool) or value is None:
        return NOT_MEASURED
    if isinstance(value, (int, float)):
        return f"{value:.2f}"
    return NOT_MEASURED


def _ratio(entry: dict, part: str, whole: str = "total") -> str:
    a, b = entry.get(part), entry.get(whole)
    if not isinstance(a, int) or not isinstance(b, int) or isinstance(a, bool) or isinstance(b, bool):
        return NOT_MEASURED
    return f"{a}/{b}" + (f" ({a / b:.0%})" if b else "")


def _role(entry: dict) -> str:
    return {"tuning": "tuning", "test": "test (never tuned on)"}.get(entry.get("role"), NOT_MEASURED)


def _entries(data: dict, key: str) -> list[dict]:
    value = data.get(key)
    return [e for e in value if isinstance(e, dict)] if isinstance(value, list) else []


def _key_name(entry: dict) -> str:
    name = str(entry.get("name"))
    return f"`{name}`" if re.fullmatch(r"[\w.-]+", name) else md_text(name)


def quality_markdown(data: dict | None) -> str:
    """The figures as Markdown: a line on which keys were tuned on, and two tables; "not measured"
    when `data` is None or lacks a part."""
    if not data:
        return ("Quality figures: **not measured** (no `data/quality.yml`; run "
                "`python bench/measure_quality.py` with `../shared` present).\n")
    measured_on = data.get("measured_on")
    keys = _entries(data, "statement_keys") + _entries(data, "change_keys")
    tuning = ", ".join(_key_name(e) for e in keys if e.get("role") == "tuning") or "none"
    testing = ", ".join(_key_name(e) for e in keys if e.get("role") == "test") or "none"
    out = [f"Figures measured on {md_text(measured_on) if measured_on else NOT_MEASURED} by "
           "`bench/measure_quality.py`. Keys looked at while tuning the extractor and the change "
           f"classifier (their figures are optimistic): {tuning}. Test sets never tuned on: {testing}.\n\n",
           "### Statement extraction\n\n"]
    statements = _entries(data, "statement_keys")
    if statements:
        rows = []
        for e in statements:
            if e.get("error"):
                cells = [NOT_MEASURED] * (len(_STATEMENT_FIGURES) + 1)
            else:
                count = e.get("statements")
                cells = [str(count) if isinstance(count, int) else NOT_MEASURED]
                cells += [_figure(e.get(k)) for k, _label in _STATEMENT_FIGURES]
            rows.append([text(v) for v in (e.get("name", "?"), _role(e), *cells)])
        out.append(block(table(["Key", "Role", "Key statements", *(label for _k, label in _STATEMENT_FIGURES)], rows,
                               cls="aw-table aw-quality")))
    else:
        out.append(f"Statement extraction: {NOT_MEASURED}.\n")
    out.append("\n### Change detection\n\n")
    changes = _entries(data, "change_keys")
    if changes:
        rows = []
        for e in changes:
            if e.get("error"):
                cells = [NOT_MEASURED] * 3
            else:
                pairs = e.get("pairs")
                cells = [str(pairs) if isinstance(pairs, int) else NOT_MEASURED, _ratio(e, "found"),
                         _ratio(e, "direction_right")]
            rows.append([text(v) for v in (e.get("name", "?"), _role(e), *cells)])
        out.append(block(table(["Key", "Role", "Version pairs", "Key changes found", "Direction right"], rows,
                               cls="aw-table aw-quality")))
    else:
        out.append(f"Change detection: {NOT_MEASURED}.\n")
    out.append("\n*Found*: a hand-labelled material change appears in the default change listing; *direction "
               "right*: it is reported as a weakening/removal or a strengthening/addition as the key says. "
               "Extraction figures count a predicted statement right when it matches a key statement of the "
               "same document (at least 60% shared words); category, strength and depth accuracies are over "
               "the matched statements.\n")
    return "".join(out)


def fill_quality(markdown: str, data: dict | None) -> str:
    """A hand-written page with `QUALITY_MARKER` replaced by the rendered figures."""
    return markdown.replace(QUALITY_MARKER, quality_markdown(data)) if QUALITY_MARKER in markdown else markdown


__all__ = ["NOT_MEASURED", "QUALITY_MARKER", "fill_quality", "load_quality", "quality_markdown"]
