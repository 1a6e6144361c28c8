"""`accesswatch validate`: every check on the human- and machine-written data files, as
`path:line: problem` lines (or GitHub `::error` annotations), exit status 1 when any fails.

Files checked (under the data folder):
- `sources/<company>.yml`   → `CompanySources`: schema, company matches the file name, unique
  company, unique document and listing ids, every URL on the company's declared domains;
- `events/*.yml`            → `EventFile`: schema, at least one source per event, ids unique across
  files, companies declared, `corpus_document` resolves, dates in a possible order;
- `documents/<company>/<slug>.yml` → `DocumentRecord`: schema, id matches the path and is a declared
  source, unique version/statement/change ids, every version reference resolves, first_seen not
  after last_seen, and every quote found verbatim (whitespace normalised) in the archived version
  it cites — skipped, and said so, when the archive or that version is not available here;
- `proposed/*.yml`          → the crawler's proposed-sources model when it exists, else syntax only.

Every file is parsed with line marks (`accesswatch.yaml_lines`), so a pydantic error location is
reported on the line of the offending YAML node; malformed YAML is a located error, never a
traceback. With a selection (`--changed`, paths), every file is still read (references need the
whole picture) but only problems in the selected files are reported.
"""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable

from pydantic import BaseModel, ValidationError
from yaml.nodes import Node

from accesswatch.archive.textnorm import squash_whitespace
from accesswatch.events import EventFile
from accesswatch.record_models import DocumentRecord
from accesswatch.sources import CompanySources, url_on_domains
from accesswatch.yaml_lines import (
    YamlSyntaxError,
    duplicate_keys,
    line_of,
    locate,
    parse_yaml,
)

_KINDS = ("sources", "events", "documents", "proposed")


@dataclass(frozen=True, order=True)
class Problem:
    """One error: the file, the 1-based line of the offending node, and what is wrong."""

    path: Path
    line: int
    message: str

    def render(self, github: bool = False) -> str:
        """`path:line: message`, or a GitHub Actions `::error` workflow command."""
        shown = _display(self.path)
        if github:
            return f"::error file={_escape_property(shown)},line={self.line}::{_escape_data(self.message)}"
        return f"{shown}:{self.line}: {self.message}"


@dataclass
class Report:
    """What a validation run found."""

    problems: list[Problem] = field(default_factory=list)
    files_checked: int = 0
    quotes_checked: int = 0
    quotes_skipped: int = 0
    quotes_skip_reason: str = ""

    @property
    def ok(self) -> bool:
        return not self.problems

    def summary(self) -> str:
        """One line: files, problems and what happened to the quote check."""
        text = f"validate: {self.files_checked} file(s) checked, {len(self.problems)} problem(s)"
        if self.quotes_checked or self.quotes_skipped:
            text += f"; quotes: {self.quotes_checked} verified"
            if self.quotes_skipped:
                text += f", {self.quotes_skipped} skipped ({self.quotes_skip_reason})"
        return text


@dataclass
class _File:
    path: Path
    kind: str
    root: Node | None = None
    data: Any = None
    model: BaseModel | None = None
    readable: bool = False


# ----------------------------------------------------------------------------------------------
# Public entry points


def validate_data(
    data_dir: Path,
    archive_dir: Any = None,
    only: Iterable[Path] | None = None,
    check_quotes: bool = True,
) -> Report:
    """Validate every data file under `data_dir`.

    `archive_dir`: where version texts live (quote check; skipped when None or absent), or any
    object with the archive's `text(document_id, version_id) -> str` method.
    `only`: report problems of these files only (others are still read for references); extra
    paths outside the usual layout are validated by the name of their folder.
    Returns a `Report`; never raises for bad data (I/O errors on the folder itself excepted).
    """
    data_dir = Path(data_dir)
    files = _discover(data_dir)
    selected: set[Path] | None = None
    if only is not None:
        selected = {Path(p).resolve() for p in only}
        known = {f.path for f in files}
        for path in sorted(selected - known):
            kind = _kind_of(path)
            if kind and path.exists():
                files.append(_File(path, kind))
    report = Report()
    problems: list[Problem] = []
    for entry in files:
        problems.extend(_load(entry))
    problems.extend(_check_sources([f for f in files if f.kind == "sources"]))
    companies = _declared_companies(files)
    records = {f.path: f for f in files if f.kind == "documents"}
    problems.extend(_check_events([f for f in files if f.kind == "events"], companies, files))
    texts = _ArchiveTexts(archive_dir) if check_quotes else None
    if not check_quotes:
        report.quotes_skip_reason = "--no-quotes"
    for record in records.values():
        verify = texts is not None and (selected is None or record.path in selected)
        problems.extend(_check_record(record, companies, texts if verify else None, report))
    if texts is not None and texts.reason:
        report.quotes_skip_reason = texts.reason
    elif texts is not None and report.quotes_skipped:
        report.quotes_skip_reason = "cited versions not in the archive"
    if selected is not None:
        problems = [p for p in problems if p.path in selected]
        report.files_checked = sum(1 for f in files if f.path in selected)
    else:
        report.files_checked = len(files)
    report.problems = sorted(set(problems))
    return report


