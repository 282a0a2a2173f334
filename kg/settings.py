"""Settings from the environment, falling back to a ``.env`` file in the working directory.

Neo4j tools conventionally read ``NEO4J_URI``, ``NEO4J_USERNAME``, ``NEO4J_PASSWORD`` and
``NEO4J_DATABASE``; users keep them in ``.env`` beside docker-compose.yml.  A real environment
variable always wins over the file, so scripts and CI can override it.
"""

from __future__ import annotations

import os
from pathlib import Path

from dotenv import dotenv_values


def dotenv_file() -> Path:
    """The ``.env`` read: ``KG_ENV_FILE`` if set, else ``./.env``."""
    return Path(os.environ.get("KG_ENV_FILE") or ".env")


def setting(name: str, default: str | None = None) -> str | None:
    """``name`` from the environment, else from the .env file, else ``default``."""
    value = os.environ.get(name)
    if value not in (None, ""):
        return value
    path = dotenv_file()
    if path.is_file():
        value = dotenv_values(path).get(name)
        if value not in (None, ""):
            return value
    return default
