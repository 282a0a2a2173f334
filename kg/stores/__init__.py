"""Graph stores behind one interface: :class:`EmbeddedStore` (default, no server) and Neo4j."""

from __future__ import annotations

from kg.settings import setting
from kg.stores.base import GraphStore, StoreError
from kg.stores.embedded import EmbeddedStore

DEFAULT_DB = "kg-data"
TARGETS = ("embedded", "neo4j")


def resolve_target(target: str | None = None) -> str:
    """``target``, else ``KG_TARGET`` (environment or .env), else ``embedded``."""
    name = (target or setting("KG_TARGET") or "embedded").strip().lower()
    if name not in TARGETS:
        raise StoreError(f"unknown target '{name}' (choose {' or '.join(TARGETS)})")
    return name


def open_store(target: str | None = None, db: str | None = None) -> GraphStore:
    """The store named by ``target`` (or ``KG_TARGET``): ``embedded`` (default) or ``neo4j``.

    The Neo4j store reads NEO4J_URI / NEO4J_USERNAME / NEO4J_PASSWORD / NEO4J_DATABASE.
    """
    if resolve_target(target) == "neo4j":
        from kg.stores.neo4j_store import Neo4jStore  # the driver is imported only when used

        return Neo4jStore()
    return EmbeddedStore(db or setting("KG_DB") or DEFAULT_DB)


__all__ = ["EmbeddedStore", "GraphStore", "StoreError", "open_store", "resolve_target"]
