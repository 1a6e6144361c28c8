"""Stages 5-7 over the archive: extract every version, align statements, diff consecutive versions,
and write one record per document into `data/documents/`, keeping human reviews.

Extraction and change lists are cached by content hash (text SHA-256 and a fingerprint of the
extraction/diff code), so re-running over unchanged versions does no extraction work.
"""

from __future__ import annotations

import argparse
import functools
import hashlib
import json
import sys
from dataclasses import dataclass, field
from pathlib import Path

from accesswatch.archive.archive import Archive
from accesswatch.archive.textnorm import squash_whitespace
from accesswatch.atomic_write import write_atomic
from accesswatch.extract import align_statements, extract_statements, statement_id
from accesswatch.extract.model import ExtractedStatement
from accesswatch.record_models import (
    Change,
    DocumentInfo,
    DocumentRecord,
    Statement,
    StatementRevision,
    VersionMeta,
)
from accesswatch.records import merge_reviews, read_record, record_path, write_record
from accesswatch.sources import CompanySources, find_source, load_sources

_PACKAGE = Path(__file__).resolve().parent


@dataclass
class PipelineSummary:
    """What one pipeline run did, for the console and the crawl pull-request body."""

    documents: int = 0
    records_written: int = 0
    versions: int = 0
    statements: int = 0
    changes: int = 0
    extractions_cached: int = 0
    extractions_run: int = 0
    diffs_cached: int = 0
    diffs_run: int = 0
    problems: list[str] = field(default_factory=list)


@dataclass
class _Lineage:
    id: str
    revisions: list[tuple[str, ExtractedStatement]] = field(default_factory=list)


