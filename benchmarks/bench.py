"""govkg benchmark: extraction speed and scaling, memory, load throughput, query latency.

    python benchmarks/bench.py --reports N [--jobs J] [--neo4j] [--json]

1. Synthesises N report files from templates filled with real names (regions from the divisions
   table, platforms and programs from the knowledge base, years 2016-2025) and with lengths like
   real reports (2k-30k characters), written to a temporary folder.
2. Extraction: characters/second on one core, and the ratio to a bare pyahocorasick scan of the
   same text for every knowledge-base name (the practical floor); then wall time for --jobs 1..J.
3. Peak RSS of `kg extract` (streaming) over N and 10·N reports, in a child process.
4. Loading the extracted rows into the embedded store and (--neo4j) into Neo4j: relationships/s,
   and for Neo4j the batched loader against a one-row-per-transaction loader on a sample.
5. p50/p95 latency of every canned query on the loaded graph, both stores; and for the embedded
   store the wall time of a fresh `kg query` process (what a user waits for), median of 3.

``--neo4j`` uses NEO4J_URI/NEO4J_PASSWORD (the database is wiped!) or, with ``--start-server``,
a throwaway server from tests/neo4j_server.
"""

from __future__ import annotations

import argparse
import json
import os
import pickle
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from extractors.knowledge import load_knowledge_base  # noqa: E402
from extractors.knowledge.divisions import load_divisions  # noqa: E402

TEMPLATES = [
    "{year}年，{short}依托“{platform}”推进“{program}”改革，政务服务事项网上可办率达到{pct}%。",
    "我局牵头推进“{program}”，{platform}注册用户突破{num}万人，累计办件{num}万件。",
    "全面推行“{program2}”服务模式，{count}个高频事项实现“{program}”。",
    "与{partner}签订“跨省通办”合作协议，实现{count}个事项异地代办。",
    "{region}政务服务中心优化窗口设置，开展“{program2}”专项行动，群众满意度持续提升。",
    "围绕数字政府建设，推动{platform}与“{platform2}”数据共享，打通{count}个部门业务系统。",
    "下一步，我们将持续深化“{program}”，推动更多事项“{program2}”。",
]
# Where real prose comes from: the shipped examples, and beside the checkout (../shared) the seed
# reports and the 31 provincial reports (one file per province, named after it) when they are there.
SHARED_PROSE = [ROOT / "examples" / "reports", ROOT.parent / "shared" / "seeds"]
PROVINCIAL_PROSE = ROOT.parent / "shared" / "corpus" / "provincial-2026"
TEMPLATE_SHARE = 0.03  # of sentences; ~12 mentions per 1,000 characters (seeds: 18, provincial reports: 2.9)
SENTENCE = re.compile(r"[^。！？\n]+[。！？]?")
NOT_A_PROVINCE = {"national", "generic", "regional", "provincial"}  # knowledge-base scopes


def _sentences(path: Path) -> list[str]:
    """A report's sentences of 10-300 characters."""
    return [s.strip() for s in SENTENCE.findall(path.read_text(encoding="utf-8")) if 10 <= len(s.strip()) <= 300]


def prose_by_province(kb, provinces: set[str]) -> dict[str, list[str]]:
    """Per province, the real sentences a county report there may contain: those of its own
    provincial report, and those of the examples and seeds that name no other province's platform
    or program.

    A county names its own province's platforms and programs year after year. Drawing every report
    from all provinces' sentences gave a synthetic county's ten reports a median of 304 distinct
    platforms and programs (170 with these pools; 40 counties of 30,000 reports each)."""
    from extractors.recognise.knowledge_matcher import KnowledgeMatcher

    matcher = KnowledgeMatcher(kb)  # what the extractor will recognise in the sentence, not substrings

    def provinces_named(sentence: str) -> set[str]:
        return {
            e.scope
            for c in matcher.find(sentence)
            for e in [kb.lookup(c.name, c.type)]
            if e is not None and e.scope not in NOT_A_PROVINCE
        }

    shared = [
        (s, provinces_named(s))
        for folder in SHARED_PROSE
        if folder.is_dir()
        for path in sorted(folder.glob("*.txt"))
        for s in _sentences(path)
    ]
    pools = {}
    for province in sorted(provinces):
        own = PROVINCIAL_PROSE / f"{province}.txt"
        candidates = [(s, provinces_named(s)) for s in (_sentences(own) if own.is_file() else [])] + shared
        pools[province] = [s for s, named in candidates if named <= {province}]
    return pools


