"""The compiled event and actor lexicons of one language (``events.yaml``, ``actors.yaml``).

Trigger entries (``triggers:`` per PLOVER root type) are patterns in the mini-language of
:mod:`.patterns` with optional conditions: ``sub`` the PLOVER subtype (mode), ``noun``
counts only with a participant, ``territory`` only with a place or territorial noun as
object, ``verb`` takes the language's ``verb_prefix``, ``pos`` the parts of speech the
trigger's head may have when the sentence is parsed (``[VERB]``: "march" the verb, not
"March"), ``requires`` words of which one must occur in the clause ("strike" is a labour
strike only near "workers", "union" ...), ``unless`` words that rule the reading out.
The other keys are the cues the engine reads around a trigger (mood, reporting, dates,
places, casualty counts); ``lang/en/events.yaml`` documents each.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, cached_property

from sitrep import resources
from sitrep.analyse.events.patterns import NEVER, alternation, expand, guarded, word_regex
from sitrep.analyse.timex.resources import lang_dir, read_yaml

# PLOVER types whose stated intention is an AGREE and whose negation is a REJECT
COOPERATIVE = ("AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT")


@dataclass(frozen=True)
class Entry:
    """One trigger pattern of the lexicon."""

    type: str
    subtype: str | None
    needs_argument: bool  # bare nouns ("the attack") only count with a participant
    needs_territory: bool  # "took", "seized": an event only with a place as object
    pattern: re.Pattern  # the entry alone, tried with .match at a trigger position
    pos: frozenset[str]  # allowed parts of speech of the head token (empty: any)
    requires: re.Pattern | None  # one of these must occur in the clause
    unless: re.Pattern | None  # none of these may occur in the clause
    possessor_is_target: bool  # "Assad's backers": the possessor of the noun is the one acted on
    genitive: str | None  # "el ataque de los rebeldes": a genitive phrase after the noun is the actor or target
    modal: bool = False  # "must", "debe": an obligation laid in reported speech is a demand


@dataclass(frozen=True)
class EventLexicon:
    """The compiled resources of one language."""

    language: str
    triggers: re.Pattern
    entries: tuple[Entry, ...]
    hypothetical: re.Pattern
    negation: re.Pattern
    obligation: re.Pattern
    intention: re.Pattern
    threat_frames: re.Pattern  # "threatened to", "vowed to": the act is threatened
    denial: re.Pattern  # "denied": the act is denied
    background: re.Pattern  # "has long", "for years": a standing state, not news
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
    agent_markers: frozenset[str]  # case words of a passive agent: by, por, oleh
    target_markers: frozenset[str]  # case words of a target: against, on, contre
    light_verbs: re.Pattern  # "launched an attack": the verb's subject is the attacker
    responsibility: re.Pattern  # "claimed responsibility for": its subject did the act it names
    withheld_speech: re.Pattern  # matched right after a refusal: "refused to comment" refuses to speak, no event
    not_event_date: re.Pattern  # "since October": a date that is not when the event happened
    ongoing_since: re.Pattern  # "has been fighting since October 2023": an act that began then
    place_relation: re.Pattern  # "20 km north of" right before a place
    reporting: re.Pattern  # said, confirmed, according to: never an event, never its actor
    future_form: re.Pattern  # a verb form that is itself a future ("atacará", "سيهاجم"): planned
    genitive_markers: frozenset[str]  # case words of a genitive after a noun ("de", "des", "del")
    casualties: dict[str, re.Pattern]  # killed, injured ... -> words
    qualifiers: dict[str, re.Pattern]  # at_least, about ... -> words
    numbers: dict[str, int]  # number words: "three" -> 3, "dozens" -> 24
    cue_window: int
    verb_first: bool  # VSO languages: a clause-initial verb's subject follows it
    verb_final: bool  # SOV languages: the subject opens the clause, the object stands before the verb
    mood_after: bool  # mood and negation words may follow the trigger (V2 and SOV languages)

    @cached_property
    def count_words(self) -> frozenset[str]:
        """The number words, lower-cased: "hundreds", "centaines", "مئات" count a group."""
        return frozenset(word.casefold() for word in self.numbers)

    @cached_property
    def opponent_markers(self) -> frozenset[str]:
        """The target markers that mark an opponent and never a place: against, gegen,
        contre, contra, против (long words; "on", "à", "по" also say where)."""
        return frozenset(m for m in self.target_markers if len(m) >= 5 and not self.place_prep.fullmatch(m))


def _right_after(patterns: list[str], config: dict) -> re.Pattern:
    """Words that stand right after a match (spaces or a comma between), to ``.match``
    at its end; a hyphenated clitic is part of them ("recusou-se a comentar")."""
    if not patterns:
        return NEVER
    return re.compile(rf"[\s,]*(?:{alternation(patterns, config.get('letters'))})(?!\w)", re.IGNORECASE)


def _words(items: list[str] | None) -> frozenset[str]:
    return frozenset(str(item).casefold() for item in items or ())


def _entry(plover_type: str, item: str | dict, config: dict, prefixes: tuple[str, str, str]) -> Entry:
    prefix, verb_prefix, suffix = prefixes
    letters = config.get("letters")
    spec = item if isinstance(item, dict) else {"p": item}
    return Entry(
        type=plover_type,
        subtype=spec.get("sub"),
        needs_argument=bool(spec.get("noun", False)),
        needs_territory=bool(spec.get("territory", False)),
        pattern=re.compile(
            rf"{verb_prefix if spec.get('verb') else prefix}(?:{expand(spec['p'], letters)}){suffix}(?![\w-])",
            re.IGNORECASE,
        ),
        pos=frozenset(spec.get("pos") or ()),
        requires=word_regex(spec["requires"], config) if spec.get("requires") else None,
        unless=word_regex(spec["unless"], config) if spec.get("unless") else None,
        possessor_is_target=spec.get("possessor") == "target",
        genitive=spec.get("genitive"),
        modal=bool(spec.get("modal", False)),
    )


@cache
def event_lexicon(language: str) -> EventLexicon | None:
    """Compile ``events.yaml`` once per process; None for languages without one."""
    config = resources.load(language, "events")
    if not config.get("triggers"):
        return None
    prefix, suffix = config.get("prefix", ""), config.get("suffix", "")
    verb_prefix = config.get("verb_prefix", prefix)  # verbs take no article: فجر, not الفجر
    entries = tuple(
        _entry(plover_type, item, config, (prefix, verb_prefix, suffix))
        for plover_type, items in config["triggers"].items()
        for item in items
    )
    body = "|".join(guarded(entry.pattern.pattern, re.IGNORECASE) for entry in entries)
    quotes = resources.load(language, "quotes")
    reporting = (quotes.get("speaker_first") or []) + (quotes.get("speaker_after") or [])
    return EventLexicon(
        language=language,
        # "Turkish-backed" is a description, not a backing: no trigger inside a hyphenated word
        triggers=re.compile(rf"(?<![\w-])(?:{body})", re.IGNORECASE),
        entries=entries,
        hypothetical=word_regex(config.get("hypothetical", []), config, affixes=False),
        negation=word_regex(config.get("negation", []), config, affixes=False),
        obligation=word_regex(config.get("obligation", []), config, affixes=False),
        intention=word_regex(config.get("intention", []), config, affixes=False),
        threat_frames=word_regex(config.get("threat_frames", []), config, affixes=False),
        denial=word_regex(config.get("denial", []), config, affixes=False),
        background=word_regex(config.get("background", []), config, affixes=False),
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
        passive_trigger=re.compile(config.get("passive_trigger", NEVER.pattern), re.IGNORECASE),
        active_form=re.compile(config.get("active_form", NEVER.pattern), re.IGNORECASE),
        place_prep=word_regex(config.get("place_prepositions", []), config, affixes=False),
        territory=word_regex(config.get("territory", []), config),
        anaphora=word_regex(config.get("anaphora", []), config, affixes=False),
        relative=word_regex(config.get("relatives", []), config, affixes=False),
        agent_markers=_words(config.get("agent_markers")),
        target_markers=_words(config.get("target_markers")),
        light_verbs=word_regex(config.get("light_verbs", []), config, affixes=False),
        responsibility=word_regex(config.get("responsibility", []), config, affixes=False),
        withheld_speech=_right_after(config.get("withheld_speech", []), config),
        not_event_date=word_regex(config.get("not_event_date", []), config, affixes=False),
        ongoing_since=word_regex(config.get("ongoing_since", []), config, affixes=False),
        place_relation=re.compile(config["place_relation"], re.IGNORECASE)
        if config.get("place_relation") else NEVER,
        reporting=word_regex(reporting, quotes) if reporting else NEVER,
        future_form=re.compile(config["future_form"], re.IGNORECASE) if config.get("future_form") else NEVER,
        genitive_markers=_words(config.get("genitive_markers")),
        casualties={
            kind: word_regex(patterns, config) for kind, patterns in (config.get("casualties") or {}).items()
        },
        qualifiers={
            name: word_regex(patterns, config, affixes=False)
            for name, patterns in (config.get("qualifiers") or {}).items()
        },
        numbers=_number_words(language, config),
        cue_window=int(config.get("cue_window", 40)),
        verb_first=resources.manifest(language).verb_first or bool(config.get("verb_first", False)),
        verb_final=resources.manifest(language).verb_final,
        mood_after=resources.manifest(language).verb_final or resources.manifest(language).mood_after,
    )


def _number_words(language: str, config: dict) -> dict[str, int]:
    """Number words of the language: the time-expression table (``num``) and the event
    lexicon's own additions (``numbers``: "dozens", "hundreds")."""
    words: dict[str, int] = {}
    for word, value in (read_yaml(lang_dir(language), "normalization").get("num") or {}).items():
        if str(value).isdigit() and int(value) > 0:
            words[str(word).casefold()] = int(value)
    for word, value in (config.get("numbers") or {}).items():
        words[str(word).casefold()] = int(value)
    # 0 takes a word out ("un" is "one" in dates and an article before casualties)
    return {word: value for word, value in words.items() if value > 0}


