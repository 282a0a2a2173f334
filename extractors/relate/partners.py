"""Partnerships: regions named in a sentence that speaks of a cooperation agreement.

A study visit (考察, 学习, 调研) is not a partnership, and the reporting region, its own
prefecture and province, and the prefecture/province qualifying a partner (南京市 in 南京市雨花台区)
are never partners themselves.  Partners are named in full, or by a short name as an item of a
list (与苍南、泰顺等地签订); a province is a partner only of a province.
"""

from __future__ import annotations

import re

from extractors.knowledge.divisions import Division, Divisions
from extractors.recognise.candidates import Candidate
from extractors.records import Partner, RegionRef
from extractors.relate.sentences import Sentences

PARTNER_CUES = re.compile(
    r"(合作协议|合作备忘录|框架协议|战略合作|签署|签订|跨省通办|跨市通办|跨区域通办|跨域通办|"
    r"异地通办|异地代收代办|异地代办|通办合作|结对|联盟|省际通办|点对点)"
)
VISIT_CUES = re.compile(r"(考察|学习|调研|参观|观摩|来访|取经|对标)")
LIST_BEFORE = frozenset("与和同、及，")
LIST_AFTER = frozenset("、，,等和及签建开实")


def _listed(text: str, c: Candidate) -> bool:
    """A short name (苍南, 温州) counts as a partner only as an item of a list: after 与/和/、 …
    and before 、/等/签 … (与苍南、泰顺等地签订), where a name cannot be part of another word."""
    return text[c.start - 1 : c.start] in LIST_BEFORE and text[c.end : c.end + 1] in LIST_AFTER


def choose_division(
    divs: list[Division],
    context_codes: set[str],
    divisions: Divisions,
    levels_allowed: tuple[str, ...] = ("county", "prefecture"),
) -> Division | None:
    """Pick the meaning of an ambiguous name from the regions named around it, else the unique one."""
    levels = [d for d in divs if d.level in levels_allowed]
    if len(levels) == 1:
        return levels[0]
    scored = []
    for d in levels:
        chain = {a.code for a in divisions.ancestors(d)}
        scored.append((len(chain & context_codes), d))
    scored.sort(key=lambda x: -x[0])
    if scored and scored[0][0] > 0 and (len(scored) == 1 or scored[1][0] < scored[0][0]):
        return scored[0][1]
    return None


def find_partners(
    regions: list[Candidate], sentences: Sentences, own: RegionRef | None, divisions: Divisions
) -> list[Partner]:
    if not sentences.spans:
        return []
    own_codes: set[str] = set()
    if own and own.code and own.code in divisions.by_code:
        d = divisions.by_code[own.code]
        own_codes = {d.code, *(a.code for a in divisions.ancestors(d))}
    by_sentence: dict[int, list[Candidate]] = {}
    text = sentences.text
    for c in regions:
        if c.full or _listed(text, c):
            by_sentence.setdefault(sentences.index_of(c.start), []).append(c)
    own_is_province = own is not None and own.level == "province"  # 川渝通办: provinces partner provinces
    levels_allowed = ("county", "prefecture", "province") if own_is_province else ("county", "prefecture")
    out: list[Partner] = []
    for idx, cands in sorted(by_sentence.items()):
        sentence = sentences.text_of(idx)
        if not PARTNER_CUES.search(sentence) or VISIT_CUES.search(sentence):
            continue
        context = {code for c in cands for code in c.codes}
        chosen: list[tuple[Candidate, Division]] = []
        for c in cands:
            divs = [divisions.by_code[code] for code in c.codes]
            choice = choose_division(divs, context, divisions, levels_allowed)
            if choice is not None:
                chosen.append((c, choice))
        qualifiers = {a.code for _, d in chosen for a in divisions.ancestors(d)}
        s_start, _ = sentences.span(idx)
        for c, d in chosen:
            if d.code in own_codes or d.code in qualifiers or (d.level == "province" and not own_is_province):
                continue
            out.append(
                Partner(
                    region=divisions.ref(d),
                    surface=sentences.text[c.start : c.end],
                    start=c.start,
                    end=c.end,
                    sentence=sentence,
                    sentence_start=s_start,
                )
            )
    return out
