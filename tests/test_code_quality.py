"""The house rules a newcomer can rely on: ruff (lint and format) and mypy clean on the library, and
every module importable on its own (no import cycle hides behind a lucky import order)."""

from __future__ import annotations

import subprocess
import sys

import pytest
from conftest import ROOT

LIBRARY = ("kg", "extractors")


@pytest.mark.parametrize("command", [["ruff", "check"], ["ruff", "format", "--check"], ["mypy"]],
                         ids=["ruff-check", "ruff-format", "mypy"])
def test_the_library_is_clean(command):
    args = [sys.executable, "-m", *command, *([] if command[0] == "mypy" else LIBRARY)]
    proc = subprocess.run(args, capture_output=True, text=True, cwd=ROOT)
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-2000:]


EACH_ALONE = """
import importlib, pkgutil, sys
library = sys.argv[1:]
modules = [p for p in library]
for package in library:
    modules += [m.name for m in pkgutil.walk_packages([package], prefix=package + ".")]
for module in sorted(modules):
    # forget every module of the library, so that this one is imported first, as a script would
    for name in [n for n in sys.modules if n.split(".")[0] in library]:
        del sys.modules[name]
    importlib.import_module(module)
print(len(modules))
"""


def test_each_module_imports_on_its_own():
    # in a process of its own: the test session keeps its modules
    proc = subprocess.run([sys.executable, "-c", EACH_ALONE, *LIBRARY], capture_output=True, text=True, cwd=ROOT)
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert int(proc.stdout) > 50
