"""spaCy pipeline components, registered by name so that a config file assembles the recognisers.

Each component adds :class:`Candidate` records (typed character spans) to
``doc._.govkg_candidates``; ``govkg_select`` resolves overlaps last into ``doc._.govkg_entities``.
Offsets are characters, not tokens: the tokens are sentence pieces (see :mod:`.tokenizer`), and
names sit inside them.
"""

from __future__ import annotations

from dataclasses import replace
from functools import lru_cache

import numpy
from spacy.attrs import IDX, SENT_START
from spacy.language import Language
from spacy.tokens import Doc

from extractors.knowledge import KnowledgeBase
from extractors.knowledge.curation import curated_knowledge_base
from extractors.knowledge.divisions import load_divisions
from extractors.recognise import patterns
from extractors.recognise.candidates import Candidate, select_non_overlapping
from extractors.recognise.knowledge_matcher import KnowledgeMatcher
from extractors.recognise.region_matcher import RegionMatcher
from extractors.recognise.statistical import LABEL_TYPES, NerSettings, load_model, pieces, usable
from extractors.recognise.tokenizer import CUTS_KEY, sentence_cuts

if not Doc.has_extension("govkg_candidates"):
    Doc.set_extension("govkg_candidates", default=None)
if not Doc.has_extension("govkg_regions"):
    Doc.set_extension("govkg_regions", default=None)
if not Doc.has_extension("govkg_entities"):
    Doc.set_extension("govkg_entities", default=None)


def text_of(doc: Doc) -> str:
    """The document's text, joined once and kept with the doc: ``Doc.text`` rebuilds the string from
    every token on each access, which cost more than all recognition together when each component
    read it."""
    text = doc.user_data.get("govkg_text")
    if text is None:
        text = doc.user_data["govkg_text"] = doc.text
    return text


def _add(doc: Doc, cands: list[Candidate]) -> None:
    if doc._.govkg_candidates is None:
        doc._.govkg_candidates = []
    doc._.govkg_candidates.extend(cands)


@lru_cache(maxsize=4)
def knowledge(extra_dirs: tuple[str, ...] = (), curation: str = "") -> tuple[KnowledgeBase, KnowledgeMatcher]:
    """The knowledge base (:func:`~extractors.knowledge.curation.curated_knowledge_base`) and its
    matcher, built once per process for each combination."""
    kb = curated_knowledge_base(extra_dirs, curation)
    return kb, KnowledgeMatcher(kb)


@lru_cache(maxsize=1)
def region_matcher() -> RegionMatcher:
    """The division-name matcher, built once per process."""
    return RegionMatcher(load_divisions())


class KnowledgeRecogniser:
    """Platforms and programs the knowledge base knows, with every alias."""

    def __init__(self, extra_dirs: list[str], curation: str) -> None:
        self.kb, self.matcher = knowledge(tuple(extra_dirs), curation)

    def __call__(self, doc: Doc) -> Doc:
        text = text_of(doc)
        _add(doc, self.matcher.find(text))
        return doc


class PatternRecogniser:
    """Open discovery of names the knowledge base lacks (see :mod:`extractors.recognise.patterns`)."""

    def __init__(
        self, quoted: bool, suffixes: bool, agencies: bool, policies: bool, extra_dirs: list[str], curation: str
    ) -> None:
        self.quoted, self.suffixes, self.agencies, self.policies = quoted, suffixes, agencies, policies
        _, self.kb_matcher = knowledge(tuple(extra_dirs), curation)
        # asked for every quoted name, and the same names recur in report after report
        self._contains_platform = lru_cache(maxsize=16384)(self._contains_platform_uncached)

    def _contains_platform_uncached(self, name: str) -> bool:
        return any(c.type == "platform" for c in self.kb_matcher.find(name))

    def __call__(self, doc: Doc) -> Doc:
        text = text_of(doc)
        found: list[Candidate] = []
        regions = doc._.govkg_regions if doc._.govkg_regions is not None else region_matcher().find(text)
        anchors = [(c.start, c.end) for c in regions if c.full]
        if self.quoted:
            found += patterns.quoted_names(text, self._contains_platform, {c.start for c in regions})
        if self.suffixes:
            found += patterns.suffix_platforms(text, {s for s, _ in anchors}, {c.start for c in regions})
            found += patterns.region_programs(text, regions)
        if self.agencies:
            found += patterns.agencies(text, anchors, [(c.start, c.end) for c in regions if not c.full])
        if self.policies:
            found += patterns.policies(text)
        _add(doc, found)
        return doc


class RegionRecogniser:
    """Administrative divisions, kept apart from entities: they feed region resolution and partners."""

    def __call__(self, doc: Doc) -> Doc:
        regions = region_matcher().find(text_of(doc))
        doc._.govkg_regions = regions
        return doc


