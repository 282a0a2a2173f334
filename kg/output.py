"""Render rows for people (rich tables) and for programs (TSV, JSON, JSON lines, CSV).

A table fits the terminal: a long cell (an evidence sentence) is cut with an ellipsis rather than
folded a character per line in a narrow column; ``wide`` shows every cell whole. Output that goes
to a pipe or a file gets plain tab-separated rows unless a format is asked for.
"""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from rich.console import Console
from rich.table import Table

FORMATS = ("table", "tsv", "json", "csv")


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return "、".join(str(v) for v in value)
    return str(value)


LONG_CELL = 24  # a column with a cell wider than this is cut to fit; the others fold


def _long_column_widths(names: list[str], rows: list[dict[str, Any]], width: int) -> dict[str, int]:
    """The widest each long column may be: what the terminal leaves once the borders and the
    short columns have theirs (12 cells at most each: they fold), shared among the long ones."""
    from rich.cells import cell_len

    natural = {c: max([cell_len(c), *(cell_len(_cell(r[c])) for r in rows)]) for c in names}
    long = [c for c in names if natural[c] > LONG_CELL]
    if not long:
        return {}
    left = width - (3 * len(names) + 1) - sum(min(natural[c], 12) for c in names if c not in long)
    share = max(12, left // len(long))
    return {c: min(share, natural[c]) + 2 for c in long}  # + the cell's padding


def default_format(console: Console) -> str:
    """A table for a terminal, tab-separated rows for a pipe or a file."""
    return "table" if console.is_terminal else "tsv"


def _tsv_cell(value: Any) -> str:
    return " ".join(_cell(value).replace("\t", " ").splitlines())  # one row a line, one cell a field


def render_rows(
    rows: list[dict[str, Any]],
    fmt: str,
    console: Console,
    title: str | None = None,
    columns: tuple[str, ...] = (),
    wide: bool = False,
) -> None:
    """Print ``rows`` as a table, TSV, JSON or CSV; ``columns`` head a CSV or TSV that has no rows;
    ``wide``: table cells are folded whole instead of cut to fit the terminal."""
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
    elif fmt == "tsv":
        fields = list(rows[0].keys()) if rows else list(columns)
        lines = ["\t".join(fields), *("\t".join(_tsv_cell(r[k]) for k in fields) for r in rows)] if fields else []
        console.file.write("".join(line + "\n" for line in lines))
    else:
        table = Table(title=title, show_lines=False)
        names = list(rows[0].keys()) if rows else []
        widths = _long_column_widths(names, rows, console.width) if not wide else {}
        for c in names:
            if c in widths:  # cut to fit the terminal
                table.add_column(c, overflow="ellipsis", no_wrap=True, max_width=widths[c])
            else:
                table.add_column(c, overflow="fold")
        for r in rows:
            table.add_row(*(_cell(r[c]) for c in names))
        if rows:
            console.print(table)
        else:
            console.print("(no rows)")