def synthesise(n: int, folder: Path, seed: int = 11) -> list[Path]:
    """N report files: a county and year in the title, paragraphs of real report sentences of the
    county's province (see :func:`prose_by_province`), and one sentence in thirty from templates
    filled with names the knowledge base and divisions table really hold (national platforms and
    programs and the province's own, partner counties anywhere)."""
    rng = random.Random(seed)
    kb, divisions = load_knowledge_base(), load_divisions()
    counties = sorted((d for d in divisions.by_code.values() if d.level == "county"), key=lambda d: d.code)
    provinces = {divisions.ref(c).province or "" for c in counties}
    prose = prose_by_province(kb, provinces)

    def names(type_: str, province: str) -> list[str]:
        return sorted({e.name for e in kb.entries if e.type == type_ and e.scope in NOT_A_PROVINCE | {province}})

    platforms = {p: names("platform", p) for p in provinces}
    programs = {p: names("program", p) for p in provinces}
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(n):
        county = counties[rng.randrange(len(counties))]
        ref = divisions.ref(county)
        province = ref.province or ""
        year = rng.randrange(2016, 2026)
        title = f"{province}{ref.parent or ''}{county.name}数据资源管理局{year}年工作总结"
        target = rng.choice([2000, 4000, 8000, 15000, 30000])
        body, paragraph, size = [title], [], len(title)
        while size < target:
            if rng.random() < TEMPLATE_SHARE:
                partner = counties[rng.randrange(len(counties))]
                s = rng.choice(TEMPLATES).format(
                    year=year,
                    short="全县",
                    region=county.name,
                    platform=rng.choice(platforms[province]),
                    platform2=rng.choice(platforms[province]),
                    program=rng.choice(programs[province]),
                    program2=rng.choice(programs[province]),
                    partner=f"{divisions.ref(partner).province or ''}{partner.name}",
                    pct=rng.randrange(80, 100),
                    num=rng.randrange(2, 500),
                    count=rng.randrange(2, 80),
                )
            else:
                s = prose[province][rng.randrange(len(prose[province]))]
            paragraph.append(s)
            size += len(s)
            if len(paragraph) >= rng.randrange(3, 7):
                body.append("".join(paragraph))
                paragraph = []
        body.append("".join(paragraph))
        path = folder / f"r{i:06d}.txt"
        path.write_text("\n".join(body), encoding="utf-8")
        paths.append(path)
    return paths


def bare_scan_seconds(texts: list[str]) -> float:
    """One pyahocorasick pass over the texts for every knowledge-base name and alias."""
    import ahocorasick

    kb = load_knowledge_base()
    automaton = ahocorasick.Automaton()
    for entry in kb.entries:
        for name in {entry.name, *entry.aliases}:
            automaton.add_word(name, name)
    automaton.make_automaton()
    start = time.perf_counter()
    hits = 0
    for text in texts:
        for _ in automaton.iter(text):
            hits += 1
    return time.perf_counter() - start


def extraction(paths: list[Path], max_jobs: int) -> dict:
    """Rates on a sample: characters/s on one core (in-process, after a warm-up report), the bare
    scan of the same texts, and wall time of the parallel extractor for --jobs 1..max_jobs
    (worker start-up included, as a user sees it)."""
    from extractors.batch import extract_many
    from extractors.pipeline import Extractor
    from extractors.settings import ExtractionSettings

    texts = [p.read_text(encoding="utf-8") for p in paths]
    chars = sum(len(t) for t in texts)
    extractor = Extractor()
    extractor.extract_path(paths[0])  # warm up
    start = time.perf_counter()
    for p in paths:
        extractor.extract_path(p)
    one_core = time.perf_counter() - start
    scan = bare_scan_seconds(texts)
    scaling, startup = {}, {}
    for jobs in range(1, max_jobs + 1):
        start = time.perf_counter()
        for _ in extract_many(paths[:jobs], {}, ExtractionSettings(), jobs):  # one report per process
            pass
        startup[jobs] = time.perf_counter() - start
        start = time.perf_counter()
        for _ in extract_many(paths, {}, ExtractionSettings(), jobs):
            pass
        scaling[jobs] = time.perf_counter() - start
    return {
        "sample_reports": len(paths),
        "chars": chars,
        "seconds_one_core": round(one_core, 2),
        "chars_per_s_per_core": round(chars / one_core),
        "bare_scan_chars_per_s": round(chars / scan),
        "ratio_to_bare_scan": round(one_core / scan, 1),
        "wall_seconds_by_jobs": {j: round(s, 2) for j, s in scaling.items()},
        "speedup_at_max_jobs": round(scaling[1] / scaling[max_jobs], 2),
        "startup_seconds_by_jobs": {j: round(s, 2) for j, s in startup.items()},
        "speedup_after_startup": _ratio(scaling[1] - startup[1], scaling[max_jobs] - startup[max_jobs]),
        "machine_ceiling_speedup": machine_ceiling(max_jobs),
    }


