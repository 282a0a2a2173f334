"""Saved government web pages → the article's text, without menus, breadcrumbs or footers.

trafilatura finds the main content (it is built and evaluated for exactly this); the page's own
charset declaration is honoured when decoding.  What survives of page furniture is removed by
:mod:`extractors.read.boilerplate`.
"""

from __future__ import annotations

import os
import re

import trafilatura

from extractors.read.errors import ReadError
from extractors.read.text import decode_bytes

META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([\w-]+)""", re.I)


def decode_html(data: bytes, path: str | os.PathLike[str]) -> tuple[str, str]:
    """The page as a string: its declared charset if it decodes cleanly, else detection."""
    m = META_CHARSET.search(data[:4096])
    if m:
        declared = m.group(1).decode("ascii", "ignore").lower()
        declared = "gb18030" if declared in ("gb2312", "gbk") else declared
        try:
            return data.decode(declared), declared
        except (LookupError, UnicodeDecodeError):
            pass
    return decode_bytes(data, path)


def html_text(data: bytes, path: str | os.PathLike[str]) -> tuple[str, str, str]:
    """(main text, page title, encoding) of a saved page."""
    markup, encoding = decode_html(data, path)
    if "<" not in markup:
        raise ReadError(path, "not an HTML page")
    text = trafilatura.extract(
        markup, include_comments=False, include_tables=True, favor_precision=True, deduplicate=False
    )
    if not text:  # precision mode can drop short pages entirely; recall mode keeps them
        text = trafilatura.extract(markup, include_comments=False, include_tables=True, favor_recall=True)
    if not text:
        raise ReadError(path, "no article text found in the page")
    meta = trafilatura.extract_metadata(markup)
    title = page_title(meta.title if meta and meta.title else "")
    if title and title not in text[: len(title) + 200]:
        text = f"{title}\n{text}"  # the headline names the region and year; extraction may drop it
    return text, title, encoding


def page_title(raw: str) -> str:
    """The headline part of a <title>: sites append their section and name after _ - | ——."""
    parts = [p.strip() for p in re.split(r"\s*(?:_|\||｜|——|－| - )\s*", raw or "") if p.strip()]
    return max(parts[:1], key=len) if parts else ""
