"""Start a real Neo4j 5.26 server on 127.0.0.1 for the tests, from Maven Central artifacts.

No Docker engine runs on the project's machines, but Java 17 and Maven do, and Maven Central holds
the community server (``org.neo4j:neo4j``).  This launcher

1. ``fetch``: copies the server's runtime class path into a cache folder with
   ``mvn dependency:copy-dependencies`` (pom.xml beside this file pins the version); once per machine;
2. ``start``: writes a minimal ``neo4j.conf`` (Bolt only, loopback, small memory, no usage report),
   sets the initial password with the server's own admin tool, launches
   ``org.neo4j.server.CommunityEntryPoint`` and waits until Bolt answers a query;
3. ``stop``: terminates it (and the server dies with the process that started it, so a killed test
   run leaves no server behind);
4. ``import``: runs a ``kg export --format neo4j-admin`` folder's import script with the server's
   own ``neo4j-admin`` (:func:`admin_command`) into a new server home, which ``start`` then serves.

Used by tests/conftest.py; also runnable by hand::

    python tests/neo4j_server/launcher.py fetch
    python tests/neo4j_server/launcher.py run --port 7687 --password secret   # Ctrl-C stops it
    python tests/neo4j_server/launcher.py import EXPORT_DIR --dir HOME && … run --dir HOME
"""

from __future__ import annotations

import argparse
import ctypes
import os
import re
import shlex
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
POM = HERE / "pom.xml"
NEO4J_VERSION = re.search(r"<neo4j.version>([^<]+)<", POM.read_text(encoding="utf-8")).group(1)
DEFAULT_CACHE = Path(os.environ.get("GOVKG_NEO4J_CACHE",
                                    Path.home() / ".cache" / "govkg" / f"neo4j-{NEO4J_VERSION}"))
ENTRY_POINT = "org.neo4j.server.CommunityEntryPoint"
ADMIN_TOOL = "org.neo4j.cli.AdminTool"

CONF = """\
server.default_listen_address=127.0.0.1
server.bolt.enabled=true
server.bolt.listen_address=127.0.0.1:{port}
server.bolt.advertised_address=127.0.0.1:{port}
server.http.enabled={http}
server.http.listen_address=127.0.0.1:{http_port}
server.https.enabled=false
server.memory.heap.initial_size={heap}
server.memory.heap.max_size={heap}
server.memory.pagecache.size={pagecache}
dbms.security.auth_enabled=true
dbms.usage_report.enabled=false
dbms.security.auth_max_failed_attempts=0
"""

# What the official start script passes (server.jvm.additional in the distribution's neo4j.conf):
# without the --add-opens the page cache and Bolt fall back to slower code paths (debug.log warns).
JVM_OPTIONS = (
    "-XX:+UseG1GC", "-XX:-OmitStackTraceInFastThrow", "-XX:+UnlockExperimentalVMOptions",
    "-XX:+TrustFinalNonStaticFields", "-XX:+DisableExplicitGC", "-Djdk.nio.maxCachedBufferSize=1024",
    "-Dio.netty.tryReflectionSetAccessible=true", "--add-opens=java.base/java.nio=ALL-UNNAMED",
    "--add-opens=java.base/java.io=ALL-UNNAMED", "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
    "-Dlog4j2.disable.jmx=true",
)


class LauncherError(RuntimeError):
    """The server could not be fetched or started; the message says why."""


def _need(tool: str) -> str:
    path = shutil.which(tool)
    if not path:
        raise LauncherError(f"'{tool}' is not on PATH (the test server needs Java 17 and Maven)")
    return path


