"""The Neo4j store against a real server: schema, idempotent loads through the real CLI, edited
reports replaced without stale evidence, and one clear line for each connection failure."""

from __future__ import annotations

import json
import logging
import os
import shutil

import neo4j
import pytest
from conftest import EXAMPLES, neo4j_env, run_kg, wipe
from yearly_versions import YearlyVersions, facts_of_one_load, same_year_and_file

from extractors.knowledge.divisions import load_divisions
from kg.model import rows_for
from kg.stores import EmbeddedStore

pytestmark = [pytest.mark.slow, pytest.mark.neo4j]


def _stats(env: dict[str, str], cwd=None) -> dict:
    return json.loads(run_kg("stats", "--target", "neo4j", "--format", "json", env=env, cwd=cwd).stdout)


def _provenance(settings) -> list[dict]:
    """Every provenance edge with its report's path, straight from the database."""
    with neo4j.GraphDatabase.driver(settings.uri, auth=(settings.username, settings.password)) as driver:
        records, _, _ = driver.execute_query(
            "MATCH (r:Report)-[m:MENTIONS|CITES_PARTNER]->() "
            "RETURN r.path AS path, m.sentence AS sentence, m.sentence_start AS sentence_start, "
            "m.start AS start, m.end AS end, m.surface AS surface", database_=settings.database)
    return [r.data() for r in records]


def _derived_evidence(settings) -> list[str]:
    with neo4j.GraphDatabase.driver(settings.uri, auth=(settings.username, settings.password)) as driver:
        records, _, _ = driver.execute_query("MATCH ()-[d:ADOPTED|RUNS|PARTNERS_WITH]->() RETURN d.evidence AS e",
                                             database_=settings.database)
    return [r["e"] for r in records]


def test_schema_is_applied_idempotently(neo4j_server):
    env = neo4j_env(neo4j_server)
    first = run_kg("schema", "--target", "neo4j", env=env)
    second = run_kg("schema", "--target", "neo4j", env=env)
    assert "constraints and indexes in place" in first.stdout and second.returncode == 0
    with neo4j.GraphDatabase.driver(neo4j_server.uri,
                                    auth=(neo4j_server.username, neo4j_server.password)) as driver:
        constraints = {r["name"]: r for r in driver.execute_query(
            "SHOW CONSTRAINTS YIELD name, labelsOrTypes, properties, type", database_=neo4j_server.database)[0]}
        indexes = {r["name"] for r in driver.execute_query("SHOW INDEXES YIELD name",
                                                           database_=neo4j_server.database)[0]}
    keys = {(c["labelsOrTypes"][0], c["properties"][0]) for c in constraints.values() if c["type"] == "UNIQUENESS"}
    assert keys >= {("Report", "id"), ("Region", "id"), ("Platform", "name"), ("Program", "name"),
                    ("Agency", "name"), ("Policy", "name")}
    assert {"region_name", "region_province", "report_path"} <= indexes
    assert len(constraints) == 6


def test_loading_the_seeds_twice_changes_nothing(neo4j_server, seeds):
    wipe(neo4j_server)
    env = neo4j_env(neo4j_server)
    first = run_kg("load", str(seeds), "--target", "neo4j", "--batch-size", "2", env=env)
    assert "5 loaded" in first.stdout
    counts = _stats(env)
    second = run_kg("load", str(seeds), "--target", "neo4j", env=env)
    assert "0 loaded, 0 replaced, 5 unchanged" in second.stdout
    assert _stats(env) == counts
    assert counts["nodes"]["Report"] == 5 and counts["relationships"]["MENTIONS"] > 100


