"""What the atlas page holds: the graph's facts with their evidence as the canned queries give them,
narrowed by province and name; report text that cannot become markup; every script and boundary
file inlined from the package, as recorded in SOURCES.json."""

from __future__ import annotations

import hashlib
import json
import re

import pytest
from atlas_reports import HOSTILE, REPORTS, write_atlas_corpus

from extractors.knowledge.divisions import load_divisions
from kg.atlas import AtlasError, Filters
from kg.atlas.data import atlas_data
from kg.atlas.page import asset, json_block, render
from kg.model import rows_for
from kg.stores import EmbeddedStore


@pytest.fixture(scope="module")
def store(tmp_path_factory, extractor):
    corpus = write_atlas_corpus(tmp_path_factory.mktemp("atlas-corpus"))
    divisions = load_divisions()
    graph = EmbeddedStore(tmp_path_factory.mktemp("atlas-db"))
    graph.load_reports([rows_for(extractor.extract_path(corpus / name), divisions) for name in sorted(REPORTS)])
    yield graph
    graph.close()


def _table(data, key):
    return [dict(zip(data[key]["columns"], row, strict=True)) for row in data[key]["rows"]]


def _facts(data):
    """(region name, platform/program name) → fact, with indexes resolved."""
    regions, names, reports = _table(data, "regions"), _table(data, "names"), _table(data, "reports")
    out = {}
    for fact in _table(data, "facts"):
        fact["reports"] = [reports[i]["file"] for i in fact["reports"]]
        fact["evidence"], fact["evidence_file"] = data["texts"][fact["evidence"]], data["texts"][fact["evidence_file"]]
        out[regions[fact["region"]]["name"], names[fact["name"]]["name"]] = fact
    return out


def test_every_adoption_carries_the_evidence_the_adopters_query_gives(store):
    facts = _facts(atlas_data(store))
    for platform in ("粤省事", "闽政通", "浙里办"):
        rows = store.query("adopters", {"platform": platform})
        assert rows, platform
        for row in rows:
            fact = facts[row["region"], platform]
            assert (fact["first_year"], fact["evidence"], fact["evidence_file"]) == (
                row["first_year"], row["evidence"], row["report"])
            assert (fact["evidence_start"], fact["evidence_end"]) == (row["start"], row["end"])
    assert facts["广州市", "粤省事"]["reports"] == ["gz-2019.txt"]


def test_names_rank_by_adopting_regions_and_carry_their_aliases(store):
    names = _table(atlas_data(store), "names")
    counts = [n["n_regions"] for n in names]
    assert counts == sorted(counts, reverse=True) and names[0]["n_regions"] == len(REPORTS)
    hotline = next(n for n in names if n["name"] == "12345政务服务便民热线")
    assert "12345市民热线" in hotline["surfaces"] and hotline["kind"] == "platform"


def test_regions_carry_level_and_report_years(store):
    regions = {r["name"]: r for r in _table(atlas_data(store), "regions")}
    assert regions["广东省"]["level"] == "province" and regions["广州市"]["level"] == "prefecture"
    assert regions["建瓯市"]["level"] == "county" and regions["建瓯市"]["prefecture"] == "南平市"
    assert (regions["深圳市"]["n_reports"], regions["深圳市"]["first_report"]) == (1, 2021)
    assert regions["南宁市"]["n_reports"] == 0  # only a partner: in the page for the network


def test_province_filter_keeps_its_regions_and_their_partners(store):
    for spelling in ("广东省", "广东", "440000"):
        data = atlas_data(store, Filters(province=spelling))
        assert data["filters"]["province"] == "广东省"
        facts = _facts(data)
        assert {region for region, _ in facts} == {"广东省", "广州市", "深圳市"}
        assert [r["name"] for r in _table(data, "regions") if r["name"] == "南宁市"]  # the partner stays
    with pytest.raises(AtlasError, match="no province '火星'"):
        atlas_data(store, Filters(province="火星"))


