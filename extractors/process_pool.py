"""Map a function over items in worker processes, results in input order, surviving dead workers.

Each worker has a pipe of its own.  The standard library's pools share one result pipe among all
workers, so a worker killed (out of memory, SIGKILL) while it sends a large result leaves half a
message in the shared pipe, or the pipe's lock held: the pool then waits forever.  With a pipe per
worker, a dead worker's pipe simply ends; its reports are handed out again, one at a time, so the
report that kills a worker twice is the only one lost.

>>> list(map_in_order(abs, [-1, 2, -3], jobs=2))  # doctest: +SKIP
[1, 2, 3]
"""

from __future__ import annotations

import multiprocessing
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from contextlib import suppress
from dataclasses import dataclass, field
from multiprocessing.connection import Connection, wait
from typing import Any, Generic, TypeVar

T = TypeVar("T")
R = TypeVar("R")
AHEAD = 4  # items handed to a worker beyond the one it works on: it never waits for the parent
STOP_SECONDS = 10.0  # a worker told to stop gets this long before it is killed


def _serve(
    conn: Connection, work: Callable[[Any], Any], initializer: Callable[..., None] | None, initargs: tuple
) -> None:
    """A worker's life: set up once, then answer ``(index, item)`` with ``(index, raised, value)``
    until told to stop (``None``)."""
    if initializer is not None:
        initializer(*initargs)
    while True:
        try:
            message = conn.recv()
        except EOFError:  # the parent is gone
            return
        if message is None:
            return
        index, item = message
        try:
            conn.send((index, False, work(item)))
        except Exception as exc:  # handed to the parent, which raises it
            try:
                conn.send((index, True, exc))
            except Exception:  # an exception that does not pickle
                conn.send((index, True, RuntimeError(f"{exc.__class__.__name__}: {exc}")))


@dataclass
class _Worker(Generic[T]):
    process: Any  # multiprocessing.Process of the spawn context
    conn: Connection
    in_flight: deque[tuple[int, T]] = field(default_factory=deque)
    alone: bool = False  # working on one item lost with another worker: nothing else is sent


def map_in_order(
    work: Callable[[T], R],
    items: Sequence[T],
    jobs: int,
    *,
    lost: Callable[[T], R],
    initializer: Callable[..., None] | None = None,
    initargs: tuple = (),
    ahead: int = AHEAD,
) -> Iterator[R]:
    """``work(item)`` for each item, computed in ``jobs`` spawned processes, yielded in order.

    ``work`` and ``initializer`` must be importable module-level functions (workers are spawned,
    not forked: the caller may hold threads and locks a forked child would inherit half-taken).
    An exception ``work`` raises is raised here.  An item whose worker died twice with it, the
    second time alone, yields ``lost(item)`` instead.
    """
    context = multiprocessing.get_context("spawn")
    pending: deque[tuple[int, T]] = deque(enumerate(items))
    suspects: deque[tuple[int, T]] = deque()  # lost with a dead worker: retried one at a time
    done: dict[int, R] = {}
    workers: list[_Worker[T]] = []

    def start() -> _Worker[T]:
        mine, theirs = context.Pipe()
        process = context.Process(target=_serve, args=(theirs, work, initializer, initargs))
        process.start()
        theirs.close()  # the worker holds its end: when it dies, reading ours ends
        return _Worker(process, mine)

    def hand_out(worker: _Worker[T]) -> None:
        if worker.alone:
            return
        if suspects:
            if not worker.in_flight:
                worker.alone = True
                worker.in_flight.append(suspects.popleft())
                worker.conn.send(worker.in_flight[-1])
            return
        # also bounded by the oldest item not yet yielded: results of a slow one's successors wait in memory
        while pending and len(worker.in_flight) <= ahead and pending[0][0] - following < window:
            worker.in_flight.append(pending.popleft())
            worker.conn.send(worker.in_flight[-1])

    def receive(worker: _Worker[T]) -> bool:
        """Take the worker's answers; False when it has died."""
        answers = []
        try:
            while worker.conn.poll():
                answers.append(worker.conn.recv())
        except (EOFError, OSError):  # its pipe ended, or ended halfway through an answer
            alive = False
        else:
            alive = worker.process.is_alive()
        for index, raised, value in answers:
            if raised:
                raise value
            worker.in_flight.popleft()
            worker.alone = False
            done[index] = value
        return alive

    def bury(worker: _Worker[T]) -> None:
        worker.conn.close()
        worker.process.join()
        if worker.alone:  # its item was lost with a worker before, and now alone: it is the cause
            index, item = worker.in_flight.popleft()
            done[index] = lost(item)
        retry = sorted([*suspects, *worker.in_flight], key=lambda pair: pair[0])
        suspects.clear()
        suspects.extend(retry)
        workers[workers.index(worker)] = start()

    window = max(1, jobs) * (ahead + 1)  # items handed out beyond the next one to yield, at most
    following = 0  # the index of the next item to yield
    try:
        workers.extend(start() for _ in range(max(1, min(jobs, len(items)))))
        while following < len(items):
            while following in done:
                yield done.pop(following)
                following += 1
            if following >= len(items):
                break
            for worker in workers:  # after yielding: the window has moved on
                hand_out(worker)
            ready = wait([w.conn for w in workers] + [w.process.sentinel for w in workers])
            for worker in list(workers):
                if (worker.conn in ready or worker.process.sentinel in ready) and not receive(worker):
                    bury(worker)
    finally:
        _stop(workers)


def _stop(workers: list[_Worker[Any]]) -> None:
    """Ask every worker to stop, then kill the ones that do not."""
    for worker in workers:
        with suppress(OSError):  # a worker that died has no pipe left
            worker.conn.send(None)
    for worker in workers:
        worker.process.join(STOP_SECONDS)
        if worker.process.is_alive():
            worker.process.kill()
            worker.process.join()
        worker.conn.close()
