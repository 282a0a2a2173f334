"""The whole extraction for one report: read → recognise → relate → resolve.

``Extractor`` holds the loaded spaCy pipeline and knowledge so that many reports reuse them.
"""

from __future__ import annotations

import hashlib
import os
from bisect import bisect_left
from dataclasses import replace
from functools import lru_cache
from pathlib import Path

from extractors.knowledge.divisions import load_divisions
from extractors.knowledge.domain import GENERIC_SCOPE, platform_in_domain, program_in_domain
from extractors.read import ManifestEntry, read_document
from extractors.read.reader import content_id
from extractors.read.traditional import to_simplified
from extractors.recognise import build_nlp
from extractors.recognise.candidates import Candidate
from extractors.recognise.components import knowledge, region_matcher
from extractors.records import Document, Figure, Issuance, Mention, ReportResult
from extractors.relate.figures import figures_after
from extractors.relate.issuers import issuers
from extractors.relate.mentions import to_mentions
from extractors.relate.partners import find_partners
from extractors.relate.sentences import Sentences, pieces
from extractors.relate.status import StatusOf
from extractors.resolve.names import canonical_name, merge_region_prefixed
from extractors.resolve.regions import infer_reporting, region_from_hint
from extractors.resolve.years import infer_years
from extractors.settings import ExtractionSettings

# The longest text the pipeline reads at once; longer reports are read in pieces of this size.
MAX_PIECE_CHARS = 500_000
# A line for the extractor to read once when it is built (see Extractor._warm_up).
WARM_UP_TEXT = "某县数据资源管理局2024年工作总结\n依托“某某通”平台推进“一网通办”，与某市签订跨省通办协议。"


class Extractor:
    """Reusable extractor; build once, call :meth:`extract` per document."""

    def __init__(self, settings: ExtractionSettings | None = None) -> None:
        self.settings = (settings or ExtractionSettings()).checked()  # a bad curation file: one clear error
        self.curation = self.settings.curation
        self.ner = self.settings.ner
        kb_dirs, curation = list(self.settings.kb_dirs), self.settings.curation_file
        self.nlp = build_nlp(kb_dirs, curation, self.ner)
        self.kb, _ = knowledge(self.settings.kb_dirs, curation)
        self.divisions = load_divisions()
        self.piece_chars = min(self.nlp.max_length, MAX_PIECE_CHARS)
        self.fingerprint = _fingerprint(kb_dirs, self.curation.digest, self.ner.fingerprint())
        self._warm_up()

    def _warm_up(self) -> None:
        """Build the parts made on first use (matchers, converters, caches) by extracting a line,
        so that a report's time budget (``--max-seconds``) measures that report alone."""
        text = WARM_UP_TEXT
        self.extract(
            Document(
                path="",
                file="",
                text=text,
                doc_id=content_id(text),
                title=text.split("\n")[0],
                simplified=to_simplified(text),
            )
        )

    def extract_path(self, path: str | os.PathLike[str], manifest: ManifestEntry | None = None) -> ReportResult:
        return self.extract(read_document(path, manifest))

    def _recognise(self, text: str) -> tuple[Sentences, list[Candidate], list[Candidate]]:
        """Sentences, division names and entities of the text, from the spaCy pipeline; a report
        longer than one piece (spaCy refuses texts over ``nlp.max_length``) is read piece by piece,
        cut at line or sentence ends, with every offset counted from the start of the whole text."""
        if len(text) <= self.piece_chars:
            return self._recognise_piece(text)
        spans: list[tuple[int, int]] = []
        regions: list[Candidate] = []
        entities: list[Candidate] = []
        for start, end in pieces(text, self.piece_chars):
            sentences, piece_regions, piece_entities = self._recognise_piece(text[start:end])
            spans += [(s + start, e + start) for s, e in sentences.spans]
            regions += [replace(c, start=c.start + start, end=c.end + start) for c in piece_regions]
            entities += [replace(c, start=c.start + start, end=c.end + start) for c in piece_entities]
        return Sentences(spans, text), regions, entities

    def _recognise_piece(self, text: str) -> tuple[Sentences, list[Candidate], list[Candidate]]:
        """One text through the pipeline, run in a memory zone: the strings spaCy interns for this
        report's tokens are freed afterwards (only plain records leave the zone), so a long load
        does not grow."""
        with self.nlp.memory_zone():
            doc = self.nlp.make_doc(text)
            doc.user_data["govkg_text"] = text  # components read this instead of re-joining Doc.text
            doc = self.nlp(doc)
            return Sentences.from_doc(doc), doc._.govkg_regions or [], doc._.govkg_entities or []

    def extract(self, document: Document) -> ReportResult:
        text = document.recognition_text  # simplified when the source is traditional; same offsets
        title = (to_simplified(document.title) or document.title) if document.simplified else document.title
        sentences, regions, entities = self._recognise(text)
        # a title that is not the text's first line (a page's <title>, Markdown front matter) is
        # matched on its own
        title_regions = None if not title or text.startswith(title) else region_matcher().find(title)
        reporting = infer_reporting(text, regions, sentences, self.divisions, title, title_regions)
        region = reporting.region
        if document.region_hint:
            region = region_from_hint(document.region_hint, self.divisions, region)
        years = infer_years(text, title)
        year = document.year_hint or years.covered
        plan_year = document.year_hint + 1 if document.year_hint else years.plan
        status = StatusOf(text)
        named = []  # (mention, canonical name); curation may drop a mention
        for m in to_mentions(text, entities, sentences):
            name = self.curation.apply(canonical_name(m.name, m.type, self.kb))
            if name is not None:
                named.append((m, name))
        region_names = {c.name for c in regions if c.full}
        mapping: dict[tuple[str, str], str] = {}  # a discovered name that is a region + a known one
        for type_ in ("platform", "program"):
            discovered = {name for m, name in named if m.type == type_ and m.source != "kb"}
            mapping.update(((type_, k), v) for k, v in merge_region_prefixed(discovered, region_names).items())
        mentions = []
        for m, name in named:  # one copy of each mention with everything worked out
            name = mapping.get((m.type, name), name)
            entry = self.kb.lookup(name, m.type) if m.type in ("platform", "program") else None
            known = entry is not None
            if m.type == "program" and not program_in_domain(name, known, m.sentence):
                continue  # a slogan, not a reform of government services
            if m.type == "platform" and not platform_in_domain(name, known):
                continue  # an industry's or a market's platform, not a government's
            if entry is not None and entry.scope == GENERIC_SCOPE:
                continue  # 政务云, 政府网站: a kind of system every government has, not a named one
            said = status(m.start, m.end, m.sentence, m.sentence_start)
            mentions.append(m.resolved(name, said, known, plan_year if said == "planned" else year))
        figures = _figures(text, mentions, year, plan_year, status)
        issued = [
            Issuance(
                agency=a.name,
                policy=p.name,
                start=p.start,
                end=p.end,
                sentence=p.sentence,
                sentence_start=p.sentence_start,
            )
            for a, p in issuers(mentions)
        ]
        partners = find_partners(regions, sentences, region, self.divisions)
        if document.simplified:
            mentions, partners = _as_in_source(document.text, mentions, partners)
            figures, issued = _as_in_source(document.text, figures, issued)
        return ReportResult(
            document=document,
            region=region,
            area=reporting.area,
            year=year,
            plan_year=plan_year,
            mentions=mentions,
            partners=partners,
            figures=figures,
            issuances=issued,
            extractor=self.fingerprint,
        )


