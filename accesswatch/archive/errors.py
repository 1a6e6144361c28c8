"""Why a capture could not be normalised: a small exception hierarchy naming the URL."""

from __future__ import annotations


class NormalizationError(Exception):
    """A capture could not be turned into text; `url` says which one, `reason` why."""

    def __init__(self, url: str, reason: str) -> None:
        self.url = url
        self.reason = reason
        super().__init__(f"{url}: {reason}")


class SelectorNotFound(NormalizationError):
    """The declared `select` CSS selectors match nothing in the page (the page changed shape)."""


class UnsupportedFormat(NormalizationError):
    """The body is in a format the archive cannot normalise."""


class PDFError(NormalizationError):
    """Base of the PDF problems."""


class EncryptedPDF(PDFError):
    """The PDF needs a password."""


class NoTextLayer(PDFError):
    """The PDF has pages but no extractable text (scanned images)."""


class BrokenPDF(PDFError):
    """The bytes are not a readable PDF (truncated, garbage, damaged)."""
