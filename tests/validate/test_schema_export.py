"""`accesswatch schema`: the committed JSON Schemas match the models, and data files fit them."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from accesswatch.cli import main
from accesswatch.schema_export import SCHEMA_LINES, schema_models, stale_schemas
from accesswatch.yaml_lines import parse_yaml

ROOT = Path(__file__).resolve().parents[2]
SCHEMA_DIR = ROOT / "data" / "schema"


def test_committed_schemas_match_the_models() -> None:
    assert stale_schemas(SCHEMA_DIR) == [], "run `accesswatch schema` and commit data/schema"


def test_check_fails_on_drift_and_export_fixes_it(tmp_path: Path, capsys) -> None:
    (tmp_path / "schema").mkdir()
    (tmp_path / "schema" / "event-file.schema.json").write_text("{}\n", encoding="utf-8")
    assert main(["--data", str(tmp_path), "schema", "--check"]) == 1
    assert "event-file.schema.json: out of date" in capsys.readouterr().err
    assert main(["--data", str(tmp_path), "schema"]) == 0
    assert main(["--data", str(tmp_path), "schema", "--check"]) == 0
    assert sorted(p.name for p in (tmp_path / "schema").iterdir()) == sorted(schema_models())


@pytest.mark.parametrize("kind,schema", [("sources", "company-sources"), ("events", "event-file"),
                                         ("documents", "document-record"), ("proposed", "proposed-sources")])
def test_repository_data_files_fit_their_schema_and_name_it(kind: str, schema: str) -> None:
    schema_path = SCHEMA_DIR / f"{schema}.schema.json"
    if not schema_path.exists():
        pytest.skip(f"no {schema_path.name}")
    validator = jsonschema.Draft202012Validator(json.loads(schema_path.read_text(encoding="utf-8")))
    pattern = "*/*.yml" if kind == "documents" else "*.yml"
    files = sorted((ROOT / "data" / kind).glob(pattern))
    if not files:
        pytest.skip(f"no data/{kind} files yet")
    named = kind != "proposed" or _crawler_names_the_schema()
    for path in files:
        text = path.read_text(encoding="utf-8")
        assert not named or text.startswith(SCHEMA_LINES[kind] + "\n"), f"{path}: first line should be {SCHEMA_LINES[kind]!r}"
        errors = [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator.iter_errors(parse_yaml(text).data or {})]
        assert errors == [], f"{path}: {errors[:5]}"


def _crawler_names_the_schema() -> bool:
    """Whether the crawler writes the schema line into data/proposed files (asked of it; not ours)."""
    source = ROOT / "crawler" / "proposals.py"
    return source.exists() and "yaml-language-server" in source.read_text(encoding="utf-8")
