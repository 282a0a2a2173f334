"""One loader for both stores: what a batch of reports changes in the graph, decided once.

A store hands :func:`write_batch` a :class:`Transaction`: a way to run Cypher that both stores
understand (the common subset the canned queries are written in) and two bulk writers for rows
known to be new.  Everything else is decided here, the same way for both stores:

- a report whose text and extractor fingerprint are in the graph is skipped; an older version of
  its file (or the same text extracted with other knowledge) is removed first;
- nodes that exist are updated, new ones created; provenance relationships are always new;
- entity usage figures (:mod:`kg.entity_stats`) and derived facts (:mod:`kg.derived_facts`) are
  brought up to date from the new mentions, or counted again where a removed report touched them.

A store that publishes its graph only from time to time (the embedded one) may instead have a batch
name the regions whose derived facts it made stale, and bring them up to date once, before it
publishes, with :func:`rebuild_facts`: aggregating a region's facts from its provenance in one read
costs less than updating them batch after batch.

Labels and relationship types come from the model, never from input: every value travels as a
parameter.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol

from kg.derived_facts import EVIDENCE_KEYS, FACT_KEYS, Item, derived_properties, facts_from_table, merged_fact
from kg.entity_stats import STAT_KEYS, Use, merged, stats_of
from kg.model import DERIVED, ENTITY_LABELS, NODE_KEY, ReportRows

if TYPE_CHECKING:
    import pyarrow as pa

ENTITIES = tuple(ENTITY_LABELS.values())  # Platform, Program, Agency, Policy
CHUNK = 5000  # rows per statement: parameters stay a few megabytes
RECOUNT_CHUNK = 20  # names whose every mention is read at once


@dataclass
class LoadOutcome:
    """What happened to one report on load."""

    report_id: str
    file: str
    status: str  # loaded | skipped (same content already there) | replaced (text changed)


class Transaction(Protocol):
    """What a store gives the loader for one batch; the batch is committed as a whole."""

    def run(self, cypher: str, **params: Any) -> list[list[Any]]:
        """The rows of ``cypher`` (common-subset Cypher) as lists, in order."""

    def table(self, cypher: str, **params: Any) -> pa.Table:
        """The rows of ``cypher`` as an Arrow table (columns in order; their names do not matter):
        how a region's whole provenance is read for aggregation."""

    def create_nodes(self, label: str, rows: list[dict[str, Any]]) -> None:
        """Create nodes of ``label`` that are not in the graph, one per row (its properties)."""

    def create_relationships(self, rel: str, source: str, target: str, rows: list[dict[str, Any]]) -> None:
        """Create ``rel`` relationships from ``source`` to ``target`` nodes; each row holds the two
        nodes' keys as ``from`` and ``to`` and the relationship's properties."""


class Derivation:
    """How a derived relationship is aggregated: from which provenance, to which nodes."""

    def __init__(self, rel: str, provenance: str, target: str, status: str) -> None:
        self.rel, self.provenance, self.target, self.key = rel, provenance, target, NODE_KEY[target]
        self.status = status  # the provenance's status expression (partner citations have none)


DERIVATIONS = [
    *(Derivation(rel, "MENTIONS", label, "m.status") for label, rel in DERIVED.items()),
    Derivation("PARTNERS_WITH", "CITES_PARTNER", "Region", "NULL"),
]
Fact = tuple[str, str]  # (region id, target key)


def _chunks(rows: list[Any], size: int = CHUNK) -> Iterable[list[Any]]:
    for i in range(0, len(rows), size):
        yield rows[i : i + size]


def _run_rows(tx: Transaction, cypher: str, rows: list[Any]) -> None:
    for chunk in _chunks(rows):
        tx.run(cypher, rows=chunk)


def _unique(rows: Iterable[dict[str, Any]], key: tuple[str, ...]) -> list[dict[str, Any]]:
    """The last row for each key: a relationship written once even if extraction repeats it."""
    return list({tuple(row[k] for k in key): row for row in rows}.values())


# ---- what is there ---------------------------------------------------------------------------
KNOWN_REPORTS = "UNWIND $ids AS id MATCH (r:Report) WHERE r.id = id RETURN r.id, r.extractor"
OLDER_VERSIONS = "UNWIND $rows AS row MATCH (r:Report) WHERE r.path = row.path AND r.id <> row.id RETURN r.id, row.path"
REGIONS_OF_REPORTS = "UNWIND $ids AS id MATCH (r:Report)-[:ABOUT]->(g:Region) WHERE r.id = id RETURN DISTINCT g.id"
ENTITIES_OF_REPORTS = (
    "UNWIND $ids AS id MATCH (r:Report)-[:MENTIONS]->(x) WHERE r.id = id RETURN DISTINCT x.kind, x.name"
)
REPORTS_ABOUT = "UNWIND $ids AS id MATCH (g:Region)<-[:ABOUT]-(r:Report) WHERE g.id = id RETURN r.id, r.year, r.file"


