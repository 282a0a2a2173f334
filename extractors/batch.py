"""Extract many reports, in parallel processes when asked, streaming results in input order.

Each worker process builds its own :class:`~extractors.pipeline.Extractor` once (spaCy pipeline,
knowledge base, divisions) and then extracts report after report; results are plain dataclasses,
so they pickle back cheaply.  Memory stays flat: results are yielded as they arrive, never held.

One report never costs the others: a report that raises, runs past its time budget or kills its
worker process twice (out of memory) gives one failed outcome (see :mod:`extractors.process_pool`).
"""

from __future__ import annotations

import ctypes
import os
import signal
import sys
import threading
import time
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import Any

from extractors.process_pool import map_in_order
from extractors.read import ManifestEntry, ReadError, read_document
from extractors.recognise.statistical import RecogniserError
from extractors.records import ReportResult
from extractors.settings import ExtractionSettings

# (path, result, None); (path, None, one-line reason) for a report that failed; (path, None, None) for
# one whose text and extractor fingerprint are among the ``known`` reports: already in the graph
# as this extraction would make it, so it is read and hashed but not extracted again.
Outcome = tuple[Path, ReportResult | None, str | None]
# what a caller keeps of each result, made where it was extracted (see :func:`extract_many`), and
# the outcome that then carries it in the result's place
Finish = Callable[[ReportResult], Any]
Finished = tuple[Path, Any, str | None]
# (path, manifest entry, shown name): one report's work
Item = tuple[Path, ManifestEntry | None, str | None]
AUTO_PARALLEL_FROM = 20  # fewer files than this: starting workers costs more than it saves
WORKER_DIED = "the process extracting it died (out of memory?)"
PR_SET_PDEATHSIG = 1  # Linux prctl option: a signal for this process when its parent dies

_worker_extractor = None
_worker_known: Mapping[str, str | None] = {}
_worker_error: Exception | None = None  # a recogniser that could not load: raised for the parent
_worker_finish: Finish | None = None


class OutOfTime(Exception):
    """A report's extraction ran past its time budget."""


@contextmanager
def time_budget(seconds: float | None) -> Iterator[None]:
    """Raise :class:`OutOfTime` in the block after ``seconds`` (a SIGALRM timer; only in a main
    thread, where Python delivers signals; no limit elsewhere or when ``seconds`` is falsy)."""
    if not seconds or threading.current_thread() is not threading.main_thread() or not hasattr(signal, "setitimer"):
        yield
        return

    def out_of_time(signum, frame):
        raise OutOfTime(f"took longer than {seconds:g} s (--max-seconds)")

    previous = signal.signal(signal.SIGALRM, out_of_time)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def _die_with(parent: int) -> None:
    """Make this worker end when ``parent`` (the `kg` process that started it) does, SIGKILL
    included.  On Linux the kernel is asked to kill it (PR_SET_PDEATHSIG); then the parent is
    checked, since it may have died before the request was made.  A thread watches as well, for
    systems without the request."""
    if sys.platform.startswith("linux"):
        with suppress(OSError, AttributeError):
            ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    if os.getppid() != parent:
        os._exit(1)
    threading.Thread(target=_exit_when_orphaned, args=(parent,), daemon=True).start()


def _exit_when_orphaned(parent: int) -> None:
    while True:
        time.sleep(1)
        if os.getppid() != parent:
            os._exit(1)


def _init_worker(
    parent: int, settings: ExtractionSettings, known: Mapping[str, str | None], finish: Finish | None
) -> None:
    _die_with(parent)  # first: a worker must never outlive a killed load
    global _worker_extractor, _worker_error, _worker_known, _worker_finish
    from extractors.pipeline import Extractor

    _worker_known, _worker_finish = known, finish
    try:
        _worker_extractor = Extractor(settings)
    # raised by each report instead: an initializer that raises kills its worker, message lost
    except RecogniserError as exc:
        _worker_error = exc


def extract_one(
    extractor,
    path: Path,
    entry: ManifestEntry | None,
    name: str | None = None,
    known: Mapping[str, str | None] | None = None,
    finish: Finish | None = None,
) -> Finished:
    """The report's :data:`Outcome` (its result passed through ``finish`` if given), within the
    limits of ``extractor.settings``; one bad report never raises."""
    settings = extractor.settings
    try:
        with time_budget(settings.max_seconds):
            document = read_document(path, entry, settings.max_bytes, name)
            if known and known.get(document.doc_id) == extractor.fingerprint:
                return path, None, None
            result = extractor.extract(document)
            return path, finish(result) if finish else result, None
    except ReadError as exc:
        return path, None, exc.reason
    except OutOfTime as exc:
        return path, None, str(exc)
    except MemoryError:
        return path, None, "out of memory while extracting it"
    except Exception as exc:  # one bad report must never cost the others
        return path, None, f"extraction failed ({exc.__class__.__name__}: {' '.join(str(exc).split())[:200]})"


def _work(item: Item) -> Finished:
    if _worker_error is not None:
        raise _worker_error
    return extract_one(_worker_extractor, *item, known=_worker_known, finish=_worker_finish)


def resolve_jobs(jobs: int | None, n_files: int) -> int:
    """``jobs`` as given; 0 or None means all cores, but 1 for small runs."""
    if jobs:
        return max(1, jobs)
    return 1 if n_files < AUTO_PARALLEL_FROM else max(1, os.cpu_count() or 1)


def extract_many(
    files: list[Path],
    entries: dict[str, ManifestEntry],
    settings: ExtractionSettings,
    jobs: int,
    known: Mapping[str, str | None] | None = None,
    names: Mapping[Path, str] | None = None,
    finish: Finish | None = None,
) -> Iterator[Finished]:
    """The :data:`Outcome` of each file, in order, extracted with ``settings``; ``known`` (report
    id → extractor fingerprint): the reports a store already holds, which are not extracted again;
    ``names``: how each file is shown (see :func:`extractors.read.paths.iter_reports`);
    ``finish`` (a module-level function, so that workers can be sent it): what is kept of each
    result, made in the worker that extracted it — a loader's rows are half the size of the result,
    which holds the report's whole text, and every result crosses a pipe."""

    def entry_of(f: Path) -> ManifestEntry | None:
        try:
            return entries.get(str(f.resolve()))
        except (OSError, RuntimeError):
            return None

    items: list[Item] = [(f, entry_of(f), (names or {}).get(f)) for f in files]
    if jobs <= 1:
        from extractors.pipeline import Extractor

        extractor = Extractor(settings)
        for item in items:
            yield extract_one(extractor, *item, known=known, finish=finish)
        return
    worker_args = (os.getpid(), settings, known or {}, finish)
    yield from map_in_order(_work, items, jobs, lost=_lost, initializer=_init_worker, initargs=worker_args)


def _lost(item: Item) -> Outcome:
    return item[0], None, WORKER_DIED
