"""A folder mixing good reports in every format with every kind of bad file: each bad one is named
with its reason on one line, every good one is in the graph, and the exit code tells scripts."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from conftest import ROOT, run_kg
from report_files import report_text, write_docx, write_html, write_pdf, write_txt

from kg.stores import EmbeddedStore

pytestmark = pytest.mark.slow

REGIONS = [("福建省南平市建瓯市", "闽政通"), ("江西省赣州市瑞金市", "赣服通"), ("广东省佛山市顺德区", "粤省事"),
           ("山东省潍坊市寿光市", "爱山东"), ("四川省成都市郫都区", "天府通办"), ("湖北省宜昌市当阳市", "鄂汇办")]

BAD = {  # file → words its one-line reason must contain
    "empty.txt": "empty file",
    "binary.txt": "binary",
    "truncated.pdf": "truncated PDF",
    "encrypted.pdf": "encrypted PDF",
    "corrupt.docx": "not a Word .docx",
    "huge.txt": "too large",
    "english.txt": "no Chinese text",
    "loop-a.txt": "symlink loop",
    "dangling.txt": "broken symlink",
}


def _good(folder: Path) -> list[Path]:
    writers = [lambda p, t: write_txt(p, t), lambda p, t: write_txt(p, t, "gbk"), lambda p, t: write_html(p, t, "gbk"),
               lambda p, t: write_pdf(p, t), lambda p, t: write_docx(p, t), lambda p, t: write_txt(p, t, "gb18030")]
    names = ["a.txt", "b-gbk.txt", "c.html", "d.pdf", "e.docx", "deep/er/f.txt"]
    out = []
    for (region, platform), writer, name in zip(REGIONS, writers, names):
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        out.append(writer(path, report_text(region=region, platform=platform)))
    return out


def _bad(folder: Path) -> None:
    text = report_text()
    (folder / "empty.txt").write_bytes(b"")
    (folder / "binary.txt").write_bytes(bytes(range(256)) * 64)
    pdf = write_pdf(folder / "full.pdf", text).read_bytes()
    (folder / "full.pdf").unlink()
    (folder / "truncated.pdf").write_bytes(pdf[: len(pdf) // 2])
    write_pdf(folder / "encrypted.pdf", text, password="s3cret")
    (folder / "corrupt.docx").write_bytes(b"PK\x03\x04" + os.urandom(2000))
    with open(folder / "huge.txt", "wb") as fh:  # 100 MB, sparse on disk
        fh.truncate(100 * 2**20)
    (folder / "english.txt").write_text("Annual work report of the data bureau. " * 40, encoding="utf-8")
    os.symlink(folder / "loop-b.txt", folder / "loop-a.txt")
    os.symlink(folder / "loop-a.txt", folder / "loop-b.txt")
    os.symlink(folder / "nowhere.txt", folder / "dangling.txt")
    (folder / "sub").mkdir()
    os.symlink(folder, folder / "sub" / "back-to-top")  # a folder loop: walked once, not forever
    (folder / "no-entity.txt").write_text("本年度我们认真学习，努力工作，取得了一定成绩，也存在一些不足，今后继续努力。" * 3,
                                          encoding="utf-8")


def test_one_bad_report_never_costs_the_others(tmp_path):
    folder = tmp_path / "corpus"
    folder.mkdir()
    good = _good(folder)
    _bad(folder)
    db, errors = tmp_path / "db", tmp_path / "errors.json"
    proc = run_kg("load", str(folder), "--db", str(db), "--errors-json", str(errors), check=False)
    assert proc.returncode == 0, proc.stderr
    lines = proc.stderr.strip().splitlines()
    for name, reason in BAD.items():
        mine = [line for line in lines if f"{folder / name}:" in line]
        assert len(mine) == 1 and reason in mine[0], (name, mine)
    assert "loop-b.txt" in proc.stderr  # both ends of the loop are named
    assert f"{len(BAD) + 1} failed" in proc.stdout  # the loop's two files

    graph = EmbeddedStore(db).as_networkx()
    files = {d["file"] for (label, _), d in graph.nodes(data=True) if label == "Report"}
    # each report named by its path under the folder loaded (deep/er/f.txt)
    assert files == {p.relative_to(folder).as_posix() for p in good} | {"no-entity.txt"}
    regions = {r for r in json.loads(run_kg("query", "adoption-matrix", "--db", str(db), "--format", "json").stdout)
               for r in [r["region"]]}
    assert regions == {"建瓯市", "瑞金市", "顺德区", "寿光市", "郫都区", "当阳市"}

    report = json.loads(errors.read_text(encoding="utf-8"))
    by_path = {Path(e["path"]).name: e for e in report}
    assert {k for k, v in by_path.items() if v["level"] == "error"} == set(BAD) | {"loop-b.txt"}
    assert by_path["no-entity.txt"]["level"] == "warning"

    strict = run_kg("load", str(folder), "--db", str(db), "--strict", check=False)
    assert strict.returncode == 1 and f"{len(good) + 1} unchanged" in strict.stdout


def test_nothing_loadable_exits_1(tmp_path):
    (tmp_path / "english.txt").write_text("Nothing Chinese here. " * 50, encoding="utf-8")
    proc = run_kg("load", str(tmp_path), "--db", str(tmp_path / "db"), check=False)
    assert proc.returncode == 1
    assert proc.stderr.count("\n") == 1 and "no Chinese text" in proc.stderr


def test_unreadable_file_is_named(tmp_path):
    """Permissions do not stop root, so as root the load runs as user nobody."""
    base = Path(tempfile.mkdtemp(prefix="govkg-perm-"))
    os.chmod(base, 0o777)
    write_txt(base / "ok.txt", report_text())
    secret = write_txt(base / "secret.txt", report_text(users=99))
    os.chmod(secret, 0o000)
    preexec = None
    if os.geteuid() == 0:
        preexec = lambda: (os.setgid(65534), os.setuid(65534))  # noqa: E731
        try:
            probe = subprocess.run([sys.executable, "-c", "import kg.cli"], env={"PYTHONPATH": str(ROOT)},
                                   cwd=base, capture_output=True, preexec_fn=preexec)
        except PermissionError:
            probe = None
        if probe is None or probe.returncode != 0:
            pytest.skip("running as root and user nobody cannot run this Python/checkout, "
                        "so no file can be made unreadable here")
    env = {**os.environ, "HOME": str(base), "NO_COLOR": "1", "PYTHONPATH": str(ROOT), "KG_ENV_FILE": os.devnull}
    proc = subprocess.run([sys.executable, "-m", "kg.cli", "load", str(base), "--db", str(base / "db")],
                          capture_output=True, text=True, env=env, cwd=base, preexec_fn=preexec)
    assert proc.returncode == 0, proc.stderr
    assert f"{secret}: permission denied" in proc.stderr and "1 loaded" in proc.stdout
