"""Stage 1: reading files, detecting encodings, refusing bad input with a one-line reason."""

from __future__ import annotations

import pytest

from extractors.read import ReadError, iter_report_paths, read_document

TEXT = "皖事通累计注册用户达到27万人，政务服务事项全程网办率99%。"


def test_utf8_with_bom_reads_without_the_bom(tmp_path):
    f = tmp_path / "bom.txt"
    f.write_bytes("\ufeff".encode("utf-8") + TEXT.encode("utf-8"))
    doc = read_document(f)
    assert doc.text == TEXT
    assert doc.file == "bom.txt"


def test_gbk_file_is_detected_not_guessed(tmp_path):
    f = tmp_path / "gbk.txt"
    f.write_bytes((TEXT * 5).encode("gbk"))
    doc = read_document(f)
    assert doc.text == TEXT * 5
    assert doc.encoding.lower() in {"gb18030", "gbk", "gb2312"}


def test_same_text_same_id_whatever_the_encoding(tmp_path):
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_bytes((TEXT * 5).encode("utf-8"))
    b.write_bytes((TEXT * 5).encode("gb18030"))
    assert read_document(a).doc_id == read_document(b).doc_id


@pytest.mark.parametrize("content, reason", [(b"", "empty"), (b"\x00\x01\x02binary\x00" * 50, "binary")])
def test_bad_files_raise_one_line_reasons(tmp_path, content, reason):
    f = tmp_path / "bad.txt"
    f.write_bytes(content)
    with pytest.raises(ReadError) as exc:
        read_document(f)
    assert reason in exc.value.reason
    assert str(f) in str(exc.value) and "\n" not in str(exc.value)


def test_unsupported_type_and_missing_file(tmp_path):
    with pytest.raises(ReadError, match="unsupported file type"):
        p = tmp_path / "x.xyz"
        p.write_text("abc")
        read_document(p)
    with pytest.raises(ReadError, match="no such file"):
        read_document(tmp_path / "missing.txt")


def test_folders_are_walked_recursively_once(tmp_path):
    (tmp_path / "a" / "b").mkdir(parents=True)
    (tmp_path / "a" / "b" / "r1.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "r2.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "notes.xyz").write_text("x")
    found = [p.name for p in iter_report_paths([tmp_path, tmp_path / "r2.txt"])]
    assert sorted(found) == ["r1.txt", "r2.txt"]
