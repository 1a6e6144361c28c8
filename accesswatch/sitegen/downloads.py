"""Downloads: CSV and JSON of statements, changes, versions and events, and a Frictionless
data-package descriptor (`datapackage.json`) describing the CSV files.

`write_downloads(dataset, directory)` writes `<name>.csv`, `<name>.json` and `datapackage.json`
into `directory` (atomically, file by file) and returns the paths written.
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

import pandas as pd

from accesswatch.tables import Dataset, export_frames

RESOURCES: dict[str, str] = {
    "statements": "Statements about external evaluation and model access, with reviewed values and review status.",
    "changes": "Statement-level changes between consecutive versions of a document.",
    "versions": "Archived versions of each document: date, origin, source URL, SHA-256 of raw bytes and text.",
    "events": "Curated, sourced events: pre-deployment access, agreements, releases, system cards.",
}

# Frictionless field types of every exported column; anything not listed is a string.
_TYPES: dict[str, str] = {
    "current": "boolean", "announced": "boolean", "nda": "boolean", "company_review_of_publication": "boolean",
    "materiality": "integer", "chars": "integer", "days_before_release": "integer",
    "date": "date", "release_date": "date", "captured_at": "datetime",
}
_PRIMARY_KEYS = {"statements": ["document", "statement"], "changes": ["document", "change"],
                 "versions": ["document", "version"], "events": ["event"]}


def _atomic_write(path: Path, content: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            handle.write(content)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _csv_value(value: object) -> object:
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return value


def _json_value(value: object) -> object:
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return None
    if hasattr(value, "item"):  # numpy scalars
        return value.item()
    return value


def descriptor(frames: dict[str, pd.DataFrame]) -> dict:
    """The Frictionless data-package descriptor of the CSV files of `frames`."""
    resources = []
    for name, frame in frames.items():
        fields = [{"name": column, "type": _TYPES.get(column, "string")} for column in frame.columns]
        resources.append({
            "name": name,
            "path": f"{name}.csv",
            "profile": "tabular-data-resource",
            "format": "csv",
            "mediatype": "text/csv",
            "encoding": "utf-8",
            "description": RESOURCES[name],
            "schema": {"fields": fields, "primaryKey": _PRIMARY_KEYS[name]},
        })
    return {
        "profile": "tabular-data-package",
        "name": "accesswatch",
        "title": "AccessWatch: external evaluation and model access in frontier AI company documents",
        "licenses": [{"name": "CC-BY-4.0", "path": "https://creativecommons.org/licenses/by/4.0/",
                      "title": "Creative Commons Attribution 4.0"}],
        "resources": resources,
    }


def write_downloads(dataset: Dataset, directory: Path) -> list[Path]:
    """Write the CSV and JSON tables and `datapackage.json` into `directory`; return the paths."""
    directory = Path(directory)
    frames = export_frames(dataset)
    written = []
    for name, frame in frames.items():
        csv_frame = pd.DataFrame([[_csv_value(v) for v in row] for row in frame.itertuples(index=False)],
                                 columns=frame.columns, dtype=object)
        csv_path = directory / f"{name}.csv"
        _atomic_write(csv_path, csv_frame.to_csv(index=False, lineterminator="\n"))
        records = [{k: _json_value(v) for k, v in row.items()} for row in frame.to_dict("records")]
        json_path = directory / f"{name}.json"
        _atomic_write(json_path, json.dumps(records, ensure_ascii=False, indent=1, default=str) + "\n")
        written += [csv_path, json_path]
    package = directory / "datapackage.json"
    _atomic_write(package, json.dumps(descriptor(frames), indent=2) + "\n")
    written.append(package)
    return written
