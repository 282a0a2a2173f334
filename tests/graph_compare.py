"""What the store comparisons share: every parameter value a canned query can take in a graph,
and a graph written out node by node and edge by edge, so two stores' graphs compare as lists."""

from __future__ import annotations

import json
from typing import Any

from extractors.knowledge import load_knowledge_base
from extractors.knowledge.divisions import load_divisions
from kg.queries import CannedQuery, resolve_params
from kg.stores import GraphStore


def _values(store: GraphStore) -> dict[str, list]:
    """Every value each parameter can take in this graph, plus one that matches nothing."""
    g = store.as_networkx()
    names = {label: sorted({k for lab, k in g.nodes if lab == label}) for label in ("Platform", "Program", "Agency")}
    regions = sorted({d["name"] for (lab, _), d in g.nodes(data=True) if lab == "Region"})
    provinces = sorted({d.get("province") for (lab, _), d in g.nodes(data=True) if lab == "Region"} - {None})
    return {"platform": names["Platform"] + ["不存在的平台"], "program": names["Program"] + ["不存在的改革"],
            "region": [*regions, "不存在县"], "province": [None, *provinces],
            "name": [None, *names["Platform"], *names["Program"], "不存在"],
            "type": [None, "platform", "program", "agency", "policy"], "min_reports": [None, "1", "2", "3"],
            "agency": [None, *names["Agency"], "不存在局"]}


def _evidence_pairs(store: GraphStore) -> list[dict[str, str]]:
    """(reporting region, any name its reports mention or cite as partner)."""
    g = store.as_networkx()
    pairs = set()
    for rep in (n for n in g.nodes if n[0] == "Report"):
        about = [g.nodes[v]["name"] for _, v, d in g.out_edges(rep, data=True) if d["type"] == "ABOUT"]
        for _, x, d in g.out_edges(rep, data=True):
            if d["type"] in ("MENTIONS", "CITES_PARTNER"):
                pairs.update((a, g.nodes[x]["name"]) for a in about)
    return [{"region": r, "name": n} for r, n in sorted(pairs)]


def dump(g) -> list[str]:
    nodes = [json.dumps([n, {k: v for k, v in d.items() if v is not None}], ensure_ascii=False, sort_keys=True)
             for n, d in g.nodes(data=True)]
    edges = [json.dumps([u, v, {k: x for k, x in d.items() if x is not None}], ensure_ascii=False, sort_keys=True)
             for u, v, d in g.edges(data=True)]
    return sorted(nodes + edges)


def parameter_sets(store, query: CannedQuery) -> list[dict[str, Any]]:
    """Resolved parameters for ``query``: each value of each parameter the graph in ``store``
    offers (and one that matches nothing), region × name pairs where both filter, and small limits
    (a cut between rows tied on the ranking must agree too)."""
    if query.name == "evidence":
        given_sets = _evidence_pairs(store)
    else:
        values = _values(store)
        given_sets = [{}] if not query.params else [{p.name: v} for p in query.params if p.name != "limit"
                                                    for v in values[p.name] if v is not None or not p.required]
        if {"region", "name"} <= {p.name for p in query.params}:  # both filters at once (figures)
            given_sets += _evidence_pairs(store)
    if any(p.name == "limit" for p in query.params):
        given_sets += [{**given, "limit": n} for given in given_sets for n in ("1", "2", "3")]
    assert given_sets
    kb, divisions = load_knowledge_base(), load_divisions()
    return [resolve_params(query, {k: v for k, v in given.items() if v is not None}, kb, divisions)
            for given in given_sets]
