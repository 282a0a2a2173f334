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
