"""One county's report in several yearly versions, for tests of facts built up batch by batch.

Each year's version is the example report of 安吉县 with that year's numbers and one line left out
(a different line each year), so the derived facts differ from year to year.  The file names are
in neither year nor alphabetical order of loading, so an order rule that slips shows.
"""

from __future__ import annotations

import json
from pathlib import Path

from conftest import EXAMPLES
from extractors.resolve.divisions import load_divisions
from kg.model import ReportRows, rows_for

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


def derived_facts_embedded(store) -> list[str]:
    """Every ADOPTED, RUNS and PARTNERS_WITH fact of an embedded store with all its properties, as
    sorted JSON lines (comparable with the same facts read from Neo4j)."""
    return sorted(json.dumps([u[1], v[1], d["type"], {k: x for k, x in d.items() if k != "type" and x is not None}],
                             ensure_ascii=False, sort_keys=True)
                  for u, v, d in store.graph.edges(data=True) if d["type"] in ("ADOPTED", "RUNS", "PARTNERS_WITH"))
