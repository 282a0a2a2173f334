"""The derived-fact rule: a fact brought up to date from its properties and the new mentions
(what the Neo4j loader does) equals the fact aggregated from all the mentions (what a fresh load and
the embedded store compute)."""

from __future__ import annotations

import random

from kg.derived_facts import Item, derived_properties, merged_fact


def _mentions(rnd: random.Random, report: str, year, file: str) -> list[Item]:
    return [Item(year, file, start, start + 3, f"{report} sentence at {start}", report,
             rnd.choice(["done", "planned", None]))
            for start in rnd.sample(range(0, 60), rnd.randint(1, 3))]


def _year_and_file(reports: dict[str, tuple], ids: list[str]) -> set[tuple]:
    return {(reports[r][0], reports[r][1] or "") for r in ids}


def test_a_merged_fact_equals_the_fact_aggregated_from_all_mentions():
    rnd = random.Random(7)
    merged = tied = 0
    for _ in range(3000):
        reports = {f"r{i}": (rnd.choice([None, 2019, 2020, 2021]), rnd.choice(["a.txt", "b.txt", "c.txt", ""]))
                   for i in range(rnd.randint(2, 6))}
        items = {rid: _mentions(rnd, rid, year, file) for rid, (year, file) in reports.items()}
        old = rnd.sample(sorted(reports), rnd.randint(1, len(reports) - 1))
        new = [rid for rid in reports if rid not in old]
        current = derived_properties([m for rid in old for m in items[rid]])
        result = merged_fact(current, reports, [m for rid in new for m in items[rid]])
        if result is None:  # only when a new report has an old one's year and file
            assert _year_and_file(reports, old) & _year_and_file(reports, new)
            tied += 1
            continue
        assert result == derived_properties([m for rid in reports for m in items[rid]])
        merged += 1
    assert merged > 1000 and tied > 100  # both paths exercised


def test_a_fact_listing_a_report_of_unknown_year_and_file_is_aggregated_anew():
    current = derived_properties([Item(2020, "a.txt", 5, 8, "s", "old", "done")])
    assert merged_fact(current, {}, [Item(2021, "b.txt", 1, 4, "t", "new", "planned")]) is None


def test_facts_aggregated_in_arrow_equal_those_aggregated_per_fact():
    import pyarrow as pa

    from kg.derived_facts import ITEM_COLUMNS, facts_from_table

    rnd = random.Random(11)
    rows, by_fact = [], {}
    for region in ("r1", "r2", "r3"):
        for target in ("平台甲", "平台乙", "Zeta", "12345热线"):
            for _ in range(rnd.randint(0, 12)):
                report = rnd.choice(["a", "b", "c", "d"])
                # years, files and starts collide often, so ties are broken by the later keys
                item = Item(rnd.choice([None, 2019, 2020]), rnd.choice([None, "", "x.txt", "乙.txt", "Y.txt"]),
                            rnd.randint(0, 4), 0, f"{report}-{rnd.random()}", report,
                            rnd.choice(["done", "planned", "planned", None]))
                item = item._replace(end=item.start + 2)
                rows.append((region, target, *item))
                by_fact.setdefault((region, target), []).append(item)
    rnd.shuffle(rows)
    table = pa.table(list(zip(*rows)), names=[f"c{i}" for i in range(len(ITEM_COLUMNS))])
    aggregated = facts_from_table(table)
    assert aggregated == {fact: derived_properties(items) for fact, items in by_fact.items()}
    assert len(aggregated) > 6
    assert facts_from_table(table.slice(0, 0)) == {}
