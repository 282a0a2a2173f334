"""Page furniture that survives main-text extraction: toolbars, breadcrumbs, share buttons.

Only whole lines made of such furniture are dropped, so no sentence of the report is touched.
"""

from __future__ import annotations

import re

TOOL_WORDS = (
    "下载",
    "打印",
    "字号",
    "分享",
    "关闭",
    "收藏",
    "返回顶部",
    "关闭窗口",
    "打印本页",
    "【大】",
    "【中】",
    "【小】",
    "大",
    "中",
    "小",
    "默认",
    "扫一扫",
    "微信",
    "微博",
    "浏览次数",
    "访问量",
    "来源",
    "发布时间",
    "作者",
    "索引号",
    "信息来源",
    "点击数",
    "责任编辑",
    "保存",
    "纠错",
)
BREADCRUMB = re.compile(r"^\s*(当前位置|您当前的位置|您现在的位置|你的位置)\s*[:：]|^\s*首页\s*(>|＞|»|/|-)")
PAGE_META = re.compile(
    r"^\s*(来源|信息来源|文章来源|发布时间|发布日期|时间|作者|浏览次数|点击数|阅读次数|索引号|"
    r"分类|发布机构|责任编辑)\s*[:：]"
)
FOOTER = re.compile(r"(版权所有|主办单位|承办单位|网站标识码|ICP备|公网安备|技术支持)")
_TOKEN = re.compile(r"[【】\[\]()（）|｜:：>＞»/、,，·\s]+")


def is_furniture(line: str) -> bool:
    """A line that is only page tools, a breadcrumb, or a site footer."""
    stripped = line.strip()
    if not stripped:
        return False
    if (
        BREADCRUMB.search(stripped)
        or (PAGE_META.search(stripped) and len(stripped) < 120)
        or (FOOTER.search(stripped) and len(stripped) < 120)
    ):
        return True
    tokens = [t for t in _TOKEN.split(stripped) if t]
    if not tokens:
        return True
    return all(t in TOOL_WORDS or re.fullmatch(r"[\d\-年月日时分秒.:：]+", t) for t in tokens)


def drop_furniture(text: str) -> str:
    return "\n".join(line for line in text.split("\n") if not is_furniture(line))
