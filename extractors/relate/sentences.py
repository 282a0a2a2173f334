"""Sentence boundaries as character offsets, and the lookup from an offset to its sentence."""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field
from itertools import pairwise

import numpy
from spacy.attrs import IDX, SENT_START
from spacy.tokens import Doc

from extractors.recognise.components import text_of


@dataclass(frozen=True)
class Sentences:
    """Sorted (start, end) character spans covering the document."""

    spans: list[tuple[int, int]]
    text: str
    starts: list[int] = field(init=False, repr=False, compare=False)
    _texts: dict[int, str] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        # computed once: index_of runs for every mention on the hot path
        object.__setattr__(self, "starts", [s for s, _ in self.spans])
        object.__setattr__(self, "_texts", {})

    @classmethod
    def from_doc(cls, doc: Doc) -> Sentences:
        text = text_of(doc)  # Doc.text joins every token: read it once
        # sentence starts read from one array, not by making a Span per sentence
        rows = doc.to_array([IDX, SENT_START]) if len(doc) else numpy.empty((0, 2), dtype="uint64")
        starts = rows[rows[:, 1] == 1, 0].astype("int64").tolist()
        spans = []
        for start, end in pairwise([*starts, len(text)]):
            # trim surrounding blanks so the evidence reads as the sentence itself
            stripped = text[start:end]
            lead = len(stripped) - len(stripped.lstrip())
            stripped = stripped.strip()
            if stripped:
                spans.append((start + lead, start + lead + len(stripped)))
        return cls(spans, text)

    def matching(self, pattern: re.Pattern[str]) -> set[int]:
        """Indices of the sentences in which ``pattern`` matches (a pattern that never spans a
        sentence end or a blank): one scan of the text, not one search per sentence."""
        return {self.index_of(m.start()) for m in pattern.finditer(self.text)}

    def index_of(self, offset: int) -> int:
        """Index of the sentence containing ``offset`` (the nearest preceding one otherwise)."""
        return max(0, bisect_right(self.starts, offset) - 1)

    def span(self, index: int) -> tuple[int, int]:
        return self.spans[index]

    def text_of(self, index: int) -> str:
        """The sentence's text: one string object per sentence, shared by all its mentions, so a
        graph holding many mentions of a sentence holds (and writes) the sentence once."""
        cached = self._texts.get(index)
        if cached is None:
            s, e = self.spans[index]
            cached = self._texts[index] = self.text[s:e]
        return cached


PIECE_ENDS = ("\n", "。", "！", "？", "；")


def pieces(text: str, size: int) -> list[tuple[int, int]]:
    """``text`` cut into consecutive (start, end) spans of at most ``size`` characters, each ending
    at a line or sentence end where the span holds one (else cut at ``size``).

    >>> pieces("甲。乙。丙。", 4)
    [(0, 4), (4, 6)]
    """
    out: list[tuple[int, int]] = []
    start = 0
    while len(text) - start > size:
        limit = start + size
        end = max(text.rfind(mark, start, limit) for mark in PIECE_ENDS) + 1
        if end <= start:
            end = limit
        out.append((start, end))
        start = end
    out.append((start, len(text)))
    return out
