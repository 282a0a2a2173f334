"""Markdown reports: YAML front matter gives the title and source URL; the rest is the text.

Scraped reports are often saved as Markdown with a ``---`` block on top (``title:``, ``source:``)
and ``**bold**`` headings.  The block is metadata, not report text, and the emphasis markers are
typography: both are removed so that they never enter a name, a heading rule or an evidence
sentence.  The front matter is parsed with PyYAML (safe loading: no tags, no code).  Emphasis is
removed by its two markers rather than by a CommonMark renderer: CommonMark's flanking rules keep
``**`` in place around CJK punctuation (``**“一网通办”**改革``), which is how these reports write.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import yaml

FRONT_MATTER = re.compile(r"\A\ufeff?---[ \t]*\n(.*?)\n(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.S)
EMPHASIS = re.compile(r"\*\*|__")
HEADING = re.compile(r"^[ \t]{0,3}#{1,6}[ \t]+", re.M)
TITLE_KEYS = ("title",)
URL_KEYS = ("source", "source_url", "url")


@dataclass(frozen=True)
class MarkdownParts:
    text: str
    title: str | None = None
    url: str | None = None


def _field(meta: dict, keys: tuple[str, ...]) -> str | None:
    for key in keys:
        value = meta.get(key)
        if isinstance(value, (str, int, float)) and str(value).strip():
            return " ".join(str(value).split())
    return None


def split_markdown(text: str) -> MarkdownParts:
    """The report text without front matter and emphasis markers, and the front matter's title
    and source URL.  A block that is not a YAML mapping is left in the text as it is."""
    meta: dict = {}
    m = FRONT_MATTER.match(text)
    if m:
        try:
            loaded = yaml.safe_load(m.group(1))
        except yaml.YAMLError:
            loaded = None
        if isinstance(loaded, dict):
            meta = loaded
            text = text[m.end() :]
    text = HEADING.sub("", EMPHASIS.sub("", text))
    return MarkdownParts(text=text, title=_field(meta, TITLE_KEYS), url=_field(meta, URL_KEYS))
