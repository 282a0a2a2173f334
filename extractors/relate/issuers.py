"""Who issued a cited policy: 市数据资源局印发《…》, 《…》由县政府办公室印发.

Only an agency named in the same sentence counts, joined to the policy by an issuing verb and
nothing but other cited titles in between (市政府印发《A》《B》 issues both).
"""

from __future__ import annotations

import re

from extractors.records import Mention

ISSUE_VERB = "(?:联合|先后|相继|正式|研究|起草)?(?:印发|出台|制定|发布|下发|制发|修订|编制)了?"
BEFORE = re.compile(rf"^(?:[，,]?(?:已|先后|相继)?)?{ISSUE_VERB}[、，,和及与]*$")
AFTER = re.compile(r"^[，,]?(?:已|均)?由$")
AFTER_VERB = re.compile(r"(?:联合|正式)?(?:印发|出台|制定|发布|下发|制发)")
TITLE = re.compile(r"《[^《》]*》(?:\s*[（(][^（）()]*[）)])?")


def issuers(mentions: list[Mention]) -> list[tuple[Mention, Mention]]:
    """(agency mention, policy mention) pairs, each policy with at most one issuer."""
    by_sentence: dict[int, list[Mention]] = {}
    for m in mentions:
        if m.type in ("agency", "policy"):
            by_sentence.setdefault(m.sentence_start, []).append(m)
    pairs: list[tuple[Mention, Mention]] = []
    for group in by_sentence.values():
        agencies = [m for m in group if m.type == "agency"]
        for policy in (m for m in group if m.type == "policy"):
            issuer = _issuer_of(policy, agencies)
            if issuer:
                pairs.append((issuer, policy))
    return pairs


def _issuer_of(policy: Mention, agencies: list[Mention]) -> Mention | None:
    sentence, base = policy.sentence, policy.sentence_start
    title_start = policy.start - 1 - base  # the 《
    for agency in sorted((a for a in agencies if a.end <= policy.start), key=lambda a: -a.end):
        gap = TITLE.sub("", sentence[agency.end - base : title_start])
        if BEFORE.match(gap):
            return agency
        break  # only the nearest agency before the title may be its issuer
    title = TITLE.match(sentence, title_start)
    after = title.end() if title else policy.end - base + 1
    for agency in sorted((a for a in agencies if a.start - base >= after), key=lambda a: a.start):
        if AFTER.match(sentence[after : agency.start - base]) and AFTER_VERB.match(sentence, agency.end - base):
            return agency
        break
    return None