class StatisticalRecogniser:
    """A statistical NER model's spans as low-priority candidates (rules in
    :mod:`extractors.recognise.statistical`); region spans only confirm the gazetteer's short names."""

    def __init__(self, settings: NerSettings, extra_dirs: list[str], curation: str) -> None:
        kb, _ = knowledge(tuple(extra_dirs), curation)
        self.model = load_model(settings, {surface: entry.type for surface, entry in kb.surface_forms()})

    def __call__(self, doc: Doc) -> Doc:
        text = text_of(doc)
        inputs = pieces(text, [(s.start_char, s.end_char) for s in doc.sents])
        found: list[Candidate] = []
        confirmed: set[tuple[int, int]] = set()
        divisions = {(c.start, c.end) for c in doc._.govkg_regions or []}
        for (offset, _), spans in zip(inputs, self.model.spans([text[s:e] for s, e in inputs]), strict=True):
            for start, end, label in spans:
                type_ = LABEL_TYPES.get(label.upper())
                start, end = offset + start, offset + end
                surface = text[start:end]
                if type_ is None or not usable(surface):
                    continue
                if (start, end) in divisions:  # exactly a division name: a place, whatever the label
                    type_ = "region"
                if type_ == "region":
                    confirmed.add((start, end))
                else:
                    found.append(Candidate(type_, start, end, surface, "statistical"))
        if confirmed and doc._.govkg_regions:
            doc._.govkg_regions = [
                replace(c, full=True) if (c.start, c.end) in confirmed else c for c in doc._.govkg_regions
            ]
        _add(doc, found)
        return doc


class CandidateSelector:
    """Pick one reading per stretch of text: knowledge > quoted > pattern; policies stand apart."""

    def __call__(self, doc: Doc) -> Doc:
        cands = doc._.govkg_candidates or []
        policies = [c for c in cands if c.type == "policy"]
        chosen = select_non_overlapping([c for c in cands if c.type != "policy"])
        entities = sorted(chosen + policies, key=lambda c: (c.start, c.end))
        doc._.govkg_entities = entities
        return doc


class SentenceSplitter:
    """Chinese sentence ends (。！？；and line breaks); closing quotes stay with their sentence,
    opening quotes start the next one (spaCy's sentencizer would keep “ with the previous one)."""

    def __call__(self, doc: Doc) -> Doc:
        if not len(doc):
            return doc
        # Boundaries found in the text by one regex scan and set with one from_array: a loop over
        # tokens (or assigning Token.is_sent_start, which re-checks the whole document each time)
        # cost more than recognition.
        boundaries = doc.user_data.get(CUTS_KEY)  # the tokenizer's cuts: each is a token start
        if boundaries is None:  # another tokenizer: the same rule applied here
            boundaries = sentence_cuts(text_of(doc))
        token_starts = doc.to_array([IDX]).astype("int64")
        first_tokens = numpy.searchsorted(token_starts, numpy.array(boundaries, dtype="int64"))
        starts = numpy.full((len(doc), 1), -1, dtype="int64")
        starts[0, 0] = 1
        starts[first_tokens[first_tokens < len(doc)], 0] = 1
        # -1 wraps, as Doc.to_array gives it; spaCy types the array as thinc's Ints2d, a numpy array
        doc.from_array([SENT_START], starts.astype("uint64"))  # type: ignore[arg-type]
        return doc


@Language.factory("govkg_sentences")
def make_sentences(nlp: Language, name: str) -> SentenceSplitter:
    return SentenceSplitter()


@Language.factory("govkg_knowledge", default_config={"extra_dirs": [], "curation": ""})
def make_knowledge(nlp: Language, name: str, extra_dirs: list[str], curation: str) -> KnowledgeRecogniser:
    return KnowledgeRecogniser(extra_dirs, curation)


@Language.factory("govkg_regions")
def make_regions(nlp: Language, name: str) -> RegionRecogniser:
    return RegionRecogniser()


@Language.factory(
    "govkg_patterns",
    default_config={
        "quoted": True,
        "suffixes": True,
        "agencies": True,
        "policies": True,
        "extra_dirs": [],
        "curation": "",
    },
)
def make_patterns(
    nlp: Language,
    name: str,
    quoted: bool,
    suffixes: bool,
    agencies: bool,
    policies: bool,
    extra_dirs: list[str],
    curation: str,
) -> PatternRecogniser:
    return PatternRecogniser(quoted, suffixes, agencies, policies, extra_dirs, curation)


@Language.factory(
    "govkg_statistical", default_config={"recogniser": "none", "model": "", "extra_dirs": [], "curation": ""}
)
def make_statistical(
    nlp: Language, name: str, recogniser: str, model: str, extra_dirs: list[str], curation: str
) -> StatisticalRecogniser:
    return StatisticalRecogniser(NerSettings(recogniser, model or None), extra_dirs, curation)


@Language.factory("govkg_select")
def make_select(nlp: Language, name: str) -> CandidateSelector:
    return CandidateSelector()