def fetch(cache: Path = DEFAULT_CACHE) -> Path:
    """The folder of server jars, copied from Maven Central on first use."""
    lib = cache / "lib"
    marker = lib / f"neo4j-{NEO4J_VERSION}.jar"
    if marker.exists():
        return lib
    mvn = _need("mvn")
    tmp = Path(tempfile.mkdtemp(prefix="lib-", dir=cache.parent if cache.parent.exists() else None))
    cmd = [mvn, "-q", "-B", "-f", str(POM), "dependency:copy-dependencies",
           f"-DoutputDirectory={tmp}", "-DincludeScope=runtime"]
    proc = subprocess.run(cmd, capture_output=True, text=True)
    if proc.returncode != 0 or not (tmp / marker.name).exists():
        shutil.rmtree(tmp, ignore_errors=True)
        tail = (proc.stdout + proc.stderr).strip().splitlines()[-5:]
        raise LauncherError("maven could not fetch the Neo4j server: " + " | ".join(tail))
    cache.mkdir(parents=True, exist_ok=True)
    if lib.exists():
        shutil.rmtree(lib)
    tmp.rename(lib)  # all or nothing: an interrupted fetch never looks complete
    return lib


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _die_with_parent() -> None:  # pragma: no cover - runs in the child between fork and exec
    """Ask Linux to SIGTERM the server when the process that launched it dies."""
    try:
        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
    except OSError:
        pass


class Server:
    """A running server: its Bolt URI, credentials, home folder and process."""

    def __init__(self, home: Path, port: int, password: str, process: subprocess.Popen[bytes]) -> None:
        self.home, self.port, self.password, self.process = home, port, password, process
        self.uri = f"bolt://127.0.0.1:{port}"
        self.username = "neo4j"
        self.database = "neo4j"

    def log_tail(self, lines: int = 15) -> str:
        logs = [self.home / "console.log", self.home / "logs" / "neo4j.log", self.home / "logs" / "debug.log"]
        text = "".join(p.read_text(errors="replace") for p in logs if p.exists())
        return "\n".join(text.splitlines()[-lines:])

    def stop(self, timeout: float = 30) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()

    def __enter__(self) -> "Server":
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()


def wait_for_bolt(server: Server, timeout: float = 180) -> None:
    """Until the default database answers ``RETURN 1`` over Bolt (the port opens before it does)."""
    from neo4j import GraphDatabase
    from neo4j.exceptions import DriverError, Neo4jError

    deadline = time.monotonic() + timeout
    last = "no answer"
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            raise LauncherError(f"Neo4j exited with code {server.process.returncode}:\n{server.log_tail()}")
        try:
            with socket.create_connection(("127.0.0.1", server.port), timeout=1):
                pass
            with GraphDatabase.driver(server.uri, auth=(server.username, server.password)) as driver:
                with driver.session(database=server.database) as session:  # auto-commit: no retries
                    session.run("RETURN 1").consume()
                return
        except (Neo4jError, DriverError, OSError) as exc:
            last = f"{exc.__class__.__name__}: {exc}"
        time.sleep(0.5)
    server.stop()
    raise LauncherError(f"Neo4j did not answer on {server.uri} within {timeout:.0f}s ({last}):\n{server.log_tail()}")


def configure(home: Path, port: int, heap: str = "512m", pagecache: str = "128m",
              http_port: int | None = None) -> dict[str, str]:
    """Write the server home's ``conf/neo4j.conf``; the environment its tools run with."""
    home.mkdir(parents=True, exist_ok=True)
    conf_dir = home / "conf"
    conf_dir.mkdir(exist_ok=True)
    (conf_dir / "neo4j.conf").write_text(CONF.format(port=port, heap=heap, pagecache=pagecache, http="true" if http_port else "false",
                                                        http_port=http_port or 7474), encoding="utf-8")
    return {**os.environ, "NEO4J_HOME": str(home), "NEO4J_CONF": str(conf_dir)}


