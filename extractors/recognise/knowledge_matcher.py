"""Recognise knowledge-base names (and their aliases) with one Aho-Corasick scan of the text."""

from __future__ import annotations

import re

import ahocorasick_rs

from extractors.knowledge import Entry, KnowledgeBase, fold
from extractors.recognise.candidates import Candidate
from extractors.recognise.region_matcher import CONTIGUOUS

# A short brand name followed by one of these characters is the start of an ordinary word
# (皖事通 + 过 = "…通过", 随申办 + 理 = "…办理"), not a mention.
_BLOCKED_AFTER = {"通": set("过道知报讯车行畅用信达关航告"), "办": set("理公法事件结学案")}
QUOTE_OPEN = '“"「『‘'
QUOTE_CLOSE = '”"」』’'
EXPLICIT_AFTER = ("app", "平台", "小程序", "客户端", "热线", "网站", "系统")


class KnowledgeMatcher:
    """All surface forms of the knowledge base in one automaton, scanned over folded text."""

    def __init__(self, kb: KnowledgeBase) -> None:
        forms: dict[str, list[Entry]] = {}
        for form, entry in kb.surface_forms():
            forms.setdefault(fold(form), []).append(entry)
        self.keys, self.entries = list(forms), list(forms.values())
        self.automaton = ahocorasick_rs.AhoCorasick(self.keys, implementation=CONTIGUOUS)
        # Only characters whose folded form occurs in some name need folding before the scan: any
        # other (a Chinese comma is full-width, folded to ",") can be part of no match, folded or
        # not, and folding each of the thousands of them in a report cost more than the scan.
        in_names = set("".join(self.keys))
        folds = {
            ch: fold(ch)
            for ch in map(chr, [*range(0xFF01, 0xFF5F), *range(ord("A"), ord("Z") + 1)])
            if fold(ch) in in_names
        }
        self._table = str.maketrans(folds)
        self._foldable = re.compile(f"[{re.escape(''.join(folds))}]+") if folds else None

    def folded(self, text: str) -> str:
        """``fold(text)`` wherever it can matter for the scan (same length, same matches)."""
        if self._foldable is None:
            return text
        return self._foldable.sub(lambda m: m.group().translate(self._table), text)

    def _plausible(self, text: str, start: int, end: int) -> bool:
        """Reject short forms that are really a piece of a longer ordinary word."""
        surface = text[start:end]
        nxt = text[end] if end < len(text) else ""
        prev = text[start - 1] if start > 0 else ""
        quoted = prev in QUOTE_OPEN and nxt in QUOTE_CLOSE
        if quoted:
            return True
        if len(surface) <= 2:
            return fold(text[end : end + 3]).startswith(EXPLICIT_AFTER)
        blocked = _BLOCKED_AFTER.get(surface[-1])
        return not (blocked and nxt in blocked)

    def find(self, text: str) -> list[Candidate]:
        folded = self.folded(text)
        out: list[Candidate] = []
        for i, start, end in self.automaton.find_matches_as_indexes(folded, overlapping=True):
            if not self._plausible(text, start, end):
                continue
            for entry in self.entries[i]:
                out.append(Candidate(entry.type, start, end, entry.name, "kb"))
        return out
