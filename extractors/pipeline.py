"""The whole extraction for one report: read → recognise → relate → resolve.

``Extractor`` holds the loaded spaCy pipeline and knowledge so that many reports reuse them.
"""

from __future__ import annotations

import os
from dataclasses import replace

from extractors.read import ManifestEntry, read_document
from extractors.read.traditional import to_simplified
from extractors.recognise import build_nlp
from extractors.recognise.components import _kb
from extractors.records import Document, Mention, Partner, ReportResult
from extractors.relate.mentions import to_mentions
from extractors.relate.partners import find_partners
from extractors.relate.sentences import Sentences
from extractors.resolve.divisions import load_divisions
from extractors.resolve.names import canonical_name, merge_region_prefixed
from extractors.resolve.regions import infer_region, region_from_hint
from extractors.resolve.years import infer_year


class Extractor:
    """Reusable extractor; build once, call :meth:`extract` per document."""

    def __init__(self, extra_kb_dirs: list[str] | None = None) -> None:
        self.extra_kb_dirs = list(extra_kb_dirs or [])
        self.nlp = build_nlp(self.extra_kb_dirs)
        self.kb, _ = _kb(tuple(self.extra_kb_dirs))
        self.divisions = load_divisions()

    def extract_path(self, path: str | os.PathLike[str], manifest: ManifestEntry | None = None) -> ReportResult:
        return self.extract(read_document(path, manifest))

    def extract(self, document: Document) -> ReportResult:
        text = document.recognition_text  # simplified when the source is traditional; same offsets
        title = (to_simplified(document.title) or document.title) if document.simplified else document.title
        doc = self.nlp(text)
        sentences = Sentences.from_doc(doc)
        regions = doc._.govkg_regions or []
        region = infer_region(text, regions, sentences, self.divisions, title)
        if document.region_hint:
            region = region_from_hint(document.region_hint, self.divisions, region)
        year = document.year_hint or infer_year(text)
        mentions = [replace(m, name=canonical_name(m.name, m.type, self.kb))
                    for m in to_mentions(text, doc._.govkg_entities or [], sentences)]
        region_names = {c.name for c in regions if c.extra.get("full")}
        for type_ in ("platform", "program"):
            discovered = {m.name for m in mentions if m.type == type_ and m.source != "kb"}
            mapping = merge_region_prefixed(discovered, region_names)
            if mapping:
                mentions = [replace(m, name=mapping[m.name]) if m.type == type_ and m.name in mapping else m
                            for m in mentions]
        partners = find_partners(regions, sentences, region, self.divisions)
        mentioned = {}
        for c in regions:
            if c.extra.get("full"):
                codes = c.extra["codes"].split(",")
                if len(codes) == 1:
                    ref = self.divisions.ref(self.divisions.by_code[codes[0]])
                    if ref.level != "town":
                        mentioned[ref.key] = ref
        if document.simplified:
            mentions, partners = _as_in_source(document.text, mentions, partners)
        return ReportResult(document=document, region=region, year=year, mentions=mentions,
                            partners=partners, regions_mentioned=mentioned)


def _as_in_source(source: str, mentions: list[Mention], partners: list[Partner]) -> tuple[list[Mention], list[Partner]]:
    """Surfaces and evidence sentences cut from the source text (traditional characters and all):
    recognition ran on a simplified copy with the same offsets."""
    def cut(x):
        return replace(x, surface=source[x.start:x.end],
                       sentence=source[x.sentence_start:x.sentence_start + len(x.sentence)])
    return [cut(m) for m in mentions], [cut(p) for p in partners]
