"""Derived facts (ADOPTED, RUNS, PARTNERS_WITH) in Neo4j, brought up to date inside a batch's
transaction, after its reports' provenance was written.

Adding reports: only the facts whose targets the new reports name can change.  Each is read once
and merged with the new mentions in Python (:func:`kg.derived_facts.merged_fact`, as the embedded
store merges its facts), then written by element id; a new fact is created.  After a
report was removed, every fact of its region is aggregated again in Cypher from all the provenance,
and so is the rare fact that cannot be merged (see ``merged_fact``).

Platforms and programs list their adopters (``adopters``, see :data:`kg.stores.neo4j_cypher.ADD_ADOPTERS`):
a created fact appends its region; after a removal the lists of the touched targets are listed
again from their facts (:func:`list_adopters`).
"""

from __future__ import annotations

from typing import Any

import neo4j

from kg.derived_facts import EVIDENCE_KEYS, Item, derived_properties, merged_fact
from kg.model import DERIVED, ReportRows
from kg.stores import neo4j_cypher as cy
from kg.stores.neo4j_rows import chunks, run_rows

Fact = tuple[str, str]  # (region id, target key: a name, or a region id for partners)


def new_items(
    new: list[ReportRows], mentions: dict[str, list[dict[str, Any]]], partners: list[dict[str, Any]]
) -> dict[str, dict[Fact, list[Item]]]:
    """Per target label: each fact the new reports name, with their mentions of its target.

    ``mentions`` (per entity label) and ``partners`` are the rows as written, one per relationship.
    """
    reports = {r.report["id"]: r.report for r in new}
    region_of = {r.report["id"]: r.about["region"] for r in new if r.about}
    out: dict[str, dict[Fact, list[Item]]] = {label: {} for label in cy.DERIVE}

    def add(label: str, row: dict[str, Any], target: str, status: str | None) -> None:
        region = region_of.get(row["report"])
        if region is not None:
            rep = reports[row["report"]]
            out[label].setdefault((region, target), []).append(
                (rep["year"], rep["file"], row["start"], row["end"], row["sentence"], row["report"], status)
            )

    for label in DERIVED:
        for m in mentions.get(label, []):
            add(label, m, m["name"], m["status"])
    for p in partners:
        add("Region", p, p["region"], None)
    return out


def update_facts(tx: neo4j.ManagedTransaction, items: dict[str, dict[Fact, list[Item]]]) -> None:
    """Bring up to date the facts ``items`` names (see :func:`new_items`), reports only added."""
    regions = sorted({region for facts in items.values() for region, _ in facts})
    if not regions:
        return
    reports = tx.run(cy.REPORTS_ABOUT, ids=regions).single(strict=True)["reports"]
    listed = {rid: (year, file) for rid, year, file in reports}
    for label, facts in items.items():
        current = _current_facts(tx, label, facts)
        created: list[dict[str, Any]] = []
        updated: list[dict[str, Any]] = []
        unmerged: dict[str, list[str]] = {}
        for (region, target), its in facts.items():
            if (region, target) not in current:
                created.append({"region": region, "target": target, "props": derived_properties(its)})
                continue
            element_id, props = current[region, target]
            merged = merged_fact(props, listed, its)
            if merged is None:
                unmerged.setdefault(region, []).append(target)
            else:  # what changed; the evidence is the first report's, so it changes with that report
                changed = {k: merged[k] for k in cy.FACT_KEYS_READ if props[k] != merged[k]}
                if merged["reports"][0] != props["reports"][0]:
                    changed.update({k: merged[k] for k in EVIDENCE_KEYS})
                updated.append({"id": element_id, "props": changed})
        run_rows(tx, cy.CREATE_FACTS[label], created)
        if label in cy.ADD_ADOPTERS:
            _add_adopters(tx, label, created)
        run_rows(tx, cy.UPDATE_FACTS, updated)
        if unmerged:
            rows = [{"region": region, "targets": targets} for region, targets in unmerged.items()]
            tx.run(cy.DERIVE[label], rows=rows, full=False).consume()


def _add_adopters(tx: neo4j.ManagedTransaction, label: str, created: list[dict[str, Any]]) -> None:
    """Each target of the ``created`` facts gains their regions in its ``adopters`` list (see
    :data:`kg.stores.neo4j_cypher.ADD_ADOPTERS`): the facts were not there before, so appending
    keeps the list exact."""
    regions: dict[str, list[str]] = {}
    for row in created:
        regions.setdefault(row["target"], []).append(row["region"])
    run_rows(tx, cy.ADD_ADOPTERS[label], [{"target": t, "regions": r} for t, r in sorted(regions.items())])


def targets_of(tx: neo4j.ManagedTransaction, regions: list[str]) -> set[tuple[str, str]]:
    """(label, name) of every platform and program ``regions`` have a fact to."""
    targets = tx.run(cy.TARGETS_OF_REGIONS, regions=regions).single(strict=True)["targets"]
    return {(label, name) for label, name in targets}


def list_adopters(tx: neo4j.ManagedTransaction, targets: set[tuple[str, str]]) -> None:
    """The ``adopters`` lists of ``targets`` listed again from their facts: after a report was
    removed, when a region's facts may have gone."""
    for label, statement in cy.LIST_ADOPTERS.items():
        names = sorted(name for lab, name in targets if lab == label)
        for chunk in chunks(names):
            tx.run(statement, names=chunk).consume()


def _current_facts(
    tx: neo4j.ManagedTransaction, label: str, facts: dict[Fact, list[Item]]
) -> dict[Fact, tuple[str, dict[str, Any]]]:
    """The existing facts among ``facts``: (region, target) → (element id, properties but the
    evidence)."""
    targets: dict[str, list[str]] = {}
    for region, target in facts:
        targets.setdefault(region, []).append(target)
    current = {}
    for chunk in chunks([{"region": region, "targets": t} for region, t in targets.items()]):
        for region, target, element_id, *props in tx.run(cy.FACTS_OF[label], rows=chunk).single(strict=True)["facts"]:
            current[region, target] = (element_id, dict(zip(cy.FACT_KEYS_READ, props, strict=False)))
    return current


def rebuild_facts(tx: neo4j.ManagedTransaction, regions: list[str]) -> None:
    """Every fact of ``regions`` aggregated again from all their provenance, and the facts left
    without any deleted: after a report about them was removed."""
    for statement in cy.DELETE_STALE:
        tx.run(statement, regions=regions).consume()
    rows = [{"region": region, "targets": []} for region in regions]
    for statement in cy.DERIVE.values():
        tx.run(statement, rows=rows, full=True).consume()
