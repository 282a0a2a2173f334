"""Render rows for people (rich tables) and for programs (JSON, JSON lines, CSV)."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from rich.console import Console
from rich.table import Table

FORMATS = ("table", "json", "csv")


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return "、".join(str(v) for v in value)
    return str(value)


def render_rows(
    rows: list[dict[str, Any]], fmt: str, console: Console, title: str | None = None, columns: tuple[str, ...] = ()
) -> None:
    """Print ``rows`` as a table, JSON or CSV; ``columns`` head a CSV that has no rows."""
    if fmt == "json":
        console.file.write(json.dumps(rows, ensure_ascii=False, indent=2) + "\n")
    elif fmt == "csv":
        buf = io.StringIO()
        fields = list(rows[0].keys()) if rows else list(columns)
        if fields:
            writer = csv.DictWriter(buf, fieldnames=fields)
            writer.writeheader()
            for r in rows:
                writer.writerow({k: _cell(v) for k, v in r.items()})
        console.file.write(buf.getvalue())
    else:
        table = Table(title=title, show_lines=False)
        names = list(rows[0].keys()) if rows else []
        for c in names:
            table.add_column(c, overflow="fold")
        for r in rows:
            table.add_row(*(_cell(r[c]) for c in names))
        if rows:
            console.print(table)
        else:
            console.print("(no rows)")
