#!/usr/bin/env python3
"""Set up a virtual environment and run AccessWatch's main job or its tests.

    python3 bootstrap.py build   # install, validate data/, build the site into build/site
    python3 bootstrap.py test    # install with test extras, run the whole test suite

Needs only Python 3.11+ (standard library); everything else comes from PyPI into ./.venv.
"""

import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")


def _run(*command: str) -> None:
    print("+", " ".join(command), flush=True)
    subprocess.run(command, check=True, cwd=ROOT)


def _install(extras: str) -> None:
    if not (BIN / "python").exists():
        venv.create(VENV, with_pip=True)
    stamp = VENV / f".installed-{extras or 'base'}"
    pyproject = ROOT / "pyproject.toml"
    if stamp.exists() and stamp.stat().st_mtime >= pyproject.stat().st_mtime:
        return
    _run(str(BIN / "python"), "-m", "pip", "install", "--quiet", "--disable-pip-version-check",
         "-e", f".[{extras}]" if extras else ".")
    stamp.touch()


def main() -> int:
    job = sys.argv[1] if len(sys.argv) > 1 else "build"
    if job == "build":
        _install("")
        _run(str(BIN / "accesswatch"), "validate")
        _run(str(BIN / "accesswatch"), "build")
        print(f"site built in {ROOT / 'build' / 'site'} (preview: .venv/bin/accesswatch serve)")
    elif job == "test":
        _install("test")
        _run(str(BIN / "python"), "-m", "pytest", "-n", "2", "--dist", "loadgroup", *sys.argv[2:])
    else:
        print(__doc__, file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except subprocess.CalledProcessError as error:
        sys.exit(error.returncode)