def _ratio(a: float, b: float) -> float | None:
    """a / b, or None when b is no time at all (a sample too small to outlast worker start-up)."""
    return round(a / b, 2) if a > 0 and b > 0 else None


def _burn(n: int) -> int:
    total = 0
    for i in range(n):
        total += i * i
    return total


def machine_ceiling(jobs: int, n: int = 20_000_000) -> float:
    """Speed-up of ``jobs`` processes on a pure CPU loop with nothing to communicate: what this
    machine's cores allow at best (shared virtual cores give well under ``jobs``)."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    start = time.perf_counter()
    for _ in range(jobs):
        _burn(n)
    serial = time.perf_counter() - start
    with ProcessPoolExecutor(jobs, mp_context=multiprocessing.get_context("spawn")) as pool:
        list(pool.map(_burn, [10] * jobs))  # started
        start = time.perf_counter()
        list(pool.map(_burn, [n] * jobs))
        parallel = time.perf_counter() - start
    return round(serial / parallel, 2)


def extract_corpus(paths: list[Path], jobs: int, rows_file: Path) -> dict:
    """The whole corpus with ``jobs`` processes, rows streamed to a file (memory stays flat)."""
    from extractors.batch import extract_many
    from extractors.settings import ExtractionSettings
    from kg.model import rows_for

    divisions = load_divisions()
    chars = 0
    start = time.perf_counter()
    with open(rows_file, "wb") as fh:
        for _, result, _problem in extract_many(paths, {}, ExtractionSettings(), jobs):
            if result is not None:
                chars += len(result.document.text)
                pickle.dump(rows_for(result, divisions), fh, protocol=pickle.HIGHEST_PROTOCOL)
    seconds = time.perf_counter() - start
    return {
        "reports": len(paths),
        "chars": chars,
        "jobs": jobs,
        "seconds": round(seconds, 2),
        "chars_per_s": round(chars / seconds),
    }


def row_batches(rows_file: Path, batch_size: int):
    """The extracted rows back from the file, ``batch_size`` reports at a time."""
    batch = []
    with open(rows_file, "rb") as fh:
        while True:
            try:
                batch.append(pickle.load(fh))
            except EOFError:
                break
            if len(batch) >= batch_size:
                yield batch
                batch = []
    if batch:
        yield batch


def _run_child(code: str) -> subprocess.CompletedProcess[str]:
    """``code`` in a fresh Python process (its own peak RSS), kg importable from this checkout."""
    return subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )


def peak_rss_mb(folder: Path, jobs: int) -> float:
    """Peak RSS (MB) of the largest process of `kg extract` streaming over the folder."""
    code = (
        "import resource, subprocess, sys\n"
        f"p = subprocess.run([sys.executable, '-m', 'kg.cli', 'extract', {str(folder)!r}, '--jobs', '{jobs}'],"
        " stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)\n"
        "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)"
    )
    out = _run_child(code)
    return round(int(out.stdout.strip()) / 1024, 1)


def sample_params(store) -> dict[str, dict[str, str]]:
    """For each canned query, parameter values that give rows on a synthetic graph."""
    from kg.queries import catalog

    sample = {"platform": "皖事通", "program": "一网通办", "name": "一网通办", "province": "安徽省", "region": None}
    adopters = store.query("program-adopters", {"program": "一网通办"})
    sample["region"] = adopters[0]["region"] if adopters else "涡阳县"
    return {name: {p.name: sample[p.name] for p in q.params if sample.get(p.name)} for name, q in catalog().items()}


def latencies(store, repeats: int = 20) -> dict:
    """p50/p95 of each canned query inside one process (the store opened once)."""
    from extractors.knowledge import load_knowledge_base as kb_
    from kg.queries import catalog, resolve_params

    kb, divisions = kb_(), load_divisions()
    out = {}
    for name, given in sample_params(store).items():
        params = resolve_params(catalog()[name], given, kb, divisions, require=False)
        store.query(name, params)  # warm-up: Neo4j plans a query on its first run and caches the plan
        times = []
        for _ in range(repeats):
            start = time.perf_counter()
            rows = store.query(name, params)
            times.append((time.perf_counter() - start) * 1000)
        times.sort()
        out[name] = {
            "p50_ms": round(statistics.median(times), 2),
            "p95_ms": round(times[min(len(times) - 1, int(0.95 * len(times)))], 2),
            "rows": len(rows),
        }
    return out


def fresh_queries(store, db: Path, repeats: int = 3, target_args: tuple[str, ...] = ()) -> dict:
    """Wall time of `kg query NAME … --format json` in a fresh process, as a user waits for it
    (interpreter start, imports, parameter resolution and opening the store included): the median
    of ``repeats`` runs of each canned query."""
    kg = Path(sys.executable).with_name("kg")
    command = [str(kg)] if kg.exists() else [sys.executable, "-m", "kg.cli"]
    # bytecode cached, as after an install (an environment that forbids writing it compiles every
    # module of kg on every start: ~0.1 s more)
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    subprocess.run([*command, "--help"], capture_output=True, env=env)  # writes the bytecode once
    out = {}
    for name, given in sample_params(store).items():
        args = [
            *command,
            "query",
            name,
            *(f"{k}={v}" for k, v in given.items()),
            "--db",
            str(db),
            "--format",
            "json",
            *target_args,
        ]
        times, rows = [], 0
        for _ in range(repeats):
            start = time.perf_counter()
            proc = subprocess.run(args, capture_output=True, text=True, cwd=ROOT, env={**env, "PYTHONPATH": str(ROOT)})
            times.append(time.perf_counter() - start)
            if proc.returncode != 0:
                raise RuntimeError(f"kg query {name}: {proc.stderr.strip()}")
            rows = len(json.loads(proc.stdout))
        out[name] = {"median_s": round(statistics.median(times), 3), "rows": rows}
    return out


def disk_mb(folder: Path) -> float:
    return round(sum(f.stat().st_size for f in folder.rglob("*") if f.is_file()) / 2**20, 1)


def load_embedded(rows_file: Path, batch_size: int, folder: Path) -> tuple[dict, object]:
    """Load the extracted rows in a child process (its peak RSS is the load's alone)."""
    from kg.stores import EmbeddedStore

    code = (
        "import json, resource, sys, time\n"
        f"sys.path.insert(0, {str(ROOT / 'benchmarks')!r})\n"
        "from bench import row_batches\n"
        "from pathlib import Path\n"
        "from kg.stores import EmbeddedStore\n"
        f"store = EmbeddedStore({str(folder)!r})\n"
        "start = time.perf_counter()\n"
        f"for batch in row_batches(Path({str(rows_file)!r}), {batch_size}):\n"
        "    store.load_reports(batch)\n"
        "store.close()\n"
        "print(json.dumps([time.perf_counter() - start, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss]))\n"
    )
    proc = _run_child(code)
    if proc.returncode != 0:
        raise RuntimeError(proc.stderr)
    seconds, rss_kb = json.loads(proc.stdout.strip().splitlines()[-1])
    store = EmbeddedStore(folder)
    rels = sum(store.counts()["relationships"].values())
    return {
        "seconds": round(seconds, 2),
        "relationships": rels,
        "relationships_per_s": round(rels / seconds),
        "peak_rss_mb": round(rss_kb / 1024),
        "disk_mb": disk_mb(folder),
    }, store


def row_by_row(store, rows) -> float:
    """Relationships/s of the naive way: every report in its own transaction."""
    before = sum(store.counts()["relationships"].values())
    start = time.perf_counter()
    for r in rows:
        store.load_reports([r])
    seconds = time.perf_counter() - start
    return (sum(store.counts()["relationships"].values()) - before) / seconds


def load_neo4j(rows_file: Path, batch_size: int, start_server: bool, tmp: Path) -> tuple[dict, object, object]:
    from neo4j_target import bench_settings, wipe

    from kg.stores.neo4j_store import Neo4jStore

    settings, server = bench_settings(start_server, tmp)
    store = Neo4jStore(settings)
    wipe(store)
    store.apply_schema()
    sample = next(row_batches(rows_file, 30))
    naive = row_by_row(store, sample)
    wipe(store)
    start = time.perf_counter()
    for batch in row_batches(rows_file, batch_size):
        store.load_reports(batch)
    seconds = time.perf_counter() - start
    rels = sum(store.counts()["relationships"].values())
    figures = {
        "seconds": round(seconds, 2),
        "relationships": rels,
        "relationships_per_s": round(rels / seconds),
        "row_by_row_relationships_per_s": round(naive),
        "batched_over_row_by_row": round(rels / seconds / naive, 1),
    }
    return figures, store, server


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--reports", type=int, default=300)
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1, help="highest --jobs to time")
    parser.add_argument("--sample", type=int, default=1000, help="reports the per-core rates are measured on")
    parser.add_argument("--batch-size", type=int, default=200)
    parser.add_argument("--neo4j", action="store_true")
    parser.add_argument("--start-server", action="store_true")
    parser.add_argument("--no-rss", action="store_true", help="skip the N and 10·N memory runs")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()

    report: dict = {"machine": {"cores": os.cpu_count(), "python": sys.version.split()[0]}}
    with tempfile.TemporaryDirectory(prefix="govkg-bench-") as tmp:
        tmp_path = Path(tmp)
        paths = synthesise(args.reports, tmp_path / "corpus")
        report["extraction"] = extraction(paths[: args.sample], args.jobs)
        report["extract_corpus"] = extract_corpus(paths, args.jobs, tmp_path / "rows.pickle")
        if not args.no_rss:
            big = synthesise(args.reports * 10, tmp_path / "corpus10", seed=12)
            report["peak_rss_mb"] = {
                str(args.reports): peak_rss_mb(tmp_path / "corpus", args.jobs),
                str(len(big)): peak_rss_mb(tmp_path / "corpus10", args.jobs),
            }
            shutil.rmtree(tmp_path / "corpus10")
        report["load_embedded"], embedded = load_embedded(tmp_path / "rows.pickle", args.batch_size, tmp_path / "db")
        report["queries_embedded"] = latencies(embedded)
        report["fresh_queries_embedded"] = fresh_queries(embedded, tmp_path / "db")
        embedded.close()
        if args.neo4j:
            report["load_neo4j"], neo, server = load_neo4j(
                tmp_path / "rows.pickle", args.batch_size, args.start_server, tmp_path
            )
            report["queries_neo4j"] = latencies(neo)
            neo.close()
            if server:
                server.stop()
    if args.json:
        print(json.dumps(report, ensure_ascii=False, indent=2))
    else:
        _print_table(report)
    return 0


