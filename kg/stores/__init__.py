"""Graph stores behind one interface: :class:`EmbeddedStore` (default, no server) and Neo4j."""

from __future__ import annotations

import os

from kg.stores.base import GraphStore, LoadOutcome, StoreError
from kg.stores.embedded import EmbeddedStore

DEFAULT_DB = "kg-data"


def open_store(target: str | None = None, db: str | None = None) -> GraphStore:
    """The store named by ``target`` (or env ``KG_TARGET``): ``embedded`` (default) or ``neo4j``."""
    target = (target or os.environ.get("KG_TARGET") or "embedded").lower()
    if target == "embedded":
        return EmbeddedStore(db or os.environ.get("KG_DB") or DEFAULT_DB)
    if target == "neo4j":
        raise StoreError("the Neo4j store is not available in this version; use --target embedded")
    raise StoreError(f"unknown target '{target}' (choose embedded or neo4j)")


__all__ = ["EmbeddedStore", "GraphStore", "LoadOutcome", "StoreError", "open_store"]
