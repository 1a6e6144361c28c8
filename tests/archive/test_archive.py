"""Archive.ingest: new versions only for new text; anomalies and failures reported, never archived."""

import dataclasses
import datetime as dt
import json

import pytest

from accesswatch.archive import NORMALIZER_VERSION, Archive, Capture
from accesswatch.archive.store import sha256_hex
from accesswatch.sources import Source
from tests.archive import pdf_fixtures

DOC = "example-lab/frontier-safety-framework"
URL = "https://lab.example/safety/framework"
T0 = dt.datetime(2025, 3, 3, 12, 0, 0, tzinfo=dt.timezone.utc)


@pytest.fixture
def archive(tmp_path):
    return Archive(tmp_path / "archive")


@pytest.fixture
def source():
    return Source(
        id="frontier-safety-framework", title="Frontier Safety Framework", kind="framework", url=URL,
        select=["article"], remove=[".share"], filters=["last-updated", "tracking-params", "cookie-banner", "share-links"],
    )


@pytest.fixture
def page(fixture_bytes):
    return fixture_bytes("framework_page.html")


def capture(body, when=T0, **changes):
    base = Capture(DOC, URL, body, when, "live", content_type="text/html; charset=utf-8",
                   headers={"ETag": '"v1"', "Last-Modified": "Mon, 03 Mar 2025 10:00:00 GMT"})
    return dataclasses.replace(base, **changes)


def files(root):
    return sorted(p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file())


def test_first_capture_is_a_version_with_metadata(archive, source, page):
    outcome = archive.ingest(capture(page), source)
    assert outcome.status == "new-version"
    meta = outcome.version
    text = archive.text(DOC, meta.id)
    assert meta.id == "2025-03-03T120000Z" and meta.date == dt.date(2025, 3, 3) and meta.captured_at == T0
    assert meta.origin == "live" and meta.url == URL and meta.normalizer_version == NORMALIZER_VERSION
    assert meta.raw_sha256 == sha256_hex(page) and meta.text_sha256 == sha256_hex(text.encode()) and meta.chars == len(text)
    assert archive.raw(meta.raw_sha256) == page
    assert (archive.root / "raw" / meta.raw_sha256[:2] / meta.raw_sha256).exists()
    assert archive.documents() == [DOC] and archive.latest(DOC) == meta and archive.versions(DOC) == [meta]
    assert "Last updated" not in text and text.startswith("# Frontier Safety Framework")


def test_same_text_is_unchanged_and_noise_does_not_count(archive, source, page):
    archive.ingest(capture(page), source)
    noisy = page.replace(b"March 3, 2025", b"April 9, 2025").replace(b"utm_source=site", b"utm_source=feed")
    outcome = archive.ingest(capture(noisy, T0 + dt.timedelta(days=1)), source)
    assert outcome.status == "unchanged" and "identical to version 2025-03-03T120000Z" in outcome.reason
    assert len(archive.versions(DOC)) == 1
    assert len(archive.capture_records(DOC)) == 2  # every fetch is recorded, raw kept


def test_changed_text_is_a_new_version_in_order(archive, source, page):
    archive.ingest(capture(page), source)
    changed = page.replace(b"at least 30&nbsp;days", b"at least 14&nbsp;days")
    outcome = archive.ingest(capture(changed, T0 + dt.timedelta(hours=5)), source)
    assert outcome.status == "new-version" and outcome.version.id == "2025-03-03T170000Z"
    assert [v.id for v in archive.versions(DOC)] == ["2025-03-03T120000Z", "2025-03-03T170000Z"]
    assert "at least 14 days" in archive.text(DOC, "2025-03-03T170000Z")


def test_reingesting_the_same_capture_adds_nothing(archive, source, page):
    first = archive.ingest(capture(page), source)
    again = archive.ingest(capture(page), source)
    assert again.status == "unchanged" and again.version == first.version
    assert len(archive.versions(DOC)) == 1


@pytest.mark.parametrize(
    ("body", "status", "reason"),
    [
        (b"<html><body><article><h1>Page not found</h1><p>Sorry.</p></article></body></html>", "anomaly", "error/login page"),
        (b"<html><body><article><h2>Sign in</h2><p>Log in to continue. Password</p></article></body></html>", "anomaly", "error/login page"),
        (b"<html><body><article><h1>Just a moment...</h1><p>Checking your browser</p></article></body></html>", "anomaly", "error/login page"),
        (b"<html><body><article><nav>x</nav></article></body></html>", "anomaly", "empty text"),
        (b"<html><body><div id=app></div></body></html>", "anomaly", "selector 'article' matches nothing"),
        (b"<html><body><article><h1>Frontier Safety Framework</h1><p>Short.</p></article></body></html>", "anomaly", "text shrank to"),
    ],
)
def test_anomalies_never_become_versions(archive, source, page, body, status, reason):
    archive.ingest(capture(page), source)
    before = archive.versions(DOC)
    outcome = archive.ingest(capture(body, T0 + dt.timedelta(days=1)), source)
    assert outcome.status == status and reason in outcome.reason and outcome.version is None
    assert archive.versions(DOC) == before
    record = archive.capture_records(DOC)[-1]
    assert record["outcome"] == status and record["raw_sha256"] == sha256_hex(body)


