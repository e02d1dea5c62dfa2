"""Event extraction: PLOVER events from per-language trigger lexicons.

Languages are data: ``lang/<code>/events.yaml`` lists trigger patterns per PLOVER
root type (with subtypes), the mood cues that govern a trigger, clause breaks,
passive markers and place prepositions; ``lang/<code>/actors.yaml``
lists nominal actor descriptions ("rebels", "the regime", "pemberontak") with an
agent code and the demonyms that give them a country. The engine below is written
once: find a trigger, read the mood cue before it, take the nearest actor before it
and the nearest target after it in the same clause (swapped for passives), and attach
the date and place found in the same sentence.

Mood follows the PLOVER/CAMEO coding rules: a hypothetical act ("could attack", "if
they attack") is no event; a negated cooperative act ("will not accept", "refused to
cooperate") is a REJECT and a negated hostile one no event; an obligation laid on
someone ("China must drop barriers") is a REQUEST; a stated intention is an AGREE when
the act is cooperative ("will support", "akan membantu") and a THREATEN when it is
hostile ("will impose sanctions").

Pattern mini-language (kept small so lexicon authors need no regex expertise):
a space matches any run of whitespace, ``*`` after a word matches any word ending
(``attack*`` = attacks, attacked ...), everything else is a Python regular
expression; each entry is wrapped in word boundaries and the language's optional
``prefix``/``suffix`` (clitics such as Arabic و/ال, Indonesian -nya).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Any

from sitrep.model import (
    Argument,
    Event,
    Mention,
    NoiseSpan,
    Place,
    Sentence,
    Span,
    Timex,
)
from sitrep.resources import load as resource

# PLOVER types whose stated intention is an AGREE and whose negation is a REJECT
COOPERATIVE = ("AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT")
# speech acts keep their type whatever the mood ("will not accept" is still a REJECT)
_SPEECH = frozenset({"REQUEST", "REJECT", "THREATEN", "ACCUSE"})
_DATE_VALUE = re.compile(r"^\d{4}(?:-(?:\d{2}(?:-\d{2})?|W\d{2}|Q\d))?")
# the most specific place is the event's place: a town before its province or country
_BREADTH = {"site": 0, "city": 0, "admin2": 1, "admin1": 2, "region": 2, "water": 2, "country": 3}
_NAME_JOIN = re.compile(r"(?:['\u2019]s)?[ \t]")  # between a name and its description
_FALLBACK_SENTENCE = re.compile(r"[^\n.!?]*(?:[.!?]+[\"'”’»)]*|\n|$)")


def expand(pattern: str, letters: dict[str, str] | None = None) -> str:
    """Turn a lexicon pattern into a regex (see the module docstring)."""
    if letters:
        pattern = "".join(letters.get(ch, ch) for ch in pattern)
    pattern = re.sub(r"(?<=\w)\*", r"\\w*", pattern)
    return pattern.replace(" ", r"\s+")


def alternation(patterns: list[str], letters: dict[str, str] | None = None) -> str:
    """One regex alternative for a list of lexicon patterns, longest first."""
    ordered = sorted(patterns, key=len, reverse=True)
    return "|".join(f"(?:{expand(p, letters)})" for p in ordered)


def word_regex(patterns: list[str], config: dict[str, Any], affixes: bool = True) -> re.Pattern:
    """Compile lexicon patterns into one case-insensitive whole-word regex."""
    if not patterns:
        return re.compile(r"(?!x)x")
    prefix = config.get("prefix", "") if affixes else ""
    suffix = config.get("suffix", "") if affixes else ""
    body = alternation(patterns, config.get("letters"))
    return re.compile(rf"(?<!\w){prefix}(?:{body}){suffix}(?!\w)", re.IGNORECASE)


@dataclass(frozen=True)
class _Entry:
    """One trigger pattern of the lexicon."""

    type: str
    subtype: str | None
    needs_argument: bool  # bare nouns ("the attack") only count with a participant
    needs_territory: bool  # "took", "seized": an event only with a place as object
    pattern: re.Pattern  # the entry alone, tried with .match at a trigger position


@dataclass(frozen=True)
class EventLexicon:
    """The compiled resources of one language."""

    triggers: re.Pattern
    entries: tuple[_Entry, ...]
    hypothetical: re.Pattern
    negation: re.Pattern
    obligation: re.Pattern
    intention: re.Pattern
    cooperative: frozenset[str]
    exclusions: dict[str, re.Pattern]  # type -> context that rules it out ("killed in a flood")
    clause_break: re.Pattern
    passive: re.Pattern
    passive_aux: re.Pattern  # matches up to the trigger: "were ", "have been "
    passive_trigger: re.Pattern  # a passive verb form as trigger: "diserang"
    active_form: re.Pattern  # a trigger form that is never passive: "attacking"
    place_prep: re.Pattern
    territory: re.Pattern
    anaphora: re.Pattern
    relative: re.Pattern
    cue_window: int
    verb_first: bool  # VSO languages: a clause-initial verb's subject follows it


@dataclass(frozen=True)
class ActorLexicon:
    """Nominal actor descriptions and demonyms of one language."""

    nominal: re.Pattern
    agents: tuple[str, ...]
    demonym: re.Pattern  # one named group per demonym: d<index into countries>
    countries: tuple[str, ...]
    modifier: re.Pattern
    pronoun: re.Pattern
    relative: re.Pattern
    unnamed: re.Pattern

    def country(self, match: re.Match) -> str | None:
        """The country code of a demonym match."""
        return self.countries[int(match.lastgroup[1:])] if match.lastgroup else None


@cache
def event_lexicon(language: str) -> EventLexicon | None:
    """Compile ``events.yaml`` once per process; None for languages without one."""
    config = resource(language, "events")
    if not config.get("triggers"):
        return None
    letters = config.get("letters")
    prefix, suffix = config.get("prefix", ""), config.get("suffix", "")
    verb_prefix = config.get("verb_prefix", prefix)  # verbs take no article: فجر, not الفجر
    entries: list[_Entry] = []
    for plover_type, items in config["triggers"].items():
        for item in items:
            spec = item if isinstance(item, dict) else {"p": item}
            entries.append(
                _Entry(
                    type=plover_type,
                    subtype=spec.get("sub"),
                    needs_argument=bool(spec.get("noun", False)),
                    needs_territory=bool(spec.get("territory", False)),
                    pattern=re.compile(
                        rf"{verb_prefix if spec.get('verb') else prefix}"
                        rf"(?:{expand(spec['p'], letters)}){suffix}(?![\w-])",
                        re.IGNORECASE,
                    ),
                )
            )
    body = "|".join(f"(?:{entry.pattern.pattern})" for entry in entries)
    # "Turkish-backed" is a description, not a backing: no trigger inside a hyphenated word
    triggers = re.compile(rf"(?<![\w-])(?:{body})", re.IGNORECASE)
    return EventLexicon(
        triggers=triggers,
        entries=tuple(entries),
        hypothetical=word_regex(config.get("hypothetical", []), config, affixes=False),
        negation=word_regex(config.get("negation", []), config, affixes=False),
        obligation=word_regex(config.get("obligation", []), config, affixes=False),
        intention=word_regex(config.get("intention", []), config, affixes=False),
        cooperative=frozenset(config.get("cooperative", COOPERATIVE)),
        exclusions={
            plover_type: word_regex(patterns, config)
            for plover_type, patterns in (config.get("exclusions") or {}).items()
        },
        clause_break=re.compile(config.get("clause_break", r"[;:]"), re.IGNORECASE),
        passive=word_regex(config.get("passive", []), config, affixes=False),
        passive_aux=re.compile(
            rf"(?<!\w)(?:{alternation(config.get('passive_aux') or ['(?!x)x'])})\s+$", re.IGNORECASE
        ),
        passive_trigger=re.compile(config.get("passive_trigger", r"(?!x)x"), re.IGNORECASE),
        active_form=re.compile(config.get("active_form", r"(?!x)x"), re.IGNORECASE),
        place_prep=word_regex(config.get("place_prepositions", []), config, affixes=False),
        territory=word_regex(config.get("territory", []), config),
        anaphora=word_regex(config.get("anaphora", []), config, affixes=False),
        relative=word_regex(config.get("relatives", []), config, affixes=False),
        cue_window=int(config.get("cue_window", 40)),
        verb_first=bool(config.get("verb_first", False)),
    )


@cache
def actor_lexicon(language: str) -> ActorLexicon:
    """Compile ``actors.yaml`` once per process (an empty lexicon when missing)."""
    config = resource(language, "actors")
    letters = config.get("letters")
    prefix = config.get("prefix", "")
    groups: list[str] = []
    agents: list[str] = []
    for index, (agent, patterns) in enumerate((config.get("nominal") or {}).items()):
        agents.append(agent)
        groups.append(f"(?P<a{index}>{alternation(patterns, letters)})")
    nominal = (
        re.compile(rf"(?<!\w){prefix}(?:{'|'.join(groups)})(?!\w)", re.IGNORECASE)
        if groups
        else re.compile(r"(?!x)x")
    )
    demonym_items = list((config.get("demonyms") or {}).items())
    demonym_body = "|".join(
        f"(?P<d{i}>{expand(key, letters)})"
        for i, (key, _) in sorted(enumerate(demonym_items), key=lambda item: -len(item[1][0]))
    )
    return ActorLexicon(
        nominal=nominal,
        agents=tuple(agents),
        # case-sensitive: demonyms are capitalised, and "US" must not match "us"
        demonym=re.compile(rf"(?<!\w)(?:{demonym_body or '(?!x)x'})(?!\w)"),
        countries=tuple(code for _, code in demonym_items),
        modifier=re.compile(
            rf"(?:{alternation(config.get('modifiers') or ['(?!x)x'], letters)})\s+$", re.IGNORECASE
        ),
        pronoun=word_regex(config.get("pronouns", []), config, affixes=False),
        relative=word_regex(config.get("relatives", []), config, affixes=False),
        unnamed=word_regex(config.get("unnamed_sources", []), config),
    )


def last_match(pattern: re.Pattern, text: str, start: int, end: int) -> re.Match | None:
    """The last match of a pattern in text[start:end] (regexes only search forwards)."""
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


def actor_candidates(
    text: str,
    language: str,
    start: int,
    end: int,
    mentions: list[Mention],
    places: list[Place] | None = None,
) -> list[Argument]:
    """Every possible participant in text[start:end], by position.

    Named mentions come from the entity stage; nominal descriptions from actors.yaml.
    A nominal description swallows the mentions inside it ("the al-Assad regime" is
    the government, not the person), and a demonym or country next to it gives the
    agent code its country ("Syrian rebels" -> "SYR REB").
    """
    lexicon = actor_lexicon(language)
    nominals: list[Argument] = []
    for match in lexicon.nominal.finditer(text, start, end):
        agent = lexicon.agents[int(match.lastgroup[1:])] if match.lastgroup else None
        s, e = match.start(), match.end()
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
    for index, mention in enumerate(mentions):
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


def clause_bounds(text: str, start: int, end: int, lo: int, hi: int, breaks: re.Pattern) -> tuple[int, int]:
    """The clause of the sentence [lo, hi) around the span [start, end)."""
    left = lo
    for match in breaks.finditer(text, lo, start):
        left = match.end()
    right_match = breaks.search(text, end, hi)
    right = right_match.start() if right_match else hi
    while left < right and text[left] in " \t\n,":
        left += 1
    while right > left and text[right - 1] in " \t\n.,":
        right -= 1
    return left, right


def _is_question(sentence: str) -> bool:
    """A question ("Has the whole government fled?") asks about an event; it reports none."""
    return sentence.rstrip().rstrip("\"'”’»)").endswith(("?", "؟"))


def extract_events(
    text: str,
    language: str,
    sentences: list[Sentence],
    mentions: list[Mention],
    timexes: list[Timex],
    places: list[Place],
    noise: list[NoiseSpan],
) -> list[Event]:
    """PLOVER events of one document, each with its evidence clause and arguments."""
    lexicon = event_lexicon(language)
    if lexicon is None:
        return []
    events: list[Event] = []
    spans = sentence_spans(text, sentences)
    towns = _towns(mentions, places)
    for index, sentence in enumerate(spans):
        if in_noise(sentence.start, sentence.end, noise) or _is_question(text[sentence.start : sentence.end]):
            continue
        candidates: list[Argument] | None = None
        consumed = sentence.start
        for found in lexicon.triggers.finditer(text, sentence.start, sentence.end):
            if found.start() < consumed:
                continue
            reading = _reading(text, found.start(), sentence, places, lexicon)
            if reading is None:
                continue
            entry, t_end, (c_start, c_end) = reading
            t_start = found.start()
            consumed = t_end
            event_type = _mood(text, c_start, t_start, entry.type, lexicon)
            if event_type is None or _excluded(text, c_start, c_end, event_type, lexicon):
                continue
            if candidates is None:
                candidates = actor_candidates(
                    text, language, sentence.start, sentence.end, mentions, places
                )
            actors, targets = _arguments(
                text, t_start, t_end, c_start, c_end, candidates, lexicon, towns
            )
            place = _place(text, t_end, sentence, places, lexicon, spans, index)
            if entry.needs_argument and not (actors or targets):
                continue
            date, timex = _date(t_start, sentence, timexes)
            for arg in actors + targets:
                arg.sentence = index
            if events and (events[-1].type, events[-1].start) == (event_type, c_start):
                # one event per type and clause ("this offensive was fought by ...")
                if events[-1].actors or not actors:
                    continue
                events.pop()
            event = Event(
                    start=c_start,
                    end=c_end,
                    text=text[c_start:c_end],
                    sentence=index,
                    type=event_type,
                    subtype=entry.subtype if event_type == entry.type else None,
                    trigger=Span(start=t_start, end=t_end, text=text[t_start:t_end], sentence=index),
                    actors=actors,
                    targets=targets,
                    date=date,
                    timex=timex,
                    place=place,
                    confidence=_confidence(actors, targets, text[t_start:t_end]),
                )
            if not _repeated(event, events, mentions):
                events.append(event)
    return events


def _repeated(event: Event, earlier: list[Event], mentions: list[Mention]) -> bool:
    """Whether an event only mentions again one found before: same type and participants
    and no other date or place ("the bombing" for the third time in an article). The
    earlier event takes the date and place it lacked."""
    key = _participants(event, mentions)
    for other in earlier:
        if other.type != event.type or _participants(other, mentions) != key:
            continue
        if event.date and other.date and event.date != other.date:
            continue
        if event.place is not None and other.place is not None and event.place != other.place:
            continue
        if other.date is None and event.date:
            other.date, other.timex = event.date, event.timex
        if other.place is None:
            other.place = event.place
        return True
    return False


def _participants(event: Event, mentions: list[Mention]) -> tuple[frozenset[str], frozenset[str]]:
    """Actors and targets as entity keys (mention cluster, else the words)."""

    def key(arg: Argument) -> str:
        if arg.mention is not None:
            mention = mentions[arg.mention]
            return f"c{mention.cluster}" if mention.cluster >= 0 else mention.text.casefold()
        return arg.text.casefold()

    return frozenset(map(key, event.actors)), frozenset(map(key, event.targets))


def _reading(
    text: str, t_start: int, sentence: Sentence, places: list[Place], lexicon: EventLexicon
) -> tuple[_Entry, int, tuple[int, int]] | None:
    """The lexicon entry a trigger position stands for: the longest match whose condition
    holds, lexicon order breaking ties ("seized the town" is a capture, "seized weapons"
    a coercion). Returns the entry, the trigger end and the clause around it."""
    readings = []
    for order, entry in enumerate(lexicon.entries):
        match = entry.pattern.match(text, t_start, sentence.end)
        if match is not None and match.end() > t_start:
            readings.append((-(match.end() - t_start), order, entry, match.end()))
    for _, _, entry, t_end in sorted(readings, key=lambda r: (r[0], r[1])):
        clause = clause_bounds(text, t_start, t_end, sentence.start, sentence.end, lexicon.clause_break)
        if entry.needs_territory and not _has_territory(text, t_end, clause[1], places, lexicon):
            continue
        return entry, t_end, clause
    return None


def _excluded(text: str, c_start: int, c_end: int, plover_type: str, lexicon: EventLexicon) -> bool:
    """Whether the clause says the harm had no perpetrator (a flood, a crash, an outbreak)."""
    pattern = lexicon.exclusions.get(plover_type)
    return pattern is not None and pattern.search(text, c_start, c_end) is not None


def _confidence(actors: list[Argument], targets: list[Argument], trigger: str) -> float:
    """Rough belief in an event: participants and a multiword trigger make it likelier."""
    return 0.4 + 0.2 * bool(actors) + 0.1 * bool(targets) + 0.1 * (" " in trigger)


def _towns(mentions: list[Mention], places: list[Place]) -> set[int]:
    """Mentions of towns, sites and regions: places where things happen, never actors
    (a country can act: "Russia attacked"; "Aleppo" cannot)."""
    out: set[int] = set()
    for index, mention in enumerate(mentions):
        if mention.label != "LOC":
            continue
        for place in places:
            if place.start < mention.end and mention.start < place.end and place.kind != "country":
                out.add(index)
    return out


def _mood(
    text: str, clause_start: int, trigger_start: int, plover_type: str, lexicon: EventLexicon
) -> str | None:
    """The PLOVER type a trigger stands for under the mood cue before it (None: no event)."""
    window = (max(clause_start, trigger_start - lexicon.cue_window), trigger_start)
    if lexicon.hypothetical.search(text, *window):
        return None
    cooperative = plover_type in lexicon.cooperative
    if lexicon.negation.search(text, *window):
        if plover_type in _SPEECH:
            return plover_type
        return "REJECT" if cooperative else None
    if plover_type in _SPEECH:
        return plover_type
    if lexicon.obligation.search(text, *window):
        return "REQUEST"
    if lexicon.intention.search(text, *window):
        return "AGREE" if cooperative else "THREATEN"
    return plover_type


def _arguments(
    text: str,
    t_start: int,
    t_end: int,
    c_start: int,
    c_end: int,
    candidates: list[Argument],
    lexicon: EventLexicon,
    towns: set[int],
) -> tuple[list[Argument], list[Argument]]:
    """Actor: nearest candidate before the trigger; target: nearest after; passives swap."""
    before = [c for c in candidates if c.end <= t_start and c.mention not in towns]
    after = [c for c in candidates if c.start >= t_end and c.start < c_end]
    in_clause = [c for c in before if c.start >= c_start]
    # "HTS, which led the charge": a relative clause takes its subject from before it
    relative = lexicon.relative.match(text, c_start) is not None
    actor = in_clause[-1] if in_clause else (before[-1] if before and relative else None)
    target = after[0] if after else None
    if actor is None and lexicon.verb_first and after:
        # "هاجم مسلحون مركزا للشرطة": verb, subject, object
        actor, target = after[0], (after[1] if len(after) > 1 else None)
    agent = None
    passive = lexicon.passive.search(text, t_end, min(c_end, t_end + 40))
    if passive:
        agent = next((c for c in after if passive.end() <= c.start <= passive.end() + 25), None)
    if agent is not None or _passive_voice(text, t_start, t_end, c_start, lexicon):
        # "Two soldiers were killed (by rebels)": the subject is the target
        target = in_clause[-1] if in_clause else None
        actor = agent
    return _copy(actor), _copy(target)


def _passive_voice(text: str, t_start: int, t_end: int, c_start: int, lexicon: EventLexicon) -> bool:
    """A passive verb form: an auxiliary right before the trigger ("were killed", "fueron
    detenidos") or a passive trigger form ("diserang")."""
    if lexicon.passive_trigger.match(text, t_start, t_end):
        return True
    if lexicon.active_form.fullmatch(text, t_start, t_end):
        return False
    return lexicon.passive_aux.search(text, max(c_start, t_start - 30), t_start) is not None


def _copy(arg: Argument | None) -> list[Argument]:
    """A fresh Argument, so that two events never share (and mutate) one object."""
    return [Argument(**vars(arg))] if arg is not None else []


def _place(
    text: str,
    t_end: int,
    sentence: Sentence,
    places: list[Place],
    lexicon: EventLexicon,
    spans: list[Sentence],
    index: int,
) -> int | None:
    """Index of the place of the event: after a locative preposition, nearest to the trigger.

    When the sentence names no place but refers back to one ("abandoned it"), the last
    place of the previous sentence is taken.
    """
    here = [(i, p) for i, p in enumerate(places) if sentence.start <= p.start and p.end <= sentence.end]
    if here:
        def rank(item: tuple[int, Place]) -> tuple[int, int, int]:
            _, p = item
            prep = lexicon.place_prep.search(text, max(sentence.start, p.start - 12), p.start)
            return (0 if prep else 1, _BREADTH.get(p.kind, 1), abs(p.start - t_end))

        return min(here, key=rank)[0]
    if index > 0 and lexicon.anaphora.search(text, t_end, sentence.end):
        previous = spans[index - 1]
        before = [i for i, p in enumerate(places) if previous.start <= p.start and p.end <= previous.end]
        if before:
            return before[-1]
    return None


def _has_territory(
    text: str, t_end: int, c_end: int, places: list[Place], lexicon: EventLexicon
) -> bool:
    """Whether a seizure verb has a place or a territorial noun as its object."""
    horizon = min(c_end, t_end + 60)
    if any(t_end <= p.start < horizon for p in places):
        return True
    return lexicon.territory.search(text, t_end, horizon) is not None


def _date(t_start: int, sentence: Sentence, timexes: list[Timex]) -> tuple[str | None, int | None]:
    """Date of the event: the day-or-coarser DATE timex of the sentence nearest the trigger."""
    best: tuple[int, int, str] | None = None
    for i, timex in enumerate(timexes):
        if timex.type != "DATE" or not (sentence.start <= timex.start and timex.end <= sentence.end):
            continue
        value = _DATE_VALUE.match(timex.value or "")
        if not value:
            continue
        distance = abs(timex.start - t_start)
        if best is None or distance < best[0]:
            best = (distance, i, value.group())
    return (best[2], best[1]) if best else (None, None)
