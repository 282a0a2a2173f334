"""The embedded store: idempotent loads, replaced reports, canned queries, aliases as parameters."""

from __future__ import annotations

import json

import pytest
from conftest import EXAMPLES
from yearly_versions import YearlyVersions, derived_facts_embedded, facts_of_one_load, same_year_and_file

from extractors.knowledge import load_knowledge_base
from extractors.knowledge.divisions import load_divisions
from kg.model import rows_for
from kg.queries import QueryError, catalog, resolve_params
from kg.stores import EmbeddedStore


def _load(store, extractor, paths):
    return store.load_reports([rows_for(extractor.extract_path(p), load_divisions()) for p in paths])


@pytest.fixture(scope="module")
def seed_store(tmp_path_factory, extractor, seeds):
    store = EmbeddedStore(tmp_path_factory.mktemp("db"))
    _load(store, extractor, sorted(seeds.glob("*.txt")) + sorted(EXAMPLES.glob("*.txt")))
    return store


def test_loading_twice_changes_nothing(tmp_path, extractor, seeds):
    store = EmbeddedStore(tmp_path)
    first = _load(store, extractor, sorted(seeds.glob("*.txt")))
    counts = store.counts()
    store.close()
    with EmbeddedStore(tmp_path) as again:
        second = _load(again, extractor, sorted(seeds.glob("*.txt")))
    assert {o.status for o in first} == {"loaded"} and {o.status for o in second} == {"skipped"}
    assert EmbeddedStore(tmp_path).counts() == counts


def test_edited_report_replaces_its_facts(tmp_path, extractor):
    report = tmp_path / "r.txt"
    report.write_text("滁州市南谯区数据资源管理局2024年工作总结\n全区依托“皖事通”推进“跨省通办”。", encoding="utf-8")
    store = EmbeddedStore(tmp_path / "db")
    _load(store, extractor, [report])
    assert [r["region"] for r in store.query("adopters", {"platform": "皖事通"})] == ["南谯区"]
    report.write_text("滁州市南谯区数据资源管理局2024年工作总结\n全区依托“皖企通”服务企业。", encoding="utf-8")
    outcome = _load(store, extractor, [report])
    assert outcome[0].status == "replaced"
    assert store.query("adopters", {"platform": "皖事通"}) == []
    assert store.query("program-adopters", {"program": "跨省通办"}) == []
    assert [r["region"] for r in store.query("adopters", {"platform": "皖企通"})] == ["南谯区"]
    assert store.counts()["nodes"]["Report"] == 1
    assert "Program" not in store.counts()["nodes"]  # no orphan left behind


def _format_1_graph(folder) -> None:
    """An empty graph as kg wrote it before format 2: every relationship table stored both ways."""
    import re

    import ladybug

    from kg.schema_tables import statements

    folder.mkdir()
    conn = ladybug.Connection(ladybug.Database(str(folder / "graph.lbug")))
    for statement in statements():
        conn.execute(re.sub(r"\)\s*WITH\s*\([^)]*\)\s*$", ")", statement))
    conn.execute("CREATE (:GovkgFormat {name: 'govkg', version: 1})")
    conn.close()


@pytest.mark.parametrize("graph_format", [1, 2])
def test_names_an_edit_drops_leave_the_graph_as_in_a_clean_load(tmp_path, extractor, graph_format):
    """An edited report that alone mentioned a name: the name, its mentions and its facts go, and
    the graph equals a clean load of the files as they are now, in a new graph and in one of format
    1 (mentions stored both ways), which this kg still loads into."""
    from graph_compare import dump

    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text("滁州市南谯区数据资源管理局2024年工作总结\n全区依托“皖事通”“皖企通”推进“跨省通办”。", encoding="utf-8")
    b.write_text("滁州市琅琊区数据资源管理局2024年工作总结\n全区依托“皖事通”推进“一网通办”。", encoding="utf-8")
    if graph_format == 1:
        _format_1_graph(tmp_path / "db")
    store = EmbeddedStore(tmp_path / "db")
    _load(store, extractor, [a, b])
    assert store.counts()["nodes"]["Platform"] == 2
    a.write_text("滁州市南谯区数据资源管理局2024年工作总结\n全区依托“皖事通”推进“一网通办”。", encoding="utf-8")
    assert [o.status for o in _load(store, extractor, [a])] == ["replaced"]
    store.close()
    edited = EmbeddedStore(tmp_path / "db")
    clean = EmbeddedStore(tmp_path / "clean")
    _load(clean, extractor, [a, b])
    assert dump(edited.as_networkx()) == dump(clean.as_networkx())
    assert edited.counts()["nodes"]["Platform"] == 1 and "Program" in edited.counts()["nodes"]
    assert edited.query("adopters", {"platform": "皖企通"}) == []


