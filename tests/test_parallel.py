"""Parallel extraction gives exactly the serial results, in the same order."""

from __future__ import annotations

import pytest
from conftest import EXAMPLES, run_kg

pytestmark = pytest.mark.slow


def test_jobs_do_not_change_the_output(seeds, tmp_path):
    serial = run_kg("extract", str(seeds), str(EXAMPLES), "--jobs", "1").stdout
    parallel = run_kg("extract", str(seeds), str(EXAMPLES), "--jobs", "2").stdout
    assert parallel == serial and serial.count("\n") == 5 + len(list(EXAMPLES.glob("*.txt")))


def test_parallel_load_reports_failures_and_loads_the_rest(seeds, tmp_path):
    (tmp_path / "bad.pdf").write_bytes(b"not a pdf at all")
    proc = run_kg("load", str(seeds), str(tmp_path / "bad.pdf"), "--db", str(tmp_path / "db"), "--jobs", "2")
    assert "5 loaded" in proc.stdout and "1 failed" in proc.stdout
    assert "bad.pdf: not a PDF" in proc.stderr


def test_reports_a_store_holds_are_read_but_not_extracted_again(tmp_path):
    """``known`` (id → extractor fingerprint, what a store holds): a report found there with this
    extractor's fingerprint comes back as (path, None, None), serial or parallel; one known under
    another fingerprint (other knowledge or curation) and one not known are extracted."""
    from extractors.batch import extract_many
    from extractors.pipeline import Extractor
    from extractors.read import read_document
    from extractors.settings import ExtractionSettings

    paths = sorted(EXAMPLES.glob("*.txt"))[:3]
    fingerprint = Extractor().fingerprint
    ids = [read_document(p).doc_id for p in paths]
    known = {ids[0]: fingerprint, ids[1]: "extracted with other knowledge"}
    for jobs in (1, 2):
        outcomes = list(extract_many(paths, {}, ExtractionSettings(max_bytes=2**20), jobs, known=known))
        assert [o[0] for o in outcomes] == paths and all(o[2] is None for o in outcomes)
        assert outcomes[0][1] is None
        assert [o[1].document.doc_id for o in outcomes[1:]] == ids[1:]


def test_what_a_caller_keeps_is_made_in_the_worker_as_it_would_be_in_process(tmp_path):
    """``finish`` (the loader's rows instead of the whole result with the report's text): each
    worker's value equals ``finish`` applied in this process to the same report's result; a
    report that cannot be read still comes back as a failure."""
    from extractors.batch import extract_many
    from extractors.pipeline import Extractor
    from extractors.settings import ExtractionSettings
    from kg.model import ReportRows, rows_of

    (tmp_path / "bad.pdf").write_bytes(b"not a pdf at all")
    paths = [*sorted(EXAMPLES.glob("*.txt")), tmp_path / "bad.pdf"]
    extractor = Extractor()
    expected = [rows_of(extractor.extract_path(p)) for p in paths[:-1]]
    for jobs in (1, 2):
        outcomes = list(extract_many(paths, {}, ExtractionSettings(max_bytes=2**20), jobs, finish=rows_of))
        assert [o[0] for o in outcomes] == paths
        assert all(isinstance(o[1], ReportRows) for o in outcomes[:-1])
        assert [o[1] for o in outcomes[:-1]] == expected and expected[0].mentions
        assert outcomes[-1][1] is None and "not a PDF" in outcomes[-1][2]


def test_a_parallel_load_builds_the_graph_a_serial_one_does(seeds, tmp_path):
    from graph_compare import dump

    from kg.stores.embedded import EmbeddedStore

    for jobs in ("1", "2"):
        run_kg("load", str(seeds), str(EXAMPLES), "--db", str(tmp_path / jobs), "--jobs", jobs)
    serial, parallel = EmbeddedStore(tmp_path / "1"), EmbeddedStore(tmp_path / "2")
    assert dump(parallel.as_networkx()) == dump(serial.as_networkx())
    assert serial.counts()["nodes"]["Report"] == 5 + len(list(EXAMPLES.glob("*.txt")))
