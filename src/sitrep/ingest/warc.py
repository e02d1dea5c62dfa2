"""Web archives (WARC, optionally gzipped): every HTML response is an article page.

Crawls hold images, scripts and redirects beside the pages; those are passed over
silently, since reporting each would bury the messages that matter.
"""

from __future__ import annotations

import gzip
import re
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed
from warcio.recordloader import ArcWarcRecord

from sitrep.ingest.base import BadInput, Raw, Skipped
from sitrep.ingest.html import decode_html, extract_page
from sitrep.ingest.meta import make_meta

_CHARSET = re.compile(r"charset\s*=\s*[\"']?([A-Za-z0-9_.:-]+)", re.I)
_HTML_TYPES = ("text/html", "application/xhtml+xml")


def _starts_like_warc(handle: BinaryIO) -> bool:
    """A WARC (or gzipped WARC) file starts with "WARC/"; anything else is not an archive."""
    head = handle.read(5)
    handle.seek(0)
    if head[:2] == b"\x1f\x8b":
        try:
            with gzip.GzipFile(fileobj=handle) as unzipped:
                head = unzipped.read(5)
        except (OSError, EOFError):
            return True  # let warcio report what is wrong with the compression
        finally:
            handle.seek(0)
    return head == b"WARC/"


def read_warc(path: Path, max_bytes: int) -> Iterator[Raw | Skipped]:
    pages = 0
    with path.open("rb") as handle:
        if not _starts_like_warc(handle):
            raise BadInput("not a WARC file")
        try:
            for number, record in enumerate(ArchiveIterator(handle), 1):
                if record.rec_type not in ("response", "resource"):
                    continue
                uri = record.rec_headers.get_header("WARC-Target-URI")
                if record.rec_type == "response":
                    if record.http_headers is None:
                        continue
                    status = record.http_headers.get_statuscode() or ""
                    if not status.startswith("2"):
                        continue
                    ctype = record.http_headers.get_header("Content-Type") or ""
                else:
                    ctype = record.rec_headers.get_header("Content-Type") or ""
                if not ctype.lower().startswith(_HTML_TYPES):
                    continue
                pages += 1
                yield _page(record, f"{path}#{uri or number}", uri, ctype, max_bytes)
        except ArchiveLoadFailed as exc:
            yield Skipped(str(path), f"broken WARC file: {exc}")
            return
        except Exception as exc:  # warcio fails in many ways on truncated or corrupt records
            yield Skipped(str(path), f"broken WARC file: {type(exc).__name__}: {exc}")
            return
    if not pages:
        yield Skipped(str(path), "no HTML pages in WARC file")


def _page(record: ArcWarcRecord, source: str, uri: str | None, ctype: str, max_bytes: int) -> Raw | Skipped:
    payload = record.content_stream().read(max_bytes + 1)
    if len(payload) > max_bytes:
        return Skipped(source, f"larger than max_bytes (> {max_bytes} bytes)")
    m = _CHARSET.search(ctype)
    try:
        html = decode_html(payload, m.group(1) if m else None)
        text, found = extract_page(html, uri)
    except BadInput as exc:
        return Skipped(source, str(exc))
    if uri:
        found["url"] = uri
    return Raw(text, make_meta(found), source)
