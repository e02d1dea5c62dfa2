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
