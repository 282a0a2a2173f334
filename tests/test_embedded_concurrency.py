"""The embedded store with several `kg` processes at once: one writer, readers beside it, and a
second writer told so in one line (never a silent loss of either run's reports)."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import time

import pytest
from conftest import ROOT, run_kg
from report_files import report_text, write_txt

pytestmark = pytest.mark.slow

COUNTIES = ["建瓯市", "邵武市", "武夷山市", "建阳区", "顺昌县", "浦城县", "光泽县", "松溪县"]


def _folder(path, prefix: str, platform: str, years: range):
    path.mkdir()
    for county in COUNTIES:
        for year in years:
            write_txt(path / f"{county}-{year}.txt", report_text(region=prefix + county, platform=platform, year=year))
    return path


def _reports(db) -> int:
    proc = run_kg("stats", "--db", str(db), "--format", "json")
    return json.loads(proc.stdout)["nodes"].get("Report", 0)


def test_a_second_load_into_a_graph_being_loaded_fails_in_one_line_and_loses_nothing(tmp_path):
    first = _folder(tmp_path / "first", "福建省南平市", "闽政通", range(2015, 2025))
    second = _folder(tmp_path / "second", "福建省南平市", "八闽通", range(2010, 2012))
    db = tmp_path / "db"
    env = {**os.environ, "PYTHONPATH": str(ROOT), "KG_ENV_FILE": os.devnull, "NO_COLOR": "1"}
    writer = subprocess.Popen([sys.executable, "-m", "kg.cli", "load", str(first), "--db", str(db), "--batch-size",
                               "1", "-j", "1"], env={**env, "KG_CHECKPOINT_SECONDS": "0"},  # publish every batch
                              cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 120
        while not (db / "graph.lbug").exists() and time.monotonic() < deadline:
            time.sleep(0.05)
        other = run_kg("load", str(second), "--db", str(db), check=False)
        still_loading = writer.poll() is None
        # a reader beside the writer sees the last committed graph
        reader = run_kg("query", "adoption-matrix", "--db", str(db), "--format", "json", check=False)
    finally:
        out, err = writer.communicate(timeout=300)
    assert writer.returncode == 0, err
    assert still_loading, "the first load ended before the second started: nothing was tested"
    assert reader.returncode == 0, reader.stderr
    assert other.returncode == 1
    lines = other.stderr.strip().splitlines()
    assert len(lines) == 1 and re.search(rf"another kg process \(pid {writer.pid}\)", lines[0]), other.stderr
    assert _reports(db) == len(COUNTIES) * 10
    run_kg("load", str(second), "--db", str(db))  # once the first is done, the second goes in
    assert _reports(db) == len(COUNTIES) * 12


def test_a_query_on_a_folder_without_a_graph_says_so(tmp_path):
    proc = run_kg("query", "adopters", "platform=闽政通", "--db", str(tmp_path / "nothing"), check=False)
    assert proc.returncode == 1
    assert "no graph here yet" in proc.stderr and "kg load" in proc.stderr
    assert not (tmp_path / "nothing").exists()  # asking does not create a graph
