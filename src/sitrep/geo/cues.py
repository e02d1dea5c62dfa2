"""Cue words around a toponym that say what kind of place it names.

"the governorate of Aleppo" is the division, "Aleppo city" the town, "Laurel County" the
county. The word lists are per-language data (sitrep/data/geo_cues.json); this module
only matches them on normalised text next to a span.
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

from sitrep.geo.names import norm

_DATA = Path(__file__).resolve().parent.parent / "data" / "geo_cues.json"


@lru_cache(maxsize=16)
def cue_lists(language: str) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """(before, after) lists of (normalised cue, kind), longest cue first; English cues are
    always included because names in other languages' news often keep them."""
    data = json.loads(_DATA.read_text(encoding="utf-8"))
    before: list[tuple[str, str]] = []
    after: list[tuple[str, str]] = []
    for lang in dict.fromkeys((language, "en")):
        entry = data.get(lang, {})
        for kind, words in entry.get("before", {}).items():
            before += [(norm(w), kind) for w in words]
        for kind, words in entry.get("after", {}).items():
            after += [(norm(w), kind) for w in words]
    before.sort(key=lambda x: -len(x[0]))
    after.sort(key=lambda x: -len(x[0]))
    return before, after


def context_cue(text: str, start: int, end: int, language: str) -> str | None:
    """Kind named by a cue right before or right after the span, if any."""
    before, after = cue_lists(language)
    tail = norm(text[end:end + 40])
    if text[end:end + 1] not in (",", ";", ".", ")"):
        for cue, kind in after:
            if tail == cue or tail.startswith(cue + " "):
                return kind
    head = norm(text[max(0, start - 40):start])
    for cue, kind in before:
        if head == cue or head.endswith(" " + cue):
            return kind
    return None


def strip_cue(surface: str, language: str) -> tuple[str, str] | None:
    """Split a span that carries its own cue ("Latakia province", "governorate of Aleppo",
    "Damascus international airport") into (core name, kind)."""
    before, after = cue_lists(language)
    key = norm(surface)
    words = surface.split()
    for cue, kind in after:
        if key.endswith(" " + cue):
            n = len(cue.split())
            if len(words) > n:
                return " ".join(words[:-n]), kind
    for cue, kind in before:
        if key.startswith(cue + " "):
            n = len(cue.split())
            if len(words) > n:
                return " ".join(words[n:]), kind
    return None
