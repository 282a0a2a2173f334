"""How a derived fact (ADOPTED, RUNS, PARTNERS_WITH) is made from its provenance (the loader's rule).

A fact aggregates the mentions of its target in the reports about its region.  Mentions are ordered
by (year with unknown last, file, start, report id): the first is the evidence and the reports are
listed in that order (oldest first).  The fact is ``done`` when any mention is done (partner
citations have no status and count as done), else ``planned``.

Each mention is an :class:`Item`.

When reports are added, a fact can be brought up to date from its current properties and the new
reports' mentions alone (:func:`merged_fact`), without reading the mentions of the reports it
already lists, so that a batch's cost does not grow with the reports already loaded.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, NamedTuple

from kg.model import DERIVED

# each derived relationship → the provenance relationship it is aggregated from
PROVENANCE = {**{rel: "MENTIONS" for rel in DERIVED.values()}, "PARTNERS_WITH": "CITES_PARTNER"}
DERIVED_TYPES = tuple(PROVENANCE)  # ADOPTED, RUNS, PARTNERS_WITH
EVIDENCE_KEYS = ("evidence", "evidence_file", "evidence_start", "evidence_end")  # the first report's
FACT_KEYS = ("first_year", "last_year", "reports", "n_reports", "status", *EVIDENCE_KEYS)


class Item(NamedTuple):
    """One mention of a fact's target in a report about its region (or one partner citation)."""

    year: Any  # the report's year; None when unknown
    file: str | None
    start: int
    end: int
    sentence: str
    report: str  # the report's id
    status: str | None  # done or planned; None for a partner citation (counts as done)


def sort_year(year: Any) -> tuple[int, int]:
    """Order years ascending with unknown years last, as Cypher's ORDER BY does with nulls."""
    return (1, 0) if year is None else (0, int(year))


def derived_properties(items: list[Item]) -> dict[str, Any]:
    """A fact's properties from all its mentions."""
    ordered = sorted(items, key=lambda i: (sort_year(i.year), i.file or "", i.start, i.report))
    years = [i.year for i in items if i.year is not None]
    reports = list(dict.fromkeys(i.report for i in ordered))
    best = ordered[0]
    return {
        "first_year": min(years) if years else None,
        "last_year": max(years) if years else None,
        "reports": reports,
        "n_reports": len(reports),
        "status": "done" if any(i.status != "planned" for i in items) else "planned",
        "evidence": best.sentence,
        "evidence_file": best.file,
        "evidence_start": best.start,
        "evidence_end": best.end,
    }


def merged_fact(
    current: Mapping[str, Any], listed: Mapping[str, tuple[Any, str | None]], items: list[Item]
) -> dict[str, Any] | None:
    """The fact ``current`` once the mentions ``items`` of reports it does not list yet are added;
    ``listed`` gives (year, file) of each report it lists.  Equal to :func:`derived_properties`
    over all the mentions.

    The listed reports are already in order, and a new report falls between them by its (year,
    file) alone, unless an old report has the same year and file: then the order depends on where
    in each report the target is first mentioned, which ``current`` does not say, and the answer is
    None (aggregate from all the mentions instead).  Two reports of one region, year and file name
    (from different folders) are rare, so this almost never happens.

    ``current`` needs the reports, years and status; its evidence is copied when an old report
    stays first.  The evidence is the first report's, so a caller that rewrites it only when the
    first report changes need not read it (the Neo4j loader: a sentence per fact, a million facts).
    """
    new = derived_properties(items)
    try:
        old_keys = [(sort_year(listed[rid][0]), listed[rid][1] or "") for rid in current["reports"]]
    except KeyError:  # a listed report that is not about the region: cannot merge, aggregate anew
        return None
    key_of: dict[str, tuple[tuple[int, int], str]] = {}
    for year, file, *_, rid, _ in items:
        key_of.setdefault(rid, (sort_year(year), file or ""))
    if set(old_keys) & set(key_of.values()):
        return None
    # a stable sort on (year, file) keeps each side's own order, and no key is on both sides
    ranked = sorted(
        [(key, False, rid) for key, rid in zip(old_keys, current["reports"], strict=False)]
        + [(key_of[rid], True, rid) for rid in new["reports"]],
        key=lambda t: t[0],
    )
    reports = [rid for _, _, rid in ranked]
    years = [
        y
        for y in (current.get("first_year"), current.get("last_year"), new["first_year"], new["last_year"])
        if y is not None
    ]
    evidence = new if ranked[0][1] else current
    return {
        "first_year": min(years) if years else None,
        "last_year": max(years) if years else None,
        "reports": reports,
        "n_reports": len(reports),
        "status": "done" if "done" in (current.get("status"), new["status"]) else "planned",
        **{k: evidence.get(k) for k in EVIDENCE_KEYS},
    }
