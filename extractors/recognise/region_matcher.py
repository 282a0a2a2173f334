"""Recognise administrative division names (full, former and short forms) in one scan."""

from __future__ import annotations

import ahocorasick

from extractors.recognise.candidates import Candidate
from extractors.resolve.divisions import Divisions


class RegionMatcher:
    """Every division name in an Aho-Corasick automaton; candidates carry all codes a name may mean."""

    def __init__(self, divisions: Divisions) -> None:
        self.automaton = ahocorasick.Automaton()
        table: dict[str, list[tuple[str, bool]]] = {}
        for surface, division, full in divisions.names_for_matching():
            table.setdefault(surface, []).append((division.code, full))
        for surface, codes in table.items():
            self.automaton.add_word(surface, (surface, tuple(codes)))
        self.automaton.make_automaton()

    def find(self, text: str) -> list[Candidate]:
        """Longest non-overlapping division names; ``extra['codes']`` lists what each may mean."""
        raw: list[Candidate] = []
        for end_idx, (surface, codes) in self.automaton.iter(text):
            end = end_idx + 1
            start = end - len(surface)
            full = any(f for _, f in codes)
            raw.append(Candidate("region", start, end, surface, "gazetteer",
                                 {"codes": ",".join(c for c, _ in codes), "full": "1" if full else ""}))
        raw.sort(key=lambda c: (-c.length, c.start))
        taken: list[tuple[int, int]] = []
        out = []
        for c in raw:
            if any(c.start < e and s < c.end for s, e in taken):
                continue
            taken.append((c.start, c.end))
            out.append(c)
        return sorted(out, key=lambda c: c.start)
