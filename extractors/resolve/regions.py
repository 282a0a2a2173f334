"""The reporting region: the government that wrote the report, even when it never names itself.

The level comes first, then the place:

1. **Declared.** A division named in the title line, or in the opening lines right before a word of
   government (温州市第十二届人民代表大会, 温州市市长, 我代表温州市人民政府, 某县数据资源管理局), speaks
   for the report.
2. **The unit the report calls itself** (全市, 我县, 本州, 全盟, 全区 …) keeps only the divisions that
   answer to it: a city report that names ten of its counties says 全市, so none of the counties can
   be its region; a province report says 全省.
3. **Evidence** decides among what is left: mentions of the division (full names weigh more than
   short ones), the distinct sub-units it has among the mentions (a city names its counties, a county
   its towns, a province its cities), the mentions of its own prefecture and province, and for a
   county less for the other counties of its city named (its city names them, it rarely does).
   Partnership and study-visit sentences are no evidence: partners are never the reporting region.
   With no declaration and no self-reference, a stray short name is no ground for a region.

A development zone or new area (兰州新区, 某市高新区) is credited to the unit that administers it,
and its own name is returned beside the region.  Word lists and weights: ``data/region_cues.toml``.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from functools import lru_cache

from extractors.knowledge.divisions import Divisions
from extractors.knowledge.region_cues import region_cues
from extractors.recognise.candidates import Candidate
from extractors.records import RegionRef
from extractors.relate.partners import PARTNER_CUES, VISIT_CUES
from extractors.relate.sentences import Sentences

LEVEL_RANK = {"county": 0, "prefecture": 1, "province": 2}  # most specific first


@dataclass(frozen=True)
class Reporting:
    """Whose report it is: the region, and the functional area it speaks for (if any)."""

    region: RegionRef | None
    area: str | None = None


@dataclass(frozen=True)
class _Patterns:
    """The cue file's word lists as compiled patterns.  Each starts with a character or a class,
    so that Python's re jumps from one candidate character to the next (a look-behind or a group
    in front would make it try every position of a report)."""

    own: re.Pattern[str]  # 全市, 我县 … (the unit in group 1)
    weak: re.Pattern[str]  # 县委, 市政府 … (the unit is the first character)
    sub_units: re.Pattern[str]  # a first character, then the rest of any sub-unit word: a sieve …
    sub_units_by_unit: dict[str, re.Pattern[str]]  # … whose hits each unit's own words confirm
    declaration: re.Pattern[str]
    area: re.Pattern[str]
    national: re.Pattern[str]  # 我代表国务院 …: the central government's report


@lru_cache(maxsize=1)
def _patterns() -> _Patterns:
    cues = region_cues()
    own = cues["self_reference"]
    units = sorted(own["units"], key=len, reverse=True)
    single = "".join(u for u in units if len(u) == 1)
    words = [word for unit_words in cues["sub_units"].values() for word in unit_words]  # each starts with a character
    firsts = "".join(sorted({word[0] for word in words}))
    return _Patterns(
        own=re.compile(f"[{''.join(own['prefixes'])}]({'|'.join(units)})"),
        weak=re.compile(f"[{single}](?:{'|'.join(own['weak_after_unit'])})"),
        sub_units=re.compile(f"[{firsts}](?:{'|'.join(word[1:] for word in words)})"),
        sub_units_by_unit={unit: re.compile("|".join(unit_words)) for unit, unit_words in cues["sub_units"].items()},
        declaration=re.compile("|".join(cues["declaration"]["after"])),
        area=re.compile("|".join(sorted(cues["functional_area"]["suffixes"], key=len, reverse=True))),
        national=re.compile("|".join(cues["declaration"]["national"])),
    )


def self_references(text: str) -> Counter[str]:
    """How often the report calls itself by each unit word (全市 → 市, 我县 → 县, 本州 → 州).

    >>> self_references("全市上下，我市率先；全省第一")["市"]
    2
    """
    patterns = _patterns()
    own = region_cues()["self_reference"]
    counts: Counter[str] = Counter()
    for m in patterns.own.finditer(text):
        start, end = m.span()
        after = text[end : end + 1]
        if after in own["not_before"] or m.group(0) in own["not_as_unit"]:
            continue  # 全市场, 本地区
        if text[start] == own["comparing_prefix"] and (
            (start and text[start - 1] in own["comparing_before"]) or after in own["comparing_after"]
        ):
            continue  # 位居全省第一, 好于全省 (我市率先 is the report itself)
        counts[m.group(1)] += 1
    for m in patterns.sub_units.finditer(text):  # 县区, 市州 …: the report's own sub-units together
        unit = next((u for u, p in patterns.sub_units_by_unit.items() if p.match(text, m.start())), None)
        if unit:
            counts[unit] += 1
    if not counts:  # only 县委, 市政府 …: weaker, but better than nothing
        counts.update(m.group(0)[0] for m in patterns.weak.finditer(text))
    return counts


def reporting_units(text: str) -> dict[str, float]:
    """The unit words the report may be speaking of itself with, each with its share of the most
    used one's times (1.0 for that one); those used less than a fixed share are left out.  Not the
    most used alone: a city report compares itself with the province (全省第一, 好于全省) about as
    often as it says 全市, and a county report with its city; the evidence for each division, times
    its unit's share, then decides.  Empty when the report never calls itself anything."""
    counts = self_references(text)
    if not counts:
        return {}
    most = max(counts.values())
    floor = region_cues()["weights"]["unit_share"]
    return {u: n / most for u, n in counts.items() if n / most >= floor}


