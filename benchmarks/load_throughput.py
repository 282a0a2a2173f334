"""Load throughput of the graph stores, in relationships per second.

Extracts a base set of real reports once (the seeds, the examples, the provincial corpus), then
synthesises N reports by re-homing copies of them onto different counties and years, so the
derived facts spread over many regions as a national corpus would.  Only the store step is timed:
extraction speed is a separate figure.

    python benchmarks/load_throughput.py --reports 2000 [--batch-size 200] [--neo4j] [--json]

``--neo4j`` loads into the server named by NEO4J_URI / NEO4J_PASSWORD (its database is wiped
first!), or, with ``--start-server``, into a throwaway server started by tests/neo4j_server.
``--bulk`` times the other way into Neo4j: a fresh ``kg export --format neo4j-admin`` of the
embedded graph, then the importer (the test server's own neo4j-admin) into a new database.
"""

from __future__ import annotations

import argparse
import copy
import itertools
import json
import os
import random
import re
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterable, Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from extractors.knowledge.divisions import load_divisions  # noqa: E402
from extractors.pipeline import Extractor  # noqa: E402
from extractors.read import iter_report_paths  # noqa: E402
from kg.model import ReportRows, region_row, rows_for  # noqa: E402
from kg.stores import EmbeddedStore  # noqa: E402

sys.path.insert(0, str(ROOT / "benchmarks"))
from bench import _run_child, disk_mb, fresh_queries  # noqa: E402


def base_rows(folders: list[Path]) -> list[ReportRows]:
    extractor, divisions = Extractor(), load_divisions()
    paths = [p for p in iter_report_paths([f for f in folders if f.exists()]) if p.suffix == ".txt"]
    return [rows_for(extractor.extract_path(p), divisions) for p in paths]


def synthesise(base: list[ReportRows], n: int, seed: int = 7) -> Iterator[ReportRows]:
    """``n`` reports: copies of ``base`` moved to random counties and years, with fresh ids and
    paths, made one at a time (memory stays that of the store)."""
    rng = random.Random(seed)
    divisions = load_divisions()
    counties = sorted((d for d in divisions.by_code.values() if d.level == "county"), key=lambda d: d.code)
    for i in range(n):
        rows = copy.deepcopy(base[i % len(base)])
        county = counties[rng.randrange(len(counties))]
        rid = f"{rows.report['id']}-{i:06d}"
        rows.report.update(
            id=rid, path=f"/synthetic/{i:06d}/{rows.report['file']}", year=rng.randrange(2016, 2026), region=county.name
        )
        # the regions are the new home's chain plus each partner's chain, as rows_for would give
        original = {r["id"]: r for r in rows.regions}
        chains = [_chain(divisions, county)]
        for key in sorted({p["region"] for p in rows.partners}):
            d = divisions.by_code.get(key)
            chains.append(_chain(divisions, d) if d else [original[key]])
        rows.regions = sorted({r["id"]: r for c in chains for r in c}.values(), key=lambda r: r["id"])
        rows.part_of = [
            {"child": a, "parent": b}
            for a, b in sorted({(c[j]["id"], c[j + 1]["id"]) for c in chains for j in range(len(c) - 1)})
        ]
        rows.about = {"report": rid, "region": chains[0][0]["id"]}
        for row in [*rows.mentions, *rows.partners, *rows.figures, *rows.issued]:
            row["report"] = rid  # every provenance row belongs to the copy, not to the original
        for row in rows.issued:
            row["file"] = rows.report["file"]
        yield rows


def _chain(divisions, d) -> list[dict]:
    return [region_row(divisions.ref(x)) for x in [d, *divisions.ancestors(d)]]


def timed_load(store, reports: Iterable[ReportRows], batch_size: int) -> float:
    """Seconds spent in ``load_reports`` (making the synthetic rows is not counted)."""
    seconds, batch = 0.0, []
    for rows in itertools.chain(reports, [None]):
        if rows is not None:
            batch.append(rows)
        if batch and (rows is None or len(batch) >= batch_size):
            start = time.perf_counter()
            store.load_reports(batch)
            seconds += time.perf_counter() - start
            batch = []
    return seconds


