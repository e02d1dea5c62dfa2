"""Hostile inputs for every reader: good records, the bad records the fuzzing found, and
writers that put them into files of each format.

Shared by the regression and property tests (``tests/test_hardening.py``,
``tests/test_fuzz.py``) and by ``benchmarks/fuzz.py``, which mutates the same samples
10^5 times per reader. A file is written as a list of records, so a test can place one
bad record among good ones and check that only the bad one is lost.
"""

from __future__ import annotations

import gzip
import io
import json
import uuid
import zlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

GOOD_TEXTS = (
    "Opposition fighters entered the city of Aleppo on Friday after a rapid advance from Idlib "
    "province, residents and a war monitor said.",
    "The Syrian army said it had withdrawn troops to protect civilians while it prepared a "
    "counter-offensive with the help of Russian air power.",
    "Thousands of families fled towards the north-east as the fighting reached the western districts "
    "of the city late on Thursday, aid workers said.",
    "Protesters marched through Nairobi on Tuesday to demand lower food prices, and police used tear "
    "gas to disperse them near parliament.",
)


@dataclass(frozen=True)
class Record:
    """One record to write: good ones carry a text that must come out of the reader."""

    text: str
    title: str = "Report"
    date: object = "2024-11-30"
    good: bool = True
    raw: bytes | None = None  # a bad record's own bytes, written as they are


def good(index: int, date: object = "2024-11-30") -> Record:
    """The ``index``-th good record (unique text, so that no two are duplicates)."""
    return Record(f"{GOOD_TEXTS[index % len(GOOD_TEXTS)]} Report number {index}.", f"Report {index}", date)


def _html(record: Record, charset: str = "utf-8") -> bytes:
    paragraphs = "".join(f"<p>{sentence}.</p>" for sentence in record.text.split(". "))
    filler = "<p>The situation remained tense across the region, according to several witnesses.</p>" * 3
    return (f"<!DOCTYPE html><html lang='en'><head><meta charset='{charset}'><title>{record.title}</title>"
            f"<meta property='article:published_time' content='{record.date}'></head><body><article>"
            f"<h1>{record.title}</h1>{paragraphs}{filler}</article></body></html>").encode("utf-8", "surrogatepass")


# -- JSON Lines and JSON arrays ---------------------------------------------------------

BAD_JSON = (
    b'{"text": "Rebels took Homs. \\ud800 A lone surrogate escape.", "title": "Surrogate"}',
    b'{"text": "A title with a surrogate", "title": "\\udfff"}',
    b"[" * 100_000 + b"]" * 100_000,
    b'{"text": "Deeply nested", "x": ' + b"[" * 50_000 + b"]" * 50_000 + b"}",
    b'{"text": "Huge number", "n": ' + b"9" * 5000 + b"}",
    b'{"text": "Huge epoch date", "date": ' + b"9" * 400 + b"}",
    b'{"text": "Null date", "date": "0001-01-01T00:00:00Z"}',
    b'{"text": "Impossible date", "date": "2024-02-30"}',
    b'{"text": "Float date", "date": 1e308}',
    b'{"text": "NaN date", "date": NaN}',
    b'{"text": "Nested date", "date": {"a": [1, 2]}}',
    b'{"text": "Broken',
    b'{"text": 5}',
    b'["not", "an", "object"]',
    b'{"text": "\\u0000\\u0000 NUL characters"}',
    b'{"text": "<div><p>Markup ' + b"<b>" * 5000 + b'</p></div>"}',
    b"\xff\xfe\x00 not UTF-8",
    b'{"text": "", "title": "empty"}',
)


def jsonl(records: Sequence[Record]) -> bytes:
    lines = []
    for r in records:
        lines.append(r.raw if r.raw is not None else json.dumps({"text": r.text, "title": r.title, "date": r.date},
                                                                ensure_ascii=False).encode("utf-8"))
    return b"\n".join(lines) + b"\n"


def json_array(records: Sequence[Record]) -> bytes:
    return b"[" + b",\n".join(jsonl([r]).rstrip(b"\n") for r in records) + b"]"


# -- feeds ------------------------------------------------------------------------------

BAD_ENTRIES = (
    b"<entry><title>Null date</title><updated>0000-00-00T00:00:00Z</updated>"
    b"<content type='html'>Rebels took Homs on Sunday.</content></entry>",
    b"<entry><title>Surrogate &#xD800; ref</title><content type='html'>Rebels took Hama &#55296; today."
    b"</content></entry>",
    b"<entry><title>Out of range &#x110000;</title><content type='html'>Rebels took Daraa &#99999999;."
    b"</content></entry>",
    b"<entry><title>Year 9999</title><updated>9999-12-31T23:59:59Z</updated>"
    b"<content type='html'>Rebels took Raqqa.</content></entry>",
    b"<entry><title>Empty</title><content type='html'></content></entry>",
    b"<entry><title>Nested markup</title><content type='html'>" + b"&lt;b&gt;" * 3000 + b"text</content></entry>",
    b"<entry><title>Broken <entry> tag",
)