def test_facts_built_up_batch_by_batch_equal_one_load(tmp_path, extractor):
    """A county's reports arriving one per batch, in neither year nor file-name order, update its
    facts from the reports already listed on them; an edited report rebuilds them.  After each
    step the facts (years, report order, evidence, status) equal those of one load of the files."""
    versions = YearlyVersions(tmp_path / "anji", extractor)
    store = EmbeddedStore(tmp_path / "db")

    def one_load(years) -> list[str]:
        return facts_of_one_load(tmp_path / f"clean-{len(list(tmp_path.iterdir()))}", [versions.rows(y) for y in years])

    for year, drop in ((2023, 3), (2026, 4), (2021, 5)):
        versions.write(year, drop)
        assert [o.status for o in store.load_reports([versions.rows(year)])] == ["loaded"]
    expected = one_load((2021, 2023, 2026))
    assert derived_facts_embedded(store) == expected
    facts = [json.loads(f)[3] for f in expected]
    oldest = versions.rows(2021).report["id"]
    assert any(f["n_reports"] == 3 and f["reports"][0] == oldest and f["first_year"] == 2021
               for f in facts)  # the oldest report, loaded last, heads the facts all years share
    assert any(f["n_reports"] < 3 for f in facts)

    versions.write(2023, 6)  # a middle year edited: its facts move or go
    assert [o.status for o in store.load_reports([versions.rows(2023)])] == ["replaced"]
    assert derived_facts_embedded(store) == one_load((2021, 2023, 2026))


def test_facts_when_two_reports_share_year_and_file_name(tmp_path, extractor):
    """Two reports of a county with one year and file name, loaded in two batches, give the facts
    of one load of both (see ``same_year_and_file``)."""
    first, second = same_year_and_file(tmp_path, extractor)
    store = EmbeddedStore(tmp_path / "db")
    for rows in (first, second):
        assert [o.status for o in store.load_reports([rows])] == ["loaded"]
    expected = facts_of_one_load(tmp_path / "clean", [first, second])
    assert derived_facts_embedded(store) == expected
    assert any(json.loads(f)[3]["n_reports"] == 2 for f in expected)


def test_a_report_of_no_known_region_is_kept(tmp_path, extractor):
    """A batch whose reports name no region adds no facts, but the reports and their mentions are
    the graph's all the same: they are written when the store closes."""
    report = tmp_path / "r.txt"
    report.write_text("数据资源管理局工作总结\n全面推进“一网通办”改革，依托“浙里办”办理事项。", encoding="utf-8")
    store = EmbeddedStore(tmp_path / "db")
    assert [o.status for o in _load(store, extractor, [report])] == ["loaded"]
    store.close()
    counts = EmbeddedStore(tmp_path / "db").counts()
    assert counts["nodes"].get("Report") == 1 and "Region" not in counts["nodes"]
    assert counts["relationships"].get("MENTIONS") == 2


