"""The graph as one file for network tools: GraphML and GEXF (Gephi, networkx, igraph) and JSON Lines.

Nodes are named ``Label:key`` (``Platform:皖事通``, ``Region:340000``) and carry every property,
their ``kind`` (the label) and a ``label`` to show (a name, or a report's file); relationships carry
every property and their type. GraphML and GEXF hold no lists: a list property (a fact's
``reports``, an entity's ``surfaces``) is written as JSON text. GEXF gives ``start``, ``end`` and
``type`` on an edge meanings of its own (time, direction), and ``id`` on a node, so there the
character offsets are ``char_start``/``char_end``, the relationship type is the edge's ``label``
and a report's or region's ``id`` is ``govkg_id``.

>>> node_id("Platform", "皖事通")
'Platform:皖事通'
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kg.exports import reading
from kg.schema_tables import tables

if TYPE_CHECKING:
    import networkx as nx

    from kg.stores.base import GraphStore

GEXF_NODE_RENAMES = {"id": "govkg_id"}  # GEXF takes a node's `id` attribute as the node's own id
GEXF_EDGE_RENAMES = {"start": "char_start", "end": "char_end", "type": "label"}


def node_id(label: str, key: str) -> str:
    """How a node is named in the files: its label and key."""
    return f"{label}:{key}"


def _shown(label: str, props: dict[str, Any]) -> str:
    if label == "Report":
        return str(props.get("title") or props.get("file") or props["id"])
    return str(props.get("name") or props.get("id"))


def _flat(value: Any) -> Any:
    return json.dumps(value, ensure_ascii=False) if isinstance(value, list) else value


def flat_graph(store: GraphStore) -> nx.MultiDiGraph:
    """The graph with string node names, a shown ``label`` and lists as JSON text (what GraphML
    and GEXF can hold); absent properties are left out."""
    import networkx as nx

    whole = store.as_networkx()
    graph = nx.MultiDiGraph()
    for (label, key), props in whole.nodes(data=True):
        attrs = {k: _flat(v) for k, v in props.items() if v is not None}
        graph.add_node(node_id(label, key), **attrs, label=_shown(label, props))
    for (source, source_key), (target, target_key), props in whole.edges(data=True):
        attrs = {k: _flat(v) for k, v in props.items() if v is not None}
        graph.add_edge(node_id(source, source_key), node_id(target, target_key), **attrs)
    return graph


def write_graphml(store: GraphStore, path: Path) -> str:
    import networkx as nx

    graph = flat_graph(store)
    nx.write_graphml(graph, path, encoding="utf-8")
    return f"{graph.number_of_nodes()} nodes, {graph.number_of_edges()} relationships"


def write_gexf(store: GraphStore, path: Path) -> str:
    import networkx as nx

    graph = gexf_ready(flat_graph(store))
    nx.write_gexf(graph, path, encoding="utf-8")
    return f"{graph.number_of_nodes()} nodes, {graph.number_of_edges()} relationships"


def gexf_ready(graph: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """``graph`` with the attributes GEXF reserves renamed (in place)."""
    for renames, items in ((GEXF_NODE_RENAMES, graph.nodes(data=True)), (GEXF_EDGE_RENAMES, graph.edges(data=True))):
        for *_, attrs in items:
            for old, new in renames.items():
                if old in attrs:
                    attrs[new] = attrs.pop(old)
    return graph


def write_jsonl(store: GraphStore, path: Path) -> str:
    """One JSON object a line: every node (``{"node": "Label:key", "label": …, "properties": …}``),
    then every relationship (``{"relationship": TYPE, "from": …, "to": …, "properties": …}``)."""
    n_nodes = n_rels = 0
    with path.open("w", encoding="utf-8") as out:
        for table in tables():
            if table.is_node:
                for props in reading.nodes(store, table).to_pylist():
                    line = {
                        "node": node_id(table.name, props[table.key]),
                        "label": table.name,
                        "properties": {k: v for k, v in props.items() if v is not None},
                    }
                    out.write(json.dumps(line, ensure_ascii=False) + "\n")
                    n_nodes += 1
                continue
            for source, target, rows in reading.relationships(store, table):
                for props in rows.to_pylist():
                    line = {
                        "relationship": table.name,
                        "from": node_id(source, props.pop("from")),
                        "to": node_id(target, props.pop("to")),
                        "properties": {k: v for k, v in props.items() if v is not None},
                    }
                    out.write(json.dumps(line, ensure_ascii=False) + "\n")
                    n_rels += 1
    return f"{n_nodes} nodes, {n_rels} relationships"
