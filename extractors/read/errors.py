"""The one error type of the read stage."""

from __future__ import annotations

import os


class ReadError(Exception):
    """A report that cannot be read; ``reason`` says why in one line, ``path`` names the file."""

    def __init__(self, path: str | os.PathLike[str], reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = str(path)
        self.reason = reason
