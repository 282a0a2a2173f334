"""The Neo4j store: the same graph as the embedded store, in a Neo4j 5 database users can browse.

Loading follows the plain recipe: constraints first (``cypher/schema.cypher``), then for each batch
of reports one write transaction that runs one ``UNWIND $rows … MERGE`` statement per node or
relationship kind (:mod:`kg.stores.neo4j_cypher`), then the derived facts the new reports name
(:mod:`kg.stores.neo4j_facts`).  The driver's managed transactions retry
transient errors (deadlocks, leader switches) by re-running the whole batch function, which is safe
because it decides everything — skip, replace, load — inside the transaction.  A batch is all or
nothing, so a load killed at any point leaves whole reports only, and running it again completes it.
"""

from __future__ import annotations

import re
from importlib import resources
from typing import Any

import neo4j

from kg.entity_stats import Use, merged, stats_of
from kg.model import ReportRows
from kg.queries import CannedQuery
from kg.stores import neo4j_cypher as cy
from kg.stores.base import GraphStore, LoadOutcome, StoreError
from kg.stores.neo4j_connection import Neo4jSettings, connect, translated_errors
from kg.stores.neo4j_facts import list_adopters, new_items, rebuild_facts, targets_of, update_facts
from kg.stores.neo4j_rows import chunks, run_rows, unique

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


def _update_entity_stats(
    tx: neo4j.ManagedTransaction, label: str, mentions: list[dict[str, Any]], files: dict[str, str], recount: set[str]
) -> None:
    """Usage figures on the ``label`` nodes (:mod:`kg.entity_stats`, the embedded store's rule):
    added to for the new ``mentions``, counted again for names a removed report had mentioned."""
    fresh: dict[str, list[Use]] = {}
    for m in mentions:
        fresh.setdefault(m["name"], []).append(
            Use(files[m["report"]], m["start"], m["report"], m["sentence"], m["surface"])
        )
    updates = []
    if recount:
        uses: dict[str, list[Use]] = {name: [] for name in recount}
        for rec in tx.run(cy.ENTITY_USES[label], names=sorted(recount)):
            uses[rec["name"]].append(Use(rec["file"], rec["start"], rec["report"], rec["sentence"], rec["surface"]))
        updates += [{"name": name, "stats": stats_of(u)} for name, u in uses.items()]
    incremental = sorted(set(fresh) - recount)
    for chunk in chunks(incremental):
        for rec in tx.run(cy.ENTITY_STATS[label], names=chunk):
            updates.append({"name": rec["name"], "stats": merged(rec.data(), fresh[rec["name"]])})
    run_rows(tx, cy.SET_ENTITY_STATS[label], updates)


def _write_batch(tx: neo4j.ManagedTransaction, batch: list[ReportRows]) -> list[LoadOutcome]:
    """Skip known reports, drop older versions of edited files, add the rest, re-derive facts."""
    ids = [r.report["id"] for r in batch]
    present = {rec["id"]: rec["extractor"] for rec in tx.run(cy.EXISTING_REPORTS, ids=ids)}
    new: list[ReportRows] = []
    older: dict[str, str] = {}  # report id to remove -> path of the report replacing it
    for rows in batch:
        rid = rows.report["id"]
        if rid in present and present[rid] == rows.report.get("extractor"):
            continue
        if rid in present:  # same text, other knowledge or curation: extract anew
            older[rid] = rows.report["path"]
        present[rid] = rows.report.get("extractor")  # the same text twice in one batch loads once
        new.append(rows)
    new_ids = {r.report["id"] for r in new}
    if new:
        path_rows = [{"id": r.report["id"], "path": r.report["path"]} for r in new]
        older.update({rec["id"]: rec["path"] for rec in tx.run(cy.OLDER_VERSIONS, rows=path_rows)})
    if older:
        old_ids = sorted(older)
        rebuild = {rec["id"] for rec in tx.run(cy.REGIONS_OF_REPORTS, ids=old_ids)}
        recount = {(rec["label"], rec["name"]) for rec in tx.run(cy.ENTITIES_OF_REPORTS, ids=old_ids)}
        adopted = targets_of(tx, sorted(rebuild))  # their adopters may lose these regions
        tx.run(cy.DELETE_ISSUED, ids=old_ids).consume()
        tx.run(cy.DELETE_REPORTS, ids=old_ids).consume()
    else:
        rebuild, recount, adopted = set(), set(), set()

    run_rows(tx, cy.CREATE_REPORTS, [r.report for r in new])
    run_rows(tx, cy.MERGE_REGIONS, [g for r in new for g in r.regions])
    run_rows(tx, cy.MERGE_PART_OF, [e for r in new for e in r.part_of])
    for label, statement in cy.MERGE_ENTITIES.items():
        run_rows(tx, statement, [e for r in new for e in r.entities.get(label, [])])
    run_rows(tx, cy.CREATE_ABOUT, [r.about for r in new if r.about])
    # CREATE, so each relationship once: the embedded store keys them the same way
    files = {r.report["id"]: r.report["file"] for r in new}
    mentions: dict[str, list[dict[str, Any]]] = {}  # per label, one row per relationship
    for label, statement in cy.CREATE_MENTIONS.items():
        mentions[label] = unique(
            [m for r in new for m in r.mentions if m["label"] == label], ("report", "name", "start", "end")
        )
        run_rows(tx, statement, mentions[label])
        _update_entity_stats(tx, label, mentions[label], files, {name for lab, name in recount if lab == label})
    partners = unique([p for r in new for p in r.partners], ("report", "region", "start", "end"))
    run_rows(tx, cy.CREATE_PARTNERS, partners)
    for label, statement in cy.CREATE_FIGURES.items():
        run_rows(
            tx,
            statement,
            unique([f for r in new for f in r.figures if f["label"] == label], ("report", "name", "start", "end")),
        )
    run_rows(
        tx, cy.CREATE_ISSUED, unique([i for r in new for i in r.issued], ("agency", "policy", "report", "start", "end"))
    )
    if older:
        tx.run(cy.PRUNE_REGIONS).consume()
    if rebuild:  # a removed report was about these regions: any of their facts may have changed or gone
        rebuild_facts(tx, sorted(rebuild))
    items = new_items(new, mentions, partners)
    update_facts(
        tx,
        {label: {fact: its for fact, its in facts.items() if fact[0] not in rebuild} for label, facts in items.items()},
    )
    if rebuild:
        list_adopters(tx, adopted | targets_of(tx, sorted(rebuild)))

    replaced_paths = set(older.values())
    outcomes, counted = [], set()
    for rows in batch:
        rid, path = rows.report["id"], rows.report["path"]
        if rid not in new_ids or rid in counted:
            status = "skipped"
        else:
            status = "replaced" if path in replaced_paths else "loaded"
            counted.add(rid)
        outcomes.append(LoadOutcome(rid, rows.report["file"], status))
    return outcomes


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
                return session.execute_write(_write_batch, chunk)
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

        Bolt sends each row as its own message, and the driver spends ~10 µs reading each one: most
        of the time of a query with thousands of rows.  So the query runs as written inside
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

    def close(self) -> None:
        self.driver.close()
