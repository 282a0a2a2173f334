"""A region × year × platform/program panel, the shape event-history and diffusion models in R or
Stata read (one row per unit at risk and period).

The units are the regions reports are about; a region is observed from the year of its first
report to the year of its last. Columns:

==============  =================================================================================
region_id       the region's division code
region          its name; ``level`` (province, prefecture, county) and ``province`` follow
year            the panel year
kind            platform or program
name            the platform or program, as the graph names it (aliases resolved)
adopted         1 from the fact's first year on (ADOPTED for a platform, RUNS for a program), else 0
first_year      the fact's first year (empty: the region never named it)
status          the fact's status: done if a report says it is done, else planned (empty: never named)
n_reports       the region's reports of that year that name it
reports_in_year the region's reports of that year (0: no report that year, the year is unobserved)
==============  =================================================================================

By default the names are those at least two regions adopted or run; ``names`` chooses them.
"""

from __future__ import annotations

import csv
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kg.model import DERIVED

if TYPE_CHECKING:
    from kg.stores.base import GraphStore

COLUMNS = (
    "region_id",
    "region",
    "level",
    "province",
    "year",
    "kind",
    "name",
    "adopted",
    "first_year",
    "status",
    "n_reports",
    "reports_in_year",
)
KINDS = {"Platform": "platform", "Program": "program"}
MIN_REGIONS = 2  # names fewer regions adopted say little about diffusion, and would swell the panel


def rows(store: GraphStore, names: list[str] | None = None, min_regions: int = MIN_REGIONS) -> Iterator[dict[str, Any]]:
    """The panel's rows, ordered by region, kind, name and year, one at a time (a national panel
    runs to millions of rows)."""
    regions: dict[str, dict[str, Any]] = {}
    reports_in: Counter[tuple[str, int]] = Counter()
    about = "MATCH (g:Region)<-[:ABOUT]-(r:Report) RETURN g.id, g.name, g.level, g.province, r.year"
    for region_id, name, level, province, year in store.rows(about, ["STRING"] * 4 + ["INT64"]):
        regions.setdefault(region_id, {"region_id": region_id, "region": name, "level": level, "province": province})
        if year is not None:
            reports_in[region_id, year] += 1
    facts: dict[tuple[str, str, str], dict[str, Any]] = {}
    named: Counter[tuple[str, str, str, int]] = Counter()
    for label, rel in DERIVED.items():
        kind = KINDS[label]
        cypher = f"MATCH (g:Region)-[d:{rel}]->(x:{label}) RETURN g.id, x.name, d.first_year, d.status"
        for region_id, name, first_year, status in store.rows(cypher, ["STRING", "STRING", "INT64", "STRING"]):
            facts[region_id, kind, name] = {"first_year": first_year, "status": status}
        cypher = (
            f"MATCH (g:Region)<-[:ABOUT]-(r:Report)-[:MENTIONS]->(x:{label}) "
            "RETURN g.id, x.name, r.year, count(DISTINCT r.id)"
        )
        for region_id, name, year, n in store.rows(cypher, ["STRING", "STRING", "INT64", "INT64"]):
            if year is not None:
                named[region_id, kind, name, year] = n
    if names is None:
        adopters = Counter((kind, name) for _, kind, name in facts)
        chosen = sorted(key for key, n in adopters.items() if n >= min_regions)
    else:
        wanted = set(names)
        chosen = sorted({(kind, name) for _, kind, name in facts if name in wanted})
    years_of: dict[str, list[int]] = {}
    for region_id, year in reports_in:
        years_of.setdefault(region_id, []).append(year)
    for region_id in sorted(years_of):
        years = years_of[region_id]
        for kind, name in chosen:
            fact = facts.get((region_id, kind, name), {})
            first = fact.get("first_year")
            for year in range(min(years), max(years) + 1):
                yield {
                    **regions[region_id],
                    "year": year,
                    "kind": kind,
                    "name": name,
                    "adopted": int(first is not None and first <= year),
                    "first_year": first,
                    "status": fact.get("status"),
                    "n_reports": named[region_id, kind, name, year],
                    "reports_in_year": reports_in[region_id, year],
                }


def write(store: GraphStore, path: Path, names: list[str] | None = None, min_regions: int = MIN_REGIONS) -> str:
    """The panel as one CSV file, written as its rows come; a summary line."""
    n_rows, regions, chosen = 0, set(), set()
    with path.open("w", encoding="utf-8", newline="") as out:
        writer = csv.DictWriter(out, COLUMNS, lineterminator="\n")
        writer.writeheader()
        for row in rows(store, names, min_regions):
            writer.writerow(row)
            n_rows += 1
            regions.add(row["region_id"])
            chosen.add((row["kind"], row["name"]))
    return f"{n_rows} rows: {len(regions)} regions, {len(chosen)} names"
