"""The graph as CSV files for Neo4j's offline importer (``neo4j-admin database import full``).

A first load of a national graph through Bolt is bound by the server committing on one thread;
the importer writes the store files directly.  This writes what it reads, from either store:

- ``nodes/<Label>.csv`` — header ``id:ID(Report),kind,year:long,…``: each label its own id space
  (a report and a region may share a key), the key stored as its property;
- ``relationships/<TYPE>-<Source>-<Target>.csv`` — header ``:START_ID(Report),:END_ID(Platform),…``;
- ``neo4j-admin-import.sh`` — the exact import command for these files.

Every string is quoted (RFC 4180: a quote inside is doubled), so commas, quotes, ``;`` and line
breaks in evidence sentences survive, and an empty string stays one; an absent value is an empty
unquoted field, which the importer leaves unset, as the transactional load does.  List items are joined with a character
no item holds (U+001F), and the files that hold a line break inside a value are named to the
importer as multi-line.

>>> header_field("year", "INT64"), header_field("surfaces", "STRING[]")
('year:long', 'surfaces:string[]')
"""

from __future__ import annotations

import shlex
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from kg.exports import reading
from kg.schema_tables import Table, tables

if TYPE_CHECKING:
    import pyarrow as pa

    from kg.stores.base import GraphStore

ARRAY_DELIMITER = "\x1f"  # the unit separator: no name, surface or report id holds it
ARRAY_DELIMITER_OPTION = "U+001F"  # how the importer's --array-delimiter names it
SCRIPT = "neo4j-admin-import.sh"
NEO4J_TYPES = {"STRING": "", "INT64": "long", "DOUBLE": "double", "BOOL": "boolean", "STRING[]": "string[]"}


class ExportError(Exception):
    """The graph cannot be written in this format; the message says why."""


@dataclass
class AdminImport:
    """What was written: the importer's arguments (paths relative to the export folder)."""

    folder: Path
    nodes: list[tuple[str, str]] = field(default_factory=list)  # (label, file)
    relationships: list[tuple[str, str]] = field(default_factory=list)  # (type, file)
    multiline: list[str] = field(default_factory=list)  # files with a line break inside a value
    counts: dict[str, int] = field(default_factory=dict)  # file → rows

    def arguments(self) -> list[str]:
        """``neo4j-admin database import full`` options, run in the export folder."""
        args = [f"--nodes={label}={path}" for label, path in self.nodes]
        args += [f"--relationships={rel}={path}" for rel, path in self.relationships]
        args += [f"--array-delimiter={ARRAY_DELIMITER_OPTION}"]
        if self.multiline:
            args += ["--multiline-fields-format=v2", "--multiline-fields=" + ",".join(self.multiline)]
        return args


def header_field(name: str, ladybug_type: str) -> str:
    """A property's column header: its name and, unless a string, its importer type."""
    kind = NEO4J_TYPES[ladybug_type]
    return f"{name}:{kind}" if kind else name


def _write(path: Path, header: list[str], table: pa.Table) -> bool:
    """``table`` under ``header``; True when a value holds a line break."""
    import pyarrow as pa
    import pyarrow.compute as pc
    import pyarrow.csv as csv

    multiline = False
    columns = []
    for column in table.columns:
        if pa.types.is_list(column.type):
            items = pc.list_flatten(column)
            if len(items) and pc.any(pc.match_substring(items, ARRAY_DELIMITER)).as_py():
                raise ExportError(f"{path.name}: a list item holds U+001F, the array delimiter")
            column = pc.binary_join(column, ARRAY_DELIMITER)
        if pa.types.is_string(column.type) and len(column):
            multiline = multiline or bool(pc.any(pc.match_substring_regex(column, "[\r\n]")).as_py())
        columns.append(column)
    with path.open("wb") as out:
        out.write((",".join(header) + "\n").encode("utf-8"))
        if table.num_rows:
            options = csv.WriteOptions(include_header=False, quoting_style="needed")
            csv.write_csv(pa.table(columns, names=table.column_names), out, options)
    return multiline


def _export_nodes(store: GraphStore, table: Table, result: AdminImport) -> None:
    rows = reading.nodes(store, table)
    if not rows.num_rows:
        return
    header = [
        f"{table.key}:ID({table.name})" if name == table.key else header_field(name, kind)
        for name, kind in table.columns
    ]
    relative = f"nodes/{table.name}.csv"
    if _write(result.folder / relative, header, rows):
        result.multiline.append(relative)
    result.nodes.append((table.name, relative))
    result.counts[relative] = rows.num_rows


def _export_relationships(store: GraphStore, table: Table, result: AdminImport) -> None:
    for source, target, rows in reading.relationships(store, table):
        if not rows.num_rows:
            continue
        header = [f":START_ID({source})", f":END_ID({target})", *(header_field(n, k) for n, k in table.columns)]
        relative = f"relationships/{table.name}-{source}-{target}.csv"
        if _write(result.folder / relative, header, rows):
            result.multiline.append(relative)
        result.relationships.append((table.name, relative))
        result.counts[relative] = rows.num_rows


def export(store: GraphStore, folder: Path) -> AdminImport:
    """Write the graph in ``store`` into ``folder`` for ``neo4j-admin database import full``.

    CSV files a previous export left in ``nodes/`` and ``relationships/`` are removed first, so
    the folder holds this graph only.
    """
    result = AdminImport(folder)
    for sub in ("nodes", "relationships"):
        (folder / sub).mkdir(parents=True, exist_ok=True)
        for old in (folder / sub).glob("*.csv"):
            old.unlink()
    for table in tables():
        if table.is_node:
            _export_nodes(store, table, result)
        else:
            _export_relationships(store, table, result)
    script = folder / SCRIPT
    script.write_text(_script(result), encoding="utf-8")
    script.chmod(0o755)
    return result


def _script(result: AdminImport) -> str:
    lines = " \\\n  ".join(shlex.quote(a) for a in result.arguments())
    return (
        "#!/bin/sh\n"
        "# Import this folder with Neo4j 5's offline importer into a database that is new, or stopped\n"
        "# and replaced (--overwrite-destination=true).  Usage:\n"
        "#   sh neo4j-admin-import.sh [IMPORTER OPTIONS] [DATABASE]      (DATABASE: neo4j unless named)\n"
        "# NEO4J_ADMIN names the neo4j-admin command if it is not on PATH.  Then start the database and\n"
        "# run: kg schema --target neo4j\n"
        'cd "$(dirname "$0")" || exit 1\n'
        f'exec "${{NEO4J_ADMIN:-neo4j-admin}}" database import full \\\n  {lines} \\\n  "$@"\n'
    )