def _existing(tx: Transaction, label: str, keys: list[str]) -> set[str]:
    key = NODE_KEY[label]
    found: set[str] = set()
    for chunk in _chunks(keys):
        found.update(
            k for (k,) in tx.run(f"UNWIND $ids AS id MATCH (x:{label}) WHERE x.{key} = id RETURN x.{key}", ids=chunk)
        )
    return found


# ---- removing replaced reports -----------------------------------------------------------------
DELETE_ISSUED = "UNWIND $ids AS id MATCH (:Agency)-[i:ISSUED]->(:Policy) WHERE i.report = id DELETE i"
DELETE_REPORTS = "UNWIND $ids AS id MATCH (r:Report) WHERE r.id = id DETACH DELETE r"
STILL_MENTIONED = {  # written from the report's side: the embedded store keeps mentions only that way
    label: f"UNWIND $ids AS id MATCH (:Report)-[:MENTIONS]->(x:{label}) WHERE x.name = id RETURN DISTINCT x.name"
    for label in ENTITIES
}
DELETE_ENTITIES = {
    label: f"UNWIND $ids AS id MATCH (x:{label}) WHERE x.name = id DETACH DELETE x" for label in ENTITIES
}
REGION_USE = (
    "MATCH (g:Region) RETURN g.id, "
    "EXISTS { MATCH (g)<-[:ABOUT]-(:Report) } OR EXISTS { MATCH (g)<-[:CITES_PARTNER]-(:Report) }"
)
PART_OF_PAIRS = "MATCH (c:Region)-[:PART_OF]->(p:Region) RETURN c.id, p.id"
DELETE_REGIONS = "UNWIND $ids AS id MATCH (g:Region) WHERE g.id = id DETACH DELETE g"


def _prune(tx: Transaction, mentioned: set[tuple[str, str]]) -> None:
    """Entities no report mentions any more; regions no report is about or cites, with no such
    region below them."""
    for label in ENTITIES:
        names = sorted(name for lab, name in mentioned if lab == label)
        still = {name for chunk in _chunks(names) for (name,) in tx.run(STILL_MENTIONED[label], ids=chunk)}
        for chunk in _chunks([name for name in names if name not in still]):
            tx.run(DELETE_ENTITIES[label], ids=chunk)
    parents: dict[str, list[str]] = {}
    for child, parent in tx.run(PART_OF_PAIRS):
        parents.setdefault(child, []).append(parent)
    used = tx.run(REGION_USE)
    keep: set[str] = set()
    stack = [rid for rid, is_used in used if is_used]
    while stack:
        rid = stack.pop()
        if rid not in keep:
            keep.add(rid)
            stack.extend(parents.get(rid, ()))
    gone = sorted(rid for rid, _ in used if rid not in keep)
    for chunk in _chunks(gone):
        tx.run(DELETE_REGIONS, ids=chunk)


# ---- nodes and provenance ------------------------------------------------------------------------
UPDATE_REGIONS = """UNWIND $rows AS row MATCH (g:Region) WHERE g.id = row.id
SET g.name = coalesce(row.name, g.name), g.level = coalesce(row.level, g.level), g.code = coalesce(row.code, g.code),
    g.prefecture = coalesce(row.prefecture, g.prefecture), g.province = coalesce(row.province, g.province)"""
UPDATE_ENTITIES = {
    label: f"UNWIND $rows AS row MATCH (x:{label}) WHERE x.name = row.name SET x.discovered = row.discovered"
    + (", x.doc_number = coalesce(row.doc_number, x.doc_number)" if label == "Policy" else "")
    for label in ENTITIES
}
EXISTING_PART_OF = (
    "UNWIND $rows AS row MATCH (c:Region)-[:PART_OF]->(p:Region) WHERE c.id = row.child AND p.id = row.parent "
    "RETURN c.id, p.id"
)


def _merge_nodes(tx: Transaction, label: str, rows: list[dict[str, Any]], update: str) -> None:
    """Create the rows' nodes that are new; update the others with ``update``."""
    key = NODE_KEY[label]
    rows = _unique(rows, (key,))
    there = _existing(tx, label, [r[key] for r in rows])
    tx.create_nodes(label, [r for r in rows if r[key] not in there])
    _run_rows(tx, update, [r for r in rows if r[key] in there])


