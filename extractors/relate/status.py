"""Whether a fact is reported as done or only planned.

A work report summarises the year and then plans the next one (三、下一步工作打算 / 二、2026年工作计划).
Facts under a plan heading, and sentences that speak of the future (将于, 计划在, 力争, 拟…), are
``planned``; everything else is ``done``.  A plan section runs from its heading to the next heading
of the same or a higher level, so its sub-points (（一）…, 1. …) stay inside it.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right

# What a government work report heads its plan part with, after the year (2025年总体要求和主要任务);
# the year rule (extractors/resolve/years.py) reads the same headings.
WORK_REPORT_PLAN_WORDS = (
    "总体要求",
    "主要任务",
    "重点任务",
    "目标任务",
    "工作安排",
    "工作任务",
    "重点工作",
    "主要目标",
    "预期目标",
    "工作部署",
    "工作建议",
    "各项任务",
)
PLAN_HEADING = re.compile(
    r"(下一步|下步|今后|明年|展望|工作(计划|打算|思路|安排|重点|要点|设想)|"
    r"20\d\d年(度)?(主要)?(工作)?(计划|打算|思路|安排|目标|任务|重点|要点|设想)|"
    rf"(19|20)\d\d年[^。，\n]{{0,12}}?({'|'.join(WORK_REPORT_PLAN_WORDS)}))"
)
# A title such as "2021年工作总结和2022年工作计划" is not a plan section: it heads the summary too.
SUMMARY_HEADING = re.compile(r"(总结|完成情况|开展情况|工作情况|进展情况|主要成效|成效|回顾|做法)")
FUTURE_WORDS = (
    "将于",
    "将在",
    "将进一步",
    "将继续",
    "将持续",
    "将全面",
    "将加快",
    "将着力",
    "将深入",
    "将重点",
    "将逐步",
    "即将",
    "后续将",
    "拟于",
    "拟在",
    "拟将",
    "拟对",
    "力争",
    "争取",
    "预计将",
    "下一步",
    "明年",
    "年底前",
)
# 计划 speaks of the future at the start of a clause, after a comma or colon, or after a subject or a
# time word.
PLAN_BEFORE = ("，", ",", "；", ";", "：", ":", "我局", "我县", "我区", "我市", "我中心", "目前", "今年", "年内")
# Spelled out as plain alternatives, each starting with a character: Python's re then jumps from one
# such character to the next, where a class or a group in front makes it try every position.
FUTURE = re.compile("|".join(map(re.escape, (*FUTURE_WORDS, *(w + "计划" for w in PLAN_BEFORE)))))
FUTURE_AT_START = "计划"
MAX_HEADING = 40
# How far from a mention its clause is read: a report without punctuation is one endless clause, and
# reading all of it for every mention would make the check quadratic in the report's length.
MAX_CLAUSE_SIDE = 200
CLAUSE_OPENERS = re.compile("[；;]")
CLAUSE_CLOSERS = re.compile("[，,；;]")

# numbering → level: 一、 = 1, （一） = 2, 1. = 3, (1) = 4; unnumbered short lines count as 1
_LEVELS = (
    (re.compile(r"^[一二三四五六七八九十]+[、.．]"), 1),
    (re.compile(r"^[（(][一二三四五六七八九十]+[）)]"), 2),
    (re.compile(r"^\d+[、.．](?!\d)"), 3),
    (re.compile(r"^[（(]\d+[）)]"), 4),
)


def _heading_level(line: str) -> int | None:
    """The level of a heading line, or None when the line is body text."""
    stripped = line.strip()
    if not stripped or len(stripped) > MAX_HEADING or stripped.endswith(("。", "；", ";")):
        return None
    for pattern, level in _LEVELS:
        if pattern.match(stripped):
            return level
    return 1 if len(stripped) <= 20 and "，" not in stripped and "," not in stripped else None


def plan_sections(text: str) -> list[tuple[int, int]]:
    """Character spans of the plan sections of a report, in order."""
    headings: list[tuple[int, int, bool]] = []  # (offset, level, is plan)
    offset = 0
    for line in text.splitlines(keepends=True):
        level = _heading_level(line)
        if level is not None:
            is_plan = bool(PLAN_HEADING.search(line)) and not SUMMARY_HEADING.search(line)
            headings.append((offset, level, is_plan))
        offset += len(line)
    spans: list[tuple[int, int]] = []
    for i, (start, level, is_plan) in enumerate(headings):
        if not is_plan or (spans and spans[-1][1] > start):
            continue
        end = next((s for s, lv, plan in headings[i + 1 :] if lv <= level and not plan), len(text))
        spans.append((start, end))
    return spans


class StatusOf:
    """Call with a mention's offsets and sentence → "planned" or "done"; plan sections computed once,
    and each sentence's clause breaks once."""

    def __init__(self, text: str) -> None:
        self.sections = plan_sections(text)
        self._starts = [s for s, _ in self.sections]
        self._breaks: dict[int, tuple[list[int], list[int]]] = {}  # sentence start → (；, ，or ；) offsets

    def in_plan_section(self, offset: int) -> bool:
        i = bisect_right(self._starts, offset) - 1
        return i >= 0 and offset < self.sections[i][1]

    def _clause_breaks(self, sentence: str, sentence_start: int) -> tuple[list[int], list[int]]:
        breaks = self._breaks.get(sentence_start)
        if breaks is None:
            breaks = (
                [m.start() for m in CLAUSE_OPENERS.finditer(sentence)],
                [m.start() for m in CLAUSE_CLOSERS.finditer(sentence)],
            )
            self._breaks[sentence_start] = breaks
        return breaks

    def __call__(self, start: int, end: int, sentence: str, sentence_start: int) -> str:
        """Planned when in a plan section, or when the future is spoken of in the stretch of the
        sentence that carries the mention: from the last ；before it to the next ，or ；after it
        (目前已上线…；下一步将…: the first half stays done), at most ``MAX_CLAUSE_SIDE`` characters
        either side of the mention."""
        if self.in_plan_section(start):
            return "planned"
        before, after = start - sentence_start, end - sentence_start
        openers, closers = self._clause_breaks(sentence, sentence_start)
        i = bisect_left(openers, before) - 1
        lo = max(openers[i] + 1 if i >= 0 else 0, before - MAX_CLAUSE_SIDE)
        j = bisect_left(closers, after)
        hi = min(closers[j] if j < len(closers) else len(sentence), after + MAX_CLAUSE_SIDE)
        clause = sentence[lo:hi]
        return "planned" if clause.startswith(FUTURE_AT_START) or FUTURE.search(clause) else "done"
