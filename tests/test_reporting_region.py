"""Whose report it is: the reporting government's level first, then the place (reports written
for these tests, not taken from any corpus)."""

from __future__ import annotations

from extractors.read.reader import content_id
from extractors.records import Document

# 赣州市 and its eighteen county-level units (three of them are county-level cities, 市 too)
GANZHOU_COUNTIES = ["章贡区", "南康区", "赣县区", "信丰县", "大余县", "上犹县", "崇义县", "安远县", "龙南市",
                    "定南县", "全南县", "宁都县", "于都县", "兴国县", "会昌县", "寻乌县", "石城县", "瑞金市"]


def _extract(extractor, text: str, title: str | None = None):
    doc = Document(path="t.txt", file="t.txt", text=text, doc_id=content_id(text),
                   title=title if title is not None else text.split("\n", 1)[0])
    return extractor.extract(doc)


def _city_report(counties: list[str]) -> str:
    lines = ["政府工作报告", "各位代表：", "过去一年，全市上下坚持稳中求进，全市生产总值增长5.2%，增速居全省第一。"]
    for i, county in enumerate(counties):
        lines.append(f"{county}新建政务服务驿站{i + 3}个，{county}“一网通办”事项可办率达98%。")
    lines.append("全市“赣服通”注册用户突破600万，我市在全省营商环境评价中位列第一。")
    return "\n".join(lines)


def test_a_city_report_naming_its_counties_is_the_citys(extractor):
    # ten counties, each named twice, and the city never by its own name: 全市 keeps the counties out
    r = _extract(extractor, _city_report(GANZHOU_COUNTIES[:10]))
    assert (r.region.name, r.region.level) == ("赣州市", "prefecture")
    # county-level cities answer to 全市 as well: a report that speaks most of one of them, and of its
    # city only by the short name, is still the city's (its sub-units and its name outweigh one county)
    text = _city_report(["瑞金市", "于都县", "兴国县", "宁都县", "瑞金市", "瑞金市"]).replace(
        "过去一年，", "过去一年，赣州苏区振兴发展取得新成效，")
    assert _extract(extractor, text).region.name == "赣州市"


def test_a_county_that_shares_the_citys_name_is_not_the_city(extractor):
    text = ("2024年政府工作报告\n——2024年1月10日在安阳市第十五届人民代表大会第四次会议上\n各位代表：\n"
            "全市深入推进“一网通办”，安阳县、林州市、汤阴县、滑县、内黄县政务服务中心全部完成改造。\n"
            "安阳县率先实现“免申即享”。全市政务服务满意度达99%。")
    r = _extract(extractor, text)
    assert (r.region.name, r.region.level) == ("安阳市", "prefecture")


def test_a_province_report_is_the_provinces(extractor):
    text = ("政府工作报告\n各位代表：\n过去一年，全省经济运行稳中向好，生产总值增速居全国前列。\n"
            "合肥市、芜湖市、蚌埠市、阜阳市“皖事通”办件量均超百万件，合肥市数字经济核心产业增加值增长12%。\n"
            "全省“一网通办”事项达2万项，我省政务服务能力位居全国第一方阵。")
    r = _extract(extractor, text)
    assert (r.region.name, r.region.level) == ("安徽省", "province")


def test_an_autonomous_prefecture_by_its_short_name(extractor):
    text = ("延边州2024年政务服务工作总结\n全州深化“一网通办”改革，延吉市、图们市、敦化市、珲春市"
            "政务服务事项全部实现网上可办。我州“吉事办”注册用户达120万。")
    r = _extract(extractor, text)
    assert (r.region.name, r.region.level) == ("延边朝鲜族自治州", "prefecture")
    # no title: the short form and 全州 still say it
    body = text.split("\n", 1)[1] + "\n延边州数据局牵头推进数据共享。"
    assert _extract(extractor, body, title="").region.name == "延边朝鲜族自治州"


def test_an_autonomous_region_says_全区(extractor):
    text = ("政府工作报告\n各位代表：\n全区上下团结奋斗，南宁市、柳州市、桂林市、北海市政务服务事项"
            "全部接入“智桂通”。全区“一网通办”改革深入推进，我区营商环境持续改善。")
    r = _extract(extractor, text)
    assert (r.region.name, r.region.level) == ("广西壮族自治区", "province")


def test_a_municipality_is_province_level(extractor):
    text = ("政府工作报告\n各位代表：\n全市深化“一网通办”改革，浦东新区、徐汇区、静安区、闵行区"
            "政务服务中心实现“一件事”集成服务。全市“随申办”月活跃用户超2000万。")
    r = _extract(extractor, text)
    assert (r.region.name, r.region.level, r.region.province) == ("上海市", "province", "上海市")


def test_a_new_area_is_credited_to_the_unit_that_administers_it(extractor):
    # 兰州新区 is coded as a county-level unit of 兰州市 but has no government of its own
    r = _extract(extractor, "兰州新区数据局2024年工作总结\n全区推进“一网通办”，新建政务服务站12个。")
    assert (r.region.name, r.area) == ("兰州市", "兰州新区")
    # a development zone no table lists: the unit named in front of it, the zone kept beside it
    r = _extract(extractor, "合肥高新区2024年数字政府建设工作总结\n全区依托“皖事通”推进“一网通办”。")
    assert (r.region.name, r.area) == ("合肥市", "合肥高新区")
    # a district named 新区 is a government like any other
    r = _extract(extractor, "浦东新区2024年政务服务工作总结\n全区推进“一网通办”。")
    assert (r.region.name, r.area) == ("浦东新区", None)


def test_a_prefectures_own_data_bureau_is_the_prefectures(extractor):
    text = ("赣州市数据局2024年工作总结\n一年来，市数据局统筹推进全市数据资源工作。于都县数据局、兴国县数据局、"
            "瑞金市数据局分别建成县级数据共享平台，于都县政务数据共享调用量达30万次，瑞金市数据局获评先进单位。")
    r = _extract(extractor, text)
    assert r.region.name == "赣州市"


def test_words_that_end_like_a_county_are_not_regions(extractor):
    # 示范县 is no mention of 范县, nor 完成县域 of 成县; 工业园区 is a word, not the towns so named
    text = ("县数据资源管理局2024年工作总结\n我县获评省级数字政府示范县，完成县域数据共享平台建设，"
            "工业园区企业开办实现一日办结。全县推进“一网通办”。")
    assert _extract(extractor, text).region is None


def test_the_state_councils_report_has_no_reporting_region(extractor):
    text = ("政府工作报告\n——2024年3月5日在第十四届全国人民代表大会第二次会议上\n各位代表：\n"
            "现在，我代表国务院，向大会报告政府工作。北京市、上海市、广东省政务服务事项全面实现“一网通办”。")
    r = _extract(extractor, text)
    assert r.region is None and (r.year, r.plan_year) == (2023, 2024)
