"""Statistical NER as an optional recogniser beside the knowledge-and-pattern recognisers.

A statistical model (HanLP's pretrained Chinese NER, or a spaCy model trained with ``kg train``) is
loaded by :func:`load_model` and wrapped by the ``govkg_statistical`` pipeline component.  Its spans
are merged with the rule recognisers' by these rules (also in the README):

* Labels map to govkg types by :data:`LABEL_TYPES`: ORG / ORGANIZATION / NT / AGENCY → agency,
  PLATFORM → platform, PROGRAM → program, LOC / GPE / NS / LOCATION / REGION → region; any other
  label (persons, dates, numbers …) is dropped.
* Statistical candidates have the lowest priority: any overlapping knowledge-base, quoted, pattern
  or agency candidate wins (``candidates.PRIORITY``); among statistical ones the longer wins.
* A span that is exactly a division name the gazetteer found is a region, whatever its label.
* A region span never creates a region (a region node needs a division code): it confirms a short
  division name the gazetteer found at exactly that span (涡阳 without 县), which then counts like a
  full name; region spans the divisions table does not know are ignored.
* Spans shorter than two characters or containing punctuation or spaces are dropped.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

RECOGNISERS = ("none", "hanlp", "spacy")

LABEL_TYPES = {
    "ORG": "agency",
    "ORGANIZATION": "agency",
    "NT": "agency",
    "AGENCY": "agency",
    "PLATFORM": "platform",
    "PROGRAM": "program",
    "LOC": "region",
    "GPE": "region",
    "NS": "region",
    "LOCATION": "region",
    "REGION": "region",
}
# What `kg train` labels, and so what a model trained by govkg predicts (govkg type → label).
TRAINING_LABELS = {"agency": "AGENCY", "platform": "PLATFORM", "program": "PROGRAM", "region": "LOC"}

MAX_PIECE = 400  # characters per model input: transformer models cut long inputs, so we cut first
PUNCTUATION = set("，。、；：！？,.;:!?“”‘’\"'（）()《》【】[] \t\n\u3000")


class RecogniserError(Exception):
    """A statistical recogniser that cannot be used: the message is one line saying what to do."""


@dataclass(frozen=True)
class NerSettings:
    """Which statistical recogniser runs (``none`` by default) and the model it loads."""

    recogniser: str = "none"
    model: str | None = None

    def __post_init__(self) -> None:
        if self.recogniser not in RECOGNISERS:
            raise RecogniserError(f"unknown recogniser '{self.recogniser}' (choose {', '.join(RECOGNISERS)})")
        if self.recogniser == "spacy" and not self.model:
            raise RecogniserError(
                "--ner spacy needs --model DIR (a model made by `kg train`, or an installed spaCy pipeline)"
            )

    @property
    def active(self) -> bool:
        return self.recogniser != "none"

    def fingerprint(self) -> str:
        """Identifies the model's content for the extraction fingerprint: a retrained model in the
        same folder re-extracts reports, a different model identifier does too."""
        if not self.active:
            return "none"
        h = hashlib.sha256(f"{self.recogniser}\0{self.model}".encode())
        path = Path(self.model or "")
        if path.is_dir():
            for f in sorted(p for p in path.rglob("*") if p.is_file()):
                stat = f.stat()
                h.update(f"{f.relative_to(path)}\0{stat.st_size}\0{stat.st_mtime_ns}".encode())
        return h.hexdigest()[:16]


class StatisticalModel(Protocol):
    """What a loaded model offers the pipeline: labelled spans per input text."""

    def spans(self, texts: list[str]) -> list[list[tuple[int, int, str]]]:
        """For each text, (start, end, label) with offsets into that text."""
        ...


def load_model(settings: NerSettings, kb_names: dict[str, str]) -> StatisticalModel:
    """Load the configured model.  ``kb_names`` (surface → govkg type) is handed to models that
    accept a dictionary of known names (HanLP's ``dict_whitelist``)."""
    if settings.recogniser == "hanlp":
        from extractors.recognise.hanlp_ner import load_hanlp

        return load_hanlp(settings.model, kb_names)
    if settings.recogniser == "spacy":
        from extractors.recognise.spacy_ner import load_spacy

        return load_spacy(settings.model or "")
    raise RecogniserError("no statistical recogniser configured")


def pieces(text: str, sentence_spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Model inputs: sentences, with any longer than MAX_PIECE cut after a comma (or hard)."""
    out: list[tuple[int, int]] = []
    for start, end in sentence_spans:
        while end - start > MAX_PIECE:
            cut = max(text.rfind("，", start, start + MAX_PIECE), text.rfind(",", start, start + MAX_PIECE))
            cut = cut + 1 if cut > start else start + MAX_PIECE
            out.append((start, cut))
            start = cut
        if text[start:end].strip():
            out.append((start, end))
    return out


def usable(surface: str) -> bool:
    """A statistical span worth a candidate: two characters or more, no punctuation or space."""
    return len(surface) >= 2 and not any(ch in PUNCTUATION for ch in surface)
