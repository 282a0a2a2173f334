"""The embedded store: a LadybugDB database on disk in the ``--db`` folder, no server needed.

LadybugDB (the ``ladybug`` package, the maintained successor of Kùzu) is an embedded graph database
that speaks Cypher, so the canned queries run on it as written for Neo4j.

A load never writes the database readers open.  It takes the folder's writer lock (a second
``kg load`` gets one line naming the process that holds it), copies ``graph.lbug`` to a working
file and writes its batches there, one transaction each; from time to time, and when it ends, it
publishes: brings the derived facts up to date, checkpoints the working file and makes a copy of it
``graph.lbug`` with an atomic rename.  So ``graph.lbug`` is always a whole graph with its facts
aggregated: readers open it at any time, and a load killed at any point leaves the last published
graph, which running the load again completes.  (LadybugDB's own recovery cannot be relied on here:
in 0.22 a database whose process was killed with a non-empty write-ahead log, or during a
checkpoint, crashes the next process that opens it.)

Batches leave the derived facts of the regions they touch stale (:func:`kg.loader.write_batch`);
publishing aggregates them again from their provenance (:func:`kg.loader.rebuild_facts`).  LadybugDB
sets a relationship's properties through a join, a hundred times slower than it reads a row of
provenance, so one aggregation per publish costs far less than updating every fact batch by batch.

Publishing costs more the larger the graph (and the facts it aggregates again replace those of the
publish before, which makes LadybugDB's next checkpoint rewrite their tables), so a load publishes
when it ends and in between only when the last publish is older than ``PUBLISH_SECONDS`` and than
``1/PUBLISH_SHARE`` times what it took, or every ``KG_CHECKPOINT_SECONDS`` (0: after every batch).
Between publishes the working file is checkpointed after every ``CHECKPOINT_ROWS`` rows written:
LadybugDB holds what was committed since the last checkpoint in memory.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import shutil
import tempfile
import time
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

import ladybug

from kg.model import NODE_KEY, ReportRows
from kg.queries import CannedQuery
from kg.schema_tables import arrow_type, statements
from kg.stores.base import GraphStore, StoreError

if TYPE_CHECKING:
    # imported where rows are written or a whole graph is read: a query needs neither
    import networkx as nx
    import pyarrow as pa

    from kg.loader import LoadOutcome

FORMAT_VERSION = 2  # of the schema below: what a new database records
# the formats this kg reads and loads into; others are refused.  1 stored MENTIONS both ways,
# 2 stores them from the report's side only
READABLE_FORMATS = (1, 2)
DATABASE_FILE = "graph.lbug"
WORK_FILE = ".graph-load.lbug"  # where a load writes; removed when it ends
LOCK_FILE = ".kg-load.lock"  # held by the one process loading into the folder
OLD_GRAPH_FILE = "graph.pickle"  # the format before: never read (unpickling runs whatever it holds)
# LadybugDB's page cache for readers; its default (80% of memory), which a load keeps, is slow for
# each short-lived query process to set up
READ_BUFFER_POOL_BYTES = 2**30
# and for a load: with the default the cache keeps every page a load touches, and a load runs as
# fast with this much
WRITE_BUFFER_POOL_BYTES = 2**30
# Rows committed since the last checkpoint are held in memory (~1.7 kB a row: most are mentions,
# each with its sentence)
CHECKPOINT_ROWS = 300_000
PUBLISH_SECONDS = 600.0  # a load killed loses at most about this much of its work
PUBLISH_SHARE = 0.1  # of a load's time, at most, spent publishing (unless KG_CHECKPOINT_SECONDS says)


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


def _write_batch(tx: Any, batch: list[ReportRows], stale_facts: set[str]) -> list[LoadOutcome]:
    from kg.loader import write_batch  # imported by loads only: a query does without

    return write_batch(tx, batch, stale_facts)


def _rows_written(batch: list[ReportRows]) -> int:
    return sum(len(r.mentions) + len(r.partners) + len(r.figures) + len(r.issued) + 1 for r in batch)


class _Batch:
    """The loader's view of one write transaction (:class:`kg.loader.Transaction`)."""

    def __init__(self, store: EmbeddedStore, conn: ladybug.Connection) -> None:
        self.store, self.conn = store, conn

    def run(self, cypher: str, **params: Any) -> list[list[Any]]:
        return [[_plain(v) for v in row] for row in _execute(self.conn, cypher, params).get_all()]

    def table(self, cypher: str, **params: Any) -> pa.Table:
        return _execute(self.conn, cypher, params).get_as_arrow(chunk_size=-1)

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
        self._lock: int | None = None  # the writer lock's file descriptor, while loading
        self._last_publish = time.monotonic()
        self._publish_cost = 0.0
        self._pending = False  # committed batches not yet published
        self._unchecked = 0  # rows committed since the last checkpoint
        self._stale: set[str] = set()  # regions whose derived facts are not up to date
        every = os.environ.get("KG_CHECKPOINT_SECONDS")  # seconds between publishes
        self.checkpoint_seconds = float(every) if every else None
        self._columns: dict[str, list[tuple[str, str]]] = {}  # table → (column, type)

    # ---- opening -------------------------------------------------------------------------------
    def exists(self) -> bool:
        return self._writable or self.path.exists()  # a load's graph exists before its first publish

    def _connection(self, write: bool) -> ladybug.Connection:
        if self._conn is not None and (self._writable or not write):
            return self._conn
        self.close()
        if write:
            self.directory.mkdir(parents=True, exist_ok=True)
            self._lock = _take_lock(self.directory)
            work = self.directory / WORK_FILE
            for stale in self.directory.glob(WORK_FILE + "*"):  # left by a load that was killed
                stale.unlink()
            if self.path.exists():
                shutil.copyfile(self.path, work)
            self._db = self._open(work, read_only=False)
            self._conn = ladybug.Connection(self._db)
            if not self.path.exists():
                for statement in statements():
                    self._conn.execute(statement)
                self._conn.execute("CREATE (:GovkgFormat {name: 'govkg', version: $v})", {"v": FORMAT_VERSION})
                self._pending = True
            self._writable = True
            self._last_publish = time.monotonic()
        else:
            if not self.path.exists():
                raise StoreError(f"{self.directory}: no graph here yet (kg load REPORTS --db {self.directory})")
            self._db = self._open(self.path, read_only=True)
            self._conn = ladybug.Connection(self._db)
        self._check_format(self._conn)
        return self._conn

    def _open(self, path: Path, read_only: bool) -> ladybug.Database:
        try:
            if read_only:
                return ladybug.Database(str(path), read_only=True, buffer_pool_size=READ_BUFFER_POOL_BYTES)
            return ladybug.Database(str(path), auto_checkpoint=False, buffer_pool_size=WRITE_BUFFER_POOL_BYTES)
        except RuntimeError as exc:
            raise StoreError(f"{self.path}: cannot open the graph ({str(exc).splitlines()[0]})") from None

    def _check_format(self, conn: ladybug.Connection) -> None:
        try:
            rows = _execute(conn, "MATCH (f:GovkgFormat) RETURN f.version").get_all()
        except RuntimeError:
            rows = []
        if len(rows) != 1 or rows[0][0] not in READABLE_FORMATS:
            found = rows[0][0] if rows else "none"
            self.close()
            raise StoreError(
                f"{self.path}: a graph of format {found}, this kg reads formats "
                f"{', '.join(map(str, READABLE_FORMATS))}; "
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
            {name: pa.array([row.get(name) for row in rows], type=arrow_type(kind)) for name, kind in columns}
        )

    # ---- loading -------------------------------------------------------------------------------
    def prepare_load(self) -> None:
        self._connection(write=True)

    def load_reports(self, batch: list[ReportRows]) -> list[LoadOutcome]:
        if not batch:
            return []
        self._connection(write=True)
        conn = self._transaction()
        stale = set(self._stale)
        try:
            outcomes = _write_batch(_Batch(self, conn), batch, stale)
            conn.execute("COMMIT")
        except BaseException:
            self._abandon(conn)
            raise
        conn.close()
        self._stale, self._pending = stale, True
        self._unchecked += _rows_written(batch)
        since = time.monotonic() - self._last_publish
        if self.checkpoint_seconds is None:
            due = max(PUBLISH_SECONDS, self._publish_cost / PUBLISH_SHARE)
        else:
            due = self.checkpoint_seconds
        if since >= due:
            self._publish()
        elif self._unchecked >= CHECKPOINT_ROWS:
            self._checkpoint()
        return outcomes

    def _transaction(self) -> ladybug.Connection:
        """A connection with a write transaction begun.  A connection per transaction: ladybug
        0.22 caches a prepared statement per Arrow table and per shape of rows, holding the values
        bound to it, for the life of the connection (a load of 30,000 reports through one
        connection grew to 8 GB)."""
        assert self._db is not None
        conn = ladybug.Connection(self._db)
        conn.execute("BEGIN TRANSACTION")
        return conn

    def _abandon(self, conn: ladybug.Connection) -> None:
        """Roll back a failed transaction and drop what this load has not published."""
        with contextlib.suppress(RuntimeError):  # a failed statement may have ended it already
            conn.execute("ROLLBACK")
        conn.close()
        self._pending, self._stale = False, set()  # nothing of this load is published any more
        self.close()  # and LadybugDB 0.22 may crash on a COPY after a rolled-back COPY: start afresh

    def _refresh_facts(self) -> None:
        """Aggregate the stale regions' derived facts again, a transaction per group of regions."""
        from kg.loader import REBUILD_CHUNK, rebuild_facts

        stale = sorted(self._stale)
        for start in range(0, len(stale), REBUILD_CHUNK):
            conn = self._transaction()
            try:
                rebuild_facts(_Batch(self, conn), stale[start : start + REBUILD_CHUNK])
                conn.execute("COMMIT")
            except BaseException:
                self._abandon(conn)
                raise
            conn.close()
        self._stale = set()

    def _checkpoint(self) -> None:
        assert self._conn is not None
        self._conn.execute("CHECKPOINT")
        self._unchecked = 0

    def _publish(self, last: bool = False) -> None:
        """Bring the derived facts up to date, checkpoint the working file and make it, or a copy
        of it while the load goes on, the folder's graph (atomic rename). ``last``: the load ends,
        and the database is closed."""
        assert self._conn is not None
        started = time.monotonic()
        self._refresh_facts()
        self._checkpoint()  # the working file then holds every committed batch
        work = self.directory / WORK_FILE
        if last:
            self._conn.close()
            assert self._db is not None
            self._db.close()
            self._db, self._conn = None, None
            with open(work, "rb") as done:
                os.fsync(done.fileno())
            os.chmod(work, 0o644)
            os.replace(work, self.path)
            self._pending = False
            return
        fd, tmp = tempfile.mkstemp(dir=self.directory, prefix=".graph-", suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as out, open(work, "rb") as src:
                shutil.copyfileobj(src, out, 2**22)
                out.flush()
                os.fsync(out.fileno())
            os.chmod(tmp, 0o644)  # readable by whoever the folder is shared with, as a plain file would be
            os.replace(tmp, self.path)
        finally:
            if os.path.exists(tmp):
                os.unlink(tmp)
        self._last_publish = time.monotonic()
        self._publish_cost = self._last_publish - started
        self._pending = False

    # ---- reading -------------------------------------------------------------------------------
    def _rows(self, cypher: str, params: dict[str, Any] | None = None) -> tuple[list[str], list[list[Any]]]:
        conn = self._connection(write=False)
        if self._stale:  # read during a load: its facts as they will be published
            self._refresh_facts()
        try:
            result = _execute(conn, cypher, params)
        except RuntimeError as exc:
            raise StoreError(f"{self.path}: {str(exc).splitlines()[0]}") from None
        return result.get_column_names(), [[_plain(v) for v in row] for row in result.get_all()]

    def arrow(self, cypher: str, schema: pa.Schema) -> pa.Table:
        conn = self._connection(write=False)
        if self._stale:
            self._refresh_facts()
        try:
            table = _execute(conn, cypher).get_as_arrow()
        except RuntimeError as exc:
            raise StoreError(f"{self.path}: {str(exc).splitlines()[0]}") from None
        return table.rename_columns(schema.names).cast(schema)

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

    def __del__(self) -> None:
        """A store left open is closed when collected: its load published, its lock released."""
        with contextlib.suppress(Exception):  # nothing left to report to at collection time
            self.close()

    def close(self) -> None:
        try:
            if self._writable and self._pending:
                self._publish(last=True)
        finally:
            if self._conn is not None:
                self._conn.close()
            if self._db is not None:
                self._db.close()
            if self._writable:
                for work in self.directory.glob(WORK_FILE + "*"):
                    work.unlink()
            if self._lock is not None:
                os.close(self._lock)  # releases the lock
            self._db, self._conn, self._writable, self._lock = None, None, False, None


def _take_lock(directory: Path) -> int:
    """The folder's writer lock (an advisory lock the system releases when the process ends,
    however it ends), or one line naming the process that holds it."""
    fd = os.open(directory / LOCK_FILE, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        holder = os.read(fd, 32).decode(errors="replace").strip() or "unknown"
        os.close(fd)
        raise StoreError(
            f"{directory}: another kg process (pid {holder}) is loading into this graph; "
            "wait for it to finish, or load into another --db"
        ) from None
    os.ftruncate(fd, 0)
    os.write(fd, str(os.getpid()).encode())
    return fd


def _internal(node_id: dict[str, int]) -> tuple[int, int]:
    return (node_id["table"], node_id["offset"])
