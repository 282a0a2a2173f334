"""Turn recognised candidates into mentions that carry their evidence sentence and offsets."""

from __future__ import annotations

from extractors.recognise.candidates import Candidate
from extractors.records import Mention
from extractors.relate.sentences import Sentences


def to_mentions(text: str, candidates: list[Candidate], sentences: Sentences) -> list[Mention]:
    out: list[Mention] = []
    for c in candidates:
        idx = sentences.index_of(c.start)
        s_start, _ = sentences.span(idx) if sentences.spans else (0, len(text))
        out.append(
            Mention(
                type=c.type,
                name=c.name,
                surface=text[c.start : c.end],
                start=c.start,
                end=c.end,
                sentence=sentences.text_of(idx) if sentences.spans else text,
                sentence_start=s_start,
                source=c.source,
                doc_number=c.doc_number,
            )
        )
    return out