@dataclass(frozen=True)
class ActorLexicon:
    """Nominal actor descriptions and demonyms of one language."""

    nominal: re.Pattern
    nominal_parts: tuple[tuple[str, re.Pattern], ...]  # (agent code, one pattern), for the longest reading
    agents: tuple[str, ...]
    demonym: re.Pattern  # one named group per demonym: d<index into countries>
    countries: tuple[str, ...]
    modifier: re.Pattern
    pronoun: re.Pattern
    relative: re.Pattern
    unnamed: re.Pattern
    person_pronouns: frozenset[str]  # he, she, dia: the last person named
    group_pronouns: frozenset[str]  # they, it: the last actor of the text
    weapons: re.Pattern = NEVER  # drones, missiles, warplanes: a side the words do not name

    def longest_nominal(self, text: str, match: re.Match) -> tuple[str | None, int]:
        """The agent code and end of the longest description starting where ``match`` does
        ("government forces" is MIL, though "government" alone is GOV): a regex
        alternation takes the first alternative that matches, not the longest."""
        best_end, best_agent = match.end(), self.agents[int(match.lastgroup[1:])] if match.lastgroup else None
        for agent, part in self.nominal_parts:
            found = part.match(text, match.start())
            if found is not None and found.end() > best_end:
                best_end, best_agent = found.end(), agent
        return best_agent, best_end

    def country(self, match: re.Match) -> str | None:
        """The country code of a demonym match."""
        return self.countries[int(match.lastgroup[1:])] if match.lastgroup else None


