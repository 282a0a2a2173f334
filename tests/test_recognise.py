"""Stage 2: the spaCy components find knowledge-base names, discover new ones, and type them."""

from __future__ import annotations

from extractors.knowledge import load_knowledge_base, name_key
from extractors.recognise import build_nlp, patterns
from extractors.recognise.knowledge_matcher import KnowledgeMatcher


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


def test_a_date_before_a_suffix_platform_is_not_part_of_its_name_and_a_count_makes_a_kind():
    # the name starts after the last digit and the date word behind it (年底); after a count (3个)
    # the words name a kind of platform, not one
    found = patterns.suffix_platforms("截至2024年底数字城管监管平台已接入，全县建成3个智慧社区服务平台。")
    assert [c.name for c in found] == ["数字城管监管平台"]


def test_level_agencies_at_the_start_and_after_a_boundary_only():
    text = "县数据资源管理局牵头，市政务服务管理局与区大数据中心配合，全市政务服务中心窗口"
    assert [c.name for c in patterns.agencies(text, [])] == ["县数据资源管理局", "市政务服务管理局", "区大数据中心"]


def test_policy_with_document_number():
    found = patterns.policies("根据《关于加快推进政务服务标准化规范化便利化的实施意见》（鲁政办发〔2023〕5号）要求")
    assert found[0].name.endswith("实施意见")
    assert found[0].doc_number == "鲁政办发〔2023〕5号"


def test_opening_quote_starts_the_next_sentence():
    doc = build_nlp()("一是推广应用；“粤省事”新增用户3万人。")
    sents = [s.text for s in doc.sents]
    assert sents[1].startswith("“粤省事”")


def _sentences_by_the_rule(text: str) -> list[tuple[int, int]]:
    """The sentence rule applied to the text directly: cut after every end mark (and the one
    closing mark behind it), trim blanks, drop empty pieces."""
    import re

    ends = re.escape("。！？；!?;\n")
    closers = re.escape("”’」』）)】》\"'")
    cuts = [0, *(m.end() for m in re.finditer(f"[{ends}][{closers}]?", text)), len(text)]
    spans = []
    for start, end in zip(cuts, cuts[1:]):
        piece = text[start:end]
        if piece.strip():
            lead = len(piece) - len(piece.lstrip())
            spans.append((start + lead, start + lead + len(piece.strip())))
    return spans


def test_tokens_give_back_the_text_and_every_sentence_start(seeds):
    """The tokenizer makes sentence-piece tokens, and the sentence splitter can only start
    sentences at tokens: on real reports and on random runs of marks, quotes and line breaks the
    sentences must be exactly those the rule (written out again here) cuts from the text."""
    import random

    from extractors.relate.sentences import Sentences

    nlp = build_nlp()
    rng = random.Random(7)
    alphabet = "。！？；!?;，、：“”‘’「」《》（）()【】［］—…\"'\n \u3000政务服务ab12"
    texts = [p.read_text(encoding="utf-8") for p in sorted(seeds.glob("*.txt"))]
    texts += ["".join(rng.choice(alphabet) for _ in range(300)) for _ in range(300)]
    for text in texts:
        doc = nlp(text)
        assert doc.text == text
        assert len(doc) < len(text) / 10 or len(text) < 1000  # sentence pieces, not characters
        assert Sentences.from_doc(doc).spans == _sentences_by_the_rule(text), text[:80]
