"""Stage 2, recognise: a spaCy pipeline whose components find typed candidate spans."""

from __future__ import annotations

from importlib import resources

import spacy
from spacy.language import Language

from extractors.recognise import components  # noqa: F401  (registers the factories)


def build_nlp(extra_kb_dirs: list[str] | None = None) -> Language:
    """Assemble the pipeline from ``pipeline.cfg``; ``extra_kb_dirs`` add curated knowledge files."""
    text = resources.files(__name__).joinpath("pipeline.cfg").read_text(encoding="utf-8")
    config = spacy.util.load_config_from_str(text)
    if extra_kb_dirs:
        config["components"]["govkg_knowledge"]["extra_dirs"] = list(extra_kb_dirs)
        config["components"]["govkg_patterns"]["extra_dirs"] = list(extra_kb_dirs)
    return spacy.util.load_model_from_config(config, auto_fill=True, validate=True)


__all__ = ["build_nlp"]
