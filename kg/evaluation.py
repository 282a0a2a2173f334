"""Scoring extraction against gold annotations, as ../shared/gold/FORMAT.md defines it.

Per type: recall over core gold entries, precision over extracted names (matching any gold entry
of the type, core or not), micro-averaged over documents; region and year accuracy per document.
An extracted entity counts as the names it was attached to the document with: its canonical name
and every surface form seen.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from extractors.knowledge import name_key

TYPES = ("platform", "program", "agency", "partners")


@dataclass
class Counts:
    found_core: int = 0
    core: int = 0
    correct: int = 0
    extracted: int = 0

    @property
    def precision(self) -> float:
        return self.correct / self.extracted if self.extracted else 0.0

    @property
    def recall(self) -> float:
        return self.found_core / self.core if self.core else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class Report:
    counts: dict[str, Counts] = field(default_factory=lambda: {t: Counts() for t in TYPES})
    region_right: int = 0
    year_right: int = 0
    documents: int = 0
    details: list[dict[str, Any]] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            t: {
                "precision": round(c.precision, 4),
                "recall": round(c.recall, 4),
                "f1": round(c.f1, 4),
                "core": c.core,
                "found_core": c.found_core,
                "extracted": c.extracted,
                "correct": c.correct,
            }
            for t, c in self.counts.items()
        }
        out["region_accuracy"] = round(self.region_right / self.documents, 4) if self.documents else 0.0
        out["year_accuracy"] = round(self.year_right / self.documents, 4) if self.documents else 0.0
        out["documents"] = self.documents
        out["region_right"] = self.region_right
        out["year_right"] = self.year_right
        out["details"] = self.details
        return out


def _gold_keys(entry: dict[str, Any]) -> set[str]:
    return {name_key(entry["name"]), *(name_key(a) for a in entry.get("aliases", []))}


def _predicted(pred: dict[str, Any], type_: str) -> list[set[str]]:
    items = pred.get("partners", []) if type_ == "partners" else pred.get("entities", {}).get(type_, [])
    return [{name_key(item["name"]), *(name_key(s) for s in item.get("surface", []))} for item in items]


def score_document(gold: dict[str, Any], pred: dict[str, Any], report: Report) -> None:
    detail: dict[str, Any] = {"document": gold["document"]}
    for type_ in TYPES:
        entries = gold.get("partners", []) if type_ == "partners" else gold["entities"].get(type_, [])
        keys = [_gold_keys(e) for e in entries]
        preds = _predicted(pred, type_)
        c = report.counts[type_]
        missed = []
        for e, k in zip(entries, keys, strict=False):
            if e.get("core"):
                c.core += 1
                if any(k & p for p in preds):
                    c.found_core += 1
                else:
                    missed.append(e["name"])
        wrong = []
        for item, p in zip(
            pred.get("partners", []) if type_ == "partners" else pred.get("entities", {}).get(type_, []),
            preds,
            strict=False,
        ):
            c.extracted += 1
            if any(p & k for k in keys):
                c.correct += 1
            else:
                wrong.append(item["name"])
        detail[type_] = {"missed_core": missed, "not_in_gold": wrong}
    pred_region = (pred.get("region") or {}).get("name")
    region_ok = pred_region is not None and name_key(pred_region) == name_key(gold["region"]["name"])
    year_ok = pred.get("year") == gold.get("year")
    report.region_right += region_ok
    report.year_right += year_ok
    report.documents += 1
    detail["region"] = {"gold": gold["region"]["name"], "predicted": pred_region, "right": region_ok}
    detail["year"] = {"gold": gold.get("year"), "predicted": pred.get("year"), "right": year_ok}
    report.details.append(detail)


def load_gold(gold_dir: Path) -> dict[str, dict[str, Any]]:
    """Gold files by the report file name they annotate."""
    out = {}
    for f in sorted(Path(gold_dir).glob("*.json")):
        data = json.loads(f.read_text(encoding="utf-8"))
        out[data.get("document") or f.with_suffix(".txt").name] = data
    return out


def evaluate(gold: dict[str, dict[str, Any]], predictions: list[dict[str, Any]]) -> Report:
    """Score predictions (gold-shaped dicts) that have a gold file; others are ignored."""
    report = Report()
    for pred in predictions:
        g = gold.get(pred["document"])
        if g is not None:
            score_document(g, pred, report)
    return report
