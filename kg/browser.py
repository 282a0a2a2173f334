"""Canned queries as Neo4j Browser input: ``:param`` lines, then the query file as shipped.

Browser keeps parameters per session, set with ``:param name => value``; pasting these lines and
then the query runs exactly the Cypher the Neo4j store runs.
"""

from __future__ import annotations

from typing import Any

from kg.queries import CannedQuery


def cypher_literal(value: Any) -> str:
    """A Cypher literal for a ``:param`` line (strings single-quoted with escapes; null; numbers)."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    text = str(value).replace("\\", "\\\\").replace("'", "\\'")
    return f"'{text}'"


def browser_script(query: CannedQuery, params: dict[str, Any]) -> str:
    """The ``:param`` lines for ``params`` followed by the query text."""
    lines = []
    for p in query.params:
        value = params.get(p.name)
        if value is None and p.required:
            lines.append(f"// set {p.name} before running: {p.help or 'required'}")
        lines.append(f":param {p.name} => {cypher_literal(value)}")
    return "\n".join([*lines, query.cypher.rstrip()])
