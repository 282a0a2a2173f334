"""Batches written by the store-writer thread: the same graph and statuses as writing them
inline, the store's first error raised on the caller's thread, and the thread ended when the
caller gives up."""

from __future__ import annotations

import pytest
from conftest import EXAMPLES

from extractors.knowledge.divisions import load_divisions
from kg.batch_writer import BatchWriter
from kg.model import rows_for
from kg.stores import EmbeddedStore, StoreError


@pytest.fixture(scope="module")
def rows(extractor):
    divisions = load_divisions()
    return [rows_for(extractor.extract_path(p), divisions) for p in sorted(EXAMPLES.glob("*.txt"))]


def test_the_writer_loads_what_an_inline_load_loads(rows, tmp_path):
    with EmbeddedStore(tmp_path / "inline") as inline:
        inline.load_reports(rows[:2])
        inline.load_reports(rows[2:])
        expected = inline.counts()
    with EmbeddedStore(tmp_path / "threaded") as store, BatchWriter(store) as writer:
        writer.submit(rows[:2])
        writer.submit(rows[2:])
        assert writer.finish() == {"loaded": len(rows)}
        assert store.counts() == expected
    with EmbeddedStore(tmp_path / "threaded") as store, BatchWriter(store) as writer:
        writer.submit(rows)
        assert writer.finish() == {"skipped": len(rows)}


def test_the_stores_error_reaches_the_caller(rows, tmp_path):
    with EmbeddedStore(tmp_path / "db") as holder:
        holder.prepare_load()  # this process's other store holds the folder's writer lock
        with EmbeddedStore(tmp_path / "db") as second, BatchWriter(second) as writer:
            writer.submit(rows[:1])
            with pytest.raises(StoreError, match="another kg process"):
                writer.finish()
            with pytest.raises(StoreError, match="another kg process"):
                writer.submit(rows[1:])


def test_a_caller_that_gives_up_stops_the_writer(rows, tmp_path):
    with EmbeddedStore(tmp_path / "db") as store:
        with pytest.raises(RuntimeError), BatchWriter(store) as writer:
            writer.submit(rows[:1])
            raise RuntimeError("the extraction failed")
        assert not writer._thread.is_alive()  # it would wait for the next batch forever otherwise
