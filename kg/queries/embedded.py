"""The canned queries answered over the embedded networkx graph: one small pure function each.

Each function mirrors the ``.cypher`` file of the same name row for row: same columns, same
filters, same ordering (ascending with nulls last, as Cypher orders).
"""

from __future__ import annotations

import heapq
from bisect import bisect_right
from collections.abc import Callable, Iterable, Iterator
from typing import Any

import networkx as nx

from kg.model import ENDPOINTS

Row = dict[str, Any]
Node = tuple[str, str]

# How many rows the ranking queries return when no limit is given (the .cypher files' defaults).
SIMILAR_REGIONS = 20
CANDIDATES = 50


def _nulls_last(value: Any) -> tuple[int, Any]:
    return (1, 0) if value is None else (0, value)


def _order(rows: list[Row], *keys: str) -> list[Row]:
    return sorted(rows, key=lambda r: tuple(_nulls_last(r[k]) for k in keys))


def _regions(g: nx.MultiDiGraph) -> Iterator[Node]:
    return (n for n in g.nodes if n[0] == "Region")


def _regions_named(g: nx.MultiDiGraph, name: str) -> list[Node]:
    return [n for n in _regions(g) if g.nodes[n].get("name") == name]


# Graph attribute the embedded store keeps: target node → the regions with a derived fact to it.
DERIVED_INTO = "derived_into"

# Which labels each relationship type leaves from and goes to (kg.model.ENDPOINTS): adjacency is
# walked per neighbour, and neighbours of another label are skipped before their edges are read.
# An entity has one MENTIONS edge per report that names it (tens of thousands on a national graph)
# and a handful of ADOPTED/RUNS edges per region: reading every edge's data to find the latter made
# similar-regions take seconds.
_FROM = {rel: ends[0] for rel, ends in ENDPOINTS.items()}
_TO = {rel: ends[1] for rel, ends in ENDPOINTS.items()}


def _out(g: nx.MultiDiGraph, nodes, *types: str) -> Iterator[tuple[Node, Node, dict[str, Any]]]:
    """Relationships of the given types leaving ``nodes``: adjacency lookups, never a scan of
    every edge (provenance edges outnumber derived facts a hundred to one)."""
    labels = set().union(*(_TO[t] for t in types))
    for node in nodes:
        for v, keyed in g.succ[node].items():
            if v[0] in labels:
                for d in keyed.values():
                    if d["type"] in types:
                        yield node, v, d


def _into(g: nx.MultiDiGraph, node: Node, *types: str) -> Iterator[tuple[Node, Node, dict[str, Any]]]:
    if node in g:
        labels = set().union(*(_FROM[t] for t in types))
        for u, keyed in g.pred[node].items():
            if u[0] in labels:
                for d in keyed.values():
                    if d["type"] in types:
                        yield u, node, d


def _regions_with_fact_to(g: nx.MultiDiGraph, node: Node) -> Iterable[Node]:
    """Regions with a derived fact (ADOPTED, RUNS, PARTNERS_WITH: the node's label says which) to
    ``node``, from the index the store keeps exact (:data:`DERIVED_INTO`, see :mod:`kg.stores.embedded`)."""
    return g.graph[DERIVED_INTO].get(node, ())


def _evidence(d: dict[str, Any]) -> Row:
    return {
        "evidence": d["evidence"],
        "report": d["evidence_file"],
        "start": d["evidence_start"],
        "end": d["evidence_end"],
    }


def _adopters(g: nx.MultiDiGraph, rel: str, label: str, name: str) -> list[Row]:
    rows = []
    for u, _, d in _into(g, (label, name), rel):
        region = g.nodes[u]
        rows.append(
            {
                "region": region["name"],
                "level": region.get("level"),
                "prefecture": region.get("prefecture"),
                "province": region.get("province"),
                "first_year": d["first_year"],
                "last_year": d["last_year"],
                "reports": d["n_reports"],
                "status": d["status"],
                **_evidence(d),
            }
        )
    return _order(rows, "first_year", "region", "prefecture")


def adopters(g: nx.MultiDiGraph, platform: str) -> list[Row]:
    return _adopters(g, "ADOPTED", "Platform", platform)


def program_adopters(g: nx.MultiDiGraph, program: str) -> list[Row]:
    return _adopters(g, "RUNS", "Program", program)


def _of_region(g: nx.MultiDiGraph, rel: str, column: str, region: str) -> list[Row]:
    rows = []
    for _, v, d in _out(g, _regions_named(g, region), rel):
        rows.append(
            {
                column: v[1],
                "first_year": d["first_year"],
                "last_year": d["last_year"],
                "reports": d["n_reports"],
                "status": d["status"],
                **_evidence(d),
            }
        )
    return _order(rows, "first_year", column)


