"""Ways to write the whole graph out for other tools, each reading through the store interface
(so either store exports the same): ``kg export OUT --format NAME``."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from kg.stores.base import GraphStore


@dataclass(frozen=True)
class ExportFormat:
    """A format: whether OUT is a folder, and the writer (store, OUT, names) → a summary line."""

    name: str
    folder: bool
    write: Callable[[GraphStore, Path, list[str] | None], str]


def _graphml(store: GraphStore, out: Path, names: list[str] | None) -> str:
    from kg.exports.network_files import write_graphml

    return write_graphml(store, out)


def _gexf(store: GraphStore, out: Path, names: list[str] | None) -> str:
    from kg.exports.network_files import write_gexf

    return write_gexf(store, out)


def _jsonl(store: GraphStore, out: Path, names: list[str] | None) -> str:
    from kg.exports.network_files import write_jsonl

    return write_jsonl(store, out)


def _csv(store: GraphStore, out: Path, names: list[str] | None) -> str:
    from kg.exports.csv_tables import write

    return write(store, out)


def _panel(store: GraphStore, out: Path, names: list[str] | None) -> str:
    from kg.exports.panel import write

    return write(store, out, names)


def _neo4j_admin(store: GraphStore, out: Path, names: list[str] | None) -> str:
    from kg.exports.neo4j_admin import SCRIPT, export

    written = export(store, out)
    n_nodes = sum(written.counts[f] for _, f in written.nodes)
    n_rels = sum(written.counts[f] for _, f in written.relationships)
    return (
        f"{n_nodes} nodes, {n_rels} relationships; import into a new database: sh {out / SCRIPT} [DATABASE] "
        "(a stopped one replaced: add --overwrite-destination=true), then: kg schema --target neo4j"
    )


FORMATS = {
    f.name: f
    for f in (
        ExportFormat("graphml", False, _graphml),
        ExportFormat("gexf", False, _gexf),
        ExportFormat("jsonl", False, _jsonl),
        ExportFormat("csv", True, _csv),
        ExportFormat("panel", False, _panel),
        ExportFormat("neo4j-admin", True, _neo4j_admin),
    )
}