def atom(records: Sequence[Record], encoding: str = "utf-8") -> bytes:
    entries = []
    for r in records:
        if r.raw is not None:
            entries.append(r.raw)
            continue
        entry_id = zlib.crc32(r.text.encode("utf-8", "surrogatepass"))
        entries.append((f"<entry><title>{r.title}</title><id>urn:{entry_id}</id><updated>{r.date}T10:00:00Z</updated>"
                        f"<content type='html'>&lt;p&gt;{r.text}&lt;/p&gt;</content></entry>")
                       .encode("utf-8", "surrogatepass"))
    return (f"<?xml version='1.0' encoding='{encoding}'?><feed xmlns='http://www.w3.org/2005/Atom'>"
            "<title>Example Desk</title>").encode() + b"".join(entries) + b"</feed>"


# -- web archives -----------------------------------------------------------------------

BAD_PAGES = (
    _html(Record("Rebels took Homs on Sunday, a monitor said. The army withdrew.", "Undefined"), "undefined"),
    _html(Record("Rebels took Hama on Monday. Residents fled.", "Bad charset"), "x-no-such-charset"),
    b"\x00\x01\x02 binary in an HTML response",
    b"<html><body></body></html>",
    b"<html>" + b"<div>" * 20_000 + b"deep</html>",
)


def warc(records: Sequence[Record], gzipped: bool = True) -> bytes:
    out = io.BytesIO()
    writer = WARCWriter(out, gzip=gzipped)
    for number, r in enumerate(records):
        body = r.raw if r.raw is not None else _html(r)
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
        fixed = {"WARC-Record-ID": f"<urn:uuid:{uuid.UUID(int=number)}>", "WARC-Date": "2024-11-30T10:00:00Z"}
        writer.write_record(writer.create_warc_record(f"https://example.com/{number}", "response",
                                                      payload=io.BytesIO(body), http_headers=headers,
                                                      warc_headers_dict=fixed))
    return out.getvalue()


def corrupt_gzip() -> bytes:
    """A gzipped WARC whose compressed data is broken (zlib "Error -3")."""
    data = bytearray(gzip.compress(b"WARC/1.0\r\nWARC-Type: response\r\n\r\n" + b"x" * 200))
    data[12:20] = b"\xff" * 8
    return bytes(data)


# -- text with front matter, and HTML pages ---------------------------------------------

BAD_FRONT = (
    "date: 2024-02-30",
    "date: 2024-01-01T25:00:00",
    "date: 0001-01-01",
    "date: " + "9" * 400,
    "date: [unclosed",
    "title: &a [*a, *a]\ndate: *a",
    "date: !!python/object:os.system ls",
    "date: " + "[" * 5000,
)


def text_file(record: Record, front: str | None = None) -> bytes:
    if record.raw is not None:
        return record.raw
    head = front if front is not None else f"title: {record.title}\ndate: {record.date}"
    return f"---\n{head}\n---\n{record.text}\n".encode("utf-8", "surrogatepass")


def html_page(record: Record) -> bytes:
    return record.raw if record.raw is not None else _html(record)


@dataclass(frozen=True)
class Reader:
    """How to write records into one file of a format (``many``: several records per file)."""

    suffix: str
    write: Callable[[Sequence[Record]], bytes]
    bad: tuple[bytes, ...]
    many: bool = True


READERS: dict[str, Reader] = {
    "jsonl": Reader(".jsonl", jsonl, BAD_JSON),
    "json": Reader(".json", json_array, BAD_JSON),
    "feed": Reader(".atom", atom, BAD_ENTRIES),
    "warc": Reader(".warc.gz", warc, BAD_PAGES),
    "text": Reader(".md", lambda rs: text_file(rs[0]),
                   tuple(f"---\n{f}\n---\nRebels took Homs on Sunday.\n".encode() for f in BAD_FRONT), many=False),
    "html": Reader(".html", lambda rs: html_page(rs[0]), BAD_PAGES, many=False),
}


def write(folder: Path, name: str, reader: str, records: Sequence[Record]) -> Path:
    """Write ``records`` as one file of ``reader``'s format; the path."""
    path = folder / f"{name}{READERS[reader].suffix}"
    path.write_bytes(READERS[reader].write(records))
    return path
