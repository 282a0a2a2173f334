"""The Neo4j store: the same graph as the embedded store, in a Neo4j 5 database users can browse.

Loading follows the plain recipe: constraints first (``cypher/schema.cypher``), then for each batch
of reports one write transaction in which the store-neutral loader (:mod:`kg.loader`) decides what
changes and this store writes new rows with one ``UNWIND $rows … CREATE`` statement per node or
relationship kind.  The driver's managed transactions retry transient errors (deadlocks, leader
switches) by re-running the whole batch function, which is safe because it decides everything —
skip, replace, load — inside the transaction.  A batch is all or
nothing, so a load killed at any point leaves whole reports only, and running it again completes it.
"""

from __future__ import annotations

import re
from importlib import resources
from typing import TYPE_CHECKING, Any

import neo4j

from kg.model import NODE_KEY, ReportRows
from kg.queries import CannedQuery
from kg.stores import neo4j_cypher as cy
from kg.stores.base import GraphStore, StoreError
from kg.stores.neo4j_connection import Neo4jSettings, connect, translated_errors
from kg.stores.neo4j_rows import Rows, run_rows

if TYPE_CHECKING:
    import networkx as nx
    import pyarrow as pa

    from kg.loader import LoadOutcome

ROWS_PER_TRANSACTION = 20000  # provenance rows: keeps a batch of long reports inside the server's memory pool


def _by_row_budget(batch: list[ReportRows], budget: int):
    """Consecutive slices of ``batch`` with at most ``budget`` mention/partner rows each (at least
    one report per slice)."""
    chunk: list[ReportRows] = []
    rows = 0
    for r in batch:
        size = len(r.mentions) + len(r.partners) + len(r.figures) + len(r.issued) + 1
        if chunk and rows + size > budget:
            yield chunk
            chunk, rows = [], 0
        chunk.append(r)
        rows += size
    if chunk:
        yield chunk


def schema_statements() -> list[str]:
    """The statements of ``cypher/schema.cypher``, comments removed, one per ``;``."""
    text = resources.files("cypher").joinpath("schema.cypher").read_text(encoding="utf-8")
    text = re.sub(r"//[^\n]*", "", text)
    return [s.strip() for s in text.split(";") if s.strip()]


def _write_batch(tx: Any, batch: list[ReportRows]) -> list[LoadOutcome]:
    from kg.loader import write_batch  # imported by loads only: a query does without

    return write_batch(tx, batch)


class _Batch:
    """The loader's view of one write transaction (:class:`kg.loader.Transaction`): rows go in as
    ``UNWIND $rows … CREATE``, a chunk at a time."""

    def __init__(self, tx: neo4j.ManagedTransaction) -> None:
        self.tx = tx

    def run(self, cypher: str, **params: Any) -> list[list[Any]]:
        return [list(record.values()) for record in self.tx.run(cypher, {k: _rows(v) for k, v in params.items()})]

    def table(self, cypher: str, **params: Any) -> pa.Table:
        import pyarrow as pa

        columns = list(zip(*self.run(cypher, **params), strict=True))
        return pa.table([pa.array(c) for c in columns], names=[str(i) for i in range(len(columns))])

    def create_nodes(self, label: str, rows: list[dict[str, Any]]) -> None:
        run_rows(self.tx, f"UNWIND $rows AS row CREATE (x:{label}) SET x = row", rows)

    def create_relationships(self, rel: str, source: str, target: str, rows: list[dict[str, Any]]) -> None:
        statement = (
            f"UNWIND $rows AS row MATCH (a:{source} {{{NODE_KEY[source]}: row.from}}) "
            f"MATCH (b:{target} {{{NODE_KEY[target]}: row.to}}) CREATE (a)-[d:{rel}]->(b) SET d = row.props"
        )
        run_rows(
            self.tx,
            statement,
            [
                {"from": r["from"], "to": r["to"], "props": {k: v for k, v in r.items() if k not in ("from", "to")}}
                for r in rows
            ],
        )


def _rows(value: Any) -> Any:
    """A list parameter as :class:`~kg.stores.neo4j_rows.Rows` (short in the driver's debug log)."""
    return Rows(value) if isinstance(value, list) else value


def _collected(cypher: str, columns: list[str]) -> str:
    """``cypher`` as a subquery whose rows come back as one list of lists, in their order."""
    quoted = ", ".join("`" + c.replace("`", "``") + "`" for c in columns)
    return f"CALL () {{\n{cypher}\n}}\nRETURN collect([{quoted}]) AS rows"


