"""The year a report covers, and the year its plans are for.

A bureau's summary: a 2025 summary that also plans 2026 is a 2025 report.  Each ``20xx年`` is scored
by the words around it: summary cues (工作总结, 以来, 上半年, 完成情况) near the start weigh most, plan
cues (计划, 思路, 下一步, 明年) count against, and plain mentions add a little.  A government work
report: see :func:`work_report_plan_year` below.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from extractors.relate.status import WORK_REPORT_PLAN_WORDS

# No look-behind for "not after a digit" in the pattern: a pattern that starts with one is tried at
# every character, one that starts with a digit only where a digit is.
# Each 年 ends at most one candidate, so checking the digit before a match finds the same years.
YEAR = re.compile(r"(20[0-4]\d|199\d)(?=年)")
SUMMARY_AFTER = re.compile(
    r"^年(度)?(上半年|全年|前三季度|1-\d+月|以来|来|工作总结|工作完成情况|工作情况|工作开展情况|总结|工作报告|是|[,，]?(?:我局|我县|我区|我市|我旗|我中心|本局|全县|全区|全市))"
)
PLAN_AFTER = re.compile(r"^年(度)?(工作)?(计划|思路|打算|安排|目标|重点|要点|展望)")
HEAD = 200


def infer_year(text: str, default: int | None = None) -> int | None:
    scores: dict[int, float] = {}
    for m in YEAR.finditer(text):
        if m.start() and text[m.start() - 1].isdecimal():  # isdecimal is exactly what \d matches
            continue
        year = int(m.group(1))
        after = text[m.end() : m.end() + 12]
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


# ---- government work reports (政府工作报告) ------------------------------------------------------
# Delivered to the people's congress early in year Y, a work report reviews Y−1 and plans Y; one
# delivered late in Y (a November or December session) reviews Y and plans Y+1.  The same report
# gives the same years whichever of these carries them: its date line (——2024年1月15日在某市第十七届
# 人民代表大会…), its title (2024年政府工作报告: the session's year), its review and plan headings
# (一、2023年工作回顾 / 二、2024年总体要求和主要任务).  Where they disagree (a source's date line can
# be wrong, a file be mistitled) they vote.
WORK_REPORT = re.compile(r"政府工作报告|各位代表|人民代表大会")
SESSION_DATE = re.compile(r"((?:19|20)\d\d)年(1[0-2]|0?[1-9])月[0-3]?\d日")
_NO_OTHER_YEAR = r"(?:(?!(?:19|20)\d\d)[^。；\n]){0,16}?"  # the year nearest the keyword counts
REVIEW_HEADING = re.compile(rf"((?:19|20)\d\d)年{_NO_OTHER_YEAR}(?:回顾|完成|成绩|成就)")
PLAN_HEADING = re.compile(rf"((?:19|20)\d\d)年{_NO_OTHER_YEAR}(?:{'|'.join(WORK_REPORT_PLAN_WORDS)})")
TITLE_YEAR = re.compile(r"((?:19|20)\d\d)\s*年")
LATE_SESSION_MONTH = 11  # delivered from November on, a report plans the following year
WORK_REPORT_HEAD = 400  # the date line stands under the title
MAX_HEADING = 40
VOTES = {"date": 1.5, "title": 1.0, "review": 1.25, "plan": 1.25}  # the headings are the content


def is_work_report(text: str, title: str = "") -> bool:
    """A government's report to its people's congress (政府工作报告), not a bureau's summary."""
    return bool(WORK_REPORT.search(title) or WORK_REPORT.search(text, 0, WORK_REPORT_HEAD))


def _headings(text: str) -> Iterator[str]:
    """Short lines that do not end a sentence: the report's headings."""
    for line in text.splitlines():
        stripped = line.strip()
        if stripped and len(stripped) <= MAX_HEADING and not stripped.endswith(("。", "；")):
            yield stripped


def _plan_year_votes(text: str, title: str) -> dict[str, int]:
    """What each witness says the session's year is: date line, title, first review and plan heading."""
    votes: dict[str, int] = {}
    date = SESSION_DATE.search(title) or SESSION_DATE.search(text, 0, WORK_REPORT_HEAD)
    if date:
        year, month = int(date.group(1)), int(date.group(2))
        votes["date"] = year + 1 if month >= LATE_SESSION_MONTH else year
    if (m := TITLE_YEAR.search(title)) and not (date and date.re is SESSION_DATE and m.start() == date.start()):
        votes["title"] = int(m.group(1))
    for line in _headings(text):
        if "review" not in votes and (m := REVIEW_HEADING.search(line)):
            votes["review"] = int(m.group(1)) + 1
        elif "plan" not in votes and (m := PLAN_HEADING.search(line)):
            votes["plan"] = int(m.group(1))
        if "review" in votes and "plan" in votes:
            break
    return votes


def work_report_plan_year(text: str, title: str = "") -> int | None:
    """The year a government work report plans (its session's year), or None when nothing says."""
    tally: dict[int, float] = {}
    for witness, year in _plan_year_votes(text, title).items():
        tally[year] = tally.get(year, 0.0) + VOTES[witness]
    return max(tally, key=lambda y: (tally[y], -y)) if tally else None


@dataclass(frozen=True)
class Years:
    """The year a report covers (its review, summary or figures) and the year its plans are for."""

    covered: int | None
    plan: int | None


def infer_years(text: str, title: str = "") -> Years:
    """Covered and plan year of a report of any genre.

    >>> infer_years("2024年政府工作报告", "2024年政府工作报告")
    Years(covered=2023, plan=2024)
    >>> infer_years("某县数据局2025年工作总结及2026年工作计划")
    Years(covered=2025, plan=2026)
    """
    if is_work_report(text, title):
        plan = work_report_plan_year(text, title)
        if plan is not None:
            return Years(plan - 1, plan)
    covered = infer_year(text)
    return Years(covered, covered + 1 if covered is not None else None)
