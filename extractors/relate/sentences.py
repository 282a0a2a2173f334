"""Sentence boundaries as character offsets, and the lookup from an offset to its sentence."""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass

from spacy.tokens import Doc

from extractors.recognise.components import text_of


@dataclass(frozen=True)
class Sentences:
    """Sorted (start, end) character spans covering the document."""

    spans: list[tuple[int, int]]
    text: str

    def __post_init__(self) -> None:
        # computed once: index_of runs for every mention on the hot path
        object.__setattr__(self, "starts", [s for s, _ in self.spans])

    @classmethod
    def from_doc(cls, doc: Doc) -> "Sentences":
        spans = []
        text = text_of(doc)  # Doc.text joins every token: read it once
        for sent in doc.sents:
            start, end = sent.start_char, sent.end_char
            # trim surrounding blanks so the evidence reads as the sentence itself
            while start < end and text[start].isspace():
                start += 1
            while end > start and text[end - 1].isspace():
                end -= 1
            if start < end:
                spans.append((start, end))
        return cls(spans, text)

    def index_of(self, offset: int) -> int:
        """Index of the sentence containing ``offset`` (the nearest preceding one otherwise)."""
        return max(0, bisect_right(self.starts, offset) - 1)

    def span(self, index: int) -> tuple[int, int]:
        return self.spans[index]

    def text_of(self, index: int) -> str:
        s, e = self.spans[index]
        return self.text[s:e]