def platforms(g: nx.MultiDiGraph, region: str) -> list[Row]:
    return _of_region(g, "ADOPTED", "platform", region)


def programs(g: nx.MultiDiGraph, region: str) -> list[Row]:
    return _of_region(g, "RUNS", "program", region)


def adoption_matrix(g: nx.MultiDiGraph, province: str | None) -> list[Row]:
    regions = (n for n in _regions(g) if province is None or g.nodes[n].get("province") == province)
    rows = []
    for u, v, d in _out(g, regions, "ADOPTED"):  # the province is chosen before any edge is read
        region = g.nodes[u]
        rows.append(
            {
                "region": region["name"],
                "province": region.get("province"),
                "platform": v[1],
                "first_year": d["first_year"],
            }
        )
    return _order(rows, "province", "region", "platform")


def _first_years(g: nx.MultiDiGraph, name: str) -> dict[Node, Any]:
    """Earliest year per region node over ADOPTED/RUNS edges into a Platform or Program ``name``."""
    firsts: dict[Node, Any] = {}
    for label in ("Platform", "Program"):
        for u, _, d in _into(g, (label, name), "ADOPTED", "RUNS"):
            y = d["first_year"]
            if u not in firsts or (y is not None and (firsts[u] is None or y < firsts[u])):
                firsts[u] = y
    return firsts


def timeline(g: nx.MultiDiGraph, name: str) -> list[Row]:
    firsts = {u: y for u, y in _first_years(g, name).items() if y is not None}
    years = sorted(firsts.values())
    rows = [
        {"region": g.nodes[u]["name"], "first_year": y, "cumulative": bisect_right(years, y)} for u, y in firsts.items()
    ]
    return _order(rows, "first_year", "region")


def partners(g: nx.MultiDiGraph, region: str | None) -> list[Row]:
    rows = []
    for u, v, d in _out(g, _regions(g) if region is None else _regions_named(g, region), "PARTNERS_WITH"):
        p = g.nodes[v]
        rows.append(
            {
                "region": g.nodes[u]["name"],
                "partner": p["name"],
                "partner_province": p.get("province"),
                "first_year": d["first_year"],
                "reports": d["n_reports"],
                **_evidence(d),
            }
        )
    return _order(rows, "region", "partner", "partner_province")


def evidence(g: nx.MultiDiGraph, region: str, name: str) -> list[Row]:
    rows = []
    reports = {u for node in _regions_named(g, region) for u, _, _ in _into(g, node, "ABOUT")}
    for rep in reports:
        attrs = g.nodes[rep]
        for _, x, d in g.out_edges(rep, data=True):
            if d["type"] == "MENTIONS" and g.nodes[x].get("name") == name:
                type_ = x[0]
            elif d["type"] == "CITES_PARTNER" and g.nodes[x].get("name") == name:
                type_ = "Partner"
            else:
                continue
            rows.append(
                {
                    "report": attrs["file"],
                    "year": attrs.get("year"),
                    "type": type_,
                    "name": g.nodes[x]["name"],
                    "surface": d["surface"],
                    "sentence": d["sentence"],
                    "start": d["start"],
                    "end": d["end"],
                    "status": d.get("status"),
                }
            )
    return _order(rows, "report", "start", "type")


def similar_regions(g: nx.MultiDiGraph, region: str, limit: int | None) -> list[Row]:
    """The regions sharing most platforms and programs with the regions of that name (a target
    counts for a region when one of them other than itself has it); only the regions kept by the
    limit have their shared names sorted."""
    own = _regions_named(g, region)
    shared: dict[Node, set[Node]] = {}
    for node in own:
        for _, x, _ in _out(g, [node], "ADOPTED", "RUNS"):
            for o in _regions_with_fact_to(g, x):
                if o != node:
                    shared.setdefault(o, set()).add(x)

    def rank(o: Node) -> tuple:
        return -len(shared[o]), g.nodes[o]["name"], _nulls_last(g.nodes[o].get("province")), o[1]

    rows = []
    for o in heapq.nsmallest(limit or SIMILAR_REGIONS, shared, key=rank):
        ordered = sorted(shared[o], key=lambda x: x[1])
        plats = [x[1] for x in ordered if x[0] == "Platform"]
        progs = [x[1] for x in ordered if x[0] == "Program"]
        rows.append(
            {
                "region": g.nodes[o]["name"],
                "province": g.nodes[o].get("province"),
                "shared": len(plats) + len(progs),
                "shared_platforms": plats,
                "shared_programs": progs,
            }
        )
    return rows


