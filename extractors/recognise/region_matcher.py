"""Recognise administrative division names (full, former and short forms) in one scan."""

from __future__ import annotations

import ahocorasick_rs

from extractors.knowledge.divisions import Divisions
from extractors.recognise.candidates import Candidate, first_come_spans

# ahocorasick-rs's contiguous NFA: 30 M chars/s over ~39,000 division names, where pyahocorasick's
# trie (whose root then has thousands of edges) managed 2.6 M.
CONTIGUOUS = ahocorasick_rs.Implementation.ContiguousNFA


class RegionMatcher:
    """Every division name in an Aho-Corasick automaton; candidates carry all codes a name may mean."""

    def __init__(self, divisions: Divisions) -> None:
        table: dict[str, list[tuple[str, bool]]] = {}
        for surface, division, full in divisions.names_for_matching():
            table.setdefault(surface, []).append((division.code, full))
        self.surfaces = list(table)
        # the candidate's fields are worked out here once, not on each of the many hits
        self.meanings = [(tuple(c for c, _ in codes), any(f for _, f in codes)) for codes in table.values()]
        self.automaton = ahocorasick_rs.AhoCorasick(self.surfaces, implementation=CONTIGUOUS)

    def find(self, text: str) -> list[Candidate]:
        """Longest non-overlapping division names; each candidate's ``codes`` lists what it may mean.

        The overlapping hits (a third more than those kept) are chosen among as plain tuples,
        longest first, and only the kept ones become candidates: making a candidate for every hit
        cost more than the scan."""
        hits = sorted(
            (start - end, start, end, i)
            for i, start, end in self.automaton.find_matches_as_indexes(text, overlapping=True)
        )
        return [
            Candidate("region", start, end, self.surfaces[i], "gazetteer", *self.meanings[i])
            for start, end, i in first_come_spans([(start, end, i) for _, start, end, i in hits])
        ]
