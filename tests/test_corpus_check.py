"""scripts/corpus_check.py: region and year of `kg extract` against a labelled corpus."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from conftest import ROOT, SHARED, require
from report_files import report_text, write_txt

pytestmark = pytest.mark.slow

SCRIPT = ROOT / "scripts" / "corpus_check.py"
CORPUS = SHARED / "corpus" / "gov-work-reports"


def _check(*args: str) -> dict:
    proc = subprocess.run([sys.executable, str(SCRIPT), *args, "--json", "--jobs", "1"], capture_output=True,
                          text=True, encoding="utf-8", cwd=ROOT)
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout)


def test_the_check_reports_each_miss_with_what_was_expected(tmp_path):
    corpus = tmp_path / "corpus"
    for folder in ("a", "b"):
        (corpus / folder).mkdir(parents=True)
    write_txt(corpus / "a" / "2025.md", "---\ntitle: 2025年政府工作报告\n---\n" + report_text(
        region="江西省赣州市", platform="赣服通", short="全市", unit="市"))
    write_txt(corpus / "b" / "2025.md", report_text(region="福建省南平市建瓯市"))
    rows = [{"path": "a/2025.md", "region": "赣州市", "level": "prefecture-city", "year_label": 2025, "note": None},
            # a wrong label: the check must say so
            {"path": "b/2025.md", "region": "建阳区", "level": "prefecture-city", "year_label": 2025, "note": None}]
    (corpus / "manifest.jsonl").write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows) + "\n",
                                           encoding="utf-8")
    report = _check(str(corpus))
    assert report["reports"] == report["extracted"] == 2
    assert report["levels"]["prefecture-city"] == {"reports": 2, "region_right": 1, "year_right": 2}
    assert [(m["path"], m["region"]["expected"], m["region"]["got"]) for m in report["misses"]] == \
        [("b/2025.md", "建阳区", "建瓯市")]


def test_region_and_year_on_a_sample_of_the_real_corpus():
    if not (CORPUS / "manifest.jsonl").is_file():
        require(f"no corpus at {CORPUS}")
    report = _check(str(CORPUS), "--sample", "40")
    assert report["reports"] >= 40 and report["extracted"] == report["reports"]
    assert set(report["levels"]) == {"province", "prefecture-city", "municipality", "national"}
    assert report["region_accuracy"] >= 0.97, report["misses"]
    assert report["year_accuracy"] >= 0.95, report["misses"]