def _write_rows(tx: Transaction, new: list[ReportRows]) -> tuple[dict[str, list[dict[str, Any]]], list[dict[str, Any]]]:
    """Write the new reports' nodes and provenance; return the mentions (per label) and partner
    citations as written, one row per relationship."""
    tx.create_nodes("Report", [{**r.report, "kind": "Report"} for r in new])
    _merge_nodes(tx, "Region", [{**g, "kind": "Region"} for r in new for g in r.regions], UPDATE_REGIONS)
    part_of = _unique((e for r in new for e in r.part_of), ("child", "parent"))
    there = {(c, p) for chunk in _chunks(part_of) for c, p in tx.run(EXISTING_PART_OF, rows=chunk)}
    tx.create_relationships(
        "PART_OF",
        "Region",
        "Region",
        [{"from": e["child"], "to": e["parent"]} for e in part_of if (e["child"], e["parent"]) not in there],
    )
    for label in ENTITIES:
        rows = [{**e, "kind": label} for r in new for e in r.entities.get(label, [])]
        _merge_nodes(tx, label, rows, UPDATE_ENTITIES[label])
    tx.create_relationships(
        "ABOUT", "Report", "Region", [{"from": r.about["report"], "to": r.about["region"]} for r in new if r.about]
    )
    mentions: dict[str, list[dict[str, Any]]] = {}
    for label in ENTITIES:
        mentions[label] = _unique(
            (m for r in new for m in r.mentions if m["label"] == label), ("report", "name", "start", "end")
        )
        tx.create_relationships("MENTIONS", "Report", label, [_edge(m, "report", "name") for m in mentions[label]])
    partners = _unique((p for r in new for p in r.partners), ("report", "region", "start", "end"))
    tx.create_relationships("CITES_PARTNER", "Report", "Region", [_edge(p, "report", "region") for p in partners])
    for label in DERIVED:
        figures = _unique(
            (f for r in new for f in r.figures if f["label"] == label), ("report", "name", "start", "end")
        )
        tx.create_relationships("STATES_FIGURE", "Report", label, [_edge(f, "report", "name") for f in figures])
    issued = _unique((i for r in new for i in r.issued), ("agency", "policy", "report", "start", "end"))
    tx.create_relationships("ISSUED", "Agency", "Policy", [_edge(i, "agency", "policy") for i in issued])
    return mentions, partners


def _edge(row: dict[str, Any], source: str, target: str) -> dict[str, Any]:
    """A relationship row: the two ends' keys as ``from``/``to``, the rest as properties."""
    props = {k: v for k, v in row.items() if k not in ("label", source, target)}
    return {"from": row[source], "to": row[target], **props}


# ---- entity usage figures ------------------------------------------------------------------------
def _stats_read(label: str) -> str:
    return f"UNWIND $ids AS id MATCH (x:{label}) WHERE x.name = id RETURN x.name, " + ", ".join(
        f"x.{k}" for k in STAT_KEYS
    )


def _uses_read(label: str) -> str:
    return (
        f"UNWIND $ids AS id MATCH (x:{label})<-[m:MENTIONS]-(rep:Report) WHERE x.name = id "
        "RETURN x.name, rep.file, m.start, rep.id, m.sentence, m.surface"
    )


def _stats_write(label: str) -> str:
    return f"UNWIND $rows AS row MATCH (x:{label}) WHERE x.name = row.name SET " + ", ".join(
        f"x.{k} = row.{k}" for k in STAT_KEYS
    )


def _update_entity_stats(
    tx: Transaction, label: str, mentions: list[dict[str, Any]], files: dict[str, str], recount: set[str]
) -> None:
    """Figures added to for the new ``mentions``; counted again for names a removed report had
    mentioned (the rule is :mod:`kg.entity_stats`)."""
    fresh: dict[str, list[Use]] = {}
    for m in mentions:
        fresh.setdefault(m["name"], []).append(
            Use(files[m["report"]], m["start"], m["report"], m["sentence"], m["surface"])
        )
    updates = []
    for chunk in _chunks(sorted(recount), RECOUNT_CHUNK):  # a widely used name has many mentions
        uses: dict[str, list[Use]] = {}
        for name, *use in tx.run(_uses_read(label), ids=chunk):
            uses.setdefault(name, []).append(Use(*use))
        updates += [{"name": name, **stats_of(u)} for name, u in uses.items()]
    for chunk in _chunks(sorted(set(fresh) - recount)):
        for name, *values in tx.run(_stats_read(label), ids=chunk):
            updates.append({"name": name, **merged(dict(zip(STAT_KEYS, values, strict=True)), fresh[name])})
    _run_rows(tx, _stats_write(label), updates)


