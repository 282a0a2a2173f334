"""The Cypher the Neo4j loader runs: one parameterised ``UNWIND $rows …`` statement per node or
relationship kind.

Labels cannot be parameters in Cypher, so the per-label statements are built here once from the
model's fixed label names; user input only ever travels in ``$rows`` / ``$ids`` / ``$regions``.
The derived facts follow the same rule as :func:`kg.derived_facts.derived_properties`: mentions
ordered by (year, unknown last; file; start; report id); the first one is the evidence, the reports
are listed in that order (oldest first), first/last year are the min/max known year.
"""

from __future__ import annotations

from kg.derived_facts import FACT_KEYS, PROVENANCE
from kg.model import DERIVED, ENDPOINTS, ENTITY_LABELS

ENTITY_KINDS = tuple(ENTITY_LABELS.values())  # Platform, Program, Agency, Policy

# ---- what is already there ------------------------------------------------------------------
EXISTING_REPORTS = "UNWIND $ids AS id MATCH (r:Report {id: id}) RETURN r.id AS id, r.extractor AS extractor"
ALL_REPORTS = "MATCH (r:Report) RETURN collect([r.id, r.extractor]) AS reports"  # one record, not one per report

OLDER_VERSIONS = """
UNWIND $rows AS row
MATCH (r:Report {path: row.path}) WHERE r.id <> row.id
RETURN r.id AS id, row.path AS path
"""

REGIONS_OF_REPORTS = """
UNWIND $ids AS id
MATCH (:Report {id: id})-[:ABOUT]->(g:Region)
RETURN DISTINCT g.id AS id
"""

ENTITIES_OF_REPORTS = """
UNWIND $ids AS id
MATCH (:Report {id: id})-[:MENTIONS]->(x)
RETURN DISTINCT labels(x)[0] AS label, x.name AS name
"""

# ---- entity usage figures (kg/entity_stats.py) ------------------------------------------------
ENTITY_STATS = {
    label: f"""
UNWIND $names AS name
MATCH (x:{label} {{name: name}})
RETURN x.name AS name, x.n_reports AS n_reports, x.n_mentions AS n_mentions, x.surfaces AS surfaces,
       x.example AS example, x.example_file AS example_file, x.example_start AS example_start,
       x.example_report AS example_report
"""
    for label in ENTITY_KINDS
}

ENTITY_USES = {
    label: f"""
UNWIND $names AS name
MATCH (x:{label} {{name: name}})<-[m:MENTIONS]-(rep:Report)
RETURN x.name AS name, rep.file AS file, m.start AS start, rep.id AS report, m.sentence AS sentence,
       m.surface AS surface
"""
    for label in ENTITY_KINDS
}

SET_ENTITY_STATS = {
    label: f"""
UNWIND $rows AS row
MATCH (x:{label} {{name: row.name}})
SET x += row.stats
"""
    for label in ENTITY_KINDS
}

# ---- removing a replaced report ---------------------------------------------------------------
DELETE_ISSUED = """
UNWIND $ids AS id
MATCH ()-[i:ISSUED {report: id}]->()
DELETE i
"""

DELETE_REPORTS = """
UNWIND $ids AS id
MATCH (r:Report {id: id})
OPTIONAL MATCH (r)-[:MENTIONS]->(x)
WITH r, collect(DISTINCT x) AS mentioned
DETACH DELETE r
WITH mentioned UNWIND mentioned AS x
WITH DISTINCT x WHERE NOT EXISTS { ()-[:MENTIONS]->(x) }
DETACH DELETE x
"""

PRUNE_REGIONS = """
MATCH (g:Region)
WHERE NOT EXISTS { (g)<-[:PART_OF*0..]-(:Region)<-[:ABOUT|CITES_PARTNER]-(:Report) }
DETACH DELETE g
"""

# ---- nodes --------------------------------------------------------------------------------------
# A report is written only when it is not in the graph (an older extraction of the same text was
# deleted first, in the same transaction), so it and its provenance relationships are CREATEd:
# MERGE would look for each relationship among those already there, for nothing.
CREATE_REPORTS = """
UNWIND $rows AS row
CREATE (r:Report {id: row.id})
SET r.file = row.file, r.path = row.path, r.title = row.title, r.year = row.year, r.plan_year = row.plan_year,
    r.area = row.area, r.region = row.region, r.format = row.format, r.url = row.url, r.extractor = row.extractor
"""

MERGE_REGIONS = """
UNWIND $rows AS row
MERGE (g:Region {id: row.id})
SET g.name = coalesce(row.name, g.name), g.level = coalesce(row.level, g.level),
    g.code = coalesce(row.code, g.code), g.prefecture = coalesce(row.prefecture, g.prefecture),
    g.province = coalesce(row.province, g.province)
"""

