"""Shared building blocks of the scorers: normalising, locating, matching, counting.

Every scorer compares a gold structure with a system structure, so they all need the
same few things: a text normalisation that ignores case and punctuation (gold mentions
are typed by hand, system mentions come from tokenisers), a way to put gold items that
carry no offsets onto the text (SCHEMA.md: the first occurrence not already matched), a
one-to-one matching that finds as many pairs as possible, and precision/recall/F1 from
counts.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from scipy.optimize import linear_sum_assignment

EARTH_RADIUS_KM = 6371.0088
NEAR_KM = 161.0  # 100 miles: the usual "accuracy at 161 km" of geoparsing papers


def norm(text: str | None) -> str:
    """Case-, punctuation- and spacing-insensitive form of a surface string.

    Punctuation and spaces are dropped rather than replaced so that "U.S." equals "US"
    and "al-Assad" equals "al Assad"; the tokenised dev texts ("Sioux Falls , South
    Dakota") compare equal to their untokenised spelling too. A string made of
    punctuation only keeps its characters, so that it still equals itself.
    """
    if not text:
        return ""
    folded = unicodedata.normalize("NFKC", text).casefold()
    kept = "".join(ch for ch in folded if not _dropped(ch))
    return kept or "".join(folded.split())


def _dropped(ch: str) -> bool:
    cat = unicodedata.category(ch)
    return cat[0] in "PZC" or cat == "Sk"


Span = tuple[int, int]


def offsets(item: dict[str, Any]) -> Span | None:
    """The item's own [start, end) when it carries valid integer offsets."""
    start, end = item.get("start"), item.get("end")
    if isinstance(start, int) and isinstance(end, int) and 0 <= start <= end:
        return start, end
    return None


def overlaps(a: Span, b: Span) -> bool:
    """True when two [start, end) spans share at least one character."""
    return a[0] < b[1] and b[0] < a[1]


def _occurrences(text: str, needle: str) -> list[Span]:
    """Every occurrence of ``needle`` (exact first, else case-insensitive), word-bounded
    occurrences first so that "Iran" is not found inside "Iranian" when it also stands alone."""
    if not needle:
        return []
    found = [(m.start(), m.end()) for m in re.finditer(re.escape(needle), text)]
    if not found:
        found = [(m.start(), m.end()) for m in re.finditer(re.escape(needle), text, re.I)]

    def bounded(span: Span) -> bool:
        before = text[span[0] - 1] if span[0] > 0 else " "
        after = text[span[1]] if span[1] < len(text) else " "
        return not (before.isalnum() and needle[0].isalnum()) and not (
            after.isalnum() and needle[-1].isalnum()
        )

    return [s for s in found if bounded(s)] + [s for s in found if not bounded(s)]


def locate(text: str, items: Sequence[dict[str, Any]], field: str) -> list[Span | None]:
    """Spans of ``items`` in ``text``: their offsets, or for items without offsets the
    first occurrence of ``item[field]`` that no other item of the list already holds.

    Longer strings are placed first so that "Aleppo" does not claim the inside of an
    unplaced "governorate of Aleppo"; equal lengths keep the list order, so two gold
    "years" take the first and the second occurrence. ``None`` where nothing is found.
    """
    spans: list[Span | None] = [offsets(item) for item in items]
    taken = [s for s in spans if s is not None]
    order = sorted(
        (i for i, s in enumerate(spans) if s is None),
        key=lambda i: -len(str(items[i].get(field) or "")),
    )
    for i in order:
        for cand in _occurrences(text, str(items[i].get(field) or "")):
            if not any(overlaps(cand, t) for t in taken):
                spans[i] = cand
                taken.append(cand)
                break
    return spans


def match(
    n_sys: int,
    n_gold: int,
    weight: Callable[[int, int], float],
) -> list[tuple[int, int]]:
    """One-to-one matching of system items to gold items with the most pairs.

    ``weight(s, g)`` is 0 for incompatible pairs and in (0, 1] for compatible ones; the
    matching maximises the number of pairs first and the summed weight second, so that
    a preference (a value that also agrees, a required event over an optional one) only
    breaks ties and never costs a match.
    """
    if n_sys == 0 or n_gold == 0:
        return []
    w = np.zeros((n_sys, n_gold))
    for s in range(n_sys):
        for g in range(n_gold):
            w[s, g] = weight(s, g)
    if not w.any():
        return []
    bonus = 1.0 / (min(n_sys, n_gold) + 1)
    gain = np.where(w > 0, 1.0 + bonus * w, 0.0)
    rows, cols = linear_sum_assignment(gain, maximize=True)
    return [(int(s), int(g)) for s, g in zip(rows, cols, strict=True) if w[s, g] > 0]


def prf(tp_sys: int, n_sys: int, tp_gold: int, n_gold: int) -> tuple[float, float, float]:
    """Precision, recall, F1. With nothing to find and nothing found the score is 1
    (a file that annotates empty lists rewards a system that stays silent); a side with
    no items otherwise scores 0."""
    if n_sys == 0 and n_gold == 0:
        return 1.0, 1.0, 1.0
    p = tp_sys / n_sys if n_sys else 0.0
    r = tp_gold / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


@dataclass
class Tally:
    """Counts behind one F1: ``tp`` pairs out of ``sys`` system and ``gold`` gold items.

    ``tp_sys`` is set where precision and recall count different things (a gold entity
    found by two system entities: both are right, one gold item is found)."""

    tp: int = 0
    sys: int = 0
    gold: int = 0
    tp_sys: int | None = None

    def add(self, tp: int, sys: int, gold: int, tp_sys: int | None = None) -> None:
        self.tp += tp
        self.sys += sys
        self.gold += gold
        if tp_sys is not None:
            self.tp_sys = (self.tp_sys or 0) + tp_sys

    def f1(self) -> float:
        tp_sys = self.tp if self.tp_sys is None else self.tp_sys
        return prf(tp_sys, self.sys, self.tp, self.gold)[2]

    def counts(self) -> dict[str, int]:
        out = {"tp": self.tp, "sys": self.sys, "gold": self.gold}
        if self.tp_sys is not None:
            out["tp_sys"] = self.tp_sys
        return out


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(h)))


def _coords(item: dict[str, Any]) -> tuple[float, float] | None:
    lat, lon = item.get("lat"), item.get("lon")
    if isinstance(lat, int | float) and isinstance(lon, int | float):
        return float(lat), float(lon)
    return None


def _country(item: dict[str, Any]) -> str:
    return str(item.get("country") or "").strip().upper()


def geo_scorable(gold: dict[str, Any]) -> bool:
    """Whether a gold place says enough (a country code or coordinates) to be scored."""
    return bool(_country(gold)) if gold.get("kind") == "country" else bool(
        _coords(gold) or _country(gold)
    )


def geo_agrees(system: dict[str, Any] | None, gold: dict[str, Any]) -> bool:
    """The SCHEMA rule for places: a country by its ISO code, anything else within
    161 km; a gold place that has no coordinates falls back on its country code."""
    if not system:
        return False
    if gold.get("kind") != "country":
        g, s = _coords(gold), _coords(system)
        if g is not None:
            return s is not None and haversine_km(*s, *g) <= NEAR_KM
    return bool(_country(gold)) and _country(system) == _country(gold)
