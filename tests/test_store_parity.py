"""Same answers on both stores: the seeds and examples loaded into the embedded store and into a
real Neo4j server, then every canned query run with every parameter value the graph offers."""

from __future__ import annotations

import json

import pytest
from conftest import EXAMPLES, wipe

from extractors.knowledge import load_knowledge_base
from extractors.resolve.divisions import load_divisions
from kg.model import rows_for
from kg.queries import catalog, in_order, resolve_params, with_defaults
from kg.stores import EmbeddedStore

pytestmark = [pytest.mark.slow, pytest.mark.neo4j]


@pytest.fixture(scope="module")
def both(tmp_path_factory, extractor, seeds, neo4j_server):
    from kg.stores.neo4j_store import Neo4jStore

    divisions = load_divisions()
    paths = sorted(seeds.glob("*.txt")) + sorted(EXAMPLES.glob("*.txt"))
    rows = [rows_for(extractor.extract_path(p), divisions) for p in paths]
    embedded = EmbeddedStore(tmp_path_factory.mktemp("parity-db"))
    embedded.load_reports(rows)
    wipe(neo4j_server)
    neo = Neo4jStore(neo4j_server)
    neo.load_reports(rows[:4])  # two batches: facts derived across batches must match too
    neo.load_reports(rows[4:])
    yield embedded, neo
    neo.close()


def _values(store: EmbeddedStore) -> dict[str, list]:
    """Every value each parameter can take in this graph, plus one that matches nothing."""
    g = store.as_networkx()
    names = {label: sorted({k for lab, k in g.nodes if lab == label}) for label in ("Platform", "Program", "Agency")}
    regions = sorted({d["name"] for (lab, _), d in g.nodes(data=True) if lab == "Region"})
    provinces = sorted({d.get("province") for (lab, _), d in g.nodes(data=True) if lab == "Region"} - {None})
    return {"platform": names["Platform"] + ["不存在的平台"], "program": names["Program"] + ["不存在的改革"],
            "region": regions + ["不存在县"], "province": [None, *provinces],
            "name": [None, *names["Platform"], *names["Program"], "不存在"],
            "type": [None, "platform", "program", "agency", "policy"], "min_reports": [None, "1", "2", "3"],
            "agency": [None, *names["Agency"], "不存在局"]}


def _evidence_pairs(store: EmbeddedStore) -> list[dict[str, str]]:
    """(reporting region, any name its reports mention or cite as partner)."""
    g = store.as_networkx()
    pairs = set()
    for rep in (n for n in g.nodes if n[0] == "Report"):
        about = [g.nodes[v]["name"] for _, v, d in g.out_edges(rep, data=True) if d["type"] == "ABOUT"]
        for _, x, d in g.out_edges(rep, data=True):
            if d["type"] in ("MENTIONS", "CITES_PARTNER"):
                pairs.update((a, g.nodes[x]["name"]) for a in about)
    return [{"region": r, "name": n} for r, n in sorted(pairs)]


def _dump(g) -> list[str]:
    nodes = [json.dumps([n, {k: v for k, v in d.items() if v is not None}], ensure_ascii=False, sort_keys=True)
             for n, d in g.nodes(data=True)]
    edges = [json.dumps([u, v, {k: x for k, x in d.items() if x is not None}], ensure_ascii=False, sort_keys=True)
             for u, v, d in g.edges(data=True)]
    return sorted(nodes + edges)


def test_both_stores_hold_the_same_graph(both):
    """Every node and relationship with every property, derived facts (years, report lists in
    order, evidence) and usage figures included."""
    embedded, neo = both
    assert neo.counts() == embedded.counts()
    assert embedded.counts()["nodes"]["Report"] == len(list(EXAMPLES.glob("*.txt"))) + 5
    mine, theirs = _dump(embedded.as_networkx()), _dump(neo.as_networkx())
    assert theirs == mine and sum('"ADOPTED"' in line or '"RUNS"' in line for line in mine) > 100


@pytest.mark.parametrize("name", sorted(catalog()))
def test_every_canned_query_gives_the_same_rows(both, name):
    embedded, neo = both
    query = catalog()[name]
    kb, divisions = load_knowledge_base(), load_divisions()
    if name == "evidence":
        param_sets = _evidence_pairs(embedded)
    else:
        values = _values(embedded)
        param_sets = [{}] if not query.params else [{p.name: v} for p in query.params if p.name != "limit"
                                                      for v in values[p.name] if v is not None or not p.required]
        if {"region", "name"} <= {p.name for p in query.params}:  # both filters at once (figures)
            param_sets += _evidence_pairs(embedded)
    if any(p.name == "limit" for p in query.params):  # a cut between rows tied on the ranking must agree too
        param_sets += [{**given, "limit": n} for given in param_sets for n in ("1", "2", "3")]
    assert param_sets
    answered = 0
    for given in param_sets:
        params = resolve_params(query, {k: v for k, v in given.items() if v is not None}, kb, divisions)
        expected = embedded.query(name, params)
        got = neo.query(name, params)
        assert got == expected, f"{name} {params}"  # the same rows in the same order
        # the store fetches the rows collected in one list: in the order the query streams them
        streamed, _, _ = neo.driver.execute_query(query.cypher, with_defaults(query, params),
                                                   database_=neo.settings.database)
        assert got == in_order(query, [r.data() for r in streamed]), f"{name} {params}"
        assert all(tuple(row) == query.columns for row in expected + got), f"{name}: columns"  # as declared
        answered += bool(expected)
    assert answered, f"{name}: no parameter value gave any row, so the comparison proved nothing"
