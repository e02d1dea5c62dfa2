"""Clauses and participants by position, for sentences without a parse.

Used where a language has no parser model (or a sentence is too long to parse): the
clause is the stretch between clause breaks (``clause_break`` of ``events.yaml``), the
actor the nearest candidate before the trigger and the target the nearest after it,
swapped for passives ("were killed by ...", "diserang"). The dependency rules of
:mod:`.dependencies` replace all of this where a parse exists.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from sitrep.analyse.events.lexicon import EventLexicon
from sitrep.model import Argument, Place


def clause_bounds(text: str, start: int, end: int, lo: int, hi: int, breaks: re.Pattern) -> tuple[int, int]:
    """The clause of the sentence [lo, hi) around the span [start, end)."""
    left = lo
    for match in breaks.finditer(text, max(lo, start - 400), start):
        left = match.end()
    right_match = breaks.search(text, end, hi)
    right = right_match.start() if right_match else hi
    while left < right and text[left] in " \t\n,":
        left += 1
    while right > left and text[right - 1] in " \t\n.,":
        right -= 1
    return left, right


def has_territory(text: str, t_end: int, c_end: int, places: list[Place], lexicon: EventLexicon) -> bool:
    """Whether a seizure verb has a place or a territorial noun as its object, not as the
    place of the act ("seized the town" is a capture, "seized a car bomb in a town" not)."""
    horizon = min(c_end, t_end + 60)
    starts = [p.start for p in places if t_end <= p.start < horizon]
    starts += [m.start() for m in lexicon.territory.finditer(text, t_end, horizon)]
    return any(not _in_place_phrase(text, start, lexicon, but_not=lexicon.target_markers) for start in starts)


def nearest_arguments(
    text: str,
    trigger: tuple[int, int],
    clause: tuple[int, int],
    candidates: list[Argument],
    lexicon: EventLexicon,
    towns: set[int],
) -> tuple[list[Argument], list[Argument]]:
    """Actor: nearest candidate before the trigger; target: nearest after; passives swap."""
    (t_start, t_end), (c_start, c_end) = trigger, clause
    # "haben ... gegen die Regierung demonstriert": whoever a protest or an attack is against
    # is never the one who acted, however near the trigger
    before = [c for c in candidates if c.end <= t_start and c.mention not in towns
              and not _in_place_phrase(text, c.start, lexicon, but_not=lexicon.target_markers)
              and not _after_opponent_marker(text, c.start, lexicon)]
    # "nahm in Berlin 20 Demonstranten fest", "serangan bom di Makassar": a town after a
    # place preposition says where (the event's place), never whom
    following = [c for c in candidates if c.start >= t_end and c.start < c_end]
    after = [c for c in following
             if not (c.mention in towns and _in_place_phrase(text, c.start, lexicon, but_not=lexicon.target_markers))
             ]
    in_clause = [c for c in before if c.start >= c_start]
    # "HTS, which led the charge": a relative clause takes its subject from before it
    relative = lexicon.relative.match(text, c_start) is not None
    actor = in_clause[-1] if in_clause else (before[-1] if before and relative else None)
    target = after[0] if after else None
    if lexicon.verb_final and in_clause:
        return _verb_final(text, t_start, t_end, c_start, in_clause, lexicon)
    if actor is None and lexicon.verb_first and following:
        # "هاجم مسلحون مركزا للشرطة": verb, subject, object
        actor = following[0]
        rest = [c for c in after if c is not actor]
        target = rest[0] if rest else None
    agent = None
    passive = lexicon.passive.search(text, t_end, min(c_end, t_end + 40))
    if passive:
        agent = next((c for c in after if passive.end() <= c.start <= passive.end() + 25), None)
    if agent is not None or passive_voice(text, t_start, t_end, c_start, lexicon):
        # "Two soldiers were killed (by rebels)": the subject is the target
        target = in_clause[-1] if in_clause else None
        actor = agent
    return copy_argument(actor), copy_argument(target)


def _word_before(text: str, start: int, wanted: Callable[[str], bool]) -> str:
    """The word that governs the word at ``start``: the one right before it, looking
    through a short lower-case word between (an article: "in a town", "gegen die
    Regierung") unless that word is itself ``wanted``. Empty at the start of the text."""
    words = text[max(0, start - 30):start].split()
    if len(words) >= 2 and len(words[-1]) <= 3 and not words[-1][0].isupper() and not wanted(words[-1]):
        words = words[:-1]
    return words[-1] if words else ""


def _in_place_phrase(text: str, start: int, lexicon: EventLexicon, but_not: frozenset[str] = frozenset()) -> bool:
    """Whether the word at ``start`` stands after a place preposition ("sumber daya di
    Ukraina", "talks in Moscow", "in a town"): it says where, it does not act and is not
    acted on. A short lower-case word between (an article) is looked through. ``but_not``:
    prepositions that also mark a target ("удар по Харькову")."""
    # lower case: sentence-initial "A Rússia" is an article, not "to"; one letter may be a
    # place preposition ("в Москве", "à Paris") unless it also marks a target ("a", "à")
    word = _word_before(text, start, lambda w: lexicon.place_prep.fullmatch(w) is not None)
    return (bool(word) and not word[0].isupper() and lexicon.place_prep.fullmatch(word) is not None
            and word.casefold() not in but_not)


def _after_opponent_marker(text: str, start: int, lexicon: EventLexicon) -> bool:
    """Whether the word at ``start`` is whom an act is against ("gegen die Regierung")."""
    markers = lexicon.opponent_markers
    return _word_before(text, start, lambda w: w.casefold() in markers).casefold() in markers


def _verb_final(text: str, t_start: int, t_end: int, c_start: int, in_clause: list[Argument],
                lexicon: EventLexicon) -> tuple[list[Argument], list[Argument]]:
    """Subject-object-verb clauses: "PKK'lı teröristler ... askerleriyle çatıştı" (subject
    first, object last); a passive's agent stands right before its marker ("teröristler
    tarafından saldırıya uğradı") and its subject is the target."""
    marker = _last_agent_marker(text, c_start, t_start, lexicon)
    if marker is not None:
        agent = [c for c in in_clause if c.end <= marker]
        actor = agent[-1] if agent else None
        rest = [c for c in in_clause if c is not actor]
        return copy_argument(actor), copy_argument(rest[0] if rest else None)
    if passive_voice(text, t_start, t_end, c_start, lexicon):
        return [], copy_argument(in_clause[0])
    return copy_argument(in_clause[0]), copy_argument(in_clause[-1] if len(in_clause) > 1 else None)


def _last_agent_marker(text: str, start: int, end: int, lexicon: EventLexicon) -> int | None:
    """Where the last passive-agent marker before the trigger starts ("tarafından")."""
    found = None
    for match in lexicon.passive.finditer(text, start, end):
        found = match.start()
    for word in lexicon.agent_markers:
        at = text.rfind(word, start, end)
        if at >= 0 and (found is None or at > found):
            found = at
    return found


def passive_voice(text: str, t_start: int, t_end: int, c_start: int, lexicon: EventLexicon) -> bool:
    """A passive verb form: an auxiliary right before the trigger ("were killed", "fueron
    detenidos") or a passive trigger form ("diserang")."""
    if lexicon.passive_trigger.match(text, t_start, t_end):
        return True
    if lexicon.active_form.fullmatch(text, t_start, t_end):
        return False
    return lexicon.passive_aux.search(text, max(c_start, t_start - 30), t_start) is not None


def copy_argument(arg: Argument | None) -> list[Argument]:
    """A fresh Argument, so that two events never share (and mutate) one object."""
    return [Argument(**vars(arg))] if arg is not None else []


_FIRST_WORD = re.compile(r"\W*(\w+)")


def cue_window(text: str, clause: tuple[int, int], trigger: tuple[int, int], lexicon: EventLexicon,
               sentence_start: int | None = None) -> str:
    """The words shortly before a trigger in its clause, where mood cues stand (and, in a
    verb-final or verb-second language, the words after it, where its mood suffixes,
    auxiliaries and negation are: "saldırmakla tehdit etti", "griff ... nicht an"). A
    sentence opened by a mood word ("Apakah ... berubah menjadi serangan ..." - whether it
    turns into an offensive) puts every clause up to the trigger under it."""
    before = text[max(clause[0], trigger[0] - lexicon.cue_window) : trigger[0]]
    if sentence_start is not None:
        opener = _FIRST_WORD.match(text, sentence_start, trigger[0])
        if opener is not None and lexicon.hypothetical.fullmatch(opener.group(1)):
            before = f"{opener.group(1)} {before}"
    if lexicon.mood_after:
        return before + " " + text[trigger[0] : min(clause[1], trigger[1] + lexicon.cue_window)]
    return before
