"""Web archives (WARC, optionally gzipped): every HTML response is an article page.

Crawls hold images, scripts and redirects beside the pages; those are passed over
silently, since reporting each would bury the messages that matter. A record that
cannot be read is reported with its byte offset, and reading goes on at the next record
(the next gzip member, or the next ``WARC/1.x`` line), so one broken record never costs
the records after it.
"""

from __future__ import annotations

import gzip
import mmap
import re
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed
from warcio.recordloader import ArcWarcRecord

from sitrep.ingest.base import BadInput, Raw, Skipped, reason_for, shorten
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
        except (OSError, EOFError, zlib.error):
            return True  # let the reader report what is wrong with the compression
        finally:
            handle.seek(0)
    return head == b"WARC/"


def read_warc(path: Path, max_bytes: int) -> Iterator[Raw | Skipped]:
    with path.open("rb") as handle:
        if not _starts_like_warc(handle):
            raise BadInput("not a WARC file")
        gzipped = handle.read(2) == b"\x1f\x8b"
        with mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ) as data:
            yield from _records(path, handle, data, gzipped, max_bytes)


def _records(path: Path, handle: BinaryIO, data: mmap.mmap, gzipped: bool, max_bytes: int
             ) -> Iterator[Raw | Skipped]:
    """Every HTML page of the archive, starting over after each broken record."""
    pages = broken = number = 0
    start: int | None = 0
    while start is not None:
        handle.seek(start)
        records = ArchiveIterator(handle)
        try:
            for record in records:
                number += 1
                page = _html_record(record)
                if page is None:
                    continue
                uri, ctype = page
                pages += 1
                source = f"{path}#{uri or number}"
                try:
                    yield _page(record, source, uri, ctype, max_bytes)
                except Exception as exc:  # a broken payload costs this page
                    yield Skipped(source, reason_for(exc))
            start = None
        except Exception as exc:  # warcio fails in many ways on truncated or corrupt records
            broken += 1
            at = records.offset
            what = shorten(str(exc)) if isinstance(exc, ArchiveLoadFailed) else reason_for(exc)
            yield Skipped(str(path), f"broken WARC file at byte {at}: {what}")
            start = _next_record(data, max(at, start) + 1, gzipped)
    if not pages and not broken:
        yield Skipped(str(path), "no HTML pages in WARC file")


def _html_record(record: ArcWarcRecord) -> tuple[str | None, str] | None:
    """(target URI, content type) of a successful HTML response or resource, else None."""
    if record.rec_type not in ("response", "resource"):
        return None
    uri = record.rec_headers.get_header("WARC-Target-URI")
    if record.rec_type == "response":
        if record.http_headers is None:
            return None
        status = record.http_headers.get_statuscode() or ""
        if not status.startswith("2"):
            return None
        ctype = record.http_headers.get_header("Content-Type") or ""
    else:
        ctype = record.rec_headers.get_header("Content-Type") or ""
    return (uri, ctype) if ctype.lower().startswith(_HTML_TYPES) else None


def _next_record(data: mmap.mmap, after: int, gzipped: bool) -> int | None:
    """Where the next record may start: a gzip member header, or a WARC version line."""
    if gzipped:
        found = data.find(b"\x1f\x8b\x08", after)
        return None if found < 0 else found
    found = data.find(b"\nWARC/1.", after - 1)
    return None if found < 0 else found + 1


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