class Neo4jStore(GraphStore):
    name = "neo4j"

    def __init__(self, settings: Neo4jSettings | None = None) -> None:
        self.settings = settings or Neo4jSettings.from_environment()
        self.driver = connect(self.settings)
        self._schema_applied = False
        self._query_columns: dict[str, list[str]] = {}

    def _session(self, **kwargs: Any) -> neo4j.Session:
        return self.driver.session(database=self.settings.database, **kwargs)

    def apply_schema(self) -> list[str]:
        """Create the constraints and indexes (idempotent) and wait until they are online."""
        statements = schema_statements()
        with translated_errors(self.settings), self._session() as session:
            for statement in statements:
                session.run(statement).consume()
            session.run("CALL db.awaitIndexes(300)").consume()
        self._schema_applied = True
        return statements

    def load_reports(self, batch: list[ReportRows]) -> list[LoadOutcome]:
        if not batch:
            return []
        if not self._schema_applied:
            self.apply_schema()
        outcomes: list[LoadOutcome] = []
        for chunk in _by_row_budget(batch, ROWS_PER_TRANSACTION):
            outcomes.extend(self._load_chunk(chunk))
        return outcomes

    def _load_chunk(self, chunk: list[ReportRows]) -> list[LoadOutcome]:
        """One transaction; halved and retried when the server's transaction memory runs out."""
        try:
            with translated_errors(self.settings), self._session() as session:
                return session.execute_write(lambda tx: _write_batch(_Batch(tx), chunk))
        except StoreError as exc:
            if "MemoryPoolOutOfMemory" not in str(exc):
                raise
            if len(chunk) == 1:
                raise StoreError(
                    f"{chunk[0].report['file']}: too large for one Neo4j transaction; raise "
                    f"dbms.memory.transaction.total.max on the server"
                ) from None
            half = len(chunk) // 2
            return self._load_chunk(chunk[:half]) + self._load_chunk(chunk[half:])

    def _answer(self, query: CannedQuery, params: dict[str, Any]) -> list[dict[str, Any]]:
        """The rows of a canned query, fetched as one list.

        Bolt sends each row as its own message, and reading the messages one by one is most of the
        time of a query with thousands of rows.  So the query runs as written inside
        ``CALL () { … }`` and its rows come back collected in one value, in the query's own order
        (``collect`` keeps the order the rows arrive in; the parity tests compare it with the
        streamed rows).  The list costs the server about the memory the query's ORDER BY already
        holds.
        """
        cypher = query.cypher
        with translated_errors(self.settings), self._session(default_access_mode=neo4j.READ_ACCESS) as session:
            columns = self._columns(session, query.name, cypher, params)
            record = session.run(_collected(cypher, columns), params).single(strict=True)
        return [dict(zip(columns, row, strict=False)) for row in record["rows"]]

    def _columns(self, session: neo4j.Session, name: str, cypher: str, params: dict[str, Any]) -> list[str]:
        """The query's result columns, from the server's plan (EXPLAIN runs nothing); once per query."""
        if name not in self._query_columns:
            result = session.run("EXPLAIN " + cypher, params)
            self._query_columns[name] = list(result.keys())
            result.consume()
        return self._query_columns[name]

    def known_reports(self) -> dict[str, str | None]:
        with translated_errors(self.settings), self._session(default_access_mode=neo4j.READ_ACCESS) as session:
            return dict(session.run(cy.ALL_REPORTS).single(strict=True)["reports"])

    def counts(self) -> dict[str, Any]:
        nodes: dict[str, int] = {}
        rels: dict[str, int] = {}
        with translated_errors(self.settings), self._session(default_access_mode=neo4j.READ_ACCESS) as session:
            for label, statement in cy.COUNT_NODES.items():
                n = session.run(statement).single(strict=True)["n"]
                if n:
                    nodes[label] = n
            for rel, statement in cy.COUNT_RELS.items():
                n = session.run(statement).single(strict=True)["n"]
                if n:
                    rels[rel] = n
        return {"nodes": dict(sorted(nodes.items())), "relationships": dict(sorted(rels.items()))}

    def arrow(self, cypher: str, schema: pa.Schema) -> pa.Table:
        import pyarrow as pa

        columns: list[list[Any]] = [[] for _ in schema]
        with translated_errors(self.settings), self._session(default_access_mode=neo4j.READ_ACCESS) as session:
            for values in session.run(cypher).values():
                for column, value in zip(columns, values, strict=True):
                    column.append(value)
        return pa.table([pa.array(c, type=f.type) for c, f in zip(columns, schema, strict=True)], schema=schema)

    def as_networkx(self) -> nx.MultiDiGraph:
        import networkx as nx

        graph = nx.MultiDiGraph()
        with translated_errors(self.settings), self._session(default_access_mode=neo4j.READ_ACCESS) as session:
            keys = {}
            for label, key in NODE_KEY.items():
                for record in session.run(f"MATCH (n:{label}) RETURN elementId(n) AS id, properties(n) AS p"):
                    props = dict(record["p"])
                    keys[record["id"]] = (label, props[key])
                    graph.add_node((label, props[key]), **props)
            for rel in cy.REL_TYPES:
                statement = f"MATCH (a)-[r:{rel}]->(b) RETURN elementId(a) AS a, elementId(b) AS b, properties(r) AS p"
                for record in session.run(statement):
                    graph.add_edge(keys[record["a"]], keys[record["b"]], type=rel, **record["p"])
        return graph

    def close(self) -> None:
        self.driver.close()
