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
from collections.abc import Callable

from extractors.recognise.candidates import Candidate

CJK = "\u4e00-\u9fff"
NAME_CHARS = f"{CJK}A-Za-z0-9+·\\-"

PLATFORM_AFTER = ("平台", "APP", "App", "app", "小程序", "客户端", "系统", "热线", "公众号", "网站", "门户", "终端")
PROGRAM_AFTER = ("改革", "行动", "工程", "模式", "机制", "制度", "试点", "品牌", "建设", "服务模式", "专项",
                 "攻坚", "活动", "工作法", "计划", "服务", "战略", "理念", "体系")
PROGRAM_BEFORE = ("推行", "推进", "深化", "开展", "实施", "落实", "打造", "创建", "探索", "推广", "实行")
PLATFORM_SHAPE = re.compile(r"(平台|系统|APP|app|小程序|热线|客户端|码|云|通)$")
PROGRAM_SHAPE = re.compile(
    r"(^[一二三四五六七八九十0-9]+[^\d]*[一二三四五六七八九十]|办$|通办|即享|即办|跑一次|不见面|一窗|一网|一门|一次|"
    r"一件事|改革$|行动$|工程$|^数字|^智慧|^互联网\+|放管服|最多|全程|不打烊|好差评)")
STRONG_PROGRAM = re.compile(r"(一次|一网|一门|一窗|一件事|即享|跑一次|不见面|改革|^互联网\+|放管服)")
NOT_A_NAME = re.compile(r"^[\d.%]+$|^[一二三四五六七八九十]+$|问题$|难$|^[的了着过]")
QUOTED = re.compile(r"[“\"「『]([^“”\"「」『』\n]{2,20})[”\"」』]")

# Unquoted platforms: the suffix, and how far back the name may reach within its clause.
PLATFORM_SUFFIX = re.compile(r"(平台|系统|APP|小程序|热线|政府网|政务服务网|门户网站|公开网|商城|网上超市)")
MAX_NAME = 16
# Words after which a name starts (verbs and prepositions that introduce a system).
LEFT_BOUNDARIES = sorted(
    ("依托", "通过", "利用", "借助", "基于", "上线", "建成", "建设", "搭建", "打造", "接入", "完成", "推广",
     "开通", "使用", "运用", "升级", "启用", "部署", "优化", "完善", "依靠", "实现", "推进", "加强", "加快",
     "积极", "全面", "持续", "深化", "强化", "围绕", "聚焦", "对接", "整合", "汇聚", "迁移", "入驻", "进驻",
     "建立", "构建", "开发", "研发", "运行", "维护", "管理", "应用", "登录", "注册", "下载", "宣传", "配合",
     "协助", "做好", "参与", "组织", "印发", "发布", "纳入", "录入", "认领", "编制", "提升", "提高", "其中",
     "转办", "明确", "加大", "落实", "探索", "开放", "规范", "拓展", "扩大", "用好", "畅通", "打通", "依法",
     "主要有", "导致", "开展", "接通", "召开", "建", "有", "包括", "涵盖", "覆盖", "含", "即",
     "我市", "我县", "我区", "我省", "全市", "全县", "全区", "全省", "目前", "截至", "今年", "同时", "自", "的", "在", "和", "与",
     "及", "将", "对", "向", "从", "为", "由", "了", "等", "以", "至", "并", "或", "是", "已", "个", "款", "套"),
    key=len, reverse=True)
GENERIC_STEMS = re.compile(
    r"^(该|各|此|这|其|本|相关|有关|同一|统一|多个|各类|各级|新|原|老|网上|线上|线下|全|综合|一个|一体化|信息|信息化|"
    r"业务|重要业务|应用|数据|管理|服务|工作|技术|创新|核心|热线|政府|便民|市级|省级|县级|区级|第一|智能|智慧|网络|"
    r"现有|原有|自建|在建|已建|相应|对应|专门|专用|上级|下级|部门|行业|主要|重点|其他|基础|支撑|平台|系统)+$")
COUNT_TAIL = re.compile(r"^([余多个大类家项套款级轮批次年月日号底初末]+)")
EMBEDDED_BODY = re.compile(r"(委|局|医院|学校|中心|公司|集团)")
MAX_STEM = 12
LEADING_QUANTITY = re.compile(r"^[多几数各每][轮批次个项类家套款级]")

AGENCY_SUFFIX = "(办公室|委员会|管理局|服务中心|数据中心|中心|局|委|厅|集团|公司|银行|农商行)"
LEVEL_PREFIX = "(?:省|市|县|区)"
AGENCY_AFTER_BOUNDARY = re.compile(
    rf"(?:^|(?<=[，,、；;。：:（(\s与和及由同合]))({LEVEL_PREFIX}[{CJK}]{{1,8}}?{AGENCY_SUFFIX})")
POLICY = re.compile(r"《([^《》\n]{4,80})》(?:\s*[（(]([^（）()\n]{3,40})[）)])?")
DOC_NUMBER = re.compile(rf"[{CJK}]{{1,12}}[〔\[［【(（]\d{{4}}[〕\]］】)）]\s*第?\d+\s*号")
POLICY_WORDS = re.compile(r"(通知|意见|办法|方案|规定|条例|决定|规划|计划|细则|标准|指南|清单|纲要|法|准则|制度|措施|要点|规则|批复|函)$")
AGENCY_BAD = re.compile(r"(格局|布局|结局|当局|大局|全局|终局|开局|变局|胜局|新局|中心工作|为中心|中心城区|中心城市|中心组|重心|核心|中心大厅)")


def _after(text: str, end: int, words: tuple[str, ...]) -> bool:
    return text.startswith(words, end)


