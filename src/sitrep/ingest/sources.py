"""``read_sources``: files, folders and globs in, Documents (or reasons for skipping) out.

The iterator never raises on bad input: a corpus gathered from the web always holds a
few broken files, and one of them must not stop the other ten thousand. Every source
that yields nothing yields a :class:`Skipped` with a reason instead, and so does every
record of a file that cannot be read (the other records of the file are still read).

Folders and ``**`` globs are walked without following symbolic links to folders, so a
link back up the tree cannot make a run go on forever; a folder that cannot be listed
is reported, not silently passed over.
"""

from __future__ import annotations

import fnmatch
import os
import re
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from sitrep.ingest.base import (
    BadInput,
    Raw,
    Skipped,
    binary_kind,
    decode_text,
    normalise_text,
    reason_for,
    storable,
)
from sitrep.ingest.feeds import looks_like_feed, read_feed
from sitrep.ingest.html import decode_html, extract_page
from sitrep.ingest.meta import (
    is_sidecar,
    make_meta,
    read_sidecar,
    sidecar_for,
    split_front_matter,
)
from sitrep.ingest.records import read_json, read_jsonl
from sitrep.ingest.warc import read_warc
from sitrep.model import Document, content_id

# Feeds and .json files are parsed whole; this bounds the memory that takes, while
# max_bytes bounds each article in them.
WHOLE_FILE_LIMIT = 256 * 2**20

_TEXT = frozenset({".txt", ".md", ".markdown", ".text"})
_HTML = frozenset({".html", ".htm", ".xhtml"})
_FEED = frozenset({".xml", ".rss", ".atom", ".rdf"})
_JSONL = frozenset({".jsonl", ".ndjson"})
_URL = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*://")
_MAGIC = re.compile(r"[*?[]")


def read_sources(
    paths: Iterable[str | os.PathLike[str]] | str | os.PathLike[str],
    *,
    max_bytes: int = 10_000_000,
) -> Iterator[Document | Skipped]:
    """Read articles from files, folders (recursively) and glob patterns.

    Formats: .txt/.md (YAML front matter or ``x.meta.json`` sidecar), .html/.htm, .jsonl
    and .json (article objects), RSS/Atom feeds, WARC (.warc, .warc.gz). Within one call
    the same content is yielded once; repeats are Skipped as duplicates.
    """
    if isinstance(paths, str | os.PathLike):
        paths = [paths]
    seen_files: set[str] = set()
    seen_texts: dict[str, str] = {}
    for arg in paths:
        for found in _expand(os.fspath(arg)):
            if isinstance(found, Skipped):
                yield found
                continue
            key = os.path.realpath(found)
            if key in seen_files:
                continue
            seen_files.add(key)
            for item in _read_file(found, max_bytes):
                if isinstance(item, Skipped):
                    yield item
                    continue
                try:
                    yield _finish(item, max_bytes, seen_texts)
                except Exception as exc:  # a bug on one record must cost that record only
                    yield Skipped(item.source, reason_for(exc))


def _finish(raw: Raw, max_bytes: int, seen: dict[str, str]) -> Document | Skipped:
    """The checks every format shares: empty, too large, already seen."""
    text = normalise_text(raw.text)
    source = storable(raw.source)
    if not text.strip():
        return Skipped(source, "empty document")
    size = len(text.encode("utf-8"))
    if size > max_bytes:
        return Skipped(source, f"larger than max_bytes ({size} > {max_bytes} bytes)")
    doc_id = content_id(text)
    if doc_id in seen:
        return Skipped(source, f"duplicate of {seen[doc_id]}")
    seen[doc_id] = source
    return Document(id=doc_id, text=text, meta=raw.meta, source=source, warnings=list(raw.notes))


def _expand(arg: str) -> Iterator[Path | Skipped]:
    path = Path(arg).expanduser()
    if path.is_dir():
        yield from _walk(path)
    elif path.exists():
        yield path
    elif _URL.match(arg):
        yield Skipped(arg, "sitrep reads files, not URLs: save the page first (for example with "
                           "curl -o page.html URL) and pass the file")
    elif _MAGIC.search(arg):
        yield from _glob(os.path.expanduser(arg))
    else:
        yield Skipped(arg, "no such file or directory")


def _walk(folder: Path) -> Iterator[Path | Skipped]:
    """Files under ``folder`` in a stable order, hidden files and folders left out; links to
    folders are not followed (no loops), and folders that cannot be listed are reported."""
    problems: list[OSError] = []
    found = False
    for root, dirs, files in os.walk(folder, onerror=problems.append):
        yield from (_unreadable(e) for e in problems)
        problems.clear()
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if not name.startswith("."):
                found = True
                yield Path(root, name)
    yield from (_unreadable(e) for e in problems)
    if not found:
        yield Skipped(str(folder), "no files in folder")


def _unreadable(exc: OSError) -> Skipped:
    return Skipped(str(exc.filename or "?"), f"cannot read folder: {exc.strerror or exc}")


