"""Region and year accuracy of `kg extract` on a labelled corpus of government work reports.

The corpus (default ``../shared/corpus/gov-work-reports``) has a ``manifest.jsonl`` giving each
file's region, level and year label (the year the report was delivered).  This script runs the real
``kg extract --no-manifest`` over the files (so that nothing is read from the manifest), then
compares:

* the reporting region with the label's region (a State Council report has none);
* the year with the rule govkg follows: a report delivered in year Y covers Y−1, one delivered in
  November or December (a file named ``2016-11.md``) covers Y; where the manifest's note says the
  text reads as another session's report, that session's year is used.

It prints accuracy by level and every miss.  ``--sample N`` checks every N-th file (a quick look);
``--top N`` also ranks the platforms, programs and agencies the corpus yields by the number of
reports naming them (what a user of the graph sees first); ``--json`` prints the figures for
scripts.  Exit code 0 unless ``kg extract`` itself failed.

    python scripts/corpus_check.py                      # the whole corpus, all cores
    python scripts/corpus_check.py --sample 20 --jobs 2
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus" / "gov-work-reports"
NOTED_SESSION = re.compile(r"reads as the (\d{4}) session")
LATE_FILE = re.compile(r"^\d{4}-(\d{1,2})$")  # 2016-11.md: delivered in November 2016
LATE_SESSION_MONTH = 11


def expected_year(row: dict) -> int:
    """The year the report covers by govkg's rule, from the manifest's label, note and file name."""
    noted = NOTED_SESSION.search(row.get("note") or "")
    session = int(noted.group(1)) if noted else int(row["year_label"])
    late = LATE_FILE.match(Path(row["path"]).stem)
    return session if late and int(late.group(1)) >= LATE_SESSION_MONTH else session - 1


def expected_region(row: dict) -> str | None:
    return None if row["level"] == "national" else row["region"]


def run_extract(corpus: Path, rows: list[dict], jobs: int | None) -> dict[str, dict]:
    """`kg extract` over the chosen files, keyed by their path relative to the corpus."""
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "corpus"
        for row in rows:  # the same relative paths, so that kg names each report as the manifest does
            link = folder / row["path"]
            link.parent.mkdir(parents=True, exist_ok=True)
            link.symlink_to((corpus / row["path"]).resolve())
        cmd = [sys.executable, "-m", "kg.cli", "extract", str(folder), "--no-manifest", "--format", "jsonl"]
        if jobs:
            cmd += ["--jobs", str(jobs)]
        env = {**os.environ, "PYTHONPATH": str(ROOT), "PYTHONIOENCODING": "utf-8"}
        proc = subprocess.run(cmd, capture_output=True, text=True, encoding="utf-8", env=env, cwd=ROOT)
    if proc.returncode not in (0, 1):
        sys.exit(f"kg extract failed ({proc.returncode}): {proc.stderr.strip()[-500:]}")
    out = {}
    for line in proc.stdout.splitlines():
        result = json.loads(line)
        out[result["document"]] = result
    return out


def check(corpus: Path, sample: int = 1, jobs: int | None = None, top: int = 0) -> dict:
    rows = [json.loads(line) for line in (corpus / "manifest.jsonl").read_text(encoding="utf-8").splitlines()
            if line.strip()][::sample]
    results = run_extract(corpus, rows, jobs)
    totals: Counter[str] = Counter()
    region_right: Counter[str] = Counter()
    year_right: Counter[str] = Counter()
    misses = []
    for row in rows:
        level = row["level"]
        totals[level] += 1
        result = results.get(row["path"])
        got_region = ((result or {}).get("region") or {}).get("name")
        got_year = (result or {}).get("year")
        region_ok = result is not None and got_region == expected_region(row)
        year_ok = result is not None and got_year == expected_year(row)
        region_right[level] += region_ok
        year_right[level] += year_ok
        if not (region_ok and year_ok):
            misses.append({"path": row["path"], "level": level,
                           "region": {"expected": expected_region(row), "got": got_region, "right": region_ok},
                           "year": {"expected": expected_year(row), "got": got_year, "right": year_ok},
                           "extracted": result is not None})
    levels = {level: {"reports": n, "region_right": region_right[level], "year_right": year_right[level]}
              for level, n in sorted(totals.items())}
    n = sum(totals.values())
    return {"corpus": str(corpus), "reports": n, "extracted": len(results), "levels": levels,
            "region_accuracy": round(sum(region_right.values()) / n, 4) if n else 0.0,
            "year_accuracy": round(sum(year_right.values()) / n, 4) if n else 0.0, "misses": misses,
            "top": {t: ranked(results.values(), t, top) for t in ENTITY_TYPES} if top else {}}


ENTITY_TYPES = ("platform", "program", "agency")


def ranked(results, type_: str, top: int) -> list[tuple[str, int]]:
    """The names of one type by the number of reports naming them, most first."""
    counts: Counter[str] = Counter()
    for result in results:
        counts.update({e["name"] for e in result["entities"][type_]})
    return sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:top]


def print_table(report: dict) -> None:
    print(f"{'level':<16} {'reports':>7} {'region':>14} {'year':>14}")
    for level, c in report["levels"].items():
        print(f"{level:<16} {c['reports']:>7} {c['region_right']:>6} {c['region_right'] / c['reports']:>7.1%}"
              f" {c['year_right']:>6} {c['year_right'] / c['reports']:>7.1%}")
    print(f"{'all':<16} {report['reports']:>7} {'':>6} {report['region_accuracy']:>7.1%} {'':>6} "
          f"{report['year_accuracy']:>7.1%}")
    if report["misses"]:
        print("\nmisses (path: region expected → got; year expected → got):")
        for m in report["misses"]:
            region = "" if m["region"]["right"] else f" region {m['region']['expected']} → {m['region']['got']}"
            year = "" if m["year"]["right"] else f" year {m['year']['expected']} → {m['year']['got']}"
            print(f"  {m['path']}:{region}{year}")
    for type_, names in report["top"].items():
        print(f"\n{type_}s named by most reports:")
        print("  " + ", ".join(f"{name} {n}" for name, n in names))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpus", nargs="?", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--sample", type=int, default=1, help="check every N-th file of the manifest")
    parser.add_argument("--jobs", "-j", type=int, default=None, help="kg extract processes (default: all cores)")
    parser.add_argument("--top", type=int, default=0, help="also rank the N names of each type most reports give")
    parser.add_argument("--json", action="store_true", help="print JSON instead of a table")
    args = parser.parse_args()
    if not (args.corpus / "manifest.jsonl").is_file():
        sys.exit(f"{args.corpus}: no manifest.jsonl (give the corpus folder)")
    report = check(args.corpus, max(1, args.sample), args.jobs, args.top)
    if args.json:
        print(json.dumps(report, ensure_ascii=False, indent=2))
    else:
        print_table(report)


if __name__ == "__main__":
    main()