def admin_command(home: Path, cache: Path = DEFAULT_CACHE) -> Path:
    """An executable ``neo4j-admin`` for the server home ``home`` (its configuration written if
    missing): the server's own admin tool, as a distribution's ``bin/neo4j-admin`` runs it."""
    java = _need("java")
    lib = fetch(cache)
    if not (home / "conf" / "neo4j.conf").exists():
        configure(home, free_port())
    script = home / "bin" / "neo4j-admin"
    script.parent.mkdir(parents=True, exist_ok=True)
    script.write_text("#!/bin/sh\n"
                      f"NEO4J_HOME={shlex.quote(str(home))} NEO4J_CONF={shlex.quote(str(home / 'conf'))} "
                      f"exec {shlex.quote(java)} -Xmx1g -cp {shlex.quote(str(lib) + '/*')} {ADMIN_TOOL} \"$@\"\n",
                      encoding="utf-8")
    script.chmod(0o755)
    return script


def start(home: Path, password: str, port: int | None = None, heap: str = "512m", pagecache: str = "128m",
          cache: Path = DEFAULT_CACHE, timeout: float = 180, http_port: int | None = None,
          extra_jars: tuple[Path, ...] = ()) -> Server:
    """A server with its data under ``home`` (fresh, or the database an import left there),
    answering on Bolt when this returns.

    ``http_port`` also opens HTTP on 127.0.0.1 (with the Neo4j Browser jar in ``extra_jars``, the
    server serves Browser there, as scripts/browser_screenshot.py uses it).
    """
    java = _need("java")
    lib = fetch(cache)
    port = port or free_port()
    env = configure(home, port, heap, pagecache, http_port)
    conf_dir = home / "conf"
    classpath = os.pathsep.join([f"{lib}/*", *(str(j) for j in extra_jars)])
    if not (home / "data" / "dbms" / "auth.ini").exists():
        proc = subprocess.run([java, "-cp", classpath, ADMIN_TOOL, "dbms", "set-initial-password", password],
                              env=env, capture_output=True, text=True)
        if proc.returncode != 0:
            raise LauncherError(f"setting the initial password failed: {proc.stderr.strip()[-500:]}")
    console = open(home / "console.log", "ab")  # noqa: SIM115 - handed to the child process
    process = subprocess.Popen(
        [java, f"-Xms{heap}", f"-Xmx{heap}", *JVM_OPTIONS, "-Dfile.encoding=UTF-8", "-cp", classpath, ENTRY_POINT,
         f"--home-dir={home}", f"--config-dir={conf_dir}"],
        env=env, stdout=console, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
        preexec_fn=_die_with_parent if sys.platform.startswith("linux") else None)
    console.close()
    server = Server(home, port, password, process)
    wait_for_bolt(server, timeout)
    return server


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("fetch", help="copy the server jars from Maven Central into the cache")
    run = sub.add_parser("run", help="start a server and keep it running until Ctrl-C")
    run.add_argument("--port", type=int, default=7687)
    run.add_argument("--password", default="govkg-dev-password")
    run.add_argument("--dir", type=Path, default=None, help="server home (default: a temporary folder)")
    imp = sub.add_parser("import", help="import a `kg export --format neo4j-admin` folder into a new server home")
    imp.add_argument("export", type=Path, help="the export folder")
    imp.add_argument("--dir", type=Path, required=True, help="server home to create (then: run --dir it)")
    args = parser.parse_args(argv)
    try:
        if args.command == "fetch":
            print(fetch())
            return 0
        if args.command == "import":
            env = {**os.environ, "NEO4J_ADMIN": str(admin_command(args.dir))}
            return subprocess.run(["sh", str(args.export / "neo4j-admin-import.sh")], env=env).returncode
        home = args.dir or Path(tempfile.mkdtemp(prefix="govkg-neo4j-"))
        with start(home, args.password, args.port) as server:
            print(f"Neo4j {NEO4J_VERSION} on {server.uri} (user neo4j, password {args.password}, home {home})")
            print("export NEO4J_URI=%s NEO4J_USERNAME=neo4j NEO4J_PASSWORD=%s" % (server.uri, args.password))
            try:
                server.process.wait()
            except KeyboardInterrupt:
                pass
        return 0
    except LauncherError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
