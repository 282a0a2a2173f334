"""What extraction depends on besides a report's text, as one object: the knowledge folders, the
curation file, the statistical recogniser and the limits one report may cost.

A command builds it once from its options and checks it (:meth:`ExtractionSettings.checked`: an
unusable curation file or recogniser is one clear error before any work starts), then hands it
down whole — to the extractor, to each worker process (it pickles), to the fingerprint — instead of
threading each part through every module.

>>> settings = ExtractionSettings(kb_dirs=("my-kb",), max_seconds=60)
>>> settings.curation.entries  # no curation file: nothing curated
()
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

from extractors.knowledge.curation import Curation, load_curation
from extractors.recognise.statistical import NerSettings

DEFAULT_MAX_BYTES = 50 * 2**20  # a report file larger than this is refused unread (--max-file-mb)


@dataclass(frozen=True)
class ExtractionSettings:
    """The settings of one command's extraction (see the module docstring)."""

    kb_dirs: tuple[str, ...] = ()  # extra folders of platforms.tsv / programs.tsv (--kb-dir)
    curation_file: str = ""  # the curator's TOML file (--curation); "" for none
    ner: NerSettings = field(default_factory=NerSettings)  # the statistical recogniser, if any
    max_bytes: int = DEFAULT_MAX_BYTES  # a larger report file is refused unread
    max_seconds: float | None = None  # the time one report may take, None for no limit

    @cached_property
    def curation(self) -> Curation:
        """The curation file, parsed once per process (raises CurationError when unusable)."""
        return load_curation(self.curation_file)

    def checked(self) -> ExtractionSettings:
        """These settings, after parsing the curation file (CurationError when it cannot be used;
        the recogniser was checked when ``ner`` was made)."""
        _ = self.curation
        return self
