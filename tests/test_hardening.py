"""What real corpora and real users do to `kg`: markup-looking names and text, reports without
punctuation or longer than spaCy reads at once, zip bombs, a report that never ends, workers that
die, the same folder by two paths, and small usage mistakes. Each gets one line, never a traceback,
and the other reports still load."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import threading
import time
import zipfile
from pathlib import Path

import pytest
from conftest import ROOT, run_kg
from report_files import report_text, write_docx, write_txt

from extractors.read.reader import content_id
from extractors.records import Document
from kg.stores import EmbeddedStore

pytestmark = pytest.mark.slow

MARKUP = "[/url][bold]"  # rich markup that crashes a markup-reading console


def _flat(table: str) -> str:
    """A table's text with its borders and line breaks gone (long cells wrap over lines)."""
    return "".join(ch for ch in table if ch not in "│┃║ \n")


def _one_line_per_problem(stderr: str) -> list[str]:
    assert "Traceback" not in stderr, stderr
    return [line for line in stderr.splitlines() if line.strip()]


# ---- markup ----------------------------------------------------------------------------------

def _markup_corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "corpus"
    (folder / "a[").mkdir(parents=True)
    text = report_text() + f"\n闽政通上线“掌上办”专区{MARKUP}，群众好评。"
    write_txt(folder / "a[" / "b].txt", text)  # the file a[/b].txt
    write_txt(folder / "[bold]x.txt", report_text(region="江西省赣州市瑞金市", platform="赣服通"))
    write_txt(folder / "[bold]bad.txt", "no Chinese here " * 20)
    return folder


def test_markup_in_names_and_text_is_printed_as_text_by_every_command(tmp_path):
    folder = _markup_corpus(tmp_path)
    db = str(tmp_path / "db")
    load = run_kg("load", str(folder), "--db", db)
    lines = _one_line_per_problem(load.stderr)
    assert len(lines) == 1 and f"{folder / '[bold]bad.txt'}: no Chinese text" in lines[0]
    assert "2 loaded" in load.stdout

    for fmt in ("table", "json", "jsonl"):
        extracted = run_kg("extract", str(folder), "--format", fmt)
        assert "a[/b].txt" in extracted.stdout and "[bold]x.txt" in extracted.stdout, fmt
        _one_line_per_problem(extracted.stderr)
    for fmt in ("table", "json", "csv"):
        evidence = run_kg("query", "evidence", "region=建瓯市", "name=闽政通", "--db", db, "--format", fmt)
        assert MARKUP in _flat(evidence.stdout) and "a[/b].txt" in _flat(evidence.stdout), fmt
        adopters = run_kg("query", "adopters", f"platform=闽政通{MARKUP}", "--db", db, "--format", fmt)
        assert adopters.returncode == 0 and not adopters.stderr
    unknown = run_kg("query", "[/x]", "--db", db, check=False)
    assert unknown.returncode == 2 and "unknown query '[/x]'" in unknown.stderr
    assert "Traceback" not in unknown.stderr
    missing = run_kg("query", "adopters", f"platform={MARKUP}", "--db", db, "--format", "csv")
    assert missing.stdout.startswith("region,level,")  # no rows, and still the header
    assert run_kg("stats", "--db", db).returncode == 0


# ---- long and punctuation-less reports ---------------------------------------------------------

def test_a_report_without_punctuation_is_extracted_within_its_time_budget(tmp_path):
    body = "某县数据局上线皖事通推进一网通办" * 40_000  # 640,000 characters, 80,000 mentions, one sentence
    write_txt(tmp_path / "endless.txt", "某县数据资源管理局2024年工作总结\n" + body)
    proc = run_kg("extract", str(tmp_path / "endless.txt"), "--max-seconds", "60")
    report = json.loads(proc.stdout)
    assert report["entities"]["platform"][0]["count"] == 40_000


def test_a_report_longer_than_spacys_limit_is_read_in_pieces_with_exact_offsets(extractor):
    paragraph = "全县依托皖事通平台推进一网通办改革，办件量持续增长。\n"
    text = "某县数据资源管理局2024年工作总结\n" + paragraph * 45_000 + "年底前上线赣服通专区。\n"
    assert len(text) > extractor.nlp.max_length
    result = extractor.extract(Document(path="long.txt", file="long.txt", text=text, doc_id=content_id(text),
                                        title="某县数据资源管理局2024年工作总结"))
    platforms = [m for m in result.mentions if m.type == "platform"]
    assert len([m for m in platforms if m.name == "皖事通"]) == 45_000
    last = [m for m in platforms if m.name == "赣服通"]
    assert last and last[0].start > extractor.nlp.max_length
    for m in platforms[::997] + last:
        assert text[m.start:m.end] == m.surface
        assert text[m.sentence_start:m.sentence_start + len(m.sentence)] == m.sentence
        assert m.sentence_start <= m.start < m.end <= m.sentence_start + len(m.sentence)


