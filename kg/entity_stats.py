"""How much each platform, program, agency and policy is used, kept on its node as the graph grows.

``kg query candidates`` ranks the names nobody has curated yet by how many reports use them, with
their surface forms and an example sentence.  Working that out at query time means reading every
mention of every such name: seconds on a national corpus.  So the loader keeps these figures on
the entity node and brings them up to date as reports load — incrementally for reports added
(:func:`merged`), from scratch for the names a removed report had mentioned (:func:`stats_of`).

The example is the first mention in (report file, start offset, report id) order, the order every
query uses for evidence.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, NamedTuple

STAT_KEYS = ("n_reports", "n_mentions", "surfaces", "example", "example_file", "example_start", "example_report")


class Use(NamedTuple):
    """One mention of an entity, as far as the figures need it."""

    file: str
    start: int
    report: str
    sentence: str
    surface: str


def _order(use: Use) -> tuple[str, int, str]:
    return (use.file or "", use.start, use.report)


def stats_of(uses: Iterable[Use]) -> dict[str, Any]:
    """The figures of an entity from all its mentions."""
    return merged(None, uses)


def merged(current: dict[str, Any] | None, new_uses: Iterable[Use]) -> dict[str, Any]:
    """``current`` figures (None: none yet) plus mentions from reports not counted before."""
    uses = list(new_uses)
    stats: dict[str, Any] = {
        "n_reports": 0,
        "n_mentions": 0,
        "surfaces": [],
        "example": None,
        "example_file": None,
        "example_start": None,
        "example_report": None,
    }
    if current and current.get("n_mentions"):
        stats.update({k: current.get(k) for k in STAT_KEYS})
    if not uses:
        return stats
    stats["n_mentions"] = (stats["n_mentions"] or 0) + len(uses)
    stats["n_reports"] = (stats["n_reports"] or 0) + len({u.report for u in uses})
    stats["surfaces"] = sorted(set(stats["surfaces"] or ()) | {u.surface for u in uses})
    best = min(uses, key=_order)
    held = stats["example_report"] is not None
    if not held or _order(best) < (stats["example_file"] or "", stats["example_start"], stats["example_report"]):
        stats.update(
            example=best.sentence, example_file=best.file, example_start=best.start, example_report=best.report
        )
    return stats
