"""The dateline that opens a news article ("KYIV, Dec 8 (Reuters) -", "JAKARTA, KOMPAS.com -",
"MOSCOW (AP)_"): where the reporter filed from, and the agency that filed it.

Shared by the entity stage (the place is a place even where the tagger misses a word in
capitals; the agency in parentheses is an outlet, never a town) and the event stage (the
place is where undated, unplaced acts are inferred to be; the words are not parsed with
the sentence they open).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# a place at the head of a line, then a date, an agency or both, then a dash (an
# underscore in older wire copy)
PATTERN = re.compile(
    r"^[ \t]*(?P<place>[^\W\d_][^\n,(\u2013\u2014]{0,40}?)\s*(?:,[^\n\u2013\u2014]{0,40}?)?"
    r"\s*(?:\([^)\n]{1,40}\))?\s*(?:-|\u2013|\u2014|--|_)\s",
    re.MULTILINE,
)
REACH = 400  # a dateline opens the article or the paragraph after its title
_AGENCY = re.compile(r"\(([^)\n]{1,40})\)")


@dataclass(frozen=True)
class Dateline:
    start: int
    end: int
    place: tuple[int, int]  # the place's words
    agency: tuple[int, int] | None  # the words in parentheses, if any


def find(text: str) -> Dateline | None:
    """The article's dateline, if one of its first lines opens with one."""
    match = PATTERN.search(text, 0, REACH)
    if match is None:
        return None
    agency = _AGENCY.search(text, match.start(), match.end())
    return Dateline(match.start(), match.end(), match.span("place"), agency.span(1) if agency else None)


def words_start(text: str, start: int, end: int) -> int:
    """Where the words of a sentence begin for the parser: after a dateline that opens it
    ("KIEV, 4 may (EFE) - Los presidentes ...", "MOSCOW (AP)_ ..."), which a parser would
    take for the subject. Only a dateline in capitals or naming its agency in parentheses:
    "Hamas - the group said" keeps its first word."""
    if start > REACH:
        return start
    found = find(text)
    if found is None or not (start <= found.start and found.end < end):
        return start
    place = text[found.place[0]:found.place[1]]
    return found.end if place.isupper() or found.agency is not None else start