def test_a_report_past_its_time_budget_fails_alone(tmp_path):
    folder = tmp_path / "corpus"
    folder.mkdir()
    write_txt(folder / "small.txt", report_text())
    body = "全县依托皖事通平台推进一网通办改革，办件量持续增长。\n" * 120_000  # ~3.2 M characters
    write_txt(folder / "large.txt", "某县数据资源管理局2024年工作总结\n" + body)
    proc = run_kg("load", str(folder), "--db", str(tmp_path / "db"), "--max-seconds", "1", check=False)
    lines = _one_line_per_problem(proc.stderr)
    assert lines == [f"failed {folder / 'large.txt'}: took longer than 1 s (--max-seconds)"]
    assert proc.returncode == 0 and "1 loaded" in proc.stdout and "1 failed" in proc.stdout


# ---- bombs -------------------------------------------------------------------------------------

def test_a_docx_zip_bomb_is_refused_before_it_is_unpacked(tmp_path):
    real = write_docx(tmp_path / "real.docx", report_text())
    bomb = tmp_path / "corpus" / "bomb.docx"
    bomb.parent.mkdir()
    with zipfile.ZipFile(real) as src, zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            if info.filename != "word/document.xml":
                dst.writestr(info, src.read(info))
        with dst.open("word/document.xml", "w") as big:  # 256 MB of XML from a file of ~250 KB
            chunk = b"<!-- " + b"x" * (2**20 - 9) + b" -->"
            for _ in range(256):
                big.write(chunk)
    assert bomb.stat().st_size < 2**20
    write_docx(bomb.parent / "good.docx", report_text(region="江西省赣州市瑞金市", platform="赣服通"))
    proc = run_kg("load", str(bomb.parent), "--db", str(tmp_path / "db"), check=False)
    lines = _one_line_per_problem(proc.stderr)
    assert len(lines) == 1 and str(bomb) in lines[0] and "zip bomb" in lines[0]
    assert "1 loaded" in proc.stdout


# ---- workers -----------------------------------------------------------------------------------

