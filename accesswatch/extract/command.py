"""`accesswatch extract FILE [--json]`: print the statements found in one text or Markdown file."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from accesswatch.extract.statements import extract_statements

__all__ = ["extract_command", "read_text_file"]


class TextFileError(ValueError):
    """A file that cannot be read as text (missing, binary, undecodable)."""


def read_text_file(path: Path) -> str:
    """Read `path` as text, keeping line endings as they are (offsets refer to this string).

    UTF-8 (with or without BOM) is expected; other encodings are detected with
    charset-normalizer. Raises TextFileError naming the file when it is missing, binary (NUL
    bytes) or undecodable.
    """
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        raise TextFileError(f"{path}: cannot read: {exc.strerror or exc}") from exc
    head = data[:65536]
    # A stray NUL in extracted text is tolerated; many of them mean a binary file.
    if head.count(b"\x00") > max(2, len(head) // 1000):
        raise TextFileError(f"{path}: looks binary (NUL bytes), not a text or Markdown file")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        from charset_normalizer import from_bytes

        best = from_bytes(data).best()
        if best is None:
            raise TextFileError(f"{path}: not UTF-8 (byte {exc.start}) and no other text encoding fits") from exc
        text = str(best)
    if text.startswith("\ufeff"):
        text = text[1:]
    return text


def extract_command(args: argparse.Namespace) -> int:
    """Print the statements of `args.file`, as a table-like listing or (`--json`) a JSON list.

    Returns 0 on success, 2 when the file cannot be read as text (message on stderr).
    """
    try:
        text = read_text_file(args.file)
    except TextFileError as exc:
        print(f"accesswatch extract: {exc}", file=sys.stderr)
        return 2
    kind = getattr(args, "kind", None)
    statements = extract_statements(text, kind=kind)
    if getattr(args, "json", False):
        json.dump([s.to_json() for s in statements], sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
        return 0
    for s in statements:
        where = f"p.{s.page} " if s.page is not None else ""
        print(f"[{s.start}:{s.end}] {where}{s.section or '(no section)'}")
        print(f"  {s.text}")
        extra = f" access={s.access_depth}" if s.access_depth else ""
        extra += f" timing={s.timing}" if s.timing else ""
        extra += f" actors={', '.join(s.actors)}" if s.actors else ""
        extra += f" conditions={', '.join(s.conditions)}" if s.conditions else ""
        print(f"  -> {', '.join(s.categories)} | {s.strength}{extra}")
        print(f"  cues: {'; '.join(s.cues)}")
    print(f"{len(statements)} statements in {args.file}")
    return 0
