"""The embedded store: a networkx MultiDiGraph persisted in a directory, no server needed.

The graph is written to ``graph.pickle`` through a temporary file and an atomic rename (between
batches, see :meth:`EmbeddedStore._checkpoint`, and when the store is closed), so a load killed at
any point leaves a consistent graph, and running it again loads what the graph lacks.
"""

from __future__ import annotations

import os
import pickle
import tempfile
import time
from pathlib import Path
from typing import Any

import networkx as nx

from kg.derived_facts import DERIVED_TYPES, PROVENANCE, Item, derived_properties, merged_fact
from kg.entity_stats import Use, merged, stats_of
from kg.model import DERIVED, ReportRows
from kg.queries import CannedQuery
from kg.queries import embedded as embedded_queries
from kg.stores.base import GraphStore, LoadOutcome, StoreError

FORMAT_VERSION = 1
GRAPH_FILE = "graph.pickle"
WRITE_COST_SHARE = 0.05  # of a load's time, at most, spent writing checkpoints (unless an interval is set)

Node = tuple[str, str]  # (label, key)
# graph attribute: target node → the regions with a derived fact (ADOPTED, RUNS, PARTNERS_WITH) to it.
# A popular program has one MENTIONS edge per report that names it and only a few thousand regions
# running it; queries that ask "which regions" read this instead of the tens of thousands of edges.
# Kept exact wherever derived facts or nodes are removed.
ADOPTERS_INDEX = embedded_queries.DERIVED_INTO


