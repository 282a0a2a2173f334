"""Shared fixtures: the seed reports and gold annotations beside the checkout, and a CLI runner."""

from __future__ import annotations

import os
import resource
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("GOVKG_SHARED", ROOT.parent / "shared"))
SEEDS = SHARED / "seeds"
GOLD = SHARED / "gold" / "seeds"
EXAMPLES = ROOT / "examples" / "reports"


def run_kg(*args: str, check: bool = True, env: dict[str, str] | None = None,
           cwd: Path | None = None, python: tuple[str, ...] = (),
           max_memory: int | None = None) -> subprocess.CompletedProcess[str]:
    """Run the real ``kg`` command in a subprocess (as users do), UTF-8 output, no colours;
    ``python``: options for the interpreter itself (``("-X", "importtime")``); ``max_memory``:
    the most bytes of data (heap and anonymous maps, RLIMIT_DATA) the process may take; not
    RLIMIT_AS, which PyTorch's libraries exhaust by mapping them, where HanLP is installed."""
    env = {**os.environ, "NO_COLOR": "1", "COLUMNS": "200", "PYTHONIOENCODING": "utf-8",
           "PYTHONPATH": str(ROOT), "KG_ENV_FILE": os.devnull, **(env or {})}

    def limit_memory() -> None:
        if max_memory:
            resource.setrlimit(resource.RLIMIT_DATA, (max_memory, max_memory))

    proc = subprocess.run([sys.executable, *python, "-m", "kg.cli", *args], capture_output=True, text=True,
                          preexec_fn=limit_memory if max_memory else None,
                          encoding="utf-8", env=env, cwd=cwd or ROOT)
    if check and proc.returncode != 0:
        raise AssertionError(f"kg {' '.join(args)} exited {proc.returncode}:\n{proc.stdout}\n{proc.stderr}")
    return proc


@pytest.fixture(scope="session")
def seeds() -> Path:
    if not SEEDS.is_dir():
        pytest.fail(f"seed reports not found at {SEEDS} (set GOVKG_SHARED)")
    return SEEDS


@pytest.fixture(scope="session")
def extractor():
    from extractors.pipeline import Extractor
    return Extractor()


# ---- a real Neo4j server ---------------------------------------------------------------------

def require(what: str) -> None:
    """Fail in CI (where everything must run), skip elsewhere, when a needed tool is missing."""
    if os.environ.get("CI") or os.environ.get("GOVKG_REQUIRE_ALL"):
        pytest.fail(f"{what} (CI must run this test)")
    pytest.skip(what)


@pytest.fixture(scope="session")
def neo4j_server(tmp_path_factory):
    """Connection settings for a real Neo4j 5.26 server.

    ``NEO4J_TEST_URI`` / ``NEO4J_TEST_PASSWORD`` point the tests at a server you run yourself (its
    database is wiped!); otherwise tests/neo4j_server/launcher.py starts one on 127.0.0.1 from
    Maven Central artifacts and stops it at the end of the session.
    """
    from kg.stores.neo4j_connection import Neo4jSettings

    if os.environ.get("NEO4J_TEST_URI"):
        yield Neo4jSettings(os.environ["NEO4J_TEST_URI"], os.environ.get("NEO4J_TEST_USERNAME", "neo4j"),
                            os.environ.get("NEO4J_TEST_PASSWORD"), os.environ.get("NEO4J_TEST_DATABASE", "neo4j"))
        return
    sys.path.insert(0, str(ROOT / "tests" / "neo4j_server"))
    import launcher

    try:
        server = launcher.start(tmp_path_factory.mktemp("neo4j-home"), password="govkg-test-password")
    except launcher.LauncherError as exc:
        require(f"no Neo4j test server: {exc}")
    try:
        yield Neo4jSettings(server.uri, server.username, server.password, server.database)
    finally:
        server.stop()


def neo4j_env(settings) -> dict[str, str]:
    """Environment variables that point ``kg`` at the test server."""
    return {"NEO4J_URI": settings.uri, "NEO4J_USERNAME": settings.username,
            "NEO4J_PASSWORD": settings.password or "", "NEO4J_DATABASE": settings.database}


def wipe(settings) -> None:
    """Empty the test database (community edition has one user database, so tests share it)."""
    import neo4j

    with neo4j.GraphDatabase.driver(settings.uri, auth=(settings.username, settings.password)) as driver:
        with driver.session(database=settings.database) as session:  # IN TRANSACTIONS needs auto-commit
            session.run("MATCH ()-[r]->() CALL (r) { DELETE r } IN TRANSACTIONS OF 10000 ROWS").consume()
            session.run("MATCH (n) CALL (n) { DELETE n } IN TRANSACTIONS OF 10000 ROWS").consume()


@pytest.fixture
def neo4j_store(neo4j_server):
    """A Neo4jStore on an empty test database."""
    from kg.stores.neo4j_store import Neo4jStore

    wipe(neo4j_server)
    with Neo4jStore(neo4j_server) as store:
        yield store