def changed_files(base: str, cwd: Path | None = None) -> list[Path]:
    """Files changed since `base`: `git diff --name-only base...HEAD`, plus uncommitted and
    untracked files; absolute paths of files that still exist.

    Raises `RuntimeError` with git's message when `base` is unknown or this is not a repository.
    """
    def git(*args: str, where: Path | None = None) -> list[str]:
        done = subprocess.run(["git", *args], cwd=where, capture_output=True, text=True)
        if done.returncode != 0:
            raise RuntimeError(f"git {' '.join(args)}: {done.stderr.strip() or done.stdout.strip()}")
        return [line for line in done.stdout.splitlines() if line.strip()]

    top = Path(git("rev-parse", "--show-toplevel", where=cwd)[0])
    # every name below is relative to the top of the work tree
    names = set(git("ls-files", "--others", "--exclude-standard", where=top))
    has_commits = subprocess.run(["git", "rev-parse", "--verify", "-q", "HEAD"], cwd=top, capture_output=True).returncode == 0
    if has_commits:
        names.update(git("diff", "--name-only", f"{base}...HEAD", where=top))
        names.update(git("diff", "--name-only", "HEAD", where=top))
    else:  # no commit yet: everything in the work tree is new
        names.update(git("ls-files", "--cached", where=top))
    return sorted(path for path in (top / name for name in names) if path.exists())


def validate_command(args) -> int:
    """`accesswatch validate [--changed [BASE]] [--github] [--no-quotes] [PATHS…]`.

    Prints one line per problem on stdout and a summary on stderr; returns 1 when any problem
    was found, 2 when git cannot tell what changed, 0 otherwise.
    """
    data_dir = Path(args.data)
    only: list[Path] | None = None
    if getattr(args, "changed", None):
        try:
            only = changed_files(args.changed, cwd=data_dir if data_dir.exists() else None)
        except (RuntimeError, OSError) as error:
            print(f"error: cannot list changed files: {error}", file=sys.stderr)
            return 2
    if args.paths:
        wanted = [Path(p).resolve() for p in args.paths]
        missing = [p for p in wanted if not p.exists()]
        for path in missing:
            print(f"{_display(path)}:1: no such file", file=sys.stdout)
        if missing:
            return 1
        # A folder stands for every YAML file under it (`accesswatch validate data/events`).
        wanted = [f for p in wanted for f in (sorted(p.rglob("*.yml")) if p.is_dir() else [p])]
        only = wanted if only is None else [p for p in only if p in set(wanted)]
    if only is not None:
        only = [p for p in only if _kind_of(p)]
        if not only:
            print("validate: no data files to check", file=sys.stderr)
            return 0
    report = validate_data(data_dir, getattr(args, "archive", None), only, check_quotes=not args.no_quotes)
    for problem in report.problems:
        print(problem.render(github=args.github))
    print(report.summary(), file=sys.stderr)
    if args.github and report.quotes_skip_reason and not args.no_quotes:
        print(f"::notice::{_escape_data('quote check: ' + report.summary())}")
    return 0 if report.ok else 1


# ----------------------------------------------------------------------------------------------
# Loading: YAML syntax, duplicate keys, schema


def _discover(data_dir: Path) -> list[_File]:
    files: list[_File] = []
    for kind in ("sources", "events", "proposed"):
        for path in sorted((data_dir / kind).glob("*.y*ml")):
            files.append(_File(path.resolve(), kind))
    for path in sorted((data_dir / "documents").glob("*/*.y*ml")):
        files.append(_File(path.resolve(), "documents"))
    return files


