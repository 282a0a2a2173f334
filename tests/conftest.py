"""Shared fixtures: the seed reports and gold annotations beside the checkout, and a CLI runner."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("GOVKG_SHARED", ROOT.parent / "shared"))
SEEDS = SHARED / "seeds"
GOLD = SHARED / "gold" / "seeds"
EXAMPLES = ROOT / "examples" / "reports"


def run_kg(*args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
    """Run the real ``kg`` command in a subprocess (as users do), UTF-8 output, no colours."""
    env = {**os.environ, "NO_COLOR": "1", "COLUMNS": "200", "PYTHONIOENCODING": "utf-8"}
    proc = subprocess.run([sys.executable, "-m", "kg.cli", *args], capture_output=True, text=True,
                          encoding="utf-8", env=env, cwd=ROOT)
    if check and proc.returncode != 0:
        raise AssertionError(f"kg {' '.join(args)} exited {proc.returncode}:\n{proc.stdout}\n{proc.stderr}")
    return proc


@pytest.fixture(scope="session")
def seeds() -> Path:
    if not SEEDS.is_dir():
        pytest.fail(f"seed reports not found at {SEEDS} (set GOVKG_SHARED)")
    return SEEDS


@pytest.fixture(scope="session")
def extractor():
    from extractors.pipeline import Extractor
    return Extractor()