@functools.lru_cache(maxsize=None)
def code_fingerprint(*packages: str) -> str:
    """A short hash of the source files of the given subpackages of `accesswatch`.

    Used as the cache key's code part: any edit to extraction or diff code invalidates the cache.
    Computed once per process, like the code it stands for, which is imported once.
    """
    digest = hashlib.sha256()
    for package in packages:
        for path in sorted((_PACKAGE / package).rglob("*.py")):
            digest.update(path.relative_to(_PACKAGE).as_posix().encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


class _ResultCache:
    """JSON results keyed by content hashes, stored under `<archive>/cache/<kind>/`."""

    def __init__(self, root: Path, kind: str, fingerprint: str):
        self._dir = Path(root) / "cache" / kind / fingerprint

    def get(self, key: str):
        path = self._dir / f"{key}.json"
        if not path.exists():
            return None
        try:
            return json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None  # a damaged cache entry is recomputed, never trusted

    def put(self, key: str, value) -> None:
        write_atomic(self._dir / f"{key}.json", json.dumps(value, ensure_ascii=False))


def _statement_from_json(data: dict) -> ExtractedStatement:
    return ExtractedStatement(
        text=data["text"],
        start=data["start"],
        end=data["end"],
        section=data.get("section") or "",
        categories=tuple(data["categories"]),
        strength=data["strength"],
        access_depth=data.get("access_depth"),
        actors=tuple(data.get("actors") or ()),
        timing=data.get("timing"),
        conditions=tuple(data.get("conditions") or ()),
        cues=tuple(data.get("cues") or ()),
        page=data.get("page"),
    )


class Pipeline:
    """Builds document records from an archive. Construct once per run; call `run()`."""

    def __init__(self, archive_root: Path, data_dir: Path, *, log=print):
        self.archive = Archive(Path(archive_root))
        self.data_dir = Path(data_dir)
        self.log = log
        self.companies: list[CompanySources] = load_sources(self.data_dir / "sources") if (self.data_dir / "sources").exists() else []
        self.summary = PipelineSummary()
        root = Path(archive_root)
        self._extract_cache = _ResultCache(root, "extract", code_fingerprint("extract"))
        self._diff_cache = _ResultCache(root, "diff", code_fingerprint("extract", "diff"))

    def run(self, document_ids: list[str] | None = None) -> PipelineSummary:
        """Process every archived document (or only `document_ids`) and write their records."""
        for document_id in document_ids or self.archive.documents():
            try:
                self.process(document_id)
            except Exception as error:  # one broken document must not stop the others
                message = f"{document_id}: {type(error).__name__}: {error}"
                self.summary.problems.append(message)
                self.log(f"error: {message}", file=sys.stderr)
        return self.summary

    def process(self, document_id: str) -> DocumentRecord | None:
        """Build, merge and write the record of one document. Returns it (None: no versions)."""
        versions = self.archive.versions(document_id)
        if not versions:
            return None
        info = self._document_info(document_id, versions)
        texts = {version.id: self.archive.text(document_id, version.id) for version in versions}
        extracted = {version.id: self._extract(texts[version.id], version, info.kind) for version in versions}
        lineages = self._lineages(document_id, versions, extracted)
        statements = self._statement_records(lineages, versions)
        changes = self._change_records(document_id, versions, texts, extracted, lineages, info.kind)
        fresh = DocumentRecord(document=info, versions=versions, statements=statements, changes=changes)
        path = record_path(self.data_dir, document_id)
        previous = read_record(path) if path.exists() else None
        record = merge_reviews(previous, fresh)
        if write_record(path, record):
            self.summary.records_written += 1
        self.summary.documents += 1
        self.summary.versions += len(versions)
        self.summary.statements += len(record.statements)
        self.summary.changes += len(record.changes)
        return record

    def _document_info(self, document_id: str, versions: list[VersionMeta]) -> DocumentInfo:
        found = find_source(self.companies, document_id)
        company, _, slug = document_id.partition("/")
        if found is None:
            return DocumentInfo(id=document_id, company=company, title=slug.replace("-", " ").capitalize(), kind="other", url=versions[-1].url)
        _, source = found
        return DocumentInfo(id=document_id, company=company, title=source.title, kind=source.kind, url=str(source.url))

    def _extract(self, text: str, version: VersionMeta, kind: str) -> list[ExtractedStatement]:
        key = f"{version.text_sha256}-{kind}"
        cached = self._extract_cache.get(key)
        if cached is not None:
            self.summary.extractions_cached += 1
            return [_statement_from_json(item) for item in cached]
        found = extract_statements(text, kind=kind)
        self._extract_cache.put(key, [item.to_json() for item in found])
        self.summary.extractions_run += 1
        return found

    def _lineages(self, document_id: str, versions: list[VersionMeta], extracted: dict) -> list[_Lineage]:
        lineages: list[_Lineage] = []
        used_ids: set[str] = set()
        previous: list[ExtractedStatement] = []
        previous_lineages: list[_Lineage] = []
        for version in versions:
            current = extracted[version.id]
            current_lineages: list[_Lineage | None] = [None] * len(current)
            if previous:
                for old_index, new_index, _ in align_statements(previous, current):
                    if old_index is not None and new_index is not None:
                        current_lineages[new_index] = previous_lineages[old_index]
            for index, statement in enumerate(current):
                lineage = current_lineages[index]
                if lineage is None:
                    lineage = _Lineage(id=_unique(statement_id(document_id, statement.text), used_ids))
                    lineages.append(lineage)
                    current_lineages[index] = lineage
                lineage.revisions.append((version.id, statement))
            previous = current
            previous_lineages = current_lineages  # type: ignore[assignment]
        return lineages

    def _statement_records(self, lineages: list[_Lineage], versions: list[VersionMeta]) -> list[Statement]:
        latest = versions[-1].id
        records = []
        for lineage in lineages:
            last_version, last = lineage.revisions[-1]
            history: list[StatementRevision] = []
            for version_id, statement in lineage.revisions:
                revision = StatementRevision(
                    version=version_id, quote=statement.text, strength=statement.strength, categories=list(statement.categories)
                )
                if not history or (history[-1].quote, history[-1].strength, history[-1].categories) != (
                    revision.quote, revision.strength, revision.categories
                ):
                    history.append(revision)
            records.append(
                Statement(
                    id=lineage.id,
                    version=last_version,
                    first_seen=lineage.revisions[0][0],
                    last_seen=last_version,
                    current=last_version == latest,
                    quote=last.text,
                    section=last.section,
                    start=last.start,
                    end=last.end,
                    page=last.page,
                    categories=list(last.categories),
                    strength=last.strength,
                    access_depth=last.access_depth,
                    actors=list(last.actors),
                    timing=last.timing,
                    conditions=list(last.conditions),
                    cues=list(last.cues),
                    history=history if len(history) > 1 else [],
                )
            )
        return records

    def _change_records(self, document_id, versions, texts, extracted, lineages, kind) -> list[Change]:
        from accesswatch.diff import classify_changes

        by_version_text: dict[tuple[str, str], str] = {}
        for lineage in lineages:
            for version_id, statement in lineage.revisions:
                by_version_text.setdefault((version_id, squash_whitespace(statement.text)), lineage.id)
        changes: list[Change] = []
        for old, new in zip(versions, versions[1:]):
            key = f"{old.text_sha256}-{new.text_sha256}-{kind}-{old.date}-{new.date}"
            cached = self._diff_cache.get(key)
            if cached is None:
                cached = [item.to_record_fields() for item in classify_changes(
                    texts[old.id], texts[new.id], old_kind=kind, old_date=old.date, new_date=new.date,
                    old_statements=extracted[old.id], new_statements=extracted[new.id],
                )]
                self._diff_cache.put(key, cached)
                self.summary.diffs_run += 1
            else:
                self.summary.diffs_cached += 1
            for fields in cached:
                before, after = fields.get("before"), fields.get("after")
                statement = None
                if after:
                    statement = by_version_text.get((new.id, squash_whitespace(after)))
                if statement is None and before:
                    statement = by_version_text.get((old.id, squash_whitespace(before)))
                # The kind is left out of the identity: it is the machine's judgement, which reviewers correct.
                identity = "|".join([document_id, old.id, new.id, before or "", after or ""])
                changes.append(
                    Change(
                        id="c-" + hashlib.sha256(identity.encode()).hexdigest()[:10],
                        old_version=old.id,
                        new_version=new.id,
                        statement=statement,
                        **{name: value for name, value in fields.items() if name in Change.model_fields and name not in {"id", "old_version", "new_version", "statement"}},
                    )
                )
        return _dedupe_ids(changes)


def _unique(candidate: str, used: set[str]) -> str:
    result, counter = candidate, 2
    while result in used:
        result = f"{candidate}-{counter}"
        counter += 1
    used.add(result)
    return result


def _dedupe_ids(changes: list[Change]) -> list[Change]:
    used: set[str] = set()
    return [change.model_copy(update={"id": _unique(change.id, used)}) for change in changes]


def pipeline_command(args: argparse.Namespace) -> int:
    """`accesswatch pipeline`: records for every archived document; prints a summary."""
    if not Path(args.archive).exists():
        print(f"error: no archive at {args.archive} (run `accesswatch import DIR` or `accesswatch crawl` first)", file=sys.stderr)
        return 2
    summary = Pipeline(args.archive, args.data).run(args.document)
    print(
        f"{summary.documents} documents, {summary.versions} versions, {summary.statements} statements, "
        f"{summary.changes} changes; {summary.records_written} record files written; "
        f"extraction {summary.extractions_run} run / {summary.extractions_cached} cached; "
        f"diff {summary.diffs_run} run / {summary.diffs_cached} cached"
    )
    for problem in summary.problems:
        print(f"problem: {problem}")
    return 1 if summary.problems else 0
