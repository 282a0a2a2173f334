"""The system's Chromium (Debian's package), headless, for the atlas tests and the docs' screenshots:
Playwright drives it through ``executable_path`` and downloads no browser of its own."""

from __future__ import annotations

import os
import shutil

# As the machine's own probe starts it: no sandbox (CI runs as root), no background traffic (the
# closed network refuses it, many connections at a time).
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def chromium_path() -> str | None:
    """``GOVKG_CHROMIUM``, else the first Chromium or Chrome on PATH, else None."""
    return os.environ.get("GOVKG_CHROMIUM") or next(
        (p for p in map(shutil.which, ("chromium", "chromium-browser", "google-chrome")) if p), None
    )
