"""`accesswatch import DIR`: a folder of dated files laid out like `../shared/corpus` → versions.

Layout: `<company>/<slug>/<YYYY-MM-DD>.<txt|md|html|pdf>`, optionally with a `manifest.yml`
(`entries:` with path, title, kind, version label, date, canonical_url). Each file goes through
the archive's normal ingest as an `import` capture dated by the file: text and Markdown files
through `normalize_text` (+ the source's noise filters) only, HTML and PDF through their
normalisers. Files not declared in `data/sources` are still imported, with their manifest data,
and a warning. Every file becomes exactly one version unless its normalised text is byte-identical
to the previous version's (reported as "unchanged"); importing the same folder again adds nothing.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from accesswatch.archive.archive import Archive
from accesswatch.archive.capture import Capture, IngestOutcome
from accesswatch.sources import CompanySources, Source, find_source, load_sources
from accesswatch.taxonomy import DOCUMENT_KINDS

_FILE = re.compile(r"^(?P<date>\d{4}-\d{2}-\d{2})\.(?P<ext>txt|md|html|htm|pdf)$")
_CONTENT_TYPES = {
    "txt": "text/plain; charset=utf-8",
    "md": "text/markdown; charset=utf-8",
    "html": "text/html",
    "htm": "text/html",
    "pdf": "application/pdf",
}
_FORMATS = {"txt": "text", "md": "text", "html": "html", "htm": "html", "pdf": "pdf"}


@dataclass
class ImportFile:
    """One dated file to import, with what the manifest says about it."""

    path: Path
    relative: str
    document_id: str
    date: dt.date
    ext: str
    entry: dict[str, Any] = field(default_factory=dict)


def read_manifest(directory: Path) -> dict[str, dict[str, Any]]:
    """Manifest entries by relative path ({} without a manifest). ValueError naming the file if malformed."""
    path = Path(directory) / "manifest.yml"
    if not path.exists():
        return {}
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except yaml.YAMLError as error:
        raise ValueError(f"{path}: not valid YAML: {error}") from error
    entries = data.get("entries") if isinstance(data, dict) else None
    if not isinstance(entries, list):
        raise ValueError(f"{path}: expected a mapping with an 'entries' list")
    return {str(e["path"]): e for e in entries if isinstance(e, dict) and "path" in e}


def find_import_files(directory: Path, manifest: dict[str, dict[str, Any]], warnings: list[str]) -> list[ImportFile]:
    """Dated files under `directory`, sorted by document then date; odd names become warnings."""
    directory = Path(directory)
    files = []
    for path in sorted(directory.glob("*/*/*")):
        if not path.is_file() or path.name.startswith("."):
            continue
        relative = path.relative_to(directory).as_posix()
        match = _FILE.match(path.name)
        company, slug = path.parent.parent.name, path.parent.name
        if not match:
            warnings.append(f"{relative}: skipped, name is not <YYYY-MM-DD>.<txt|md|html|pdf>")
            continue
        entry = manifest.get(relative, {})
        if manifest and not entry:
            warnings.append(f"{relative}: not listed in manifest.yml; imported with the date of its name")
        try:
            date = dt.date.fromisoformat(str(entry.get("date") or match["date"]))
        except ValueError:
            warnings.append(f"{relative}: bad date {entry.get('date')!r} in manifest.yml; using the file name's")
            date = dt.date.fromisoformat(match["date"])
        files.append(ImportFile(path, relative, f"{company}/{slug}", date, match["ext"], entry))
    for relative in sorted(set(manifest) - {f.relative for f in files}):
        if not (directory / relative).exists():
            warnings.append(f"{relative}: listed in manifest.yml but missing")
    return sorted(files, key=lambda f: (f.document_id, f.date, f.relative))


def _undeclared_source(item: ImportFile) -> Source:
    slug = item.document_id.split("/")[1]
    kind = item.entry.get("kind") if item.entry.get("kind") in DOCUMENT_KINDS else "other"
    # Built without validation: the manifest's URL or title may be missing for an ad-hoc folder.
    return Source.model_construct(
        id=slug, title=str(item.entry.get("title") or slug), kind=kind,
        url=str(item.entry.get("canonical_url") or f"file:///{item.relative}"),
        format=_FORMATS[item.ext], select=[], remove=[], filters=[], announcement_url=None, track=False, notes=None,
    )


def import_directory(
    directory: Path, archive: Archive, companies: list[CompanySources], *, warnings: list[str] | None = None
) -> list[IngestOutcome]:
    """Import every dated file of `directory` into `archive`; one outcome per file, in order.

    `companies` are the declared sources (their noise filters and `select`/`remove` apply); files
    of undeclared documents are imported with manifest data and a warning appended to `warnings`.
    Raises ValueError for a malformed manifest.
    """
    warnings = warnings if warnings is not None else []
    manifest = read_manifest(directory)
    outcomes = []
    for item in find_import_files(Path(directory), manifest, warnings):
        found = find_source(companies, item.document_id)
        if found is None:
            warnings.append(f"{item.relative}: {item.document_id} is not declared in data/sources; imported with manifest data")
            source = _undeclared_source(item)
        else:
            # The file's extension, not the live page's declared format, says how to read it.
            source = found[1].model_copy(update={"format": _FORMATS[item.ext]})
        url = str(item.entry.get("canonical_url") or source.url)
        label = item.entry.get("version")
        capture = Capture(
            document_id=item.document_id,
            url=url,
            body=item.path.read_bytes(),
            fetched_at=dt.datetime.combine(item.date, dt.time.min, tzinfo=dt.timezone.utc),
            origin="import",
            content_type=_CONTENT_TYPES[item.ext],
            published=item.date,
            label=str(label) if label else None,
        )
        try:
            outcome = archive.ingest(capture, source)
        except ValueError as error:  # a bad document id (folder name)
            outcome = IngestOutcome(item.document_id, url, "failed", f"{item.relative}: {error}")
        if outcome.status == "unchanged" and not outcome.reason.startswith("already archived"):
            warnings.append(f"{item.relative}: normalises to exactly the text of version {outcome.version.id if outcome.version else '?'}; no new version")
        outcomes.append(outcome)
    return outcomes


def summarize(outcomes: list[IngestOutcome]) -> dict[str, int]:
    """Count outcomes by status."""
    counts: dict[str, int] = {}
    for outcome in outcomes:
        counts[outcome.status] = counts.get(outcome.status, 0) + 1
    return counts


def outcome_json(outcome: IngestOutcome) -> dict[str, Any]:
    """One outcome as a JSON-ready dict."""
    return {
        "document_id": outcome.document_id,
        "url": outcome.url,
        "status": outcome.status,
        "reason": outcome.reason,
        "version": outcome.version.model_dump(mode="json") if outcome.version else None,
    }


def import_command(args: argparse.Namespace) -> int:
    """CLI: `accesswatch [--data D] [--archive A] import DIR [--report FILE]`.

    Prints one line per file and a summary; exit status 1 when a file failed or was an anomaly,
    2 when DIR is not a folder or its manifest is malformed.
    """
    directory = Path(args.directory)
    if not directory.is_dir():
        print(f"import: {directory} is not a folder", file=sys.stderr)
        return 2
    warnings: list[str] = []
    try:
        companies = load_sources(Path(args.data) / "sources")
    except Exception as error:  # noqa: BLE001 - a broken declaration must not block an import
        warnings.append(f"could not load {Path(args.data) / 'sources'} ({error.__class__.__name__}: {error}); importing with manifest data only")
        companies = []
    archive = Archive(args.archive)
    # Leftovers of a killed run (older than 10 minutes, so a concurrent writer is never disturbed).
    for path in archive.repair(min_age_seconds=600):
        warnings.append(f"removed leftover of an interrupted run: {path}")
    try:
        outcomes = import_directory(directory, archive, companies, warnings=warnings)
    except ValueError as error:
        print(f"import: {error}", file=sys.stderr)
        return 2
    for outcome in outcomes:
        version = outcome.version.id if outcome.version else "-"
        print(f"{outcome.status:<12} {outcome.document_id:<60} {version:<20} {outcome.reason}")
    for warning in warnings:
        print(f"warning: {warning}", file=sys.stderr)
    counts = summarize(outcomes)
    print(
        f"imported {len(outcomes)} file(s) from {directory} into {archive.root}: "
        + ", ".join(f"{n} {status}" for status, n in sorted(counts.items()))
        + f"; {len(warnings)} warning(s)"
    )
    if getattr(args, "report", None):
        report = {
            "directory": str(directory),
            "archive": str(archive.root),
            "counts": counts,
            "warnings": warnings,
            "outcomes": [outcome_json(o) for o in outcomes],
        }
        Path(args.report).parent.mkdir(parents=True, exist_ok=True)
        Path(args.report).write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    return 1 if counts.get("failed") or counts.get("anomaly") else 0
