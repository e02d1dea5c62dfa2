"""Stories: articles that report the same story, across outlets and languages, as they arrive.

Each article is described by lookup keys (:func:`profile`): the entities it names
(corpus-wide ids, so they cross languages), the places it resolves, its event types, its
distinctive numbers and its most distinctive content words (which only meet articles of
its own language). A new article meets only the earlier articles that share one of its
rarer keys within a time window (the keys are indexed in the store), scores them by an
IDF-weighted cosine of their keys, and joins the story whose closest members are close
enough (the mean of its two best similarities, so that one lucky pair does not chain
two stories together; an article in another language, which shares no words, has its
similarity raised by ``CROSS_LANGUAGE``), else starts a story of its own. A copy or a translation of an
article joins that article's story. Story ids are ``story-<first article id>``, so they
never change as articles arrive.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass

from sitrep.model import DocumentAnalysis
from sitrep.resolve.duplicates import number_keys

THRESHOLD = 0.28
CROSS_LANGUAGE = 1.5  # two articles in different languages share no words: their names weigh more
WINDOW_DAYS = 30  # articles further apart than this are never compared
FADE_DAYS = 60  # similarity fades linearly to nothing over this many days
MAX_CANDIDATES = 60
MIN_SHARED_NAMES = 4
OVERLAP_WEIGHT = 0.6
TOP_WORDS = 30
_WORD = re.compile(r"[^\W\d_]{4,}", re.UNICODE)
KINDS = ("entity", "place", "type", "number", "word", "year", "month")
WEIGHT = {"entity": 1.0, "place": 1.0, "type": 0.3, "number": 0.6, "word": 0.5, "year": 0.3, "month": 0.8}
OTHER_TIME = 0.3  # two articles that name years, none in common, tell other stories


@dataclass
class Profile:
    article_id: str
    day: int | None
    keys: set[tuple[str, str]]
    language: str = ""


def profile(analysis: DocumentAnalysis, entity_of: Mapping[tuple[str, int], str],
            day: int | None, stopwords: frozenset[str] = frozenset()) -> Profile:
    """The story keys of one article."""
    doc_id = analysis.document.id
    keys: set[tuple[str, str]] = set()
    for index in range(len(analysis.mentions)):
        entity = entity_of.get((doc_id, index))
        if entity:
            keys.add(("entity", entity))
    for place in analysis.places:
        if place.geonameid and place.kind != "country":
            keys.add(("place", str(place.geonameid)))
    for event in analysis.events:
        if event.status == "reported":
            keys.add(("type", event.type))
    keys.update(("number", n) for n in number_keys(analysis.document.text))
    for timex in analysis.timexes:
        # the years and months the text itself names: the time of an undated article
        if timex.anchor == "absolute" and re.match(r"\d{4}", timex.value or ""):
            keys.add(("year", timex.value[:4]))
            if re.match(r"\d{4}-\d{2}", timex.value):
                keys.add(("month", timex.value[:7]))
    counts = Counter(w for w in _WORD.findall(analysis.document.text.casefold()) if w not in stopwords)
    for word, _ in counts.most_common(TOP_WORDS):
        keys.add(("word", f"{analysis.language}:{word}"))
    return Profile(doc_id, day, keys, analysis.language)


def idf(df: int, total: int) -> float:
    return math.log((total + 1) / (df + 1)) + 1.0


@dataclass
class Known:
    """What the corpus stage reads of an earlier article to compare a new one with it: the
    keys the two share and how many keys it has of each kind. The new article's weights
    give every key a weight, the others count 1 (as an unseen key of the new article
    would), so this is all the similarity needs: no earlier article's whole key set is
    ever read."""

    shared: set[tuple[str, str]]
    totals: Mapping[str, int]

    def count(self, words: bool) -> int:
        return sum(n for kind, n in self.totals.items() if kind in KINDS and (kind == "word") == words)

    @property
    def other_years(self) -> bool:
        """It names years, and none that the new article names."""
        return self.totals.get("year", 0) > 0 and not any(k[0] == "year" for k in self.shared)


def similarity(a: set[tuple[str, str]], b: Known, weights: Mapping[tuple[str, str], float]) -> float:
    """The larger of the two articles' name similarity (entities, places, event types,
    numbers: what crosses languages) and their word similarity (same language only)."""
    best = max(cosine(a, b, weights, words=False), overlap(a, b, weights), cosine(a, b, weights, words=True))
    if any(k[0] == "year" for k in a) and b.other_years:
        best *= OTHER_TIME
    return best


def _weight(keys: set[tuple[str, str]], weights: Mapping[tuple[str, str], float], power: int = 1) -> float:
    return sum(weights.get(k, 1.0) ** power for k in keys)


def overlap(a: set[tuple[str, str]], b: Known, weights: Mapping[tuple[str, str], float]) -> float:
    """A short article naming a few actors, all of them in a long one, is the same story:
    the weighted overlap coefficient, damped, once they share enough names."""
    shared = {k for k in b.shared if k[0] != "word"}
    if len([k for k in shared if k[0] in ("entity", "place")]) < MIN_SHARED_NAMES:
        return 0.0
    names_a = {k for k in a if k[0] != "word"}
    theirs = _weight(shared, weights) + (b.count(words=False) - len(shared))
    smaller = min(_weight(names_a, weights), theirs)
    return OVERLAP_WEIGHT * _weight(shared, weights) / smaller if smaller else 0.0


def cosine(a: set[tuple[str, str]], b: Known, weights: Mapping[tuple[str, str], float], words: bool) -> float:
    """IDF-weighted cosine of the word keys (``words``) or of all the other keys."""
    mine = {k for k in a if (k[0] == "word") == words}
    shared = {k for k in b.shared if (k[0] == "word") == words}
    if not shared:
        return 0.0
    dot = _weight(shared, weights, 2)
    na = math.sqrt(_weight(mine, weights, 2))
    nb = math.sqrt(dot + max(0, b.count(words) - len(shared)))
    return dot / (na * nb) if na and nb else 0.0


def faded(similarity: float, day_a: int | None, day_b: int | None) -> float:
    if day_a is None or day_b is None:
        return similarity
    return similarity * max(0.0, 1.0 - abs(day_a - day_b) / FADE_DAYS)


def story_score(similarities: list[float], size: int) -> float:
    """How close an article is to a story of ``size`` members: the mean of its best
    similarities to up to two of them (members it shares no key with count as 0), so
    that one lucky pair does not chain two stories together."""
    k = max(1, min(2, size))
    return sum(sorted(similarities, reverse=True)[:k]) / k
