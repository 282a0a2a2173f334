"""Weak supervision: label a user's corpus with what the rule recognisers find, to train a model.

A statistical model trained on these labels learns the contexts the known names stand in (依托…,
…上线运行, …数据资源管理局), so that it can propose names the rules do not know.  The labels are the
rule recognisers' selected entities (knowledge base, quoted names, suffix patterns, agencies;
policies in 《》 are left out, the rules find them all) and the full region names of the gazetteer.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from extractors.recognise.statistical import TRAINING_LABELS, pieces
from extractors.records import Document


@dataclass(frozen=True)
class LabelledSentence:
    """One model input and its (start, end, label) spans, offsets into ``text``."""

    text: str
    spans: tuple[tuple[int, int, str], ...]


def weak_labels(nlp, document: Document) -> list[LabelledSentence]:
    """The document's sentences with the rule recognisers' spans as labels (``nlp`` is the rule
    pipeline, :func:`extractors.recognise.build_nlp` without a statistical recogniser)."""
    text = document.recognition_text
    doc = nlp.make_doc(text)
    doc.user_data["govkg_text"] = text
    doc = nlp(doc)
    labelled = [
        (c.start, c.end, TRAINING_LABELS[c.type]) for c in doc._.govkg_entities or [] if c.type in TRAINING_LABELS
    ]
    taken = [(s, e) for s, e, _ in labelled]
    # a region inside an entity (沅江市 in 沅江市数据局) is part of that name, not a label of its own
    labelled += [
        (c.start, c.end, TRAINING_LABELS["region"])
        for c in doc._.govkg_regions or []
        if c.full and not any(c.start < e and s < c.end for s, e in taken)
    ]
    labelled.sort()
    out: list[LabelledSentence] = []
    i = 0
    for start, end in pieces(text, [(s.start_char, s.end_char) for s in doc.sents]):
        while i < len(labelled) and labelled[i][0] < start:
            i += 1
        spans: list[tuple[int, int, str]] = []
        j = i
        while j < len(labelled) and labelled[j][0] < end:
            s, e, label = labelled[j]
            if e <= end and (not spans or s >= spans[-1][1]):
                spans.append((s, e, label))
            j += 1
        out.append(LabelledSentence(text[start:end], tuple((s - start, e - start, label) for s, e, label in spans)))
    return out


def training_set(
    sentences: Iterable[LabelledSentence], negatives_per_positive: float = 1.0
) -> Iterator[LabelledSentence]:
    """Every labelled sentence and, spread evenly, about ``negatives_per_positive`` times as many
    sentences without labels (so that the model also learns where no name is)."""
    credit = 0.0
    for sentence in sentences:
        if sentence.spans:
            credit += negatives_per_positive
            yield sentence
        elif credit >= 1.0 and sentence.text.strip():
            credit -= 1.0
            yield sentence


def bio_tags(sentence: LabelledSentence) -> list[str]:
    """One BIO tag per character (HanLP's tagger reads characters and tags)."""
    tags = ["O"] * len(sentence.text)
    for start, end, label in sentence.spans:
        tags[start] = f"B-{label}"
        for k in range(start + 1, end):
            tags[k] = f"I-{label}"
    return tags


def write_bio_tsv(sentences: Iterable[LabelledSentence], path: Path) -> None:
    """HanLP's training format: ``character<TAB>tag`` lines, a blank line after each sentence;
    characters as :func:`extractors.recognise.hanlp_ner.characters` gives them to the model."""
    from extractors.recognise.hanlp_ner import characters

    with path.open("w", encoding="utf-8") as f:
        for s in sentences:
            f.writelines(f"{ch}\t{tag}\n" for ch, tag in zip(characters(s.text), bio_tags(s), strict=True))
            f.write("\n")