@cache
def actor_lexicon(language: str) -> ActorLexicon:
    """Compile ``actors.yaml`` once per process (an empty lexicon when missing)."""
    config = resources.load(language, "actors")
    letters = config.get("letters")
    prefix = config.get("prefix", "")
    groups: list[str] = []
    agents: list[str] = []
    parts: list[tuple[str, re.Pattern]] = []
    for index, (agent, patterns) in enumerate((config.get("nominal") or {}).items()):
        agents.append(agent)
        groups.append(f"(?P<a{index}>{alternation(patterns, letters)})")
        parts.extend((agent, re.compile(rf"{prefix}(?:{expand(p, letters)})(?!\w)", re.IGNORECASE)) for p in patterns)
    nominal = (
        re.compile(rf"(?<!\w){prefix}(?:{'|'.join(groups)})(?!\w)", re.IGNORECASE) if groups else NEVER
    )
    demonym_items = list((config.get("demonyms") or {}).items())
    demonym_body = "|".join(
        f"(?P<d{i}>{expand(key, letters)})"
        for i, (key, _) in sorted(enumerate(demonym_items), key=lambda item: -len(item[1][0]))
    )
    return ActorLexicon(
        nominal=nominal,
        nominal_parts=tuple(parts),
        agents=tuple(agents),
        # case-sensitive: demonyms are capitalised, and "US" must not match "us"
        demonym=re.compile(rf"(?<!\w)(?:{demonym_body or NEVER.pattern})(?!\w)"),
        countries=tuple(code for _, code in demonym_items),
        modifier=re.compile(
            rf"(?:{alternation(config.get('modifiers') or [NEVER.pattern], letters)})\s+$", re.IGNORECASE
        ),
        pronoun=word_regex(config.get("pronouns", []), config, affixes=False),
        relative=word_regex(config.get("relatives", []), config, affixes=False),
        unnamed=word_regex(config.get("unnamed_sources", []), config),
        person_pronouns=_words(config.get("person_pronouns")),
        group_pronouns=_words(config.get("group_pronouns")),
        weapons=re.compile(rf"(?<!\w){prefix}(?:{alternation(config['weapons'], letters)})$", re.IGNORECASE)
        if config.get("weapons") else NEVER,
    )
