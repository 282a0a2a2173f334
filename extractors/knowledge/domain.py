"""Which discovered programs and platforms belong in a graph of digital government.

Reports name many programs: reforms of government services (一网通办, 证照分离, 免申即享) beside
political and sectoral slogans (numbered formulas, campaign names).  The graph keeps the first: a
program the knowledge base or the curation file lists, a discovered one whose name holds a word of
digitisation or service reform, or one named in a sentence about government services.  Platforms
likewise: the systems a government runs for its work and services, not the industrial and market
platforms it encourages firms to build (工业互联网平台, 物流信息平台).  The others are left out of the
graph (``kg extract`` does not list them either).  Word lists: ``extractors/knowledge/domain.toml``.
"""

from __future__ import annotations

import re
import tomllib
from functools import lru_cache
from importlib import resources

DOMAIN_FILE = "domain.toml"  # which discovered names belong in the graph
AGENCIES_FILE = "agencies.toml"  # what an agency's name may hold; national bodies
NAME_PATTERNS_FILE = "name_patterns.toml"  # how reports mark the names they coin
RULE_FILES = (DOMAIN_FILE, AGENCIES_FILE, NAME_PATTERNS_FILE)
GENERIC_SCOPE = "generic"  # knowledge-base entries of this scope are kinds of system, not named ones


@lru_cache(maxsize=len(RULE_FILES))
def rules(name: str) -> dict:
    """One of the shipped rule files (``RULE_FILES``), parsed once per process."""
    return tomllib.loads(resources.files("extractors.knowledge").joinpath(name).read_text("utf-8"))


def domain_cues() -> dict:
    return rules(DOMAIN_FILE)


@lru_cache(maxsize=1)
def _program_patterns() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    cues = domain_cues()["program"]
    return tuple(
        re.compile("|".join(map(re.escape, cues[key])))  # type: ignore[return-value]
        for key in ("name_cues", "sentence_cues", "typing_cues")
    )


@lru_cache(maxsize=65536)
def program_name_in_domain(name: str) -> bool:
    """Whether a name holds a word of digitisation or service reform (秒批, 通办, 一件事 …)."""
    return bool(_program_patterns()[0].search(name))


def names_a_reform(name: str) -> bool:
    """Whether a quoted name with no type word is a program by its own words (秒批, 不用跑 …)."""
    return bool(_program_patterns()[2].search(name))


def program_in_domain(name: str, known: bool, sentence: str) -> bool:
    """Whether a program mention belongs in the graph.

    >>> program_in_domain("证照分离", False, "深化商事制度改革。")
    True
    >>> program_in_domain("三线一单", False, "落实生态环境分区管控。")
    False
    >>> program_in_domain("1230", False, "推进工程建设项目审批制度“1230”改革。")
    True
    """
    return known or program_name_in_domain(name) or bool(_program_patterns()[1].search(sentence))


@lru_cache(maxsize=1)
def _platform_patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    cues = domain_cues()["platform"]
    return tuple(
        re.compile("|".join(map(re.escape, cues[key])))  # type: ignore[return-value]
        for key in ("sector_words", "government_words")
    )


def names_a_sector(words: str) -> bool:
    """Whether words name an industry's or a market's platform rather than a government's.

    >>> names_a_sector("工业互联网平台"), names_a_sector("跨境电商监管平台")
    (True, False)
    """
    sector, government = _platform_patterns()
    return bool(sector.search(words)) and not government.search(words)


def platform_in_domain(name: str, known: bool) -> bool:
    """Whether a platform mention belongs in the graph: a listed one always, a discovered one unless
    its name is an industry's or a market's (物流公共信息平台, 大宗商品交易平台).

    >>> platform_in_domain("某市物流公共信息平台", False), platform_in_domain("某市政务服务平台", False)
    (False, True)
    """
    return known or not names_a_sector(name)