# What the extractor is made of: its code, its word lists, weights and knowledge files, its divisions.
SOURCE_SUFFIXES = (".py", ".toml", ".tsv", ".txt", ".cfg")


@lru_cache(maxsize=1)
def _source_digest() -> bytes:
    """A hash of every source and data file of the ``extractors`` package: any change to the code,
    a word list, a weight or the knowledge base re-extracts the reports already loaded."""
    h = hashlib.sha256()
    root = Path(__file__).resolve().parent
    for path in sorted(p for p in root.rglob("*") if p.suffix in SOURCE_SUFFIXES and "__pycache__" not in p.parts):
        h.update(path.relative_to(root).as_posix().encode() + b"\0" + path.read_bytes())
    return h.digest()


def _fingerprint(extra_kb_dirs: list[str], curation_digest: str, ner: str = "none") -> str:
    """What the extraction of a report depends on besides its text: the extractor's code and data
    (:func:`_source_digest`), the ``--kb-dir`` files, the curation file and the statistical model
    (if any). Stored on each Report, so a load re-extracts reports whose fingerprint differs (a
    curator's edit changes the graph on the next load)."""
    h = hashlib.sha256(_source_digest())
    for name in ("platforms.tsv", "programs.tsv"):
        for d in extra_kb_dirs:
            f = Path(d) / name
            if f.exists():
                h.update(f.read_bytes())
    h.update(curation_digest.encode())
    if ner != "none":  # reports loaded without a model keep the fingerprint they had
        h.update(ner.encode())
    return h.hexdigest()[:16]


def _figures(
    text: str, mentions: list[Mention], year: int | None, plan_year: int | None, status: StatusOf
) -> list[Figure]:
    """Figures stated right after a platform or program mention, up to the next mention; a planned
    figure (a target) is for the plan year."""
    anchors = sorted((m for m in mentions if m.type in ("platform", "program")), key=lambda m: m.start)
    starts = [m.start for m in anchors]
    out: list[Figure] = []
    for m in anchors:
        sentence_end = m.sentence_start + len(m.sentence)
        following = bisect_left(starts, m.end)  # the next mention ends this one's figures
        limit = min(sentence_end, starts[following]) if following < len(starts) else sentence_end
        for f in figures_after(text, m.end, limit):
            said = status(f.start, f.end, m.sentence, m.sentence_start)
            out.append(
                Figure(
                    type=m.type,
                    name=m.name,
                    metric=f.metric,
                    value=f.value,
                    unit=f.unit,
                    amount=f.amount,
                    year=plan_year if said == "planned" else year,
                    status=said,
                    surface=text[f.start : f.end],
                    start=f.start,
                    end=f.end,
                    sentence=m.sentence,
                    sentence_start=m.sentence_start,
                )
            )
    return out


def _as_in_source(source: str, first: list, second: list) -> tuple[list, list]:
    """Surfaces and evidence sentences cut from the source text (traditional characters and all):
    recognition ran on a simplified copy with the same offsets."""

    def cut(x):
        changes = {"sentence": source[x.sentence_start : x.sentence_start + len(x.sentence)]}
        if hasattr(x, "surface"):
            changes["surface"] = source[x.start : x.end]
        return replace(x, **changes)

    return [cut(x) for x in first], [cut(x) for x in second]
