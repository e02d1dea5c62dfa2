"""Reading gold files (../shared/eval/SCHEMA.md): one JSON document per line.

A broken line must not cost the whole evaluation run, so each one is skipped with a
message that names the file and the line; the messages travel with the result
(``GoldSet.warnings``) for the caller to print. Nothing else is changed: offsets are
not filled in here, the scorers place items without offsets themselves, so that gold
built in memory (tests, other tools) is scored exactly like gold read from a file.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from sitrep.evaluate.align import locate

LIST_KEYS = ("entities", "timexes", "places", "events", "event_types", "quotes", "noise")


class GoldSet(list[dict[str, Any]]):
    """The documents of a gold file, plus the problems met while reading it."""

    def __init__(self, docs: list[dict[str, Any]], warnings: list[str]) -> None:
        super().__init__(docs)
        self.warnings = warnings


def _problem(doc: Any, base: Path) -> str | None:
    """Why a parsed line cannot be used, or None; fills ``text`` from ``text_file``."""
    if not isinstance(doc, dict):
        return "not a JSON object"
    if not isinstance(doc.get("id"), str) or not doc["id"]:
        return "no string 'id'"
    if not isinstance(doc.get("text"), str):
        name = doc.get("text_file")
        if not isinstance(name, str):
            return "neither 'text' nor 'text_file'"
        path = base / name
        try:
            doc["text"] = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            return f"cannot read text_file {path}: {exc}"
    for key in LIST_KEYS:
        if key in doc and not isinstance(doc[key], list):
            return f"'{key}' is not a list"
    if "story" in doc and doc["story"] is not None and not isinstance(doc["story"], str):
        return "'story' is not a string"
    return None


def load_gold(path: str | Path) -> GoldSet:
    """Read a gold JSONL file; ``text_file`` is resolved relative to the gold file.

    Blank lines are ignored; unreadable lines and repeated ids are skipped with a
    warning naming ``file:line``.
    """
    path = Path(path)
    docs: list[dict[str, Any]] = []
    warnings: list[str] = []
    seen: set[str] = set()
    with path.open(encoding="utf-8") as fh:
        for lineno, line in enumerate(fh, start=1):
            if not line.strip():
                continue
            where = f"{path}:{lineno}"
            try:
                doc = json.loads(line)
            except json.JSONDecodeError as exc:
                warnings.append(f"{where}: skipped, invalid JSON ({exc.msg} at column {exc.colno})")
                continue
            problem = _problem(doc, path.parent)
            if problem is None and doc["id"] in seen:
                problem = f"repeated id {doc['id']!r}"
            if problem is not None:
                warnings.append(f"{where}: skipped, {problem}")
                continue
            seen.add(doc["id"])
            docs.append(doc)
    return GoldSet(docs, warnings)


def place_spans(doc: dict[str, Any]) -> list[tuple[int, int] | None]:
    """The spans of a gold document's places as the gold-span protocol hands them to a
    resolver: their offsets, or where a place has none, its located mention (the same
    placement the scorer uses); None for a mention that is not in the text."""
    return locate(doc.get("text") or "", doc.get("places") or [], "mention")
