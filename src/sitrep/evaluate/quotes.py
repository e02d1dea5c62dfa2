"""Quotes: who said it, and does the system's content overlap the gold evidence.

The speaker matches when the system speaker entity is linked to the gold speaker; for an
unnamed gold source (``speaker`` null) the system speaker must be null too and its
``speaker_label`` equal to the gold label or contain it or be contained in it
(normalised). The content overlaps when the located spans share a character, or, where
a span is missing, when one normalised evidence contains the other. One-to-one
matching; optional gold quotes are handled as optional events are.
"""

from __future__ import annotations

from typing import Any

from sitrep.evaluate.align import Tally, locate, match, norm, overlaps
from sitrep.evaluate.entities import Link


def _speaker_agrees(s: dict[str, Any], g: dict[str, Any], link: Link) -> bool:
    if g.get("speaker") is not None:
        return s.get("speaker") is not None and g["speaker"] in link.get(str(s["speaker"]), set())
    if s.get("speaker") is not None:
        return False
    a, b = norm(s.get("speaker_label")), norm(g.get("speaker_label"))
    return bool(a and b) and (a in b or b in a)


def quote_counts(
    text: str, gold: list[dict[str, Any]], system: list[dict[str, Any]], link: Link
) -> Tally:
    """Speaker-and-content tally for one document."""
    g_spans = locate(text, gold, "evidence")
    s_spans = locate(text, system, "evidence")

    def content(s: int, g: int) -> bool:
        a, b = s_spans[s], g_spans[g]
        if a is not None and b is not None:
            return overlaps(a, b)
        x, y = norm(system[s].get("evidence")), norm(gold[g].get("evidence"))
        return bool(x and y) and (x in y or y in x)

    def weight(s: int, g: int) -> float:
        if not (_speaker_agrees(system[s], gold[g], link) and content(s, g)):
            return 0.0
        return 0.5 if gold[g].get("optional") else 1.0

    pairs = match(len(system), len(gold), weight)
    on_optional = sum(1 for _, g in pairs if gold[g].get("optional"))
    n_required = sum(1 for g in gold if not g.get("optional"))
    return Tally(len(pairs) - on_optional, len(system) - on_optional, n_required)
