"""A spaCy NER model as a govkg recogniser: one trained by ``kg train`` (a folder), or any
installed spaCy pipeline with an ``ner`` component (zh_core_web_sm …), loaded by ``spacy.load``."""

from __future__ import annotations

from extractors.recognise.statistical import RecogniserError


class SpacyModel:
    """Runs only what NER needs; offsets come from spaCy's character offsets."""

    def __init__(self, nlp, batch_size: int = 64) -> None:
        self.nlp = nlp
        self.batch_size = batch_size

    def spans(self, texts: list[str]) -> list[list[tuple[int, int, str]]]:
        return [
            [(e.start_char, e.end_char, e.label_) for e in doc.ents]
            for doc in self.nlp.pipe(texts, batch_size=self.batch_size)
        ]


def load_spacy(model: str) -> SpacyModel:
    import spacy

    try:
        nlp = spacy.load(model)
    except OSError as exc:
        first = " ".join(str(exc).split())[:160]
        raise RecogniserError(
            f"spaCy model '{model}' could not be loaded ({first}); make one with `kg train CORPUS --out DIR`"
        ) from None
    if "ner" not in nlp.pipe_names:
        raise RecogniserError(f"spaCy model '{model}' has no 'ner' component")
    keep = {"ner", *(n for n in nlp.pipe_names if n.startswith("tok2vec") or n == "transformer")}
    nlp.select_pipes(enable=[n for n in nlp.pipe_names if n in keep])
    return SpacyModel(nlp)
