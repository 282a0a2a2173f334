"""How rows look: tables that fit the terminal, plain rows for pipes."""

from __future__ import annotations

import io

from rich.cells import cell_len
from rich.console import Console

from kg.output import default_format, render_rows

SENTENCE = "依托统一平台推进政务服务事项网上办理，全年累计办件四十二万件，群众满意率保持在百分之九十九以上。"
ROWS = [
    {"region": "甲县", "platform": "某某通", "first_year": 2021, "evidence": SENTENCE, "report": "甲县-2021.txt"},
    {"region": "乙县", "platform": "某某通", "first_year": 2023, "evidence": SENTENCE[::-1], "report": "乙县-2023.txt"},
]


def _table(width: int, wide: bool = False) -> list[str]:
    console = Console(file=io.StringIO(), width=width, markup=False, highlight=False)
    render_rows(ROWS, "table", console, title="adopters", wide=wide)
    return console.file.getvalue().splitlines()


def test_a_table_in_a_narrow_terminal_cuts_long_text_instead_of_folding_it():
    lines = _table(80)
    assert all(cell_len(line) <= 80 for line in lines)
    assert len(lines) <= 6 + 2 * len(ROWS)  # title, borders, header: no column folded a character a line
    assert sum("…" in line for line in lines) >= len(ROWS)
    assert any(SENTENCE[:6] in line for line in lines)  # the sentence starts where it should


def test_wide_shows_every_cell_whole():
    lines = _table(80, wide=True)
    assert not any("…" in line for line in lines)
    cells = "".join(part.strip() for line in lines for part in line.split("│")[4:5])
    assert cells.startswith(SENTENCE)  # folded over lines, nothing left out


def test_tsv_gives_one_line_per_row_and_a_header_even_without_rows():
    rows = [{"a": "x\ty", "b": "first line\nsecond", "c": ["甲", "乙"], "d": None}]
    console = Console(file=io.StringIO(), markup=False)
    render_rows(rows, "tsv", console)
    assert console.file.getvalue().splitlines() == ["a\tb\tc\td", "x y\tfirst line second\t甲、乙\t"]
    empty = Console(file=io.StringIO(), markup=False)
    render_rows([], "tsv", empty, columns=("region", "year"))
    assert empty.file.getvalue() == "region\tyear\n"


def test_a_pipe_gets_plain_rows_and_a_terminal_a_table():
    assert default_format(Console(file=io.StringIO())) == "tsv"
    assert default_format(Console(file=io.StringIO(), force_terminal=True)) == "table"
