"""Neo4j's offline importer builds the graph the transactional load builds: the seeds and examples
exported with `kg export --format neo4j-admin`, imported by the server's own neo4j-admin through
the export's script, served by a second real Neo4j 5.26, then compared with the same reports
loaded through Bolt — every node and relationship, every canned query, and an edited report
loaded on top of both."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
from conftest import EXAMPLES, ROOT, neo4j_env, run_kg, wipe
from graph_compare import dump, parameter_sets

from extractors.knowledge.divisions import load_divisions
from kg.model import rows_for
from kg.queries import catalog
from kg.stores import EmbeddedStore
from kg.stores.neo4j_connection import Neo4jSettings

pytestmark = [pytest.mark.slow, pytest.mark.neo4j]

# What an evidence sentence or a file name may hold that CSV must carry: quotes, separators,
# line breaks, a backslash before a quote, the importer's default array delimiter.
HOSTILE_SENTENCE = 'he said "一网通办, 全程网办"; then\\" left\nnext line\r\n\ttab 、，；'
HOSTILE_FILE = 'a,"b";c\\d.txt'


@dataclass
class Graphs:
    corpus: Path
    embedded: Path
    export: Path
    transactional: Neo4jSettings
    bulk: Neo4jSettings


def _hostile(rows) -> None:
    """Values only a careful CSV writer keeps intact (the stores must carry any string)."""
    with_mentions = [r for r in rows if r.mentions]
    with_mentions[0].mentions[0]["sentence"] = HOSTILE_SENTENCE
    with_mentions[1].report["file"] = HOSTILE_FILE
    with_mentions[1].report["title"] = ""  # an empty string stays one; an absent value stays absent


@pytest.fixture(scope="module")
def graphs(tmp_path_factory, extractor, seeds, neo4j_server):
    from kg.stores.neo4j_store import Neo4jStore

    sys.path.insert(0, str(ROOT / "tests" / "neo4j_server"))
    import launcher

    tmp = tmp_path_factory.mktemp("bulk")
    corpus = tmp / "corpus"
    corpus.mkdir()
    for path in sorted(seeds.glob("*.txt")) + sorted(EXAMPLES.glob("*.txt")):
        shutil.copy(path, corpus / path.name)
    divisions = load_divisions()
    rows = [rows_for(extractor.extract_path(p), divisions) for p in sorted(corpus.glob("*.txt"))]
    _hostile(rows)
    with EmbeddedStore(tmp / "db") as embedded:
        embedded.load_reports(rows)
    wipe(neo4j_server)
    with Neo4jStore(neo4j_server) as transactional:
        transactional.load_reports(rows)

    export = tmp / "export"
    run_kg("export", str(export), "--format", "neo4j-admin", "--db", str(tmp / "db"))
    home = tmp / "bulk-home"
    env = {**os.environ, "NEO4J_ADMIN": str(launcher.admin_command(home))}
    script = [str(export / "neo4j-admin-import.sh"), "--overwrite-destination=true", "neo4j"]  # options pass on
    imported = subprocess.run(["sh", *script], env=env, capture_output=True, text=True)
    assert imported.returncode == 0, (imported.stdout + imported.stderr)[-3000:]
    server = launcher.start(home, password="govkg-bulk-password")
    bulk = Neo4jSettings(server.uri, server.username, server.password, server.database)
    run_kg("schema", "--target", "neo4j", env=neo4j_env(bulk))
    try:
        yield Graphs(corpus, tmp / "db", export, neo4j_server, bulk)
    finally:
        server.stop()


def _store(settings: Neo4jSettings):
    from kg.stores.neo4j_store import Neo4jStore

    return Neo4jStore(settings)


def test_the_imported_graph_is_the_transactional_one(graphs):
    with _store(graphs.transactional) as transactional, _store(graphs.bulk) as bulk:
        assert bulk.counts() == transactional.counts()
        expected = dump(transactional.as_networkx())
        assert dump(bulk.as_networkx()) == expected
    assert any(json.dumps(HOSTILE_SENTENCE, ensure_ascii=False) in line for line in expected)
    assert any(json.dumps(HOSTILE_FILE, ensure_ascii=False) in line for line in expected)
    assert any('"title": ""' in line for line in expected)
    assert "--multiline-fields" in (graphs.export / "neo4j-admin-import.sh").read_text(encoding="utf-8")


@pytest.mark.parametrize("name", sorted(catalog()))
def test_every_canned_query_gives_the_same_rows_on_the_imported_graph(graphs, name):
    query = catalog()[name]
    answered = 0
    with _store(graphs.transactional) as transactional, _store(graphs.bulk) as bulk:
        for params in parameter_sets(transactional, query):
            expected = transactional.query(name, params)
            assert bulk.query(name, params) == expected, f"{name} {params}"
            answered += bool(expected)
    assert answered, f"{name}: no parameter value gave any row, so the comparison proved nothing"


def test_either_store_exports_the_same_files(graphs, tmp_path):
    run_kg("export", str(tmp_path), "--format", "neo4j-admin", "--target", "neo4j",
           env=neo4j_env(graphs.transactional))
    mine = sorted(p.relative_to(graphs.export) for p in graphs.export.rglob("*.csv"))
    assert mine == sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*.csv")) and len(mine) > 10
    for relative in mine:
        assert (tmp_path / relative).read_bytes() == (graphs.export / relative).read_bytes(), relative
    script = "neo4j-admin-import.sh"
    assert (tmp_path / script).read_text(encoding="utf-8") == (graphs.export / script).read_text(encoding="utf-8")


def test_kg_load_writes_the_import_files_straight_from_reports(graphs, tmp_path):
    db, out = tmp_path / "db", tmp_path / "out"
    loaded = run_kg("load", str(EXAMPLES), "--target", "neo4j-admin", "--db", str(db), "--out", str(out))
    assert "loaded" in loaded.stdout and (out / "neo4j-admin-import.sh").exists()
    run_kg("export", str(tmp_path / "again"), "--format", "neo4j-admin", "--db", str(db))
    files = sorted(p.relative_to(out) for p in out.rglob("*.csv"))
    assert files and all((out / f).read_bytes() == (tmp_path / "again" / f).read_bytes() for f in files)
    refused = run_kg("load", str(EXAMPLES), "--target", "neo4j-admin", "--db", str(db), check=False)
    assert refused.returncode == 2 and "--out" in refused.stderr


def test_constraints_are_in_place_after_kg_schema(graphs):
    with _store(graphs.bulk) as bulk, bulk.driver.session(database=graphs.bulk.database) as session:
        constraints = {r["name"] for r in session.run("SHOW CONSTRAINTS YIELD name")}
    assert {"report_id", "region_id", "platform_name", "program_name", "agency_name", "policy_name"} <= constraints


def test_an_edited_report_loads_on_top_as_on_a_transactional_graph(graphs):
    """Runs last: it changes both graphs."""
    edited = sorted(graphs.corpus.glob("*.txt"))[0]
    lines = edited.read_text(encoding="utf-8").splitlines()
    edited.write_text("\n".join(lines[: len(lines) // 2]), encoding="utf-8")
    for settings in (graphs.transactional, graphs.bulk):
        result = run_kg("load", str(edited), "--target", "neo4j", env=neo4j_env(settings))
        assert "1 replaced" in result.stdout, result.stdout
    with _store(graphs.transactional) as transactional, _store(graphs.bulk) as bulk:
        assert dump(bulk.as_networkx()) == dump(transactional.as_networkx())
