"""The graph model, and the rows one report contributes to it.

Nodes (label: key): Report(id = content hash), Region(id = admin code, else name), Platform(name),
Program(name), Agency(name), Policy(name).
Relationships:
  (Report)-[:ABOUT]->(Region)                     the reporting region
  (Report)-[:MENTIONS {sentence, start, end, status, year, …}]->(Platform|Program|Agency|Policy)
                                                  one per occurrence: provenance
  (Region)-[:PART_OF]->(Region)                   county → prefecture → province
  (Report)-[:CITES_PARTNER {…}]->(Region)         a partnership sentence, with its provenance
  (Report)-[:STATES_FIGURE {metric, value, unit, amount, year, status, sentence, start, end}]->(Platform|Program)
                                                  a figure the report gives (注册用户达560万人)
  (Agency)-[:ISSUED {report, file, sentence, start, end}]->(Policy)   who issued a cited policy
  (Region)-[:ADOPTED]->(Platform), (Region)-[:RUNS]->(Program), (Region)-[:PARTNERS_WITH]->(Region)
      derived facts: first/last year, status (done when any report says it is done, else planned),
      the reports behind them and one evidence sentence.
Every node also carries its label as ``kind``: the canned queries read it (the two engines spell
a node's labels differently).
Entities carry ``discovered`` (true when no knowledge base or curation entry knows the name: what
the ``candidates`` query lists for curation); reports carry ``extractor``, the fingerprint of the
knowledge and curation they were extracted with, so a changed curation file re-extracts on load.

Both stores receive exactly these rows, which is what makes their answers identical.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # the model's rows are made at load time only; queries import the model for its names
    from extractors.knowledge.divisions import Divisions
    from extractors.records import RegionRef, ReportResult

ENTITY_LABELS = {"platform": "Platform", "program": "Program", "agency": "Agency", "policy": "Policy"}
DERIVED = {"Platform": "ADOPTED", "Program": "RUNS"}
NODE_KEY = {"Report": "id", "Region": "id", **dict.fromkeys(ENTITY_LABELS.values(), "name")}  # label → key
# The relationships above as data: type → (labels it leaves from, labels it goes to).
ENDPOINTS: dict[str, tuple[frozenset[str], frozenset[str]]] = {
    "ABOUT": (frozenset({"Report"}), frozenset({"Region"})),
    "MENTIONS": (frozenset({"Report"}), frozenset(ENTITY_LABELS.values())),
    "PART_OF": (frozenset({"Region"}), frozenset({"Region"})),
    "CITES_PARTNER": (frozenset({"Report"}), frozenset({"Region"})),
    "STATES_FIGURE": (frozenset({"Report"}), frozenset({"Platform", "Program"})),
    "ISSUED": (frozenset({"Agency"}), frozenset({"Policy"})),
    **{rel: (frozenset({"Region"}), frozenset({label})) for label, rel in DERIVED.items()},
    "PARTNERS_WITH": (frozenset({"Region"}), frozenset({"Region"})),
}


@dataclass
class ReportRows:
    """Everything one report adds to the graph, as plain dict rows (ready for ``UNWIND $rows``)."""

    report: dict[str, Any]
    regions: list[dict[str, Any]] = field(default_factory=list)
    part_of: list[dict[str, Any]] = field(default_factory=list)
    entities: dict[str, list[dict[str, Any]]] = field(default_factory=dict)  # label → rows
    about: dict[str, Any] | None = None
    mentions: list[dict[str, Any]] = field(default_factory=list)
    partners: list[dict[str, Any]] = field(default_factory=list)
    figures: list[dict[str, Any]] = field(default_factory=list)
    issued: list[dict[str, Any]] = field(default_factory=list)


def region_row(ref: RegionRef) -> dict[str, Any]:
    return {
        "id": ref.key,
        "name": ref.name,
        "level": ref.level,
        "code": ref.code,
        "prefecture": ref.parent,
        "province": ref.province,
    }


def _with_ancestors(ref: RegionRef, divisions: Divisions) -> list[RegionRef]:
    if not ref.code or ref.code not in divisions.by_code:
        return [ref]
    d = divisions.by_code[ref.code]
    return [ref, *(divisions.ref(a) for a in divisions.ancestors(d))]


def rows_for(result: ReportResult, divisions: Divisions) -> ReportRows:
    """The rows of one report: nodes, provenance edges and the region hierarchy they touch."""
    doc = result.document
    rows = ReportRows(
        report={
            "id": doc.doc_id,
            "file": doc.file,
            "path": doc.path,
            "title": doc.title,
            "format": doc.format,
            "url": doc.url,
            "year": result.year,
            "plan_year": result.plan_year,
            "area": result.area,
            "region": result.region.name if result.region else None,
            "extractor": result.extractor,
        }
    )
    refs: dict[str, RegionRef] = {}
    chains: list[list[RegionRef]] = []
    for ref in [*([result.region] if result.region else []), *(p.region for p in result.partners)]:
        chain = _with_ancestors(ref, divisions)
        chains.append(chain)
        for r in chain:
            refs.setdefault(r.key, r)
    rows.regions = [region_row(r) for r in sorted(refs.values(), key=lambda r: r.key)]
    part_of = {(c[i].key, c[i + 1].key) for c in chains for i in range(len(c) - 1)}
    rows.part_of = [{"child": a, "parent": b} for a, b in sorted(part_of)]
    if result.region:
        rows.about = {"report": doc.doc_id, "region": result.region.key}
    entities: dict[str, dict[str, dict[str, Any]]] = {}
    for m in result.mentions:
        label = ENTITY_LABELS[m.type]
        row = entities.setdefault(label, {}).setdefault(m.name, {"name": m.name, "discovered": True})
        if m.known:
            row["discovered"] = False
        if label == "Policy" and m.doc_number:
            row.setdefault("doc_number", m.doc_number)
        rows.mentions.append(
            {
                "report": doc.doc_id,
                "label": label,
                "name": m.name,
                "surface": m.surface,
                "start": m.start,
                "end": m.end,
                "sentence": m.sentence,
                "sentence_start": m.sentence_start,
                "source": m.source,
                "status": m.status,
                "year": m.year,
            }
        )
    for label, by_name in entities.items():
        if label == "Policy":
            for row in by_name.values():
                row.setdefault("doc_number", None)
        rows.entities[label] = [by_name[k] for k in sorted(by_name)]
    for p in result.partners:
        rows.partners.append(
            {
                "report": doc.doc_id,
                "region": p.region.key,
                "surface": p.surface,
                "start": p.start,
                "end": p.end,
                "sentence": p.sentence,
                "sentence_start": p.sentence_start,
            }
        )
    for f in result.figures:
        rows.figures.append(
            {
                "report": doc.doc_id,
                "label": ENTITY_LABELS[f.type],
                "name": f.name,
                "metric": f.metric,
                "value": f.value,
                "unit": f.unit,
                "amount": f.amount,
                "year": f.year,
                "status": f.status,
                "surface": f.surface,
                "start": f.start,
                "end": f.end,
                "sentence": f.sentence,
                "sentence_start": f.sentence_start,
            }
        )
    for i in result.issuances:
        rows.issued.append(
            {
                "report": doc.doc_id,
                "file": doc.file,
                "agency": i.agency,
                "policy": i.policy,
                "start": i.start,
                "end": i.end,
                "sentence": i.sentence,
                "sentence_start": i.sentence_start,
            }
        )
    return rows


def rows_of(result: ReportResult) -> ReportRows:
    """:func:`rows_for` with the divisions table of this process: what `kg load`'s extraction
    workers send back instead of the whole result (see ``extractors.batch.extract_many``)."""
    from extractors.knowledge.divisions import load_divisions

    return rows_for(result, load_divisions())
