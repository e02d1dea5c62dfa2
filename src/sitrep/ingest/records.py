"""JSON Lines and JSON files of article objects (scraper and API exports).

JSON Lines are streamed so that a multi-gigabyte export never sits in memory, and a
broken line costs that line only. A JSON array is read element by element when it does
not parse as a whole, so that one broken, too deeply nested or 5,000-digit element
costs that element only.
"""

from __future__ import annotations

import codecs
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from sitrep.ingest.base import BadInput, Raw, Skipped, binary_kind, decode_text, reason_for
from sitrep.ingest.html import fragment_to_text, looks_like_html
from sitrep.ingest.meta import bounded_int, make_meta, meta_fields

TEXT_KEYS = ("text", "content", "body")
_DECODER = json.JSONDecoder(parse_int=bounded_int)
_UNDECODED = re.compile("[\udc80-\udcff]")  # bytes that were not UTF-8, kept by surrogateescape


def record_to_raw(obj: Any, source: str) -> Raw | Skipped:
    """One article object: text from ``text``/``content``/``body``, metadata from the rest.

    A nested ``meta`` object (the sitrep gold format) is read too; top-level keys win.
    Never raises: whatever goes wrong with this object skips this object.
    """
    try:
        return _record_to_raw(obj, source)
    except Exception as exc:  # a library or reader bug on one record costs that record
        return Skipped(source, reason_for(exc))


def _record_to_raw(obj: Any, source: str) -> Raw | Skipped:
    if not isinstance(obj, dict):
        return Skipped(source, "not a JSON object")
    text = next((obj[k] for k in TEXT_KEYS if isinstance(obj.get(k), str)), None)
    if text is None:
        return Skipped(source, "no text field (text, content or body)")
    if looks_like_html(text):
        text = fragment_to_text(text)
    notes: list[str] = []
    nested = obj.get("meta")
    layers = [meta_fields(nested, notes)] if isinstance(nested, dict) else []
    layers.append(meta_fields(obj, notes))
    return Raw(text, make_meta(*layers), source, notes)


def read_jsonl(path: Path, max_bytes: int) -> Iterator[Raw | Skipped]:
    with path.open("rb") as handle:
        head = handle.read(8192)
        kind = binary_kind(head, nul_bytes=False)
        if kind:
            yield Skipped(str(path), f"binary file ({kind})")
            return
        handle.seek(0)
        yield from _lines(handle, str(path), max_bytes)


GIVE_UP_LINES = 20  # a file whose first lines are all undecodable is no JSON Lines file


def _lines(lines: Any, name: str, max_bytes: int) -> Iterator[Raw | Skipped]:
    """Each line's record, or a Skipped for that line. A file whose first
    ``GIVE_UP_LINES`` lines are all undecodable is given up as a whole, so that a
    mislabelled binary file gives one note, not one per line."""
    undecodable = 0
    for lineno, raw in enumerate(lines, 1):
        source = f"{name}:{lineno}"
        if lineno == 1:
            raw = raw.removeprefix(codecs.BOM_UTF8)
        if not raw.strip():
            continue
        if len(raw) > max_bytes:
            yield Skipped(source, f"larger than max_bytes ({len(raw)} > {max_bytes} bytes)")
            continue
        try:
            obj = _DECODER.decode(raw.decode("utf-8"))
        except UnicodeDecodeError:
            undecodable += 1
            if undecodable == lineno == GIVE_UP_LINES:
                yield Skipped(name, f"not a JSON Lines file: its first {GIVE_UP_LINES} lines are not UTF-8 text")
                return
            yield Skipped(source, "not valid UTF-8 text")
            continue
        except json.JSONDecodeError as exc:
            yield Skipped(source, f"broken JSON: {exc.msg} (column {exc.colno})")
            continue
        except Exception as exc:  # RecursionError on deep nesting, and the like
            yield Skipped(source, f"broken JSON: {reason_for(exc)}")
            continue
        yield record_to_raw(obj, source)


