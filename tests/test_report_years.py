"""The year a report covers and the year it plans, one rule for every genre (reports written for
these tests)."""

from __future__ import annotations

import pytest

from extractors.read.reader import content_id
from extractors.records import Document
from extractors.resolve.years import infer_years

REVIEW = "一、2024年工作回顾\n过去一年，全市“一网通办”事项达1800项。\n"
PLAN = "二、2025年总体要求和主要任务\n全市上线“惠企通”。\n"


@pytest.mark.parametrize("title, text", [
    # the same work report, whichever part carries its year
    ("2025年政府工作报告", "各位代表：\n过去一年，全市经济稳中有进。\n今年，全市将持续深化改革。\n"),
    ("政府工作报告", "——2025年1月16日在某市第十届人民代表大会第五次会议上\n各位代表：\n过去一年，全市经济稳中有进。\n"),
    ("政府工作报告", "各位代表：\n" + REVIEW + PLAN),
    ("2025年政府工作报告", "——2025年1月16日在某市第十届人民代表大会第五次会议上\n各位代表：\n" + REVIEW + PLAN),
])
def test_a_work_report_delivered_early_in_the_year_covers_the_year_before(title, text):
    years = infer_years(text, title)
    assert (years.covered, years.plan) == (2024, 2025)


def test_a_work_report_delivered_in_december_covers_its_own_year():
    text = "——2024年12月20日在某市第十届人民代表大会第五次会议上\n各位代表：\n过去一年，全市经济稳中有进。\n"
    assert infer_years(text, "政府工作报告") == infer_years(text, "") == infer_years(text, "2025年政府工作报告")
    assert (infer_years(text, "政府工作报告").covered, infer_years(text, "政府工作报告").plan) == (2024, 2025)


def test_a_wrong_date_line_is_outvoted_by_the_title_and_the_headings():
    text = "（2031年2月20日）\n各位代表：\n" + REVIEW + PLAN
    assert infer_years(text, "2025年政府工作报告").covered == 2024


def test_a_bureau_summary_is_the_year_it_summarises():
    text = "某县数据资源管理局2025年工作总结\n一、2025年工作完成情况\n……\n二、2026年工作计划\n……"
    years = infer_years(text, text.split("\n")[0])
    assert (years.covered, years.plan) == (2025, 2026)


def test_plan_facts_of_a_work_report_are_planned_for_the_plan_year(extractor):
    text = "政府工作报告\n各位代表：\n" + REVIEW.replace("“一网通办”", "“赣服通”“一网通办”") + PLAN
    result = extractor.extract(Document(path="r.txt", file="r.txt", text=text, doc_id=content_id(text),
                                        title="政府工作报告"))
    assert (result.year, result.plan_year) == (2024, 2025)
    said = {(m.name, m.status, m.year) for m in result.mentions if m.type in ("platform", "program")}
    assert ("赣服通", "done", 2024) in said and ("一网通办", "done", 2024) in said
    assert ("惠企通", "planned", 2025) in said
