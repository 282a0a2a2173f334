"""Word reports (.docx) → paragraphs and table cells in document order (python-docx)."""

from __future__ import annotations

import io
import os
import zipfile

import docx
from docx.opc.exceptions import PackageNotFoundError

from extractors.read.errors import ReadError


def docx_text(data: bytes, path: str | os.PathLike[str]) -> str:
    """Body paragraphs and table rows, one per line, in the order they appear."""
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
                    cells = ["".join(t.text or "" for t in cell.iter() if t.tag.endswith("}t"))
                             for cell in row if cell.tag.endswith("}tc")]
                    lines.append("\t".join(c.strip() for c in cells))
    return "\n".join(lines)
