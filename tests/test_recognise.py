"""Stage 2: the spaCy components find knowledge-base names, discover new ones, and type them."""

from __future__ import annotations

from extractors.knowledge import load_knowledge_base, name_key
from extractors.recognise import build_nlp
from extractors.recognise.knowledge_matcher import KnowledgeMatcher
from extractors.recognise import patterns


def _entities(text: str):
    doc = build_nlp()(text)
    return {(c.type, c.name) for c in doc._.govkg_entities}


def test_pipeline_is_assembled_from_the_config_by_registered_names():
    nlp = build_nlp()
    assert nlp.pipe_names == ["govkg_sentences", "govkg_regions", "govkg_knowledge", "govkg_patterns",
                              "govkg_select"]


def test_aliases_merge_into_the_canonical_name():
    kb = load_knowledge_base()
    assert kb.canonical("皖事通APP", "platform") == "皖事通"
    assert kb.canonical("浙里办app") == "浙里办"
    assert name_key("“皖事通”APP") == name_key("皖事通")


def test_knowledge_names_found_with_offsets_in_the_source():
    text = "全县依托“浙里办”APP和浙江政务服务网推进“最多跑一次”改革。"
    found = KnowledgeMatcher(load_knowledge_base()).find(text)
    names = {(c.name, text[c.start:c.end]) for c in found}
    assert ("浙里办", "浙里办") in names and ("最多跑一次", "最多跑一次") in names


def test_short_brand_inside_an_ordinary_word_is_not_a_mention():
    # 京通 (Beijing's app) must not be read inside 南京通过
    assert not any(name == "京通" for _, name in _entities("南京通过了新的实施方案。"))
    assert ("platform", "京通") in _entities("市民可通过“京通”小程序办理。")


def test_quoted_names_are_typed_by_context():
    ents = _entities("上线“赣州e办”平台，推行“一业一证”改革和“秒报秒办”服务模式。")
    assert ("platform", "赣州e办") in ents
    assert ("program", "一业一证") in ents
    assert ("program", "秒报秒办") in ents


def test_suffix_platform_is_cut_at_the_clause_boundary():
    found = patterns.suffix_platforms("全面依托长沙市数字城管指挥平台开展巡查。")
    assert [c.name for c in found] == ["长沙市数字城管指挥平台"]


def test_policy_with_document_number():
    found = patterns.policies("根据《关于加快推进政务服务标准化规范化便利化的实施意见》（鲁政办发〔2023〕5号）要求")
    assert found[0].name.endswith("实施意见")
    assert found[0].extra["doc_number"] == "鲁政办发〔2023〕5号"


def test_opening_quote_starts_the_next_sentence():
    doc = build_nlp()("一是推广应用；“粤省事”新增用户3万人。")
    sents = [s.text for s in doc.sents]
    assert sents[1].startswith("“粤省事”")
