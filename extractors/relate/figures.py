"""Figures a report states about a platform or program: 注册用户达560万人, 办件量突破120万件.

A figure is a number with a unit (件/项/人/户/次/家/…, 万/亿 magnitudes, %) in the same sentence as a
platform or program mention, close after it; its metric is the phrase between the two (注册用户,
办件量, 网办率) with linking verbs (达/突破/累计…) removed.  It must contain a metric word, so dates,
document numbers and counts of meetings are left alone.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

NUMBER = re.compile(
    r"(?<![\d.])(?P<num>\d+(?:,\d{3})*(?:\.\d+)?)\s*(?P<approx>余|多)?(?P<mag>万|亿)?(?:余|多)?"
    r"(?P<unit>人次|件次|件|个|项|人|户|次|家|笔|条|宗|台|套|张|份|%|％)?"
)
MAGNITUDE = {"万": 10_000, "亿": 100_000_000}
MAX_GAP = 24  # characters between the entity and its number
LINKING = re.compile(
    r"(累计|共计|总计|合计|共|已|均|分别|同比|全年|年度|今年|当年|目前)?"
    r"(达到|达|突破|超过|超|逾|近|约|为|有|实现|完成|新增|增加|增至|提升至|提高到|提升到|提高至|至|到|了)*$"
)
LEADING = re.compile(
    r"^[”\"」』）)\s:：，,的中内等]*(截至|截止|自)?(20\d\d年(底|末|度|以来|内|全年)?)?"
    r"(平台|系统|APP|app|小程序|热线|累计|共|已|目前)?"
)
METRIC_WORDS = re.compile(
    r"(用户|注册|办件|事项|访问|浏览|受理|办理|办结|服务|应用|接入|上线|入驻|下载|实名|活跃|工单|来电|诉求|交易|"
    r"调用|共享|场景|终端|网点|率|量|数|人次)"
)
CLAUSE_BREAK = re.compile(r"[，,；;。：:、（(]")
DIGIT = re.compile(r"\d")


@dataclass(frozen=True)
class FigureMatch:
    """A figure found in a sentence, before it is tied to its mention."""

    metric: str
    value: float
    unit: str
    amount: float  # the value with 万/亿 applied (and % kept as written)
    start: int  # offsets of "metric … number unit" in the document
    end: int


def _as_number(text: str) -> float:
    return float(text.replace(",", ""))


def figures_after(text: str, entity_end: int, limit: int) -> list[FigureMatch]:
    """Figures in ``text[entity_end:limit]``: the first in the entity's own clause, then any that
    continue it clause by clause (注册用户达560万人，日活跃用户20万人)."""
    out: list[FigureMatch] = []
    window = text[entity_end : min(limit, entity_end + MAX_GAP + 16)]
    phrase_from = 0  # where the next metric phrase may begin: after the entity, then after each figure
    for m in NUMBER.finditer(window):
        if not (m.group("mag") or m.group("unit")) or m.start() - phrase_from > MAX_GAP:
            continue
        if window[m.end() : m.end() + 1] in ("年", "月", "日", "号", "〕", "]"):
            continue
        if m.start() < phrase_from:
            continue
        phrase = window[phrase_from : m.start()]
        breaks = list(CLAUSE_BREAK.finditer(phrase))
        if breaks and not out:
            break  # the entity's clause ended before any number
        offset = phrase_from + (breaks[-1].end() if breaks else 0)
        phrase = window[offset : m.start()]
        leading = LEADING.match(phrase)
        lead = leading.end() if leading else 0
        metric = LINKING.sub("", phrase[lead:]).strip()
        if not 2 <= len(metric) <= 10 or not METRIC_WORDS.search(metric) or DIGIT.search(metric):
            if not out:
                break
            continue
        value = _as_number(m.group("num"))
        unit = (m.group("mag") or "") + (m.group("unit") or "")
        amount = value * MAGNITUDE.get(m.group("mag") or "", 1)
        out.append(FigureMatch(metric, value, unit, amount, entity_end + offset + lead, entity_end + m.end()))
        phrase_from = m.end()
    return out