def _times(ratio: float | None) -> str:
    return "n/a" if ratio is None else f"{ratio}x"


def _print_table(r: dict) -> None:
    e, c = r["extraction"], r["extract_corpus"]
    print(f"corpus: {c['reports']} reports, {c['chars']:,} characters; {r['machine']['cores']} cores")
    print(
        f"extraction ({e['sample_reports']} reports): {e['chars_per_s_per_core']:,} chars/s per core; bare "
        f"Aho-Corasick scan {e['bare_scan_chars_per_s']:,} chars/s; ratio {e['ratio_to_bare_scan']}x"
    )
    print(
        "wall seconds by --jobs: "
        + ", ".join(f"{j}: {s}" for j, s in e["wall_seconds_by_jobs"].items())
        + f" (speed-up {e['speedup_at_max_jobs']}x; start-up "
        + ", ".join(f"{j}: {s}" for j, s in e["startup_seconds_by_jobs"].items())
        + f" s; speed-up after start-up {_times(e['speedup_after_startup'])}; a bare CPU loop in "
        f"{len(e['startup_seconds_by_jobs'])} "
        f"processes: {e['machine_ceiling_speedup']}x)"
    )
    print(f"whole corpus with --jobs {c['jobs']}: {c['seconds']} s ({c['chars_per_s']:,} chars/s)")
    if "peak_rss_mb" in r:
        print("peak RSS (MB) of `kg extract`: " + ", ".join(f"{n} reports: {m}" for n, m in r["peak_rss_mb"].items()))
    for store in ("embedded", "neo4j"):
        if f"load_{store}" in r:
            load = r[f"load_{store}"]
            extra = (
                (
                    f"; row-by-row {load['row_by_row_relationships_per_s']:,}/s, batched is "
                    f"{load['batched_over_row_by_row']}x"
                )
                if "row_by_row_relationships_per_s" in load
                else ""
            )
            if "peak_rss_mb" in load:
                extra += f"; peak RSS {load['peak_rss_mb']} MB, {load['disk_mb']} MB on disk"
            print(
                f"load {store}: {load['relationships']:,} relationships in {load['seconds']} s = "
                f"{load['relationships_per_s']:,}/s{extra}"
            )
            fresh = r.get(f"fresh_queries_{store}", {})
            print(f"  {'query':18} {'p50 ms':>8} {'p95 ms':>8} {'rows':>6} {'fresh kg query s':>17}")
            for name, q in r[f"queries_{store}"].items():
                seconds = f"{fresh[name]['median_s']:17.3f}" if name in fresh else ""
                print(f"  {name:18} {q['p50_ms']:8.2f} {q['p95_ms']:8.2f} {q['rows']:6d} {seconds}")


if __name__ == "__main__":
    sys.exit(main())