def title_unit(title: str) -> str | None:
    """The unit a title names its government by, with or without a name (2015年自治区政府工作报告 → 区)."""
    m = re.search(region_cues()["title_unit"]["pattern"], title)
    return region_cues()["title_unit"]["unit"].get(m.group(1), m.group(1)) if m else None


@lru_cache(maxsize=4096)
def answers_to(name: str) -> tuple[str, ...]:
    """The self-reference units a division of this name uses (广西壮族自治区 → 区, 延边朝鲜族自治州 → 州)."""
    units = region_cues()["units"]
    for suffix in sorted(units, key=len, reverse=True):
        if name.endswith(suffix):
            return tuple(units[suffix])
    return ()


class _Evidence:
    """Per division code: how much the text speaks of it, and of its sub-units."""

    def __init__(self, divisions: Divisions) -> None:
        self.divisions = divisions
        weights = region_cues()["weights"]
        self.w_full, self.w_short = weights["full_name"], weights["short_name"]
        self.max_meanings, self.w_child = weights["max_meanings"], weights["child"]
        self.w_ancestor, self.ancestor_cap = weights["ancestor"], weights["ancestor_cap"]
        self.w_sibling = weights["sibling"]
        self.mentions: dict[str, float] = defaultdict(float)
        self.children: dict[str, dict[str, float]] = defaultdict(dict)  # parent → sub-unit → weight

    def add(self, c: Candidate, text: str) -> None:
        meant = self.divisions.units_meant(c.codes)
        if not meant or len(meant) > self.max_meanings or _inside_a_word(c, text):
            return
        weight = self.w_full if c.full else self.w_short
        for code in meant:
            self.mentions[code] += weight / len(meant)
        codes = c.codes
        for code in codes:  # a sub-unit of its parent (shared among what an ambiguous name may mean)
            d = self.divisions.by_code[code]
            if d.parent:
                children = self.children[d.parent]
                children[d.code] = max(children.get(d.code, 0.0), weight / len(codes))

    def knows_county_of(self, town: Candidate) -> bool:
        """Whether the county of a town name, or that county's prefecture, has evidence already."""
        for county in self.divisions.units_meant(town.codes).values():
            if self.mentions.get(county.code) or self.mentions.get(county.parent):
                return True
        return False

    def pool(self) -> set[str]:
        """Every division with evidence (mentioned, or with mentioned sub-units) and the units above
        them: a report that says 全省 and names only a county speaks for that county's province."""
        named = {c for c, v in self.mentions.items() if v > 0} | set(self.children)
        return named | {a.code for c in named for a in self.divisions.ancestors(self.divisions.by_code[c])}

    def score(self, code: str) -> float:
        """Mentions, plus the sub-units named, plus a little for the ancestors named, and for a
        county minus the other counties of its city named: a county speaks of its own towns, its
        city of its counties (cities, unlike counties, often name their neighbours: 宁波舟山港)."""
        d = self.divisions.by_code[code]
        ancestors = sum(min(self.mentions.get(a.code, 0.0), self.ancestor_cap) for a in self.divisions.ancestors(d))
        family = self.children.get(d.parent, {}) if d.level == "county" else {}
        siblings = sum(family.values()) - family.get(code, 0.0)
        return (
            self.mentions.get(code, 0.0)
            + self.w_child * sum(self.children.get(code, {}).values())
            + self.w_ancestor * ancestors
            - self.w_sibling * siblings
        )


