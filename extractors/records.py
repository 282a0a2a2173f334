"""Plain records passed between the pipeline stages and on to the graph.

They are dataclasses rather than spaCy objects so that a result can be pickled across processes,
written as JSON and loaded into either store without spaCy on the other side.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Document:
    """A report as read from disk: its text exactly as decoded, which all offsets refer to."""

    path: str
    file: str  # the path relative to the folder it was found in (its file name when given by itself)
    text: str
    doc_id: str
    title: str = ""
    encoding: str = "utf-8"
    format: str = "txt"  # txt | html | pdf | docx
    simplified: str | None = None  # same-length simplified copy when the source is traditional
    url: str | None = None  # from a manifest
    region_hint: str | None = None  # from a manifest: overrides inference
    year_hint: int | None = None  # from a manifest: overrides inference

    @property
    def recognition_text(self) -> str:
        """What the recognisers read: simplified characters, offsets identical to ``text``."""
        return self.simplified or self.text


@dataclass(frozen=True)
class RegionRef:
    """An administrative division, resolved against the divisions table where possible."""

    name: str
    level: str  # province | prefecture | county | town
    code: str | None = None
    parent: str | None = None  # prefecture-level unit (None for prefectures and provinces)
    province: str | None = None

    @property
    def key(self) -> str:
        """Stable node key: the admin code when known, else the name."""
        return self.code or self.name

    def as_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "level": self.level,
            "parent": self.parent,
            "province": self.province,
            "code": self.code,
        }


@dataclass(frozen=True)
class Mention:
    """One occurrence of an entity in a report, with the evidence needed to show it to a user."""

    type: str  # platform | program | agency | policy | region
    name: str  # canonical name
    surface: str  # the text as it stands in the source
    start: int  # character offsets into Document.text
    end: int
    sentence: str
    sentence_start: int
    source: str  # kb | quoted | pattern | gazetteer | statistical
    doc_number: str | None = None  # for cited policies: 皖数资函〔2024〕22号
    region_key: str | None = None  # for region mentions: RegionRef.key
    status: str = "done"  # done | planned (a plan section or a sentence about the future)
    known: bool = False  # the name is in the knowledge base (or the curation file), not only discovered
    year: int | None = None  # the year it speaks of: the report's covered year, or its plan year when planned

    def resolved(self, name: str, status: str, known: bool, year: int | None) -> Mention:
        """This mention with its canonical name, status, knowledge flag and year.  Built by the
        constructor rather than ``dataclasses.replace``, which walks every field: this runs for
        every mention."""
        return Mention(
            type=self.type,
            name=name,
            surface=self.surface,
            start=self.start,
            end=self.end,
            sentence=self.sentence,
            sentence_start=self.sentence_start,
            source=self.source,
            doc_number=self.doc_number,
            region_key=self.region_key,
            status=status,
            known=known,
            year=year,
        )


@dataclass(frozen=True)
class Partner:
    """A region the reporting region has a cooperation agreement with, and the sentence saying so."""

    region: RegionRef
    surface: str
    start: int
    end: int
    sentence: str
    sentence_start: int


@dataclass(frozen=True)
class Figure:
    """A number the report states about a platform or program (注册用户达560万人), with evidence."""

    type: str  # platform | program
    name: str  # the entity's canonical name
    metric: str  # 注册用户, 办件量, 网办率 …
    value: float  # as written (560)
    unit: str  # as written (万人, 件, %)
    amount: float  # with 万/亿 applied (5,600,000)
    year: int | None
    status: str  # done | planned
    surface: str  # "注册用户达560万人"
    start: int
    end: int
    sentence: str
    sentence_start: int


@dataclass(frozen=True)
class Issuance:
    """An agency issuing a cited policy, with the sentence that says so."""

    agency: str
    policy: str
    start: int  # the policy title's offsets
    end: int
    sentence: str
    sentence_start: int


@dataclass
class ReportResult:
    """Everything extracted from one report."""

    document: Document
    region: RegionRef | None
    year: int | None  # the year it covers (reviews, summarises)
    mentions: list[Mention] = field(default_factory=list)
    area: str | None = None  # the development zone or new area the report speaks for (合肥高新区)
    plan_year: int | None = None  # the year its plans are for
    partners: list[Partner] = field(default_factory=list)
    figures: list[Figure] = field(default_factory=list)
    issuances: list[Issuance] = field(default_factory=list)
    extractor: str = ""  # fingerprint of the knowledge and curation used (see Extractor.fingerprint)

    def entities(self, type_: str) -> list[Mention]:
        return [m for m in self.mentions if m.type == type_]

    def to_gold_shape(self) -> dict[str, Any]:
        """The per-document shape of ../shared/gold/FORMAT.md, plus surface forms and counts."""
        entities: dict[str, list[dict[str, Any]]] = {}
        for type_ in ("platform", "program", "agency", "policy"):
            by_name: dict[str, dict[str, Any]] = {}
            for m in self.entities(type_):
                entry = by_name.setdefault(
                    m.name, {"name": m.name, "surface": [], "count": 0, "status": "planned", "found_by": []}
                )
                if m.status == "done":
                    entry["status"] = "done"
                if m.surface not in entry["surface"]:
                    entry["surface"].append(m.surface)
                if m.source not in entry["found_by"]:  # which recognisers: kb, quoted, pattern, statistical …
                    entry["found_by"].append(m.source)
                entry["count"] += 1
                if m.doc_number and "doc_number" not in entry:
                    entry["doc_number"] = m.doc_number
            entities[type_] = sorted(by_name.values(), key=lambda e: (-e["count"], e["name"]))
        partners: dict[str, dict[str, Any]] = {}
        for p in self.partners:
            entry = partners.setdefault(p.region.key, {**p.region.as_dict(), "surface": []})
            if p.surface not in entry["surface"]:
                entry["surface"].append(p.surface)
        return {
            "document": self.document.file,
            "doc_id": self.document.doc_id,
            "title": self.document.title,
            "region": self.region.as_dict() if self.region else None,
            "area": self.area,
            "year": self.year,
            "plan_year": self.plan_year,
            "entities": entities,
            "partners": sorted(partners.values(), key=lambda e: e["name"]),
            "figures": [
                {
                    "type": f.type,
                    "name": f.name,
                    "metric": f.metric,
                    "value": f.value,
                    "unit": f.unit,
                    "amount": f.amount,
                    "year": f.year,
                    "status": f.status,
                    "surface": f.surface,
                }
                for f in self.figures
            ],
            "issued": [{"agency": i.agency, "policy": i.policy} for i in self.issuances],
        }