def test_every_canned_query_has_a_file_and_an_answer(seed_store):
    kb, divisions = load_knowledge_base(), load_divisions()
    examples = {"platform": "皖事通", "program": "跨省通办", "region": "广德市", "province": "安徽省",
                "name": "皖事通办", "type": "platform", "min_reports": "1", "agency": "安吉县人民政府办公室",
                "limit": "2"}
    names = set(catalog())
    assert names >= {"adopters", "platforms", "programs", "program-adopters", "adoption-matrix", "timeline",
                     "partners", "evidence", "similar-regions", "province-rollup", "candidates", "figures",
                     "policies"}
    per_query = {"figures": {"name": "皖事通APP", "region": "涡阳县"}}
    for name, q in catalog().items():
        given = {p.name: per_query.get(name, examples)[p.name] for p in q.params}
        params = resolve_params(q, given, kb, divisions)
        rows = seed_store.query(name, params)
        assert rows, f"{name} returned no rows on the seeds"


def test_alias_and_former_name_work_as_parameters(seed_store):
    kb, divisions = load_knowledge_base(), load_divisions()
    q = catalog()["adopters"]
    params = resolve_params(q, {"platform": "皖事通APP"}, kb, divisions)
    assert params == {"platform": "皖事通"}
    regions = {r["region"] for r in seed_store.query("adopters", params)}
    assert {"涡阳县", "含山县", "湾沚区"} <= regions
    old = resolve_params(catalog()["platforms"], {"region": "广德县"}, kb, divisions)
    assert old == {"region": "广德市"}


def test_timeline_is_cumulative(seed_store):
    rows = seed_store.query("timeline", {"name": "跨省通办"})
    years = [r["first_year"] for r in rows]
    assert years == sorted(years)
    assert rows[-1]["cumulative"] == len(rows)


def test_missing_required_parameter_is_a_clear_error():
    with pytest.raises(QueryError, match="needs platform"):
        resolve_params(catalog()["adopters"], {}, load_knowledge_base(), load_divisions())


def test_corrupt_graph_file_is_a_one_line_error(tmp_path):
    from kg.stores import StoreError
    (tmp_path / "graph.lbug").write_bytes(b"not a database" * 1000)
    with pytest.raises(StoreError, match="cannot open the graph|format") as caught:
        EmbeddedStore(tmp_path).counts()
    assert "\n" not in str(caught.value)


def test_a_graph_of_the_old_pickle_format_is_refused_unread(tmp_path):
    """A shared kg-data folder of the old format is never unpickled: unpickling runs code."""
    import pickle

    from kg.stores import StoreError

    class Trap:
        def __reduce__(self):
            return (open, (str(tmp_path / "unpickled"), "w"))

    (tmp_path / "graph.pickle").write_bytes(pickle.dumps({"version": 1, "graph": Trap()}))
    with pytest.raises(StoreError, match="older govkg format.*kg load"):
        EmbeddedStore(tmp_path)
    assert not (tmp_path / "unpickled").exists()


def test_a_database_of_another_format_version_is_refused(tmp_path):
    from kg.stores import StoreError

    store = EmbeddedStore(tmp_path)
    store.prepare_load()
    store._conn.execute("MATCH (f:GovkgFormat) SET f.version = 99")
    store._pending = True
    store.close()
    with pytest.raises(StoreError, match="format 99.*rebuild"):
        EmbeddedStore(tmp_path).counts()


def test_a_load_publishes_whole_graphs_only_and_leaves_no_working_files(tmp_path, extractor, seeds):
    """Readers open the published graph while a load writes its working copy; the copy goes when
    the load ends, and so does the writer lock (a second writer could then take it)."""
    paths = sorted(seeds.glob("*.txt"))
    store = EmbeddedStore(tmp_path)
    _load(store, extractor, paths[:1])
    assert EmbeddedStore(tmp_path).counts()["nodes"] == {}  # nothing published yet: no graph, not part of one
    assert store.counts()["nodes"]["Report"] == 1  # the load itself sees what it wrote
    store.close()
    store = EmbeddedStore(tmp_path)
    _load(store, extractor, paths[1:])
    assert EmbeddedStore(tmp_path).counts()["nodes"]["Report"] == 1  # the graph before this load
    assert (tmp_path / ".graph-load.lbug").exists()
    store.close()
    assert EmbeddedStore(tmp_path).counts()["nodes"]["Report"] == len(paths)
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".graph")) == []
    with EmbeddedStore(tmp_path) as second:
        second.prepare_load()


