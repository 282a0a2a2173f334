"""The whole graph read kind by kind, as Arrow tables, through the store interface: what every
export format writes from, so each reads either store the same way.

Columns are named as the properties are (``cypher/embedded-schema.cypher`` declares them with
their types); a relationship table starts with its two ends' keys, ``from`` and ``to``.
Rows come sorted, so the same graph always gives the same files.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from kg.schema_tables import Table, arrow_type, tables

if TYPE_CHECKING:
    import pyarrow as pa

    from kg.stores.base import GraphStore

ENDS = ("from", "to")  # a relationship table's first two columns: its ends' keys (no property is so named)


def _read(store: GraphStore, cypher: str, columns: list[tuple[str, str]]) -> pa.Table:
    import pyarrow as pa

    schema = pa.schema([(f"c{i}", arrow_type(kind)) for i, (_, kind) in enumerate(columns)])
    table = store.arrow(cypher, schema).rename_columns([name for name, _ in columns])
    keys = [(name, "ascending") for name, kind in columns if not kind.endswith("[]")]
    return table.sort_by(keys)


def _prop(variable: str, name: str) -> str:
    return f"{variable}.`{name}`"


def nodes(store: GraphStore, table: Table) -> pa.Table:
    """Every node of ``table``'s label, one column per property."""
    cypher = f"MATCH (n:{table.name}) RETURN " + ", ".join(_prop("n", name) for name, _ in table.columns)
    return _read(store, cypher, list(table.columns))


def relationships(store: GraphStore, table: Table) -> Iterator[tuple[str, str, pa.Table]]:
    """``(source label, target label, rows)`` for each pair of labels ``table``'s type joins."""
    key = {t.name: t.key for t in tables() if t.is_node}
    for source, target in table.ends:
        cypher = (
            f"MATCH (a:{source})-[r:{table.name}]->(b:{target}) RETURN {_prop('a', key[source])}, "
            f"{_prop('b', key[target])}" + "".join(", " + _prop("r", name) for name, _ in table.columns)
        )
        yield source, target, _read(store, cypher, [(ENDS[0], "STRING"), (ENDS[1], "STRING"), *table.columns])
