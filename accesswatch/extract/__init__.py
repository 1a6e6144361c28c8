"""Stage 5: segmentation, classification by the taxonomy, lineage across versions.

Public surface (the contract the diff stage and the pipeline use):
- `extract_statements(text: str) -> list[ExtractedStatement]`: pure, deterministic.
- `ExtractedStatement` (in `accesswatch.extract.model`): text, start, end, section, page,
  categories, strength, access_depth, actors, timing, conditions, cues.
"""
