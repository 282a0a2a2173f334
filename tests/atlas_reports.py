"""A small corpus for the atlas, written for the tests: a province, two of its cities, a county of
another province and a city whose report carries markup in the sentence that becomes evidence.

Each entry: file name → (region as the title writes it, platform, year, extra lines).
"""

from __future__ import annotations

from pathlib import Path

from report_files import report_text, write_txt

HOSTILE = '<img src=x onerror="window.__pwned = 1"><script>window.__pwned = 2</script>'

REPORTS: dict[str, tuple[str, str, int, str]] = {
    "gd-2018.txt": ("广东省", "粤省事", 2018, ""),
    "gz-2019.txt": ("广东省广州市", "粤省事", 2019, "全市与广西壮族自治区南宁市签订“跨省通办”合作协议。"),
    "sz-2021.txt": ("广东省深圳市", "粤省事", 2021, "开通12345市民热线，接听群众来电。"),
    "jo-2020.txt": ("福建省南平市建瓯市", "闽政通", 2020, ""),
    "hz-2019.txt": ("浙江省杭州市", "浙里办", 2019, ""),
}
HOSTILE_REPORT = "hz-2019.txt"  # its platform sentence (the fact's evidence) carries HOSTILE


def write_atlas_corpus(folder: Path) -> Path:
    """The reports as .txt files in ``folder``; returns ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, (region, platform, year, extra) in REPORTS.items():
        title, first, *rest = report_text(region=region, platform=platform, year=year).split("\n")
        if name == HOSTILE_REPORT:
            first = first.replace(f"“{platform}”", f"“{platform}”{HOSTILE}", 1)
        write_txt(folder / name, "\n".join([title, first, *rest, *([extra] if extra else [])]))
    return folder
