"""A graph of digital government: which names become platforms, programs, agencies and partners
(sentences written for these tests)."""

from __future__ import annotations

from extractors.read.reader import content_id
from extractors.records import Document

HEAD = "某市数据资源管理局2024年工作总结\n"


def _extract(extractor, body: str, head: str = HEAD):
    text = head + body
    return extractor.extract(Document(path="t.txt", file="t.txt", text=text, doc_id=content_id(text),
                                      title=head.strip()))


def _names(result, type_: str) -> set[str]:
    return {m.name for m in result.mentions if m.type == type_}


def test_slogans_are_not_programs_and_service_reforms_are(extractor):
    r = _extract(extractor, "全市坚持“五位一体”总体布局，落实“三线一单”制度，推进“菜篮子”工程和“四好农村路”建设。"
                            "深化“无感审批”改革，推行“秒报秒批”服务模式，政务服务实现“一网通办”。")
    programs = _names(r, "program")
    assert {"无感审批", "秒报秒批", "一网通办"} <= programs
    assert not programs & {"五位一体", "三线一单", "菜篮子", "四好农村路"}


def test_a_reform_without_a_service_word_is_kept_in_a_sentence_about_services(extractor):
    r = _extract(extractor, "深化工程建设项目审批制度“1230”改革，全流程审批时间压减至50个工作日。"
                            "实施乡村振兴“1230”工程。")
    programs = _names(r, "program")  # a number names a reform together with its word
    assert "1230改革" in programs and "1230工程" not in programs


def test_generic_systems_are_not_named_platforms_unless_a_region_makes_them_one(extractor):
    r = _extract(extractor, "依托政务云和一体化政务服务平台，升级公共服务平台、交易平台和政府网站。"
                            "宣城市公共资源交易平台全年完成交易1200宗。")
    assert _names(r, "platform") == {"宣城市公共资源交易平台"}


def test_a_name_never_starts_with_a_verb_or_inside_a_word(extractor):
    r = _extract(extractor, "启动城市运行管理服务平台建设。开通在线不动产登记系统。成立热线专班。")
    platforms = _names(r, "platform")
    assert "城市运行管理服务平台" in platforms and "在线不动产登记系统" in platforms
    assert not any(p.startswith(("启动", "开通", "线", "成立")) for p in platforms)


def test_quoted_names_shaped_like_platforms_need_a_service_word_or_a_region(extractor):
    r = _extract(extractor, "实现“村村通”“户户通”，办理“一卡通”。深化“数智粮仓”“甬税通”等数字化应用建设，"
                            "推广“德清智码”。")
    platforms = _names(r, "platform")
    assert {"数智粮仓", "甬税通", "德清智码"} <= platforms  # 等数字化应用 types the whole list
    assert not platforms & {"村村通", "户户通", "一卡通"}


def test_a_regions_own_digital_programme(extractor):
    r = _extract(extractor, "推进数字吉林和智慧城市建设。落实《数字江西建设三年行动方案》，建成智慧瑞金统一门户。")
    programs = _names(r, "program")
    assert "数字吉林" in programs and not programs & {"数字江西", "智慧瑞金"}


def test_an_agency_is_one_named_body(extractor):
    r = _extract(extractor, "在中共江苏省委、省政府和市委的坚强领导下，全市上下团结奋斗。无锡市人民政府办公室印发"
                            "《无锡市公共数据管理办法》。水利部、国家数据局和南京海关给予支持，按照国家统一部署推进。")
    agencies = _names(r, "agency")
    assert {"中共江苏省委", "无锡市人民政府办公室", "水利部", "国家数据局", "南京海关"} <= agencies
    assert not any(ch in a for a in agencies for ch in "和及与")
    assert "国家统一部署" not in agencies
    # 和 between two fields of work is inside one body's name
    r = _extract(extractor, "深圳市南山区政务服务和数据管理局牵头，市住房和城乡建设局配合。")
    assert {"深圳市南山区政务服务和数据管理局", "市住房和城乡建设局"} <= _names(r, "agency")


def test_partners_named_short_in_a_list(extractor):
    r = _extract(extractor, "深化“跨省通办”，与苍南、泰顺、平阳等地签订合作协议，实现120项事项异地通办。"
                            "组织赴昆山考察学习。", head="福鼎市数据局2024年工作总结\n")
    assert r.region.name == "福鼎市"
    assert {p.region.name for p in r.partners} == {"苍南县", "泰顺县", "平阳县"}
    # a short name that is not an item of a list is no partner (乐清 inside a longer phrase)
    r = _extract(extractor, "签订“跨省通办”协议，推动乐清湾港区建设。", head="福鼎市数据局2024年工作总结\n")
    assert not r.partners


