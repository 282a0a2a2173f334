"""A plain `pip install .` — no test extras — reads every format govkg claims to read: the package
declares what its code imports (lxml_html_clean for HTML cleaning, among others), and ships the
files its atlas page inlines."""

from __future__ import annotations

import subprocess
import sys
import venv

import pytest
from conftest import ROOT
from report_files import report_text, write_docx, write_html, write_pdf, write_txt

pytestmark = pytest.mark.slow

READ_ALL = """
import sys
from pathlib import Path
from extractors.read import read_document
for path in sorted(Path(sys.argv[1]).iterdir()):
    document = read_document(path)
    assert "闽政通" in document.text, path
    print(path.name, document.format)
"""


def test_a_plain_install_reads_every_format(tmp_path):
    reports = tmp_path / "reports"
    reports.mkdir()
    text = report_text()
    write_txt(reports / "a.txt", text, "gbk")
    write_txt(reports / "b.md", "---\ntitle: 某局工作总结\n---\n" + text)
    write_html(reports / "c.html", text)
    write_pdf(reports / "d.pdf", text)
    write_docx(reports / "e.docx", text)

    env_dir = tmp_path / "venv"
    venv.EnvBuilder(with_pip=True).create(env_dir)
    python = env_dir / "bin" / "python"
    install = subprocess.run([str(python), "-m", "pip", "install", "-q", str(ROOT)], capture_output=True, text=True)
    assert install.returncode == 0, install.stderr[-2000:]
    read = subprocess.run([str(python), "-c", READ_ALL, str(reports)], capture_output=True, text=True,
                          cwd=tmp_path)  # not the checkout: the installed package is what runs
    assert read.returncode == 0, read.stderr[-2000:]
    assert read.stdout.split() == ["a.txt", "txt", "b.md", "txt", "c.html", "html", "d.pdf", "pdf", "e.docx", "docx"]
    assert sys.executable != str(python)
    # the atlas's page parts, ECharts and boundary files ship in the package
    kg = str(env_dir / "bin" / "kg")
    for args in (["load", "reports", "--db", "db"], ["atlas", "--db", "db", "--out", "atlas.html"]):
        done = subprocess.run([kg, *args], capture_output=True, text=True, cwd=tmp_path)
        assert done.returncode == 0, done.stderr[-2000:]
    page = (tmp_path / "atlas.html").read_text(encoding="utf-8")
    assert len(page) > 2_000_000 and 'id="map-prefecture"' in page and "echarts" in page
