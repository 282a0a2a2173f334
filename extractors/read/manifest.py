"""An optional manifest from the scraper that fetched the reports: its values override inference.

CSV (header row) or JSONL, one report per row.  Columns (aliases in brackets): ``path`` [file],
``url`` [source_url], ``region`` [province, county], ``year``, ``title``.  Paths are relative to the
manifest's folder.  A folder being loaded that holds ``manifest.jsonl`` or ``manifest.csv`` uses it
without being told.
"""

from __future__ import annotations

import csv
import json
import os
from dataclasses import dataclass
from pathlib import Path

from extractors.read.errors import ReadError

MANIFEST_NAMES = ("manifest.jsonl", "manifest.csv")
ALIASES = {
    "path": ("path", "file"),
    "url": ("url", "source_url"),
    "region": ("region", "county", "province"),
    "year": ("year",),
    "title": ("title",),
}


@dataclass(frozen=True)
class ManifestEntry:
    url: str | None = None
    region: str | None = None
    year: int | None = None
    title: str | None = None


def _pick(row: dict, field: str) -> str | None:
    for key in ALIASES[field]:
        value = row.get(key)
        if value not in (None, ""):
            return str(value).strip()
    return None


def read_manifest(path: str | os.PathLike[str]) -> dict[str, ManifestEntry]:
    """Entries keyed by the resolved path of the report they describe."""
    p = Path(path)
    try:
        text = p.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise ReadError(p, f"cannot read the manifest ({exc.__class__.__name__})") from None
    if p.suffix.lower() == ".csv":
        rows = list(csv.DictReader(text.splitlines()))
    else:
        rows = []
        for n, line in enumerate(text.splitlines(), 1):
            if line.strip():
                try:
                    rows.append(json.loads(line))
                except json.JSONDecodeError:
                    raise ReadError(p, f"line {n} is not JSON") from None
    entries: dict[str, ManifestEntry] = {}
    for n, row in enumerate(rows, 1):
        report = _pick(row, "path")
        if not report:
            raise ReadError(p, f"row {n} has no path (or file) column")
        year = _pick(row, "year")
        if year is not None and not year.isdigit():
            raise ReadError(p, f"row {n}: year '{year}' is not a number")
        key = str((p.parent / report).resolve())
        entries[key] = ManifestEntry(
            url=_pick(row, "url"),
            region=_pick(row, "region"),
            year=int(year) if year else None,
            title=_pick(row, "title"),
        )
    return entries


def manifests_in(paths: list[Path]) -> list[Path]:
    """Manifests sitting at the top of the folders being loaded."""
    return [
        folder / name for folder in paths if folder.is_dir() for name in MANIFEST_NAMES if (folder / name).is_file()
    ]
