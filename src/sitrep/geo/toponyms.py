"""Gazetteer names in raw text: capitalised n-grams looked up in the name index.

The entity stage uses this for recall (a place name a pattern or model missed), and the
resolver uses it to learn which countries and divisions a document talks about.
"""

from __future__ import annotations

import re

from sitrep.geo.build import STRONG
from sitrep.geo.gazetteer import Candidate, Gazetteer
from sitrep.geo.names import norm
from sitrep.resources import is_cased

_SUFFIX = re.compile(r"['’`´ʼ]\w{0,5}$")
_TOKEN = re.compile(r"(?:[^\W\d_]\.){2,}|[^\W\d_][\w'’-]*\.?")
_CONNECT = frozenset("of de del della di du des la le el al van von upon on bin da do dos das".split())
_BIG = ("country", "admin1", "continent", "region", "water", "site")
_WORD = re.compile(r"\b[^\W\d_A-Z][\w'’-]*")  # words written in lower case
# Words that name divisions somewhere ("Western" in Ghana) but mostly are adjectives.
_GENERIC = frozenset(
    "western eastern northern southern central north south east west capital coast border "
    "upper lower middle greater new national federal international island islands "
    "centre center".split())
MAX_WORDS = 4


def _tokens(text: str) -> list[tuple[int, int, str]]:
    out = []
    for m in _TOKEN.finditer(text):
        tok = m.group()
        end = m.end()
        # keep the dot of abbreviations (U.S., "Ky., on", "Calif. police"), not a full stop
        if tok.endswith(".") and tok.count(".") < 2:
            after = text[end:end + 3].lstrip(" ")
            if not (len(tok) <= 6 and after[:1] and (after[0].islower() or after[0] in ",;0123456789")):
                end -= 1
                tok = tok[:-1]
        out.append((m.start(), end, tok))
    return out


def _sentence_initial(text: str, start: int) -> bool:
    head = text[max(0, start - 3):start].strip()
    return not head or head[-1] in ".!?\"“\n:"


def _in_longer_name(text: str, start: int, end: int) -> bool:
    """Whether a capitalised word touches the span across one space ("Minister Ali Abbas"),
    or across a connector ("National Front for Liberation")."""
    prev = re.search(r"(\S+) (?:(?:for|of|and|de|du|des|al) )?$", text[max(0, start - 30):start])
    if prev and prev.group(1)[0].isupper() and prev.group(1)[-1] not in ".,;:!?":
        return True
    nxt = re.match(r" (\S+)", text[end:end + 30])
    return bool(nxt and nxt.group(1)[0].isupper())


def scan_names(gaz: Gazetteer, text: str,
               language: str) -> list[tuple[int, int, list[Candidate]]]:
    """Longest gazetteer matches of capitalised n-grams (any n-gram in uncased scripts)."""
    cased = is_cased(language)
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
            cands = gaz.candidates_in(text[start:end], language)
            if cands:
                found = (start, end, cands, n)
                break
        if found:
            out.append(found[:3])
            i += found[3]
        else:
            i += 1
    return out


def likely_toponyms(text: str, scanned: list[tuple[int, int, list[Candidate]]]
                    ) -> list[tuple[int, int, list[Candidate]]]:
    """The scanned matches that are likely place names, with their trusted candidates.

    A match counts when the name is a record's own name, an alias or a demonym. A single
    word must not be a generic word ("Western") or written in lower case elsewhere in the
    text ("Itu", "Saat" in Indonesian); inside a longer capitalised name it must name a
    country or a city of a million people ("Ali" in "Prime Minister Ali Abbas",
    "Vladimir Putin" are no places); a town must have 5,000 people, or 100,000 when it
    opens a sentence ("Will", "Mobile").
    """
    out = []
    lowered = None
    for start, end, cands in scanned:
        strong = [c for c in cands if c.src in STRONG]
        if not strong:
            continue
        surface = text[start:end]
        if len(surface) <= 2 and not surface.isupper():
            continue
        if " " not in surface:
            if norm(surface) in _GENERIC:
                continue
            lowered = lowered if lowered is not None else set(_WORD.findall(text))
            if surface.lower() in lowered:  # "Itu", "Saat": a common word of the text
                continue
            state = any(c.record.kind in ("country", "continent") for c in strong)
            known = state or any(c.record.kind in _BIG for c in strong)
            size = max(c.record.population for c in strong)
            city = max((c.record.population for c in strong if c.record.kind == "city"),
                       default=0)
            if not state and city < 1_000_000 and _in_longer_name(text, start, end):
                continue  # "Vladimir Putin", "Front for Liberation", "Texas Rangers"
            if not known and (size < 5_000 or (size < 100_000
                                               and _sentence_initial(text, start))):
                continue
        out.append((start, end, strong))
    return out


def find_toponyms(text: str, language: str,
                  gazetteer: Gazetteer | None = None) -> list[tuple[int, int, str]]:
    """(start, end, gazetteer name) of likely place names in raw text (see likely_toponyms);
    the name is that of the biggest record the words may name."""
    gaz = gazetteer or Gazetteer.load()
    out = []
    for start, end, strong in likely_toponyms(text, scan_names(gaz, text, language)):
        best = max(strong, key=lambda c: (c.record.kind in _BIG, c.record.population))
        start, end = _trim(text, start, end)
        out.append((start, end, best.record.name))
    return out


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Span without a leading article or a possessive/case suffix: "The United States",
    "Syria's" -> "United States", "Syria"."""
    if text[start:start + 4] in ("The ", "the "):
        start += 4
    suffix = _SUFFIX.search(text, start, end)
    if suffix and suffix.start() - start >= 2:
        end = suffix.start()
    return start, end
