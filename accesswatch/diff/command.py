"""`accesswatch diff OLD NEW`: the statement-level changes between two version files.

Default output: a readable list, most material first; reworded and moved statements are hidden
(with a count) unless `--all`. `--json`: a JSON list of changes. `--redline html|markdown|json`:
the hierarchical word-level redline instead of the change list.
"""

from __future__ import annotations

import argparse
import json
import sys
import textwrap
from pathlib import Path

from accesswatch.diff.announcements import parse_date

# Larger inputs are refused rather than risking memory blow-up (the biggest corpus file is 0.6 MB).
MAX_INPUT_BYTES = 64 * 1024 * 1024


class VersionTextError(ValueError):
    """A version file that cannot be read as text (names the file)."""


def read_version_text(path: Path) -> str:
    """Read a version file as text: UTF-8 (with or without BOM), UTF-16 with BOM, else the
    encoding charset-normalizer detects (Latin-1, Windows-1252…).

    Raises `VersionTextError` naming the file when it is missing, too large, or binary (NUL bytes
    or no plausible text encoding).
    """
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise VersionTextError(f"{path}: cannot read: {exc.strerror or exc}") from exc
    if size > MAX_INPUT_BYTES:
        raise VersionTextError(f"{path}: {size} bytes is larger than the {MAX_INPUT_BYTES} byte limit")
    data = path.read_bytes()
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    head = data[:65536]
    # A stray NUL or two happens in real PDF extractions (one corpus model card has two); many is binary.
    if head.count(b"\x00") > max(8, len(head) // 1000):
        raise VersionTextError(f"{path}: binary data (NUL bytes), not a text version")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        raise VersionTextError(f"{path}: not text in any known encoding")
    text = str(best)
    controls = sum(1 for ch in text[:65536] if ord(ch) < 32 and ch not in "\n\r\t\f")
    if controls > 0.01 * min(len(text), 65536):
        raise VersionTextError(f"{path}: binary data (control characters), not a text version")
    return text


def _format_change(n: int, change) -> str:
    head = f"{n}. [{change.kind.upper()}] materiality {change.materiality}"
    if change.announced is not None:
        head += " · " + ("announced" if change.announced else "silent (not in changelog)")
    lines = [head]
    if change.section:
        lines.append(f"   section: {change.section}")
    if change.categories:
        strength = " → ".join(s for s in (change.strength_before, change.strength_after) if s)
        lines.append(f"   {', '.join(change.categories)}; {strength}")
    for reason in change.reasons:
        lines.append(f"   - {reason}")
    for note in getattr(change, "rank_notes", []):
        lines.append(f"   - {note}")
    width = 100
    for label, quote in (("before", change.before), ("after", change.after)):
        if quote is not None:
            lines.append(textwrap.fill(" ".join(quote.split()), width, initial_indent=f"   {label}: ", subsequent_indent="      "))
    return "\n".join(lines)


def diff_command(args: argparse.Namespace) -> int:
    """Run `accesswatch diff`; returns the exit status (2 on unreadable input)."""
    try:
        old_text = read_version_text(args.old)
        new_text = read_version_text(args.new)
    except VersionTextError as exc:
        print(f"accesswatch diff: {exc}", file=sys.stderr)
        return 2
    if getattr(args, "redline", None):
        from accesswatch.diff.render import render_html, render_markdown, to_json
        from accesswatch.diff.textdiff import diff_versions

        diff = diff_versions(old_text, new_text)
        render = {"html": render_html, "markdown": render_markdown, "json": to_json}[args.redline]
        sys.stdout.write(render(diff).rstrip("\n") + "\n")
        return 0

    from accesswatch.diff.changes import classify_changes

    changes = classify_changes(
        old_text, new_text, old_date=parse_date(args.old.stem), new_date=parse_date(args.new.stem)
    )
    if args.json:
        shown = changes if args.all else [c for c in changes if c.material]
        print(json.dumps([c.to_json() for c in shown], ensure_ascii=False, indent=2))
        return 0
    if args.all:
        print(f"{args.old} → {args.new}: {len(changes)} change(s)")
        for n, change in enumerate(changes, 1):
            print()
            print(_format_change(n, change))
        return 0
    from accesswatch.diff.listing import build_listing

    listing = build_listing(changes)
    head = f"{args.old} → {args.new}: {len(listing.shown)} change(s) shown"
    if listing.merged:
        head += f", {listing.merged} more added/removed unit(s) shown inside passages"
    if listing.folded:
        head += f", {listing.folded} minor addition(s) counted per section"
    if listing.hidden:
        head += f", {listing.hidden} reworded/moved hidden (--all shows everything)"
    print(head)
    n = 0
    if listing.headline:
        print()
        print("## Most material")
        for change in listing.headline:
            n += 1
            print()
            print(_format_change(n, change))
    for group in listing.groups:
        print()
        print(f"## {group.section or '(no section)'}")
        for change in group.items:
            n += 1
            print()
            print(_format_change(n, change))
        if group.summary():
            print()
            print(f"   {group.summary()}")
    return 0