# ---- derived facts -----------------------------------------------------------------------------
def _items_read(d: Derivation) -> str:
    """The provenance of ``d``'s facts of the given regions, as :data:`kg.derived_facts.Item`s."""
    return (
        f"MATCH (g:Region) WHERE g.id IN $ids MATCH (g)<-[:ABOUT]-(rep:Report)-[m:{d.provenance}]->(x:{d.target}) "
        f"RETURN g.id, x.{d.key}, rep.year, rep.file, m.start, m.`end`, m.sentence, rep.id, {d.status}"
    )


def _facts_read(d: Derivation) -> str:
    """All ``d`` facts of the given regions (an index lookup per region, then its own facts)."""
    return (
        f"MATCH (g:Region) WHERE g.id IN $ids MATCH (g)-[d:{d.rel}]->(x:{d.target}) "
        "RETURN g.id, x." + d.key + ", " + ", ".join(f"d.{k}" for k in FACT_READ)
    )


def _facts_write(d: Derivation, keys: tuple[str, ...]) -> str:
    return (
        f"UNWIND $rows AS row MATCH (g:Region)-[d:{d.rel}]->(x:{d.target}) "
        f"WHERE g.id = row.from AND x.{d.key} = row.to SET " + ", ".join(f"d.{k} = row.{k}" for k in keys)
    )


def _facts_delete(d: Derivation) -> str:
    return f"UNWIND $ids AS id MATCH (g:Region)-[d:{d.rel}]->(:{d.target}) WHERE g.id = id DELETE d"


FACT_READ = ("reports", "n_reports", "first_year", "last_year", "status")  # all but the evidence
NO_EVIDENCE = tuple(k for k in FACT_KEYS if k not in EVIDENCE_KEYS)


def _aggregated(tx: Transaction, d: Derivation, regions: Iterable[str]) -> dict[Fact, dict[str, Any]]:
    """Every ``d`` fact of ``regions``, aggregated from all their provenance."""
    out: dict[Fact, dict[str, Any]] = {}
    for chunk in _chunks(sorted(regions)):
        out.update(facts_from_table(tx.table(_items_read(d), ids=chunk)))
    return out


def _new_items(
    new: list[ReportRows], mentions: dict[str, list[dict[str, Any]]], partners: list[dict[str, Any]]
) -> dict[str, dict[Fact, list[Item]]]:
    """Per derived relationship: each fact the new reports name, with their provenance of it."""
    reports = {r.report["id"]: r.report for r in new}
    region_of = {r.report["id"]: r.about["region"] for r in new if r.about}
    out: dict[str, dict[Fact, list[Item]]] = {d.rel: {} for d in DERIVATIONS}

    def add(rel: str, row: dict[str, Any], target: str, status: str | None) -> None:
        region = region_of.get(row["report"])
        if region is not None:
            rep = reports[row["report"]]
            out[rel].setdefault((region, target), []).append(
                Item(rep["year"], rep["file"], row["start"], row["end"], row["sentence"], row["report"], status)
            )

    for label, rel in DERIVED.items():
        for m in mentions.get(label, []):
            add(rel, m, m["name"], m["status"])
    for p in partners:
        add("PARTNERS_WITH", p, p["region"], None)
    return out


def _create_facts(tx: Transaction, d: Derivation, facts: dict[Fact, dict[str, Any]]) -> None:
    rows = [{"from": region, "to": target, **props} for (region, target), props in sorted(facts.items())]
    tx.create_relationships(d.rel, "Region", d.target, rows)


