"""The atlas as one self-contained HTML file: the page's own markup, style and script, Apache
ECharts and the boundary files (kg/atlas/assets, recorded in SOURCES.json), and the graph's data,
all inlined, so it opens from disk with no network.

Data goes in ``<script type="application/json">`` blocks with ``<``, ``>`` and ``&`` escaped, and
the page's script puts every report-supplied text into the document as text, never as markup; a
Content-Security-Policy forbids every fetch, so the page cannot reach the network even by mistake.
"""

from __future__ import annotations

import json
from importlib import resources
from typing import Any

CSP = (
    "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; "
    "img-src data: blob:; connect-src 'none'; base-uri 'none'; form-action 'none'"
)
MAP_FILES = {"province": "china-provinces.json", "prefecture": "china-cities.json"}


def asset(name: str) -> str:
    """A file shipped in kg/atlas/assets, as text."""
    return resources.files("kg.atlas").joinpath("assets", name).read_text(encoding="utf-8")


def json_block(element_id: str, value: Any) -> str:
    """``value`` as a JSON script block no text inside it can close or turn into markup."""
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    safe = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return f'<script type="application/json" id="{element_id}">{safe}</script>'


def map_levels(data: dict[str, Any]) -> list[str]:
    """The boundary files the page needs: provinces always; prefecture-level cities when the data
    has a region below a province (a county is drawn through its city when asked)."""
    levels = {row[2] for row in data["regions"]["rows"]}
    return ["province", "prefecture"] if levels & {"prefecture", "county"} else ["province"]


def render(data: dict[str, Any]) -> str:
    """The whole page for ``data`` (:func:`kg.atlas.data.atlas_data`)."""
    maps = "".join(json_block(f"map-{level}", asset(MAP_FILES[level])) for level in map_levels(data))
    return "\n".join(
        [
            "<!doctype html>",
            '<html lang="zh-CN"><head><meta charset="utf-8">',
            f'<meta http-equiv="Content-Security-Policy" content="{CSP}">',
            '<meta name="viewport" content="width=device-width, initial-scale=1">',
            "<title>govkg 图集 · atlas</title>",
            f"<style>{asset('atlas.css')}</style></head><body>",
            asset("atlas.html"),
            json_block("atlas-data", data),
            maps,
            f"<script>{asset('echarts.min.js')}</script>",
            f"<script>{asset('atlas.js')}</script>",
            "</body></html>",
        ]
    )
