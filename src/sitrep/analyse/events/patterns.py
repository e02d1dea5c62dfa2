"""The lexicon pattern mini-language, and small text helpers shared by events and quotes.

Lexicon authors write patterns, not regular expressions: a space matches any run of
whitespace, ``*`` after a word matches any word ending (``attack*`` = attacks, attacked
...), everything else is a Python regular expression; each entry is wrapped in word
boundaries and the language's optional ``prefix``/``suffix`` (clitics such as Arabic
و/ال, Indonesian -nya).
"""

from __future__ import annotations

import bisect
import re
from re import _constants as _sre_c  # the parsed form of a regex, to guard its branches
from re import _parser as _sre
from typing import Any

from sitrep.model import NoiseSpan, Sentence

NEVER = re.compile(r"(?!x)x")
_FALLBACK_SENTENCE = re.compile(r"[^\n.!?]*(?:[.!?]+[\"'”’»)]*|\n|$)")


def expand(pattern: str, letters: dict[str, str] | None = None) -> str:
    """Turn a lexicon pattern into a regex (see the module docstring)."""
    # "attack*" -> attack\w*; a regex class already starred ("\w*", "\d*") stays as it is.
    # Done before the letter classes, so that a star after a letter with spelling variants
    # (Arabic ا/أ/إ) still reads as a word ending.
    pattern = re.sub(r"(?<=\w)(?<!\\[a-zA-Z])\*", r"\\w*", pattern)
    if letters:
        pattern = "".join(letters.get(ch, ch) for ch in pattern)
    # "air ?strikes?": an optional space (airstrike, air strike); any other space is one or more
    return pattern.replace(" ?", r"\s*").replace(" ", r"\s+")


def alternation(patterns: list[str], letters: dict[str, str] | None = None) -> str:
    """One regex alternative for a list of lexicon patterns, longest first."""
    ordered = sorted(patterns, key=len, reverse=True)
    return "|".join(f"(?:{expand(p, letters)})" for p in ordered)


def word_regex(patterns: list[str], config: dict[str, Any], affixes: bool = True) -> re.Pattern:
    """Compile lexicon patterns into one case-insensitive whole-word regex."""
    if not patterns:
        return NEVER
    prefix = config.get("prefix", "") if affixes else ""
    suffix = config.get("suffix", "") if affixes else ""
    body = alternation(patterns, config.get("letters"))
    return re.compile(rf"(?<!\w){prefix}(?:{body}){suffix}(?!\w)", re.IGNORECASE)


def first_letters(pattern: str, flags: int = 0) -> frozenset[str] | None:
    """The characters a match of the regex can begin with, or None when that is not a
    short known set (a class such as ``\\w``, an empty match, an unparsable pattern).

    Python's regex engine tries every branch of an alternation at every position; a
    lookahead on these characters in front of a branch lets it skip the branch at one
    character's cost (the trigger regex of a language has ~90 branches of ~20 words each)."""
    try:
        parsed = _sre.parse(pattern, flags)
    except Exception:  # noqa: BLE001 - an unparsable pattern simply gets no guard
        return None
    letters, nullable = _first_of_sequence(parsed.data)
    return None if letters is None or nullable else frozenset(letters)


def guarded(pattern: str, flags: int = 0) -> str:
    """The regex preceded by a lookahead on its possible first characters (same matches)."""
    letters = first_letters(pattern, flags)
    if not letters:
        return f"(?:{pattern})"
    return "(?=[" + "".join(re.escape(c) for c in sorted(letters)) + f"])(?:{pattern})"


def _first_of_sequence(items: list) -> tuple[set[str] | None, bool]:
    """(possible first characters or None for unknown, whether the sequence can match empty)."""
    letters: set[str] = set()
    for op, av in items:
        got, nullable = _first_of_item(op, av)
        if got is None:
            return None, False
        letters |= got
        if not nullable:
            return letters, False
    return letters, True


def _first_of_item(op: Any, av: Any) -> tuple[set[str] | None, bool]:
    if op is _sre_c.LITERAL:
        return {chr(av)}, False
    if op is _sre_c.IN:
        letters = set()
        for item_op, item_av in av:
            if item_op is _sre_c.LITERAL:
                letters.add(chr(item_av))
            elif item_op is _sre_c.RANGE and item_av[1] - item_av[0] < 256:
                letters |= {chr(c) for c in range(item_av[0], item_av[1] + 1)}
            else:  # a category (\w, \d), a negated class: anything
                return None, False
        return letters, False
    if op is _sre_c.BRANCH:
        letters, nullable = set(), False
        for branch in av[1]:
            got, empty = _first_of_sequence(branch.data)
            if got is None:
                return None, False
            letters |= got
            nullable = nullable or empty
        return letters, nullable
    if op is _sre_c.SUBPATTERN:
        return _first_of_sequence(av[-1].data)
    if op in (_sre_c.MAX_REPEAT, _sre_c.MIN_REPEAT):
        got, empty = _first_of_sequence(av[2].data)
        return got, got is not None and (empty or av[0] == 0)
    if op in (_sre_c.AT, _sre_c.ASSERT, _sre_c.ASSERT_NOT):  # zero-width
        return set(), True
    return None, False


class MatchIndex:
    """Every match of one pattern in a text, found in one forward pass, so that "the last
    match before position p" is a binary search instead of a rescan of the text."""

    def __init__(self, pattern: re.Pattern, text: str, start: int = 0, end: int | None = None) -> None:
        self.matches = list(pattern.finditer(text, start, len(text) if end is None else end))
        self.ends = [m.end() for m in self.matches]

    def last_before(self, start: int, end: int) -> re.Match | None:
        """The last match lying wholly inside [start, end)."""
        i = bisect.bisect_right(self.ends, end) - 1
        if i >= 0 and self.matches[i].start() >= start:
            return self.matches[i]
        return None


def last_match(pattern: re.Pattern, text: str, start: int, end: int) -> re.Match | None:
    """The last match of a pattern in text[start:end] (regexes only search forwards).

    Callers that ask this many times over one text should build a :class:`MatchIndex`."""
    found = None
    for found in pattern.finditer(text, start, end):  # noqa: B007 - we want the last one
        pass
    return found


def sentence_spans(text: str, sentences: list[Sentence]) -> list[Sentence]:
    """The given sentences, or a plain punctuation split when the caller has none."""
    if sentences:
        return sentences
    return [
        Sentence(start=m.start(), end=m.end())
        for m in _FALLBACK_SENTENCE.finditer(text)
        if m.group().strip()
    ]


def in_noise(start: int, end: int, noise: list[NoiseSpan]) -> bool:
    """Whether [start, end) overlaps text that is not article content."""
    return any(start < n.end and n.start < end for n in noise)
