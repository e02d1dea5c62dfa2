"""Country-qualified actor codes for unnamed actors, in the spirit of CAMEO/PLOVER agents.

The event and quote stages code a description by sector ("the regime" → GOV, "rebels" →
REB) and add a country when the words give one ("Syrian rebels" → SYR REB). A careful
reader also knows which country an article is about: "the regime" in a report on Syria is
the Syrian government. This stage adds that country to sector-only codes, taking the
country the article's places point to most often, so that "pro-government forces",
"rezim" and "the regime" in three articles all become SYR GOV.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

import pycountry

from sitrep.model import Argument, Event, Place, Quote, participants

# Sectors that belong to a country; international or generic codes stay as they are.
NATIONAL_SECTORS = frozenset({"GOV", "MIL", "COP", "REB", "OPP", "JUD", "PRO", "CVL", "LEG", "SPY"})


def main_country(places: Sequence[Place]) -> str | None:
    """ISO alpha-3 code of the country the article's places point to most often (ties: first)."""
    counts = Counter(p.country_code for p in places if p.country_code)
    if not counts:
        return None
    best = max(counts.values())
    code = next(p.country_code for p in places if p.country_code and counts[p.country_code] == best)
    country = pycountry.countries.get(alpha_2=code)
    return country.alpha_3 if country else None


def _qualify(arg: Argument, country: str, weapons: re.Pattern | None) -> None:
    if arg.mention is None and arg.agent in NATIONAL_SECTORS:
        if weapons is not None and weapons.search(arg.text):
            return  # "a drone struck Belgorod": the article's country is where it fell, not who sent it
        arg.agent = f"{country} {arg.agent}"


def qualify_agents(places: Sequence[Place], events: Sequence[Event], quotes: Sequence[Quote],
                   language: str | None = None) -> None:
    """Add the article's main country to sector-only agent codes (in place); weapons and
    aircraft named as actors (``weapons`` in ``lang/<code>/actors.yaml``) keep theirs bare."""
    country = main_country(places)
    if country is None:
        return
    weapons = None
    if language:
        from sitrep.analyse.events.lexicon import actor_lexicon

        weapons = actor_lexicon(language).weapons
    for arg in participants(events, quotes):
        _qualify(arg, country, weapons)
