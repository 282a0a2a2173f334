"""The files users run Neo4j with: docker-compose.yml (checked by Debian's docker-compose, which
validates a file without a Docker engine), .env.example, and the Browser stylesheet."""

from __future__ import annotations

import re
import shutil
import subprocess

import pytest
from conftest import ROOT, require

from kg.model import DERIVED
from kg.stores.neo4j_cypher import NODE_LABELS, REL_TYPES


def _compose_config(tmp_path, env_file: str | None) -> subprocess.CompletedProcess[str]:
    compose = shutil.which("docker-compose")
    if not compose:
        require("docker-compose is not installed (apt-get install docker-compose)")
    shutil.copy(ROOT / "docker-compose.yml", tmp_path / "docker-compose.yml")
    if env_file is not None:
        (tmp_path / ".env").write_text(env_file, encoding="utf-8")
    env = {"PATH": "/usr/bin:/bin", "HOME": str(tmp_path)}  # only .env may supply the password
    return subprocess.run([compose, "config"], cwd=tmp_path, capture_output=True, text=True, env=env)


@pytest.mark.slow
def test_compose_file_is_valid_and_binds_to_loopback(tmp_path):
    proc = _compose_config(tmp_path, (ROOT / ".env.example").read_text(encoding="utf-8"))
    assert proc.returncode == 0, proc.stderr
    config = proc.stdout
    assert re.search(r"image: neo4j:5\.\d+", config)
    assert "127.0.0.1:7687:7687" in config and "127.0.0.1:7474:7474" in config
    assert not re.search(r"- (0\.0\.0\.0:)?7687:7687", config)  # never published on every interface
    assert "NEO4J_AUTH: neo4j/change-me-please" in config  # credentials come from .env
    assert "govkg-neo4j-data:/data" in config and re.search(r"^volumes:\n  govkg-neo4j-data:", config, re.M)
    assert "healthcheck:" in config and "cypher-shell" in config


@pytest.mark.slow
def test_compose_refuses_to_start_without_a_password(tmp_path):
    proc = _compose_config(tmp_path, None)
    assert proc.returncode != 0
    assert "NEO4J_PASSWORD" in proc.stderr


def test_only_the_env_example_is_committed():
    assert (ROOT / ".env.example").is_file()
    ignored = (ROOT / ".gitignore").read_text(encoding="utf-8").split()
    assert ".env" in ignored
    keys = {line.split("=", 1)[0] for line in (ROOT / ".env.example").read_text(encoding="utf-8").splitlines()
            if line and not line.startswith("#")}
    assert keys == {"NEO4J_URI", "NEO4J_USERNAME", "NEO4J_PASSWORD", "NEO4J_DATABASE"}


def _grass_rules(text: str) -> dict[str, dict[str, str]]:
    """Parse GraSS the way Neo4j Browser 5 does (its parseGrass, character by character): quotes
    protect braces, whitespace outside rules is dropped, there is no comment syntax."""
    rules: dict[str, str] = {}
    in_quote = in_rule = nested = False
    selector = body = ""
    for ch in text:
        keep = True
        if ch == "{":
            if in_quote:
                keep = False
            elif in_rule:
                nested = True
            else:
                in_rule = True
        elif ch == "}":
            if in_quote:
                keep = False
            elif nested:
                nested = False
            else:
                in_rule = False
                rules[selector], selector, body = body, "", ""
        elif ch in "'\"":
            in_quote = not in_quote
        else:
            keep = False
        if not keep:
            if in_rule:
                body += ch
            elif not ch.isspace():
                selector += ch
    parsed = {}
    for sel, decls in rules.items():
        parsed[sel] = {}
        for decl in decls.split(";"):
            parts = decl.split(":")
            if len(parts) == 2:
                parsed[sel][parts[0].strip()] = parts[1].strip()
    return parsed


def test_stylesheet_styles_every_label_and_relationship():
    rules = _grass_rules((ROOT / "cypher" / "browser" / "style.grass").read_text(encoding="utf-8"))
    assert set(rules) == {"node", "relationship", *(f"node.{n}" for n in NODE_LABELS),
                          *(f"relationship.{r}" for r in REL_TYPES)}  # nothing unparsable slipped in
    colours = set()
    for label in NODE_LABELS:
        rule = rules[f"node.{label}"]
        assert re.fullmatch(r"#[0-9A-Fa-f]{6}", rule["color"]) and rule["caption"].startswith("{")
        colours.add(rule["color"].upper())
    assert len(colours) == len(NODE_LABELS)  # one colour per label
    for rel in REL_TYPES:
        assert rules[f"relationship.{rel}"]["caption"], rel
    for rel in [*DERIVED.values(), "PARTNERS_WITH"]:
        assert "{first_year}" in rules[f"relationship.{rel}"]["caption"]


@pytest.mark.slow
def test_kg_browser_style_prints_the_shipped_stylesheet():
    from conftest import run_kg
    printed = run_kg("browser", "--style").stdout
    assert printed == (ROOT / "cypher" / "browser" / "style.grass").read_text(encoding="utf-8")


@pytest.mark.slow
@pytest.mark.parametrize("name", ["adopters", "timeline"])
def test_kg_browser_escapes_parameter_values(name):
    from conftest import run_kg
    key = "platform" if name == "adopters" else "name"
    printed = run_kg("browser", name, f"{key}=it's\\x").stdout
    assert f":param {key} => 'it\\'s\\\\x'" in printed
