"""Every format govkg claims to read, as real files: the same report gives the same facts."""

from __future__ import annotations

import json

import pytest
from conftest import run_kg
from report_files import TRADITIONAL, report_text, write_docx, write_html, write_pdf, write_txt


def _facts(result):
    return (result.region.name if result.region else None, result.year,
            sorted({(m.type, m.name) for m in result.mentions if m.type != "agency"}))


@pytest.mark.parametrize("name, writer", [
    ("utf8.txt", lambda p, t: write_txt(p, t)),
    ("bom.txt", lambda p, t: write_txt(p, t, "utf-8-sig")),
    ("gbk.txt", lambda p, t: write_txt(p, t, "gbk")),
    ("gb18030.text", lambda p, t: write_txt(p, t, "gb18030")),
    ("page.html", lambda p, t: write_html(p, t, "gbk")),
    ("page.htm", lambda p, t: write_html(p, t, "utf-8")),
    ("saved-page.txt", lambda p, t: write_html(p, t, "utf-8")),  # HTML saved with a .txt name
    ("report.pdf", lambda p, t: write_pdf(p, t)),
    ("report.docx", lambda p, t: write_docx(p, t)),
])
def test_every_format_gives_the_facts_of_the_plain_text(tmp_path, extractor, name, writer):
    text = report_text()
    expected = _facts(extractor.extract_path(write_txt(tmp_path / "reference.txt", text)))
    assert expected[0] == "建瓯市" and ("platform", "闽政通") in expected[2]
    result = extractor.extract_path(writer(tmp_path / name, text))
    assert _facts(result) == expected
    for m in result.mentions:  # provenance points into the text the reader produced
        assert result.document.text[m.start:m.end] == m.surface
        assert result.document.text[m.sentence_start:m.sentence_start + len(m.sentence)] == m.sentence


def test_page_furniture_never_becomes_an_entity(tmp_path, extractor):
    result = extractor.extract_path(write_html(tmp_path / "page.html", report_text(), "gbk"))
    text = result.document.text
    for junk in ("下载", "打印", "字号", "分享", "当前位置", "版权所有", "ICP备", "首页", "来源："):
        assert junk not in text, junk
    names = {m.name for m in result.mentions}
    assert not names & {"城市大脑", "渝快办"}  # only in the page's "related links" box
    assert result.document.format == "html" and result.document.encoding == "gb18030"


def test_traditional_report_is_recognised_simplified_and_quoted_as_written(tmp_path, extractor):
    source = TRADITIONAL.format(region="福建省泉州市晉江市", year=2024, platform="閩政通")
    result = extractor.extract_path(write_txt(tmp_path / "big5.txt", source, "big5"))
    assert result.document.encoding == "big5"
    assert result.region.name == "晋江市" and result.year == 2024
    by_name = {m.name: m for m in result.mentions}
    assert by_name["闽政通"].surface == "閩政通"
    assert by_name["一网通办"].sentence.startswith("我局牽頭推進")  # evidence as in the source
    assert [p.region.name for p in result.partners] == ["安吉县"]
    assert "跨省通辦" in result.partners[0].sentence


@pytest.mark.slow
@pytest.mark.parametrize("kind", ["jsonl", "csv"])
def test_manifest_values_override_inference(tmp_path, kind):
    folder = tmp_path / "reports"
    folder.mkdir()
    write_txt(folder / "r.txt", report_text())
    url = "http://www.jianou.gov.cn/zwgk/r.html"
    if kind == "jsonl":
        (folder / "manifest.jsonl").write_text(json.dumps(
            {"file": "r.txt", "source_url": url, "region": "建阳区", "year": 2023}, ensure_ascii=False) + "\n",
            encoding="utf-8")
        extra = []
    else:  # an explicit --manifest elsewhere, paths relative to it
        (tmp_path / "m.csv").write_text(f"path,url,region,year\nreports/r.txt,{url},建阳区,2023\n", encoding="utf-8")
        extra = ["--manifest", str(tmp_path / "m.csv")]
    db = tmp_path / "db"
    run_kg("load", str(folder), "--db", str(db), *extra)
    rows = json.loads(run_kg("query", "platforms", "region=建阳区", "--db", str(db), "--format", "json").stdout)
    assert [(r["platform"], r["first_year"]) for r in rows] == [("闽政通", 2023)]
    from kg.stores import EmbeddedStore
    reports = [d for (label, _), d in EmbeddedStore(db).as_networkx().nodes(data=True) if label == "Report"]
    assert [r["url"] for r in reports] == [url]


@pytest.mark.slow
def test_bad_manifest_is_a_usage_error(tmp_path):
    (tmp_path / "manifest.jsonl").write_text("{not json\n", encoding="utf-8")
    write_txt(tmp_path / "r.txt", report_text())
    proc = run_kg("load", str(tmp_path), "--db", str(tmp_path / "db"), check=False)
    assert proc.returncode == 2 and "manifest.jsonl: line 1 is not JSON" in proc.stderr


def test_markdown_front_matter_gives_title_and_url_and_is_not_text(tmp_path, extractor):
    text = report_text()
    title, body = text.split("\n", 1)
    url = "https://www.jianou.gov.cn/zwgk/2025/r.html"
    page = (f"---\ntitle: {title}\nsource: {url}\ntags: [数据, 政务]\n---\n\n"
            + "\n\n".join(f"**{line}**" if i == 0 else line for i, line in enumerate(body.split("\n"))))
    result = extractor.extract_path(write_txt(tmp_path / "r.md", page))
    assert result.document.title == title and result.document.url == url
    assert "---" not in result.document.text and "**" not in result.document.text
    assert "source:" not in result.document.text
    expected = _facts(extractor.extract_path(write_txt(tmp_path / "reference.txt", text)))
    assert _facts(result) == expected
    for m in result.mentions:  # offsets point into the text without the front matter
        assert result.document.text[m.start:m.end] == m.surface


def test_a_markdown_block_that_is_not_yaml_stays_text(tmp_path, extractor):
    page = "---\n这不是: [元数据\n---\n" + report_text()
    result = extractor.extract_path(write_txt(tmp_path / "r.md", page))
    assert result.document.text.startswith("---") and result.region.name == "建瓯市"
