"""One county's report in several yearly versions, for tests of facts built up batch by batch.

Each year's version is the example report of 安吉县 with that year's numbers and one line left out
(a different line each year), so the derived facts differ from year to year.  The file names are
in neither year nor alphabetical order of loading, so an order rule that slips shows.
"""

from __future__ import annotations

import json
from pathlib import Path

from conftest import EXAMPLES

from extractors.knowledge.divisions import load_divisions
from kg.model import ReportRows, rows_for
from kg.stores import EmbeddedStore

FILE_OF_YEAR = {2026: "anji-a.txt", 2023: "anji-b.txt", 2021: "anji-c.txt"}  # file order is not year order


class YearlyVersions:
    def __init__(self, folder: Path, extractor) -> None:
        self.folder = folder
        self.folder.mkdir(parents=True, exist_ok=True)
        self.extractor = extractor
        self.source = (EXAMPLES / "zhejiang-anji-2024.txt").read_text(encoding="utf-8").splitlines()
        self.divisions = load_divisions()

    def write(self, year: int, drop: int) -> None:
        """The ``year`` version, without line ``drop``."""
        kept = [line for i, line in enumerate(self.source) if i != drop]
        text = "\n".join(kept).replace("2025", str(year + 1)).replace("2024", str(year))
        (self.folder / FILE_OF_YEAR[year]).write_text(text, encoding="utf-8")

    def rows(self, year: int) -> ReportRows:
        return rows_for(self.extractor.extract_path(self.folder / FILE_OF_YEAR[year]), self.divisions)


def same_year_and_file(folder: Path, extractor) -> tuple[ReportRows, ReportRows]:
    """Two versions of the county's 2026 report with one file name, in two folders: which one a fact
    lists first depends on where each mentions the target, which the fact's own properties do not
    say.  The second, for targets between its lines 3 and 5, mentions them earlier in the file."""
    first, second = YearlyVersions(folder / "one", extractor), YearlyVersions(folder / "two", extractor)
    first.write(2026, 5)
    second.write(2026, 3)
    return first.rows(2026), second.rows(2026)


def facts_of_one_load(folder: Path, rows: list[ReportRows]) -> list[str]:
    """The derived facts of one embedded load of ``rows`` (what any sequence of loads must give)."""
    clean = EmbeddedStore(folder)
    clean.load_reports(rows)
    return derived_facts_embedded(clean)


def derived_facts_embedded(store) -> list[str]:
    """Every ADOPTED, RUNS and PARTNERS_WITH fact of an embedded store with all its properties, as
    sorted JSON lines (comparable with the same facts read from Neo4j)."""
    return sorted(json.dumps([u[1], v[1], d["type"], {k: x for k, x in d.items() if k != "type" and x is not None}],
                             ensure_ascii=False, sort_keys=True)
                  for u, v, d in store.as_networkx().edges(data=True) if d["type"] in ("ADOPTED", "RUNS", "PARTNERS_WITH"))
