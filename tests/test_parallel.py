"""Parallel extraction gives exactly the serial results, in the same order."""

from __future__ import annotations

from conftest import EXAMPLES, run_kg


def test_jobs_do_not_change_the_output(seeds, tmp_path):
    serial = run_kg("extract", str(seeds), str(EXAMPLES), "--jobs", "1").stdout
    parallel = run_kg("extract", str(seeds), str(EXAMPLES), "--jobs", "2").stdout
    assert parallel == serial and serial.count("\n") == 5 + len(list(EXAMPLES.glob("*.txt")))


def test_parallel_load_reports_failures_and_loads_the_rest(seeds, tmp_path):
    (tmp_path / "bad.pdf").write_bytes(b"not a pdf at all")
    proc = run_kg("load", str(seeds), str(tmp_path / "bad.pdf"), "--db", str(tmp_path / "db"), "--jobs", "2")
    assert "5 loaded" in proc.stdout and "1 failed" in proc.stdout
    assert "bad.pdf: not a PDF" in proc.stderr
