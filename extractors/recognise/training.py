"""Train a small NER model on weakly labelled sentences (``kg train``), and score a model on them.

Two backends produce a folder that ``--ner spacy|hanlp --model FOLDER`` loads through the same
loaders users take for any model: spaCy (a blank Chinese pipeline, character tokens, spaCy's
default transition-based NER) and HanLP (its ``RNNNamedEntityRecognizer``: character embeddings
learnt from scratch and a BiLSTM, trained with ``crf=False`` because hanlp 2.1's CRF decoding path
is wrong for this tagger).  Scores are measured by loading the saved model back and running it.
"""

from __future__ import annotations

import random
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import cast

from extractors.recognise.statistical import NerSettings, StatisticalModel, load_model
from extractors.recognise.weak_labels import LabelledSentence, write_bio_tsv

BACKENDS = ("spacy", "hanlp")


@dataclass(frozen=True)
class Scores:
    precision: float
    recall: float
    f1: float
    gold: int
    predicted: int

    def as_dict(self) -> dict[str, float | int]:
        return {
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
            "gold": self.gold,
            "predicted": self.predicted,
        }


def split(
    sentences: list[LabelledSentence], dev_every: int = 10
) -> tuple[list[LabelledSentence], list[LabelledSentence]]:
    """Every ``dev_every``-th sentence held out for scoring: deterministic, spread over the corpus."""
    dev = sentences[dev_every - 1 :: dev_every]
    train = [s for i, s in enumerate(sentences) if (i + 1) % dev_every]
    return train, dev


def score(model: StatisticalModel, sentences: list[LabelledSentence]) -> Scores:
    """Exact-span, exact-label precision/recall of a loaded model against the weak labels."""
    predicted = model.spans([s.text for s in sentences])
    gold_n = pred_n = hit = 0
    for sentence, spans in zip(sentences, predicted, strict=True):
        gold = set(sentence.spans)
        mine = {(s, e, label) for s, e, label in spans}
        gold_n, pred_n, hit = gold_n + len(gold), pred_n + len(mine), hit + len(gold & mine)
    p = hit / pred_n if pred_n else 0.0
    r = hit / gold_n if gold_n else 0.0
    return Scores(p, r, 2 * p * r / (p + r) if p + r else 0.0, gold_n, pred_n)


def train(backend: str, sentences: list[LabelledSentence], out_dir: Path, epochs: int, seed: int = 0) -> Scores:
    """Train on all but the held-out sentences, save to ``out_dir``, load it back, score on them."""
    train_set, dev_set = split(sentences)
    if not any(s.spans for s in train_set):
        raise ValueError("no labelled sentence to learn from (the rule recognisers found nothing in the corpus)")
    out_dir.mkdir(parents=True, exist_ok=True)
    if backend == "spacy":
        _train_spacy(train_set, out_dir, epochs, seed)
    elif backend == "hanlp":  # HanLP keeps its best epoch on a dev set: one cut from the training part
        inner_train, inner_dev = split(train_set)
        _train_hanlp(inner_train, inner_dev or inner_train, out_dir, epochs, seed)
    else:
        raise ValueError(f"unknown backend '{backend}' (choose {', '.join(BACKENDS)})")
    return score(load_model(NerSettings(backend, str(out_dir)), {}), dev_set)


def _train_spacy(sentences: list[LabelledSentence], out_dir: Path, epochs: int, seed: int) -> None:
    import spacy
    from spacy.pipeline import EntityRecognizer
    from spacy.training import Example
    from spacy.util import fix_random_seed, minibatch

    fix_random_seed(seed)
    nlp = spacy.blank("zh")  # character tokens: any span of the text is a span of tokens
    ner = cast(EntityRecognizer, nlp.add_pipe("ner"))
    for label in sorted({label for s in sentences for *_, label in s.spans}):
        ner.add_label(label)
    examples = [Example.from_dict(nlp.make_doc(s.text), {"entities": list(s.spans)}) for s in sentences]
    optimizer = nlp.initialize(lambda: examples)
    rng = random.Random(seed)
    for _ in range(epochs):
        rng.shuffle(examples)
        for batch in minibatch(examples, size=32):
            nlp.update(batch, drop=0.2, sgd=optimizer)
    nlp.meta["name"] = "govkg_ner"
    nlp.meta["description"] = "govkg NER trained by `kg train` on weak labels from the rule recognisers"
    nlp.to_disk(out_dir)


def _train_hanlp(
    train_set: list[LabelledSentence], dev_set: list[LabelledSentence], out_dir: Path, epochs: int, seed: int
) -> None:
    try:
        import torch
        from hanlp.components.ner.rnn_ner import RNNNamedEntityRecognizer
    except ImportError:
        from extractors.recognise.statistical import RecogniserError

        raise RecogniserError("HanLP is not installed: pip install 'govkg[hanlp]'") from None
    from extractors.recognise.hanlp_ner import quiet

    torch.manual_seed(seed)
    with tempfile.TemporaryDirectory() as tmp:
        files = {"train": Path(tmp) / "train.tsv", "dev": Path(tmp) / "dev.tsv"}
        write_bio_tsv(train_set, files["train"])
        write_bio_tsv(dev_set, files["dev"])
        with quiet():
            # lr 0.01 and no annealing: HanLP halves the rate whenever the dev score stalls, and
            # a fresh tagger scores 0 for its first epochs, so the default 0.001 decays to nothing.
            RNNNamedEntityRecognizer().fit(
                str(files["train"]),
                str(files["dev"]),
                str(out_dir),
                epochs=epochs,
                embed=64,
                rnn_hidden=128,
                drop=0.2,
                lr=0.01,
                anneal_patience=epochs,
                crf=False,
                batch_size=32,
                verbose=False,
            )
