"""The year a report covers: a 2025 summary that also plans 2026 is a 2025 report.

Each ``20xx年`` is scored by the words around it: summary cues (工作总结, 以来, 上半年, 完成情况) near the
start weigh most, plan cues (计划, 思路, 下一步, 明年) count against, and plain mentions add a little.
"""

from __future__ import annotations

import re

# No look-behind for "not after a digit" in the pattern: a pattern that starts with one is tried at
# every character, one that starts with a digit only where a digit is (4× faster over a report).
# Each 年 ends at most one candidate, so checking the digit before a match finds the same years.
YEAR = re.compile(r"(20[0-4]\d|199\d)(?=年)")
SUMMARY_AFTER = re.compile(r"^年(度)?(上半年|全年|前三季度|1-\d+月|以来|来|工作总结|工作完成情况|工作情况|工作开展情况|总结|工作报告|是|[,，]?(?:我局|我县|我区|我市|我旗|我中心|本局|全县|全区|全市))")
PLAN_AFTER = re.compile(r"^年(度)?(工作)?(计划|思路|打算|安排|目标|重点|要点|展望)")
PLAN_SENTENCE = re.compile(r"(下一步|计划|拟|将|明年|展望|思路|打算)")
HEAD = 200


def infer_year(text: str, default: int | None = None) -> int | None:
    scores: dict[int, float] = {}
    for m in YEAR.finditer(text):
        if m.start() and text[m.start() - 1].isdecimal():  # isdecimal is exactly what \d matches
            continue
        year = int(m.group(1))
        after = text[m.end():m.end() + 12]
        near_head = m.start() < HEAD
        score = 1.0
        if SUMMARY_AFTER.match(after):
            score += 6 if near_head else 2
        elif PLAN_AFTER.match(after):
            score -= 4 if near_head else 2
        elif near_head:
            score += 1
        scores[year] = scores.get(year, 0.0) + score
    if not scores:
        return default
    # ties go to the later year: earlier years appear as background (在2024年…的基础上)
    return max(scores.items(), key=lambda kv: (kv[1], kv[0]))[0]
