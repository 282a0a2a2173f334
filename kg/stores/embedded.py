"""The embedded store: a LadybugDB database on disk in the ``--db`` folder, no server needed.

LadybugDB (the ``ladybug`` package, the maintained successor of Kùzu) is an embedded graph database
that speaks Cypher, so the canned queries run on it as written for Neo4j.  It allows one writer per
database (a second ``kg load`` gets one line naming the process that holds it) and any number of
read-only readers beside it, which read the last committed state.  Each batch of reports is one
transaction followed by a checkpoint: a load killed at any point leaves whole batches only, and
running it again loads what the graph lacks.
"""

from __future__ import annotations

import os
import re
import time
from decimal import Decimal
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

import ladybug

from kg.loader import NODE_KEY, write_batch
from kg.model import ReportRows
from kg.queries import CannedQuery
from kg.stores.base import GraphStore, LoadOutcome, StoreError

if TYPE_CHECKING:  # imported where rows are written or a whole graph is read: a query needs neither
    import networkx as nx
    import pyarrow as pa

FORMAT_VERSION = 1  # of the schema below; a database of another version is refused
DATABASE_FILE = "graph.lbug"
OLD_GRAPH_FILE = "graph.pickle"  # the format before: never read (unpickling runs whatever it holds)
READ_RETRY_SECONDS = 30.0  # how long a reader waits for a writer's batch to be checkpointed


def _arrow_type(name: str) -> pa.DataType:
    """The Arrow type of a LadybugDB column type of the schema."""
    import pyarrow as pa

    types = {"STRING": pa.string(), "INT64": pa.int64(), "DOUBLE": pa.float64(), "BOOL": pa.bool_()}
    types["STRING[]"] = pa.list_(pa.string())
    return types[name]


LOCK_HOLDER = re.compile(r"Lock is held by PID (\d+)")


def schema_statements() -> list[str]:
    """The statements of ``cypher/embedded-schema.cypher``, comments removed."""
    text = resources.files("cypher").joinpath("embedded-schema.cypher").read_text(encoding="utf-8")
    text = re.sub(r"//[^\n]*", "", text)
    return [s.strip() for s in text.split(";") if s.strip()]


def _execute(conn: ladybug.Connection, cypher: str, params: dict[str, Any] | None = None) -> Any:
    """The result of one statement (``execute`` answers a list for several)."""
    result = conn.execute(cypher, params or {})
    return result[-1] if isinstance(result, list) else result


def _plain(value: Any) -> Any:
    """A value as Neo4j's driver returns it: LadybugDB sums to Decimal."""
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


class _Batch:
    """The loader's view of one write transaction (:class:`kg.loader.Transaction`)."""

    def __init__(self, store: EmbeddedStore, conn: ladybug.Connection) -> None:
        self.store, self.conn = store, conn

    def run(self, cypher: str, **params: Any) -> list[list[Any]]:
        return [[_plain(v) for v in row] for row in _execute(self.conn, cypher, params).get_all()]

    def create_nodes(self, label: str, rows: list[dict[str, Any]]) -> None:
        if rows:
            table = self.store._arrow(label, rows, ())
            self.conn.execute(f"COPY {label} FROM $rows", {"rows": table})

    def create_relationships(self, rel: str, source: str, target: str, rows: list[dict[str, Any]]) -> None:
        if rows:
            table = self.store._arrow(rel, rows, (("from", "STRING"), ("to", "STRING")))
            self.conn.execute(f"COPY {rel} FROM $rows (from='{source}', to='{target}')", {"rows": table})


