"""Stage 5: segmentation, classification by the taxonomy, lineage across versions.

Public surface (the contract the diff stage and the pipeline use):
- `extract_statements(text, *, kind=None) -> list[ExtractedStatement]`: pure, deterministic.
- `segment(text) -> list[Segment]`: every unit (sentence, list item, table cell) with offsets.
- `align_statements(old, new) -> list[(old index | None, new index | None, similarity)]`.
- `statement_id(document_id, text) -> str`: stable short id of a statement first seen with text.
- `ExtractedStatement` (in `accesswatch.extract.model`): text, start, end, section, page,
  categories, strength, access_depth, actors, timing, conditions, cues.
"""

from accesswatch.extract.lineage import align_statements, statement_id
from accesswatch.extract.model import ExtractedStatement
from accesswatch.extract.segment import Segment, segment
from accesswatch.extract.statements import EXTRACTOR_VERSION, extract_statements

__all__ = [
    "EXTRACTOR_VERSION",
    "ExtractedStatement",
    "Segment",
    "align_statements",
    "extract_statements",
    "segment",
    "statement_id",
]
