"""Rows fed to the loader's ``UNWIND $rows …`` statements: in chunks, and one per relationship key."""

from __future__ import annotations

from typing import Any

import neo4j

ROWS_PER_STATEMENT = 5000


def chunks(rows: list[dict[str, Any]], size: int = ROWS_PER_STATEMENT):
    """Consecutive slices of ``rows``: a statement's parameters stay a few megabytes at most."""
    for i in range(0, len(rows), size):
        yield rows[i:i + size]


def run_rows(tx: neo4j.ManagedTransaction, statement: str, rows: list[dict[str, Any]]) -> None:
    """Run ``statement`` over ``rows``, a chunk at a time."""
    for chunk in chunks(rows):
        tx.run(statement, rows=chunk).consume()


def unique(rows: list[dict[str, Any]], key: tuple[str, ...]) -> list[dict[str, Any]]:
    """The last row for each key (what MERGE … SET would have left)."""
    return list({tuple(row[k] for k in key): row for row in rows}.values())
