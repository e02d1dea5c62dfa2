"""Gazetteer names in raw text: capitalised n-grams looked up in the name index.

The entity stage uses this for recall (a place name a pattern or model missed), and the
resolver uses it to learn which countries and divisions a document talks about.
"""

from __future__ import annotations

import re

from sitrep.geo.build import STRONG
from sitrep.geo.gazetteer import Candidate, Gazetteer

_TOKEN = re.compile(r"(?:[^\W\d_]\.){2,}|[^\W\d_][\w'’-]*\.?")
_CONNECT = frozenset("of de del della di du des la le el al van von upon on bin da do dos das".split())
_UNCASED = frozenset({"ar", "fa", "he", "zh", "ja", "ko", "th"})
_BIG = ("country", "admin1", "continent", "region", "water", "site")
MAX_WORDS = 4


def _tokens(text: str) -> list[tuple[int, int, str]]:
    out = []
    for m in _TOKEN.finditer(text):
        tok = m.group()
        end = m.end()
        # keep the dot of abbreviations (Ky., U.S.), not a sentence's full stop
        if tok.endswith(".") and not (len(tok) <= 5 and tok[0].isupper()) and tok.count(".") < 2:
            end -= 1
            tok = tok[:-1]
        out.append((m.start(), end, tok))
    return out


def _sentence_initial(text: str, start: int) -> bool:
    head = text[max(0, start - 3):start].strip()
    return not head or head[-1] in ".!?\"“\n:"


def scan_names(gaz: Gazetteer, text: str,
               language: str) -> list[tuple[int, int, list[Candidate]]]:
    """Longest gazetteer matches of capitalised n-grams (any n-gram in uncased scripts)."""
    cased = language not in _UNCASED
    toks = _tokens(text)
    out: list[tuple[int, int, list[Candidate]]] = []
    i = 0
    while i < len(toks):
        first = toks[i][2]
        if cased and not first[0].isupper():
            i += 1
            continue
        found = None
        for n in range(min(MAX_WORDS, len(toks) - i), 0, -1):
            last = toks[i + n - 1][2]
            if cased and not last[0].isupper():
                continue
            if any(cased and not t[2][0].isupper() and t[2].casefold() not in _CONNECT
                   for t in toks[i:i + n]):
                continue
            start, end = toks[i][0], toks[i + n - 1][1]
            if "\n" in text[start:end]:
                continue
            cands = gaz.candidates(text[start:end])
            if cands:
                found = (start, end, cands, n)
                break
        if found:
            out.append(found[:3])
            i += found[3]
        else:
            i += 1
    return out


def find_toponyms(text: str, language: str,
                  gazetteer: Gazetteer | None = None) -> list[tuple[int, int, str]]:
    """(start, end, gazetteer name) of likely place names in raw text.

    A match counts when the name is a record's own name, an alias or a demonym; a single
    capitalised word at the start of a sentence must name a country, division, region or
    a town of at least 100,000 people (so that "Will", "May" or "Mobile" opening a
    sentence do not become places).
    """
    gaz = gazetteer or Gazetteer.load()
    out = []
    for start, end, cands in scan_names(gaz, text, language):
        strong = [c for c in cands if c.src in STRONG]
        if not strong:
            continue
        surface = text[start:end]
        if len(surface) <= 2 and not surface.isupper():
            continue
        if " " not in surface and _sentence_initial(text, start) and not any(
                c.record.kind in _BIG or c.record.population >= 100_000 for c in strong):
            continue
        best = max(strong, key=lambda c: (c.record.kind in _BIG, c.record.population))
        out.append((start, end, best.record.name))
    return out