def _update_facts(tx: Transaction, items: dict[str, dict[Fact, list[Item]]]) -> None:
    """Bring up to date the facts the new reports name (reports only added: see
    :func:`kg.derived_facts.merged_fact`)."""
    regions = sorted({region for facts in items.values() for region, _ in facts})
    listed: dict[str, tuple[Any, str | None]] = {}
    for chunk in _chunks(regions):
        listed.update({rid: (year, file) for rid, year, file in tx.run(REPORTS_ABOUT, ids=chunk)})
    for d in DERIVATIONS:
        facts = items.get(d.rel, {})
        current = _current_facts(tx, d, facts)
        created: dict[Fact, dict[str, Any]] = {}
        updated: list[dict[str, Any]] = []
        with_evidence: list[dict[str, Any]] = []
        unmerged: set[Fact] = set()
        for fact, its in facts.items():
            if fact not in current:
                created[fact] = derived_properties(its)
                continue
            props = current[fact]
            fresh = merged_fact(props, listed, its)
            if fresh is None:
                unmerged.add(fact)
            elif fresh["reports"][0] != props["reports"][0]:  # the evidence is the first report's
                with_evidence.append({"from": fact[0], "to": fact[1], **fresh})
            elif any(props[k] != fresh[k] for k in FACT_READ):
                updated.append({"from": fact[0], "to": fact[1], **{k: fresh[k] for k in NO_EVIDENCE}})
        if unmerged:  # aggregated again from all their provenance
            every = _aggregated(tx, d, {region for region, _ in unmerged})
            with_evidence += [{"from": f[0], "to": f[1], **every[f]} for f in sorted(unmerged)]
        _create_facts(tx, d, created)
        _run_rows(tx, _facts_write(d, NO_EVIDENCE), updated)
        _run_rows(tx, _facts_write(d, FACT_KEYS), with_evidence)


def _current_facts(tx: Transaction, d: Derivation, facts: dict[Fact, list[Item]]) -> dict[Fact, dict[str, Any]]:
    """The existing facts among ``facts``: read per region (a join on every fact of the graph
    would cost a national load more the more it holds)."""
    regions = sorted({region for region, _ in facts})
    current = {}
    for chunk in _chunks(regions):
        for region, target, *props in tx.run(_facts_read(d), ids=chunk):
            if (region, target) in facts:
                current[region, target] = dict(zip(FACT_READ, props, strict=True))
    return current


REBUILD_CHUNK = 500  # regions aggregated at a time: their provenance is held in memory


def rebuild_facts(tx: Transaction, regions: Iterable[str]) -> None:
    """Every derived fact of ``regions`` aggregated again from all their provenance (a report
    about them was removed, or their facts were left stale for this), the others left alone."""
    ids = sorted(regions)
    for start in range(0, len(ids), REBUILD_CHUNK):
        chunk = ids[start : start + REBUILD_CHUNK]
        for d in DERIVATIONS:
            tx.run(_facts_delete(d), ids=chunk)
            _create_facts(tx, d, _aggregated(tx, d, chunk))


# ---- a batch -----------------------------------------------------------------------------------
def write_batch(tx: Transaction, batch: list[ReportRows], stale_facts: set[str] | None = None) -> list[LoadOutcome]:
    """Skip known reports, remove older versions of edited files, add the rest, bring usage
    figures and derived facts up to date.  Everything it decides is read inside ``tx``,
    so a store may run it again after a transient failure.

    With ``stale_facts``, derived facts are left as they are and the regions whose facts the
    batch made stale are added to it, for :func:`rebuild_facts`."""
    present = {
        rid: ext for chunk in _chunks([r.report["id"] for r in batch]) for rid, ext in tx.run(KNOWN_REPORTS, ids=chunk)
    }
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
    if new:
        paths = [{"id": r.report["id"], "path": r.report["path"]} for r in new]
        for chunk in _chunks(paths):
            older.update({rid: path for rid, path in tx.run(OLDER_VERSIONS, rows=chunk)})
    rebuild: set[str] = set()
    recount: set[tuple[str, str]] = set()
    if older:
        old_ids = sorted(older)
        rebuild = {rid for chunk in _chunks(old_ids) for (rid,) in tx.run(REGIONS_OF_REPORTS, ids=chunk)}
        recount = {(k, n) for chunk in _chunks(old_ids) for k, n in tx.run(ENTITIES_OF_REPORTS, ids=chunk)}
        for chunk in _chunks(old_ids):
            tx.run(DELETE_ISSUED, ids=chunk)
            tx.run(DELETE_REPORTS, ids=chunk)

    mentions, partners = _write_rows(tx, new)
    if older:
        _prune(tx, recount)
    files = {r.report["id"]: r.report["file"] for r in new}
    for label in ENTITIES:
        _update_entity_stats(tx, label, mentions[label], files, {name for lab, name in recount if lab == label})
    if stale_facts is not None:
        stale_facts.update(rebuild, (r.about["region"] for r in new if r.about))
    else:
        if rebuild:
            rebuild_facts(tx, rebuild)
        items = _new_items(new, mentions, partners)
        _update_facts(
            tx, {rel: {f: its for f, its in facts.items() if f[0] not in rebuild} for rel, facts in items.items()}
        )

    new_ids = {r.report["id"] for r in new}
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
