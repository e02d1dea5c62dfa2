"""First words of a rule: which words of a text a rule can begin with.

Trying every rule at every word, or scanning the text once per rule, costs about
4 ms per article with a hundred rules; the speed target (500 articles/s) leaves 2.
So each rule's compiled pattern is read once (with the parser of the standard ``re``
package) and the set of words it can begin with is enumerated: ``{"the", "last",
"january", ...}``, with ``#`` standing for any word that starts with a digit. The
tagger then only tries, at each word of the text, the rules that can start with it.
A rule whose first word cannot be enumerated (it starts with ``\\w+`` or a
punctuation mark, or has too many spellings) is tried everywhere: slower, never wrong.
"""

from __future__ import annotations

import re

try:  # Python 3.11+: the parser lives in re._parser (sre_parse is its deprecated alias)
    from re import _constants as _c
    from re import _parser as _p
except ImportError:  # pragma: no cover - older layout
    import sre_constants as _c  # type: ignore[no-redef]
    import sre_parse as _p  # type: ignore[no-redef]

DIGIT = "#"
_DOT_ABOVE = "\u0307"  # what "İ".lower() leaves behind: Turkish "İki" must find "iki"


def fold(word: str) -> str:
    """Lower case for matching words against tables and rule heads."""
    lower = word.lower()
    return lower.replace(_DOT_ABOVE, "") if _DOT_ABOVE in lower else lower
_LIMIT = 4000


class _Unknown(Exception):
    """The first word cannot be enumerated."""


def _is_word(ch: str) -> bool:
    return ch.isalnum() or ch == "_"


def _class_chars(items: list) -> tuple[set[str], bool]:
    """Characters of an IN class, and whether it is (or includes) the digit category."""
    chars: set[str] = set()
    digits = False
    for op, av in items:
        if op is _c.LITERAL:
            chars.add(chr(av))
        elif op is _c.RANGE:
            lo, hi = av
            if hi - lo > 30:
                raise _Unknown
            chars.update(chr(i) for i in range(lo, hi + 1))
        elif op is _c.CATEGORY and av is _c.CATEGORY_DIGIT:
            digits = True
        elif op is _c.CATEGORY and av in (_c.CATEGORY_SPACE,):
            chars.add(" ")
        else:
            raise _Unknown
    return chars, digits


def _extend(states: set[tuple[str, bool]], items) -> set[tuple[str, bool]]:
    for op, av in items:
        if all(done for _, done in states):
            return states
        states = _step(states, op, av)
        if len(states) > _LIMIT:
            raise _Unknown
    return states


def _add_char(states, ch: str) -> set[tuple[str, bool]]:
    out = set()
    for prefix, done in states:
        if done:
            out.add((prefix, done))
        elif ch.isdigit() and not prefix:
            out.add((DIGIT, True))
        elif _is_word(ch):
            out.add((prefix + fold(ch), False))
        elif prefix:
            out.add((prefix, True))
        else:
            raise _Unknown  # starts with punctuation
    return out


def _step(states, op, av) -> set[tuple[str, bool]]:
    if op in (_c.ASSERT, _c.ASSERT_NOT, _c.AT):
        return states
    if op is _c.LITERAL:
        return _add_char(states, chr(av))
    if op is _c.IN:
        chars, digits = _class_chars(av)
        out: set[tuple[str, bool]] = set()
        if digits:
            out |= _add_char(states, "0")
        for ch in chars:
            out |= _add_char(states, ch)
        return out
    if op is _c.BRANCH:
        out = set()
        for branch in av[1]:
            out |= _extend(states, branch)
        return out
    if op is _c.SUBPATTERN:
        return _extend(states, av[-1])
    if op in (_c.MAX_REPEAT, _c.MIN_REPEAT, getattr(_c, "POSSESSIVE_REPEAT", None)):
        low, high, sub = av
        out = set(states) if low == 0 else set()
        once = _extend(states, sub)
        out |= once
        if high > 1 and any(not done for _, done in once):
            raise _Unknown  # a repeated word part: the word is unbounded
        return out
    raise _Unknown


def first_words(pattern: str, flags: int = 0) -> set[str] | None:
    """The lower-cased words ``pattern`` can begin with, or None when unknown."""
    try:
        states = _extend({("", False)}, _p.parse(pattern, flags))
    except (_Unknown, RecursionError):
        return None
    words = {prefix for prefix, _ in states}
    if "" in words:
        return None  # the pattern can match without a word (or empty)
    return words


WORD = re.compile(r"\w+")
