"""The CSV the neo4j-admin export writes: every string survives RFC 4180 reading, an absent value
stays distinguishable from an empty string, list items are joined with U+001F (the real import
is tested in test_bulk_import.py)."""

from __future__ import annotations

import csv
import io

import pyarrow as pa
import pytest

from kg.exports.neo4j_admin import ARRAY_DELIMITER, ExportError, _write, header_field

SENTENCES = ['说"一网通办, 全程网办"; 然后\\"', "第一行\n第二行\r\n", "", None, "、，；\t"]


def _table(lists):
    return pa.table({
        "c0": pa.array(SENTENCES, pa.string()),
        "c1": pa.array([1, None, 3, 4, 5], pa.int64()),
        "c2": pa.array(lists, pa.list_(pa.string())),
    })


def test_strings_survive_and_absent_values_are_empty_unquoted(tmp_path):
    path = tmp_path / "x.csv"
    multiline = _write(path, ["sentence", "n:long", "items:string[]"], _table([["a", "b"], [], None, ["c"], ["d"]]))
    assert multiline
    text = path.read_bytes().decode("utf-8")  # line breaks as written
    header, *rows = csv.reader(io.StringIO(text, newline=""))
    assert header == ["sentence", "n:long", "items:string[]"]
    assert sorted(r[0] for r in rows) == sorted(s or "" for s in SENTENCES)
    assert ',,' in text  # an absent value: nothing between the commas
    assert '""' in text.replace('""""', "")  # the empty string: quoted, so the importer keeps it
    assert f'"a{ARRAY_DELIMITER}b"' in text


def test_a_file_without_line_breaks_is_not_multiline(tmp_path):
    table = pa.table({"c0": pa.array(["a, b", '"q"'], pa.string())})
    assert not _write(tmp_path / "y.csv", ["s"], table)


def test_a_list_item_holding_the_delimiter_is_refused(tmp_path):
    with pytest.raises(ExportError, match="U\\+001F"):
        _write(tmp_path / "z.csv", ["s", "n:long", "l:string[]"], _table([["a" + ARRAY_DELIMITER], [], [], [], []]))


def test_header_types():
    assert [header_field("a", t) for t in ("STRING", "INT64", "DOUBLE", "BOOL", "STRING[]")] == [
        "a", "a:long", "a:double", "a:boolean", "a:string[]"]
