"""Stage 1, read: turn files on disk into :class:`~extractors.records.Document` objects."""

from extractors.read.reader import ReadError, iter_report_paths, read_document

__all__ = ["ReadError", "iter_report_paths", "read_document"]
