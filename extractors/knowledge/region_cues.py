"""The region rules' word lists and weights, read once from ``data/region_cues.toml``."""

from __future__ import annotations

import tomllib
from functools import lru_cache
from importlib import resources
from typing import Any

CUES_FILE = "data/region_cues.toml"


@lru_cache(maxsize=1)
def region_cues() -> dict[str, Any]:
    """The parsed cue file (see its comments for what each table means)."""
    return tomllib.loads(resources.files("extractors.knowledge").joinpath(CUES_FILE).read_text("utf-8"))
