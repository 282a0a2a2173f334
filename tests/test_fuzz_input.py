"""Property: whatever bytes a folder holds, `kg extract` ends with exit 0 or 1, no traceback, at most
one line per file, naming it, within a time and a memory bound (hypothesis generates the files)."""

from __future__ import annotations

import pytest
from conftest import run_kg
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

pytestmark = pytest.mark.slow

# Pieces that trouble readers and printers: markup, NUL and other controls, lone surrogates, RTL
# marks, unbalanced quotes and tags, and words the extractor acts on.
PIECES = ["[/url]", "[bold]", "\x00", "\x1b[31m", "\ud800", "\u202e", "\u200f", "“", "”", "<div>", "</p>", "&amp;",
          "\n", "\r", "。", "，", "皖事通", "一网通办", "某县数据资源管理局", "2024年", "平台", "（", "）"]
TEXT = st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=40)), max_size=200).map("".join)


def _encoded(text: str, encoding: str) -> bytes:
    return text.encode(encoding, errors="surrogatepass" if encoding == "utf-8" else "replace")


def _nested(text: str, depth: int) -> str:
    return "<div>" * depth + text + "</div>" * depth


CONTENT = st.one_of(
    st.binary(max_size=8192),
    st.builds(_encoded, TEXT, st.sampled_from(["utf-8", "gb18030", "big5", "utf-16"])),
    st.builds(lambda t, d: _nested(t, d).encode("utf-8", "surrogatepass"), TEXT, st.integers(0, 2000)),
    st.builds(lambda prefix, t: prefix + t.encode("utf-8", "surrogatepass"),
              st.sampled_from([b"%PDF-1.7\n", b"PK\x03\x04", b"\xef\xbb\xbf", b"---\ntitle: x\n---\n"]), TEXT),
)
NAME = st.lists(st.sampled_from(["[bold]", "[/x]", "报告", "a", " ", "-", "(1)", "\u202e"]), max_size=4).map("".join)
FILES = st.lists(st.tuples(NAME, st.sampled_from([".txt", ".md", ".html", ".pdf", ".docx"]), CONTENT),
                 min_size=1, max_size=6)


@settings(max_examples=8, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.data_too_large])
@given(files=FILES)
def test_random_files_never_crash_kg_extract(files, tmp_path_factory):
    folder = tmp_path_factory.mktemp("fuzz")
    for i, (name, suffix, data) in enumerate(files):
        path = folder / f"{i}{name}{suffix}"  # "[/x]" makes a folder "…[" holding "x]…"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    # bounded time (--max-seconds) and memory (3 GiB of data) per run, whatever the files hold
    proc = run_kg("extract", str(folder), "--max-seconds", "30", check=False, max_memory=3 * 2**30)
    assert proc.returncode in (0, 1), proc.stderr
    assert "Traceback" not in proc.stderr
    lines = [line for line in proc.stderr.splitlines() if line.strip()]
    assert len(lines) <= len(files)
    for line in lines:
        assert line.startswith(("failed ", "warning ")) and str(folder) in line, line
