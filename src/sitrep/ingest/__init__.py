"""sitrep.ingest: read articles from files, folders, globs, feeds and web archives.

``read_sources`` yields :class:`sitrep.model.Document` objects, and a :class:`Skipped`
note (source, reason) for every input that gives no document, so bad input is reported
and never stops a run.
"""

from sitrep.ingest.base import Skipped
from sitrep.ingest.sources import read_sources

__all__ = ["Skipped", "read_sources"]