MERGE_ENTITIES = {
    label: f"UNWIND $rows AS row MERGE (x:{label} {{name: row.name}}) SET x.discovered = row.discovered"
    for label in ENTITY_KINDS
}
MERGE_ENTITIES["Policy"] += " SET x.doc_number = coalesce(row.doc_number, x.doc_number)"

# ---- provenance relationships ---------------------------------------------------------------
MERGE_PART_OF = """
UNWIND $rows AS row
MATCH (c:Region {id: row.child}), (p:Region {id: row.parent})
MERGE (c)-[:PART_OF]->(p)
"""

CREATE_ABOUT = """
UNWIND $rows AS row
MATCH (r:Report {id: row.report}), (g:Region {id: row.region})
CREATE (r)-[:ABOUT]->(g)
"""

CREATE_MENTIONS = {
    label: f"""
UNWIND $rows AS row
MATCH (r:Report {{id: row.report}}), (x:{label} {{name: row.name}})
CREATE (r)-[m:MENTIONS {{start: row.start, end: row.end}}]->(x)
SET m.surface = row.surface, m.sentence = row.sentence, m.sentence_start = row.sentence_start,
    m.source = row.source, m.status = row.status, m.year = row.year
"""
    for label in ENTITY_KINDS
}

CREATE_FIGURES = {
    label: f"""
UNWIND $rows AS row
MATCH (r:Report {{id: row.report}}), (x:{label} {{name: row.name}})
CREATE (r)-[f:STATES_FIGURE {{start: row.start, end: row.end}}]->(x)
SET f.metric = row.metric, f.value = row.value, f.unit = row.unit, f.amount = row.amount, f.year = row.year,
    f.status = row.status, f.surface = row.surface, f.sentence = row.sentence, f.sentence_start = row.sentence_start
"""
    for label in ("Platform", "Program")
}

CREATE_ISSUED = """
UNWIND $rows AS row
MATCH (a:Agency {name: row.agency}), (p:Policy {name: row.policy})
CREATE (a)-[i:ISSUED {report: row.report, start: row.start, end: row.end}]->(p)
SET i.file = row.file, i.sentence = row.sentence, i.sentence_start = row.sentence_start
"""

CREATE_PARTNERS = """
UNWIND $rows AS row
MATCH (r:Report {id: row.report}), (g:Region {id: row.region})
CREATE (r)-[m:CITES_PARTNER {start: row.start, end: row.end}]->(g)
SET m.surface = row.surface, m.sentence = row.sentence, m.sentence_start = row.sentence_start
"""

# ---- derived facts ---------------------------------------------------------------------------
# Adding reports changes only the facts whose targets they name, and each such fact is brought up
# to date from its current properties and the new mentions (kg/derived_facts.py, in Python): the
# loader reads those facts (FACTS_OF) and the year and file of their regions' reports
# (REPORTS_ABOUT), then updates them by element id or creates them.  Aggregating each fact again
# from all its region's mentions in Cypher (the version before) read the region's whole history on
# every batch, so batches grew dearer as reports piled up (~30% of the server's work at 30,000).
#
# After a report was removed (``$full``), and for the rare fact that cannot be merged (two reports of
# one year and file name), DERIVE aggregates in Cypher from all the provenance, by the same rule;
# the facts left without provenance are deleted first (DELETE_STALE).  The order rule, cheaply: the
# mentions' order (year, file, start, report id) lists a report where its earliest mention is, so
# reports are sorted by (year, file, earliest start, id) after grouping per report, and the evidence
# is the first report's earliest mention; only that one sentence is read.

REPORTS_ABOUT = """
UNWIND $ids AS id
MATCH (:Region {id: id})<-[:ABOUT]-(r:Report)
RETURN collect([r.id, r.year, r.file]) AS reports
"""

UPDATE_FACTS = """
UNWIND $rows AS row
MATCH ()-[d]->() WHERE elementId(d) = row.id
SET d += row.props
"""


FACT_KEYS_READ = ("reports", "n_reports", "first_year", "last_year", "status")  # not the evidence


def _facts_of(rel: str, target: str, key: str) -> str:
    # one record holding a list: the driver spends ~10 µs on each record it reads, and a national
    # load reads a million facts; the evidence is not read (see kg.derived_facts.merged_fact)
    props = ", ".join(f"d.{k}" for k in FACT_KEYS_READ)
    return f"""
UNWIND $rows AS row
MATCH (g:Region {{id: row.region}})-[d:{rel}]->(x:{target})
WHERE x.{key} IN row.targets
RETURN collect([row.region, x.{key}, elementId(d), {props}]) AS facts
"""


def _create_facts(rel: str, target: str, key: str) -> str:
    # each property by name: ``SET d = row.props`` would first clear d's properties, and the planner
    # then holds all rows back (Eager) before it sets them
    props = ", ".join(f"d.{k} = row.props.{k}" for k in FACT_KEYS)
    return f"""
UNWIND $rows AS row
MATCH (g:Region {{id: row.region}}), (x:{target} {{{key}: row.target}})
CREATE (g)-[d:{rel}]->(x)
SET {props}
"""