def _kind_of(path: Path) -> str | None:
    path = Path(path)
    if path.suffix not in (".yml", ".yaml"):
        return None
    if path.parent.name in ("sources", "events", "proposed"):
        return path.parent.name
    if path.parent.parent.name == "documents":
        return "documents"
    return None


def _model_for(kind: str) -> type[BaseModel] | None:
    if kind == "sources":
        return CompanySources
    if kind == "events":
        return EventFile
    if kind == "documents":
        return DocumentRecord
    return _proposed_model()


def _proposed_model() -> type[BaseModel] | None:
    """The crawler's model of `data/proposed/*.yml`, when the crawler declares one."""
    try:
        from crawler.proposals import ProposalFile
    except ImportError:  # a checkout without the crawler: syntax and duplicate keys only
        return None
    return ProposalFile


def _load(entry: _File) -> list[Problem]:
    path = entry.path
    if path.suffix == ".yaml":
        return [Problem(path, 1, "data files end in .yml (this one is ignored by the loaders): rename it")]
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as error:
        line = path.read_bytes()[: error.start].count(b"\n") + 1
        return [Problem(path, line, f"not UTF-8 text: {error.reason} at byte {error.start}")]
    except OSError as error:
        return [Problem(path, 1, f"cannot read: {error.strerror or error}")]
    try:
        parsed = parse_yaml(text)
    except YamlSyntaxError as error:
        return [Problem(path, error.line, error.problem)]
    entry.root, entry.data, entry.readable = parsed.root, parsed.data, True
    problems = [Problem(path, line, f"duplicate key '{key}' (YAML keeps only the last one)") for line, key in duplicate_keys(parsed.root)]
    model = _model_for(entry.kind)
    if model is None:
        return problems
    data = parsed.data
    if data is None:
        if entry.kind in ("events", "proposed"):
            data = {}
        else:
            return [*problems, Problem(path, 1, "file is empty")]
    try:
        entry.model = model.model_validate(data)
    except ValidationError as error:
        for detail in error.errors():
            message = _describe(detail, entry.kind)
            if message is not None:
                problems.append(Problem(path, locate(entry.root, tuple(detail["loc"])), message))
    return problems


def _describe(detail: dict, kind: str) -> str | None:
    """A readable message for one pydantic error (None: reported elsewhere, more precisely)."""
    loc = tuple(detail["loc"])
    kind_of_error = detail["type"]
    where = _dotted(loc)
    if kind_of_error == "value_error" and "outside the declared domains" in str(detail.get("msg", "")):
        return None  # `_check_sources` reports it on the line of the URL itself
    if kind == "events" and loc and loc[-1] == "sources" and kind_of_error in ("missing", "too_short"):
        return f"{_dotted(loc[:-1])}: event without a source: add at least one entry under `sources` (url, title)"
    if kind_of_error == "extra_forbidden":
        parent = _dotted(loc[:-1])
        return f"unknown field '{loc[-1]}'" + (f" in {parent}" if parent else "")
    if kind_of_error == "missing":
        parent = _dotted(loc[:-1])
        return f"missing required field '{loc[-1]}'" + (f" in {parent}" if parent else "")
    message = str(detail.get("msg", "invalid value"))
    value = detail.get("input")
    if isinstance(value, (str, int, float, bool)) and not isinstance(value, dict):
        shown = repr(value) if len(repr(value)) <= 80 else repr(value)[:77] + "…"
        message += f" (got {shown})"
    return f"{where}: {message}" if where else message


def _dotted(loc: tuple[Any, ...]) -> str:
    text = ""
    for part in loc:
        if isinstance(part, int):
            text += f"[{part}]"
        elif isinstance(part, str) and "[" not in part:
            text += ("." if text else "") + part
    return text


# ----------------------------------------------------------------------------------------------
# Cross-file checks


def _items(data: Any, key: str) -> list[tuple[int, dict]]:
    """(index, mapping) of the list `data[key]`, tolerating any shape."""
    if not isinstance(data, dict) or not isinstance(data.get(key), list):
        return []
    return [(i, item) for i, item in enumerate(data[key]) if isinstance(item, dict)]


