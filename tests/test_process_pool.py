"""The worker pool under extraction: results in order, and a worker that dies (also halfway
through sending its answer) costs only the item that killed it."""

from __future__ import annotations

import os
import signal
import sys
import threading
import time
from pathlib import Path

import pytest

from extractors.process_pool import map_in_order


def _square(n: int) -> int:
    return n * n


def _kill_when_sending(main: int) -> None:
    """SIGKILL this process once its thread ``main`` is writing to a pipe."""
    while True:
        frame = sys._current_frames().get(main)
        while frame is not None:
            if frame.f_code.co_name == "_send_bytes":
                os.kill(os.getpid(), signal.SIGKILL)
            frame = frame.f_back
        time.sleep(0.0005)


def _die_sending(item: tuple[int, str]) -> object:
    """Item (n, "die"): killed halfway through writing its (large) answer to the parent."""
    n, what = item
    if what == "die":
        threading.Thread(target=_kill_when_sending, args=(threading.get_ident(),), daemon=True).start()
        return b"x" * 50_000_000
    return n


def _die_once(item: tuple[int, str]) -> int:
    """Item (n, marker path): the first worker to take it dies; the retry succeeds."""
    n, marker = item
    if marker and not Path(marker).exists():
        Path(marker).touch()
        os.kill(os.getpid(), signal.SIGKILL)
    return n


def _slow_first(item: tuple[int, str]) -> int:
    """Item 0 takes a while; each item notes when it started and ended."""
    n, folder = item
    Path(folder, f"{n}.start").write_text(str(time.monotonic()))
    if n == 0:
        time.sleep(1.5)
    Path(folder, f"{n}.end").write_text(str(time.monotonic()))
    return n


def _raise(n: int) -> int:
    raise ValueError(f"bad item {n}")


def _lost(item: object) -> str:
    return "lost"


def test_results_come_in_input_order():
    assert list(map_in_order(_square, list(range(40)), 2, lost=_lost)) == [n * n for n in range(40)]


def test_a_worker_killed_while_it_answers_costs_only_its_item():
    items = [(n, "die" if n == 5 else "") for n in range(12)]
    started = time.monotonic()
    results = list(map_in_order(_die_sending, items, 2, lost=_lost))
    assert results == [*range(5), "lost", *range(6, 12)]
    assert time.monotonic() - started < 60


def test_an_item_lost_with_a_dying_worker_is_tried_again(tmp_path):
    items = [(n, str(tmp_path / "died") if n == 3 else "") for n in range(10)]
    assert list(map_in_order(_die_once, items, 2, lost=_lost)) == list(range(10))
    assert (tmp_path / "died").exists()


def test_a_slow_item_holds_back_the_items_far_behind_it(tmp_path):
    """Results wait in memory until the items before them are yielded: only a window of items
    (jobs x (ahead + 1)) goes out beyond the oldest one still running."""
    items = [(n, str(tmp_path)) for n in range(40)]
    assert list(map_in_order(_slow_first, items, 2, lost=_lost, ahead=1)) == list(range(40))
    first_done = float((tmp_path / "0.end").read_text())
    started_early = [n for n in range(40) if float((tmp_path / f"{n}.start").read_text()) < first_done]
    assert max(started_early) == 3  # the window, 2 x (1 + 1) items: 0-3, the other worker took 2 and 3


def test_an_exception_in_the_work_reaches_the_caller():
    with pytest.raises(ValueError, match="bad item 0"):
        list(map_in_order(_raise, [0, 1], 2, lost=_lost))
