"""PDF reports → their text layer (pypdf).  Scanned PDFs without one are named as such."""

from __future__ import annotations

import io
import logging
import os

from pypdf import PdfReader
from pypdf.errors import FileNotDecryptedError, LimitReachedError, PdfReadError, PdfStreamError

from extractors.read.errors import ReadError

logging.getLogger("pypdf").setLevel(logging.ERROR)  # damaged-file chatter; we report one line ourselves


# The most text a PDF's pages may give (~60 MB of UTF-8): compressed page streams can unpack to far
# more text than the file's size suggests.
MAX_PDF_TEXT_CHARS = 20_000_000


def pdf_text(data: bytes, path: str | os.PathLike[str]) -> str:
    """Text of every page, pages separated by blank lines."""
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            try:
                ok = bool(reader.decrypt(""))  # many "protected" PDFs only restrict printing
            except Exception:  # unsupported algorithms raise assorted errors
                ok = False
            if not ok:
                raise ReadError(path, "encrypted PDF (needs a password)")
        pages = []
        chars = 0
        for page in reader.pages:
            pages.append(page.extract_text() or "")
            chars += len(pages[-1])
            if chars > MAX_PDF_TEXT_CHARS:
                raise ReadError(
                    path, f"its pages unpack to over {MAX_PDF_TEXT_CHARS:,} characters of text (a compression bomb?)"
                )
    except ReadError:
        raise
    except LimitReachedError:  # pypdf's own bound on one stream's unpacked size
        raise ReadError(path, "a page stream unpacks to more than pypdf's limit (a compression bomb?)") from None
    except FileNotDecryptedError:
        raise ReadError(path, "encrypted PDF (needs a password)") from None
    except (PdfReadError, PdfStreamError, ValueError, KeyError, TypeError, AssertionError) as exc:
        raise ReadError(path, f"damaged or truncated PDF ({_short(exc)})") from None
    text = "\n\n".join(p.strip() for p in pages if p.strip())
    if not text.strip():
        raise ReadError(path, "PDF has no text layer (a scan? run OCR first)")
    return text


def _short(exc: Exception) -> str:
    return " ".join(str(exc).split())[:120] or exc.__class__.__name__