def _check_sources(files: list[_File]) -> list[Problem]:
    problems: list[Problem] = []
    companies_seen: dict[str, tuple[Path, int]] = {}
    for entry in files:
        data, root = entry.data, entry.root
        if not entry.readable or not isinstance(data, dict):
            if entry.readable and data is not None:
                problems.append(Problem(entry.path, line_of(root), "a sources file is a mapping (company, name, domains, documents, listings)"))
            continue
        company = data.get("company")
        if isinstance(company, str):
            line = locate(root, ("company",))
            if company != entry.path.stem:
                problems.append(Problem(entry.path, line, f"company '{company}' does not match the file name {entry.path.name} (expected '{entry.path.stem}')"))
            if company in companies_seen:
                other, other_line = companies_seen[company]
                problems.append(Problem(entry.path, line, f"duplicate company '{company}' (also declared at {_display(other)}:{other_line})"))
            else:
                companies_seen[company] = (entry.path, line)
        for section in ("documents", "listings"):
            ids: dict[str, int] = {}
            for index, item in _items(data, section):
                _first_use(ids, item.get("id"), root, (section, index, "id"), section[:-1], entry.path, problems)
        domains = data.get("domains")
        if isinstance(domains, list) and all(isinstance(d, str) for d in domains):
            for index, domain in enumerate(domains):
                if "/" in domain or ":" in domain or not domain.strip():
                    problems.append(Problem(entry.path, locate(root, ("domains", index)), f"domain '{domain}' should be a bare host name such as example.com"))
            for section in ("documents", "listings"):
                for index, item in _items(data, section):
                    for key in ("url", "announcement_url"):
                        url = item.get(key)
                        if isinstance(url, str) and url.startswith(("http://", "https://")) and not url_on_domains(url, domains):
                            problems.append(Problem(
                                entry.path, locate(root, (section, index, key)),
                                f"{section}[{index}].{key}: URL {url} is outside the company's declared domains ({', '.join(domains)})",
                            ))
    return problems


def _declared_companies(files: list[_File]) -> dict[str, set[str] | None]:
    """Company slug → its declared document slugs; None when its sources file cannot be read
    (that file's own error is reported, and references to the company are not doubted)."""
    companies: dict[str, set[str] | None] = {}
    for entry in files:
        if entry.kind != "sources":
            continue
        if not entry.readable or not isinstance(entry.data, dict):
            companies[entry.path.stem] = None
            continue
        company = entry.data.get("company")
        if isinstance(company, str):
            slugs = companies.setdefault(company, set())
            if slugs is not None:
                slugs.update(item["id"] for _, item in _items(entry.data, "documents") if isinstance(item.get("id"), str))
    return companies


def _record_ids(files: list[_File]) -> set[str]:
    ids = set()
    for entry in files:
        if entry.kind == "documents":
            ids.add(f"{entry.path.parent.name}/{entry.path.stem}")
    return ids


def _as_date(value: Any) -> dt.date | None:
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value[:10])
        except ValueError:
            return None
    return None


def _check_events(files: list[_File], companies: dict[str, set[str] | None], all_files: list[_File]) -> list[Problem]:
    problems: list[Problem] = []
    seen: dict[str, tuple[Path, int]] = {}
    records = _record_ids(all_files)
    declared_documents = {f"{company}/{slug}" for company, slugs in companies.items() for slug in slugs or ()}
    unreadable = {company for company, slugs in companies.items() if slugs is None}
    today = dt.date.today()
    for entry in files:
        root = entry.root
        for index, event in _items(entry.data, "events"):
            where = f"events[{index}]"
            ident = event.get("id")
            if isinstance(ident, str):
                line = locate(root, ("events", index, "id"))
                if ident in seen:
                    other, other_line = seen[ident]
                    problems.append(Problem(entry.path, line, f"duplicate event id '{ident}' (first at {_display(other)}:{other_line})"))
                else:
                    seen[ident] = (entry.path, line)
            for c_index, company in enumerate(event.get("companies") or [] if isinstance(event.get("companies"), list) else []):
                if isinstance(company, str) and company not in companies:
                    problems.append(Problem(entry.path, locate(root, ("events", index, "companies", c_index)),
                                            f"{where}.companies: unknown company '{company}' (no data/sources/{company}.yml)"))
            for s_index, source in _items(event, "sources"):
                document = source.get("corpus_document")
                if (isinstance(document, str) and document not in records and document not in declared_documents
                        and document.partition("/")[0] not in unreadable):
                    problems.append(Problem(entry.path, locate(root, ("events", index, "sources", s_index, "corpus_document")),
                                            f"{where}.sources[{s_index}].corpus_document: '{document}' is neither a record in data/documents nor a declared source"))
            date, release = _as_date(event.get("date")), _as_date(event.get("release_date"))
            if date and date > today:
                problems.append(Problem(entry.path, locate(root, ("events", index, "date")), f"{where}.date: {date} is in the future; events record what has happened"))
            if date and release:
                days = event.get("days_before_release")
                if isinstance(days, int) and not isinstance(days, bool) and event.get("date_precision", "day") == "day" and (release - date).days != days:
                    problems.append(Problem(entry.path, locate(root, ("events", index, "days_before_release")),
                                            f"{where}.days_before_release: {days} contradicts date {date} and release_date {release} ({(release - date).days} days apart)"))
                if event.get("type") == "pre-deployment-access" and release < date:
                    problems.append(Problem(entry.path, locate(root, ("events", index, "release_date")),
                                            f"{where}: impossible date order: pre-deployment access on {date} is after the release on {release}"))
    return problems


