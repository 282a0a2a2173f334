"""The user's curation file: what a curator decided about discovered names, applied on the next load.

A TOML file (``--curation FILE`` or ``KG_CURATION``), written after reading ``kg query candidates``::

    ignore = ["业务系统", "数据中台"]          # never an entity, whatever found it

    [platform]                               # known platforms from now on: name = [aliases]
    "赣服通" = ["赣服通APP", "赣服通5.0"]

    [program]
    "一件事一次办" = ["一件事一次办改革"]

    [rename]                                 # a name as extracted → the name to use instead
    "智慧城市运行管理平台" = "城市运行管理服务平台"

Names in ``[platform]``/``[program]`` join the knowledge base (matched wherever they appear, and
their aliases merge into them); ``rename`` and ``ignore`` apply to every type, agencies and
policies included.  Names compare the way gold names do (:func:`extractors.knowledge.name_key`).
"""

from __future__ import annotations

import hashlib
import tomllib
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from extractors.knowledge import Entry, KnowledgeBase, load_knowledge_base, name_key

SECTIONS = {"ignore", "platform", "program", "rename"}


class CurationError(ValueError):
    """A curation file that cannot be used; the message is one line naming the file."""


@dataclass(frozen=True)
class Curation:
    entries: tuple[Entry, ...] = ()
    renames: dict[str, str] = field(default_factory=dict)  # name_key(old) → new name
    ignored: frozenset[str] = frozenset()  # name keys
    digest: str = ""  # of the file's bytes: part of the extractor fingerprint

    def apply(self, name: str) -> str | None:
        """The name to use for an extracted ``name``, or None when the curator ignores it."""
        if name_key(name) in self.ignored:
            return None
        renamed = self.renames.get(name_key(name), name)
        return None if name_key(renamed) in self.ignored else renamed


def load_curation(path: str | Path | None) -> Curation:
    """Read and check a curation file (None or "" → no curation); parsed once per process while
    the file stays as it is (the extractor, the knowledge base and the fingerprint all need it)."""
    if not path:
        return Curation()
    try:
        stat = Path(path).stat()
    except OSError as exc:
        raise CurationError(f"{path}: cannot read the curation file ({exc.strerror or exc})") from None
    return _parsed(str(path), stat.st_mtime_ns, stat.st_size)


@lru_cache(maxsize=8)
def _parsed(name: str, mtime_ns: int, size: int) -> Curation:
    """The curation file ``name`` as it was at (``mtime_ns``, ``size``): the cache's key."""
    path = Path(name)
    try:
        raw = path.read_bytes()
        data = tomllib.loads(raw.decode("utf-8"))
    except OSError as exc:
        raise CurationError(f"{path}: cannot read the curation file ({exc.strerror or exc})") from None
    except UnicodeDecodeError:
        raise CurationError(f"{path}: the curation file is not UTF-8") from None
    except tomllib.TOMLDecodeError as exc:
        raise CurationError(f"{path}: not valid TOML ({exc})") from None
    unknown = sorted(set(data) - SECTIONS)
    if unknown:
        raise CurationError(f"{path}: unknown key '{unknown[0]}' (known: {', '.join(sorted(SECTIONS))})")
    ignore = data.get("ignore", [])
    if not isinstance(ignore, list) or not all(isinstance(x, str) for x in ignore):
        raise CurationError(f"{path}: 'ignore' must be a list of names")
    entries = []
    for type_ in ("platform", "program"):
        table = data.get(type_, {})
        if not isinstance(table, dict):
            raise CurationError(f"{path}: [{type_}] must be a table of name = [aliases]")
        for name, aliases in table.items():
            if isinstance(aliases, str):
                aliases = [aliases]
            if not isinstance(aliases, list) or not all(isinstance(a, str) for a in aliases):
                raise CurationError(f"{path}: [{type_}] '{name}' must list its aliases as strings")
            entries.append(
                Entry(
                    name=name,
                    type=type_,
                    kind="curated",
                    scope="user",
                    aliases=tuple(a for a in aliases if a),
                    note=f"curation file {path.name}",
                )
            )
    renames = data.get("rename", {})
    if not isinstance(renames, dict) or not all(isinstance(v, str) and v for v in renames.values()):
        raise CurationError(f"{path}: [rename] must map names to names")
    return Curation(
        entries=tuple(entries),
        renames={name_key(k): v for k, v in renames.items()},
        ignored=frozenset(name_key(x) for x in ignore),
        digest=hashlib.sha256(raw).hexdigest()[:16],
    )


@lru_cache(maxsize=4)
def curated_knowledge_base(extra_dirs: tuple[str, ...] = (), curation: str = "") -> KnowledgeBase:
    """The knowledge base names are resolved with: shipped, plus ``--kb-dir`` files, plus the
    curation file's names; built once per process for each combination.  Needs no spaCy, so that
    ``kg query`` resolves aliases without loading the extraction pipeline."""
    kb = load_knowledge_base([Path(d) for d in extra_dirs])
    for entry in load_curation(curation).entries:
        kb.add(entry)
    return kb
