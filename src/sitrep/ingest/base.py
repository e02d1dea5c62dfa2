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
import zlib
from dataclasses import dataclass, field

from sitrep.model import Meta


@dataclass(frozen=True)
class Skipped:
    """A source that produced no document, and why (for the user, not for a program)."""

    source: str
    reason: str


@dataclass
class Raw:
    """A document as a reader found it: text not yet checked, metadata already normalised.

    ``notes`` are problems that cost a field but not the article (an impossible date in
    front matter): the article is kept and the note travels with it as a warning.
    """

    text: str
    meta: Meta
    source: str
    notes: list[str] = field(default_factory=list)


class BadInput(Exception):
    """Raised inside a reader when a whole source must be skipped; the message is the reason."""


_REASON_CHARS = 200


def reason_for(exc: BaseException) -> str:
    """A skip reason for any exception a reader or a library raised on one record.

    Library messages can quote the bad input itself (5,000 digits, a whole line), so the
    reason is cut short; zlib's "Error -3 while decompressing" is said in words.
    """
    if isinstance(exc, BadInput):
        return str(exc)
    if isinstance(exc, RecursionError):
        return "nested too deeply"
    if isinstance(exc, zlib.error | EOFError):
        return "corrupt or truncated compressed data"
    if isinstance(exc, OSError) and exc.strerror:
        return f"cannot read file: {exc.strerror}"
    text = shorten(str(exc))
    return f"unexpected error: {type(exc).__name__}: {text}" if text else f"unexpected error: {type(exc).__name__}"


def shorten(message: str) -> str:
    """A library's message on one line and at most ``_REASON_CHARS`` characters."""
    text = " ".join(message.split())
    return text if len(text) <= _REASON_CHARS else text[:_REASON_CHARS] + "..."


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


def binary_kind(head: bytes, nul_bytes: bool = True) -> str | None:
    """Name the kind of binary data ``head`` starts, or None when it may be text.

    UTF-16 text is full of NUL bytes, so a UTF-16 byte-order mark wins over the NUL test.
    Formats of many records pass ``nul_bytes=False``: a NUL byte there is a problem of
    the record it stands in, which the reader skips alone.
    """
    if head.startswith(_UTF16_BOMS):
        return None
    for magic, kind in _MAGIC:
        if head.startswith(magic):
            return kind
    if nul_bytes and b"\x00" in head[:8192]:
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
_UNSTORABLE = re.compile("[\x00\ud800-\udfff]")


def storable(text: str) -> str:
    """``text`` with the characters no store accepts replaced by U+FFFD.

    A lone surrogate (JSON ``"\\ud800"``, a feed's ``&#xD800;``, a non-UTF-8 file name)
    cannot be encoded as UTF-8, and PostgreSQL refuses NUL; left in, either fails the
    record when it is stored, long after the reader could have said which one it was.
    """
    return _UNSTORABLE.sub("\ufffd", text)


def normalise_text(text: str) -> str:
    """Unify newlines to ``\\n``, drop a leading BOM and make the text storable; nothing
    else is touched."""
    if "\r" in text:
        text = _NEWLINES.sub("\n", text)
    return storable(text.removeprefix("\ufeff"))
