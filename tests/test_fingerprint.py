"""The extractor's fingerprint follows its code and data: a copy of the package with one word list
edited, or one line of code changed, fingerprints differently, and an untouched copy the same."""

from __future__ import annotations

import shutil
import subprocess
import sys

import pytest
from conftest import ROOT

pytestmark = pytest.mark.slow

PRINT = "from extractors.pipeline import Extractor; print(Extractor().fingerprint)"


def _fingerprint_of(copy) -> str:
    proc = subprocess.run([sys.executable, "-c", PRINT], capture_output=True, text=True, cwd=copy,
                          env={"PYTHONPATH": str(copy), "PATH": "/usr/bin:/bin"})
    assert proc.returncode == 0, proc.stderr[-2000:]
    return proc.stdout.strip()


def test_a_word_list_or_a_line_of_code_changes_the_fingerprint(tmp_path):
    copies = {}
    for name in ("same", "words", "code"):
        copies[name] = tmp_path / name
        shutil.copytree(ROOT / "extractors", copies[name] / "extractors",
                        ignore=shutil.ignore_patterns("__pycache__"))
    domain = copies["words"] / "extractors" / "knowledge" / "domain.toml"
    domain.write_text(domain.read_text(encoding="utf-8").replace('"通办", ', '', 1), encoding="utf-8")
    status = copies["code"] / "extractors" / "relate" / "status.py"
    status.write_text(status.read_text(encoding="utf-8").replace("MAX_CLAUSE_SIDE = 200", "MAX_CLAUSE_SIDE = 300"),
                      encoding="utf-8")
    prints = {name: _fingerprint_of(copy) for name, copy in copies.items()}
    assert prints["same"] == _fingerprint_of(ROOT)
    assert len({prints["same"], prints["words"], prints["code"]}) == 3