def test_name_filter_keeps_only_those_names(store):
    data = atlas_data(store, Filters(names=("粤省事", "闽政通")))
    assert {n for _, n in _facts(data)} == {"粤省事", "闽政通"}
    with pytest.raises(AtlasError, match="no region in the graph adopted or runs 不存在通"):
        atlas_data(store, Filters(names=("不存在通",)))


def test_the_page_holds_the_data_and_report_text_cannot_close_its_script(store):
    data = atlas_data(store)
    assert any(HOSTILE in fact["evidence"] for fact in _facts(data).values())
    page = render(data).replace(asset("echarts.min.js"), "")  # ECharts' own code writes <img> for "save as"
    assert HOSTILE not in page and "<img" not in page and page.count("</script>") == page.count("<script")
    block = re.search(r'<script type="application/json" id="atlas-data">(.*?)</script>', page, re.S)
    assert block and json.loads(block.group(1)) == json.loads(json.dumps(data))


def test_json_block_escapes_what_could_end_it():
    text = json_block("x", {"s": "</script><!-- & >"})
    assert text.count("</script>") == 1 and "<!--" not in text
    assert json.loads(text[text.index(">") + 1 : -len("</script>")]) == {"s": "</script><!-- & >"}


def test_the_page_loads_nothing_from_anywhere(store):
    page = render(atlas_data(store)).replace(asset("echarts.min.js"), "")
    assert not re.search(r"""<(script|link|img|iframe)[^>]*\b(src|href)\s*=""", page)
    assert "default-src 'none'" in page and "connect-src 'none'" in page
    # the boundaries of provinces always; of cities because the graph has cities and counties
    assert 'id="map-province"' in page and 'id="map-prefecture"' in page


def test_a_province_only_graph_ships_no_city_boundaries():
    data = {"regions": {"columns": ["id", "name", "level"], "rows": [["440000", "广东省", "province"]]}}
    from kg.atlas.page import map_levels

    assert map_levels(data) == ["province"]


def test_inlined_files_are_the_recorded_npm_files():
    record = json.loads(asset("SOURCES.json"))
    for entry in record["files"]:  # as fetched, or as scripts/vendor_atlas_assets.py simplified it
        text = asset(entry["file"])
        expected = entry.get("shipped_sha256", entry["sha256"])
        assert hashlib.sha256(text.encode("utf-8")).hexdigest() == expected, entry["file"]
    assert "</script" not in asset("echarts.min.js").lower()  # inlined as is, so it must not end its block
    for boundaries in ("china-provinces.json", "china-cities.json"):
        features = json.loads(asset(boundaries))["features"]
        codes = {str(f.get("id") or f["properties"].get("id")) for f in features}
        assert {"440000" if "provinces" in boundaries else "440100", "110000"} <= codes


@pytest.mark.slow
def test_kg_atlas_writes_the_page_and_names_a_bad_filter_in_one_line(tmp_path):
    from conftest import run_kg

    corpus = write_atlas_corpus(tmp_path / "corpus")
    run_kg("load", str(corpus), "--db", str(tmp_path / "db"))
    done = run_kg("atlas", "--db", str(tmp_path / "db"), "--out", str(tmp_path / "a.html"), "--name", "粤省事APP")
    assert "1 names, 3 adoptions" in done.stdout  # 粤省事 in the province and its two cities
    assert "粤省事" in (tmp_path / "a.html").read_text(encoding="utf-8")  # the alias named the canonical name
    bad = run_kg("atlas", "--db", str(tmp_path / "db"), "--out", str(tmp_path / "b.html"), "--province", "火星",
                 check=False)
    assert bad.returncode == 1 and len(bad.stderr.strip().splitlines()) == 1 and "火星" in bad.stderr
    assert not (tmp_path / "b.html").exists()
    nowhere = run_kg("atlas", "--db", str(tmp_path / "db"), "--out", str(tmp_path / "no" / "c.html"), check=False)
    assert nowhere.returncode == 2 and "no/c.html" in nowhere.stderr.replace("\\", "/")
