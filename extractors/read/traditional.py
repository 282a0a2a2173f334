"""Traditional characters → simplified, for recognition only, keeping every offset.

The knowledge base and division names are simplified; reports from Hong Kong, Macao, Taiwan
sources or old archives are not.  Recognition runs on a simplified copy of exactly the same length,
so a mention found at [start, end) in the copy is the same stretch of the source, and the
evidence shown to users is cut from the source text as it was.
"""

from __future__ import annotations

from functools import lru_cache

import opencc


@lru_cache(maxsize=1)
def _converter() -> opencc.OpenCC:
    return opencc.OpenCC("t2s")


def to_simplified(text: str) -> str | None:
    """A same-length simplified copy of ``text``, or None when it has nothing traditional."""
    converted = _converter().convert(text)
    if converted == text:
        return None
    if len(converted) == len(text):
        return converted
    # a phrase rule changed the length: convert character by character, which never does
    convert = _converter().convert
    return "".join(c if len(c := convert(ch)) == 1 else ch for ch in text)