def _stale(rel: str, provenance: str) -> str:
    """Facts of the regions whose provenance is gone (only a removed report can do that)."""
    return f"""
UNWIND $regions AS rid
MATCH (g:Region {{id: rid}})-[d:{rel}]->(x)
WHERE NOT EXISTS {{ (g)<-[:ABOUT]-(:Report)-[:{provenance}]->(x) }}
DELETE d
"""


def _derive(rel: str, provenance: str, target: str, key: str) -> str:
    return f"""
UNWIND $rows AS row
MATCH (g:Region {{id: row.region}})
OPTIONAL MATCH (t:{target}) WHERE t.{key} IN row.targets
WITH g, collect(t) AS targets
MATCH (g)<-[:ABOUT]-(rep:Report)-[m:{provenance}]->(x:{target})
WHERE $full OR x IN targets
WITH g, x, rep, min(m.start) AS first_start, collect(m) AS ms,
     sum(CASE WHEN m.status = 'planned' THEN 0 ELSE 1 END) AS done
ORDER BY rep.year, rep.file, first_start, rep.id
WITH g, x, collect(rep.id) AS reports, min(rep.year) AS first_year, max(rep.year) AS last_year,
     head(collect({{m: [m IN ms WHERE m.start = first_start][0], file: rep.file}})) AS best, sum(done) AS done
MERGE (g)-[d:{rel}]->(x)
SET d.first_year = first_year, d.last_year = last_year, d.reports = reports, d.n_reports = size(reports),
    d.status = CASE WHEN done > 0 THEN 'done' ELSE 'planned' END, d.evidence = best.m.sentence,
    d.evidence_file = best.file, d.evidence_start = best.m.start, d.evidence_end = best.m.end
"""


# ---- each platform's and program's adopters -------------------------------------------------------
# `adopters` lists the ids of the regions with an ADOPTED/RUNS fact to the node: similar-regions
# counts the regions two targets share from these lists, because expanding a national program's
# thousands of facts per query cost ~200 ns a pair (129 ms at 30,000 reports, against 37).  The list
# is a second copy of the facts, so every statement that creates or deletes a fact keeps it exact:
# a created fact appends its region (the loader creates only facts that were not there), and after
# a report was removed the targets of its region's facts, before and after, are listed again from
# their facts.  A node loaded before the list existed gets it from its facts on its next new fact.


def _adopter_ids(rel: str) -> str:
    """The ids of the regions with a ``rel`` fact to ``x``, read from the facts."""
    return f"COLLECT {{ MATCH (x)<-[:{rel}]-(g:Region) RETURN g.id }}"


ADD_ADOPTERS = {
    label: f"""
UNWIND $rows AS row
MATCH (x:{label} {{name: row.target}})
SET x.adopters = CASE WHEN x.adopters IS NULL THEN {_adopter_ids(rel)} ELSE x.adopters + row.regions END
"""
    for label, rel in DERIVED.items()
}

TARGETS_OF_REGIONS = """
UNWIND $regions AS rid
MATCH (:Region {id: rid})-[:ADOPTED|RUNS]->(x)
RETURN collect(DISTINCT [labels(x)[0], x.name]) AS targets
"""

LIST_ADOPTERS = {
    label: f"""
UNWIND $names AS name
MATCH (x:{label} {{name: name}})
WITH x, {_adopter_ids(rel)} AS ids
SET x.adopters = CASE WHEN size(ids) = 0 THEN null ELSE ids END
"""
    for label, rel in DERIVED.items()
}

# (relationship, provenance relationship, target label, target key)
DERIVED_FROM = [(rel, PROVENANCE[rel], label, "name") for label, rel in DERIVED.items()]
DERIVED_FROM.append(("PARTNERS_WITH", PROVENANCE["PARTNERS_WITH"], "Region", "id"))
DELETE_STALE = [_stale(rel, provenance) for rel, provenance, _, _ in DERIVED_FROM]
# by target label
DERIVE = {target: _derive(rel, provenance, target, key) for rel, provenance, target, key in DERIVED_FROM}
FACTS_OF = {target: _facts_of(rel, target, key) for rel, _, target, key in DERIVED_FROM}
CREATE_FACTS = {target: _create_facts(rel, target, key) for rel, _, target, key in DERIVED_FROM}

# ---- counts (served from Neo4j's count store) ----------------------------------------------------
NODE_LABELS = ("Report", "Region", *ENTITY_KINDS)
REL_TYPES = tuple(ENDPOINTS)
COUNT_NODES = {label: f"MATCH (n:{label}) RETURN count(n) AS n" for label in NODE_LABELS}
COUNT_RELS = {rel: f"MATCH ()-[r:{rel}]->() RETURN count(r) AS n" for rel in REL_TYPES}
