"""Screenshot of the seeds' graph in a real Neo4j Browser with govkg's stylesheet (docs/ picture).

Starts the test server (tests/neo4j_server) with HTTP and the Neo4j Browser jar from Maven Central,
loads the seed reports and examples with the real `kg load --target neo4j`, serves
cypher/browser/style.grass to Browser's `:style URL` command, runs a query and saves a PNG.

Needs, beyond the project: Debian's `chromium` and `fonts-noto-cjk`, and `pip install playwright`
(used with the system Chromium; nothing is downloaded at run time).

    python scripts/browser_screenshot.py docs/browser-seeds.png
"""

from __future__ import annotations

import functools
import http.server
import os
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "neo4j_server"))
import launcher  # noqa: E402

BROWSER_ARTIFACT = "org.neo4j.client:neo4j-browser:5.24.0"
PASSWORD = "browser-demo-password"
QUERY = ("MATCH (g:Region {name: '湾沚区'})-[a:ADOPTED|RUNS]->(x) WITH g, a, x ORDER BY a.first_year, x.name "
         "LIMIT 14 OPTIONAL MATCH (g)-[po:PART_OF]->(up:Region) RETURN g, a, x, po, up")


class _CorsHandler(http.server.SimpleHTTPRequestHandler):
    """Browser fetches the stylesheet cross-origin, so answer with CORS headers."""

    def end_headers(self) -> None:
        self.send_header("Access-Control-Allow-Origin", "*")
        self.send_header("Access-Control-Allow-Headers", "*")
        super().end_headers()

    def do_OPTIONS(self) -> None:  # noqa: N802 - http.server naming
        self.send_response(204)
        self.end_headers()

    def log_message(self, *args: object) -> None:
        pass


def browser_jar(folder: Path) -> Path:
    subprocess.run(["mvn", "-q", "-B", "dependency:copy", f"-Dartifact={BROWSER_ARTIFACT}",
                    f"-DoutputDirectory={folder}"], check=True)
    return next(folder.glob("neo4j-browser-*.jar"))


def main(out: Path) -> None:
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp:
        tmp_path = Path(tmp)
        jar = browser_jar(tmp_path / "jars")
        http_port, style_port = launcher.free_port(), launcher.free_port()
        with launcher.start(tmp_path / "neo4j", PASSWORD, http_port=http_port, extra_jars=(jar,)) as server:
            env = {**os.environ, "NEO4J_URI": server.uri, "NEO4J_PASSWORD": PASSWORD, "KG_ENV_FILE": os.devnull}
            subprocess.run([sys.executable, "-m", "kg.cli", "load", str(ROOT.parent / "shared" / "seeds"),
                            str(ROOT / "examples" / "reports"), "--target", "neo4j"], env=env, check=True, cwd=ROOT)
            handler = functools.partial(_CorsHandler, directory=str(ROOT / "cypher" / "browser"))
            styles = http.server.ThreadingHTTPServer(("127.0.0.1", style_port), handler)
            threading.Thread(target=styles.serve_forever, daemon=True).start()
            with sync_playwright() as p:
                chromium = p.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox"])
                page = chromium.new_page(viewport={"width": 1400, "height": 820})
                page.goto(f"http://127.0.0.1:{http_port}/browser/?dbms={server.uri.replace('bolt://', 'bolt://neo4j@')}&db=neo4j")
                password = page.locator('[data-testid="password"]').first
                password.wait_for()
                password.fill(PASSWORD)
                password.press("Enter")
                page.wait_for_timeout(3000)
                for command, wait in ((f":style http://localhost:{style_port}/style.grass", 2000), (QUERY, 6000)):
                    page.locator(".monaco-editor").first.click()
                    page.keyboard.insert_text(command)
                    page.keyboard.press("Enter")
                    page.wait_for_timeout(wait)
                page.locator(".monaco-editor").nth(1).scroll_into_view_if_needed()
                page.screenshot(path=str(out), clip={"x": 60, "y": 120, "width": 1340, "height": 560})
                chromium.close()
            styles.shutdown()
    print(out)


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "docs/browser-seeds.png"))