def figures(store, seconds: float) -> dict:
    counts = store.counts()
    rels = sum(counts["relationships"].values())
    nodes = sum(counts["nodes"].values())
    return {
        "store": store.name,
        "seconds": round(seconds, 2),
        "nodes": nodes,
        "relationships": rels,
        "relationships_per_s": round(rels / seconds),
        "reports": counts["nodes"].get("Report", 0),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--reports", type=int, default=1000)
    parser.add_argument("--batch-size", type=int, default=200)
    parser.add_argument("--neo4j", action="store_true", help="also load into Neo4j")
    parser.add_argument("--start-server", action="store_true", help="start a throwaway Neo4j for --neo4j")
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--queries", action="store_true", help="time a fresh `kg query` of each canned query")
    parser.add_argument("--keep", type=Path, help="build the embedded graph in this folder and keep it")
    parser.add_argument("--bulk", action="store_true", help="time kg export --format neo4j-admin + neo4j-admin import")
    args = parser.parse_args()

    shared = ROOT.parent / "shared"
    base = base_rows([shared / "seeds", ROOT / "examples" / "reports", shared / "corpus" / "provincial-2026"])
    results = []
    with tempfile.TemporaryDirectory() as tmp:
        folder = args.keep or Path(tmp) / "db"
        embedded = EmbeddedStore(folder)
        seconds = timed_load(embedded, synthesise(base, args.reports), args.batch_size)
        started = time.perf_counter()
        embedded.close()  # publishes: the derived facts are aggregated then
        seconds += time.perf_counter() - started
        results.append(figures(embedded, seconds))
        embedded.close()
        results[-1]["peak_rss_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
        results[-1]["disk_mb"] = disk_mb(folder)
        if args.queries:
            results[-1]["fresh_queries"] = fresh_queries(EmbeddedStore(folder), folder)
        if args.bulk:
            results.append(_bulk(folder, Path(tmp)))
        if args.neo4j:
            results.append(_neo4j(synthesise(base, args.reports), args.batch_size, args.start_server, Path(tmp)))
    if args.json:
        print(json.dumps({"base_reports": len(base), "batch_size": args.batch_size, "results": results}, indent=2))
    else:
        print(f"{args.reports} reports (from {len(base)} real ones), batch size {args.batch_size}")
        print(f"{'store':10} {'seconds':>8} {'nodes':>9} {'rels':>10} {'rels/s':>9}")
        for r in results:
            print(
                f"{r['store']:10} {r['seconds']:8.2f} {r['nodes']:9d} {r['relationships']:10d} "
                f"{r['relationships_per_s']:9d}"
            )
            if "peak_rss_mb" in r:
                print(f"  peak RSS of this process {r['peak_rss_mb']} MB; {r['disk_mb']} MB on disk")
            if "import_s" in r:
                print(f"  export {r['export_s']} s (peak RSS {r['export_peak_rss_mb']} MB), import {r['import_s']} s "
                      f"({r['import_relationships_per_s']} relationships/s), {r['csv_mb']} MB of CSV")
            for name, q in r.get("fresh_queries", {}).items():
                print(f"  fresh kg query {name:18} {q['median_s']:6.3f} s  {q['rows']} rows")
    return 0


def _bulk(folder: Path, tmp: Path) -> dict:
    """A fresh `kg export --format neo4j-admin` process, then the export's import script run with
    the test server's own neo4j-admin into a new server home; each step's wall time."""
    sys.path.insert(0, str(ROOT / "tests" / "neo4j_server"))
    import launcher

    export = tmp / "neo4j-admin"
    code = (  # a small parent, so the peak RSS of its children is the export's own
        "import resource, subprocess, sys, time\n"
        "t = time.perf_counter()\n"
        f"subprocess.run([sys.executable, '-m', 'kg.cli', 'export', {str(export)!r}, '--format', 'neo4j-admin',"
        f" '--db', {str(folder)!r}], check=True, capture_output=True)\n"
        "print(time.perf_counter() - t, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)"
    )
    child = _run_child(code)
    if child.returncode:
        raise SystemExit(child.stderr[-2000:])
    seconds, kb = child.stdout.split()
    export_s, export_rss = float(seconds), int(kb) / 1024
    env = {**os.environ, "NEO4J_ADMIN": str(launcher.admin_command(tmp / "bulk-home"))}
    started = time.perf_counter()
    imported = subprocess.run(["sh", str(export / "neo4j-admin-import.sh")], env=env, capture_output=True, text=True)
    import_s = time.perf_counter() - started
    if imported.returncode:
        raise SystemExit(imported.stdout[-2000:] + imported.stderr[-2000:])
    rels = int(re.search(r"(\d+) relationships", imported.stdout).group(1))
    nodes = int(re.search(r"(\d+) nodes", imported.stdout).group(1))
    return {
        "store": "neo4j-bulk",
        "seconds": round(export_s + import_s, 2),
        "nodes": nodes,
        "relationships": rels,
        "relationships_per_s": round(rels / (export_s + import_s)),
        "export_s": round(export_s, 1),
        "export_peak_rss_mb": round(export_rss),
        "import_s": round(import_s, 1),
        "import_relationships_per_s": round(rels / import_s),
        "csv_mb": disk_mb(export),
    }


def _neo4j(reports: Iterable[ReportRows], batch_size: int, start_server: bool, tmp: Path) -> dict:
    from neo4j_target import bench_settings, wipe

    from kg.stores.neo4j_store import Neo4jStore

    settings, server = bench_settings(start_server, tmp)
    try:
        with Neo4jStore(settings) as store:
            wipe(store)
            store.apply_schema()
            return figures(store, timed_load(store, reports, batch_size))
    finally:
        if server:
            server.stop()


if __name__ == "__main__":
    sys.exit(main())
