"""`kg export`: GraphML and GEXF that networkx (as Gephi) reads back to the same graph, CSV tables
and JSON Lines holding every node and relationship, and a panel whose adoption rows follow the
reports year by year."""

from __future__ import annotations

import csv
import json

import networkx as nx
import pytest
from conftest import run_kg
from report_files import report_text, write_txt

from kg.exports import panel
from kg.exports.network_files import flat_graph, gexf_ready
from kg.stores import EmbeddedStore

pytestmark = pytest.mark.slow

# Region A names 闽政通 in 2020 and 2022 (no report in 2021); region B names 浙里办 in 2021 and
# 闽政通 only in its 2023 report.
A, B = "福建省南平市建瓯市", "浙江省杭州市西湖区"
REPORTS = {"a-2020.txt": (A, "闽政通", 2020), "a-2022.txt": (A, "闽政通", 2022),
           "b-2021.txt": (B, "浙里办", 2021), "b-2023.txt": (B, "闽政通", 2023)}


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    folder = tmp_path_factory.mktemp("exports")
    (folder / "corpus").mkdir()
    for name, (region, platform, year) in REPORTS.items():
        write_txt(folder / "corpus" / name, report_text(region=region, platform=platform, year=year))
    run_kg("load", str(folder / "corpus"), "--db", str(folder / "db"))
    return folder / "db"


def _edges(graph) -> list[str]:
    return sorted(json.dumps([u, v, d], ensure_ascii=False, sort_keys=True) for u, v, d in graph.edges(data=True))


def _nodes(graph) -> list[str]:
    return sorted(json.dumps([n, d], ensure_ascii=False, sort_keys=True) for n, d in graph.nodes(data=True))


def test_graphml_reads_back_as_the_same_graph(db, tmp_path):
    run_kg("export", str(tmp_path / "g.graphml"), "--format", "graphml", "--db", str(db))
    with EmbeddedStore(db) as store:
        expected = flat_graph(store)
    back = nx.read_graphml(tmp_path / "g.graphml")
    assert expected.number_of_edges() > 20 and _nodes(back) == _nodes(expected) and _edges(back) == _edges(expected)
    platform = back.nodes["Platform:闽政通"]
    assert platform["kind"] == "Platform" and isinstance(platform["n_reports"], int)
    assert "闽政通" in json.loads(platform["surfaces"])


def test_gexf_reads_back_as_the_same_graph(db, tmp_path):
    run_kg("export", str(tmp_path / "g.gexf"), "--format", "gexf", "--db", str(db))
    with EmbeddedStore(db) as store:
        expected = gexf_ready(flat_graph(store))
    back = nx.read_gexf(tmp_path / "g.gexf")
    for _, _, attrs in back.edges(data=True):
        attrs.pop("id", None)  # the GEXF edge id, not a property
    assert _nodes(back) == _nodes(expected) and _edges(back) == _edges(expected)
    assert {d["label"] for _, _, d in back.edges(data=True)} >= {"MENTIONS", "ADOPTED", "ABOUT"}
    assert back.nodes["Region:350783"]["govkg_id"] == "350783"


def test_csv_tables_and_jsonl_hold_every_node_and_relationship(db, tmp_path):
    run_kg("export", str(tmp_path / "tables"), "--format", "csv", "--db", str(db))
    run_kg("export", str(tmp_path / "g.jsonl"), "--format", "jsonl", "--db", str(db))
    with EmbeddedStore(db) as store:
        counts = store.counts()
    for kind, n in {**counts["nodes"], **counts["relationships"]}.items():
        with (tmp_path / "tables" / f"{kind}.csv").open(encoding="utf-8", newline="") as f:
            assert len(list(csv.DictReader(f))) == n, kind
    with (tmp_path / "tables" / "MENTIONS.csv").open(encoding="utf-8", newline="") as f:
        mention = next(r for r in csv.DictReader(f) if r["to"] == "闽政通")
    assert mention["from_label"] == "Report" and mention["to_label"] == "Platform" and "闽政通" in mention["sentence"]
    lines = [json.loads(line) for line in (tmp_path / "g.jsonl").read_text(encoding="utf-8").splitlines()]
    assert sum("node" in line for line in lines) == sum(counts["nodes"].values())
    assert sum("relationship" in line for line in lines) == sum(counts["relationships"].values())
    adopted = [line for line in lines if line.get("relationship") == "ADOPTED"]
    assert all(isinstance(line["properties"]["reports"], list) for line in adopted) and adopted


def test_the_panel_follows_the_reports_year_by_year(db, tmp_path):
    alias = "闽政通APP"  # names resolve as in queries
    run_kg("export", str(tmp_path / "panel.csv"), "--format", "panel", "--name", alias, "--db", str(db))
    with (tmp_path / "panel.csv").open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    assert tuple(rows[0]) == panel.COLUMNS
    got = {(r["region"], r["year"]): (r["adopted"], r["first_year"], r["n_reports"], r["reports_in_year"])
           for r in rows}
    assert got == {
        ("建瓯市", "2020"): ("1", "2020", "1", "1"), ("建瓯市", "2021"): ("1", "2020", "0", "0"),
        ("建瓯市", "2022"): ("1", "2020", "1", "1"),
        ("西湖区", "2021"): ("0", "2023", "0", "1"), ("西湖区", "2022"): ("0", "2023", "0", "0"),
        ("西湖区", "2023"): ("1", "2023", "1", "1"),
    }
    with EmbeddedStore(db) as store:  # by default the names two or more regions adopted or run
        default = list(panel.rows(store))
    assert {r["name"] for r in default} >= {"闽政通", "一网通办"} and "浙里办" not in {r["name"] for r in default}


def test_bad_export_requests_get_one_line_and_exit_2(db, tmp_path):
    unknown = run_kg("export", str(tmp_path / "x"), "--format", "xml", "--db", str(db), check=False)
    assert unknown.returncode == 2 and "unknown format 'xml'" in unknown.stderr
    misplaced = run_kg("export", str(tmp_path / "g.jsonl"), "--format", "jsonl", "--name", "闽政通", "--db", str(db),
                       check=False)
    assert misplaced.returncode == 2 and "--format panel" in misplaced.stderr
    (tmp_path / "file").write_text("", encoding="utf-8")
    folder_over_file = run_kg("export", str(tmp_path / "file"), "--format", "csv", "--db", str(db), check=False)
    assert folder_over_file.returncode == 2 and "writes a folder" in folder_over_file.stderr
    no_folder = run_kg("export", str(tmp_path / "none" / "g.graphml"), "--format", "graphml", "--db", str(db),
                       check=False)
    assert no_folder.returncode == 2
    no_graph = run_kg("export", str(tmp_path / "g.jsonl"), "--format", "jsonl", "--db", str(tmp_path / "empty"),
                      check=False)
    assert no_graph.returncode == 1 and "no graph here yet" in no_graph.stderr
