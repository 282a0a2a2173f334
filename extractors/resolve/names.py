"""Canonical names: merge aliases and surface variants into one entity per real thing.

Knowledge-base names are canonical already; discovered names are cleaned the same way curators
would (皖事通APP → 皖事通, 安徽政务服务网涡阳分厅 → 安徽政务服务网 through the knowledge base).
"""

from __future__ import annotations

import re

from extractors.knowledge import KnowledgeBase

TRAILING = re.compile(r"(APP|App|app|客户端|小程序端|移动端|手机端)$")
BRANCH = re.compile(r"^(.{4,}?)(?:[\u4e00-\u9fff]{2,4})(分厅|分站|分中心|专区)$")


def canonical_name(name: str, type_: str, kb: KnowledgeBase) -> str:
    if type_ not in ("platform", "program"):
        return name
    entry = kb.lookup(name, type_)
    if entry:
        return entry.name
    cleaned = TRAILING.sub("", name) or name
    m = BRANCH.match(cleaned)
    if m:
        base = kb.lookup(m.group(1), type_)
        if base:
            return base.name
    entry = kb.lookup(cleaned, type_)
    return entry.name if entry else cleaned


def merge_region_prefixed(names: set[str], region_names: set[str]) -> dict[str, str]:
    """Map a bare discovered name to its region-qualified form when a report uses both.

    (芜湖市基层综合服务平台 and 基层综合服务平台 in one report are one platform.)  Returns
    bare → qualified for the pairs found.
    """
    mapping: dict[str, str] = {}
    for name in names:
        for region in region_names:
            if name.startswith(region) and len(name) - len(region) >= 4:
                bare = name[len(region) :]
                if bare in names:
                    mapping[bare] = name
    return mapping
