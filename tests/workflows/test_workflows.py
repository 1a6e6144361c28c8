"""The generated GitHub Actions workflows: no drift, and actionlint and zizmor find nothing."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from accesswatch.cli import main
from accesswatch.workflows import ACTIONS, crawl_companies, render_workflow, stale_workflows, workflow_definitions

ROOT = Path(__file__).resolve().parents[2]
WORKFLOWS = ROOT / ".github" / "workflows"
BIN = Path(sys.executable).parent


def _tool(name: str) -> str:
    """The tool installed in this virtual environment (pyproject's `test` extra), else on PATH."""
    found = shutil.which(name, path=str(BIN)) or shutil.which(name)
    if found is None:
        pytest.fail(f"{name} is not installed: `pip install -e .[test]` installs it")
    return found


def _loaded() -> dict[str, dict]:
    return {path.name: yaml.safe_load(path.read_text(encoding="utf-8")) for path in sorted(WORKFLOWS.glob("*.yml"))}


def test_committed_workflows_match_the_definition() -> None:
    assert stale_workflows(ROOT, ROOT / "data") == [], "run `accesswatch workflows` and commit .github/workflows"


def test_check_fails_on_drift_and_regeneration_fixes_it(tmp_path: Path, capsys) -> None:
    data = tmp_path / "data"
    (data / "sources").mkdir(parents=True)
    (data / "sources" / "acme.yml").write_text("company: acme\nname: Acme\ndomains: [acme.example]\n", encoding="utf-8")
    assert main(["--data", str(data), "workflows"]) == 0
    assert main(["--data", str(data), "workflows", "--check"]) == 0
    # a new company is a new shard: the committed file is now stale
    (data / "sources" / "globex.yml").write_text("company: globex\nname: Globex\ndomains: [globex.example]\n", encoding="utf-8")
    capsys.readouterr()
    assert main(["--data", str(data), "workflows", "--check"]) == 1
    assert ".github/workflows/crawl.yml: differs" in capsys.readouterr().err
    assert main(["--data", str(data), "workflows"]) == 0
    crawl = yaml.safe_load((tmp_path / ".github" / "workflows" / "crawl.yml").read_text(encoding="utf-8"))
    assert crawl["jobs"]["crawl"]["strategy"]["matrix"]["company"] == ["acme", "globex"]


def test_the_matrix_has_one_shard_per_company() -> None:
    companies = crawl_companies(ROOT / "data")
    assert companies == sorted(p.stem for p in (ROOT / "data" / "sources").glob("*.yml"))
    assert _loaded()["crawl.yml"]["jobs"]["crawl"]["strategy"]["matrix"]["company"] == companies


def test_on_key_is_quoted_and_triggers_are_right() -> None:
    texts = {p.name: p.read_text(encoding="utf-8") for p in WORKFLOWS.glob("*.yml")}
    assert all('\n"on":\n' in text for text in texts.values())
    loaded = _loaded()
    crawl_on = loaded["crawl.yml"]["on"]
    crons = [entry["cron"] for entry in crawl_on["schedule"]]
    assert all(cron.split()[0] not in ("0", "*") for cron in crons), "schedules run off the hour"
    assert "workflow_dispatch" in crawl_on
    assert set(loaded["validate.yml"]["on"]) == {"pull_request", "push"}
    assert loaded["pages.yml"]["on"]["push"] == {"branches": ["main"]}
    assert all("pull_request_target" not in text for text in texts.values())


def test_least_privilege_pins_and_no_untrusted_expansion_in_run() -> None:
    for name, workflow in _loaded().items():
        assert workflow["permissions"] == {}, name
        assert "concurrency" in workflow, name
        for job_name, job in workflow["jobs"].items():
            assert "permissions" in job, f"{name}:{job_name} needs its own grant"
            for step in job["steps"]:
                uses = step.get("uses")
                if uses:
                    action, _, ref = uses.partition("@")
                    assert re.fullmatch(r"[0-9a-f]{40}", ref), f"{name}: {uses} is not pinned to a commit"
                    assert ACTIONS[action][0] == ref
                if uses and uses.startswith("actions/checkout@"):
                    assert step["with"]["persist-credentials"] is False
                assert "${{" not in step.get("run", ""), f"{name}:{job_name}: expression inside run: {step['name']}"


def test_pins_carry_their_release_in_a_comment() -> None:
    text = (WORKFLOWS / "crawl.yml").read_text(encoding="utf-8")
    assert f"actions/checkout@{ACTIONS['actions/checkout'][0]} # {ACTIONS['actions/checkout'][1]}" in text


def test_actionlint_finds_nothing() -> None:
    done = subprocess.run([_tool("actionlint"), "-no-color", *map(str, sorted(WORKFLOWS.glob("*.yml")))],
                          capture_output=True, text=True, cwd=ROOT)
    assert done.returncode == 0, done.stdout + done.stderr


def test_actionlint_does_catch_a_broken_workflow(tmp_path: Path) -> None:
    """The linter really runs: an undefined job in `needs` and a bad expression are reported."""
    bad = render_workflow({"name": "bad", "on": {"push": {}}, "permissions": {}, "jobs": {"a": {
        "runs-on": "ubuntu-latest", "needs": "nope", "steps": [{"run": "echo ${{ github.event.issue.title }}"}]}}})
    (tmp_path / ".github" / "workflows").mkdir(parents=True)
    path = tmp_path / ".github" / "workflows" / "bad.yml"
    path.write_text(bad, encoding="utf-8")
    done = subprocess.run([_tool("actionlint"), "-no-color", str(path)], capture_output=True, text=True, cwd=tmp_path)
    assert done.returncode == 1
    assert "nope" in done.stdout and "github.event.issue.title" in done.stdout


@pytest.mark.parametrize("persona", ["regular", "pedantic"])
def test_zizmor_finds_nothing(persona: str) -> None:
    done = subprocess.run([_tool("zizmor"), "--offline", "--no-progress", f"--persona={persona}", "--format=plain", str(WORKFLOWS)],
                          capture_output=True, text=True, cwd=ROOT)
    findings = [line for line in done.stdout.splitlines() if re.match(r"^(error|warning|help|info)\[", line)]
    if persona == "pedantic":
        # Only the low-confidence hint that `gh pr create` could replace create-pull-request (kept on purpose:
        # it opens-or-updates one pull request idempotently).
        findings = [line for line in findings if not line.startswith("info[superfluous-actions]")]
    assert findings == [], done.stdout
    assert done.returncode == 0 or persona == "pedantic", done.stdout + done.stderr


def test_zizmor_does_catch_an_injection(tmp_path: Path) -> None:
    bad = render_workflow({"name": "bad", "on": {"issues": {}}, "permissions": {}, "jobs": {"a": {
        "runs-on": "ubuntu-latest", "permissions": {}, "steps": [{"run": "echo ${{ github.event.issue.title }}"}]}}})
    (tmp_path / "bad.yml").write_text(bad, encoding="utf-8")
    done = subprocess.run([_tool("zizmor"), "--offline", "--no-progress", "--format=plain", str(tmp_path / "bad.yml")],
                          capture_output=True, text=True)
    assert "template-injection" in done.stdout


def test_definitions_parse_back_to_themselves() -> None:
    for name, definition in workflow_definitions(ROOT / "data").items():
        assert yaml.safe_load(render_workflow(definition)) == definition, name
