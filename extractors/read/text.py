"""Bytes → text for plain-text reports: the encoding is detected, never guessed from the extension."""

from __future__ import annotations

import os
import re

from charset_normalizer import from_bytes

from extractors.read.errors import ReadError

# Above this share of NUL bytes in its first 4 KB a file is binary; a stray NUL is a glitch in a text
# (dropped with the other control characters).
MAX_NUL_SHARE = 0.01


def decode_bytes(data: bytes, path: str | os.PathLike[str]) -> tuple[str, str]:
    """Decode report bytes: UTF-8 (with or without BOM) first, then charset detection
    (GBK/GB18030, Big5 …)."""
    if not data.strip():
        raise ReadError(path, "empty file")
    head = data[:4096]
    if head.count(b"\x00") > len(head) * MAX_NUL_SHARE and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise ReadError(path, "binary file, not text")
    try:
        return data.decode("utf-8-sig"), "utf-8"
    except UnicodeDecodeError:
        pass
    best = from_bytes(data).best()
    if best is None:
        mixed = _decode_mixed(data)
        if mixed is None:
            raise ReadError(path, "cannot detect the text encoding (binary file?)")
        return mixed, "mixed utf-8/gb18030"
    encoding = best.encoding
    # GBK is a subset of GB18030; decode with the superset so rare characters survive.
    if encoding.lower() in {"gb2312", "gbk"}:
        encoding = "gb18030"
    return data.decode(encoding, errors="replace"), encoding


def _decode_mixed(data: bytes) -> str | None:
    """A file pasted together from UTF-8 and GBK parts, decoded line by line (UTF-8, else
    GB18030); None when a line fits neither, or when no line is UTF-8 (a single legacy encoding
    is charset detection's job)."""
    lines: list[str] = []
    utf8 = 0
    for raw in data.split(b"\n"):
        try:
            lines.append(raw.decode("utf-8"))
            utf8 += 1
        except UnicodeDecodeError:
            try:
                lines.append(raw.decode("gb18030"))
            except UnicodeDecodeError:
                return None
    return "\n".join(lines) if utf8 else None


# Unicode category Cc (C0 and C1 controls and DEL), except tab and line feed
CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def normalise_text(text: str) -> str:
    """Unify line endings and drop control characters; never changes CJK characters."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return CONTROL.sub("", text)