@pytest.mark.parametrize("http_status", [403, 404, 410, 429, 500])
def test_error_status_is_an_anomaly(archive, source, page, http_status):
    outcome = archive.ingest(capture(page, status=http_status), source)
    assert outcome.status == "anomaly" and f"HTTP status {http_status}" in outcome.reason
    assert archive.versions(DOC) == []


def test_pdf_source(archive):
    pdf_source = Source(id="fsf", title="FSF", kind="framework", url="https://lab.example/fsf.pdf", format="pdf")
    doc = "example-lab/fsf"
    good = Capture(doc, "https://lab.example/fsf.pdf", pdf_fixtures.framework_pdf(), T0, "live", content_type="application/pdf")
    outcome = archive.ingest(good, pdf_source)
    assert outcome.status == "new-version" and archive.text(doc, outcome.version.id).startswith("[[page 1]]")
    for body, status, reason in [
        (pdf_fixtures.truncated_pdf(), "failed", "truncated PDF"),
        (pdf_fixtures.encrypted_pdf(), "failed", "encrypted PDF"),
        (pdf_fixtures.image_only_pdf(), "failed", "no text layer"),
        (b"<html><body><h1>Access denied</h1></body></html>", "anomaly", "declared as a PDF but the response is not one"),
    ]:
        bad = dataclasses.replace(good, body=body, fetched_at=T0 + dt.timedelta(days=1), content_type=None)
        result = archive.ingest(bad, pdf_source)
        assert (result.status, result.version) == (status, None) and reason in result.reason, result
    assert len(archive.versions(doc)) == 1


def test_text_source_is_only_text_normalised(archive):
    text_source = Source(id="notes", title="Notes", kind="policy", url="https://lab.example/notes.txt", format="text")
    body = "Title\r\n\r\n<b>not html</b> \u201cquoted\u201d\r\n".encode()
    outcome = archive.ingest(Capture("example-lab/notes", "https://lab.example/notes.txt", body, T0, "live", content_type="text/plain"), text_source)
    assert archive.text("example-lab/notes", outcome.version.id) == 'Title\n\n<b>not html</b> "quoted"\n'


def test_validators_and_not_modified(archive, source, page):
    assert archive.validators(DOC) == {"etag": None, "last_modified": None}
    archive.ingest(capture(page), source)
    assert archive.validators(DOC) == {"etag": '"v1"', "last_modified": "Mon, 03 Mar 2025 10:00:00 GMT"}
    archive.ingest(capture(b"oops", T0 + dt.timedelta(days=1), status=500, headers={"ETag": '"broken"'}), source)
    assert archive.validators(DOC)["etag"] == '"v1"'  # a failed fetch never provides validators
    outcome = archive.record_not_modified(DOC, URL, T0 + dt.timedelta(days=2), {"ETag": '"v1"'})
    assert outcome.status == "not-modified" and outcome.version == archive.latest(DOC)
    record = archive.capture_records(DOC)[-1]
    assert record["http_status"] == 304 and record["raw_sha256"] is None
    assert len(archive.versions(DOC)) == 1


def test_import_version_ids_repeat_with_suffix(archive):
    def imported(text, day, label=None):
        return Capture(DOC, URL, text.encode(), dt.datetime(2025, 1, 1, tzinfo=dt.timezone.utc), "import",
                       content_type="text/plain", published=day, label=label)

    a = archive.ingest(imported("First text of the framework.\n", dt.date(2024, 10, 15), "v2.0"))
    b = archive.ingest(imported("Silently re-uploaded text of the framework.\n", dt.date(2024, 10, 15)))
    c = archive.ingest(imported("Short.\n", dt.date(2025, 1, 1)))  # imports skip the shrink guard
    assert [o.version.id for o in (a, b, c)] == ["2024-10-15", "2024-10-15-2", "2025-01-01"]
    assert a.version.label == "v2.0" and a.version.origin == "import" and a.version.date == dt.date(2024, 10, 15)
    assert [v.id for v in archive.versions(DOC)] == ["2024-10-15", "2024-10-15-2", "2025-01-01"]
    assert archive.ingest(imported("First text of the framework.\n", dt.date(2024, 10, 15))).status == "unchanged"


def test_version_json_is_a_valid_versionmeta(archive, source, page):
    outcome = archive.ingest(capture(page), source)
    path = archive.root / "versions" / "example-lab" / "frontier-safety-framework" / f"{outcome.version.id}.json"
    data = json.loads(path.read_text())
    assert data["raw_sha256"] == outcome.version.raw_sha256 and data["origin"] == "live"


def test_bad_document_id_is_refused(archive):
    with pytest.raises(ValueError, match="bad document id"):
        archive.ingest(Capture("../etc", URL, b"x", T0, "live"))