def _names_towns(c: Candidate, divisions: Divisions) -> bool:
    return all(divisions.by_code[code].level == "town" for code in c.codes)


def _inside_a_word(c: Candidate, text: str) -> bool:
    """A two-character full name such as 范县 or 成县 right after another character is most often the
    end of a word (示范县, 完成县域), unless that character ends a higher unit's name (安徽省和县)."""
    return bool(
        len(c.name) == 2
        and c.full
        and c.start > 0
        and "\u4e00" <= text[c.start - 1] <= "\u9fff"
        and text[c.start - 1] not in region_cues()["self_reference"]["units"]
    )


@dataclass
class _Declared:
    """Divisions the report names as its government: in its title, and in its opening lines."""

    title: set[str]
    head: set[str]
    area: str | None = None


def _settled(options: list[set[str]], divisions: Divisions, max_meanings: int) -> set[str]:
    """What a few names mean together: an ambiguous one (鼓楼区: four counties) is read as the
    namesake under another of the names (福州市鼓楼区), else kept only when it has few meanings."""
    sure = set().union(*(o for o in options if len(o) == 1))
    out = set(sure)
    for o in options:
        if len(o) > 1:
            consistent = {c for c in o if any(a.code in sure for a in divisions.ancestors(divisions.by_code[c]))}
            out |= consistent or (o if len(o) <= max_meanings else set())
    return out


def _declared(
    text: str, regions: list[Candidate], title_regions: list[Candidate], title: str, divisions: Divisions
) -> _Declared:
    """Divisions the title or the opening lines name as the report's government, and a functional
    area named with one of them (合肥高新区 → 合肥市, "合肥高新区")."""
    patterns = _patterns()
    declaration, area_suffix = patterns.declaration, patterns.area
    cues = region_cues()
    head_chars, max_meanings = cues["declaration"]["head_chars"], cues["weights"]["max_meanings"]
    in_title: list[set[str]] = []
    area = None
    for c in title_regions:  # anything the title names
        meant = divisions.units_meant(c.codes)
        if meant:
            in_title.append(set(meant))
            m = area_suffix.match(title, c.end)
            if m and area is None:
                area = title[c.start : c.end] + m.group(0)
    in_head: list[set[str]] = []
    for c in regions:
        if c.start >= head_chars:
            break
        meant = divisions.units_meant(c.codes)
        if not c.full or not meant:
            continue
        after = c.end
        while after < len(text) and text[after] in " \t\n\u3000":  # 在宁波市⏎第十六届人民代表大会
            after += 1
        if declaration.match(text, after):
            in_head.append(set(meant))
    return _Declared(_settled(in_title, divisions, max_meanings), _settled(in_head, divisions, max_meanings), area)