def test_edited_report_leaves_no_stale_evidence(neo4j_server, seeds, tmp_path, extractor):
    wipe(neo4j_server)
    env = neo4j_env(neo4j_server)
    corpus = tmp_path / "reports"
    shutil.copytree(seeds, corpus)
    run_kg("load", str(corpus), "--target", "neo4j", env=env)
    edited = sorted(corpus.glob("*.txt"))[0]
    lines = edited.read_text(encoding="utf-8").splitlines()
    old_text = "\n".join(lines)
    edited.write_text("\n".join(lines[: len(lines) // 2]), encoding="utf-8")  # the second half is gone
    again = run_kg("load", str(corpus), "--target", "neo4j", env=env)
    assert "0 loaded, 1 replaced, 4 unchanged" in again.stdout

    texts = {str(p.resolve()): p.read_text(encoding="utf-8") for p in corpus.glob("*.txt")}
    edges = _provenance(neo4j_server)
    assert edges
    for e in edges:  # every provenance edge quotes the file as it is now, at its offsets
        text = texts[str(os.path.realpath(e["path"]))]
        assert text[e["sentence_start"]:e["sentence_start"] + len(e["sentence"])] == e["sentence"]
        assert text[e["start"]:e["end"]] == e["surface"]
    removed = [s for s in old_text[len(texts[str(edited.resolve())]):].split("。") if len(s) > 20]
    assert removed
    evidence = _derived_evidence(neo4j_server)
    assert not any(r in e for r in removed for e in evidence)

    # and the graph is exactly the one a clean load of the current files gives
    clean = EmbeddedStore(tmp_path / "clean")
    clean.load_reports([rows_for(extractor.extract_path(p), load_divisions()) for p in sorted(corpus.glob("*.txt"))])
    assert _stats(env) == clean.counts()
    # usage figures recounted for the names the old version mentioned: as a clean load counts them
    from kg.stores.neo4j_store import Neo4jStore

    with Neo4jStore(neo4j_server) as neo:
        assert neo.query("candidates", {"type": None, "min_reports": None}) == \
            clean.query("candidates", {"type": None, "min_reports": None})


def test_query_and_browser_script_give_the_embedded_answer(neo4j_server, seeds, tmp_path):
    wipe(neo4j_server)
    env = neo4j_env(neo4j_server)
    run_kg("load", str(seeds), str(EXAMPLES), "--target", "neo4j", env=env)
    run_kg("load", str(seeds), str(EXAMPLES), "--db", str(tmp_path / "db"))
    on_neo4j = json.loads(run_kg("query", "adopters", "platform=皖事通APP", "--target", "neo4j",
                                 "--format", "json", env=env).stdout)
    embedded = json.loads(run_kg("query", "adopters", "platform=皖事通APP", "--db", str(tmp_path / "db"),
                                 "--format", "json").stdout)
    assert on_neo4j == embedded and len(on_neo4j) >= 3

    # what `kg browser` prints is what a user pastes into Browser: :param lines, then the query
    script = run_kg("browser", "adopters", "platform=皖事通APP").stdout
    params, cypher = {}, []
    for line in script.splitlines():
        if line.startswith(":param "):
            key, literal = line[len(":param "):].split(" => ", 1)
            params[key] = None if literal == "null" else literal.strip("'")
        else:
            cypher.append(line)
    assert params == {"platform": "皖事通"}
    with neo4j.GraphDatabase.driver(neo4j_server.uri,
                                    auth=(neo4j_server.username, neo4j_server.password)) as driver:
        records, _, _ = driver.execute_query("\n".join(cypher), params, database_=neo4j_server.database)
    assert [r.data() for r in records] == embedded


def test_settings_come_from_a_dotenv_file(neo4j_server, seeds, tmp_path):
    wipe(neo4j_server)
    lines = [f"{k}={v}" for k, v in neo4j_env(neo4j_server).items()] + ["KG_TARGET=neo4j"]
    (tmp_path / ".env").write_text("\n".join(lines) + "\n", encoding="utf-8")
    clear = {k: "" for k in ("NEO4J_URI", "NEO4J_USERNAME", "NEO4J_PASSWORD", "NEO4J_DATABASE", "KG_TARGET")}
    run_kg("load", str(seeds), env={**clear, "KG_ENV_FILE": ""}, cwd=tmp_path)
    assert not (tmp_path / "kg-data").exists()  # KG_TARGET=neo4j came from .env: nothing embedded
    counts = json.loads(run_kg("stats", "--format", "json", env={**clear, "KG_ENV_FILE": ""}, cwd=tmp_path).stdout)
    assert counts["nodes"]["Report"] == 5


@pytest.mark.parametrize("override, message", [
    ({"NEO4J_PASSWORD": "not-the-password"}, "wrong username or password"),
    ({"NEO4J_URI": "bolt://127.0.0.1:9"}, "cannot reach Neo4j at bolt://127.0.0.1:9"),
    ({"NEO4J_DATABASE": "nosuchdb"}, "has no database 'nosuchdb'"),
    ({"NEO4J_URI": "http://127.0.0.1:7474"}, "is not a Bolt address"),
    ({"NEO4J_PASSWORD": ""}, "NEO4J_PASSWORD is not set"),
])
def test_connection_problems_are_one_clear_line(neo4j_server, seeds, override, message):
    env = {**neo4j_env(neo4j_server), **override}
    for args in (["load", str(seeds)], ["stats"], ["query", "partners"], ["schema"]):
        proc = run_kg(*args, "--target", "neo4j", env=env, check=False)
        assert proc.returncode == 1, (args, proc.stdout, proc.stderr)
        assert message in proc.stderr
        assert len(proc.stderr.strip().splitlines()) == 1, proc.stderr
        assert "Traceback" not in proc.stderr


def _derived_facts_neo4j(settings) -> list[str]:
    with neo4j.GraphDatabase.driver(settings.uri, auth=(settings.username, settings.password)) as driver:
        records, _, _ = driver.execute_query(
            "MATCH (g:Region)-[d:ADOPTED|RUNS|PARTNERS_WITH]->(x) "
            "RETURN g.id AS g, coalesce(x.id, x.name) AS x, type(d) AS type, properties(d) AS props",
            database_=settings.database)
    return sorted(json.dumps([r["g"], r["x"], r["type"], r["props"]], ensure_ascii=False, sort_keys=True)
                  for r in records)


def test_facts_of_a_region_whose_reports_arrive_one_batch_at_a_time(neo4j_store, neo4j_server, tmp_path, extractor):
    """One county's reports of several years, loaded one per batch in neither year nor file-name
    order, then one of them edited: after each step the derived facts (years, report order,
    evidence, status) are those of one load of the files as they are.  Each year's version lacks a
    different line, so the facts differ from year to year."""
    versions = YearlyVersions(tmp_path / "anji", extractor)
    write, rows = versions.write, versions.rows

    def clean_load(years) -> list[str]:
        return facts_of_one_load(tmp_path / f"clean-{len(list(tmp_path.iterdir()))}", [rows(y) for y in years])

    for year, drop in ((2026, 3), (2021, 4), (2023, 5)):
        write(year, drop)
        assert [o.status for o in neo4j_store.load_reports([rows(year)])] == ["loaded"]
    expected = clean_load((2021, 2023, 2026))
    assert _derived_facts_neo4j(neo4j_server) == expected
    facts = [json.loads(f)[3] for f in expected]
    assert any(f["n_reports"] == 3 and f["first_year"] == 2021 for f in facts)  # all three years found
    assert any(f["n_reports"] < 3 for f in facts)  # and facts some years lack

    write(2021, 6)  # the oldest report edited: its facts move or go
    assert [o.status for o in neo4j_store.load_reports([rows(2021)])] == ["replaced"]
    assert _derived_facts_neo4j(neo4j_server) == clean_load((2021, 2023, 2026))


def test_facts_when_two_reports_share_year_and_file_name(neo4j_store, neo4j_server, tmp_path, extractor):
    """Two reports of a county with one year and file name, loaded in two batches: the facts must
    still be those of one load of both (see ``same_year_and_file``: the merge cannot order them)."""
    first, second = same_year_and_file(tmp_path, extractor)
    for rows in (first, second):
        assert [o.status for o in neo4j_store.load_reports([rows])] == ["loaded"]
    expected = facts_of_one_load(tmp_path / "clean", [first, second])
    assert _derived_facts_neo4j(neo4j_server) == expected
    assert any(json.loads(f)[3]["n_reports"] == 2 for f in expected)


def test_the_driver_debug_log_does_not_carry_the_reports(neo4j_store, caplog, extractor):
    """The driver formats each statement's parameters for its debug log, whatever the level; the
    loader's rows stand for themselves there by their count, so a load neither spends its time
    turning report text into log lines nor puts it into a user's debug log."""
    rows = rows_for(extractor.extract_path(EXAMPLES / "zhejiang-anji-2024.txt"), load_divisions())
    sentence = rows.mentions[0]["sentence"]
    with caplog.at_level(logging.DEBUG, logger="neo4j"):
        assert [o.status for o in neo4j_store.load_reports([rows])] == ["loaded"]
    runs = [r.getMessage() for r in caplog.records if " C: RUN " in r.getMessage()]
    assert any("UNWIND $rows" in m for m in runs)  # the statements are logged
    assert not any(sentence in m for m in runs)  # their rows are not


def test_a_batch_that_replaces_a_report_and_adds_to_another_region(neo4j_store, neo4j_server, tmp_path, extractor):
    """One batch both replaces a county's report (its facts are aggregated again from all its
    reports) and adds a second report of another county (its facts are merged with the new
    mentions): the facts are those of one load of the files as they are."""
    anji = YearlyVersions(tmp_path / "anji", extractor)
    shexian = (EXAMPLES / "anhui-shexian-2025.txt").read_text(encoding="utf-8").splitlines()
    other = tmp_path / "shexian"
    other.mkdir()
    (other / "shexian-2025.txt").write_text("\n".join(shexian), encoding="utf-8")
    (other / "shexian-2024.txt").write_text("\n".join(shexian[:3] + shexian[4:]).replace("2025", "2024"),
                                            encoding="utf-8")
    divisions = load_divisions()

    def rows(path):
        return rows_for(extractor.extract_path(path), divisions)

    anji.write(2026, 3)
    neo4j_store.load_reports([anji.rows(2026), rows(other / "shexian-2025.txt")])
    anji.write(2026, 4)
    outcomes = neo4j_store.load_reports([anji.rows(2026), rows(other / "shexian-2024.txt")])
    assert [o.status for o in outcomes] == ["replaced", "loaded"]
    expected = facts_of_one_load(tmp_path / "clean", [anji.rows(2026), rows(other / "shexian-2025.txt"),
                                                      rows(other / "shexian-2024.txt")])
    assert _derived_facts_neo4j(neo4j_server) == expected
    assert any(json.loads(f)[3]["n_reports"] == 2 and json.loads(f)[3]["first_year"] == 2024 for f in expected)


def _both_loaded(neo4j_store, folder, extractor, texts: dict[str, str]) -> EmbeddedStore:
    """Report files written from ``texts`` (file name → text), loaded into the Neo4j store and into
    a new embedded store, which is returned."""
    divisions = load_divisions()
    folder.mkdir(parents=True, exist_ok=True)
    rows = []
    for name, text in texts.items():
        (folder / name).write_text(text, encoding="utf-8")
        rows.append(rows_for(extractor.extract_path(folder / name), divisions))
    embedded = EmbeddedStore(folder / "db")
    embedded.load_reports(rows)
    neo4j_store.load_reports(rows)
    return embedded


def test_similar_regions_stops_at_the_same_default_on_both_stores(neo4j_store, tmp_path, extractor):
    """With no limit given, similar-regions keeps the first 20 regions of its ranking on both stores
    (the default is written once, in the .cypher file); here 22 other counties
    share names with the first, some three and most two, so the cut falls among regions tied on two."""
    divisions = load_divisions()
    counties = sorted((d for d in divisions.by_code.values() if d.level == "county" and d.code.startswith("34")
                       and not divisions.is_functional_area(d)),  # a development zone's report is its city's
                      key=lambda d: d.code)[:23]
    embedded = _both_loaded(neo4j_store, tmp_path, extractor, {
        f"r{i:02d}.txt": f"{divisions.ref(county).parent}{county.name}数据资源管理局2024年工作总结\n"
                         f"依托“皖事通”推进“一网通办”{'，推进“跨省通办”' if i % 4 == 0 else ''}。"
        for i, county in enumerate(counties)})
    first = counties[0].name
    ranked = embedded.query("similar-regions", {"region": first})
    assert len(ranked) == 20 and {r["shared"] for r in ranked} == {2, 3}
    assert neo4j_store.query("similar-regions", {"region": first}) == ranked
    every = embedded.query("similar-regions", {"region": first, "limit": 30})
    assert len(every) == 22 and every[:20] == ranked
    assert neo4j_store.query("similar-regions", {"region": first, "limit": 30}) == every


def test_similar_regions_of_a_name_two_regions_bear(neo4j_store, tmp_path, extractor):
    """Two counties named 鼓楼区: each is compared with the other, and a third county is counted
    once per shared name, not once per 鼓楼区 that shares it; both stores answer alike."""
    texts = {"nanjing.txt": "南京市鼓楼区数据资源管理局2024年工作总结\n依托“苏服办”推进“一网通办”。",
             "fuzhou.txt": "福州市鼓楼区数据资源管理局2024年工作总结\n依托“闽政通”推进“一网通办”。",
             "other.txt": "苏州市昆山市数据资源管理局2024年工作总结\n依托“苏服办”“闽政通”推进“一网通办”。"}
    embedded = _both_loaded(neo4j_store, tmp_path, extractor, texts)
    ranked = embedded.query("similar-regions", {"region": "鼓楼区"})
    assert [(r["region"], r["province"], r["shared"]) for r in ranked] == \
        [("昆山市", "江苏省", 3), ("鼓楼区", "江苏省", 1), ("鼓楼区", "福建省", 1)]
    assert neo4j_store.query("similar-regions", {"region": "鼓楼区"}) == ranked


def test_policies_lists_a_policy_once_with_its_citing_reports(neo4j_store, tmp_path, extractor):
    """Three reports cite one provincial policy (two of them from the same county, in two years):
    one row with the number of citing reports and the first citation by file name as evidence, on
    both stores; a policy cited once stays a row of its own."""
    cited = "浙江省人民政府办公厅印发《浙江省公共数据条例实施办法》，我局认真抓好落实。"
    texts = {"c-anji-2024.txt": f"安吉县大数据发展管理局2024年工作总结\n推进“一网通办”。{cited}",
             "a-deqing-2023.txt": f"德清县大数据发展管理局2023年工作总结\n推进“一网通办”。{cited}",
             "b-deqing-2024.txt": f"德清县大数据发展管理局2024年工作总结\n{cited}"
                                  "县政府办公室印发《德清县公共数据管理办法》。"}
    embedded = _both_loaded(neo4j_store, tmp_path, extractor, texts)
    rows = embedded.query("policies", {})
    assert [(r["agency"], r["policy"], r["reports"], r["report"]) for r in rows] == [
        ("县政府办公室", "德清县公共数据管理办法", 1, "b-deqing-2024.txt"),
        ("浙江省人民政府办公厅", "浙江省公共数据条例实施办法", 3, "a-deqing-2023.txt")]
    assert rows[1]["evidence"] == cited
    assert neo4j_store.query("policies", {}) == rows
    only = neo4j_store.query("policies", {"agency": "浙江省人民政府办公厅"})
    assert only == embedded.query("policies", {"agency": "浙江省人民政府办公厅"}) == rows[1:]


def test_similar_regions_after_an_edit(neo4j_store, neo4j_server, tmp_path, extractor):
    """An edited report that no longer names a platform no longer shares it: the rows are those of
    the embedded store loaded with the files as they are."""
    head = "{city}{county}数据资源管理局2024年工作总结\n"
    texts = {"a.txt": head.format(city="南京市", county="玄武区") + "依托“苏服办”推进“一网通办”“跨省通办”。",
             "b.txt": head.format(city="苏州市", county="昆山市") + "依托“苏服办”推进“一网通办”。",
             "c.txt": head.format(city="无锡市", county="江阴市") + "推进“一网通办”“跨省通办”。"}
    embedded = _both_loaded(neo4j_store, tmp_path, extractor, texts)
    before = embedded.query("similar-regions", {"region": "玄武区"})
    assert [(r["region"], r["shared"]) for r in before] == [("昆山市", 2), ("江阴市", 2)]
    assert neo4j_store.query("similar-regions", {"region": "玄武区"}) == before

    divisions = load_divisions()
    (tmp_path / "b.txt").write_text(head.format(city="苏州市", county="昆山市") + "推进“一网通办”。", encoding="utf-8")
    assert [o.status for o in neo4j_store.load_reports([rows_for(extractor.extract_path(tmp_path / "b.txt"),
                                                                 divisions)])] == ["replaced"]
    clean = EmbeddedStore(tmp_path / "clean")
    clean.load_reports([rows_for(extractor.extract_path(tmp_path / n), divisions) for n in sorted(texts)])
    after = clean.query("similar-regions", {"region": "玄武区"})
    assert [(r["region"], r["shared"]) for r in after] == [("江阴市", 2), ("昆山市", 1)]
    assert neo4j_store.query("similar-regions", {"region": "玄武区"}) == after