def read_json(path: Path, data: bytes, max_bytes: int) -> Iterator[Raw | Skipped]:
    """A .json file: one article object, an array of them, or (mislabelled) JSON Lines.

    An array with bytes that are not UTF-8 is read element by element, and only the
    elements holding them are skipped.
    """
    try:
        text = decode_text(data)
    except BadInput:
        if not data.lstrip().startswith(b"["):
            raise
        yield from _array_elements(data.decode("utf-8", "surrogateescape"), str(path))
        return
    try:
        obj = _DECODER.decode(text)
    except (json.JSONDecodeError, RecursionError) as exc:
        if text.lstrip().startswith("["):
            yield from _array_elements(text, str(path))
        elif isinstance(exc, json.JSONDecodeError) and exc.msg == "Extra data":  # JSON Lines, mislabelled
            yield from _lines(data.splitlines(keepends=True), str(path), max_bytes)
        elif isinstance(exc, json.JSONDecodeError):
            raise BadInput(f"broken JSON: {exc.msg} (line {exc.lineno}, column {exc.colno})") from None
        else:
            raise BadInput("broken JSON: nested too deeply") from None
        return
    if isinstance(obj, list):
        for index, item in enumerate(obj):
            yield record_to_raw(item, f"{path}[{index}]")
    else:
        yield record_to_raw(obj, str(path))


def _array_elements(text: str, name: str) -> Iterator[Raw | Skipped]:
    """The elements of a JSON array that does not parse as a whole, each on its own.

    An element that fails is skipped up to where the next one begins (see
    :func:`_element_end`), and reading goes on from there; a closing bracket with more
    elements after it is a stray one, passed over.
    """
    position = text.index("[") + 1
    index = 0
    while True:
        position = _skip_space(text, position)
        if position < len(text) and text[position] == "]":
            position = _skip_space(text, position + 1)  # the end, or a stray bracket to pass over
            if position < len(text) and text[position] == ",":
                position += 1
            continue
        if position >= len(text):
            return
        source = f"{name}[{index}]"
        try:
            obj, end = _DECODER.raw_decode(text, position)
            if _UNDECODED.search(text, position, end):
                raise BadInput("not valid UTF-8 text")
        except BadInput as exc:
            yield Skipped(source, str(exc))
            position = _element_end(text, position)
        except json.JSONDecodeError as exc:
            yield Skipped(source, f"broken JSON: {exc.msg} (line {exc.lineno}, column {exc.colno})")
            position = _element_end(text, position)
        except Exception as exc:  # RecursionError on deep nesting, and the like
            yield Skipped(source, f"broken JSON: {reason_for(exc)}")
            position = _element_end(text, position)
        else:
            yield record_to_raw(obj, source)
            position = _skip_space(text, end)
            if position < len(text) and text[position] not in ",]":
                position = _element_end(text, position)  # garbage after an element
        position = _skip_space(text, position)
        if position < len(text) and text[position] == ",":
            position += 1
        index += 1


def _skip_space(text: str, position: int) -> int:
    while position < len(text) and text[position] in " \t\r\n":
        position += 1
    return position


def _element_end(text: str, position: int) -> int:
    """Where the array element starting at ``position`` ends: the first comma or closing
    square bracket outside strings and the element's own brackets, or a line break
    followed by ``{`` (an element of a pretty-printed array whose predecessor never
    closed). A line break also ends a string: JSON strings hold none, so an unclosed one
    costs its own element only. One pass, no recursion."""
    depth = 0
    in_string = False
    i = position
    while i < len(text):
        ch = text[i]
        if in_string:
            if ch == "\\":
                i += 2
                continue
            in_string = ch not in '"\n'
            if ch != "\n":  # a line break that ended a string still counts below
                i += 1
                continue
        if ch == '"':
            in_string = True
        elif ch in "[{":
            depth += 1
        elif ch in "]}" and depth > 0:
            depth -= 1
        elif ch in ",]" and depth == 0:
            return i
        elif ch == "\n":
            after = _skip_space(text, i + 1)
            if text[after : after + 1] == "{":
                return i
        i += 1
    return len(text)
