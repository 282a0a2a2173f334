"""What the atlas page shows, read from a store: regions, platform and program names (with the
surface forms search matches), adoption facts with their evidence, partnerships, and the reports
behind them.

Everything goes through :meth:`GraphStore.arrow`, so the embedded store and Neo4j give the same
page. Tables are ``{"columns": [...], "rows": [[...], ...]}`` (a fact's region, name and reports are
indexes into the other tables; its evidence sentence and file, indexes into ``texts``), sorted, so
the same graph always gives the same page.

>>> # with open_store("embedded", "kg-data") as store: data = atlas_data(store)
>>> # data["facts"]["columns"][:3] == ["region", "name", "first_year"]
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from kg.derived_facts import EVIDENCE_KEYS
from kg.model import DERIVED
from kg.schema_tables import tables

if TYPE_CHECKING:
    from kg.stores.base import GraphStore

KINDS = {"Platform": "platform", "Program": "program"}
# what the page shows of a derived fact, in this order; ADOPTED, RUNS and PARTNERS_WITH all have them
FACT_PROPERTIES = ("first_year", "last_year", "status", "n_reports", *EVIDENCE_KEYS)
REGION_COLUMNS = ["id", "name", "level", "province", "prefecture", "n_reports", "first_report", "last_report"]
NAME_COLUMNS = ["kind", "name", "surfaces", "n_regions"]
FACT_COLUMNS = ["region", "name", *FACT_PROPERTIES, "reports"]
PARTNER_COLUMNS = ["from", "to", *FACT_PROPERTIES]
REPORT_COLUMNS = ["id", "file", "year", "title"]
# evidence and evidence_file, in facts and partners alike: indexes into "texts"
TEXT_COLUMNS = tuple(2 + FACT_PROPERTIES.index(key) for key in ("evidence", "evidence_file"))


class AtlasError(ValueError):
    """A filter that matches nothing in the graph: said in one line."""


@dataclass(frozen=True)
class Filters:
    """Which part of the graph the page shows: ``names`` (canonical platform/program names) and
    ``province`` (a province's name, its short form or its division code); ``None`` for all."""

    names: tuple[str, ...] | None = None
    province: str | None = None


def _province_of(regions: dict[str, list[Any]], wanted: str) -> str:
    """The province name a ``--province`` value means: a name as the graph writes it, its short
    form (广东 for 广东省) or a division code."""
    provinces = {r[3] for r in regions.values() if r[3]}
    if wanted in provinces:
        return wanted
    by_code = regions.get(wanted)
    if by_code and by_code[2] == "province":
        return str(by_code[1])
    prefixed = sorted(p for p in provinces if p.startswith(wanted))
    if len(prefixed) == 1:
        return prefixed[0]
    known = "、".join(sorted(provinces)) or "none"
    raise AtlasError(f"no province '{wanted}' in the graph (provinces: {known})")


def _regions(store: GraphStore) -> dict[str, list[Any]]:
    rows = store.rows("MATCH (g:Region) RETURN g.id, g.name, g.level, g.province, g.prefecture", ["STRING"] * 5)
    regions = {r[0]: [*r, 0, None, None] for r in rows}  # then n_reports, first_report, last_report
    about = "MATCH (g:Region)<-[:ABOUT]-(r:Report) RETURN g.id, count(r.id), min(r.year), max(r.year)"
    for region_id, n, first, last in store.rows(about, ["STRING", "INT64", "INT64", "INT64"]):
        regions[region_id][5:] = [n, first, last]
    return regions


def _derived(store: GraphStore, rel: str, target: str, key: str, extra: tuple[str, ...] = ()) -> list[tuple[Any, ...]]:
    """Every ``rel`` fact: its region's id, its target's ``key``, FACT_PROPERTIES, then ``extra``."""
    declared = dict(next(t for t in tables() if t.name == rel).columns)
    properties = (*FACT_PROPERTIES, *extra)
    cypher = f"MATCH (g:Region)-[d:{rel}]->(x:{target}) RETURN g.id, x.{key}, " + ", ".join(
        f"d.{p}" for p in properties
    )
    return store.rows(cypher, ["STRING", "STRING", *(declared[p] for p in properties)])


def _facts(store: GraphStore, keep: Callable[[str, str], bool]) -> list[list[Any]]:
    """ADOPTED and RUNS facts ``keep(region id, name)`` accepts: region id, (kind, name), then
    FACT_COLUMNS from first_year on (``reports`` as report ids)."""
    return [
        [row[0], (KINDS[label], row[1]), *row[2:]]
        for label, rel in DERIVED.items()
        for row in _derived(store, rel, label, "name", ("reports",))
        if keep(row[0], row[1])
    ]


def _surfaces(store: GraphStore) -> dict[tuple[str, str], list[str]]:
    """(kind, name) → the other forms reports wrote the name in, which search matches too."""
    surfaces = {}
    for label in DERIVED:
        for name, forms in store.rows(f"MATCH (x:{label}) RETURN x.name, x.surfaces", ["STRING", "STRING[]"]):
            surfaces[KINDS[label], name] = sorted(set(forms or []) - {name})
    return surfaces


def _index(keys: list[Any]) -> dict[Any, int]:
    return {key: i for i, key in enumerate(keys)}


def atlas_data(store: GraphStore, filters: Filters | None = None) -> dict[str, Any]:
    """The page's data for ``filters`` (default: the whole graph)."""
    filters = filters or Filters()
    regions = _regions(store)
    province = _province_of(regions, filters.province) if filters.province else None

    def shown(region_id: str) -> bool:
        return province is None or regions[region_id][3] == province

    facts = _facts(store, lambda region, name: shown(region) and (filters.names is None or name in filters.names))
    if filters.names is not None and not facts:
        raise AtlasError(f"no region in the graph adopted or runs {'、'.join(filters.names)}")
    partners = [p for p in _derived(store, "PARTNERS_WITH", "Region", "id") if shown(p[0]) or shown(p[1])]
    report_rows = store.rows(
        "MATCH (r:Report) RETURN r.id, r.file, r.year, r.title", ["STRING", "STRING", "INT64", "STRING"]
    )
    reports = {row[0]: list(row) for row in report_rows}

    reporting = {r for r, v in regions.items() if v[5] and shown(r)}
    region_ids = sorted({f[0] for f in facts} | {p[0] for p in partners} | {p[1] for p in partners} | reporting)
    adopters: dict[tuple[str, str], set[str]] = {}
    for fact in facts:
        adopters.setdefault(fact[1], set()).add(fact[0])
    name_keys = sorted(adopters, key=lambda key: (-len(adopters[key]), key))  # most adopted first
    report_ids = sorted({r for fact in facts for r in fact[-1] or []} & reports.keys())
    at_region, at_name, at_report = _index(region_ids), _index(name_keys), _index(report_ids)

    fact_rows = sorted(
        [at_region[f[0]], at_name[f[1]], *f[2:-1], sorted(at_report[r] for r in f[-1] or [] if r in at_report)]
        for f in facts
    )
    partner_rows = sorted([at_region[p[0]], at_region[p[1]], *p[2:]] for p in partners)
    texts = _intern(fact_rows + partner_rows, TEXT_COLUMNS)
    surfaces = _surfaces(store)
    return {
        "filters": {"names": list(filters.names or []), "province": province},
        "store": store.name,
        "regions": {"columns": REGION_COLUMNS, "rows": [regions[r] for r in region_ids]},
        "names": {
            "columns": NAME_COLUMNS,
            "rows": [
                [kind, name, surfaces.get((kind, name), []), len(adopters[kind, name])] for kind, name in name_keys
            ],
        },
        "facts": {"columns": FACT_COLUMNS, "rows": fact_rows},
        "partners": {"columns": PARTNER_COLUMNS, "rows": partner_rows},
        "reports": {"columns": REPORT_COLUMNS, "rows": [reports[r] for r in report_ids]},
        "texts": texts,
    }


def _intern(rows: list[list[Any]], columns: tuple[int, ...]) -> list[str]:
    """Replace the strings in ``columns`` of ``rows`` by indexes into the returned list: one
    sentence often supports several facts, and many facts cite the same report file."""
    texts: dict[str, int] = {}
    for row in rows:
        for column in columns:
            if row[column] is not None:
                row[column] = texts.setdefault(row[column], len(texts))
    return list(texts)
