"""JSON Lines and JSON files of article objects (scraper and API exports).

JSON Lines are streamed so that a multi-gigabyte export never sits in memory, and a
broken line costs that line only.
"""

from __future__ import annotations

import codecs
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from sitrep.ingest.base import BadInput, Raw, Skipped, binary_kind, decode_text
from sitrep.ingest.html import fragment_to_text, looks_like_html
from sitrep.ingest.meta import make_meta, meta_fields

TEXT_KEYS = ("text", "content", "body")


def record_to_raw(obj: Any, source: str) -> Raw | Skipped:
    """One article object: text from ``text``/``content``/``body``, metadata from the rest.

    A nested ``meta`` object (the sitrep gold format) is read too; top-level keys win.
    """
    if not isinstance(obj, dict):
        return Skipped(source, "not a JSON object")
    text = next((obj[k] for k in TEXT_KEYS if isinstance(obj.get(k), str)), None)
    if text is None:
        return Skipped(source, "no text field (text, content or body)")
    if looks_like_html(text):
        text = fragment_to_text(text)
    nested = obj.get("meta")
    layers = [meta_fields(nested)] if isinstance(nested, dict) else []
    layers.append(meta_fields(obj))
    return Raw(text, make_meta(*layers), source)


def read_jsonl(path: Path, max_bytes: int) -> Iterator[Raw | Skipped]:
    with path.open("rb") as handle:
        head = handle.read(8192)
        kind = binary_kind(head)
        if kind:
            yield Skipped(str(path), f"binary file ({kind})")
            return
        handle.seek(0)
        yield from _lines(handle, str(path), max_bytes)


def _lines(lines: Any, name: str, max_bytes: int) -> Iterator[Raw | Skipped]:
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
            obj = json.loads(raw.decode("utf-8"))
        except UnicodeDecodeError:
            yield Skipped(source, "not valid UTF-8 text")
            continue
        except json.JSONDecodeError as exc:
            yield Skipped(source, f"broken JSON: {exc.msg} (column {exc.colno})")
            continue
        yield record_to_raw(obj, source)


def read_json(path: Path, data: bytes, max_bytes: int) -> Iterator[Raw | Skipped]:
    """A .json file: one article object, an array of them, or (mislabelled) JSON Lines."""
    text = decode_text(data)
    try:
        obj = json.loads(text)
    except json.JSONDecodeError as exc:
        if exc.msg == "Extra data":  # several objects, one per line: JSON Lines
            yield from _lines(data.splitlines(keepends=True), str(path), max_bytes)
            return
        raise BadInput(f"broken JSON: {exc.msg} (line {exc.lineno}, column {exc.colno})") from None
    if isinstance(obj, list):
        for index, item in enumerate(obj):
            yield record_to_raw(item, f"{path}[{index}]")
    else:
        yield record_to_raw(obj, str(path))
