"""Same answers on both stores: the seeds and examples loaded into the embedded store and into a
real Neo4j server, then every canned query run with every parameter value the graph offers."""

from __future__ import annotations

import pytest
from conftest import EXAMPLES, wipe
from graph_compare import dump, parameter_sets

from extractors.knowledge.divisions import load_divisions
from kg.model import rows_for
from kg.queries import catalog, in_order, with_defaults
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


def test_both_stores_hold_the_same_graph(both):
    """Every node and relationship with every property, derived facts (years, report lists in
    order, evidence) and usage figures included."""
    embedded, neo = both
    assert neo.counts() == embedded.counts()
    assert embedded.counts()["nodes"]["Report"] == len(list(EXAMPLES.glob("*.txt"))) + 5
    mine, theirs = dump(embedded.as_networkx()), dump(neo.as_networkx())
    assert theirs == mine and sum('"ADOPTED"' in line or '"RUNS"' in line for line in mine) > 100


@pytest.mark.parametrize("name", sorted(catalog()))
def test_every_canned_query_gives_the_same_rows(both, name):
    embedded, neo = both
    query = catalog()[name]
    answered = 0
    for params in parameter_sets(embedded, query):
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


def test_the_atlas_reads_the_same_from_both_stores(both):
    """The atlas page's data (facts with evidence, names with aliases, partnerships, reports),
    whole and narrowed to a province, is the same whichever store it is read from."""
    from kg.atlas import Filters
    from kg.atlas.data import atlas_data

    embedded, neo = both
    for filters in (Filters(), Filters(province="浙江省"), Filters(names=("皖事通", "一网通办"))):
        mine, theirs = atlas_data(embedded, filters), atlas_data(neo, filters)
        assert (mine.pop("store"), theirs.pop("store")) == ("embedded", "neo4j")
        assert theirs == mine and mine["facts"]["rows"], filters