def province_rollup(g: nx.MultiDiGraph, name: str) -> list[Row]:
    groups: dict[Any, list[tuple[str, Any]]] = {}
    for u, y in _first_years(g, name).items():
        groups.setdefault(g.nodes[u].get("province"), []).append((g.nodes[u]["name"], y))
    rows = []
    for province, items in groups.items():
        years = [y for _, y in items if y is not None]
        rows.append(
            {
                "province": province,
                "regions": len(items),
                "first_year": min(years) if years else None,
                "region_names": sorted(n for n, _ in items),
            }
        )
    return sorted(rows, key=lambda r: (-r["regions"], _nulls_last(r["province"])))


ENTITY_KINDS = ("Platform", "Program", "Agency", "Policy")


def candidates(g: nx.MultiDiGraph, type: str | None, min_reports: int | None, limit: int | None) -> list[Row]:
    """Discovered names (no knowledge base entry) with their use counts, most used first; the
    counts are kept on the nodes as reports load (:mod:`kg.entity_stats`)."""
    ranked = []
    for node, attrs in g.nodes(data=True):
        label = node[0]
        if (
            label not in ENTITY_KINDS
            or not attrs.get("discovered")
            or (type is not None and label.lower() != type)
            or (attrs.get("n_reports") or 0) < (min_reports or 1)
        ):
            continue
        ranked.append((-attrs["n_reports"], -attrs["n_mentions"], label.lower(), node[1], attrs))
    return [
        {
            "type": type_,
            "name": name,
            "reports": attrs["n_reports"],
            "mentions": attrs["n_mentions"],
            "surfaces": attrs["surfaces"],
            "example": attrs["example"],
            "report": attrs["example_file"],
        }
        for _, _, type_, name, attrs in heapq.nsmallest(limit or CANDIDATES, ranked, key=lambda t: t[:4])
    ]


def figures(g: nx.MultiDiGraph, name: str | None, region: str | None) -> list[Row]:
    """Every figure stated about a platform or program, optionally one name and one reporting region.

    Starts from the narrowest side given, so a filtered question never scans the whole graph: the
    region's reports (ten or so) when a region is given, else the entity's figures (a national
    program's run to tens of thousands)."""
    if region is not None:
        reports = {u for node in _regions_named(g, region) for u, _, _ in _into(g, node, "ABOUT")}
        edges = [e for e in _out(g, reports, "STATES_FIGURE") if name is None or e[1][1] == name]
    elif name is not None:
        edges = [e for label in ("Platform", "Program") for e in _into(g, (label, name), "STATES_FIGURE")]
    else:
        edges = list(_out(g, (n for n in g.nodes if n[0] == "Report"), "STATES_FIGURE"))
    rows = []
    for rep, x, f in edges:
        about = [g.nodes[v]["name"] for _, v, _ in _out(g, [rep], "ABOUT")] or [None]
        for where in about:
            if region is None or where == region:
                rows.append(
                    {
                        "region": where,
                        "year": f["year"],
                        "type": x[0].lower(),
                        "name": x[1],
                        "metric": f["metric"],
                        "value": f["value"],
                        "unit": f["unit"],
                        "amount": f["amount"],
                        "status": f["status"],
                        "evidence": f["sentence"],
                        "report": g.nodes[rep].get("file"),
                        "start": f["start"],
                        "end": f["end"],
                    }
                )
    return _order(rows, "name", "metric", "year", "region", "report", "start")


def policies(g: nx.MultiDiGraph, agency: str | None) -> list[Row]:
    """Cited policies, one row per issuing agency and policy: how many reports cite it, and the first
    citation (by report file, offset, report id) as evidence.  A provincial policy is cited by the
    reports of hundreds of counties: one row per citation listed it hundreds of times."""
    agencies = [n for n in g.nodes if n[0] == "Agency" and (agency is None or n[1] == agency)]
    citations: dict[tuple[Node, Node], list[dict[str, Any]]] = {}
    for a, p, d in _out(g, agencies, "ISSUED"):
        citations.setdefault((a, p), []).append(d)
    rows = []
    for (a, p), found in citations.items():
        first = min(found, key=lambda d: (d["file"], d["start"], d["report"]))
        rows.append(
            {
                "agency": a[1],
                "policy": p[1],
                "doc_number": g.nodes[p].get("doc_number"),
                "reports": len({d["report"] for d in found}),
                "evidence": first["sentence"],
                "report": first["file"],
                "start": first["start"],
                "end": first["end"],
            }
        )
    return _order(rows, "agency", "policy")


QUERIES: dict[str, Callable[..., list[Row]]] = {
    "candidates": candidates,
    "figures": figures,
    "policies": policies,
    "adopters": adopters,
    "program-adopters": program_adopters,
    "platforms": platforms,
    "programs": programs,
    "adoption-matrix": adoption_matrix,
    "timeline": timeline,
    "partners": partners,
    "evidence": evidence,
    "similar-regions": similar_regions,
    "province-rollup": province_rollup,
}


def run(g: nx.MultiDiGraph, name: str, params: dict[str, Any]) -> list[Row]:
    return QUERIES[name](g, **params)
