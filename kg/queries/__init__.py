"""The canned queries: one ``.cypher`` file each in the ``cypher/queries`` package data.

Each file starts with a header the CLI reads::

    // name: adopters
    // answers: which regions adopted a platform, since when, on what evidence
    // params: platform (required) — a platform name or alias
    // columns: region, level, … (the columns of its rows, in order: a CSV of no rows still has them)
    // sorted: names (list-valued columns whose items are put in order after the query)

Both stores run the file as written: it keeps to the Cypher that Neo4j 5 and LadybugDB read alike
(docs/cypher-subset.md).  A parameter's default, ``(default N)`` in its help, is filled in before the
query runs, since a query's LIMIT takes a bare parameter.  Parameters are resolved first (aliases to
canonical names, former region names to current ones) so both stores see the same values.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any, Protocol

from extractors.knowledge import KnowledgeBase

HEADER = re.compile(r"^//\s*(\w+):\s*(.*)$")
DEFAULT = re.compile(r"\(default (\d+)\)")
PARAM = re.compile(r"^(\w+)\s*\((required|optional)\)\s*(?:[—-]\s*(.*))?$")


class RegionNames(Protocol):
    """What resolving a region parameter needs: a former name's current name.  The divisions
    table answers it, and so does the small former-names file the query path reads."""

    def current_name(self, name: str) -> str: ...


class QueryError(Exception):
    """Unknown query or bad parameters; the message is one line for the user."""


@dataclass(frozen=True)
class Param:
    name: str
    required: bool
    help: str

    @property
    def default(self) -> int | None:
        """The whole number its help names as ``(default N)``, if any."""
        found = DEFAULT.search(self.help)
        return int(found.group(1)) if found else None


@dataclass(frozen=True)
class CannedQuery:
    name: str
    answers: str
    params: tuple[Param, ...]
    cypher: str
    columns: tuple[str, ...] = ()
    sorted_columns: tuple[str, ...] = ()


def _parse(text: str) -> CannedQuery:
    meta: dict[str, list[str]] = {}
    for line in text.splitlines():
        m = HEADER.match(line.strip())
        if not m:
            if line.strip() and not line.strip().startswith("//"):
                break
            continue
        meta.setdefault(m.group(1), []).append(m.group(2).strip())
    params = []
    for raw in meta.get("params", []):
        for part in [p for p in raw.split(";") if p.strip()]:
            pm = PARAM.match(part.strip())
            if pm:
                params.append(Param(pm.group(1), pm.group(2) == "required", pm.group(3) or ""))
    columns = tuple(c.strip() for raw in meta.get("columns", []) for c in raw.split(",") if c.strip())
    sorted_columns = tuple(c.strip() for raw in meta.get("sorted", []) for c in raw.split(",") if c.strip())
    return CannedQuery(
        name=meta["name"][0],
        answers=" ".join(meta.get("answers", [])),
        params=tuple(params),
        cypher=text,
        columns=columns,
        sorted_columns=sorted_columns,
    )


@lru_cache(maxsize=1)
def catalog() -> dict[str, CannedQuery]:
    """All canned queries shipped in the wheel, by name."""
    folder = resources.files("cypher").joinpath("queries")
    out = {}
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if entry.name.endswith(".cypher"):
            q = _parse(entry.read_text(encoding="utf-8"))
            out[q.name] = q
    return out


def with_defaults(query: CannedQuery, params: dict[str, Any]) -> dict[str, Any]:
    """``params`` with each parameter they leave out (or leave null) set to its default, else null:
    Cypher fails on a parameter it is not given (``GraphStore.query`` calls this first)."""
    given = {k: v for k, v in params.items() if v is not None}
    return {**{p.name: p.default for p in query.params}, **given}


def in_order(query: CannedQuery, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """``rows`` with the items of the query's ``sorted`` list columns in order: the common Cypher
    of both stores cannot sort inside an aggregation."""
    for row in rows:
        for column in query.sorted_columns:
            if isinstance(row.get(column), list):
                row[column] = sorted(row[column])
    return rows


ENTITY_PARAMS = {"platform": "platform", "program": "program"}
MAX_WHOLE_NUMBER = 2**63 - 1  # Cypher's integers are 64-bit
ENTITY_TYPES = ("platform", "program", "agency", "policy")


def resolve_params(
    query: CannedQuery, given: dict[str, str], kb: KnowledgeBase, regions: RegionNames, require: bool = True
) -> dict[str, Any]:
    """Check and canonicalise parameters: aliases → names, former region names → current ones.

    With ``require=False`` a missing required parameter becomes ``None`` instead of an error
    (for printing a query to fill in later).
    """
    known = {p.name for p in query.params}
    unknown = sorted(set(given) - known)
    if unknown:
        raise QueryError(
            f"query '{query.name}' has no parameter '{unknown[0]}' (it takes: {', '.join(sorted(known)) or 'none'})"
        )
    out: dict[str, Any] = {}
    for p in query.params:
        value: Any = given.get(p.name)
        if value is None or value == "":
            if p.required and require:
                raise QueryError(f"query '{query.name}' needs {p.name}=…")
            out[p.name] = None
            continue
        value = value.strip()
        if p.name in ENTITY_PARAMS:
            value = kb.canonical(value, ENTITY_PARAMS[p.name])
        elif p.name == "type":
            value = value.lower()
            if value not in ENTITY_TYPES:
                raise QueryError(f"query '{query.name}': type must be one of {', '.join(ENTITY_TYPES)}")
        elif p.name.startswith("min_") or p.name == "limit":
            least = 1 if p.name == "limit" else 0
            if not value.isascii() or not value.isdecimal() or not least <= int(value) <= MAX_WHOLE_NUMBER:
                raise QueryError(
                    f"query '{query.name}': {p.name} must be a whole number from {least} "
                    f"to {MAX_WHOLE_NUMBER}, not '{value}'"
                )
            value = int(value)
        elif p.name == "name":
            value = kb.canonical(value)
        elif p.name in ("region", "province"):
            value = regions.current_name(value)
        out[p.name] = value
    return out