def quoted_names(text: str, contains_platform: Callable[[str], bool] = lambda _: False) -> list[Candidate]:
    """“…” names typed by context: a platform word or a program word right after, or their shape.

    ``contains_platform`` tells whether a known platform is part of the name (“皖事通-立马办”).
    """
    out: list[Candidate] = []
    for m in QUOTED.finditer(text):
        inner = m.group(1).strip()
        start, end = m.start(1), m.end(1)
        if NOT_A_NAME.search(inner) or len(inner) < 2 or inner.endswith("+"):
            continue
        close = m.end()
        type_ = None
        if _after(text, close, PLATFORM_AFTER):
            # “只报一次”系统: a reform's name used as a label, still the reform
            type_ = "program" if STRONG_PROGRAM.search(inner) else "platform"
        elif _after(text, close, PROGRAM_AFTER):
            type_ = "program"
        elif contains_platform(inner):
            type_ = "platform"
        elif PLATFORM_SHAPE.search(inner) and not PROGRAM_SHAPE.search(inner) and not re.search("[、，,]", inner):
            type_ = "platform"
        elif PROGRAM_SHAPE.search(inner):
            type_ = "program"
        elif text[max(0, m.start() - 2):m.start()] in PROGRAM_BEFORE:
            type_ = "program"
        if type_ is None:
            continue
        name = inner
        if type_ == "platform":
            name = re.sub(r"(APP|app|App|小程序|客户端)$", "", name) or inner
        out.append(Candidate(type_, start, end, name, "quoted"))
    return out


def _cut_left(text: str, suffix_start: int, region_starts: set[int] | frozenset[int] = frozenset()) -> int | None:
    """Where a name ending at ``suffix_start`` begins: the nearest clause boundary on the left."""
    lo = max(0, suffix_start - MAX_NAME)
    i = suffix_start
    while i > lo and re.match(f"[{NAME_CHARS}]", text[i - 1]):
        i -= 1
    window = text[i:suffix_start]
    cut = 0
    for pos in range(len(window) - 1, -1, -1):
        hit = next((w for w in LEFT_BOUNDARIES if window.startswith(w, pos)), None)
        if hit:
            cut = pos + len(hit)
            break
    start = i + cut
    digits = [k for k in range(start, suffix_start) if text[k].isdigit()]
    if digits:  # "5大核心平台", "2023年…平台": a count or a date, not part of a name
        start = digits[-1] + 1
        tail = COUNT_TAIL.match(text[start:suffix_start])
        if tail:
            start += tail.end()
    quant = LEADING_QUANTITY.match(text[start:suffix_start])
    if quant:
        start += quant.end()
    anchored = [k for k in range(start, suffix_start) if k in region_starts]
    if anchored:  # a region name inside the clause begins the name (宣城市公共资源交易平台)
        start = anchored[0]
    return start if start < suffix_start else None


def suffix_platforms(text: str, region_starts: set[int] | frozenset[int] = frozenset()) -> list[Candidate]:
    """Unquoted names ending in a platform suffix (宣城市公共资源交易平台, 办公OA系统)."""
    out: list[Candidate] = []
    for m in PLATFORM_SUFFIX.finditer(text):
        start = _cut_left(text, m.start(), region_starts)
        if start is None:
            continue
        stem = text[start:m.start()]
        source = "pattern"
        prefix = ""
        if start >= 2 and text[start - 1] in "”\"" and 0 < len(stem) <= 4:
            # “只报一次”数据共享系统: the quoted part belongs to the name
            open_at = text.rfind("“", max(0, start - 14), start - 1)
            if open_at >= 0:
                prefix = text[open_at + 1:start - 1]
                start, source = open_at, "quoted"
        if len(stem) < 2 or GENERIC_STEMS.match(stem) or "XX" in stem.upper() or "×" in stem:
            continue
        if not prefix and len(stem) > MAX_STEM:
            continue  # a long description, not a name
        if EMBEDDED_BODY.search(stem[1:-1]) and not any(k in region_starts for k in range(start, m.start())):
            continue  # "卫健委全民健康信息平台": an owner glued to a system name
        end = m.end()
        name = prefix + text[start + (len(prefix) + 2 if prefix else 0):end]
        name = name[:-3] if name.endswith("APP") else name
        out.append(Candidate("platform", start, end, name, source))
    return out


def agencies(text: str, region_names: list[tuple[int, int]]) -> list[Candidate]:
    """Government bodies: a region name or a level character, a short body, an agency suffix."""
    out: list[Candidate] = []
    suffix = re.compile(rf"[{CJK}]{{0,12}}?{AGENCY_SUFFIX}")
    for rs, re_ in region_names:
        m = suffix.match(text, re_)
        if m and not AGENCY_BAD.search(text[rs:m.end()]):
            out.append(Candidate("agency", rs, m.end(), text[rs:m.end()], "agency"))
    for m in AGENCY_AFTER_BOUNDARY.finditer(text):
        surface = m.group(1)
        if AGENCY_BAD.search(surface) or len(surface) < 3:
            continue
        out.append(Candidate("agency", m.start(1), m.end(1), surface, "agency"))
    return out


def policies(text: str) -> list[Candidate]:
    """Cited policy documents 《…》 (titles that read like policy), with the document number."""
    out: list[Candidate] = []
    for m in POLICY.finditer(text):
        title = m.group(1).strip()
        if not POLICY_WORDS.search(title):
            continue
        extra: dict[str, str] = {}
        if m.group(2):
            num = DOC_NUMBER.search(m.group(2))
            if num:
                extra["doc_number"] = num.group(0).replace(" ", "")
        out.append(Candidate("policy", m.start(1), m.end(1), title, "policy", extra))
    return out
