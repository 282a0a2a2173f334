"""The reporting region: whose office wrote the report, even when it never names itself.

Evidence, weighed per candidate division:
* names in the title or opening lines, and names fused with an office (广德市数据资源管理局);
* every other mention outside partnership and study-visit sentences;
* towns and streets (环峰镇 → its county), short names (数字涡阳 → 涡阳县);
* consistency: a county gains when its prefecture and province are mentioned;
* self-references (我县, 全区, 我市 …) decide between 县, 区 and 市 and between county and prefecture.
The most specific region with enough support wins; partners are never the reporting region.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict

from extractors.recognise.candidates import Candidate
from extractors.records import RegionRef
from extractors.relate.partners import PARTNER_CUES, VISIT_CUES
from extractors.relate.sentences import Sentences
from extractors.resolve.divisions import Division, Divisions

# Self-references by unit: 我县/全县/本县 and 县委/县政府/县直 … (旗 and 省 have fewer forms).
SELF_CUE_FORMS = {
    "县": ("我", "全", "本", "委", "政府", "直", "级", "数据", "政务"),
    "区": ("我", "全", "本", "委", "政府", "直", "级", "数据", "政务"),
    "市": ("我", "全", "本", "委", "政府", "直", "级", "数据", "政务"),
    "旗": ("我", "全", "委", "政府"),
    "省": ("我", "全", "委", "政府"),
}
_PREFIXES = ("我", "全", "本")
# All units' cues in one pattern, so a report is scanned once, not once per unit.  The counts equal
# one scan per unit: a cue starts with its unit character or with 我/全/本 right before it, so two
# cues of different units never overlap.
SELF_CUE = re.compile("|".join(
    f"{form}{unit}" if form in _PREFIXES else f"{unit}{form}"
    for unit, forms in SELF_CUE_FORMS.items() for form in forms))
OFFICE_AFTER = re.compile(r"^(数据资源管理局|数据局|政务服务管理局|政务服务中心|大数据|数字|人民政府|政府|委员会|县委|区委|市委|行政审批|营商)")
HEAD = 30  # without a title line, only the opening words count as one
MIN_COUNTY = 1.0


def _unit_char(name: str) -> str:
    return name[-1]


def _self_cues(text: str) -> Counter[str]:
    """How often the report refers to itself as each unit (县, 区, 市, 旗, 省)."""
    cues = Counter({unit: 0 for unit in SELF_CUE_FORMS})
    # the unit is the cue's second character after 我/全/本, else its first
    cues.update(m[1] if m[0] in _PREFIXES else m[0] for m in SELF_CUE.findall(text))
    return cues


def infer_region(text: str, regions: list[Candidate], sentences: Sentences, divisions: Divisions,
                 title: str = "") -> RegionRef | None:
    excluded_sentences = sentences.matching(PARTNER_CUES) | sentences.matching(VISIT_CUES)

    score: dict[str, float] = defaultdict(float)  # code → evidence
    mentioned: Counter[str] = Counter()
    head_end = len(title) if title else HEAD
    title_hits: set[str] = set()
    ambiguous_in_title: list[set[str]] = []  # 南山区 (深圳 or 鹤岗): settled by the rest of the title
    for c in regions:
        in_head = c.start < head_end
        idx = sentences.index_of(c.start) if sentences.spans else 0
        if idx in excluded_sentences and not in_head:
            continue
        full = bool(c.extra.get("full"))
        weight = 1.0 if full else 0.5
        if full and OFFICE_AFTER.match(text[c.end:c.end + 8]):
            weight += 2.0
        if in_head and full:
            weight += 4.0
        counties = divisions.units_meant(c.extra["codes"])
        if not counties:
            continue
        share = weight / len(counties) if len(counties) <= 3 else 0.0
        if in_head and full and len(counties) == 1:
            title_hits.update(counties)
        elif in_head and full and len(counties) > 1:  # 鼓楼区 has four namesakes: still settled by its prefecture
            ambiguous_in_title.append(set(counties))
        for code in counties:
            score[code] += share
            mentioned[code] += 1

    if not score:
        return None
    for options in ambiguous_in_title:
        consistent = [c for c in options
                      if any(a.code in title_hits for a in divisions.ancestors(divisions.by_code[c]))]
        if len(consistent) == 1:
            title_hits.add(consistent[0])
    cues = _self_cues(text)
    by_level: dict[str, list[tuple[float, Division]]] = defaultdict(list)
    for code, s in score.items():
        d = divisions.by_code[code]
        ancestors = divisions.ancestors(d)
        bonus = sum(min(score.get(a.code, 0.0), 2.0) * 0.5 for a in ancestors)
        unit = _unit_char(d.name)
        if d.level == "county" and cues.get(unit, 0) > 0:
            bonus += 1.0 + min(cues[unit], 10) * 0.1
        by_level[d.level].append((s + bonus, d))

    def best(level: str) -> tuple[float, Division] | None:
        ranked = sorted(by_level.get(level, []), key=lambda x: (-x[0], x[1].code))
        return ranked[0] if ranked else None

    if title_hits:
        # the title line says whose report it is: take the most specific region it names
        rank = {"county": 0, "prefecture": 1, "province": 2}
        named = sorted((divisions.by_code[c] for c in title_hits),
                       key=lambda d: (rank.get(d.level, 3), -score[d.code], d.code))
        return divisions.ref(named[0])
    county, prefecture, province = best("county"), best("prefecture"), best("province")
    county_cues = cues["县"] + cues["区"] + cues["旗"]
    if county and county[0] >= MIN_COUNTY + 1.0 or (county and county_cues and county[0] >= MIN_COUNTY):
        # a prefecture report names its counties too: prefer the prefecture when it clearly leads
        if prefecture and county_cues == 0 and prefecture[0] > 2 * county[0] and \
                prefecture[1].code not in {a.code for a in divisions.ancestors(county[1])}:
            return divisions.ref(prefecture[1])
        if prefecture and county_cues == 0 and prefecture[0] > 2 * county[0] and cues["市"] > 0 and \
                _unit_char(county[1].name) != "市":
            return divisions.ref(prefecture[1])
        return divisions.ref(county[1])
    if prefecture and (prefecture[0] >= MIN_COUNTY or not province):
        return divisions.ref(prefecture[1])
    if province:
        return divisions.ref(province[1])
    return None


def region_from_hint(name: str, divisions: Divisions, inferred: RegionRef | None) -> RegionRef:
    """The region a manifest names: a current division (former names mapped), the one agreeing
    with what the text says when the name is ambiguous (鼓楼区 …), else the name as given."""
    candidates = divisions.lookup(name.strip())
    if not candidates:
        return RegionRef(name=name.strip(), level="unknown")
    refs = [divisions.ref(d) for d in sorted(candidates, key=lambda d: d.code)]
    if inferred:
        for ref in refs:
            if ref.code == inferred.code:
                return ref
        for ref in refs:
            if ref.province and ref.province == inferred.province:
                return ref
    return refs[0]