# ----------------------------------------------------------------------------------------------
# Records


class _ArchiveTexts:
    """Version texts for the quote check, whitespace-normalised; `reason` says why none are available."""

    def __init__(self, root: Any) -> None:
        self.reason = ""
        self._archive = None
        self._cache: dict[tuple[str, str], str | None] = {}
        if hasattr(root, "text") and not isinstance(root, Path):
            self._archive = root
            return
        if root is None or not Path(root).is_dir():
            self.reason = f"no archive at {root}" if root is not None else "no archive given"
            return
        archive_class = _archive_class()
        if archive_class is None:
            self.reason = "archive code unavailable"
            return
        self._archive = archive_class(Path(root))

    def text(self, document_id: str, version_id: str) -> str | None:
        """The normalised text of a version, or None when this archive does not have it."""
        if self._archive is None:
            return None
        key = (document_id, version_id)
        if key not in self._cache:
            try:
                raw = self._archive.text(document_id, version_id)
            except Exception:  # the archive's own "no such version" error: not available here
                raw = None
            self._cache[key] = squash_whitespace(raw) if isinstance(raw, str) else None
        return self._cache[key]


def _archive_class() -> type | None:
    """The archive's `Archive` class (`text(document_id, version_id)`), wherever it is exported."""
    import importlib

    for module_name in ("accesswatch.archive", "accesswatch.archive.archive", "accesswatch.archive.store"):
        try:
            archive_class = getattr(importlib.import_module(module_name), "Archive", None)
        except ImportError:
            continue
        if archive_class is not None:
            return archive_class
    return None


def _first_use(seen: dict[str, int], ident: Any, root, location: tuple, noun: str, path: Path, problems: list) -> None:
    """Remember the line where an id is first used; a second use is a problem naming the first."""
    if not isinstance(ident, str):
        return
    line = locate(root, location)
    if ident in seen:
        problems.append(Problem(path, line, f"duplicate {noun} id '{ident}' (first at line {seen[ident]})"))
    else:
        seen[ident] = line



