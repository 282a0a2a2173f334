"""Cypher the Neo4j store runs besides the loader's (:mod:`kg.loader`): what the graph holds.

Labels cannot be parameters in Cypher, so the per-label statements are built here once from the
model's fixed label names.
"""

from __future__ import annotations

from kg.model import ENDPOINTS, ENTITY_LABELS

ALL_REPORTS = "MATCH (r:Report) RETURN collect([r.id, r.extractor]) AS reports"  # one record, not one per report

# ---- counts (served from Neo4j's count store) ----------------------------------------------------
NODE_LABELS = ("Report", "Region", *ENTITY_LABELS.values())
REL_TYPES = tuple(ENDPOINTS)
COUNT_NODES = {label: f"MATCH (n:{label}) RETURN count(n) AS n" for label in NODE_LABELS}
COUNT_RELS = {rel: f"MATCH ()-[r:{rel}]->() RETURN count(r) AS n" for rel in REL_TYPES}
