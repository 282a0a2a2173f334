"""Stage 2, recognise: a spaCy pipeline whose components find typed candidate spans."""

from __future__ import annotations

from importlib import resources

import spacy
from spacy.language import Language

from extractors.recognise import components  # noqa: F401  (registers the factories)


def build_nlp(extra_kb_dirs: list[str] | None = None, curation: str = "") -> Language:
    """Assemble the pipeline from ``pipeline.cfg``; ``extra_kb_dirs`` add knowledge files and
    ``curation`` the curation file's names (see :mod:`extractors.knowledge.curation`)."""
    text = resources.files(__name__).joinpath("pipeline.cfg").read_text(encoding="utf-8")
    config = spacy.util.load_config_from_str(text)
    for component in ("govkg_knowledge", "govkg_patterns"):
        config["components"][component]["extra_dirs"] = list(extra_kb_dirs or [])
        config["components"][component]["curation"] = curation or ""
    return spacy.util.load_model_from_config(config, auto_fill=True, validate=True)


__all__ = ["build_nlp"]
