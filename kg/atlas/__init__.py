"""``kg atlas``: the graph as one offline HTML page, for looking rather than reading: diffusion
curves, a map of first adoption years, the adoption matrix, the partnership network, evidence for
anything clicked, and search. :mod:`kg.atlas.data` reads what the page shows from a store;
:mod:`kg.atlas.page` inlines it with the page's script, Apache ECharts and the boundary files.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from kg.atlas.data import AtlasError, Filters, atlas_data
from kg.atlas.page import render

if TYPE_CHECKING:
    from kg.stores.base import GraphStore

__all__ = ["AtlasError", "Filters", "write_atlas"]


def write_atlas(store: GraphStore, path: Path, filters: Filters | None = None) -> str:
    """Write the atlas page of ``store`` (narrowed by ``filters``) to ``path``; a summary line."""
    data = atlas_data(store, filters)
    page = render(data)
    path.write_text(page, encoding="utf-8")
    counts = {key: len(data[key]["rows"]) for key in ("regions", "names", "facts", "partners")}
    return (
        f"{counts['regions']} regions, {counts['names']} names, {counts['facts']} adoptions, "
        f"{counts['partners']} partnerships; {len(page.encode('utf-8')) / 1e6:.1f} MB"
    )
