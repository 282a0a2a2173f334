"""Word reports (.docx) → paragraphs and table cells in document order (python-docx)."""

from __future__ import annotations

import io
import os
import zipfile

import docx
from docx.opc.exceptions import PackageNotFoundError

from extractors.read.errors import ReadError

# The most XML a .docx may unpack to: a real report's parts are a few MB; a zip bomb's document.xml
# of gigabytes would take several times that in memory to parse.
MAX_DOCX_XML_BYTES = 128 * 2**20


def _check_unpacked_size(data: bytes, path: str | os.PathLike[str]) -> None:
    """Refuse a .docx whose XML parts declare more than MAX_DOCX_XML_BYTES unpacked (a zip member
    never yields more than it declares: zipfile stops there and checks the CRC)."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            unpacked = sum(i.file_size for i in archive.infolist() if i.filename.endswith((".xml", ".rels")))
    except (zipfile.BadZipFile, ValueError) as exc:
        raise ReadError(path, f"damaged or not a Word .docx file ({exc.__class__.__name__})") from None
    if unpacked > MAX_DOCX_XML_BYTES:
        raise ReadError(
            path,
            f"its XML unpacks to {unpacked / 2**20:,.0f} MB, over the "
            f"{MAX_DOCX_XML_BYTES // 2**20} MB a report may hold (a zip bomb?)",
        )


def docx_text(data: bytes, path: str | os.PathLike[str]) -> str:
    """Body paragraphs and table rows, one per line, in the order they appear."""
    _check_unpacked_size(data, path)
    try:
        document = docx.Document(io.BytesIO(data))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise ReadError(path, f"damaged or not a Word .docx file ({exc.__class__.__name__})") from None
    lines: list[str] = []
    for block in document.element.body.iterchildren():
        tag = block.tag.rsplit("}", 1)[-1]
        if tag == "p":
            lines.append("".join(t.text or "" for t in block.iter() if t.tag.endswith("}t")))
        elif tag == "tbl":
            for row in block.iter():
                if row.tag.endswith("}tr"):
                    cells = [
                        "".join(t.text or "" for t in cell.iter() if t.tag.endswith("}t"))
                        for cell in row
                        if cell.tag.endswith("}tc")
                    ]
                    lines.append("\t".join(c.strip() for c in cells))
    return "\n".join(lines)
