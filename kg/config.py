"""The project config file, ``govkg.toml``: settings a user wants on every run without flags.

Read from ``--config FILE``, else ``KG_CONFIG``, else ``./govkg.toml`` when it exists.  Today it
holds the statistical recogniser::

    [ner]
    recogniser = "spacy"      # none | hanlp | spacy
    model = "models/govkg-ner" # a folder (relative to this file) or a HanLP identifier

A command-line flag wins over the environment (KG_NER, KG_NER_MODEL), which wins over the file.
"""

from __future__ import annotations

import os
import tomllib
from pathlib import Path

from extractors.recognise.statistical import NerSettings, RecogniserError

DEFAULT_FILE = "govkg.toml"


class ConfigError(Exception):
    """A config file that cannot be used; the message names the file and the reason."""


def config_path(given: Path | None) -> Path | None:
    if given is not None:
        return given
    env = os.environ.get("KG_CONFIG")
    if env:
        return Path(env)
    default = Path(DEFAULT_FILE)
    return default if default.is_file() else None


def read_config(path: Path | None) -> dict:
    if path is None:
        return {}
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read config ({exc.strerror or exc})") from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: not valid TOML ({exc})") from None


def ner_settings(recogniser: str | None, model: str | None, config: Path | None) -> NerSettings:
    """The statistical recogniser for this run: flags/environment first, then the config file."""
    path = config_path(config)
    section = read_config(path).get("ner", {})
    if not isinstance(section, dict):
        raise ConfigError(f"{path}: [ner] must be a table")
    unknown = set(section) - {"recogniser", "model"}
    if unknown:
        raise ConfigError(f"{path}: unknown key(s) in [ner]: {', '.join(sorted(unknown))}")
    if model is None and section.get("model"):
        model = str(section["model"])
        if path is not None and not Path(model).is_absolute() and (path.parent / model).exists():
            model = str(path.parent / model)
    chosen = recogniser or str(section.get("recogniser", "none"))
    try:
        return NerSettings(chosen, model)
    except RecogniserError as exc:
        raise ConfigError(f"{path}: {exc}" if path is not None and not recogniser else str(exc)) from None
