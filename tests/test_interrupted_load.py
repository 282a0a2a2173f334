"""`kg load` killed with SIGKILL partway, then run again, leaves exactly the graph of one clean load,
on both stores."""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import time

import neo4j
import pytest
from conftest import ROOT, neo4j_env, wipe
from report_files import report_text, write_txt

from kg.stores import EmbeddedStore

pytestmark = [pytest.mark.slow, pytest.mark.neo4j]

COUNTIES = [("福建省南平市", ["建瓯市", "邵武市", "武夷山市", "建阳区", "顺昌县", "浦城县", "光泽县", "松溪县"]),
            ("江西省赣州市", ["瑞金市", "南康区", "赣县区", "信丰县", "大余县", "上犹县", "崇义县", "安远县"]),
            ("广东省佛山市", ["顺德区", "南海区", "三水区", "高明区"]),
            ("四川省成都市", ["郫都区", "温江区", "双流区", "新都区", "龙泉驿区", "青白江区"])]
PLATFORMS = ["闽政通", "赣服通", "粤省事", "天府通办"]
N_REPORTS = 52


def _corpus(folder):
    folder.mkdir()
    i = 0
    for (prefix, counties), platform in zip(COUNTIES, PLATFORMS):
        for county in counties:
            for year in (2023, 2024):
                write_txt(folder / f"{county}-{year}.txt",
                          report_text(region=prefix + county, platform=platform, year=year, users=10 + i))
                i += 1
    assert i == N_REPORTS
    return folder


def _start_load(folder, target_args, env):
    return subprocess.Popen([sys.executable, "-m", "kg.cli", "load", str(folder), "--batch-size", "1", *target_args],
                            env={**os.environ, "PYTHONPATH": str(ROOT), "KG_ENV_FILE": os.devnull, **env},
                            cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def _kill_partway(proc, reports_so_far, at_least: int = 5) -> int:
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        n = reports_so_far()
        if n >= at_least:
            proc.send_signal(signal.SIGKILL)
            proc.wait()
            return n
        if proc.poll() is not None:
            pytest.fail("the load finished before it could be killed")
        time.sleep(0.02)
    proc.kill()
    pytest.fail("the load made no progress")


def _finish(folder, target_args, env):
    proc = _start_load(folder, target_args, env)
    out, err = proc.communicate(timeout=300)
    assert proc.returncode == 0, err
    return out.decode()


def _embedded_dump(db) -> list[str]:
    g = EmbeddedStore(db).as_networkx()
    nodes = [json.dumps([n, {k: v for k, v in d.items() if k != "label" and v is not None}], ensure_ascii=False,
                        sort_keys=True) for n, d in g.nodes(data=True)]
    edges = [json.dumps([u, v, {k: x for k, x in d.items() if x is not None}], ensure_ascii=False, sort_keys=True)
             for u, v, d in g.edges(data=True)]
    return sorted(nodes + edges)


def test_embedded_store_survives_sigkill(tmp_path):
    folder = _corpus(tmp_path / "corpus")
    db = tmp_path / "db"
    # a write after every batch, so that the kill lands between two writes of a load still running
    # (by default writes are paced by their cost, and this small load can finish between two)
    proc = _start_load(folder, ["--db", str(db)], {"KG_CHECKPOINT_SECONDS": "0"})

    def reports_so_far() -> int:
        try:
            return EmbeddedStore(db).counts()["nodes"].get("Report", 0)
        except Exception:  # noqa: BLE001 - not written yet
            return 0

    killed_at = _kill_partway(proc, reports_so_far)
    assert killed_at < N_REPORTS
    out = _finish(folder, ["--db", str(db)], {})
    loaded, unchanged = map(int, re.search(r"(\d+) loaded, 0 replaced, (\d+) unchanged", out).groups())
    assert unchanged >= killed_at and loaded + unchanged == N_REPORTS  # the rerun only did what was missing
    clean = tmp_path / "clean"
    _finish(folder, ["--db", str(clean)], {})
    assert _embedded_dump(db) == _embedded_dump(clean)


def _neo4j_dump(settings) -> list[str]:
    with neo4j.GraphDatabase.driver(settings.uri, auth=(settings.username, settings.password)) as driver:
        nodes, _, _ = driver.execute_query("MATCH (n) RETURN labels(n) AS l, properties(n) AS p",
                                           database_=settings.database)
        rels, _, _ = driver.execute_query(
            "MATCH (a)-[r]->(b) RETURN coalesce(a.id, a.name) AS a, type(r) AS t, properties(r) AS p, "
            "coalesce(b.id, b.name) AS b", database_=settings.database)
    return sorted([json.dumps([r["l"], r["p"]], ensure_ascii=False, sort_keys=True) for r in nodes]
                  + [json.dumps([r["a"], r["t"], r["p"], r["b"]], ensure_ascii=False, sort_keys=True) for r in rels])


def test_neo4j_store_survives_sigkill(tmp_path, neo4j_server):
    folder = _corpus(tmp_path / "corpus")
    env = neo4j_env(neo4j_server)
    wipe(neo4j_server)
    proc = _start_load(folder, ["--target", "neo4j"], env)

    def reports_so_far() -> int:
        with neo4j.GraphDatabase.driver(neo4j_server.uri,
                                        auth=(neo4j_server.username, neo4j_server.password)) as driver:
            records, _, _ = driver.execute_query("MATCH (r:Report) RETURN count(r) AS n",
                                                 database_=neo4j_server.database)
        return records[0]["n"]

    killed_at = _kill_partway(proc, reports_so_far)
    assert killed_at < N_REPORTS
    _finish(folder, ["--target", "neo4j"], env)
    resumed = _neo4j_dump(neo4j_server)
    wipe(neo4j_server)
    _finish(folder, ["--target", "neo4j"], env)
    assert resumed == _neo4j_dump(neo4j_server)
    assert sum(1 for line in resumed if line.startswith('[["Report"]')) == N_REPORTS
