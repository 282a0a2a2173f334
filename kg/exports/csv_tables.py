"""The graph as plain CSV tables, one per label and one per relationship type, for R, Stata,
pandas or a spreadsheet.

``Report.csv``, ``Region.csv``, ``Platform.csv`` … hold one row per node and one column per
property; ``MENTIONS.csv``, ``ADOPTED.csv`` … one row per relationship: ``from_label``, ``from``,
``to_label``, ``to`` (the two nodes' labels and keys), then its properties. A list property is JSON
text (``["a","b"]``); an absent value is an empty field. UTF-8, a header line, RFC 4180 quoting.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING

from kg.exports import reading
from kg.schema_tables import tables

if TYPE_CHECKING:
    import pyarrow as pa

    from kg.stores.base import GraphStore


def _plain(table: pa.Table) -> pa.Table:
    """Lists as JSON text: CSV holds one value a field."""
    import pyarrow as pa

    columns = []
    for column in table.columns:
        if pa.types.is_list(column.type):
            column = pa.array(
                [None if v is None else json.dumps(v, ensure_ascii=False) for v in column.to_pylist()], pa.string()
            )
        columns.append(column)
    return pa.table(columns, names=table.column_names)


def write(store: GraphStore, folder: Path) -> str:
    """One CSV file per label and per relationship type into ``folder``; a summary line."""
    import pyarrow as pa
    import pyarrow.csv as csv

    folder.mkdir(parents=True, exist_ok=True)
    options = csv.WriteOptions(quoting_style="needed")
    files = rows = 0
    for table in tables():
        if table.is_node:
            data = reading.nodes(store, table)
        else:
            parts = []
            for source, target, part in reading.relationships(store, table):
                labels = [
                    pa.array([source] * part.num_rows, pa.string()),
                    pa.array([target] * part.num_rows, pa.string()),
                ]
                parts.append(
                    pa.table(
                        [labels[0], part["from"], labels[1], part["to"], *part.columns[2:]],
                        names=["from_label", "from", "to_label", "to", *part.column_names[2:]],
                    )
                )
            data = pa.concat_tables(parts)
        if data.num_rows:
            csv.write_csv(_plain(data), folder / f"{table.name}.csv", options)
            files += 1
            rows += data.num_rows
    return f"{rows} rows in {files} files"
