"""Golden-file helpers: compare with a JSON file; `UPDATE_GOLDEN=1` rewrites it (review the diff)."""

from __future__ import annotations

import json
import os
from pathlib import Path

GOLDEN = Path(__file__).parent / "golden"
FIXTURES = Path(__file__).parent / "fixtures"


def check_golden(name: str, value: object) -> None:
    path = GOLDEN / name
    text = json.dumps(value, ensure_ascii=False, indent=2) + "\n"
    if os.environ.get("UPDATE_GOLDEN") == "1" or not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(".tmp")
        tmp.write_text(text, encoding="utf-8")
        os.replace(tmp, path)
    assert json.loads(path.read_text(encoding="utf-8")) == json.loads(text), f"output differs from golden file {path}"
