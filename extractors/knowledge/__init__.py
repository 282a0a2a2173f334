"""The domain knowledge base: platforms and programs with their aliases, as reviewed data files.

Data lives in ``platforms.tsv`` and ``programs.tsv`` beside this module (one entry a line:
name, kind, scope, aliases, source note) so that curators change knowledge without touching code.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path

_QUOTES = "“”\"'‘’「」『』《》 \t\u3000"


# full-width ASCII (U+FF01-U+FF5E) to half-width, then ASCII upper to lower case
_FOLD = str.maketrans(
    {
        **{chr(c): chr(c - 0xFEE0).lower() for c in range(0xFF01, 0xFF5F)},
        **{chr(c): chr(c).lower() for c in range(ord("A"), ord("Z") + 1)},
    }
)
_FOLDABLE = re.compile("[A-Z\uff01-\uff5e]+")


def fold(text: str) -> str:
    """Same-length folding for matching: full-width ASCII to half-width, ASCII lower case.

    Keeping the length means offsets found in the folded text are offsets in the source text.
    Only the runs that change are translated (a whole-text ``str.translate`` is slower).
    """
    return _FOLDABLE.sub(_fold_run, text)


def _fold_run(m: re.Match[str]) -> str:
    return m.group().translate(_FOLD)


@lru_cache(maxsize=65536)  # asked for every mention, and names recur across reports
def name_key(name: str) -> str:
    """Comparison key of ../shared/gold/FORMAT.md: NFKC, no blanks or quote marks, lower case,
    no trailing ``app``."""
    s = unicodedata.normalize("NFKC", name)
    s = "".join(ch for ch in s if ch not in _QUOTES and not ch.isspace())
    s = s.lower()
    if s.endswith("app") and len(s) > 3:
        s = s[:-3]
    return s


@dataclass(frozen=True)
class Entry:
    """One known platform or program."""

    name: str
    type: str  # platform | program
    kind: str
    scope: str  # national | generic | regional | a province name
    aliases: tuple[str, ...] = ()
    note: str = ""

    @property
    def forms(self) -> tuple[str, ...]:
        return (self.name, *self.aliases)


@dataclass
class KnowledgeBase:
    """Entries indexed by type and by every normalised alias."""

    entries: list[Entry] = field(default_factory=list)

    def __post_init__(self) -> None:
        self._by_key: dict[tuple[str, str], Entry] = {}
        for entry in self.entries:
            self._index(entry)

    def _index(self, entry: Entry) -> None:
        for form in entry.forms:
            self._by_key.setdefault((entry.type, name_key(form)), entry)

    def add(self, entry: Entry) -> None:
        self.entries.append(entry)
        self._index(entry)

    def lookup(self, name: str, type_: str | None = None) -> Entry | None:
        """The entry a name or alias refers to (any type when ``type_`` is None)."""
        key = name_key(name)
        types = (type_,) if type_ else ("platform", "program")
        for t in types:
            entry = self._by_key.get((t, key))
            if entry:
                return entry
        return None

    def canonical(self, name: str, type_: str | None = None) -> str:
        entry = self.lookup(name, type_)
        return entry.name if entry else name

    def surface_forms(self) -> list[tuple[str, Entry]]:
        """Every (form, entry) pair to scan for; forms shorter than two characters are skipped."""
        return [(form, e) for e in self.entries for form in e.forms if len(form) >= 2]


def parse_tsv(text: str, type_: str) -> list[Entry]:
    entries = []
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        cols = line.split("\t") + [""] * 5
        name, kind, scope, aliases, note = (c.strip() for c in cols[:5])
        entries.append(
            Entry(
                name=name,
                type=type_,
                kind=kind,
                scope=scope,
                aliases=tuple(a for a in aliases.split("|") if a),
                note=note,
            )
        )
    return entries


def load_knowledge_base(extra_dirs: list[Path] | None = None) -> KnowledgeBase:
    """The shipped knowledge base, plus ``platforms.tsv``/``programs.tsv`` from ``extra_dirs``."""
    entries: list[Entry] = []
    root = resources.files(__name__)
    for type_ in ("platform", "program"):
        entries += parse_tsv(root.joinpath(f"{type_}s.tsv").read_text(encoding="utf-8"), type_)
        for d in extra_dirs or []:
            f = Path(d) / f"{type_}s.tsv"
            if f.exists():
                entries += parse_tsv(f.read_text(encoding="utf-8"), type_)
    return KnowledgeBase(entries)
