"""When and where an event happened, the way ACLED codes it.

Date: the time expression of the trigger's own clause; else one of a clause above it
("said on Thursday that ..."); else the narrative time of the paragraph (the date of the
event before it in the same paragraph); else the publication date. Only the first is
*stated*; the others set ``date_inferred``. An expression that only bounds a span ("since
October 2023": ``not_event_date``) never dates an event. Precision is ACLED's: 1 a day,
2 a week or a range, 3 a month or vaguer; an inferred publication date is 2 (news reports
events of the day before as often as those of the day).

Place: the place of the trigger's own clause ("in", "at", "near" ...: the language's
``place_prepositions`` rank first; a town before its province or country); else one of a
clause above it; else a place the sentence refers back to ("abandoned it"); else the
place of the last event that states one (the scene the story is at); else the article's
dateline; else its main place. A distance before the place ("20 km north of
X") is kept as ``place_relation``. Precision is ACLED's: 1 the town, 2 near a town or a
district, 3 a province, region or country; inferred places are never finer than 2.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from spacy.tokens import Token

from sitrep.analyse import dateline
from sitrep.analyse.events.dependencies import OBJECTS, OBLIQUES, governs, is_light_verb
from sitrep.analyse.events.lexicon import EventLexicon
from sitrep.analyse.syntax import Parse
from sitrep.model import Place, Sentence, Timex

_DATE_VALUE = re.compile(r"^\d{4}(?:-(?:\d{2}(?:-\d{2})?|W\d{2}|Q\d))?")
_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}")
# the most specific place is the event's place: a town before its province or country
BREADTH = {"site": 0, "city": 0, "admin2": 1, "admin1": 2, "region": 2, "water": 2, "country": 3, "continent": 4}
PLACE_PRECISION = {"site": 1, "city": 1, "admin2": 2, "admin1": 3, "region": 3, "water": 3, "country": 3,
                   "continent": 3}


@dataclass
class When:
    value: str | None
    timex: int | None
    precision: int | None
    inferred: bool


@dataclass
class Where:
    place: int | None
    precision: int | None
    inferred: bool
    relation: str | None = None
    # only a word that qualifies a participant names it ("Russian President ...", "the
    # presidents of Poland"): whose they are, a weaker sign of where the act happened than
    # the article's dateline
    describes: bool = False


def date_precision(value: str, mod: str | None = None) -> int:
    """ACLED time precision of a TimeML value."""
    if _DAY.match(value):
        return 2 if mod in ("APPROX", "START", "END", "MID") else 1
    if re.match(r"^\d{4}-W\d{2}", value):
        return 2
    return 3


def date_timexes(timexes: list[Timex], sentence: Sentence, text: str, lexicon: EventLexicon) -> list[int]:
    """Indices of the DATE expressions of a sentence that can date an event."""
    out = []
    for i, timex in enumerate(timexes):
        if timex.type not in ("DATE", "TIME") or not (sentence.start <= timex.start and timex.end <= sentence.end):
            continue
        if not _DATE_VALUE.match(timex.value or ""):
            continue
        if lexicon.not_event_date.search(text, max(sentence.start, timex.start - 12), timex.start):
            continue
        out.append(i)
    return out


def stated_date(
    candidates: list[int], timexes: list[Timex], parse: Parse | None, head, trigger_start: int,
    lexicon: EventLexicon | None = None,
) -> tuple[int, int] | None:
    """(timex index, closeness) of the date the trigger's clause states: closeness 0 for
    its own clause, 1 for a clause above it. Without a parse: the nearest date of the
    sentence, at closeness 1."""
    best: tuple[int, int, int] | None = None
    for i in candidates:
        timex = timexes[i]
        if parse is not None and head is not None:
            anchor = parse.head_of(timex.start, timex.end)
            closeness = governs(anchor, head) if anchor is not None else None
            if closeness is None or (anchor is not None and _dates_another_act(anchor, head, lexicon)):
                continue
        else:
            closeness = 1
        key = (closeness, abs(timex.start - trigger_start), i)
        if best is None or key < best:
            best = key
    return (best[2], best[0]) if best else None


def _dates_another_act(anchor: Token, head: Token, lexicon: EventLexicon | None) -> bool:
    """Whether a date belongs to the verb an event noun is the object of, not to the event:
    "condemned the bombing on Thursday" (the condemnation's day). A light verb's date is
    the event's ("launched an attack on Friday"), and so is a date inside the noun phrase
    ("the bombing on Aug. 7")."""
    if head.pos_ != "NOUN" or head.dep_ not in OBJECTS | OBLIQUES | {"iobj"} or head.head.pos_ not in ("VERB", "AUX"):
        return False
    if anchor.i == head.i or head.is_ancestor(anchor):
        return False
    verb = head.head
    return lexicon is None or not is_light_verb(verb, lexicon)


def when(timex_index: int | None, timexes: list[Timex], narrative: str | None,
         published: dt.date | None) -> When:
    """The event's date from a stated expression, else the paragraph's narrative date,
    else the publication date."""
    if timex_index is not None:
        timex = timexes[timex_index]
        value = _DATE_VALUE.match(timex.value).group()
        return When(value, timex_index, date_precision(value, timex.mod), False)
    if narrative:
        return When(narrative, None, date_precision(narrative), True)
    if published is not None:
        return When(published.isoformat(), None, 2, True)
    return When(None, None, None, False)


def is_background(value: str | None, inferred: bool, published: dt.date | None, days: int = 365) -> bool:
    """Whether a stated date lies long before publication (narrated history)."""
    if inferred or not value or published is None:
        return False
    try:
        year = int(value[:4])
    except ValueError:
        return False
    if _DAY.match(value):
        day = dt.date.fromisoformat(value[:10])
    elif re.match(r"^\d{4}-\d{2}$", value):
        day = dt.date(year, int(value[5:7]), 28)
    else:
        day = dt.date(year, 12, 31)
    return (published - day).days > days


NEAREST_PLACES = 12


def sentence_places(places: list[Place], sentence: Sentence, excluded: list[tuple[int, int]]) -> list[int]:
    """Indices of the sentence's places that are not the event's participants."""
    return [
        i for i, p in enumerate(places)
        if sentence.start <= p.start and p.end <= sentence.end
        and not any(s <= p.start and p.end <= e for s, e in excluded)
    ]


def stated_place(
    candidates: list[int], places: list[Place], text: str, sentence: Sentence, lexicon: EventLexicon,
    parse: Parse | None, head, trigger_end: int, participants: Sequence[tuple[int, int]] = (),
) -> Where | None:
    """The place the trigger's clause states, with its precision and any distance phrase.
    Only the places nearest the trigger are weighed: a clause is short, and a list of a
    thousand places in one run-on sentence must not cost a thousand parse walks an event.
    ``participants`` are the spans of the event's actors and targets: a place hung on one
    of them without a place preposition ("the presidents of Poland") only describes it."""
    if len(candidates) > NEAREST_PLACES:
        candidates = sorted(candidates, key=lambda i: abs(places[i].start - trigger_end))[:NEAREST_PLACES]
    best: tuple | None = None
    participant_words = {t.i for s, e in participants for t in parse.tokens_in(s, e)} if parse is not None else set()
    for i in candidates:
        place = places[i]
        modifier = False
        if parse is not None and head is not None:
            anchor = parse.head_of(place.start, place.end)
            closeness = governs(anchor, head) if anchor is not None else None
            if closeness is None:
                continue
        else:
            closeness = 0
        prep = lexicon.place_prep.search(text, max(sentence.start, place.start - 14), place.start)
        if parse is not None and head is not None:
            modifier = _qualifies_a_noun(anchor, head, participant_words, bool(prep))
        # "the U.S. embassy in Dar es Salaam": a place that qualifies a noun says whose it
        # is, not where the act happened
        key = (modifier, closeness, 0 if prep else 1, BREADTH.get(place.kind, 1), abs(place.start - trigger_end), i)
        if best is None or key < best:
            best = key
    if best is None:
        return None
    place = places[best[-1]]
    relation = lexicon.place_relation.search(text, max(sentence.start, place.start - 40), place.start)
    if relation is not None and relation.end() < place.start - 2:
        relation = None
    precision = PLACE_PRECISION.get(place.kind, 3)
    if relation is not None:
        precision = max(precision, 2)
    return Where(best[-1], precision, False, relation.group().strip() if relation else None, describes=best[0])


def _qualifies_a_noun(anchor: Token, head: Token, participant_words: set[int], after_place_prep: bool) -> bool:
    """Whether a place word only qualifies a noun other than the event's: an adjective,
    compound or possessor ("Russian President", "U.S. embassy", "Poland's president"),
    or a complement of a participant without a place preposition ("the presidents of
    Poland and Hungary", also through a weak parse's chain of complements). "The Kenya
    bombing" qualifies the event itself: that is its place."""
    noun = anchor.head
    if noun.i == head.i or noun.pos_ not in ("NOUN", "PROPN"):
        return False
    if anchor.dep_ in NOUN_MODIFIERS:
        return True
    if after_place_prep:
        return False
    token = anchor
    for _ in range(6):  # a chain of complements and conjuncts up to the participant
        if token.dep_ not in ("conj", "appos") and not token.dep_.startswith("nmod") or token.head.i == head.i:
            return False
        token = token.head
        if token.i in participant_words:
            return True
    return False


def coordinated_places(chosen: int, candidates: list[int], places: list[Place], parse: Parse | None) -> list[int]:
    """Other places joined to the event's place by coordination ("the bombings of the
    embassies in Nairobi and Dar es Salaam"): one act in each, as ACLED codes one event
    per location. Only towns and sites: coordinated countries or provinces are more often
    the act's participants or its background ("its invasion of Ukraine and Iran's ..."),
    and a town with the country it lies in is one location told twice. Each record once."""
    if parse is None or BREADTH.get(places[chosen].kind, 1) > 0:
        return []
    own = parse.tokens_in(places[chosen].start, places[chosen].end)
    if not own:
        return []
    # a weak parse may hang the next conjunct on a name's last word ("Dar es Salaam and ...")
    joined = set().union(*(_conjuncts(token) for token in own))
    seen = {places[chosen].geonameid or places[chosen].name}
    out = []
    for i in candidates:
        place = places[i]
        key = place.geonameid or place.name
        if i == chosen or key in seen or BREADTH.get(place.kind, 1) > 0:
            continue
        token = parse.head_of(place.start, place.end)
        if token is not None and token.i in joined:
            seen.add(key)
            out.append(i)
    return out


def _conjuncts(token: Token) -> set[int]:
    """The token and every word joined to it by coordination, both ways, transitively."""
    found, todo = {token.i}, [token]
    while todo:
        current = todo.pop()
        linked = [c for c in current.children if c.dep_ == "conj"]
        if current.dep_ == "conj":
            linked.append(current.head)
        for other in linked:
            if other.i not in found:
                found.add(other.i)
                todo.append(other)
    return found


NOUN_MODIFIERS = frozenset({"compound", "amod", "nmod:poss", "flat", "flat:name"})
def dateline_span(text: str) -> tuple[int, int] | None:
    """Where the article's dateline is ("KYIV, Dec 8 (Reuters) -"): at the start of one of
    its first lines. Its place says where the reporter filed from, not where an event of
    the sentence it opens happened."""
    found = dateline.find(text)
    return (found.start, found.end) if found is not None else None


def dateline_day(text: str, timexes: list[Timex]) -> dt.date | None:
    """The day a dateline states ("WARSAW, February 26 (Xinhua) --"), if it states one."""
    span = dateline_span(text)
    if span is None:
        return None
    for timex in timexes:
        if span[0] <= timex.start and timex.end <= span[1] and timex.type == "DATE" and _DAY.match(timex.value or ""):
            try:
                return dt.date.fromisoformat(timex.value[:10])
            except ValueError:
                return None
    return None


def dateline_place(text: str, places: list[Place]) -> int | None:
    """The place of the article's dateline, if it has one."""
    found = dateline.find(text)
    if found is None:
        return None
    start, end = found.place
    return next((i for i, p in enumerate(places) if start <= p.start < end), None)


def main_place(places: list[Place]) -> int | None:
    """The place the article names most often: a town or district before a province and a
    province before a country (first mention breaks ties)."""
    if not places:
        return None
    counts = Counter(p.geonameid or p.name for p in places)
    best = min(
        range(len(places)),
        key=lambda i: (BREADTH.get(places[i].kind, 1) >= 2, -counts[places[i].geonameid or places[i].name], i),
    )
    return best


def inferred_place(index: int | None, places: list[Place]) -> Where:
    if index is None:
        return Where(None, None, False)
    return Where(index, max(2, PLACE_PRECISION.get(places[index].kind, 3)), True)
