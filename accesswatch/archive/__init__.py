"""The archive: raw captures (content-addressed) and normalised versions with metadata.

Public surface (stage 2-4 of the design):
- `Capture`: bytes fetched for one declared document (live crawl, Wayback backfill or import).
- `Archive(root)`: `ingest(capture, source) -> IngestOutcome`, `versions(doc_id)`, `text(doc_id, version_id)`,
  `latest(doc_id)`, `validators(doc_id)` (ETag / Last-Modified of the last capture).
The archive knows nothing of extraction or the site.
"""
