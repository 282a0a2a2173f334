"""Report batches written to the store by a thread of their own, while extraction goes on.

Writing a batch (and, in the embedded store, checkpointing) takes the store seconds, most of it
in the database engine, which releases Python's lock. Done on the thread that also collects the
extraction workers' results, it leaves the workers idle meanwhile; on a thread of its own it
overlaps them. Batches are written one at a time, in the order given: what a load decides
(skip, replace) is the same as when written inline.

>>> with BatchWriter(store) as writer:  # doctest: +SKIP
...     writer.submit(batch)
...     statuses = writer.finish()
"""

from __future__ import annotations

import queue
import threading
from collections import Counter
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from kg.model import ReportRows
    from kg.stores.base import GraphStore

WAITING = 2  # batches handed over but not yet written: extraction runs at most this far ahead


class BatchWriter:
    """Hand batches over with :meth:`submit`; :meth:`finish` waits for the last and returns how
    many reports were loaded, replaced or skipped. The first error the store raises is raised
    again by the next :meth:`submit` or by :meth:`finish`, and no later batch is written."""

    def __init__(self, store: GraphStore) -> None:
        self.store = store
        self.statuses: Counter[str] = Counter()
        self._batches: queue.Queue[list[ReportRows] | None] = queue.Queue(WAITING)
        self._error: BaseException | None = None
        self._cancelled = threading.Event()
        self._thread = threading.Thread(target=self._write, name="govkg-store-writer", daemon=True)
        self._thread.start()

    def _write(self) -> None:
        while (batch := self._batches.get()) is not None:
            if self._error is not None or self._cancelled.is_set():
                continue  # drained, so that submit never waits on a writer that stopped
            try:
                for outcome in self.store.load_reports(batch):
                    self.statuses[outcome.status] += 1
            except BaseException as exc:  # raised on the caller's thread
                self._error = exc

    def _raise_error(self) -> None:
        if self._error is not None:
            raise self._error

    def submit(self, batch: list[ReportRows]) -> None:
        """Queue ``batch``; waits while :data:`WAITING` batches are queued already."""
        self._raise_error()
        self._batches.put(batch)

    def finish(self) -> Counter[str]:
        """Wait until every batch is written; the report statuses."""
        self._batches.put(None)
        self._thread.join()
        self._raise_error()
        return self.statuses

    def __enter__(self) -> BatchWriter:
        return self

    def __exit__(self, kind: object, *exc: object) -> None:
        if self._thread.is_alive():  # left early: write no more, let the batch being written end
            self._cancelled.set()
            self._batches.put(None)
            self._thread.join()
