"""The benchmark script runs end to end and reports every figure it promises (speed targets live in
its output, not in assertions on timings)."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from conftest import ROOT

pytestmark = pytest.mark.slow


def test_bench_prints_every_figure_for_a_small_corpus():
    proc = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "bench.py"), "--reports", "12", "--sample", "6",
                           "--jobs", "2", "--json"], capture_output=True, text=True, encoding="utf-8", cwd=ROOT,
                          timeout=600)
    assert proc.returncode == 0, proc.stderr
    report = json.loads(proc.stdout)
    extraction = report["extraction"]
    assert extraction["sample_reports"] == 6 and extraction["chars_per_s_per_core"] > 0
    assert extraction["ratio_to_bare_scan"] > 1  # the full extraction does more than the bare scan
    assert set(extraction["wall_seconds_by_jobs"]) == {"1", "2"}
    assert report["extract_corpus"]["reports"] == 12
    assert set(report["peak_rss_mb"]) == {"12", "120"} and all(v > 0 for v in report["peak_rss_mb"].values())
    load = report["load_embedded"]
    assert load["relationships"] > 12 and load["relationships_per_s"] > 0
    from kg.queries import catalog

    assert set(report["queries_embedded"]) == set(catalog())
    assert all(q["p50_ms"] <= q["p95_ms"] for q in report["queries_embedded"].values())
    # what a user waits for: a fresh `kg query` process per canned query, with the rows it printed
    fresh = report["fresh_queries_embedded"]
    assert set(fresh) == set(catalog()) and all(q["median_s"] > 0 for q in fresh.values())
    assert {name: q["rows"] for name, q in fresh.items()} == {
        name: q["rows"] for name, q in report["queries_embedded"].items()}
    assert load["peak_rss_mb"] > 0 and load["disk_mb"] > 0
