"""A small corpus for training NER models in tests, written from templates of our own.

Its platform 云岭通 is invented: the shipped knowledge base does not know it, it is never quoted
and has no 平台/系统 suffix, so the rule recognisers miss it — unless a knowledge file that names
it is passed with --kb-dir.  Training with that file teaches a model the name from weak labels;
extraction without it then shows what the model adds.
"""

from __future__ import annotations

import random
from pathlib import Path

INVENTED_PLATFORM = "云岭通"
KB_LINE = f"{INVENTED_PLATFORM}\tapp\tregional\t\tinvented for the tests\n"

COUNTIES = ["安吉县", "德清县", "桐庐县", "歙县", "南海区", "武侯区", "曲阜市", "湄潭县", "昆山市", "宁海县",
            "义乌市", "长兴县", "绩溪县", "黟县", "祁门县", "休宁县"]
KNOWN_PLATFORMS = ["浙里办", "皖事通", "湘易办", "粤省事", "赣服通", "闽政通"]
PROGRAMS = ["高效办成一件事", "一网通办", "跨省通办", "免申即享"]

SENTENCES = [
    "{county}依托{platform}推进政务服务事项网上办理，累计办件{n}万件。",
    "全面推广{platform}移动端应用，群众通过{platform}办理社保、医保等高频事项。",
    "{county}数据资源管理局持续优化{platform}服务功能，深化“{program}”改革。",
    "截至年底，{platform}实名注册用户达{n}万人。",
    "推动更多事项在{platform}上实现“{program}”。",
]
FILLER = [
    "全年共召开专题会议{n}次，研究解决重点问题。",
    "加强干部队伍建设，开展业务培训。",
    "落实安全生产责任制，未发生重大事故。",
]


def write_corpus(folder: Path, reports: int = 30, invented_share: float = 0.4, seed: int = 1) -> list[Path]:
    """``reports`` short yearly reports; about ``invented_share`` of platform mentions are 云岭通."""
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(reports):
        county = rng.choice(COUNTIES)
        lines = [f"{county}数据资源管理局{2020 + i % 6}年工作总结", ""]
        for template in rng.sample(SENTENCES, k=4) + rng.sample(FILLER, k=2):
            platform = INVENTED_PLATFORM if rng.random() < invented_share else rng.choice(KNOWN_PLATFORMS)
            lines.append(template.format(county=county, platform=platform, program=rng.choice(PROGRAMS),
                                         n=rng.randint(2, 90)))
        path = folder / f"report-{i:02d}.txt"
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        paths.append(path)
    return paths


def write_kb(folder: Path) -> Path:
    """A --kb-dir folder naming the invented platform."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "platforms.tsv").write_text(KB_LINE, encoding="utf-8")
    return folder


def write_target(path: Path) -> Path:
    """A report not in the corpus that uses the invented platform in sentences like the corpus's."""
    path.write_text("宁海县数据资源管理局2025年工作总结\n\n"
                    "宁海县依托云岭通推进政务服务事项网上办理，累计办件36万件。\n"
                    "截至年底，云岭通实名注册用户达41万人。\n", encoding="utf-8")
    return path
