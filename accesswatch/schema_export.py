"""`accesswatch schema`: export the JSON Schemas of the data files into `data/schema/`.

Editors validate as people type through the first line of each data file, e.g.
`# yaml-language-server: $schema=../schema/company-sources.schema.json`; `--check` fails when
the committed schemas no longer match the pydantic models (run `accesswatch schema` to fix).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from pydantic import BaseModel

from accesswatch.atomic_write import write_atomic
from accesswatch.events import EventFile
from accesswatch.record_models import DocumentRecord
from accesswatch.sources import CompanySources

_DIALECT = "https://json-schema.org/draft/2020-12/schema"

# The schema-line each kind of data file starts with (relative to the file).
SCHEMA_LINES: dict[str, str] = {
    "sources": "# yaml-language-server: $schema=../schema/company-sources.schema.json",
    "events": "# yaml-language-server: $schema=../schema/event-file.schema.json",
    "documents": "# yaml-language-server: $schema=../../schema/document-record.schema.json",
    "proposed": "# yaml-language-server: $schema=../schema/proposed-sources.schema.json",
}


def schema_models() -> dict[str, type[BaseModel]]:
    """File name in `data/schema/` → the pydantic model of that kind of data file."""
    models: dict[str, type[BaseModel]] = {
        "company-sources.schema.json": CompanySources,
        "event-file.schema.json": EventFile,
        "document-record.schema.json": DocumentRecord,
    }
    try:
        from crawler.proposals import ProposalFile
    except ImportError:  # a checkout without the crawler package
        pass
    else:
        models["proposed-sources.schema.json"] = ProposalFile
    return models


def render_schema(name: str, model: type[BaseModel]) -> str:
    """The JSON text of one model's schema (stable: same models → same bytes)."""
    schema = {"$schema": _DIALECT, "$id": name, **model.model_json_schema()}
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"


def export_schemas(directory: Path) -> list[Path]:
    """Write every schema into `directory` atomically; returns the files that changed."""
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    changed = []
    for name, model in schema_models().items():
        path = directory / name
        text = render_schema(name, model)
        if path.exists() and path.read_text(encoding="utf-8") == text:
            continue
        write_atomic(path, text)
        changed.append(path)
    return changed


def stale_schemas(directory: Path) -> list[str]:
    """Names of schema files in `directory` that are missing or differ from the models."""
    directory = Path(directory)
    stale = []
    for name, model in schema_models().items():
        path = directory / name
        if not path.exists() or path.read_text(encoding="utf-8") != render_schema(name, model):
            stale.append(name)
    return stale


def schema_command(args) -> int:
    """`accesswatch schema [--check]`: write (or check) `<data>/schema/*.schema.json`."""
    directory = Path(args.data) / "schema"
    if args.check:
        stale = stale_schemas(directory)
        for name in stale:
            print(f"{directory / name}: out of date with the models (run `accesswatch schema`)", file=sys.stderr)
        return 1 if stale else 0
    for path in export_schemas(directory):
        print(f"wrote {path}")
    return 0
