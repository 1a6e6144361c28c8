"""PDFs made at test time with fpdf2: a framework with running header/footer, and broken ones."""

from __future__ import annotations

import io

from fpdf import FPDF

FRAMEWORK_PAGES = [
    {
        "heading": "1. Introduction",
        "paragraphs": [
            "This framework describes how we test frontier models before deployment. We give "
            "external evaluators pre-deployment access to model weights and to the final release "
            "candidate, under written agreements.",
            "Independent evalu-|ation results are shared with the UK AI Security Institute and the US "
            "Center for AI Standards and Innovation at least 30 days before release.",
        ],
    },
    {
        "heading": "2. Third-party access",
        "paragraphs": [
            "We commit to third-party audits of our safety case. Auditors receive API access with "
            "safety mitigations removed, and fine-tuning access where the evaluation requires it.",
            "A summary of each external assessment is published in the system card of the model "
            "concerned, with the names of the evaluators where they agree to be named.",
        ],
    },
    {
        "heading": "3. Governance",
        "paragraphs": [
            "The Responsible Scaling Officer reviews every capability assessment. Non-compliance "
            "reports go to the board, which may pause deployment of any model.",
        ],
    },
]
HEADER = "Frontier Safety Framework - Version 2.0"


def _wrap(text: str, pdf: FPDF, width: float) -> list[str]:
    """Greedy line wrap; a "|" in a word forces a hyphenated break there."""
    lines: list[str] = []
    line = ""
    for word in text.split(" "):
        if "|" in word:
            head, tail = word.split("|", 1)
            lines.append((line + " " + head).strip())
            line = tail
            continue
        candidate = (line + " " + word).strip()
        if pdf.get_string_width(candidate) > width and line:
            lines.append(line)
            line = word
        else:
            line = candidate
    if line:
        lines.append(line)
    return lines


def framework_pdf() -> bytes:
    """Three pages: running header, "Page N of 3" footer, headings, paragraphs, one hyphenated word."""
    pdf = FPDF(format="A4")
    pdf.set_auto_page_break(False)
    pdf.set_font("Helvetica", size=11)
    total = len(FRAMEWORK_PAGES)
    for number, page in enumerate(FRAMEWORK_PAGES, start=1):
        pdf.add_page()
        pdf.set_font("Helvetica", size=8)
        pdf.set_xy(20, 10)
        pdf.cell(0, 5, HEADER)
        pdf.set_xy(20, 25)
        pdf.set_font("Helvetica", style="B", size=16)
        pdf.cell(0, 10, page["heading"])
        y = 40.0
        pdf.set_font("Helvetica", size=11)
        for paragraph in page["paragraphs"]:
            for line in _wrap(paragraph, pdf, 150):
                pdf.set_xy(20, y)
                pdf.cell(0, 5, line)
                y += 5.5
            y += 6
        pdf.set_font("Helvetica", size=8)
        pdf.set_xy(20, 285)
        pdf.cell(0, 5, f"Page {number} of {total}")
    return bytes(pdf.output())


def encrypted_pdf() -> bytes:
    """A one-page PDF that needs a user password to open."""
    pdf = FPDF()
    pdf.set_encryption(owner_password="owner", user_password="secret")
    pdf.add_page()
    pdf.set_font("Helvetica", size=12)
    pdf.cell(0, 10, "Confidential framework text.")
    return bytes(pdf.output())


def image_only_pdf() -> bytes:
    """A page carrying only a raster image: no text layer."""
    from PIL import Image

    image = Image.new("RGB", (200, 100), "white")
    for x in range(20, 180):
        image.putpixel((x, 50), (0, 0, 0))
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    pdf = FPDF()
    pdf.add_page()
    pdf.image(io.BytesIO(buffer.getvalue()), x=10, y=10, w=100)
    return bytes(pdf.output())


def truncated_pdf() -> bytes:
    """The framework PDF cut in the middle (an interrupted download)."""
    whole = framework_pdf()
    return whole[: len(whole) // 2]


def repeating_sections_pdf(pages: int = 3) -> tuple[bytes, list[str]]:
    """Each page opens with "Section N" and repeats body lines: none of it is a running header.

    Returns the PDF and the paragraphs it typesets (per page), to check that nothing is lost.
    """

    class _PDF(FPDF):
        def header(self) -> None:
            self.set_font("Helvetica", size=9)
            self.cell(0, 8, "Example Lab Responsible Scaling Policy", align="C")
            self.ln(12)

        def footer(self) -> None:
            self.set_y(-15)
            self.set_font("Helvetica", size=9)
            self.cell(0, 8, f"Page {self.page_no()}", align="C")

    pdf = _PDF()
    texts = []
    for number in range(1, pages + 1):
        pdf.add_page()
        pdf.set_font("Helvetica", "B", 16)
        pdf.cell(0, 10, f"Section {number}. External review", new_x="LMARGIN", new_y="NEXT")
        pdf.set_font("Helvetica", size=11)
        body = (
            f"In section {number} we commit to sharing pre-deployment model access with government "
            "evaluators and qualified third parties. Evaluators receive at least two weeks of access "
            "before any public release, and their findings are summarised in the system card. "
        ) * 3
        pdf.multi_cell(0, 6, body)
        texts.append(body.strip())
    return bytes(pdf.output()), texts
