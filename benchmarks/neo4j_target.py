"""The Neo4j server a benchmark loads into: the one NEO4J_* names, or a throwaway test server."""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PASSWORD = "bench-password"


def bench_settings(start_server: bool, tmp: Path):
    """(settings, server or None); ``server.stop()`` is the caller's job."""
    from kg.stores.neo4j_connection import Neo4jSettings

    if not start_server:
        return Neo4jSettings.from_environment(), None
    sys.path.insert(0, str(ROOT / "tests" / "neo4j_server"))
    import launcher

    # the memory docker-compose.yml gives the users' server
    server = launcher.start(tmp / "neo4j", password=PASSWORD, heap="1g", pagecache="512m")
    return Neo4jSettings(server.uri, "neo4j", PASSWORD, "neo4j"), server


def wipe(store) -> None:
    """Empty the database in bounded transactions (one huge DETACH DELETE runs out of memory)."""
    with store.driver.session(database=store.settings.database) as session:
        session.run("MATCH ()-[r]->() CALL (r) { DELETE r } IN TRANSACTIONS OF 10000 ROWS").consume()
        session.run("MATCH (n) CALL (n) { DELETE n } IN TRANSACTIONS OF 10000 ROWS").consume()
