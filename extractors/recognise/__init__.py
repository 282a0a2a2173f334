"""Stage 2, recognise: a spaCy pipeline whose components find typed candidate spans."""

from __future__ import annotations

from importlib import resources

import spacy
from spacy.language import Language

from extractors.recognise import components, tokenizer  # noqa: F401  (register the factories)
from extractors.recognise.statistical import NerSettings


def build_nlp(extra_kb_dirs: list[str] | None = None, curation: str = "", ner: NerSettings | None = None) -> Language:
    """Assemble the pipeline from ``pipeline.cfg``; ``extra_kb_dirs`` add knowledge files,
    ``curation`` the curation file's names (see :mod:`extractors.knowledge.curation`) and ``ner``
    a statistical recogniser, placed after the region gazetteer (whose short names it may
    confirm) and before candidate selection."""
    text = resources.files(__name__).joinpath("pipeline.cfg").read_text(encoding="utf-8")
    config = spacy.util.load_config_from_str(text)
    needs_knowledge = ["govkg_knowledge", "govkg_patterns"]
    if ner is not None and ner.active:
        pipeline = config["nlp"]["pipeline"]
        pipeline.insert(pipeline.index("govkg_regions") + 1, "govkg_statistical")
        config["components"]["govkg_statistical"] = {
            "factory": "govkg_statistical",
            "recogniser": ner.recogniser,
            "model": ner.model or "",
        }
        needs_knowledge.append("govkg_statistical")
    for component in needs_knowledge:
        config["components"][component]["extra_dirs"] = list(extra_kb_dirs or [])
        config["components"][component]["curation"] = curation or ""
    return spacy.util.load_model_from_config(config, auto_fill=True, validate=True)


__all__ = ["build_nlp"]
