"""The graph's node and relationship kinds with their typed properties, read from the one place
that declares them all: ``cypher/embedded-schema.cypher`` (Neo4j's schema constrains keys only).

Exports use it to write every property with its type, the same for either store.

>>> report = next(t for t in tables() if t.name == "Report")
>>> report.columns[0], report.key
(('id', 'STRING'), 'id')
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import TYPE_CHECKING

from kg.model import NODE_KEY

if TYPE_CHECKING:
    import pyarrow as pa

INTERNAL_TABLES = {"GovkgFormat"}  # the embedded store's own bookkeeping, not part of the graph
ALIASES = {"BOOLEAN": "BOOL"}  # one name per type, as the database reports it
# a table's body, then LadybugDB's storage options, e.g. WITH (storage_direction = 'fwd')
_TABLE = re.compile(r"CREATE\s+(NODE|REL)\s+TABLE\s+(\w+)\s*\((.*?)\)(?:\s*WITH\s*\([^)]*\))?\s*$", re.S)
_ENDS = re.compile(r"FROM\s+(\w+)\s+TO\s+(\w+)$")
_COLUMN = re.compile(r"`?(\w+)`?\s+([A-Z0-9]+(?:\[\])?)(?:\s+PRIMARY\s+KEY)?$")


@dataclass(frozen=True)
class Table:
    """One node label or relationship type: its properties (name, LadybugDB type) in declared
    order and, for a relationship, the (source label, target label) pairs it joins."""

    name: str
    is_node: bool
    columns: tuple[tuple[str, str], ...]
    ends: tuple[tuple[str, str], ...] = ()

    @property
    def key(self) -> str:
        """A node label's key property."""
        return NODE_KEY[self.name]


def _parse(statement: str) -> Table:
    match = _TABLE.match(statement)
    if not match:
        raise ValueError(f"not a table declaration: {statement[:60]}")
    kind, name, body = match.groups()
    columns, ends = [], []
    for part in (p.strip() for p in body.split(",")):
        if end := _ENDS.match(part):
            ends.append((end.group(1), end.group(2)))
        elif column := _COLUMN.match(part):
            columns.append((column.group(1), ALIASES.get(column.group(2), column.group(2))))
        else:
            raise ValueError(f"{name}: cannot read '{part}'")
    return Table(name, kind == "NODE", tuple(columns), tuple(ends))


@lru_cache(maxsize=1)
def statements() -> tuple[str, ...]:
    """The statements of ``cypher/embedded-schema.cypher``, comments removed."""
    text = resources.files("cypher").joinpath("embedded-schema.cypher").read_text(encoding="utf-8")
    text = re.sub(r"//[^\n]*", "", text)
    return tuple(s.strip() for s in text.split(";") if s.strip())


@lru_cache(maxsize=1)
def tables() -> tuple[Table, ...]:
    """Every node table, then every relationship table, in the schema file's order."""
    found = [_parse(s) for s in statements()]
    return tuple(t for t in sorted(found, key=lambda t: not t.is_node) if t.name not in INTERNAL_TABLES)


def arrow_type(ladybug_type: str) -> pa.DataType:
    """The Arrow type of a property type of the schema (how rows travel to and from LadybugDB)."""
    import pyarrow as pa

    if ladybug_type == "STRING[]":
        return pa.list_(pa.string())
    return {"STRING": pa.string(), "INT64": pa.int64(), "DOUBLE": pa.float64(), "BOOL": pa.bool_()}[ladybug_type]