def _children(pid: int) -> set[int]:
    out = set()
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                fields = Path(f"/proc/{entry}/stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid:
                out.add(int(entry))
    return out


def _corpus_of(folder: Path, n: int, repeat: int = 1) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(n):
        write_txt(folder / f"r{i:03d}.txt", "\n".join([report_text(users=i)] * repeat))


def _start(*args: str) -> subprocess.Popen:
    env = {**os.environ, "NO_COLOR": "1", "PYTHONPATH": str(ROOT), "KG_ENV_FILE": os.devnull}
    return subprocess.Popen([sys.executable, "-m", "kg.cli", *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True, encoding="utf-8", env=env, cwd=ROOT)


def _wait_for_workers(proc: subprocess.Popen, n: int, timeout: float = 60) -> set[int]:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        workers = {p for p in _children(proc.pid) if b"spawn_main" in Path(f"/proc/{p}/cmdline").read_bytes()}
        if len(workers) >= n:
            return workers
        time.sleep(0.05)
    raise AssertionError("the worker processes never started")


def test_a_worker_that_dies_costs_no_report_and_the_load_goes_on(tmp_path):
    folder = tmp_path / "corpus"
    _corpus_of(folder, 150, repeat=200)  # extraction takes ~10 s: the kill comes while workers extract
    proc = _start("load", str(folder), "--db", str(tmp_path / "db"), "-j", "2")
    workers = _wait_for_workers(proc, 2)
    time.sleep(4)  # past start-up: the workers are extracting
    os.kill(sorted(workers)[0], signal.SIGKILL)
    stdout, stderr = proc.communicate(timeout=300)
    assert proc.returncode == 0, stderr
    _one_line_per_problem(stderr)
    assert "150 loaded" in stdout and "0 failed" in stdout  # the reports it held were extracted again


def test_workers_end_with_a_load_killed_while_they_start(tmp_path):
    folder = tmp_path / "corpus"
    _corpus_of(folder, 30)
    proc = _start("load", str(folder), "--db", str(tmp_path / "db"), "-j", "2")
    workers = _wait_for_workers(proc, 2)
    proc.kill()  # while the workers are still importing
    proc.wait()
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline and any(map(_running, workers)):
        time.sleep(0.2)
    alive = [p for p in workers if _running(p)]
    for p in alive:
        os.kill(p, signal.SIGKILL)
    assert not alive, "workers outlived the load that started them"


def _running(pid: int) -> bool:
    """Whether a process exists and is no zombie (an exited child its new parent has not reaped)."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


# ---- the same report by two paths --------------------------------------------------------------

def test_a_folder_loaded_by_a_relative_then_an_absolute_path_holds_each_report_once(tmp_path):
    folder = tmp_path / "corpus"
    folder.mkdir()
    write_txt(folder / "a.txt", report_text())
    write_txt(folder / "b.txt", report_text(region="江西省赣州市瑞金市", platform="赣服通"))
    db = str(tmp_path / "db")
    run_kg("load", "corpus", "--db", db, cwd=tmp_path)
    write_txt(folder / "a.txt", report_text(users=99))  # edited
    second = run_kg("load", str(folder), "--db", db)
    assert "1 replaced" in second.stdout and "1 unchanged" in second.stdout
    graph = EmbeddedStore(db).as_networkx()
    assert sum(1 for label, _ in graph.nodes if label == "Report") == 2


# ---- small things ------------------------------------------------------------------------------

def test_small_mistakes_get_one_line_and_the_right_exit_code(tmp_path):
    folder = tmp_path / "corpus"
    folder.mkdir()
    write_txt(folder / "a.txt", report_text())
    db = str(tmp_path / "db")

    errors = run_kg("load", str(folder), "--db", db, "--errors-json", str(tmp_path / "no" / "e.json"), check=False)
    assert errors.returncode == 2 and len(_one_line_per_problem(errors.stderr)) == 1
    assert "does not exist" in errors.stderr

    (tmp_path / "a-file").write_text("x")
    as_file = run_kg("stats", "--db", str(tmp_path / "a-file"), check=False)
    assert as_file.returncode == 1 and "is a file, not a folder" in as_file.stderr
    assert len(_one_line_per_problem(as_file.stderr)) == 1

    run_kg("load", str(folder), "--db", db)
    huge = run_kg("query", "candidates", "limit=99999999999999999999999", "--db", db, check=False)
    assert huge.returncode == 2 and "limit must be a whole number" in huge.stderr
    assert len(_one_line_per_problem(huge.stderr)) == 1

    manifest = folder / "manifest.jsonl"
    manifest.write_text(json.dumps({"path": "a.txt", "region": "大明府"}, ensure_ascii=False) + "\n", encoding="utf-8")
    warned = run_kg("extract", str(folder))
    lines = _one_line_per_problem(warned.stderr)
    assert len(lines) == 1 and "大明府" in lines[0] and "no division" in lines[0]


def test_mixed_encodings_and_a_stray_nul_still_read(tmp_path):
    folder = tmp_path / "corpus"
    folder.mkdir()
    utf8 = report_text().encode("utf-8")
    gbk = "\n全县依托赣服通推进跨省通办，与浙江省安吉县签订合作协议。\n".encode("gbk")
    (folder / "mixed.txt").write_bytes(utf8 + gbk)
    cut = utf8.index(b"\n")  # a character boundary
    (folder / "nul.txt").write_bytes(utf8[:cut] + b"\x00" + utf8[cut:])
    proc = run_kg("extract", str(folder), "--format", "json")
    assert not _one_line_per_problem(proc.stderr)
    reports = {r["document"]: r for r in json.loads(proc.stdout)}
    assert {"闽政通", "赣服通"} <= {e["name"] for e in reports["mixed.txt"]["entities"]["platform"]}
    assert "闽政通" in {e["name"] for e in reports["nul.txt"]["entities"]["platform"]}


def test_a_service_on_the_neo4j_port_that_is_no_bolt_server_is_named_quickly(tmp_path):
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen()
    accepted = []
    threading.Thread(target=lambda: accepted.append(server.accept()), daemon=True).start()  # accepts, never answers
    port = server.getsockname()[1]
    started = time.monotonic()
    proc = run_kg("stats", "--target", "neo4j", check=False,
                  env={"NEO4J_URI": f"bolt://127.0.0.1:{port}", "NEO4J_PASSWORD": "x"})
    waited = time.monotonic() - started
    server.close()
    assert proc.returncode == 1 and len(_one_line_per_problem(proc.stderr)) == 1
    assert f"127.0.0.1:{port}" in proc.stderr
    assert waited < 30  # the driver's defaults waited 62 s
