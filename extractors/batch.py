"""Extract many reports, in parallel processes when asked, streaming results in input order.

Each worker process builds its own :class:`~extractors.pipeline.Extractor` once (spaCy pipeline,
knowledge base, divisions) and then extracts report after report; results are plain dataclasses,
so they pickle back cheaply.  Memory stays flat: results are yielded as they arrive, never held.
"""

from __future__ import annotations

import multiprocessing
import os
import threading
import time
from collections.abc import Iterator, Mapping
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from extractors.read import ManifestEntry, ReadError, read_document
from extractors.recognise.statistical import NerSettings, RecogniserError
from extractors.records import ReportResult

# (path, result, None); (path, None, one-line reason) for a report that failed; (path, None, None) for
# one whose text and extractor fingerprint are among the ``known`` reports: already in the graph
# as this extraction would make it, so it is read and hashed but not extracted again.
Outcome = tuple[Path, ReportResult | None, str | None]
AUTO_PARALLEL_FROM = 20  # fewer files than this: starting workers costs more than it saves

_worker_extractor = None
_worker_known: Mapping[str, str | None] = {}
_worker_error: Exception | None = None  # a recogniser that could not load: raised for the parent


def _exit_with_parent(parent: int) -> None:
    """Workers of a `kg load` killed with SIGKILL must not linger: leave when the parent is gone."""
    while True:
        time.sleep(1)
        if os.getppid() != parent:
            os._exit(1)


def _init_worker(kb_dirs: list[str], curation: str | None, ner: NerSettings | None,
                 known: Mapping[str, str | None]) -> None:
    global _worker_extractor, _worker_error, _worker_known
    from extractors.pipeline import Extractor

    _worker_known = known
    threading.Thread(target=_exit_with_parent, args=(os.getppid(),), daemon=True).start()

    try:
        _worker_extractor = Extractor(kb_dirs, curation, ner)
    except RecogniserError as exc:  # an initializer that raises only breaks the pool, message lost
        _worker_error = exc


def extract_one(extractor, path: Path, entry: ManifestEntry | None, max_bytes: int, name: str | None = None,
                known: Mapping[str, str | None] | None = None) -> Outcome:
    """The report's :data:`Outcome`; one bad report never raises."""
    try:
        document = read_document(path, entry, max_bytes, name)
        if known and known.get(document.doc_id) == extractor.fingerprint:
            return path, None, None
        return path, extractor.extract(document), None
    except ReadError as exc:
        return path, None, exc.reason
    except Exception as exc:  # noqa: BLE001 - one bad report must never cost the others
        return path, None, f"extraction failed ({exc.__class__.__name__}: {' '.join(str(exc).split())[:200]})"


def _work(item: tuple[Path, ManifestEntry | None, int, str | None]) -> Outcome:
    if _worker_error is not None:
        raise _worker_error
    return extract_one(_worker_extractor, *item, known=_worker_known)


def resolve_jobs(jobs: int | None, n_files: int) -> int:
    """``jobs`` as given; 0 or None means all cores, but 1 for small runs."""
    if jobs:
        return max(1, jobs)
    return 1 if n_files < AUTO_PARALLEL_FROM else max(1, os.cpu_count() or 1)


def extract_many(files: list[Path], entries: dict[str, ManifestEntry], kb_dirs: list[str], jobs: int,
                 max_bytes: int, curation: str | None = None, ner: NerSettings | None = None,
                 known: Mapping[str, str | None] | None = None,
                 names: Mapping[Path, str] | None = None) -> Iterator[Outcome]:
    """The :data:`Outcome` of each file, in order; ``known`` (report id → extractor fingerprint):
    the reports a store already holds, which are not extracted again; ``names``: how each file is
    shown (see :func:`extractors.read.paths.iter_reports`)."""
    def entry_of(f: Path) -> ManifestEntry | None:
        try:
            return entries.get(str(f.resolve()))
        except (OSError, RuntimeError):
            return None

    items = [(f, entry_of(f), max_bytes, (names or {}).get(f)) for f in files]
    if jobs <= 1:
        from extractors.pipeline import Extractor

        extractor = Extractor(kb_dirs, curation, ner)
        for item in items:
            yield extract_one(extractor, *item, known=known)
        return
    # spawn, not fork: the caller may already hold a database driver with threads and locks, and a
    # forked child inheriting a held lock deadlocks; spawned workers start clean.
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=jobs, initializer=_init_worker, initargs=(kb_dirs, curation, ner, known or {}),
                             mp_context=context) as pool:
        yield from pool.map(_work, items, chunksize=4)
