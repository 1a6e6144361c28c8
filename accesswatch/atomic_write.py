"""Atomic file writes: a reader (or a run killed with SIGKILL) never sees half a file.

Every file the project writes — records, archive entries, reports, schemas, workflows — goes
through `write_atomic`: the bytes go to a temporary file in the same folder, are flushed to disk,
and replace the target in one `os.replace`.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


def write_atomic(path: Path | str, data: bytes | str, *, prefix: str | None = None) -> None:
    """Write `data` (bytes, or text as UTF-8) to `path` atomically, creating its folder.

    `prefix` names the temporary file (default `.<name>.`), so a cleaner can recognise leftovers
    of a killed run. Raises `OSError` when the folder cannot be written; the target is then
    untouched and no temporary file is left behind.
    """
    path = Path(path)
    payload = data.encode("utf-8") if isinstance(data, str) else data
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=prefix or f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(payload)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
