"""PDF text extraction benchmark: pypdfium2 (our normaliser) vs pdfminer.six on the same PDFs.

The PDFs are made here with fpdf2 from corpus texts (`../shared/corpus`, when present) or from
generated framework-like text: A4, running header, "Page N of M" footer, long words given soft
hyphens so lines break with visible hyphens. Printed figures:
- pages/second of raw extraction: pypdfium2 text pages, pdfminer.six `extract_text`, and our full
  `normalize_pdf` (pypdfium2 + reflow + header/footer removal + de-hyphenation);
- text quality: word-level similarity to the source text (1 - normalised Levenshtein distance
  over word sequences, rapidfuzz), so split or lost words, leftover headers and broken
  hyphenation all cost.

Usage: python bench/bench_pdf.py [--docs N] [--repeat R]
"""

from __future__ import annotations

import argparse
import io
import re
import statistics
import sys
import time
from pathlib import Path

from fpdf import FPDF
from rapidfuzz.distance import Levenshtein

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from accesswatch.archive.normalize_pdf import normalize_pdf  # noqa: E402
from accesswatch.archive.textnorm import normalize_text  # noqa: E402

CORPUS = REPO.parent / "shared" / "corpus"
FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")


def source_texts(limit: int) -> list[tuple[str, str]]:
    """(name, plain text) pairs: the largest corpus .txt files, or generated text."""
    if CORPUS.is_dir():
        files = sorted(CORPUS.glob("*/*/*.txt"), key=lambda p: p.stat().st_size, reverse=True)
        # one file per document, spread over sizes
        seen, chosen = set(), []
        for path in files:
            if path.parent in seen:
                continue
            seen.add(path.parent)
            chosen.append(path)
        step = max(1, len(chosen) // limit)
        picked = chosen[::step][:limit]
        return [(p.relative_to(CORPUS).as_posix(), _plain(p.read_text(encoding="utf-8"))) for p in picked]
    sentences = [
        "External evaluators receive pre-deployment access to model weights under written agreements.",
        "We commit to share capability evaluation results with government safety institutes.",
        "Independent third-party auditors review the implementation of this framework annually.",
        "Deployment is paused when a capability threshold is crossed without adequate safeguards.",
    ]
    texts = []
    for n in range(limit):
        paragraphs = [" ".join(sentences[(n + i + j) % 4] for j in range(5)) for i in range(60)]
        texts.append((f"generated-{n}", "\n\n".join(paragraphs)))
    return texts


def _plain(text: str) -> str:
    text = re.sub(r"^\[\[page \d+\]\]$", "", text, flags=re.MULTILINE)
    text = re.sub(r"^#+ ", "", text, flags=re.MULTILINE)
    return normalize_text(text)


def _soft_hyphens(text: str) -> str:
    return re.sub(r"\b([a-z]{5})([a-z]{5,})\b", "\\1\u00ad\\2", text)


def make_pdf(name: str, text: str) -> bytes:
    """Typeset `text` on A4 pages with a running header and page-number footer."""
    unicode_font = FONT.exists()

    class _Doc(FPDF):
        def header(self):
            self.set_font("Body" if unicode_font else "Helvetica", size=8)
            self.cell(0, 6, f"{name} - benchmark copy", new_x="LMARGIN", new_y="NEXT")
            self.ln(4)

        def footer(self):
            self.set_y(-15)
            self.set_font("Body" if unicode_font else "Helvetica", size=8)
            self.cell(0, 6, f"Page {self.page_no()} of {{nb}}", align="C")

    pdf = _Doc(format="A4")
    if unicode_font:
        pdf.add_font("Body", fname=str(FONT))
    else:
        text = text.encode("latin-1", "replace").decode("latin-1")
    pdf.alias_nb_pages()
    pdf.set_auto_page_break(True, margin=20)
    pdf.add_page()
    pdf.set_font("Body" if unicode_font else "Helvetica", size=10)
    for paragraph in text.split("\n\n"):
        paragraph = " ".join(paragraph.split())
        if paragraph:
            pdf.multi_cell(0, 5, _soft_hyphens(paragraph), new_x="LMARGIN", new_y="NEXT")
            pdf.ln(2)
    return bytes(pdf.output())


def pdfium_raw(data: bytes) -> tuple[str, int]:
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(data)
    parts = []
    for page in document:
        textpage = page.get_textpage()
        parts.append(textpage.get_text_range())
        textpage.close()
        page.close()
    pages = len(document)
    document.close()
    return "\n".join(parts), pages


def pdfminer_text(data: bytes) -> str:
    from pdfminer.high_level import extract_text

    return extract_text(io.BytesIO(data))


def words(text: str) -> list[str]:
    return re.findall(r"\w+", normalize_text(text.replace("\ufffe", "").replace("\x02", "-")).lower())


def similarity(extracted: str, source: str) -> float:
    return Levenshtein.normalized_similarity(words(extracted), words(source))


def timed(function, data, repeat: int):
    best, result = float("inf"), None
    for _ in range(repeat):
        start = time.perf_counter()
        result = function(data)
        best = min(best, time.perf_counter() - start)
    return best, result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=8)
    parser.add_argument("--repeat", type=int, default=2)
    args = parser.parse_args()

    texts = source_texts(args.docs)
    print(f"source: {'../shared/corpus' if CORPUS.is_dir() else 'generated text'}, {len(texts)} document(s)")
    started = time.perf_counter()
    pdfs = [(name, text, make_pdf(name, text)) for name, text in texts]
    print(f"made {len(pdfs)} PDFs with fpdf2 in {time.perf_counter() - started:.1f} s")

    totals = {"pypdfium2 (raw text)": 0.0, "pypdfium2 + normalize_pdf": 0.0, "pdfminer.six": 0.0}
    quality: dict[str, list[float]] = {key: [] for key in totals}
    pages_total = 0
    print(f"\n{'document':<58} {'pages':>5} {'pdfium':>8} {'normalize':>9} {'pdfminer':>8}   similarity pdfium/normalize/pdfminer")
    for name, text, data in pdfs:
        t_raw, (raw_text, pages) = timed(pdfium_raw, data, args.repeat)
        t_norm, norm_text = timed(lambda d: normalize_pdf(d, url=name), data, args.repeat)
        t_miner, miner_text = timed(pdfminer_text, data, args.repeat)
        pages_total += pages
        for key, seconds, extracted in (
            ("pypdfium2 (raw text)", t_raw, raw_text),
            ("pypdfium2 + normalize_pdf", t_norm, re.sub(r"^\[\[page \d+\]\]$|^## ", "", norm_text, flags=re.MULTILINE)),
            ("pdfminer.six", t_miner, miner_text),
        ):
            totals[key] += seconds
            quality[key].append(similarity(extracted, text))
        print(
            f"{name[:58]:<58} {pages:>5} {pages / t_raw:>7.0f}/s {pages / t_norm:>8.0f}/s {pages / t_miner:>7.1f}/s"
            f"   {quality['pypdfium2 (raw text)'][-1]:.4f} / {quality['pypdfium2 + normalize_pdf'][-1]:.4f} / {quality['pdfminer.six'][-1]:.4f}"
        )
    print(f"\ntotal: {pages_total} pages (best of {args.repeat} runs each)")
    for key, seconds in totals.items():
        print(
            f"  {key:<28} {pages_total / seconds:8.1f} pages/s   word similarity to source: "
            f"mean {statistics.mean(quality[key]):.4f}, min {min(quality[key]):.4f}"
        )
    speedup = totals["pdfminer.six"] / totals["pypdfium2 (raw text)"]
    print(f"  pypdfium2 raw extraction is {speedup:.1f}x pdfminer.six; with our normaliser "
          f"{totals['pdfminer.six'] / totals['pypdfium2 + normalize_pdf']:.1f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
