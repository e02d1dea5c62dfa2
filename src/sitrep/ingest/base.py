"""What readers hand back, and the byte-level checks every reader shares.

Readers yield :class:`Raw` records (text plus metadata, before validation) or
:class:`Skipped` notes; :mod:`sitrep.ingest.sources` turns the raw records into
:class:`~sitrep.model.Document` objects after the checks that are the same for every
format (empty, too large, duplicate). Keeping those checks in one place means every
format reports bad input with the same words.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

from sitrep.model import Meta


@dataclass(frozen=True)
class Skipped:
    """A source that produced no document, and why (for the user, not for a program)."""

    source: str
    reason: str


@dataclass
class Raw:
    """A document as a reader found it: text not yet checked, metadata already normalised."""

    text: str
    meta: Meta
    source: str


class BadInput(Exception):
    """Raised inside a reader when a whole source must be skipped; the message is the reason."""


_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"%PDF", "PDF document"),
    (b"\x89PNG", "PNG image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF87a", "GIF image"),
    (b"GIF89a", "GIF image"),
    (b"II*\x00", "TIFF image"),
    (b"MM\x00*", "TIFF image"),
    (b"PK\x03\x04", "ZIP archive or office document"),
    (b"\x1f\x8b", "gzip data"),
    (b"BZh", "bzip2 data"),
    (b"\xfd7zXZ\x00", "xz data"),
    (b"7z\xbc\xaf\x27\x1c", "7-Zip archive"),
    (b"\x7fELF", "executable"),
    (b"\xd0\xcf\x11\xe0", "MS Office document"),
    (b"SQLite format 3\x00", "SQLite database"),
    (b"RIFF", "RIFF media file"),
    (b"OggS", "Ogg media file"),
    (b"ID3", "MP3 audio"),
    (b"\x00asm", "WebAssembly binary"),
    (b"\x93NUMPY", "NumPy array"),
    (b"PAR1", "Parquet file"),
)
_UTF16_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)


def binary_kind(head: bytes) -> str | None:
    """Name the kind of binary data ``head`` starts, or None when it may be text.

    UTF-16 text is full of NUL bytes, so a UTF-16 byte-order mark wins over the NUL test.
    """
    if head.startswith(_UTF16_BOMS):
        return None
    for magic, kind in _MAGIC:
        if head.startswith(magic):
            return kind
    if b"\x00" in head[:8192]:
        return "contains NUL bytes"
    return None


def decode_text(data: bytes) -> str:
    """Decode bytes declared as text: UTF-8 (with or without BOM) or BOM-marked UTF-16.

    Legacy 8-bit encodings are not guessed: a wrong guess silently garbles names, which
    is worse than asking the user to re-encode the file.
    """
    try:
        if data.startswith(codecs.BOM_UTF8):
            return data[len(codecs.BOM_UTF8):].decode("utf-8")
        if data.startswith(_UTF16_BOMS):
            return data.decode("utf-16")
        return data.decode("utf-8")
    except UnicodeDecodeError:
        raise BadInput("not valid UTF-8 text") from None


_NEWLINES = re.compile(r"\r\n?")


def normalise_text(text: str) -> str:
    """Unify newlines to ``\\n`` and drop a leading BOM; nothing else is touched."""
    if "\r" in text:
        text = _NEWLINES.sub("\n", text)
    return text.removeprefix("\ufeff")
