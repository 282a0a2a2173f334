"""Read report files into text, detecting the encoding rather than trusting the extension.

Offsets everywhere in govkg refer to the text this module returns, so it must be deterministic:
the same bytes always give the same string.
"""

from __future__ import annotations

import hashlib
import os
import unicodedata
from collections.abc import Iterable, Iterator
from pathlib import Path

from charset_normalizer import from_bytes

from extractors.records import Document

TEXT_SUFFIXES = {".txt", ".text", ".md"}
SUPPORTED_SUFFIXES = TEXT_SUFFIXES
MAX_BYTES = 50 * 1024 * 1024


class ReadError(Exception):
    """A report that cannot be read; the message names the reason in one line."""

    def __init__(self, path: str | os.PathLike[str], reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = str(path)
        self.reason = reason


def iter_report_paths(paths: Iterable[str | os.PathLike[str]]) -> Iterator[Path]:
    """Yield report files under the given files and folders, sorted, each once.

    Folders are walked recursively; files of unsupported types inside folders are skipped
    silently, while a file named explicitly is yielded so that the reader can say why it fails.
    """
    seen: set[Path] = set()
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            candidates = sorted(p for p in path.rglob("*")
                                if p.is_file() and p.suffix.lower() in SUPPORTED_SUFFIXES)
        else:
            candidates = [path]
        for candidate in candidates:
            resolved = candidate.resolve()
            if resolved not in seen:
                seen.add(resolved)
                yield candidate


def decode_bytes(data: bytes, path: str | os.PathLike[str]) -> tuple[str, str]:
    """Decode report bytes: UTF-8 (with or without BOM) first, then charset detection."""
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
        raise ReadError(path, "cannot detect the text encoding")
    encoding = best.encoding
    # GBK is a subset of GB18030; decode with the superset so rare characters survive.
    if encoding.lower() in {"gb2312", "gbk"}:
        encoding = "gb18030"
    return data.decode(encoding, errors="replace"), encoding


def normalise_text(text: str) -> str:
    """Unify line endings and drop control characters; never changes CJK characters."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return "".join(ch for ch in text if ch in "\n\t" or unicodedata.category(ch) != "Cc")


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


def read_document(path: str | os.PathLike[str]) -> Document:
    """Read one report file; raise :class:`ReadError` with a one-line reason on failure."""
    p = Path(path)
    if not p.exists():
        raise ReadError(path, "no such file")
    if p.is_dir():
        raise ReadError(path, "is a folder, not a file")
    if p.suffix.lower() not in SUPPORTED_SUFFIXES:
        raise ReadError(path, f"unsupported file type '{p.suffix or '(none)'}'")
    try:
        size = p.stat().st_size
        if size > MAX_BYTES:
            raise ReadError(path, f"file too large ({size // (1024 * 1024)} MB > {MAX_BYTES // (1024 * 1024)} MB)")
        data = p.read_bytes()
    except PermissionError:
        raise ReadError(path, "permission denied") from None
    except OSError as exc:
        raise ReadError(path, f"cannot read ({exc.strerror or exc})") from None
    text, encoding = decode_bytes(data, path)
    text = normalise_text(text)
    if not text.strip():
        raise ReadError(path, "no text")
    return Document(path=str(p), file=p.name, text=text, doc_id=content_id(text),
                    title=guess_title(text), encoding=encoding)