def test_usage_figures_added_batch_by_batch_equal_those_counted_at_once():
    """Both stores keep candidates' figures up to date incrementally; any split of the mentions
    into batches of new reports must give what counting them all at once gives."""
    import random

    from kg.entity_stats import Use, merged, stats_of

    rng = random.Random(5)
    uses = [Use(f"f{rng.randrange(6)}.txt", rng.randrange(500), f"r{rng.randrange(6)}", f"句{i}", rng.choice("甲乙丙"))
            for i in range(60)]
    by_report: dict[str, list] = {}
    for u in uses:
        by_report.setdefault(u.report, []).append(u)
    whole = stats_of(uses)
    assert whole["n_mentions"] == 60 and whole["n_reports"] == len(by_report)
    first = min(uses, key=lambda u: (u.file, u.start, u.report))
    assert (whole["example"], whole["example_file"]) == (first.sentence, first.file)
    for _ in range(20):  # reports arrive in random batches
        reports = list(by_report)
        rng.shuffle(reports)
        current = None
        while reports:
            batch = [reports.pop(0) for _ in range(min(len(reports), rng.randrange(1, 4)))]
            current = merged(current, [u for r in batch for u in by_report[r]])
        assert current == whole


def test_similar_regions_follow_reports_that_are_replaced(tmp_path, extractor):
    """similar-regions after edits that move a report to another region and drop names."""
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text("滁州市南谯区数据资源管理局2024年工作总结\n全区依托“皖事通”推进“跨省通办”。", encoding="utf-8")
    b.write_text("滁州市琅琊区数据资源管理局2024年工作总结\n全区依托“皖事通”推进“一网通办”。", encoding="utf-8")
    store = EmbeddedStore(tmp_path / "db")
    _load(store, extractor, [a, b])
    assert [r["region"] for r in store.query("similar-regions", {"region": "南谯区"})] == ["琅琊区"]
    a.write_text("宣城市广德市数据资源管理局2024年工作总结\n全市依托“皖事通”推进“一网通办”。", encoding="utf-8")
    assert _load(store, extractor, [a])[0].status == "replaced"
    assert store.query("similar-regions", {"region": "南谯区"}) == []  # 南谯区 is gone with its report
    shared = store.query("similar-regions", {"region": "广德市"})
    assert [(r["region"], r["shared"]) for r in shared] == [("琅琊区", 2)]
    b.write_text("滁州市琅琊区数据资源管理局2024年工作总结\n全区推进“一网通办”。", encoding="utf-8")  # drops 皖事通
    assert _load(store, extractor, [b])[0].status == "replaced"
    shared = store.query("similar-regions", {"region": "广德市"})
    assert [(r["region"], r["shared_platforms"], r["shared_programs"]) for r in shared] == [("琅琊区", [], ["一网通办"])]
    assert ("Region", "南谯区") not in {(k, d.get("name")) for (k, _), d in store.as_networkx().nodes(data=True)}


def test_a_batch_that_fails_halfway_leaves_nothing_and_the_next_load_goes_in(tmp_path, extractor, seeds):
    """A batch is one transaction: rows that cannot be written roll the whole batch back (its
    reports and regions too), and the same store then loads the good rows."""
    import copy

    paths = sorted(seeds.glob("*.txt"))[:2]
    rows = [rows_for(extractor.extract_path(p), load_divisions()) for p in paths]
    broken = copy.deepcopy(rows)
    broken[1].mentions[0]["start"] = "not an offset"  # written after the reports and regions
    store = EmbeddedStore(tmp_path / "db")
    store.prepare_load()
    with pytest.raises(Exception):  # noqa: B017 - whatever the engine raises, the batch is undone
        store.load_reports(broken)
    assert store.counts()["nodes"] == {}
    assert {o.status for o in store.load_reports(rows)} == {"loaded"}
    clean = EmbeddedStore(tmp_path / "clean")
    clean.load_reports(rows)
    assert store.counts() == clean.counts() and store.counts()["nodes"]["Report"] == 2
