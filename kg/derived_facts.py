"""How a derived fact (ADOPTED, RUNS, PARTNERS_WITH) is made from its provenance (the loader's rule).

A fact aggregates the mentions of its target in the reports about its region.  Mentions are ordered
by (year with unknown last, file, start, report id): the first is the evidence and the reports are
listed in that order (oldest first).  The fact is ``done`` when any mention is done (partner
citations have no status and count as done), else ``planned``.

Each mention is an :class:`Item`; a region's mentions read from the store in bulk are aggregated
from an Arrow table of the same columns (:func:`facts_from_table`), sorted in Arrow rather than per
fact in Python, by the same order (:func:`mention_order`).

When reports are added, a fact can be brought up to date from its current properties and the new
reports' mentions alone (:func:`merged_fact`), without reading the mentions of the reports it
already lists, so that a batch's cost does not grow with the reports already loaded.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any, NamedTuple

from kg.model import DERIVED

if TYPE_CHECKING:
    import pyarrow as pa

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


def mention_order(item: Item) -> tuple[tuple[int, int], str, int, str]:
    """A fact's mentions in order: by year (unknown last), file (none as ""), start, report id.
    :func:`facts_from_table` sorts by the same keys in Arrow."""
    return (sort_year(item.year), item.file or "", item.start, item.report)


def _properties(
    reports: Sequence[str], years: Iterable[Any], statuses: Iterable[str | None], first: Item
) -> dict[str, Any]:
    """A fact's properties from its mentions' reports in order, years, statuses and first mention."""
    known = [y for y in years if y is not None]
    listed = list(dict.fromkeys(reports))
    return {
        "first_year": min(known) if known else None,
        "last_year": max(known) if known else None,
        "reports": listed,
        "n_reports": len(listed),
        "status": "done" if any(s != "planned" for s in statuses) else "planned",
        "evidence": first.sentence,
        "evidence_file": first.file,
        "evidence_start": first.start,
        "evidence_end": first.end,
    }


def derived_properties(items: list[Item]) -> dict[str, Any]:
    """A fact's properties from all its mentions."""
    ordered = sorted(items, key=mention_order)
    return _properties([i.report for i in ordered], (i.year for i in items), (i.status for i in items), ordered[0])


ITEM_COLUMNS = ("region", "target", *Item._fields)  # what :func:`facts_from_table` reads, in order


def facts_from_table(table: pa.Table) -> dict[tuple[str, str], dict[str, Any]]:
    """Each (region, target) fact's properties from a table of all its mentions: columns
    :data:`ITEM_COLUMNS` in that order, whatever their names.  Equal to :func:`derived_properties`
    per fact; the mentions are sorted in Arrow, and only each fact's first sentence is read.

    >>> import pyarrow as pa
    >>> rows = [("r", "x", 2021, "b.txt", 3, 5, "later", "B", "planned"),
    ...         ("r", "x", 2020, "a.txt", 9, 11, "first", "A", "done")]
    >>> fact = facts_from_table(pa.table(list(zip(*rows)), names=list(ITEM_COLUMNS)))[("r", "x")]
    >>> fact["evidence"], fact["reports"], fact["status"]
    ('first', ['A', 'B'], 'done')
    """
    import pyarrow as pa
    import pyarrow.compute as pc

    if not table.num_rows:
        return {}
    text, number = pa.string(), pa.int64()
    types = (text, text, number, text, number, number, text, text, text)  # as ITEM_COLUMNS
    table = table.rename_columns(list(ITEM_COLUMNS)).cast(pa.schema(list(zip(ITEM_COLUMNS, types, strict=True))))
    keyed = table.append_column("file_key", pc.fill_null(table["file"], ""))
    order = pc.sort_indices(
        keyed,
        sort_keys=[(c, "ascending") for c in ("region", "target", "year", "file_key", "start", "report")],
    )  # nulls (only years are ever null) sort last, as in :func:`sort_year`
    columns = ("region", "target", "year", "report", "status")
    region, target, year, report, status = (c.to_pylist() for c in table.select(columns).take(order).columns)
    n = len(region)
    starts = [i for i in range(n) if i == 0 or region[i] != region[i - 1] or target[i] != target[i - 1]]
    first = table.select(Item._fields).take(order.take(starts))  # each fact's first mention: its evidence
    firsts = [Item(*row) for row in zip(*(first[c].to_pylist() for c in Item._fields), strict=True)]
    facts: dict[tuple[str, str], dict[str, Any]] = {}
    for k, i in enumerate(starts):
        j = starts[k + 1] if k + 1 < len(starts) else n
        facts[(region[i], target[i])] = _properties(report[i:j], year[i:j], status[i:j], firsts[k])
    return facts


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
