"""Casualty counts: how many people an event killed, injured, arrested or displaced.

"at least 34 people were killed", "killing six civilians", "34 orang tewas", «погибли 34
человека», "34 kişi hayatını kaybetti": a number (digits or a number word of the
language) within a few words of a casualty word (``casualties`` in ``events.yaml``, by
kind), before or after it, with an optional qualifier right before the number
(``qualifiers``: at least, about, up to, more than ...). Numbers inside a time expression
("killed in 2014") are never counts. Each count keeps its words as evidence.
"""

from __future__ import annotations

import re

from sitrep.analyse.events.lexicon import EventLexicon
from sitrep.model import Casualty, Timex

_DIGITS = r"\d{1,3}(?:[,.\u00a0\u202f ]\d{3})+(?!\d)|\d+"
_GAP_BEFORE = 4  # words between a number and a casualty word after it ("34 people were killed")
_GAP_AFTER = 3  # words between a casualty word and a number after it ("killing at least six")
_WORD = re.compile(r"[^\W_][\w'’-]*|\d[\d,.]*(?:['’]\w+)?")
_SUFFIX = re.compile(r"['’]\w+$")
_PUNCTUATION = re.compile(r"[,.;:()\u2013\u2014]")


def _number(token: str, words: dict[str, int]) -> int | None:
    token = _SUFFIX.sub("", token)  # "34'e", "34’ü": a case ending written after the number
    if token[:1].isdigit():
        digits = re.sub(r"[,.\u00a0\u202f ]", "", token)
        return int(digits) if digits.isdigit() and len(digits) <= 7 else None
    return words.get(token.casefold())


def find_casualties(text: str, start: int, end: int, lexicon: EventLexicon, timexes: list[Timex]) -> list[Casualty]:
    """Casualty counts in text[start:end], in text order, one per number."""
    return [casualty for casualty, _ in counted(text, start, end, lexicon, timexes)]


def counted(text: str, start: int, end: int, lexicon: EventLexicon,
            timexes: list[Timex]) -> list[tuple[Casualty, int]]:
    """Casualty counts with where their number ends: the noun right after it is the one
    counted ("killed 17 people", "34 orang tewas", "مقتل 17 شخصا"), a victim."""
    if not lexicon.casualties:
        return []
    words = list(_WORD.finditer(text, start, end))
    out: list[tuple[Casualty, int]] = []
    used: set[int] = set()
    for kind, pattern in lexicon.casualties.items():
        for cue in pattern.finditer(text, start, end):
            found = _count_near(text, cue, words, lexicon, timexes, used)
            if found is None:
                continue
            index, value, q_start, qualifier = found
            used.add(index)
            s = min(q_start, cue.start())
            e = max(words[index].end(), cue.end())
            out.append((Casualty(start=s, end=e, text=text[s:e], kind=kind, count=value, qualifier=qualifier),
                        words[index].end()))
    out.sort(key=lambda c: c[0].start)
    return out


def _count_near(text, cue, words, lexicon, timexes, used):
    """(word index, count, evidence start, qualifier) of the number that goes with a cue:
    the nearest before it within a few words, else the nearest after it."""
    before = [i for i, w in enumerate(words) if w.end() <= cue.start()][-_GAP_BEFORE - 1:]
    after = [i for i, w in enumerate(words) if w.start() >= cue.end()][:_GAP_AFTER + 1]
    # "A truck bomb killed 11 people": a number that follows the cue in the same phrase
    # is its object; the article before ("a" is one in many languages) is not a count
    order = list(reversed(before)) + after
    following = next((i for i in after if _number(words[i].group(), lexicon.numbers) is not None), None)
    if following is not None and _object_of(text, cue, words[following], lexicon):
        order = after + list(reversed(before))
    for i in order:
        if i in used or _in_timex(words[i].start(), timexes):
            continue
        value = _number(words[i].group(), lexicon.numbers)
        if value is None:
            continue
        q_start, qualifier = _qualifier(text, words[i], lexicon)
        return i, value, q_start, qualifier
    return None


def _object_of(text: str, cue: re.Match, number: re.Match, lexicon: EventLexicon) -> bool:
    """Whether a number right after a casualty word, or after a qualifier ("killed at least
    11"), is what the word counts."""
    between = text[cue.end():number.start()]
    if not between.strip():
        return True
    if _PUNCTUATION.search(between):
        return False
    q_start, qualifier = _qualifier(text, number, lexicon)
    return qualifier is not None and not text[cue.end():q_start].strip()


def _qualifier(text: str, number: re.Match, lexicon: EventLexicon) -> tuple[int, str | None]:
    """The qualifier right before a number ("at least 34"), or right after it where the
    language puts it there ("30'dan fazla")."""
    number_start, number_end = number.start(), number.end()
    window_start = max(0, number_start - 30)
    for name, pattern in lexicon.qualifiers.items():
        for match in pattern.finditer(text, window_start, number_start):
            if not text[match.end():number_start].strip():
                return match.start(), name
    for name, pattern in lexicon.qualifiers.items():
        match = pattern.match(text, number_end + 1, number_end + 20) if text[number_end:number_end + 1] == " " else None
        if match is not None:
            return number_start, name
    return number_start, None


def _in_timex(position: int, timexes: list[Timex]) -> bool:
    return any(t.start <= position < t.end for t in timexes)
