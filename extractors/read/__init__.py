"""Stage 1, read: files on disk (txt, html, pdf, docx; any encoding) → Document objects."""

from extractors.read.errors import ReadError
from extractors.read.manifest import ManifestEntry, manifests_in, read_manifest
from extractors.read.paths import SUPPORTED_SUFFIXES, iter_report_paths, iter_reports
from extractors.read.reader import MAX_BYTES, content_id, read_document

__all__ = [
    "MAX_BYTES",
    "SUPPORTED_SUFFIXES",
    "ManifestEntry",
    "ReadError",
    "content_id",
    "iter_report_paths",
    "iter_reports",
    "manifests_in",
    "read_document",
    "read_manifest",
]
