"""Contributor tooling: the pre-commit hooks really run the checks; the guide's examples validate."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from accesswatch.events import EventFile
from accesswatch.record_models import Review
from accesswatch.sources import Source

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent


def _run(cwd: Path, *args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(list(args), cwd=cwd, capture_output=True, text=True, env=env)


def test_pre_commit_config_is_valid() -> None:
    done = _run(ROOT, str(BIN / "pre-commit"), "validate-config", ".pre-commit-config.yaml")
    assert done.returncode == 0, done.stdout + done.stderr


@pytest.mark.skipif(not (BIN / "pre-commit").exists() or not (BIN / "accesswatch").exists(), reason="pre-commit/accesswatch not in the venv")
def test_pre_commit_hook_blocks_a_commit_with_a_bad_data_file(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    (repo / "data" / "sources").mkdir(parents=True)
    shutil.copy(ROOT / ".pre-commit-config.yaml", repo / ".pre-commit-config.yaml")
    env = {**os.environ, "ACCESSWATCH_DATA": str(repo / "data"), "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}", "PRE_COMMIT_HOME": str(tmp_path / "cache"),
           "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org", "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.org"}
    assert _run(repo, "git", "init", "-q", env=env).returncode == 0
    good = "company: acme\nname: Acme\ndomains: [acme.example]\n"
    (repo / "data" / "sources" / "acme.yml").write_text(good, encoding="utf-8")
    _run(repo, "git", "add", ".", env=env)
    first = _run(repo, str(BIN / "pre-commit"), "run", "accesswatch-validate", env=env)
    assert first.returncode == 0, first.stdout + first.stderr
    _run(repo, "git", "commit", "-q", "--no-verify", "-m", "base", env=env)
    (repo / "data" / "sources" / "acme.yml").write_text(good + "website: https://acme.example\n", encoding="utf-8")
    _run(repo, "git", "add", ".", env=env)
    second = _run(repo, str(BIN / "pre-commit"), "run", "accesswatch-validate", env=env)
    assert second.returncode == 1
    assert "data/sources/acme.yml:4: unknown field 'website'" in second.stdout


def _yaml_blocks(markdown: str) -> list[str]:
    return re.findall(r"```yaml\n(.*?)```", markdown, flags=re.DOTALL)


def test_contributing_examples_fit_the_models() -> None:
    """The worked examples in CONTRIBUTING.md are valid data (so copying them works)."""
    text = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    blocks = _yaml_blocks(text)
    review = next(b for b in blocks if "status: corrected" in b)
    Review.model_validate(yaml.safe_load("\n".join(line[6:] for line in review.splitlines()[1:])))
    sources = [b for b in blocks if b.lstrip().startswith(("# data/sources", "- id: frontier"))]
    for block in sources:
        body = block.split("documents:\n", 1)[-1]
        body = "\n".join(line for line in body.splitlines() if "...existing" not in line)
        for entry in yaml.safe_load(body):
            Source.model_validate(entry)
    event = next(b for b in blocks if b.startswith("# data/events"))
    EventFile.model_validate(yaml.safe_load(event))


def test_every_data_file_names_its_schema() -> None:
    from accesswatch.schema_export import SCHEMA_LINES

    crawler = ROOT / "crawler" / "proposals.py"
    for kind, line in SCHEMA_LINES.items():
        if kind == "proposed" and not (crawler.exists() and "yaml-language-server" in crawler.read_text(encoding="utf-8")):
            continue  # written by the crawler, which does not emit the line yet
        pattern = "*/*.yml" if kind == "documents" else "*.yml"
        for path in sorted((ROOT / "data" / kind).glob(pattern)):
            assert path.read_text(encoding="utf-8").startswith(line + "\n"), f"{path} should start with {line}"
