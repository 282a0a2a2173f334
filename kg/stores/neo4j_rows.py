"""Rows fed to the loader's ``UNWIND $rows …`` statements: in chunks, short in the driver's debug log."""

from __future__ import annotations

from typing import Any

import neo4j

ROWS_PER_STATEMENT = 5000


class Rows(list):
    """A chunk of rows whose ``repr`` is its length.

    The driver (neo4j 6.4) formats every RUN message's parameters for a debug log line before the
    logger checks its level: megabytes of text per statement, a cost a large load notices.  The
    driver packs a list subclass exactly as a list.
    """

    def __repr__(self) -> str:
        return f"<{len(self)} rows>"


def chunks(rows: list[Any], size: int = ROWS_PER_STATEMENT):
    """Consecutive slices of ``rows`` (as :class:`Rows`): a statement's parameters stay a few
    megabytes at most."""
    for i in range(0, len(rows), size):
        yield Rows(rows[i : i + size])


def run_rows(tx: neo4j.ManagedTransaction, statement: str, rows: list[dict[str, Any]]) -> None:
    """Run ``statement`` over ``rows``, a chunk at a time."""
    for chunk in chunks(rows):
        tx.run(statement, rows=chunk).consume()
