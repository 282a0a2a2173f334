"""Open discovery: names no knowledge base lists, found by the way reports mark them.

Three families, each a pure function over the text:

* quoted names “…” typed by the words around them (“皖事通办”平台 → platform, “一制度两窗口”机制 →
  program) or by their own shape;
* unquoted names ending in a platform suffix (…平台, …系统, …APP, …小程序, …热线, …政府网),
  cut back to the nearest clause boundary;
* agencies (region or level prefix + body + 局/委/办公室/中心/厅) and cited policies 《…》 with
  their document numbers (皖数资函〔2024〕22号).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from functools import lru_cache

import rjieba

from extractors.knowledge.domain import (
    AGENCIES_FILE,
    NAME_PATTERNS_FILE,
    domain_cues,
    names_a_reform,
    names_a_sector,
    rules,
)
from extractors.recognise.candidates import Candidate

# The word lists live in extractors/knowledge/name_patterns.toml; the patterns are built from them here.
_WORDS = rules(NAME_PATTERNS_FILE)
_UNQUOTED = _WORDS["unquoted_platform"]


def _alternatives(words: Sequence[str]) -> str:
    """A regex alternation of ``words`` as they stand, in their order."""
    return "|".join(map(re.escape, words))


CJK = "\u4e00-\u9fff"
NAME_CHARS = f"{CJK}A-Za-z0-9+·\\-"

PLATFORM_AFTER = tuple(_WORDS["quoted"]["platform_after"])
# only after 等: “接诉即办”应用 is the use of a reform, “甬税通”等应用 are apps
LISTED_PLATFORM_AFTER = tuple(_WORDS["quoted"]["listed_platform_after"])
# 等 + a few words between a list of quoted names and the type word (“飞鹰”等平台, “甬税通”等数字化应用)
LISTED_WITH = re.compile(r"等(重大|重点|一批|数字化|数字|特色|各类|政务|服务)*")
# Words that may stand between a quoted name and its type word (“蒙速办·准好办”政务服务品牌).
DESCRIPTOR = re.compile(r"(政务服务|政务|服务|便民|惠企|营商|数字|特色|综合)*")
PROGRAM_AFTER = tuple(_WORDS["quoted"]["program_after"])
PROGRAM_BEFORE = tuple(_WORDS["quoted"]["program_before"])
PLATFORM_SHAPE = re.compile(r"(平台|系统|APP|app|小程序|热线|客户端|码|云|通)$")
PROGRAM_SHAPE = re.compile(
    r"(^[一二三四五六七八九十0-9]+[^\d]*[一二三四五六七八九十]|办$|通办|即享|即办|跑一次|不见面|一窗|一网|一门|一次|"
    r"一件事|改革$|行动$|工程$|^数字|^智慧|^互联网\+|放管服|最多|全程|不打烊|好差评|服务圈$|生活圈$)"
)
NUMBERED_REFORM = re.compile("改革|工程|行动|模式")
MIN_REFORM_NAME, MAX_REFORM_NAME = 3, 10  # a quoted name typed by its service words alone
GROUP_GAP = re.compile(r"^[、和及与以及]?$")  # between quoted names of one list: “粤省事”“粤商通”, “A”、“B”
STRONG_PROGRAM = re.compile(r"(一次|一网|一门|一窗|一件事|即享|跑一次|不见面|改革|^互联网\+|放管服)")
NOT_A_NAME = re.compile(r"^[\d.%]+$|^[一二三四五六七八九十]+$|问题$|难$|^[的了着过]")
QUOTED = re.compile(r"[“\"「『]([^“”\"「」『』\n]{2,20})[”\"」』]")
# Words before a quoted phrase that make it something to avoid, not a program (杜绝“面子工程”).
REJECTED_BEFORE = re.compile(f"({_alternatives(_WORDS['quoted']['rejected_before'])})[^，。；]{{0,2}}$")
LIST_SEPARATORS = re.compile(r"[、，,／/]")
LIST_COMMA = re.compile("[、，,]")
APP_WORD_AT_END = re.compile(r"(APP|app|App|小程序|客户端)$")  # dropped from a quoted platform's name
MAX_LISTED_NAME = 6  # a quoted enumeration of short names (“一网通办、全程网办”) is a list of names

# Unquoted platforms: the suffix, and how far back the name may reach within its clause.
PLATFORM_SUFFIX = re.compile(f"({_alternatives(_UNQUOTED['suffixes'])})")
MAX_NAME = 16
# Words after which a name starts (verbs and prepositions that introduce a system).
LEFT_BOUNDARIES = sorted(_UNQUOTED["left_boundaries"], key=len, reverse=True)
LEFT_BOUNDARY = re.compile("|".join(map(re.escape, LEFT_BOUNDARIES)))  # alternatives longest first
# Boundary words that are nouns as often as verbs (运行, 管理 …): see _noun_inside.
NOUN_LIKE_BOUNDARIES = frozenset(_UNQUOTED["noun_like_boundaries"])
# A verb right before a noun-like word makes it a verb too (加快建设…平台)
VERB_ENDS = re.compile(
    "(?:" + "|".join(re.escape(w) for w in LEFT_BOUNDARIES if w not in NOUN_LIKE_BOUNDARIES) + ")\\Z"
)
BOUNDARY_FIRST_CHARS = frozenset(w[0] for w in LEFT_BOUNDARIES)
# The run of name characters that ends where the search stops (\Z: $ would also match before a "\n").
# A short bracketed word inside a name belongs to it: 国家（西部）算力调度平台.
# Not a heading's number (（一）政务服务平台), nor levels given as alternatives (县（市）…平台), nor
# a bracket that opens the run.
NAME_RUN_AT_END = re.compile(
    f"(?:[{NAME_CHARS}]|(?<=[{CJK}])（(?![一二三四五六七八九十]+）)[{CJK}]{{2,4}}(?<![市区县镇村地境乡道])）)*\\Z"
)
GENERIC_STEMS = re.compile(f"^({_alternatives(_UNQUOTED['generic_stems'])})+$")
COUNT_TAIL = re.compile(r"^([余多个大类家项套款级轮批次年月日号底初末座条所处台辆部])+")
# A count right before a platform name makes it a kind of platform (3个中试服务平台, 一批数字化平台,
# 5大核心系统), not one named system; a date (2023年…平台) does not.
COUNTING = frozenset("个大类家项套款批座条所处台辆部")
COUNTED_BEFORE = re.compile(r"[\d一二两三四五六七八九十百千几多数若干余]+[个大类家项套款批座条所处台部]\Z")
EMBEDDED_BODY = re.compile(r"(委|局|医院|学校|中心|公司|集团)")
MAX_STEM = 14
MAX_QUOTED_DESCRIPTOR = 8  # words between a quoted name and its suffix that still belong to the name
# 平台/系统/商城/服务网 also name things that are not software (生态系统, 融资平台, 中试平台, 电力系统): an
# unquoted name with one of them needs a digital or service word in its stem, or a region in front.
NEEDS_CUE = tuple(_UNQUOTED["needs_cue"])  # 社区卫生服务网, 养老服务网: networks of clinics and homes
# …系统 of energy, water or transport infrastructure is no software, even with a region in front
NOT_SOFTWARE = tuple(_UNQUOTED["not_software"])
DIGITAL_WORDS = _alternatives(_UNQUOTED["digital_words"])
DIGITAL_CUE = re.compile(f"({DIGITAL_WORDS}|网络|码|网|通|办)")
# The cue a network of services (…服务网) or a system of infrastructure (…交通系统, …路网系统) needs:
# the short cues are also words of roads and clinics (流通, 路网, 交通).
STRICT_DIGITAL_CUE = re.compile(f"({DIGITAL_WORDS})")
INFRASTRUCTURE_END = (*NOT_SOFTWARE, "路网", "交通")
# 系统 used as an adverb or adjective (坚持系统谋划, 系统性变革, 系统治理) and 平台 as a modifier
# (平台经济, 平台企业): the suffix starts a longer word, so no name ends here.
SUFFIX_CONTINUES = re.compile(
    f"(系统({_alternatives(_UNQUOTED['system_continues'])})|平台({_alternatives(_UNQUOTED['platform_continues'])}))"
)
# Stems that describe rather than name: a level (乡镇级, 市级), "a new/another …", an ordinal (第三代).
# 上平台 (企业上云上平台) is a verb and its object, 大平台 (大通道大平台) a big one.
DESCRIPTIVE_STEM = re.compile(r"(级|新$|另$|总$|上$|大$|第[一二三四五六七八九十\d]+|^紧急|^专用|^各)")
LEADING_QUANTITY = re.compile(r"^[多几数各每][轮批次个项类家套款级]")

CUSTOMS = "海关"
REGION_PROGRAM_LEADS = ("数字", "智慧", "数智")
REGION_PROGRAM_ENDS = re.compile(r"[、，,。；;”\"）)\s]|[和与及]|建设|战略|$")

AGENCY_SUFFIX = "(办公室|委员会|常委会|管理局|服务中心|数据中心|中心|局|委|厅|集团|公司|银行|农商行)"
# Two fields of work joined in one name (规划和自然资源局, 工业和信息化部) belong to administrative bodies;
# before 中心, 集团, 公司 or 银行 a conjunction means the candidate spans a clause.
FIELDS_JOINED = re.compile("[和及与]")
ADMINISTRATIVE_END = re.compile(r"(办公室|委员会|局|委|厅|部|署|办)\Z")
LEVEL_PREFIX = "(?:省|市|县|区)"
# A level-prefixed agency at the start of the text or right after one of these characters.
AGENCY_BOUNDARY = r"[，,、；;。：:（(\s与和及由同合]"
AGENCY_NAME = rf"({LEVEL_PREFIX}[{CJK}]{{1,8}}?{AGENCY_SUFFIX})"
# The boundary character is matched, not looked behind: a pattern that starts with a look-behind is
# tried at every character of a report, one that starts with a character class only where such a
# character is (the costliest pattern of recognition before).  No agency name ends with a boundary
# character, so consuming it never hides the next name.
AGENCY_AT_START = re.compile(AGENCY_NAME)
AGENCY_AFTER_BOUNDARY = re.compile(AGENCY_BOUNDARY + AGENCY_NAME)
AGENCY_AFTER_REGION = re.compile(
    rf"[{CJK}]{{0,12}}?({AGENCY_SUFFIX[1:-1]}|{CUSTOMS})"
)  # after a region name: …数据资源管理局
POLICY = re.compile(r"《([^《》\n]{4,80})》(?:\s*[（(]([^（）()\n]{3,40})[）)])?")
DOC_NUMBER = re.compile(rf"[{CJK}]{{1,12}}[〔\[［【(（]\d{{4}}[〕\]］】)）]\s*第?\d+\s*号")
POLICY_WORDS = re.compile(
    r"(通知|意见|办法|方案|预案|规范|守则|规定|条例|决定|规划|计划|细则|标准|指南|清单|纲要|法|准则|制度|措施|要点|规则|批复|函)$"
)
# "县委、县政府中心工作": the suffix is the start of a longer word, not an agency's last character.
AGENCY_WORD_GOES_ON = re.compile(r"(工作|任务|城区|城市|镇|组|环节|思想|位置|地位|员)")  # 市政协委员: a person
# 省级…中心, 区域医疗中心: a level of things or a region of the country, not a body of that level
LEVEL_ADJECTIVE = re.compile(r"^(省|市|县|区)(级|域|县)")  # …, and 区县 (the counties of a city)
AGENCY_BAD = re.compile(
    r"(部署|格局|布局|结局|当局|大局|全局|终局|开局|变局|胜局|新局|中心工作|为中心|中心城区|中心城市|中心组|重心|核心|中心大厅)"
)


def _after(text: str, end: int, words: tuple[str, ...]) -> bool:
    return text.startswith(words, end)


def _type_from_context(
    text: str,
    m: re.Match[str],
    inner: str,
    contains_platform: Callable[[str], bool],
    region_starts: set[int] | frozenset[int] = frozenset(),
) -> str | None:
    """platform, program or None (unknown) for one quoted name, from the words around it."""
    word = _type_word_after(text, m.end())
    if word == "platform":
        typed_by = PLATFORM_SUFFIX.search(text, m.end(), m.end() + MAX_QUOTED_DESCRIPTOR + 4)
        if typed_by and names_a_sector(text[max(0, m.start() - 6) : typed_by.end()]):
            return None  # 工业互联网“X”平台, “X”电商平台: a firm's platform, not a government's
        # “只报一次”系统: a reform's name used as a label, still the reform
        return "program" if STRONG_PROGRAM.search(inner) else "platform"
    if word == "program":
        return "program"
    if contains_platform(inner):
        return "platform"
    if PLATFORM_SHAPE.search(inner) and not PROGRAM_SHAPE.search(inner) and not LIST_COMMA.search(inner):
        # named by its shape alone: a system only with a service word or a region in its name
        # (德清智码, 赣服通); 村村通 is a slogan
        named = m.start(1) in region_starts or _platform_rules()[0].search(inner)
        return "platform" if named else None
    if PROGRAM_SHAPE.search(inner):
        return "program"
    if text[max(0, m.start() - 2) : m.start()] in PROGRAM_BEFORE:
        return "program"
    if MIN_REFORM_NAME <= len(inner) <= MAX_REFORM_NAME and names_a_reform(inner) and not PLATFORM_SUFFIX.search(inner):
        return "program"  # “全程不用跑”比例, “简易审批”和联合验收: a service reform by its own words
    return None


def _type_word_after(text: str, close: int) -> str | None:
    """The type a platform or program word after a closing quote gives, right there or past a short
    descriptor (“…”政务服务品牌); None when neither follows."""
    descriptor = DESCRIPTOR.match(text, close)  # may be empty
    after = descriptor.end() if descriptor else close
    listed = LISTED_WITH.match(text, close)  # “飞鹰”等平台, “甬税通”等数字化应用
    if listed and _after(text, listed.end(), LISTED_PLATFORM_AFTER) and not text.startswith("应用场景", listed.end()):
        return "platform"
    for at in dict.fromkeys((close, after, listed.end() if listed else close)):
        if _after(text, at, PLATFORM_AFTER):
            return "platform"
        if _after(text, at, PROGRAM_AFTER):
            return "program"
    return None


def quoted_names(
    text: str,
    contains_platform: Callable[[str], bool] = lambda _: False,
    region_starts: set[int] | frozenset[int] = frozenset(),
) -> list[Candidate]:
    """“…” names typed by context: a platform word or a program word right after, or their shape.

    Quoted names listed together (“i深圳”“粤省事”“粤商通”服务) share a type: the type word after the
    list, else the type of the members that have one.  ``contains_platform`` tells whether a known
    platform is part of the name (“皖事通-立马办”).
    """
    out: list[Candidate] = []
    matches = list(QUOTED.finditer(text))
    groups: list[list[re.Match[str]]] = []
    for m in matches:
        if groups and GROUP_GAP.match(text[groups[-1][-1].end() : m.start()]):
            groups[-1].append(m)
        else:
            groups.append([m])
    for group in groups:
        if REJECTED_BEFORE.search(text[max(0, group[0].start() - 8) : group[0].start()]):
            continue
        typed: list[tuple[re.Match[str], str, str | None]] = []
        for m in group:
            inner = m.group(1).strip()
            numbered = NUMBERED_REFORM.match(text, m.end())  # “1230”改革: the number names the reform with its word
            if inner.isdigit() and numbered:
                out.append(Candidate("program", m.start(1), m.end(1), inner + numbered.group(), "quoted"))
                continue
            if NOT_A_NAME.search(inner) or len(inner) < 2 or inner.endswith("+"):
                continue
            if LIST_SEPARATORS.search(inner):
                out += _listed_names(text, m.start(1), inner, contains_platform)
                continue
            typed.append((m, inner, _type_from_context(text, m, inner, contains_platform, region_starts)))
        if len(typed) > 1:
            stated = _type_word_after(text, group[-1].end())  # the word after the list types them all
            kinds = {t for _, _, t in typed if t}
            shared = stated or (kinds.pop() if len(kinds) == 1 else None)
            if stated:  # “数智粮仓”“甬税通”等数字化应用: stated for the list, it beats a verb before it
                # (only a member that is a platform on its own stays one in a list called programs)
                typed = [(m, inner, t if (t, stated) == ("platform", "program") else stated) for m, inner, t in typed]
            elif shared:
                typed = [(m, inner, t or shared) for m, inner, t in typed]
        for m, inner, type_ in typed:
            if type_ is None or (type_ == "program" and len(inner) < 3):
                continue  # two characters (“三审”) are an abbreviation, not a program's name
            name = inner
            if type_ == "platform":
                name = APP_WORD_AT_END.sub("", name) or inner
            out.append(Candidate(type_, m.start(1), m.end(1), name, "quoted"))
    return out


def _listed_names(text: str, start: int, inner: str, contains_platform: Callable[[str], bool]) -> list[Candidate]:
    """A quoted enumeration: each short part that reads as a program or platform on its own.

    “一网通办、全程网办” names two programs; “一窗受理、内部流转、限时办结” is a slogan whose parts
    are not names (too long, or shaped like neither), so it gives nothing.
    """
    out: list[Candidate] = []
    pos = 0
    for part in LIST_SEPARATORS.split(inner):
        offset = inner.index(part, pos) if part else pos
        pos = offset + len(part)
        name = part.strip()
        if not 3 <= len(name) <= MAX_LISTED_NAME:
            return []
        if contains_platform(name):
            type_ = "platform"
        elif STRONG_PROGRAM.search(name) and PROGRAM_SHAPE.search(name):
            type_ = "program"
        else:
            return []
        out.append(Candidate(type_, start + offset, start + offset + len(part), name, "quoted"))
    return out


def _cut_left(text: str, suffix_start: int, region_starts: set[int] | frozenset[int] = frozenset()) -> int | None:
    """Where a name ending at ``suffix_start`` begins: the nearest clause boundary on the left."""
    lo = max(0, suffix_start - MAX_NAME)
    run = NAME_RUN_AT_END.search(text, lo, suffix_start)  # the run of name characters (may be empty)
    i = run.start() if run else suffix_start
    window = text[i:suffix_start]
    cut = 0
    for pos in range(len(window) - 1, -1, -1):
        # the longest boundary word starting here; only a boundary word's first character can start one
        hit = LEFT_BOUNDARY.match(window, pos) if window[pos] in BOUNDARY_FIRST_CHARS else None
        if hit and hit.group() in NOUN_LIKE_BOUNDARIES and _noun_inside(window, pos, hit.end(), i == lo):
            continue
        if hit:
            cut = hit.end()
            break
    start = i + cut
    for k in range(suffix_start - 1, start - 1, -1):
        if text[k].isdigit():  # "5大核心平台", "2023年…平台": a count or a date, not part of a name
            start = k + 1
            tail = COUNT_TAIL.match(text[start:suffix_start])
            if tail:
                if COUNTING.intersection(tail.group()):
                    return None
                start += tail.end()
            break
    quant = LEADING_QUANTITY.match(text[start:suffix_start])
    if quant or COUNTED_BEFORE.search(text, max(0, start - 4), start):
        return None
    if region_starts:
        for k in range(start, suffix_start):
            if k in region_starts:  # a region name inside the clause begins the name (宣城市公共资源交易平台)
                start = k
                break
    return start if start < suffix_start else None


def _noun_inside(window: str, pos: int, end: int, truncated: bool) -> bool:
    """Whether a word that is a noun as often as a verb (建设, 管理, 运行), at ``pos:end`` of the
    run of name characters ``window``, is part of the name: not when it opens a clause (，建设…系统)
    or follows a verb (加快建设…平台); yes after another word (工程建设项目…系统, 城市运行管理…平台) or
    when cutting there would leave only a generic word (综合应用平台)."""
    if (pos == 0 and not truncated) or VERB_ENDS.search(window, 0, pos):
        return False
    return pos >= 2 or end == len(window) or bool(_platform_rules()[1].fullmatch(window, end))


def _word_start(text: str, start: int, suffix_start: int) -> int | None:
    """A name's start moved to a word boundary, by a real segmenter (rjieba: jieba's dictionary
    and tagger): back to the start of a word the cut fell inside (在 is a boundary word, 在线 is not:
    在线政务服务平台), then past a leading verb (进公共资源交易平台, 成立热线)."""
    lo = max(0, start - 4)
    at = lo
    for word, tag in rjieba.tag(text[lo:suffix_start]):  # one segmentation of the clause's end
        end = at + len(word)
        if end > start:  # the word the name starts in (or at)
            start = at
            if tag == "v":  # a leading verb is no part of the name
                start = end
            break
        at = end
    return start if start < suffix_start else None


def suffix_platforms(
    text: str,
    region_starts: set[int] | frozenset[int] = frozenset(),
    any_region_starts: set[int] | frozenset[int] | None = None,
) -> list[Candidate]:
    """Unquoted names ending in a platform suffix (宣城市公共资源交易平台, 办公OA系统).

    ``region_starts`` are where full region names begin (a name may start there);
    ``any_region_starts`` adds short names (广德商城): a region in front makes a name specific.
    """
    out: list[Candidate] = []
    any_region_starts = region_starts if any_region_starts is None else any_region_starts
    for m in PLATFORM_SUFFIX.finditer(text):
        if SUFFIX_CONTINUES.match(text, m.start()) and m.end() not in any_region_starts:
            continue  # 平台经济, 系统谋划 (but …平台内蒙古试点: a region starts after the suffix)
        if text.startswith("网上", m.end() - 1):
            continue  # …政务服务网上可办: 网上 is a word, the name does not end here
        start = _cut_left(text, m.start(), region_starts)
        if start is not None and start not in region_starts:
            start = _word_start(text, start, m.start())
        if start is None:
            continue
        stem = text[start : m.start()]
        if "）" in stem and "（" not in stem[: stem.rfind("）")]:
            start += stem.rfind("）") + 1  # a region inside brackets is no start: （西固区）子平台
            stem = text[start : m.start()]
        source = "pattern"
        prefix = ""
        if start >= 2 and text[start - 1] in '”"' and 0 < len(stem) <= MAX_QUOTED_DESCRIPTOR:
            # “只报一次”数据共享系统, “邻里在线”智慧社区综合应用平台: the quoted part belongs to the name
            open_at = text.rfind("“", max(0, start - 14), start - 1)
            if open_at >= 0 and PLATFORM_SHAPE.search(text, open_at + 1, start - 1):
                continue  # “陇政通”一体化服务平台: the quoted brand is the platform, the rest describes it
            if open_at >= 0:
                prefix = text[open_at + 1 : start - 1]
                start, source = open_at, "quoted"
        if len(stem) < 2 or (GENERIC_STEMS.match(stem) and not prefix) or "XX" in stem.upper() or "×" in stem:
            continue  # a generic stem is still a name after a quoted one (“数字老乡家园”一体化服务平台)
        if DESCRIPTIVE_STEM.search(stem) or PLATFORM_SUFFIX.search(stem):
            continue  # "新平台", "乡镇级…平台", "…平台云资源系统": a description, or a name inside one
        regional = any(k in any_region_starts for k in range(start, m.start()))
        strict = m.group(1) == "服务网" or stem.endswith(INFRASTRUCTURE_END)
        cue = (STRICT_DIGITAL_CUE if strict else DIGITAL_CUE).search(stem)
        if m.group(1) in NEEDS_CUE and not prefix and not cue and (not regional or stem.endswith(INFRASTRUCTURE_END)):
            continue  # 生态系统, 融资平台; with a region too: 江西新型电力系统
        if not prefix and len(stem) > MAX_STEM:
            continue  # a long description, not a name
        if not prefix and not regional and _platform_rules()[1].fullmatch(stem):
            continue  # 公共服务平台, 一体化政务服务平台: a kind of system, not a named one
        if EMBEDDED_BODY.search(stem[1:-1]) and not any(k in region_starts for k in range(start, m.start())):
            continue  # "卫健委全民健康信息平台": an owner glued to a system name
        end = m.end()
        name = prefix + text[start + (len(prefix) + 2 if prefix else 0) : end]
        name = name[:-3] if name.endswith("APP") else name
        out.append(Candidate("platform", start, end, name, source))
    return out


def region_programs(text: str, regions: list[Candidate]) -> list[Candidate]:
    """A region's own digitisation programme: 数字 / 智慧 / 数智 + a division's name (数字吉林, 智慧广州),
    standing on its own: not the start of a longer name (智慧瑞金统一门户) nor inside a cited title
    (《数字江西…方案》)."""
    out: list[Candidate] = []
    for c in regions:
        lead = text[max(0, c.start - 2) : c.start]
        if lead not in REGION_PROGRAM_LEADS or not REGION_PROGRAM_ENDS.match(text, c.end):
            continue
        if text.rfind("《", 0, c.start) > text.rfind("》", 0, c.start):
            continue
        out.append(Candidate("program", c.start - 2, c.end, lead + text[c.start : c.end], "pattern"))
    return out


def _level_prefixed_agencies(text: str) -> Iterator[re.Match[str]]:
    """Matches of AGENCY_NAME at the start of the text or after a boundary character, left to right."""
    first = AGENCY_AT_START.match(text)
    if first:
        yield first
    yield from AGENCY_AFTER_BOUNDARY.finditer(text, first.end() if first else 0)


@lru_cache(maxsize=1)
def _platform_rules() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """Service words a shape-typed quoted platform needs, and stems that only describe a kind of
    system (extractors/knowledge/domain.toml)."""
    platform = domain_cues()["platform"]
    words = sorted(platform["generic_words"], key=len, reverse=True)
    return (
        re.compile(
            f"^[{''.join(platform['region_abbreviations'])}]|" + "|".join(map(re.escape, platform["shape_only_cues"]))
        ),
        re.compile(f"(?:{'|'.join(map(re.escape, words))}|[的和与及、])+"),
    )


@lru_cache(maxsize=1)
def _agency_rules() -> tuple[re.Pattern[str], re.Pattern[str], str, frozenset[str], re.Pattern[str]]:
    """What may not sit inside an agency's name, the national bodies named in full, the party
    prefix, the ministries as listed, and the words naming a government in full
    (extractors/knowledge/agencies.toml)."""
    agency = rules(AGENCIES_FILE)
    not_inside = re.compile("|".join([*map(re.escape, agency["not_inside"]), agency["joined_bodies"].strip()]))
    ministries = sorted(agency["ministries"], key=len, reverse=True)
    national = re.compile(
        "|".join(map(re.escape, ministries)) + f"|{agency['national_prefix']}[{CJK}]{{2,10}}?"
        f"(?:{'|'.join(agency['national_suffix'])})"
    )
    government = re.compile("|".join(map(re.escape, agency["government"])))
    return not_inside, national, agency["party_prefix"], frozenset(ministries), government


def _agency(
    text: str, start: int, end: int, not_inside: re.Pattern[str], party: str, body_start: int | None = None
) -> Candidate | None:
    """An agency candidate for text[start:end], with 中共 in front when it is there; None when the
    span holds a conjunction, a preposition or a leadership phrase (省政府和市委: two bodies), or
    when its body words (from ``body_start``, past a region's name) join two fields of work but it
    is no administrative body (…扩容提质和边界中心: a clause, not a centre's name)."""
    if not_inside.search(text[start:end]):
        return None
    if FIELDS_JOINED.search(text, start if body_start is None else body_start, end) and not ADMINISTRATIVE_END.search(
        text, start, end
    ):
        return None
    if text.startswith(party, start - len(party)):
        start -= len(party)
    return Candidate("agency", start, end, text[start:end], "agency")


def agencies(
    text: str, region_names: list[tuple[int, int]], short_names: Sequence[tuple[int, int]] = ()
) -> list[Candidate]:
    """Government bodies: a region name or a level character, a short body, an agency suffix;
    national bodies named in full (水利部, 国家数据局); customs districts (南京海关: ``short_names``
    are where divisions' short names stand)."""
    not_inside, national, party, ministries, government = _agency_rules()
    out: list[Candidate] = [
        Candidate("agency", rs, re_ + len(CUSTOMS), text[rs : re_ + len(CUSTOMS)], "agency")
        for rs, re_ in short_names
        if text.startswith(CUSTOMS, re_)
    ]
    for rs, re_ in region_names:
        # the longest body (…人民政府办公室), else the government itself (无锡市人民政府)
        for m in (AGENCY_AFTER_REGION.match(text, re_), government.match(text, re_)):
            if m and not AGENCY_BAD.search(text[rs : m.end()]) and not AGENCY_WORD_GOES_ON.match(text, m.end()):
                c = _agency(text, rs, m.end(), not_inside, party, re_)
                if c:
                    out.append(c)
                    break
    for m in _level_prefixed_agencies(text):
        surface = m.group(1)
        if (
            AGENCY_BAD.search(surface)
            or len(surface) < 3
            or AGENCY_WORD_GOES_ON.match(text, m.end(1))
            or LEVEL_ADJECTIVE.match(surface)
        ):
            continue
        c = _agency(text, m.start(1), m.end(1), not_inside, party)
        if c:
            out.append(c)
    for m in national.finditer(text):  # a ministry as listed, or 国家…局 holding no conjunction (国家和省发展大局)
        if m.group() in ministries or not (not_inside.search(m.group()) or AGENCY_BAD.search(m.group())):
            out.append(Candidate("agency", m.start(), m.end(), m.group(), "agency"))
    return out


def policies(text: str) -> list[Candidate]:
    """Cited policy documents 《…》 (titles that read like policy), with the document number."""
    out: list[Candidate] = []
    for m in POLICY.finditer(text):
        title = m.group(1).strip()
        if not POLICY_WORDS.search(title):
            continue
        num = DOC_NUMBER.search(m.group(2)) if m.group(2) else None
        doc_number = num.group(0).replace(" ", "") if num else None
        out.append(Candidate("policy", m.start(1), m.end(1), title, "policy", doc_number=doc_number))
    return out
