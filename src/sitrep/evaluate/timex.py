"""Time expressions scored as in TempEval-3.

Strict: the spans are identical. Relaxed: the spans overlap. Value: a relaxed match
whose value equals the gold value, counted over all system and all gold expressions
(which equals the official scorer's value accuracy over relaxed matches times the
relaxed F1). Each matching is one-to-one; the relaxed matching prefers, among the
pairings with the most matches, those whose values agree, then the larger overlap.
"""

from __future__ import annotations

from typing import Any

from sitrep.evaluate.align import Span, Tally, locate, match, overlaps


def _value(item: dict[str, Any]) -> str:
    return str(item.get("value") or "").strip().upper()


def timex_counts(
    text: str, gold: list[dict[str, Any]], system: list[dict[str, Any]]
) -> tuple[Tally, Tally, Tally, list[str]]:
    """Strict, relaxed and value tallies for one document, and gold items not found."""
    g_spans = locate(text, gold, "text")
    s_spans = locate(text, system, "text")
    missing = [str(g.get("text")) for g, sp in zip(gold, g_spans, strict=True) if sp is None]

    def strict_w(s: int, g: int) -> float:
        return 1.0 if s_spans[s] is not None and s_spans[s] == g_spans[g] else 0.0

    def relaxed_w(s: int, g: int) -> float:
        a: Span | None = s_spans[s]
        b: Span | None = g_spans[g]
        if a is None or b is None or not overlaps(a, b):
            return 0.0
        shared = min(a[1], b[1]) - max(a[0], b[0])
        closeness = shared / max(a[1] - a[0], b[1] - b[0], 1)
        return 0.5 + 0.25 * (_value(system[s]) == _value(gold[g])) + 0.25 * closeness

    n_s, n_g = len(system), len(gold)
    strict = match(n_s, n_g, strict_w)
    relaxed = match(n_s, n_g, relaxed_w)
    valued = sum(1 for s, g in relaxed if _value(system[s]) == _value(gold[g]) != "")
    return (
        Tally(len(strict), n_s, n_g),
        Tally(len(relaxed), n_s, n_g),
        Tally(valued, n_s, n_g),
        missing,
    )
