"""Which files a load reads: folders walked recursively, symlinks followed but never in circles."""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from pathlib import Path

SUPPORTED_SUFFIXES = {".txt", ".text", ".md", ".html", ".htm", ".shtml", ".xhtml", ".pdf", ".docx"}


def iter_reports(paths: Iterable[str | os.PathLike[str]]) -> Iterator[tuple[Path, str]]:
    """Yield (file, name) for the report files under the given files and folders, sorted, each once.

    The name is the file's path relative to the folder it was found in (``上海市/2014.md``), or its
    file name when it was given by itself: two ``2014.md`` in different folders are told apart.
    Folders are walked recursively, following symlinked folders once each (a link back up the tree
    is not followed again).  Files of unsupported types inside folders are skipped silently; a file
    named explicitly, a broken link or a link loop is yielded so that the reader says what is wrong.
    """
    seen: set[str] = set()
    for raw in paths:
        path = Path(raw)
        folder = path.is_dir()
        for candidate in _walk(path) if folder else [path]:
            key = report_identity(candidate)
            if key not in seen:
                seen.add(key)
                yield candidate, candidate.relative_to(path).as_posix() if folder else candidate.name


def iter_report_paths(paths: Iterable[str | os.PathLike[str]]) -> Iterator[Path]:
    """The report files under the given files and folders (see :func:`iter_reports`)."""
    for path, _ in iter_reports(paths):
        yield path


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


def report_identity(path: Path) -> str:
    """The path a report is known by in the graph: absolute, symlinks resolved, so that a folder
    loaded once by a relative path and once by an absolute one (or through a link) holds each
    report once, and an edited report replaces its earlier version."""
    try:
        return str(path.resolve())
    except (OSError, RuntimeError):  # a link loop: the reader has already said what is wrong
        return str(path.absolute())