def _glob(pattern: str) -> Iterator[Path | Skipped]:
    """Paths matching a glob (``**`` spans folders), in sorted order; see :func:`_match`."""
    parts = Path(pattern).parts
    first = next(i for i, part in enumerate(parts) if _MAGIC.search(part))
    root = Path(*parts[:first]) if first else Path(".")
    matches: list[Path] = []
    for item in _match(root, parts[first:]):
        if isinstance(item, Skipped):
            yield item
        else:
            matches.append(item)
    if not matches:
        yield Skipped(pattern, "no files match the pattern")
    for match in sorted(matches):
        if match.is_dir():
            yield from _walk(match)
        else:
            yield match


def _match(folder: Path, parts: tuple[str, ...]) -> Iterator[Path | Skipped]:
    """Entries under ``folder`` matching the pattern ``parts``. ``**`` descends into real
    folders only, never through a link, so a link to ``.`` cannot loop; as in the shell,
    ``*`` does not match hidden names."""
    head, rest = parts[0], parts[1:]
    if head == "**" and not rest:
        yield folder  # everything below it: the folder is walked
        return
    try:
        with os.scandir(folder) as scan:
            entries = sorted(scan, key=lambda e: e.name)
    except OSError as exc:
        yield _unreadable(exc)
        return
    if head == "**":
        yield from _match(folder, rest)
        for entry in entries:
            if not entry.name.startswith(".") and entry.is_dir(follow_symlinks=False):
                yield from _match(Path(entry.path), parts)
        return
    for entry in entries:
        if entry.name.startswith(".") and not head.startswith("."):
            continue
        if not fnmatch.fnmatchcase(entry.name, head):
            continue
        if not rest:
            yield Path(entry.path)
        elif entry.is_dir():
            yield from _match(Path(entry.path), rest)


def _read_file(path: Path, max_bytes: int) -> Iterator[Raw | Skipped]:
    """Dispatch on the file name (content sniffing for unknown names); never raises."""
    if is_sidecar(path):
        return
    name = path.name.lower()
    suffix = path.suffix.lower()
    try:
        if name.endswith((".warc", ".warc.gz")):
            yield from read_warc(path, max_bytes)
        elif suffix in _JSONL:
            yield from read_jsonl(path, max_bytes)
        else:
            yield from _read_whole(path, suffix, max_bytes)
    except OSError as exc:
        yield Skipped(str(path), f"cannot read file: {exc.strerror or exc}")
    except Exception as exc:  # a reader bug must not end the whole run
        yield Skipped(str(path), reason_for(exc))


def _read_whole(path: Path, suffix: str, max_bytes: int) -> Iterator[Raw | Skipped]:
    """Formats read into memory at once: text, HTML, JSON, feeds, and sniffed files."""
    reader = _WHOLE_READERS.get(suffix)
    limit = max_bytes if reader in (_read_text, _read_html) else WHOLE_FILE_LIMIT
    if reader is None:
        with path.open("rb") as handle:
            head = handle.read(4096)
        if binary_kind(head) or not looks_like_feed(head):
            raise BadInput("unsupported file type")
        reader = _read_feed
    size = path.stat().st_size
    if size > limit:
        what = "max_bytes" if limit == max_bytes else "the limit for files read whole"
        raise BadInput(f"larger than {what} ({size} > {limit} bytes)")
    data = path.read_bytes()
    kind = binary_kind(data[:8192], nul_bytes=reader in (_read_text, _read_html))
    if kind:
        raise BadInput(f"binary file ({kind})")
    yield from reader(path, data, max_bytes)


def _sidecar(path: Path, notes: list[str]) -> tuple[dict[str, str], Skipped | None]:
    """The sidecar's fields, and a note when a sidecar exists but cannot be used."""
    sidecar = sidecar_for(path)
    if sidecar is None:
        return {}, None
    try:
        return read_sidecar(sidecar, notes), None
    except BadInput as exc:
        return {}, Skipped(str(sidecar), str(exc))


def _read_text(path: Path, data: bytes, max_bytes: int) -> Iterator[Raw | Skipped]:
    notes: list[str] = []
    front, body = split_front_matter(normalise_text(decode_text(data)), notes)
    side, problem = _sidecar(path, notes)
    if problem:
        yield problem
    yield Raw(body, make_meta(front, side), str(path), notes)


def _read_html(path: Path, data: bytes, max_bytes: int) -> Iterator[Raw | Skipped]:
    notes: list[str] = []
    side, problem = _sidecar(path, notes)
    if problem:
        yield problem
    text, found = extract_page(decode_html(data), side.get("url"))
    yield Raw(text, make_meta(found, side), str(path), notes)


def _read_json(path: Path, data: bytes, max_bytes: int) -> Iterator[Raw | Skipped]:
    yield from read_json(path, data, max_bytes)


def _read_feed(path: Path, data: bytes, max_bytes: int) -> Iterator[Raw | Skipped]:
    if not looks_like_feed(data):
        raise BadInput("XML file is not an RSS/Atom feed")
    yield from read_feed(str(path), data)


_WHOLE_READERS: dict[str, Callable[[Path, bytes, int], Iterator[Raw | Skipped]]] = {
    **dict.fromkeys(_TEXT, _read_text),
    **dict.fromkeys(_HTML, _read_html),
    ".json": _read_json,
    **dict.fromkeys(_FEED, _read_feed),
}
