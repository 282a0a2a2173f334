"""The interface every graph store implements, so the CLI and tests never care which one it is."""

from __future__ import annotations

from abc import ABC, abstractmethod
from typing import TYPE_CHECKING, Any

from kg.model import ReportRows
from kg.queries import CannedQuery, catalog, in_order, with_defaults

if TYPE_CHECKING:  # networkx and pyarrow are imported only where a whole graph is read: queries do without
    import networkx as nx
    import pyarrow as pa

    from kg.loader import LoadOutcome


class StoreError(Exception):
    """A store problem worth one clear line to the user (unreachable server, corrupt data …)."""


class GraphStore(ABC):
    """Load report rows, answer canned queries, report counts."""

    name: str

    @abstractmethod
    def load_reports(self, batch: list[ReportRows]) -> list[LoadOutcome]:
        """Add reports; skip ones whose content hash is present; replace older versions of a path."""

    def query(self, name: str, params: dict[str, Any]) -> list[dict[str, Any]]:
        """Run the canned query ``name`` with already-resolved parameters; a parameter left out takes
        its default, else null (Cypher fails on a parameter it is not given)."""
        queries = catalog()
        if name not in queries:
            raise StoreError(f"unknown query '{name}'")
        return in_order(queries[name], self._answer(queries[name], with_defaults(queries[name], params)))

    def prepare_load(self) -> None:  # noqa: B027 - optional hook
        """Take what a load needs before any report is extracted (the embedded store: its one
        writer's lock), so a second load fails at once rather than after extracting."""

    @abstractmethod
    def _answer(self, query: CannedQuery, params: dict[str, Any]) -> list[dict[str, Any]]:
        """The rows of ``query`` for a value of each of its parameters."""

    @abstractmethod
    def known_reports(self) -> dict[str, str | None]:
        """Each report in the graph: id (content hash) → the extractor fingerprint it was loaded
        with.  A report whose text and fingerprint are both here would be skipped by
        :meth:`load_reports`, so a load need not extract it at all."""

    @abstractmethod
    def counts(self) -> dict[str, Any]:
        """Node counts by label and relationship counts by type."""

    @abstractmethod
    def arrow(self, cypher: str, schema: pa.Schema) -> pa.Table:
        """The rows of a parameterless common-subset read, as a table of ``schema`` (its columns
        in the order the query returns them): how exports read a whole kind of node or
        relationship at once."""

    def rows(self, cypher: str, types: list[str]) -> list[tuple[Any, ...]]:
        """The rows of a parameterless common-subset read as tuples, its columns typed by the
        schema's type names (``STRING``, ``INT64``, ``STRING[]`` …) in the order it returns them."""
        import pyarrow as pa

        from kg.schema_tables import arrow_type

        table = self.arrow(cypher, pa.schema([(f"c{i}", arrow_type(t)) for i, t in enumerate(types)]))
        return list(zip(*(column.to_pylist() for column in table.columns), strict=True))

    @abstractmethod
    def as_networkx(self) -> nx.MultiDiGraph:
        """The whole graph in memory, for exports and analytics: nodes keyed (label, key) with
        their properties, edges with their ``type`` and properties."""

    def close(self) -> None:  # noqa: B027 - optional hook
        """Release connections or flush state."""

    def __enter__(self) -> GraphStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
