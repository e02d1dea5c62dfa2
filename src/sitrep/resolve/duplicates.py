"""Near-duplicates, wire copies and translations: articles that are one text.

A wire story reaches a desk through many outlets, lightly edited; a translation carries
the same names, numbers and dates in another language. Each counts as one source.

* Near-duplicates: MinHash signatures (datasketch) of word 4-gram shingles, cut into
  bands (locality-sensitive hashing); the bands are stored as lookup keys of the
  article, so a new article meets only the earlier ones that share a band, never the
  whole store. Two articles sharing enough bands (an estimated Jaccard similarity of at
  least ``DUPLICATE``) are copies; the later one points at the earliest.
* Translations: an article in another language, published within two days, of a similar
  length, that shares most of its distinctive names, numbers and dates (entity ids,
  numbers of two or more digits, day-level dates) with nothing much of its own is a
  translation of the earlier one.
"""

from __future__ import annotations

import re
import struct
from collections.abc import Iterable

from datasketch import MinHash

PERMUTATIONS = 64
BANDS, ROWS = 16, 4  # 16 bands of 4 rows: a pair at Jaccard 0.8 shares a band with P > 0.999
DUPLICATE = 0.7
TRANSLATION = 0.6  # share of the distinctive keys the two hold in common, of the larger set
MIN_TRANSLATION_KEYS = 5
LENGTH_RATIO = 0.5  # a translation is between half and twice as long as its original
_WORD = re.compile(r"\w+", re.UNICODE)


def shingles(text: str, size: int = 4) -> set[bytes]:
    words = _WORD.findall(text.casefold())
    if len(words) < size:
        return {" ".join(words).encode("utf-8")} if words else set()
    return {" ".join(words[i:i + size]).encode("utf-8") for i in range(len(words) - size + 1)}


def bands(text: str) -> list[str]:
    """The LSH band keys of a text's MinHash signature ("b3:1f2e...")."""
    grams = shingles(text)
    if not grams:
        return []
    signature = MinHash(num_perm=PERMUTATIONS, seed=7)
    signature.update_batch(list(grams))
    values = signature.hashvalues
    out = []
    for band in range(BANDS):
        chunk = values[band * ROWS:(band + 1) * ROWS]
        out.append(f"b{band}:{struct.pack(f'<{ROWS}Q', *map(int, chunk)).hex()[:24]}")
    return out


def similarity(shared_bands: int) -> float:
    """Jaccard similarity estimated from the share of bands two signatures have in common
    (a band matches with probability s**ROWS)."""
    return (shared_bands / BANDS) ** (1 / ROWS) if shared_bands else 0.0


def translation_score(mine: set[str], theirs: set[str], their_total: int | None = None) -> float:
    """The share of the distinctive keys of the larger set that both hold: a translation
    keeps nearly every name, number and date of its original and adds none, while two
    reports of one event share the main names but each has details of its own.
    ``theirs`` may be only the keys both hold when ``their_total`` says how many the
    other article has."""
    total = len(theirs) if their_total is None else max(their_total, len(theirs))
    if min(len(mine), total) < MIN_TRANSLATION_KEYS:
        return 0.0
    return len(mine & theirs) / max(len(mine), total)


def lengths_agree(a: int, b: int) -> bool:
    """Whether two texts are of lengths a translation pair can have."""
    return min(a, b) >= LENGTH_RATIO * max(a, b)


def number_keys(text: str) -> Iterable[str]:
    """Numbers of two or more digits, as written without separators ("1,500" -> 1500)."""
    for match in re.finditer(r"\d[\d,.]*\d|\d{2,}", text):
        digits = re.sub(r"[,.]", "", match.group())
        if len(digits) >= 2 and not (len(digits) == 4 and digits.startswith(("19", "20"))):
            yield digits