def _most_specific(codes: set[str], evidence: _Evidence) -> str:
    d = evidence.divisions
    return min(codes, key=lambda c: (LEVEL_RANK.get(d.by_code[c].level, 3), -evidence.score(c), c))


def _unit_share(code: str, units: dict[str, float], divisions: Divisions) -> float:
    """How much the report calls itself by a unit this division answers to (1.0 when it never
    calls itself anything)."""
    if not units:
        return 1.0
    return max((units.get(u, 0.0) for u in answers_to(divisions.by_code[code].name)), default=0.0)


def _best(codes: set[str], evidence: _Evidence, units: dict[str, float]) -> str | None:
    """The division with the most evidence, weighed by the share of its unit among the report's
    self-references."""
    d = evidence.divisions
    return min(codes, key=lambda c: (-evidence.score(c) * _unit_share(c, units, d), c)) if codes else None


def _answering(codes: set[str], units: dict[str, float], divisions: Divisions) -> set[str]:
    """The divisions among ``codes`` that answer to one of ``units`` (all of them when none)."""
    if not units:
        return set(codes)
    return {c for c in codes if _unit_share(c, units, divisions) > 0}


def infer_reporting(
    text: str,
    regions: list[Candidate],
    sentences: Sentences,
    divisions: Divisions,
    title: str = "",
    title_regions: list[Candidate] | None = None,
) -> Reporting:
    """The reporting region of a report (and its functional area), from its text, its division
    names (``regions``, from the recogniser) and its title (``title_regions``: the names in the
    title when it is not the text's first line)."""
    head_chars = region_cues()["declaration"]["head_chars"]
    if _patterns().national.search(title + text[:head_chars]):
        return Reporting(None)  # the State Council's report speaks for no division
    excluded = sentences.matching(PARTNER_CUES) | sentences.matching(VISIT_CUES)
    evidence = _Evidence(divisions)
    towns: list[Candidate] = []
    for c in regions:
        if c.start >= head_chars and sentences.spans and sentences.index_of(c.start) in excluded:
            continue
        if _names_towns(c, divisions):
            towns.append(c)
        else:
            evidence.add(c, text)
    # Town names are often words too (小城镇, 文明村镇, 东部新区): a town speaks for its county only
    # when the county or its prefecture is named as well, or when the report names nothing else.
    anything_else = bool(evidence.mentions)
    for c in towns:
        if not anything_else or evidence.knows_county_of(c):
            evidence.add(c, text)
    if title_regions is None:  # the title is the text's first line: its names are among ``regions``
        title_regions = [c for c in regions if c.start < len(title)] if title and text.startswith(title) else []
    declared = _declared(text, regions, title_regions, title, divisions)
    units = reporting_units(text)
    if title and (named := title_unit(title)):  # 自治区政府工作报告: the title says which unit speaks
        units = {**{u: share / 2 for u, share in units.items()}, named: 1.0}

    chosen: str | None = None
    if declared.title:  # the title names the government: the most specific name it gives
        chosen = _most_specific(declared.title, evidence)
    elif declared.head:  # so do the opening lines, where the self-references choose among names
        # (a city's report may open with its districts' offices: 全市 leaves none of them)
        speaking = _answering(declared.head, units, divisions)
        chosen = _most_specific(speaking, evidence) if speaking else None
    if chosen is None:
        pool = evidence.pool()
        chosen = _best(_answering(pool, units, divisions), evidence, units) or _best(pool, evidence, {})
        if chosen is not None and not units and evidence.score(chosen) < region_cues()["weights"]["min_evidence"]:
            chosen = None  # one stray short name is no ground to credit a report: better no region than a guess
    if chosen is None:
        return Reporting(None)
    d = divisions.by_code[chosen]
    if divisions.is_functional_area(d) and d.parent in divisions.by_code:
        return Reporting(divisions.ref(divisions.by_code[d.parent]), declared.area or d.name)
    return Reporting(divisions.ref(d), declared.area)


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
