"""The ``kg`` command: load reports, extract without storing, run canned queries, evaluate.

Exit codes: 0 success; 1 nothing could be done (no report loaded, store unreachable, query
failed); 2 bad usage (unknown query, missing parameter, unknown format).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console
from rich.text import Text

from kg.output import FORMATS, default_format, render_rows

if TYPE_CHECKING:  # a progress bar is drawn only by loads
    from rich.progress import Progress

    from extractors.batch import Finish

app = typer.Typer(
    help="govkg: a knowledge graph of Chinese local-government digitization.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
# Markup is off: paths, parameters and report text are printed as they are (a file named a[/b].txt,
# a sentence quoting [b]), tables included; the few coloured words are rich Text (see _say).
out = Console(soft_wrap=True, markup=False, highlight=False)
err = Console(stderr=True, soft_wrap=True, markup=False, highlight=False)

DbOption = Annotated[str | None, typer.Option("--db", help="Embedded store directory (env KG_DB, default ./kg-data).")]
TargetOption = Annotated[
    str | None, typer.Option("--target", help="Store: embedded (default) or neo4j (env KG_TARGET).")
]
KbOption = Annotated[
    list[Path] | None, typer.Option("--kb-dir", help="Folder with extra platforms.tsv / programs.tsv.")
]
ManifestOption = Annotated[
    list[Path] | None,
    typer.Option(
        "--manifest",
        help="CSV/JSONL of path,url,region,year overriding inference "
        "(a folder's manifest.jsonl/.csv is used by itself).",
    ),
]
CurationOption = Annotated[
    Path | None,
    typer.Option(
        "--curation",
        envvar="KG_CURATION",
        help="TOML curation file: ignore / rename discovered names, add platforms and programs (env KG_CURATION).",
    ),
]
NerOption = Annotated[
    str | None,
    typer.Option(
        "--ner",
        envvar="KG_NER",
        help="Statistical recogniser beside the rules: hanlp, spacy or none "
        "(env KG_NER; default from govkg.toml, else none).",
    ),
]
ModelOption = Annotated[
    str | None,
    typer.Option(
        "--model",
        envvar="KG_NER_MODEL",
        help="Its model: a folder (kg train makes one) or a HanLP identifier such as "
        "MSRA_NER_ELECTRA_SMALL_ZH (env KG_NER_MODEL).",
    ),
]
ConfigOption = Annotated[
    Path | None,
    typer.Option(
        "--config", help="Config file (env KG_CONFIG, default ./govkg.toml when present): [ner] recogniser, model."
    ),
]
MaxMbOption = Annotated[float, typer.Option("--max-file-mb", help="Refuse report files larger than this.")]
MaxSecondsOption = Annotated[
    float,
    typer.Option("--max-seconds", min=0, help="Fail a report whose extraction takes longer than this (0: no limit)."),
]
DEFAULT_MAX_SECONDS = 300.0  # minutes more than the largest real report takes; one stuck file never stalls a load
NoManifestOption = Annotated[
    bool,
    typer.Option(
        "--no-manifest",
        help="Ignore the manifest.jsonl/.csv at the top of a folder: infer region and year from the text.",
    ),
]
JobsOption = Annotated[
    int | None, typer.Option("--jobs", "-j", help="Extraction processes (default: all cores for 20+ files).")
]


def _say(label: str, style: str, message: str) -> None:
    """One line on stderr: a coloured label, then the message as plain text."""
    err.print(Text.assemble((label, style), " ", message))


def _fail(message: str, code: int = 1) -> None:
    _say("error:", "red", message)
    raise typer.Exit(code)


def _parse_params(params: list[str] | None) -> dict[str, str]:
    """``key=value`` arguments as a dict; anything else is a usage error (exit 2)."""
    given: dict[str, str] = {}
    for item in params or []:
        if "=" not in item:
            _fail(f"parameter '{item}' is not key=value", 2)
        key, value = item.split("=", 1)
        given[key.strip()] = value
    return given


def _progress(total: int) -> Progress:
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    return Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeRemainingColumn(),
        console=err,
        transient=True,
        disable=not err.is_terminal or total < 2,
    )


def _check_curation(curation: Path | None) -> None:
    """A curation file that cannot be used is a usage error (exit 2), before any work starts."""
    from extractors.knowledge.curation import CurationError, load_curation

    try:
        load_curation(curation)
    except CurationError as exc:
        _fail(str(exc), 2)


def _knowledge(kb_dirs: list[Path] | None, curation: Path | None):
    """The knowledge base queries resolve names with: the same one loads extracted with."""
    from extractors.knowledge.curation import curated_knowledge_base

    _check_curation(curation)
    return curated_knowledge_base(tuple(str(d) for d in kb_dirs or []), str(curation or ""))


def _canonical_names(names: list[str] | None, kb_dirs: list[Path] | None, curation: Path | None) -> list[str] | None:
    """``--name`` values as the graph names them (aliases resolved), or None when none is given."""
    if not names:
        return None
    kb = _knowledge(kb_dirs, curation)
    return [kb.canonical(n.strip()) for n in names]


def _extraction_settings(
    kb_dirs: list[Path] | None,
    curation: Path | None,
    recogniser: str | None = None,
    model: str | None = None,
    config: Path | None = None,
    max_file_mb: float = 50,
    max_seconds: float | None = None,
):
    """The command's :class:`~extractors.settings.ExtractionSettings`, built and checked once: a
    bad curation file, recogniser choice or config file is a usage error (exit 2)."""
    from extractors.knowledge.curation import CurationError
    from extractors.settings import ExtractionSettings
    from kg.config import ConfigError, ner_settings

    try:
        return ExtractionSettings(
            kb_dirs=tuple(str(d) for d in kb_dirs or []),
            curation_file=str(curation or ""),
            ner=ner_settings(recogniser, model, config),
            max_bytes=int(max_file_mb * 2**20),
            max_seconds=max_seconds or None,
        ).checked()
    except (ConfigError, CurationError) as exc:
        _fail(str(exc), 2)


def _warn_unknown_regions(manifest: Path, entries: dict) -> None:
    """One warning per manifest region that names no division of China (a typo, or a name
    govkg's gazetteer lacks): the report keeps the name as written, with no level or code."""
    from extractors.knowledge.divisions import load_divisions

    divisions = None
    for path, entry in entries.items():
        if entry.region:
            divisions = divisions or load_divisions()
            if not divisions.lookup(entry.region.strip()):
                _say(
                    "warning",
                    "yellow",
                    f"{manifest}: region '{entry.region}' of {path} is no division of China (kept as written)",
                )


def _extract_all(
    paths: list[Path],
    settings,
    manifests: list[Path] | None = None,
    jobs: int | None = None,
    known: dict[str, str | None] | None = None,
    no_manifest: bool = False,
    finish: Finish | None = None,
):
    """Yield (path, result or None, error or None) for every report under ``paths``, in order
    (see ``extractors.batch.Outcome``; ``known`` reports are not extracted again; ``finish``: what
    is kept of each result, see ``extractors.batch.extract_many``).

    A statistical model that cannot be loaded stops everything with one line (exit 2): it would
    fail every report the same way."""
    from extractors.batch import extract_many, resolve_jobs
    from extractors.read import ReadError, iter_reports, manifests_in, read_manifest
    from extractors.recognise.statistical import RecogniserError

    entries = {}
    found = [] if no_manifest else manifests_in(paths)
    for manifest in [*found, *(manifests or [])]:  # explicit manifests win
        try:
            listed = read_manifest(manifest)
        except ReadError as exc:
            _fail(str(exc), 2)
        _warn_unknown_regions(manifest, listed)
        entries.update(listed)
    reports = list(iter_reports(paths))
    files, names = [f for f, _ in reports], dict(reports)
    workers = resolve_jobs(jobs, len(files))
    with _progress(len(files)) as progress:
        task = progress.add_task(f"extracting ({workers} process{'es' if workers > 1 else ''})", total=len(files))
        outcomes = extract_many(files, entries, settings, workers, known, names, finish)
        try:
            for outcome in outcomes:
                yield outcome
                progress.advance(task)
        except RecogniserError as exc:
            _fail(str(exc), 2)


@app.command()
def load(
    paths: Annotated[list[Path], typer.Argument(help="Report files or folders.")],
    db: DbOption = None,
    target: Annotated[
        str | None,
        typer.Option(
            "--target", help="Store: embedded (default) or neo4j (env KG_TARGET); neo4j-admin: files for its importer."
        ),
    ] = None,
    kb_dir: KbOption = None,
    curation: CurationOption = None,
    batch_size: Annotated[int, typer.Option(min=1, help="Reports per store batch (one Neo4j transaction each).")] = 200,
    manifest: ManifestOption = None,
    max_file_mb: MaxMbOption = 50,
    max_seconds: MaxSecondsOption = DEFAULT_MAX_SECONDS,
    jobs: JobsOption = None,
    errors_json: Annotated[
        Path | None, typer.Option("--errors-json", help="Write every failed or suspicious report as JSON here.")
    ] = None,
    strict: Annotated[bool, typer.Option("--strict", help="Exit 1 if any report failed.")] = False,
    ner: NerOption = None,
    model: ModelOption = None,
    config: ConfigOption = None,
    no_manifest: NoManifestOption = False,
    out_dir: Annotated[
        Path | None,
        typer.Option(
            "--out",
            help="With --target neo4j-admin: the folder for the import files (the graph is built in --db first).",
        ),
    ] = None,
) -> None:
    """Extract reports and load them into the graph (re-running is safe: unchanged reports are skipped).

    A report that cannot be read gets one line (file: reason) and the others still load. Exit 0
    when at least one report is in the graph, unless --strict and something failed.
    `--target neo4j-admin --out DIR` builds the graph in the embedded store, then writes it to DIR
    for Neo4j's offline importer (as `kg export --format neo4j-admin DIR`).
    """
    from kg.batch_writer import BatchWriter
    from kg.model import rows_of
    from kg.stores import StoreError, open_store

    if errors_json and not errors_json.parent.is_dir():
        _fail(f"--errors-json {errors_json}: the folder {errors_json.parent} does not exist", 2)
    bulk = (target or "").strip().lower() == "neo4j-admin"
    if bulk and out_dir is None:
        _fail("--target neo4j-admin writes files for Neo4j's importer: name their folder with --out DIR", 2)
    if out_dir is not None and not bulk:
        _fail("--out is for --target neo4j-admin", 2)
    settings = _extraction_settings(kb_dir, curation, ner, model, config, max_file_mb, max_seconds)
    status = {"loaded": 0, "skipped": 0, "replaced": 0}
    problems: list[dict[str, str]] = []
    try:
        store = open_store("embedded" if bulk else target, db)
    except StoreError as exc:
        _fail(str(exc))
    try:
        with store:
            store.prepare_load()
            batch = []
            known = store.known_reports()  # already in the graph as this run would extract them
            with BatchWriter(store) as writer:
                # each report's rows are made where it was extracted (its text stays there)
                outcomes = _extract_all(paths, settings, manifest, jobs, known, no_manifest, finish=rows_of)
                for path, rows, problem in outcomes:
                    if rows is None and problem is None:
                        status["skipped"] += 1
                        continue
                    if problem:
                        problems.append({"path": str(path), "level": "error", "reason": problem})
                        _say("failed", "yellow", f"{path}: {problem}")
                        continue
                    if not rows.mentions and not rows.partners:
                        reason = "no platform, program, agency, policy or partner found (loaded anyway)"
                        problems.append({"path": str(path), "level": "warning", "reason": reason})
                        _say("warning", "yellow", f"{path}: {reason}")
                    batch.append(rows)
                    if len(batch) >= batch_size:
                        writer.submit(batch)
                        batch = []
                if batch:
                    writer.submit(batch)
                for name, n in writer.finish().items():
                    status[name] += n
            counts = store.counts()
            if bulk and out_dir is not None and counts["nodes"]:
                _export_to(store, out_dir, "neo4j-admin")
    except StoreError as exc:
        _fail(str(exc))
    failed = sum(1 for p in problems if p["level"] == "error")
    if errors_json:
        errors_json.write_text(json.dumps(problems, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    n_facts = sum(v for k, v in counts["relationships"].items() if k in ("ADOPTED", "RUNS", "PARTNERS_WITH"))
    n_entities = sum(v for k, v in counts["nodes"].items() if k in ("Platform", "Program", "Agency", "Policy"))
    out.print(
        f"reports: {status['loaded']} loaded, {status['replaced']} replaced, {status['skipped']} unchanged, "
        f"{failed} failed"
    )
    out.print(
        f"graph: {counts['nodes'].get('Report', 0)} reports, {counts['nodes'].get('Region', 0)} regions, "
        f"{n_entities} entities, {n_facts} facts"
    )
    if sum(status.values()) == 0 or (strict and failed):
        raise typer.Exit(1)


@app.command()
def extract(
    paths: Annotated[list[Path], typer.Argument(help="Report files or folders.")],
    format: Annotated[str, typer.Option("--format", "-f", help="jsonl, json or table.")] = "jsonl",
    kb_dir: KbOption = None,
    manifest: ManifestOption = None,
    max_file_mb: MaxMbOption = 50,
    max_seconds: MaxSecondsOption = DEFAULT_MAX_SECONDS,
    jobs: JobsOption = None,
    curation: CurationOption = None,
    ner: NerOption = None,
    model: ModelOption = None,
    config: ConfigOption = None,
    no_manifest: NoManifestOption = False,
) -> None:
    """Extract reports and print the result without storing it (one JSON line per report by default)."""
    if format not in ("jsonl", "json", "table"):
        _fail(f"unknown format '{format}' (choose jsonl, json or table)", 2)
    settings = _extraction_settings(kb_dir, curation, ner, model, config, max_file_mb, max_seconds)
    results, failed, extracted = [], 0, 0
    for path, result, problem in _extract_all(paths, settings, manifest, jobs, no_manifest=no_manifest):
        if problem:
            failed += 1
            _say("failed", "yellow", f"{path}: {problem}")
            continue
        extracted += 1
        shaped = result.to_gold_shape()
        if format == "jsonl":  # streamed: memory stays flat however many reports
            sys.stdout.write(json.dumps(shaped, ensure_ascii=False) + "\n")
            sys.stdout.flush()
        else:
            results.append(shaped)
    if format == "json":
        sys.stdout.write(json.dumps(results, ensure_ascii=False, indent=2) + "\n")
    elif format == "table":
        rows = [
            {
                "document": r["document"],
                "region": (r["region"] or {}).get("name"),
                "year": r["year"],
                "platforms": [e["name"] for e in r["entities"]["platform"]],
                "programs": [e["name"] for e in r["entities"]["program"]],
                "partners": [p["name"] for p in r["partners"]],
            }
            for r in results
        ]
        render_rows(rows, "table", out)
    if not extracted:
        raise typer.Exit(1)


@app.command()
def queries() -> None:
    """List the canned queries, their parameters and what they answer."""
    from kg.queries import catalog

    rows = [
        {
            "query": q.name,
            "params": ", ".join(f"{p.name}=…" + ("" if p.required else " (optional)") for p in q.params),
            "answers": q.answers,
        }
        for q in catalog().values()
    ]
    render_rows(rows, "table", out)


@app.command()
def query(
    name: Annotated[str, typer.Argument(help="Canned query name (see `kg queries`).")],
    params: Annotated[list[str] | None, typer.Argument(help="Parameters as key=value.")] = None,
    format: Annotated[
        str | None,
        typer.Option("--format", "-f", help="table, tsv, json or csv [default: table in a terminal, else tsv]."),
    ] = None,
    wide: Annotated[bool, typer.Option("--wide", help="Table cells whole, folded, instead of cut to fit.")] = False,
    db: DbOption = None,
    target: TargetOption = None,
    kb_dir: KbOption = None,
    curation: CurationOption = None,
) -> None:
    """Run a canned query, e.g. `kg query adopters platform=皖事通 --format json`."""
    from extractors.knowledge.former_names import load_former_names
    from kg.queries import QueryError, catalog, resolve_params
    from kg.stores import StoreError, open_store

    format = format or default_format(out)
    if format not in FORMATS:
        _fail(f"unknown format '{format}' (choose {', '.join(FORMATS)})", 2)
    queries_ = catalog()
    if name not in queries_:
        _fail(f"unknown query '{name}' (known: {', '.join(queries_)})", 2)
    given = _parse_params(params)
    kb = _knowledge(kb_dir, curation)
    try:
        resolved = resolve_params(queries_[name], given, kb, load_former_names())
    except QueryError as exc:
        _fail(str(exc), 2)
    try:
        with open_store(target, db) as store:
            rows = store.query(name, resolved)
    except StoreError as exc:
        _fail(str(exc))
    render_rows(rows, format, out, title=name, columns=queries_[name].columns, wide=wide)


@app.command()
def stats(
    db: DbOption = None,
    target: TargetOption = None,
    format: Annotated[str, typer.Option("--format", "-f", help="table or json.")] = "table",
) -> None:
    """Node and relationship counts of the graph."""
    from kg.stores import StoreError, open_store

    try:
        with open_store(target, db) as store:
            counts = store.counts()
    except StoreError as exc:
        _fail(str(exc))
    if format == "json":
        out.file.write(json.dumps(counts, ensure_ascii=False, indent=2) + "\n")
        return
    rows = [{"kind": "node", "name": k, "count": v} for k, v in counts["nodes"].items()]
    rows += [{"kind": "relationship", "name": k, "count": v} for k, v in counts["relationships"].items()]
    render_rows(rows, "table", out)


def _export_to(store, out_dir: Path, format: str, names: list[str] | None = None) -> None:
    """Write the graph in ``store`` to ``out_dir`` as ``format`` and say what was written."""
    from kg.exports import FORMATS
    from kg.exports.neo4j_admin import ExportError

    try:
        summary = FORMATS[format].write(store, out_dir, names)
    except (ExportError, OSError) as exc:
        _fail(f"{out_dir}: {exc}")
    out.print(f"{format} → {out_dir}: {summary}")


@app.command()
def export(
    out_path: Annotated[Path, typer.Argument(help="File to write, or folder for csv and neo4j-admin.")],
    format: Annotated[
        str,
        typer.Option(
            "--format",
            "-f",
            help="graphml, gexf, jsonl, csv (a folder of tables), panel (region × year × name, for R/Stata) "
            "or neo4j-admin (a folder for Neo4j's offline importer).",
        ),
    ],
    name: Annotated[
        list[str] | None,
        typer.Option("--name", help="panel: these platforms/programs (repeat); default: those 2+ regions adopted."),
    ] = None,
    db: DbOption = None,
    target: TargetOption = None,
    kb_dir: KbOption = None,
    curation: CurationOption = None,
) -> None:
    """Write the whole graph out for other tools: Gephi, R, Stata, pandas, or Neo4j's bulk importer."""
    from kg.exports import FORMATS
    from kg.stores import StoreError, open_store

    if format not in FORMATS:
        _fail(f"unknown format '{format}' (choose {', '.join(FORMATS)})", 2)
    if name and format != "panel":
        _fail("--name chooses the names of --format panel", 2)
    if FORMATS[format].folder and out_path.exists() and not out_path.is_dir():
        _fail(f"{out_path} is a file; --format {format} writes a folder", 2)
    if not FORMATS[format].folder and (out_path.is_dir() or not out_path.parent.is_dir()):
        _fail(f"{out_path}: --format {format} writes a file, in a folder that exists", 2)
    names = _canonical_names(name, kb_dir, curation)
    try:
        with open_store(target, db) as store:
            _export_to(store, out_path, format, names)
    except StoreError as exc:
        _fail(str(exc))


@app.command()
def atlas(
    out_path: Annotated[Path, typer.Option("--out", "-o", help="The HTML file to write.")] = Path("atlas.html"),
    name: Annotated[
        list[str] | None,
        typer.Option("--name", help="Show these platforms/programs (repeat; aliases too); default: all."),
    ] = None,
    province: Annotated[
        str | None, typer.Option("--province", help="Only regions of this province (name, short name or code).")
    ] = None,
    db: DbOption = None,
    target: TargetOption = None,
    kb_dir: KbOption = None,
    curation: CurationOption = None,
) -> None:
    """One offline HTML page of the graph: diffusion, map, adoption matrix, partnerships, evidence."""
    from kg.atlas import AtlasError, Filters, write_atlas
    from kg.stores import StoreError, open_store

    if out_path.is_dir() or not out_path.parent.is_dir():
        _fail(f"{out_path}: the atlas is one file, in a folder that exists", 2)
    names = _canonical_names(name, kb_dir, curation)
    try:
        with open_store(target, db) as store:
            summary = write_atlas(store, out_path, Filters(names=tuple(names) if names else None, province=province))
    except (StoreError, AtlasError) as exc:
        _fail(str(exc))
    except OSError as exc:
        _fail(f"{out_path}: {exc}")
    out.print(f"atlas → {out_path}: {summary}")


@app.command()
def schema(
    target: TargetOption = None,
    show: Annotated[bool, typer.Option("--print", help="Print cypher/schema.cypher instead of applying it.")] = False,
) -> None:
    """Create the Neo4j constraints and indexes (idempotent; `kg load` also does it before loading)."""
    from kg.stores import StoreError, resolve_target

    if show:
        from importlib import resources

        out.file.write(resources.files("cypher").joinpath("schema.cypher").read_text(encoding="utf-8"))
        return
    try:
        if resolve_target(target) != "neo4j":
            out.print("the embedded store needs no schema; use --target neo4j (or KG_TARGET=neo4j)")
            return
        from kg.stores.neo4j_store import Neo4jStore

        store = Neo4jStore()
        with store:
            statements = store.apply_schema()
            where = f"{store.settings.uri} database {store.settings.database}"
    except StoreError as exc:
        _fail(str(exc))
    out.print(f"schema: {len(statements)} constraints and indexes in place on {where}")


@app.command()
def browser(
    name: Annotated[str | None, typer.Argument(help="Canned query to print (default: all).")] = None,
    params: Annotated[list[str] | None, typer.Argument(help="Parameters as key=value.")] = None,
    style: Annotated[bool, typer.Option("--style", help="Print the GraSS stylesheet instead.")] = False,
    kb_dir: KbOption = None,
    curation: CurationOption = None,
) -> None:
    """Print canned queries for Neo4j Browser: `:param` lines, then the query, ready to paste."""
    from importlib import resources

    from extractors.knowledge.former_names import load_former_names
    from kg.browser import browser_script
    from kg.queries import QueryError, catalog, resolve_params

    if style:
        out.file.write(resources.files("cypher").joinpath("browser", "style.grass").read_text(encoding="utf-8"))
        return
    queries_ = catalog()
    if name is not None and name not in queries_:
        _fail(f"unknown query '{name}' (known: {', '.join(queries_)})", 2)
    given = _parse_params(params)
    chosen = [queries_[name]] if name else list(queries_.values())
    kb = _knowledge(kb_dir, curation)
    blocks = []
    for q in chosen:
        try:
            mine = given if name else {k: v for k, v in given.items() if any(p.name == k for p in q.params)}
            resolved = resolve_params(q, mine, kb, load_former_names(), require=bool(name))
        except QueryError as exc:
            _fail(str(exc), 2)
        blocks.append(browser_script(q, resolved))
    out.file.write("\n\n".join(blocks) + "\n")


@app.command()
def train(
    paths: Annotated[list[Path], typer.Argument(help="Corpus: report files or folders (any format kg reads).")],
    out_dir: Annotated[Path, typer.Option("--out", help="Folder to save the model in.")],
    backend: Annotated[str, typer.Option("--backend", help="spacy (default) or hanlp (needs govkg[hanlp]).")] = "spacy",
    epochs: Annotated[int, typer.Option(min=1, help="Passes over the training sentences.")] = 10,
    seed: Annotated[int, typer.Option(help="Random seed (same corpus and seed, same model).")] = 0,
    kb_dir: KbOption = None,
    curation: CurationOption = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the summary as JSON.")] = False,
) -> None:
    """Train a small NER model on weak labels (what the knowledge base and patterns find in the corpus);
    use it with --ner spacy|hanlp --model OUT. Every 10th sentence is held out and scored."""
    import time

    from extractors.read import ReadError, iter_report_paths, read_document
    from extractors.recognise import build_nlp
    from extractors.recognise.statistical import RecogniserError
    from extractors.recognise.training import BACKENDS
    from extractors.recognise.training import train as train_model
    from extractors.recognise.weak_labels import training_set, weak_labels

    if backend not in BACKENDS:
        _fail(f"unknown backend '{backend}' (choose {', '.join(BACKENDS)})", 2)
    settings = _extraction_settings(kb_dir, curation)
    started = time.perf_counter()
    nlp = build_nlp(list(settings.kb_dirs), settings.curation_file)
    sentences, documents = [], 0
    for path in iter_report_paths(paths):
        try:
            sentences.extend(weak_labels(nlp, read_document(path)))
            documents += 1
        except ReadError as exc:
            _say("failed", "yellow", f"{path}: {exc.reason}")
    chosen = list(training_set(sentences))
    if not any(s.spans for s in chosen):
        _fail("nothing to learn from: no report read, or the rules found no name in the corpus")
    try:
        scores = train_model(backend, chosen, out_dir, epochs, seed)
    except RecogniserError as exc:
        _fail(str(exc), 2)
    labels: dict[str, int] = {}
    for s in chosen:
        for *_, label in s.spans:
            labels[label] = labels.get(label, 0) + 1
    summary = {
        "backend": backend,
        "model": str(out_dir),
        "documents": documents,
        "sentences": len(chosen),
        "labelled_sentences": sum(1 for s in chosen if s.spans),
        "labels": dict(sorted(labels.items())),
        "epochs": epochs,
        "held_out": scores.as_dict(),
        "seconds": round(time.perf_counter() - started, 1),
    }
    if as_json:
        sys.stdout.write(json.dumps(summary, ensure_ascii=False, indent=2) + "\n")
        return
    out.print(
        f"trained {backend} NER on {summary['sentences']} sentences ({summary['labelled_sentences']} labelled) "
        f"from {documents} reports in {summary['seconds']} s → {out_dir}"
    )
    out.print(
        f"held-out sentences: P {scores.precision:.3f} R {scores.recall:.3f} F1 {scores.f1:.3f} "
        f"against the weak labels; use it with: --ner {backend} --model {out_dir}"
    )


@app.command(name="eval")
def evaluate_cmd(
    gold_dir: Annotated[Path, typer.Argument(help="Folder of gold JSON files (FORMAT.md).")],
    paths: Annotated[list[Path], typer.Argument(help="The reports the gold annotates.")],
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON with per-document details.")] = False,
    kb_dir: KbOption = None,
    curation: CurationOption = None,
    ner: NerOption = None,
    model: ModelOption = None,
    config: ConfigOption = None,
) -> None:
    """Score extraction against gold annotations: per-type precision/recall/F1, region and year accuracy."""
    from kg.evaluation import TYPES, evaluate, load_gold

    if not gold_dir.is_dir():
        _fail(f"{gold_dir}: not a folder of gold files", 2)
    settings = _extraction_settings(kb_dir, curation, ner, model, config, max_seconds=DEFAULT_MAX_SECONDS)
    gold = load_gold(gold_dir)
    preds = [r.to_gold_shape() for _, r, problem in _extract_all(paths, settings) if not problem]
    report = {**evaluate(gold, preds).as_dict(), "recogniser": settings.ner.recogniser, "model": settings.ner.model}
    if report["documents"] == 0:
        _fail("no report matched a gold file (gold 'document' names the report file)")
    if as_json:
        sys.stdout.write(json.dumps(report, ensure_ascii=False, indent=2) + "\n")
        return
    rows = [
        {
            "type": t,
            "precision": f"{report[t]['precision']:.3f}",
            "recall": f"{report[t]['recall']:.3f}",
            "f1": f"{report[t]['f1']:.3f}",
            "core found": f"{report[t]['found_core']}/{report[t]['core']}",
            "extracted": report[t]["extracted"],
        }
        for t in TYPES
    ]
    render_rows(rows, "table", out, title=f"{report['documents']} documents, recogniser: {settings.ner.recogniser}")
    out.print(
        f"region: {report['region_right']}/{report['documents']}  year: {report['year_right']}/{report['documents']}"
    )


def main() -> None:
    app()


if __name__ == "__main__":
    main()