def _check_record(entry: _File, companies: dict[str, set[str] | None], texts: _ArchiveTexts | None, report: Report) -> list[Problem]:
    problems: list[Problem] = []
    data, root, path = entry.data, entry.root, entry.path
    if not entry.readable or not isinstance(data, dict):
        return problems
    expected = f"{path.parent.name}/{path.stem}"
    document = data.get("document") if isinstance(data.get("document"), dict) else {}
    document_id = document.get("id")
    if isinstance(document_id, str):
        line = locate(root, ("document", "id"))
        if document_id != expected:
            problems.append(Problem(path, line, f"document.id '{document_id}' does not match the file's place (expected '{expected}')"))
        company, _, slug = document_id.partition("/")
        if company not in companies:
            problems.append(Problem(path, line, f"document.id '{document_id}': company '{company}' is not declared (no data/sources/{company}.yml)"))
        elif companies[company] is not None and slug not in companies[company]:
            problems.append(Problem(path, line, f"document.id '{document_id}' is not a declared source in data/sources/{company}.yml"))
        if isinstance(document.get("company"), str) and document["company"] != company:
            problems.append(Problem(path, locate(root, ("document", "company")), f"document.company '{document['company']}' differs from the id's company '{company}'"))
    else:
        document_id = expected

    versions: dict[str, dt.date | None] = {}
    for index, version in _items(data, "versions"):
        ident = version.get("id")
        if isinstance(ident, str):
            if ident in versions:
                problems.append(Problem(path, locate(root, ("versions", index, "id")), f"duplicate version id '{ident}'"))
            versions.setdefault(ident, _as_date(version.get("date")))

    def check_version(ref: Any, loc: tuple) -> bool:
        if isinstance(ref, str) and ref not in versions:
            problems.append(Problem(path, locate(root, loc), f"{_dotted(loc)}: version '{ref}' is not among this record's versions"))
            return False
        return isinstance(ref, str)

    def check_quote(quote: Any, version: Any, loc: tuple) -> None:
        if texts is None or not isinstance(quote, str) or not isinstance(version, str) or version not in versions:
            return
        text = texts.text(document_id, version)
        if text is None:
            report.quotes_skipped += 1
            return
        report.quotes_checked += 1
        if squash_whitespace(quote) not in text:
            shown = quote if len(quote) <= 80 else quote[:77] + "…"
            problems.append(Problem(path, locate(root, loc), f"{_dotted(loc)}: quote not found verbatim in version '{version}': {shown!r}"))

    statement_ids: dict[str, int] = {}
    for index, statement in _items(data, "statements"):
        base = ("statements", index)
        _first_use(statement_ids, statement.get("id"), root, (*base, "id"), "statement", path, problems)
        known = {key: check_version(statement.get(key), (*base, key)) for key in ("version", "first_seen", "last_seen")}
        if known["first_seen"] and known["last_seen"]:
            first, last = versions.get(statement["first_seen"]), versions.get(statement["last_seen"])
            if first and last and first > last:
                problems.append(Problem(path, locate(root, (*base, "last_seen")),
                                        f"statements[{index}]: impossible date order: first_seen '{statement['first_seen']}' ({first}) is after last_seen '{statement['last_seen']}' ({last})"))
        start, end = statement.get("start"), statement.get("end")
        if isinstance(start, int) and isinstance(end, int) and end < start:
            problems.append(Problem(path, locate(root, (*base, "end")), f"statements[{index}].end {end} is before start {start}"))
        check_quote(statement.get("quote"), statement.get("version"), (*base, "quote"))
        for h_index, revision in _items(statement, "history"):
            if check_version(revision.get("version"), (*base, "history", h_index, "version")):
                check_quote(revision.get("quote"), revision.get("version"), (*base, "history", h_index, "quote"))

    change_ids: dict[str, int] = {}
    for index, change in _items(data, "changes"):
        base = ("changes", index)
        _first_use(change_ids, change.get("id"), root, (*base, "id"), "change", path, problems)
        statement_ref = change.get("statement")
        if isinstance(statement_ref, str) and statement_ref not in statement_ids:
            problems.append(Problem(path, locate(root, (*base, "statement")), f"changes[{index}].statement: '{statement_ref}' is not a statement of this record"))
        old_ok = check_version(change.get("old_version"), (*base, "old_version"))
        new_ok = check_version(change.get("new_version"), (*base, "new_version"))
        if old_ok and new_ok:
            old, new = versions.get(change["old_version"]), versions.get(change["new_version"])
            if change["old_version"] == change["new_version"]:
                problems.append(Problem(path, locate(root, (*base, "new_version")), f"changes[{index}]: old_version and new_version are the same version"))
            elif old and new and old > new:
                problems.append(Problem(path, locate(root, (*base, "new_version")),
                                        f"changes[{index}]: impossible date order: old_version '{change['old_version']}' ({old}) is after new_version '{change['new_version']}' ({new})"))
        check_quote(change.get("before"), change.get("old_version"), (*base, "before"))
        check_quote(change.get("after"), change.get("new_version"), (*base, "after"))
    return problems


# ----------------------------------------------------------------------------------------------
# Output


def _display(path: Path) -> str:
    """`path` relative to the working directory when inside it (as GitHub annotations need)."""
    try:
        return Path(path).resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return str(path)


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")