class EmbeddedStore(GraphStore):
    name = "embedded"

    def __init__(self, directory: str | os.PathLike[str], checkpoint_seconds: float | None = None) -> None:
        self.directory = Path(directory)
        if self.directory.exists() and not self.directory.is_dir():
            raise StoreError(
                f"{self.directory} is a file, not a folder (--db / KG_DB names the folder the graph is kept in)"
            )
        self.graph = self._read()
        if ADOPTERS_INDEX not in self.graph.graph:  # a graph written before the index existed
            index: dict[Node, set[Node]] = {}
            for u, v, d in self.graph.edges(data=True):
                if d.get("type") in DERIVED_TYPES:
                    index.setdefault(v, set()).add(u)
            self.graph.graph[ADOPTERS_INDEX] = index
        if checkpoint_seconds is None and os.environ.get("KG_CHECKPOINT_SECONDS"):
            checkpoint_seconds = float(os.environ["KG_CHECKPOINT_SECONDS"])
        self.checkpoint_seconds = checkpoint_seconds  # None: paced by the cost of writing
        self._last_save = time.monotonic()
        self._last_save_seconds = 0.0
        self._dirty = False
        # path → report ids, so finding a file's older version is a lookup, not a scan per report
        self._reports_by_path: dict[str, set[str]] = {}
        # one tuple object per region for the derived-facts index, which holds each region in
        # thousands of sets: queries that walk them (similar-regions) ran twice as slow when every
        # set held its own equal copy, scattered over memory, as incremental updates left them
        self._region_nodes: dict[Node, Node] = {}
        for node, d in self.graph.nodes(data=True):
            if node[0] == "Report":
                self._reports_by_path.setdefault(d.get("path"), set()).add(node[1])
            elif node[0] == "Region":
                self._region_nodes[node] = node

    # ---- persistence -------------------------------------------------------------------------
    def _read(self) -> nx.MultiDiGraph:
        path = self.directory / GRAPH_FILE
        if not path.exists():
            return nx.MultiDiGraph()
        try:
            with open(path, "rb") as fh:
                data = pickle.load(fh)
        except Exception as exc:  # any unpickling failure means the same to a user
            raise StoreError(f"{path}: cannot read the graph ({exc.__class__.__name__})") from None
        if not isinstance(data, dict) or data.get("version") != FORMAT_VERSION:
            raise StoreError(f"{path}: not a govkg graph of format {FORMAT_VERSION}")
        return data["graph"]

    def save(self) -> None:
        self.directory.mkdir(parents=True, exist_ok=True)
        for stale in self.directory.glob(".graph-*.tmp"):  # left by a load killed while writing
            stale.unlink(missing_ok=True)
        started = time.monotonic()
        fd, tmp = tempfile.mkstemp(dir=self.directory, prefix=".graph-", suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as fh:
                pickle.dump({"version": FORMAT_VERSION, "graph": self.graph}, fh, protocol=pickle.HIGHEST_PROTOCOL)
                fh.flush()
                os.fsync(fh.fileno())
            os.replace(tmp, self.directory / GRAPH_FILE)
            now = time.monotonic()
            self._last_save_seconds = now - started
            self._last_save, self._dirty = now, False
        finally:
            if os.path.exists(tmp):
                os.unlink(tmp)

    # ---- loading -----------------------------------------------------------------------------
    def _report_ids_at(self, path: str) -> list[str]:
        return sorted(self._reports_by_path.get(path, ()))

    def _merge_node(self, node: Node, props: dict[str, Any]) -> None:
        if node in self.graph:
            attrs = self.graph.nodes[node]
            for k, v in props.items():
                if v is not None or k not in attrs:
                    attrs[k] = v
        else:
            self.graph.add_node(node, label=node[0], **props)

    def _add_rows(self, rows: ReportRows) -> None:
        g = self.graph
        report = ("Report", rows.report["id"])
        self._merge_node(report, dict(rows.report))
        self._reports_by_path.setdefault(rows.report["path"], set()).add(rows.report["id"])
        for r in rows.regions:
            self._merge_node(("Region", r["id"]), dict(r))
        for e in rows.part_of:
            if not g.has_edge(("Region", e["child"]), ("Region", e["parent"]), key="PART_OF"):
                g.add_edge(("Region", e["child"]), ("Region", e["parent"]), key="PART_OF", type="PART_OF")
        for label, ents in rows.entities.items():
            for e in ents:
                self._merge_node((label, e["name"]), dict(e))
        if rows.about:
            g.add_edge(report, ("Region", rows.about["region"]), key="ABOUT", type="ABOUT")
        for m in rows.mentions:
            props = {
                k: m[k] for k in ("surface", "start", "end", "sentence", "sentence_start", "source", "status", "year")
            }
            g.add_edge(
                report, (m["label"], m["name"]), key=f"MENTIONS:{m['start']}:{m['end']}", type="MENTIONS", **props
            )
        for p in rows.partners:
            props = {k: p[k] for k in ("surface", "start", "end", "sentence", "sentence_start")}
            g.add_edge(
                report,
                ("Region", p["region"]),
                key=f"CITES_PARTNER:{p['start']}:{p['end']}",
                type="CITES_PARTNER",
                **props,
            )
        for f in rows.figures:
            props = {k: v for k, v in f.items() if k not in ("report", "label", "name")}
            g.add_edge(
                report,
                (f["label"], f["name"]),
                key=f"STATES_FIGURE:{f['start']}:{f['end']}",
                type="STATES_FIGURE",
                **props,
            )
        for i in rows.issued:
            props = {k: v for k, v in i.items() if k not in ("agency", "policy")}
            g.add_edge(
                ("Agency", i["agency"]),
                ("Policy", i["policy"]),
                key=f"ISSUED:{i['report']}:{i['start']}:{i['end']}",
                type="ISSUED",
                **props,
            )

    def _remove_report(self, report_id: str) -> tuple[set[Node], set[Node]]:
        """Delete a report; return (regions it was about, entities it mentioned)."""
        node = ("Report", report_id)
        about = {v for _, v, d in self.graph.out_edges(node, data=True) if d.get("type") == "ABOUT"}
        mentioned = {v for _, v, d in self.graph.out_edges(node, data=True) if d.get("type") == "MENTIONS"}
        issued = [
            (u, v, k)
            for agency in mentioned
            if agency[0] == "Agency"
            for u, v, k, d in self.graph.out_edges(agency, keys=True, data=True)
            if d.get("type") == "ISSUED" and d.get("report") == report_id
        ]
        self.graph.remove_edges_from(issued)
        self._reports_by_path.get(self.graph.nodes[node].get("path"), set()).discard(report_id)
        self.graph.remove_node(node)
        return about, mentioned

    def _prune_orphans(self, mentioned: set[Node]) -> None:
        """Entities nobody mentions any more, regions no report is about or partners with."""
        g = self.graph
        for node in mentioned:
            if node in g and not any(d.get("type") == "MENTIONS" for _, _, d in g.in_edges(node, data=True)):
                self._remove_node(node)
        keep: set[Node] = set()
        for node in [n for n in g.nodes if n[0] == "Region"]:
            if any(d.get("type") in ("ABOUT", "CITES_PARTNER") for _, _, d in g.in_edges(node, data=True)):
                keep.add(node)
                stack = [node]
                while stack:
                    cur = stack.pop()
                    for _, parent, d in g.out_edges(cur, data=True):
                        if d.get("type") == "PART_OF" and parent not in keep:
                            keep.add(parent)
                            stack.append(parent)
        for node in [n for n in g.nodes if n[0] == "Region" and n not in keep]:
            self._remove_node(node)

    def _remove_node(self, node: Node) -> None:
        """Remove an entity or region, and it from the derived-facts index (kept exact)."""
        index = self.graph.graph[ADOPTERS_INDEX]
        index.pop(node, None)
        self._region_nodes.pop(node, None)
        for target in self.graph.succ[node]:
            index.get(target, set()).discard(node)
        self.graph.remove_node(node)

    def _rebuild_derived(self, regions: set[Node]) -> None:
        """All ADOPTED, RUNS and PARTNERS_WITH facts of ``regions``, from every report about them:
        after a report about a region was removed, any of its facts may have changed or gone."""
        g = self.graph
        adopters = g.graph[ADOPTERS_INDEX]
        for region in regions:
            if region not in g:
                continue
            for u, v, k in [
                (u, v, k) for u, v, k, d in g.out_edges(region, keys=True, data=True) if d.get("type") in DERIVED_TYPES
            ]:
                g.remove_edge(u, v, key=k)
                adopters.get(v, set()).discard(region)
            facts: dict[tuple[Node, str], list[Node]] = {}
            for report, _, d in g.in_edges(region, data=True):
                if d.get("type") == "ABOUT":
                    for target, rel in _facts_named(g, report):
                        facts.setdefault((target, rel), []).append(report)
            for (target, rel), reports in facts.items():
                self._set_fact(region, target, rel, reports, None)

    def _update_derived(self, named: dict[Node, dict[tuple[Node, str], set[Node]]]) -> None:
        """Bring up to date the facts that newly added reports name: ``named`` maps each region to
        (target, relationship) → the new reports about it that name the target.

        Adding a report can change only the facts of its region whose targets it names.  Such a fact
        is merged with the new reports' mentions by :func:`~kg.derived_facts.merged_fact`, the rule
        the Neo4j loader uses too, reading only the year and file of the reports it lists; when that
        cannot decide the order (a listed report of the same year and file) it is aggregated again
        from the mentions of its listed and new reports.  Rebuilding a region from all its reports on
        every batch (the first version) read its whole history each time: most of a national load.
        """
        g = self.graph
        for region, facts in named.items():
            for (target, rel), new_reports in facts.items():
                current = g._succ[region].get(target, {}).get(rel)
                listed = current["reports"] if current else []
                fresh = [r for r in new_reports if r[1] not in listed]
                if not fresh:
                    continue
                if current is None:
                    self._set_fact(region, target, rel, fresh, None)
                    continue
                reports = {rid: g._node[("Report", rid)] for rid in listed}
                merged = merged_fact(
                    current,
                    {rid: (r.get("year"), r.get("file")) for rid, r in reports.items()},
                    self._items(target, rel, fresh),
                )
                if merged is None:
                    self._set_fact(region, target, rel, [("Report", rid) for rid in listed] + fresh, current)
                else:
                    current.update(merged)

    def _items(self, target: Node, rel: str, reports: list[Node]) -> list[Item]:
        """The mentions (or partner citations) of ``target`` in ``reports`` that make the fact ``rel``.

        Reads networkx's own adjacency dicts (``_succ``, ``_node``): through the public views
        every lookup costs about a microsecond more, and this runs for every fact a batch names."""
        g = self.graph
        provenance = PROVENANCE[rel]
        items = []
        for report in reports:
            attrs = g._node[report]
            for e in g._succ[report].get(target, {}).values():
                if e.get("type") == provenance:
                    items.append(
                        (
                            attrs.get("year"),
                            attrs.get("file"),
                            e["start"],
                            e["end"],
                            e["sentence"],
                            report[1],
                            e.get("status"),
                        )
                    )
        return items

    def _set_fact(
        self, region: Node, target: Node, rel: str, reports: list[Node], current: dict[str, Any] | None
    ) -> None:
        """The fact region -rel-> target aggregated from the provenance edges of ``reports``
        (``current``: the fact's properties where it exists, updated in place)."""
        g = self.graph
        properties = derived_properties(self._items(target, rel, reports))
        if current is None:
            g.add_edge(region, target, key=rel, type=rel, **properties)
            g.graph[ADOPTERS_INDEX].setdefault(target, set()).add(self._region_nodes.setdefault(region, region))
        else:  # every property is computed anew, so updating the edge's dict in place replaces the fact
            current.update(properties)

    def _update_entity_stats(self, fresh: dict[Node, dict[tuple, Use]], recount: set[Node]) -> None:
        """Usage figures on entity nodes (:mod:`kg.entity_stats`): added to for the new mentions,
        counted again for the entities a removed report had mentioned."""
        g = self.graph
        for node in fresh.keys() | recount:
            if node not in g:
                continue
            if node in recount:
                uses = [
                    Use(g.nodes[rep].get("file"), d["start"], rep[1], d["sentence"], d["surface"])
                    for rep, _, d in g.in_edges(node, data=True)
                    if d.get("type") == "MENTIONS"
                ]
                g.nodes[node].update(stats_of(uses))
            else:
                g.nodes[node].update(merged(g.nodes[node], fresh[node].values()))

    def load_reports(self, batch: list[ReportRows]) -> list[LoadOutcome]:
        outcomes: list[LoadOutcome] = []
        rebuild: set[Node] = set()  # regions a removed report was about: all their facts
        named: dict[Node, dict[tuple[Node, str], set[Node]]] = {}  # region → fact → new reports naming it
        mentioned: set[Node] = set()
        fresh: dict[Node, dict[tuple, Use]] = {}  # entity → its mentions in the reports this batch added
        removed = False
        for rows in batch:
            rid, path = rows.report["id"], rows.report["path"]
            node = ("Report", rid)
            if node in self.graph and self.graph.nodes[node].get("extractor") == rows.report.get("extractor"):
                outcomes.append(LoadOutcome(rid, rows.report["file"], "skipped"))
                continue
            # older versions of this file, and this very text extracted with other knowledge or curation
            older = [r for r in self._report_ids_at(path) if r != rid] + ([rid] if node in self.graph else [])
            for old in older:
                regions, entities = self._remove_report(old)
                rebuild |= regions
                mentioned |= entities
                removed = True
            self._add_rows(rows)
            for m in rows.mentions:  # keyed like the MENTIONS edges, so a repeated row counts once
                fresh.setdefault((m["label"], m["name"]), {})[(rid, m["start"], m["end"])] = Use(
                    rows.report["file"], m["start"], rid, m["sentence"], m["surface"]
                )
            if rows.about:
                facts = named.setdefault(("Region", rows.about["region"]), {})
                for fact in _facts_named(self.graph, node):
                    facts.setdefault(fact, set()).add(node)
            outcomes.append(LoadOutcome(rid, rows.report["file"], "replaced" if older else "loaded"))
        self._update_entity_stats(fresh, mentioned)
        if any(o.status != "skipped" for o in outcomes):
            if removed:
                self._prune_orphans(mentioned)
            self._rebuild_derived(rebuild)
            self._update_derived({region: facts for region, facts in named.items() if region not in rebuild})
            self._dirty = True
            self._checkpoint()
        return outcomes

    def _checkpoint(self) -> None:
        """Write the graph once the last write is older than ``checkpoint_seconds``
        (KG_CHECKPOINT_SECONDS; 0 = after every batch) or, by default, than 1/``WRITE_COST_SHARE``
        times what that write took.

        Every write is the whole graph, so writing after every batch made a load quadratic (a
        30,000-report graph takes seconds to write); pacing writes by their own cost keeps them
        under 5% of the load at any size, and a small graph is still written every few batches.
        Every write is a whole, consistent graph (atomic rename), so a killed load loses at most the
        reports since the last checkpoint, and running it again loads exactly those.
        """
        since = time.monotonic() - self._last_save
        due = self._last_save_seconds / WRITE_COST_SHARE if self.checkpoint_seconds is None else self.checkpoint_seconds
        if since >= due:
            self.save()

    def close(self) -> None:
        if self._dirty:
            self.save()

    # ---- reading -----------------------------------------------------------------------------
    def _answer(self, query: CannedQuery, params: dict[str, Any]) -> list[dict[str, Any]]:
        return embedded_queries.run(self.graph, query.name, params)

    def known_reports(self) -> dict[str, str | None]:
        return {node[1]: attrs.get("extractor") for node, attrs in self.graph.nodes(data=True) if node[0] == "Report"}

    def counts(self) -> dict[str, Any]:
        nodes: dict[str, int] = {}
        for label, _ in self.graph.nodes:
            nodes[label] = nodes.get(label, 0) + 1
        rels: dict[str, int] = {}
        for _, _, d in self.graph.edges(data=True):
            rels[d["type"]] = rels.get(d["type"], 0) + 1
        return {"nodes": dict(sorted(nodes.items())), "relationships": dict(sorted(rels.items()))}


def _facts_named(g: nx.MultiDiGraph, report: Node) -> set[tuple[Node, str]]:
    """(target, derived relationship) for each target the report's provenance edges name."""
    out = set()
    for target, edges in g._succ[report].items():  # see EmbeddedStore._set_fact
        for e in edges.values():
            if e.get("type") == "MENTIONS" and target[0] in DERIVED:
                out.add((target, DERIVED[target[0]]))
            elif e.get("type") == "CITES_PARTNER":
                out.add((target, "PARTNERS_WITH"))
    return out
