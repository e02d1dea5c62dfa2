"""Every possible participant of an event or speaker of a quote in a stretch of text.

Named mentions come from the entity stage; nominal descriptions ("rebels", "the regime",
"pemberontak") from ``actors.yaml``. A description swallows the names inside it ("the
al-Assad regime" is the government, not the person), a name right before it says whose
it is ("Hezbollah fighters", "Syria's army"), and a demonym or country next to it gives
the agent code its country ("Syrian rebels" -> "SYR REB").
"""

from __future__ import annotations

import re
from functools import lru_cache

from sitrep.analyse.events.lexicon import ActorLexicon, actor_lexicon
from sitrep.analyse.events.patterns import last_match
from sitrep.model import Argument, Mention, Place

_NAME_JOIN = re.compile(r"(?:['\u2019]s)?[ \t]")  # between a name and its description


def actor_candidates(
    text: str,
    language: str,
    start: int,
    end: int,
    mentions: list[Mention],
    places: list[Place] | None = None,
    mention_range: range | None = None,
) -> list[Argument]:
    """Every possible participant in text[start:end], by position.

    Named mentions come from the entity stage; nominal descriptions from actors.yaml.
    A nominal description swallows the mentions inside it ("the al-Assad regime" is
    the government, not the person), and a demonym or country next to it gives the
    agent code its country ("Syrian rebels" -> "SYR REB"). ``mention_range`` limits the
    mentions looked at (the indices of those in the stretch, when the caller knows them).
    """
    lexicon = actor_lexicon(language)
    nominals: list[Argument] = []
    for match in lexicon.nominal.finditer(text, start, end):
        agent, e = lexicon.longest_nominal(text, match)
        s, e = match.start(), min(e, end)
        country = None
        left = last_match(lexicon.demonym, text, max(start, s - 30), s)
        if left is not None and text[left.end() : s].strip(" -") == "":
            country = lexicon.country(left)
            s = left.start()
        modifier = lexicon.modifier.search(text, max(start, s - 20), s)
        if modifier is not None:
            s = modifier.start()
        if country is None:
            country, e = _adjacent_country(text, e, end, places or [], lexicon)
        nominals.append(
            Argument(
                start=s,
                end=e,
                text=text[s:e],
                nominal=True,
                agent=f"{country} {agent}" if country and agent else agent,
            )
        )
    out = list(nominals)
    for index in mention_range if mention_range is not None else range(len(mentions)):
        mention = mentions[index]
        if mention.start < start or mention.end > end:
            continue
        if any(n.start <= mention.start and mention.end <= n.end for n in nominals):
            continue
        owner = next((n for n in nominals if _NAME_JOIN.fullmatch(text, mention.end, n.start)), None)
        if owner is not None:
            # "Hezbollah fighters", "Syria's army": the name says who the description is
            owner.start, owner.text = mention.start, text[mention.start : owner.end]
            owner.mention, owner.nominal = index, False
            continue
        out.append(
            Argument(
                start=mention.start,
                end=mention.end,
                text=mention.text,
                sentence=mention.sentence,
                mention=index,
                agent=mention.kb_id,
            )
        )
    out.sort(key=lambda arg: (arg.start, -arg.end))
    return out


def _adjacent_country(
    text: str, position: int, limit: int, places: list[Place], lexicon: ActorLexicon
) -> tuple[str | None, int]:
    """Country code and new end of a description followed by its country ("pejuang oposisi
    Suriah", "le régime syrien"): languages that put the country after the noun."""
    for place in places:
        if place.kind == "country" and place.start == position + 1 and place.end <= limit:
            return _alpha3(place.country_code), place.end
    if text[position : position + 1] != " ":
        return None, position
    right = lexicon.demonym.match(text, position + 1, limit)
    if right is None:
        return None, position
    return lexicon.country(right), right.end()


@lru_cache(maxsize=512)
def _alpha3(alpha2: str | None) -> str | None:
    if not alpha2:
        return None
    import pycountry

    country = pycountry.countries.get(alpha_2=alpha2.upper())
    return country.alpha_3 if country else alpha2.upper()




def demonym_argument(text: str, start: int, end: int, language: str) -> Argument | None:
    """A demonym standing for its country's side ("Israeli strikes", "U.S. air raid")."""
    lexicon = actor_lexicon(language)
    match = lexicon.demonym.fullmatch(text, start, end)
    if match is None:
        return None
    return Argument(start=start, end=end, text=text[start:end], nominal=True, agent=lexicon.country(match))
