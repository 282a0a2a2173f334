"""Which files a load reads: folders walked recursively, symlinks followed but never in circles."""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from pathlib import Path

SUPPORTED_SUFFIXES = {".txt", ".text", ".md", ".html", ".htm", ".shtml", ".xhtml", ".pdf", ".docx"}


def iter_report_paths(paths: Iterable[str | os.PathLike[str]]) -> Iterator[Path]:
    """Yield report files under the given files and folders, sorted, each once.

    Folders are walked recursively, following symlinked folders once each (a link back up the tree
    is not followed again).  Files of unsupported types inside folders are skipped silently; a file
    named explicitly, a broken link or a link loop is yielded so that the reader says what is wrong.
    """
    seen: set[str] = set()
    for raw in paths:
        path = Path(raw)
        candidates = _walk(path) if path.is_dir() else [path]
        for candidate in candidates:
            try:
                key = str(candidate.resolve(strict=False))
            except (OSError, RuntimeError):  # a symlink loop cannot be resolved
                key = str(candidate.absolute())
            if key not in seen:
                seen.add(key)
                yield candidate


def _walk(root: Path) -> list[Path]:
    found: list[Path] = []
    visited: set[tuple[int, int]] = set()

    def visit(folder: Path) -> None:
        try:
            st = folder.stat()
        except OSError:
            return
        if (st.st_dev, st.st_ino) in visited:
            return
        visited.add((st.st_dev, st.st_ino))
        try:
            entries = sorted(os.scandir(folder), key=lambda e: e.name)
        except OSError:
            return
        for entry in entries:
            p = Path(entry.path)
            try:
                is_dir = entry.is_dir()  # follows links; False for broken links and loops
            except OSError:
                is_dir = False
            if is_dir:
                visit(p)
            elif p.suffix.lower() in SUPPORTED_SUFFIXES:
                found.append(p)

    visit(root)
    return sorted(found)
