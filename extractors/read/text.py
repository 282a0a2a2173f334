"""Bytes → text for plain-text reports: the encoding is detected, never guessed from the extension."""

from __future__ import annotations

import os
import re

from charset_normalizer import from_bytes

from extractors.read.errors import ReadError


def decode_bytes(data: bytes, path: str | os.PathLike[str]) -> tuple[str, str]:
    """Decode report bytes: UTF-8 (with or without BOM) first, then charset detection
    (GBK/GB18030, Big5 …)."""
    if not data.strip():
        raise ReadError(path, "empty file")
    if b"\x00" in data[:4096] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise ReadError(path, "binary file, not text")
    try:
        return data.decode("utf-8-sig"), "utf-8"
    except UnicodeDecodeError:
        pass
    best = from_bytes(data).best()
    if best is None:
        raise ReadError(path, "cannot detect the text encoding (binary file?)")
    encoding = best.encoding
    # GBK is a subset of GB18030; decode with the superset so rare characters survive.
    if encoding.lower() in {"gb2312", "gbk"}:
        encoding = "gb18030"
    return data.decode(encoding, errors="replace"), encoding


# Unicode category Cc (C0 and C1 controls and DEL), except tab and line feed
CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def normalise_text(text: str) -> str:
    """Unify line endings and drop control characters; never changes CJK characters."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return CONTROL.sub("", text)
