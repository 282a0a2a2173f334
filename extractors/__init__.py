"""Extraction pipeline: read → recognise → relate → resolve.

Each stage is a sub-package named after what it does; :mod:`extractors.pipeline` wires them.
"""

from extractors.records import Document, Mention, Partner, RegionRef, ReportResult

__all__ = ["Document", "Mention", "Partner", "RegionRef", "ReportResult"]
