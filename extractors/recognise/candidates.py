"""The candidate record every recogniser emits, and the rule that picks among overlapping ones."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TypeVar

T = TypeVar("T")

# Higher wins on overlap: curated knowledge and quoted names (the longer of the two) beat suffix
# patterns; a quoted name that contains a known one (“皖事通-立马办”) is the name the report uses.
PRIORITY = {"kb": 4, "statistical": 1, "quoted": 4, "pattern": 2, "agency": 2, "policy": 5}


@dataclass(frozen=True)
class Candidate:
    """A typed character span with its canonical name and the recogniser that found it; region
    names carry the divisions they may mean, policies their document number."""

    type: str
    start: int
    end: int
    name: str
    source: str
    # a region name: the codes of every division it may mean, and whether it is written in full
    # (广德市, or confirmed as a place by the statistical recogniser) rather than short (广德)
    codes: tuple[str, ...] = field(default=(), compare=False, hash=False)
    full: bool = field(default=False, compare=False, hash=False)
    doc_number: str | None = field(default=None, compare=False, hash=False)  # a policy's 〔2024〕12号

    @property
    def length(self) -> int:
        return self.end - self.start


def select_non_overlapping(cands: list[Candidate]) -> list[Candidate]:
    """Greedy choice by (priority, length, earliest); a chosen span blocks any overlapping one.

    Deterministic, so that the same text always yields the same facts on every store.
    """
    ordered = sorted(cands, key=lambda c: (-PRIORITY.get(c.source, 0), -c.length, c.start, c.type, c.name))
    return first_come_non_overlapping(ordered)


def first_come_non_overlapping(ordered: list[Candidate]) -> list[Candidate]:
    """Keep each candidate that overlaps none kept before it, in the given order; sorted by start."""
    return [c for _, _, c in first_come_spans([(c.start, c.end, c) for c in ordered])]


def first_come_spans(ordered: list[tuple[int, int, T]]) -> list[tuple[int, int, T]]:
    """The same rule over (start, end, payload) triples, for callers that choose among many raw
    hits before making candidates of the few they keep.

    Taken characters are marked in a byte array, so each check costs the span's length, not the
    number of spans kept so far (a report can hold thousands).
    """
    if not ordered:
        return []
    taken = bytearray(max(end for _, end, _ in ordered))
    chosen: list[tuple[int, int, T]] = []
    for span in ordered:
        start, end, _ = span
        if taken.find(1, start, end) != -1:
            continue
        taken[start:end] = b"\x01" * (end - start)
        chosen.append(span)
    return sorted(chosen, key=lambda span: (span[0], span[1]))