def test_a_province_partners_a_province(extractor):
    r = _extract(extractor, "全省深化“川渝通办”，四川省与重庆市签署政务服务合作协议，我省政务服务再上新台阶。",
                 head="政府工作报告\n")
    assert r.region.name == "四川省" and [p.region.name for p in r.partners] == ["重庆市"]


def test_a_quoted_brand_and_its_description(extractor):
    r = _extract(extractor, "上线“陇政通”一体化服务平台。优化“邻里在线”智慧社区综合应用平台。"
                            "“一网通办”市县政务服务网上可办率达98%。江西新型电力系统加快建设。")
    platforms = _names(r, "platform")
    assert {"陇政通", "邻里在线智慧社区综合应用平台"} <= platforms  # a brand is the name; a phrase needs the rest
    assert not any(p.endswith("政务服务网") or "电力系统" in p for p in platforms)  # 网上 is a word; no software


def test_a_quoted_reform_named_by_its_own_words(extractor):
    r = _extract(extractor, "“全程不用跑”事项占比提高到85%，对小型项目实行“简易审批”和并联验收。群众反映“两头跑”问题。")
    programs = _names(r, "program")
    assert {"全程不用跑", "简易审批"} <= programs and "两头跑" not in programs


def test_industry_and_market_platforms_are_not_a_governments(extractor):
    r = _extract(extractor, "培育工业互联网平台12个，建成农产品电子商务平台和港口物流信息平台。"
                            "推动企业上云上平台。建设跨境电商监管平台，上线某市政务服务平台。")
    platforms = _names(r, "platform")
    assert {"跨境电商监管平台", "某市政务服务平台"} <= platforms  # a government word keeps a sector's system
    assert not any(("工业互联网" in p or "物流" in p or "电子商务平台" in p or p.startswith("上云")) for p in platforms)


def test_a_counted_kind_of_platform_is_no_named_platform(extractor):
    r = _extract(extractor, "新增3个中试验证服务平台，建成一批数字乡村服务平台和两个智慧工地系统。"
                            "2024年某市不动产登记系统上线。")
    assert _names(r, "platform") == {"某市不动产登记系统"}  # a date before a name is no count


def test_networks_of_clinics_and_roads_are_no_software(extractor):
    r = _extract(extractor, "完善社区卫生服务网和居家养老服务网，优化中心城区路网系统和慢行交通系统，"
                            "升级某省政务服务网和网上法律服务网。")
    assert _names(r, "platform") == {"某省政务服务网", "网上法律服务网"}


def test_a_noun_like_word_belongs_to_a_name_only_after_another_word(extractor):
    r = _extract(extractor, "加快建设城市管理平台。，建设社区应急指挥信息系统。"
                            "推动投资项目、工程建设项目审批管理系统与政务服务平台对接。")
    platforms = _names(r, "platform")
    assert "工程建设项目审批管理系统" in platforms
    assert not any(p.startswith("建设") for p in platforms)


def test_a_bracketed_qualifier_stays_inside_a_name_but_a_heading_number_does_not(extractor):
    r = _extract(extractor, "接入国家（东部）算力调度平台。\n（三）政务服务平台迭代升级。县（市）数字化城市管理平台全覆盖。")
    platforms = _names(r, "platform")
    assert "国家（东部）算力调度平台" in platforms
    assert not any("（" in p for p in platforms - {"国家（东部）算力调度平台"})


def test_a_conjunction_inside_a_centres_name_means_a_clause(extractor):
    r = _extract(extractor, "全年重点推进，县城扩容提质和文旅中心建设。市规划和自然资源局、工业和信息化部联合发文，"
                            "省市委高度重视。")
    agencies = _names(r, "agency")
    assert "市规划和自然资源局" in agencies and "工业和信息化部" in agencies
    assert not any("中心" in a for a in agencies)
    assert "省市委" not in agencies  # two levels before one body word: two bodies


def test_a_quoted_name_is_typed_by_the_word_after_its_descriptor(extractor):
    r = _extract(extractor, "全县推出“春风行”政务服务品牌，上线“桃源通”数字服务平台，建设“免证明城市”。")
    assert {"春风行", "免证明城市"} <= _names(r, "program")  # 证明: a certificate-free reform by its own words
    assert "桃源通" in _names(r, "platform")
