"""The archive: raw captures (content-addressed) and normalised versions with metadata.

Public surface (stages 2-4 of the design):
- `Capture`: bytes fetched for one declared document (live crawl, Wayback backfill or import).
- `Archive(root)`: `ingest(capture, source) -> IngestOutcome`, `record_not_modified(...)`,
  `validators(doc_id)` (ETag / Last-Modified of the last good capture), `documents()`,
  `versions(doc_id)`, `latest(doc_id)`, `text(doc_id, version_id)`.
- Normalisers: `normalize_text`, `normalize_html`, `normalize_pdf`; noise: `apply_filters`.
The archive knows nothing of extraction or the site.
"""

from accesswatch.archive.archive import NORMALIZER_VERSION, Archive
from accesswatch.archive.capture import Capture, IngestOutcome

__all__ = ["Archive", "Capture", "IngestOutcome", "NORMALIZER_VERSION"]
