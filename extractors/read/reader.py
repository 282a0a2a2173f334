"""Read one report file, whatever its format, into a :class:`~extractors.records.Document`.

The format is recognised from the bytes (``%PDF``, a Word zip, HTML markup) as well as the name,
and the text encoding is detected.  Offsets everywhere in govkg refer to ``Document.text``, the
report's text as it stands in the source; recognition reads ``Document.simplified`` when the source
is in traditional characters (same length, so the offsets are shared).
"""

from __future__ import annotations

import errno
import hashlib
import os
import re
from itertools import islice
from pathlib import Path

from extractors.read.boilerplate import drop_furniture
from extractors.read.errors import ReadError
from extractors.read.manifest import ManifestEntry
from extractors.read.markdown import split_markdown
from extractors.read.paths import SUPPORTED_SUFFIXES, report_identity
from extractors.read.text import decode_bytes, normalise_text
from extractors.read.traditional import to_simplified
from extractors.records import Document

MAX_BYTES = 50 * 1024 * 1024
TEXT_SUFFIXES = {".txt", ".text", ".md"}
MARKDOWN_SUFFIXES = {".md"}
HTML_START = re.compile(rb"^\s*(<!doctype html|<html|<\?xml[^>]*>\s*<html|<head|<meta)", re.I)
CJK = re.compile(r"[\u4e00-\u9fff\u3400-\u4dbf]")
MIN_CJK = 20


def sniff_format(data: bytes, suffix: str) -> str:
    """txt | html | pdf | docx, from the leading bytes first and the extension second."""
    head = data[:1024]
    if head.startswith(b"%PDF-"):
        return "pdf"
    if head.startswith(b"PK\x03\x04"):
        return "docx"
    if suffix in (".html", ".htm", ".shtml", ".xhtml") or HTML_START.match(head.lstrip(b"\xef\xbb\xbf")):
        return "html"
    if suffix == ".pdf":
        raise ValueError("not a PDF (the file does not start with %PDF)")
    if suffix == ".docx":
        raise ValueError("damaged or not a Word .docx file (not a zip package)")
    return "txt"


def guess_title(text: str) -> str:
    """The first non-empty line when it looks like a heading (short, no sentence end)."""
    for line in text.split("\n"):
        line = line.strip()
        if not line:
            continue
        if len(line) <= 60 and not line.endswith(("。", "；", ";")):
            return line
        return ""
    return ""


def content_id(text: str) -> str:
    """Report identity: a hash of the decoded text, so renamed copies are one report."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def _link_problem(p: Path) -> str:
    """Why a symlink whose target cannot be found is unreadable."""
    try:
        p.resolve(strict=True)
    except RuntimeError:  # Python < 3.13 reports a loop this way
        return "symlink loop"
    except OSError as exc:
        return "symlink loop" if exc.errno == errno.ELOOP else "broken symlink"
    return "broken symlink"


def _raw_bytes(p: Path, path: str | os.PathLike[str], max_bytes: int) -> bytes:
    if p.is_symlink() and not p.exists():  # exists() follows links: False for loops and dangling ones
        raise ReadError(path, _link_problem(p))
    try:
        if not p.exists():
            raise ReadError(path, "no such file")
        if p.is_dir():
            raise ReadError(path, "is a folder, not a file")
        size = p.stat().st_size
        if size > max_bytes:
            raise ReadError(path, f"file too large ({size / 2**20:.0f} MB > {max_bytes / 2**20:.0f} MB limit)")
        return p.read_bytes()
    except PermissionError:
        raise ReadError(path, "permission denied") from None
    except OSError as exc:
        reason = "symlink loop" if exc.errno == errno.ELOOP else f"cannot read ({exc.strerror or exc})"
        raise ReadError(path, reason) from None


def read_document(
    path: str | os.PathLike[str],
    manifest: ManifestEntry | None = None,
    max_bytes: int = MAX_BYTES,
    name: str | None = None,
) -> Document:
    """Read one report; raise :class:`ReadError` with a one-line reason on failure.  ``name`` is
    how the report is shown (its path relative to the folder it was found in; default its file name)."""
    p = Path(path)
    data = _raw_bytes(p, path, max_bytes)
    if not data.strip():
        raise ReadError(path, "empty file")
    try:
        fmt = sniff_format(data, p.suffix.lower())
    except ValueError as exc:
        raise ReadError(path, str(exc)) from None
    if fmt == "txt" and p.suffix.lower() not in TEXT_SUFFIXES:
        raise ReadError(
            path,
            f"unsupported file type '{p.suffix or '(none)'}' (govkg reads {', '.join(sorted(SUPPORTED_SUFFIXES))})",
        )
    title = ""
    if fmt == "pdf":
        from extractors.read.pdf import pdf_text

        text, encoding = pdf_text(data, path), "pdf"
    elif fmt == "docx":
        from extractors.read.docx import docx_text

        text, encoding = docx_text(data, path), "docx"
    elif fmt == "html":
        from extractors.read.html import html_text

        text, title, encoding = html_text(data, path)
    else:
        text, encoding = decode_bytes(data, path)
    text = normalise_text(text)
    url = front_title = None
    if fmt == "txt" and p.suffix.lower() in MARKDOWN_SUFFIXES:
        parts = split_markdown(text)
        text, front_title, url = parts.text, parts.title, parts.url
    if fmt == "html":
        text = drop_furniture(text)
    text = text.strip("\n")
    if not text.strip():
        raise ReadError(path, "no text")
    if len(list(islice(CJK.finditer(text, 0, 200_000), MIN_CJK))) < MIN_CJK:  # stops at the 20th
        raise ReadError(path, "no Chinese text (govkg reads Chinese-language reports)")
    title = (manifest.title if manifest and manifest.title else "") or front_title or guess_title(text) or title
    return Document(
        path=report_identity(p),
        file=name or p.name,
        text=text,
        doc_id=content_id(text),
        title=title,
        encoding=encoding,
        format=fmt,
        simplified=to_simplified(text),
        url=(manifest.url if manifest and manifest.url else None) or url,
        region_hint=manifest.region if manifest else None,
        year_hint=manifest.year if manifest else None,
    )
