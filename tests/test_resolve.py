"""Stages 3–4: partners, reporting region and year, on short reports written for the tests."""

from __future__ import annotations

from pathlib import Path

from extractors.knowledge.divisions import load_divisions
from extractors.read.reader import content_id
from extractors.records import Document
from extractors.resolve.years import infer_year


def _extract(extractor, text: str):
    return extractor.extract(Document(path="t.txt", file="t.txt", text=text, doc_id=content_id(text)))


def test_renamed_units_map_to_the_current_one():
    d = load_divisions()
    assert [x.code for x in d.lookup("芜湖县")] == ["340210"]
    assert d.lookup("广德县")[0].name == "广德市"
    ref = d.ref(d.lookup("环峰镇")[0])
    assert d.county_of(d.lookup("环峰镇")[0]).name == "含山县" and ref.province == "安徽省"


def test_region_from_a_town_when_the_report_never_names_itself(extractor):
    text = ("我县深入推进“一网通办”改革，全县政务服务事项网上可办率达98%。"
            "完成了运漕镇、林头镇便民服务中心改造，县政务服务中心新增综合窗口6个。")
    r = _extract(extractor, text)
    # 运漕镇 is only in 含山县; 林头镇 is in 含山县 and in 电白区: together they settle it
    assert (r.region.name, r.region.level) == ("含山县", "county")


def test_a_town_with_a_dozen_namesakes_names_no_region(extractor):
    # twelve counties have a 仁和镇: any one of them would be a guess, and every fact would hang on it
    text = ("我县深入推进“一网通办”改革，全县政务服务事项网上可办率达98%。"
            "完成了仁和镇便民服务中心改造，县政务服务中心新增综合窗口6个。")
    assert _extract(extractor, text).region is None


def test_partners_are_never_the_reporting_region(extractor):
    text = ("福鼎市数据局2024年工作总结\n福鼎市持续深化“跨省通办”。"
            "与浙江省苍南县、泰顺县签订政务服务合作协议，实现86项事项跨省通办。"
            "组织赴江苏省昆山市考察学习数字政府建设经验。")
    r = _extract(extractor, text)
    assert r.region.name == "福鼎市" and r.region.province == "福建省"
    partners = {p.region.name for p in r.partners}
    assert partners == {"苍南县", "泰顺县"}  # a study visit (昆山市) is no partnership


def test_year_is_the_summarised_year_not_the_planned_one():
    text = "现将我局2025年工作完成情况及2026年工作计划报告如下：一、2025年工作情况……二、2026年工作计划……"
    assert infer_year(text) == 2025
    assert infer_year("2023年以来，全区持续推进。下一步，2024年将继续深化。") == 2023
    assert infer_year("没有年份的文本") is None


def test_a_year_inside_a_longer_number_is_no_year():
    # each would tie with the real year, and a tie goes to the later year
    assert infer_year("项目编号12026年工作总结，2024年工作总结") == 2024
    assert infer_year("编号１2026年工作总结，2023年工作总结") == 2023  # a full-width digit is a digit too
    assert infer_year("2025年工作总结") == 2025  # a year at the very start counts


def test_self_references_count_what_a_report_calls_itself():
    from extractors.resolve.regions import self_references
    cues = self_references("全县上下，县委县政府高度重视，我县数据局牵头；全市我市市级省委")
    assert (cues["县"], cues["市"], cues["省"], cues["区"], cues["旗"]) == (2, 2, 0, 0, 0)
    # 县委/县政府 count only when a report never says 全县/我县 …
    assert self_references("县委县政府高度重视，县直各单位")["县"] == 3
    # … and a comparison with the unit above is no self-reference, nor is 全市场 or 本地区
    assert self_references("增速位居全省第一，好于全省，全省率先；全市场；本地区") == {}


def test_title_line_names_a_prefecture_report(extractor):
    text = ("赣州市行政审批局2024年工作总结\n全市依托“赣服通”推进“一网通办”，"
            "瑞金市、于都县、兴国县率先实现“免申即享”。")
    r = _extract(extractor, text)
    assert r.region.name == "赣州市" and r.region.level == "prefecture"
    assert {e.name for e in r.entities("platform")} >= {"赣服通"}


def test_the_former_names_file_queries_read_is_what_the_divisions_give():
    """`kg query` reads former region names from a small file instead of the divisions table: it
    must say what the table says (regenerate: python -m extractors.knowledge.former_names)."""
    from extractors.knowledge.former_names import derive, load_former_names, render

    divisions = load_divisions()
    shipped = (Path(__file__).resolve().parents[1] / "extractors/knowledge/data/former_names.tsv").read_text("utf-8")
    assert shipped == render(derive(divisions))
    names = load_former_names()
    for former in list(divisions.renamed)[:50] + ["广德县", "涡阳县", "不存在县"]:
        assert names.current_name(former) == divisions.current_name(former)