class EmbeddedStore(GraphStore):
    name = "embedded"

    def __init__(self, directory: str | os.PathLike[str]) -> None:
        self.directory = Path(directory)
        if self.directory.exists() and not self.directory.is_dir():
            raise StoreError(
                f"{self.directory} is a file, not a folder (--db / KG_DB names the folder the graph is kept in)"
            )
        if (self.directory / OLD_GRAPH_FILE).exists():
            raise StoreError(
                f"{self.directory} holds a graph of an older govkg format ({OLD_GRAPH_FILE}), which is not read; "
                f"rebuild it: kg load REPORTS --db NEW_FOLDER"
            )
        self.path = self.directory / DATABASE_FILE
        self._db: ladybug.Database | None = None
        self._conn: ladybug.Connection | None = None
        self._writable = False
        self._columns: dict[str, list[tuple[str, str]]] = {}  # table → (column, type)

    # ---- opening -------------------------------------------------------------------------------
    def exists(self) -> bool:
        return self.path.exists()

    def _connection(self, write: bool) -> ladybug.Connection:
        if self._conn is not None and (self._writable or not write):
            return self._conn
        self.close()
        if write:
            self.directory.mkdir(parents=True, exist_ok=True)
            fresh = not self.path.exists()
            self._db = self._open(read_only=False)
            self._conn = ladybug.Connection(self._db)
            if fresh:
                for statement in schema_statements():
                    self._conn.execute(statement)
                self._conn.execute("CREATE (:GovkgFormat {name: 'govkg', version: $v})", {"v": FORMAT_VERSION})
                self._conn.execute("CHECKPOINT")
            self._writable = True
        else:
            if not self.path.exists():
                raise StoreError(f"{self.directory}: no graph here yet (kg load REPORTS --db {self.directory})")
            self._db = self._open(read_only=True)
            self._conn = ladybug.Connection(self._db)
        self._check_format(self._conn)
        return self._conn

    def _open(self, read_only: bool) -> ladybug.Database:
        deadline = time.monotonic() + READ_RETRY_SECONDS
        delay = 0.05
        while True:
            try:
                return ladybug.Database(str(self.path), read_only=read_only)
            except RuntimeError as exc:
                message = str(exc)
                holder = LOCK_HOLDER.search(message)
                if holder and not read_only:
                    raise StoreError(
                        f"{self.directory}: another kg process (pid {holder.group(1)}) is writing to this graph; "
                        "wait for it to finish, or load into another --db"
                    ) from None
                busy = "lock" in message.lower() or "checkpoint" in message.lower()
                if busy and time.monotonic() < deadline:
                    time.sleep(delay)  # a writer is checkpointing: read once it is done
                    delay = min(delay * 2, 1.0)
                    continue
                raise StoreError(f"{self.path}: cannot open the graph ({message.splitlines()[0]})") from None

    def _check_format(self, conn: ladybug.Connection) -> None:
        try:
            rows = _execute(conn, "MATCH (f:GovkgFormat) RETURN f.version").get_all()
        except RuntimeError:
            rows = []
        if [row[0] for row in rows] != [FORMAT_VERSION]:
            found = rows[0][0] if rows else "none"
            self.close()
            raise StoreError(
                f"{self.path}: a graph of format {found}, this kg reads format {FORMAT_VERSION}; "
                f"rebuild it: kg load REPORTS --db NEW_FOLDER"
            )

    def _arrow(self, table: str, rows: list[dict[str, Any]], ends: tuple[tuple[str, str], ...]) -> pa.Table:
        """``rows`` as an Arrow table with ``table``'s columns in its order (what COPY reads)."""
        import pyarrow as pa

        if table not in self._columns:
            info = _execute(self._connection(write=True), f"CALL table_info('{table}') RETURN *").get_all()
            self._columns[table] = [(row[1], row[2]) for row in info]
        columns = [*ends, *self._columns[table]]
        return pa.table(
            {name: pa.array([row.get(name) for row in rows], type=_arrow_type(kind)) for name, kind in columns}
        )

    # ---- loading -------------------------------------------------------------------------------
    def prepare_load(self) -> None:
        self._connection(write=True)

    def load_reports(self, batch: list[ReportRows]) -> list[LoadOutcome]:
        if not batch:
            return []
        conn = self._connection(write=True)
        conn.execute("BEGIN TRANSACTION")
        try:
            outcomes = write_batch(_Batch(self, conn), batch)
            conn.execute("COMMIT")
        except BaseException:
            try:
                conn.execute("ROLLBACK")
            finally:
                self.close()  # LadybugDB 0.22 may crash on a COPY after a rolled-back COPY: start afresh
            raise
        conn.execute("CHECKPOINT")
        return outcomes

    # ---- reading -------------------------------------------------------------------------------
    def _rows(self, cypher: str, params: dict[str, Any] | None = None) -> tuple[list[str], list[list[Any]]]:
        conn = self._connection(write=False)
        try:
            result = _execute(conn, cypher, params)
        except RuntimeError as exc:
            raise StoreError(f"{self.path}: {str(exc).splitlines()[0]}") from None
        return result.get_column_names(), [[_plain(v) for v in row] for row in result.get_all()]

    def _answer(self, query: CannedQuery, params: dict[str, Any]) -> list[dict[str, Any]]:
        columns, rows = self._rows(query.cypher, params)
        return [dict(zip(columns, row, strict=True)) for row in rows]

    def known_reports(self) -> dict[str, str | None]:
        if not self.exists():
            return {}
        return dict(self._rows("MATCH (r:Report) RETURN r.id, r.extractor")[1])

    def counts(self) -> dict[str, Any]:
        if not self.exists():
            return {"nodes": {}, "relationships": {}}
        nodes: dict[str, int] = {}
        rels: dict[str, int] = {}
        for _, name, kind, *_ in self._rows("CALL show_tables() RETURN *")[1]:
            if name == "GovkgFormat":
                continue
            pattern = f"(n:{name})" if kind == "NODE" else f"()-[n:{name}]->()"
            n = self._rows(f"MATCH {pattern} RETURN count(n)")[1][0][0]
            if n:
                (nodes if kind == "NODE" else rels)[name] = n
        return {"nodes": dict(sorted(nodes.items())), "relationships": dict(sorted(rels.items()))}

    def as_networkx(self) -> nx.MultiDiGraph:
        import networkx as nx

        graph = nx.MultiDiGraph()
        if not self.exists():
            return graph
        keys: dict[Any, tuple[str, str]] = {}
        for _, name, kind, *_ in self._rows("CALL show_tables() RETURN *")[1]:
            if kind != "NODE" or name == "GovkgFormat":
                continue
            for (node,) in self._rows(f"MATCH (n:{name}) RETURN n")[1]:
                key = (name, node[NODE_KEY[name]])
                keys[_internal(node["_ID"])] = key
                graph.add_node(key, **{k: v for k, v in node.items() if not k.startswith("_") and v is not None})
        for _, name, kind, *_ in self._rows("CALL show_tables() RETURN *")[1]:
            if kind == "REL":
                for (rel,) in self._rows(f"MATCH ()-[r:{name}]->() RETURN r")[1]:
                    props = {k: v for k, v in rel.items() if not k.startswith("_") and v is not None}
                    graph.add_edge(keys[_internal(rel["_SRC"])], keys[_internal(rel["_DST"])], type=name, **props)
        return graph

    def close(self) -> None:
        if self._conn is not None:
            self._conn.close()
        if self._db is not None:
            self._db.close()
        self._db, self._conn, self._writable = None, None, False


def _internal(node_id: dict[str, int]) -> tuple[int, int]:
    return (node_id["table"], node_id["offset"])
