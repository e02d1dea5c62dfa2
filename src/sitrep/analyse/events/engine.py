"""The lexicon engine: PLOVER events from trigger lexicons and a dependency parse.

1. Triggers: the language's trigger patterns (``events.yaml``) over each sentence, with
   the guards an analyst takes for granted: a trigger inside a name ("Rapid Support
   Forces") or a reporting verb ("confirmed", "said") is no event; a reading's
   ``requires``/``unless`` words and parts of speech decide ambiguous words (a labour
   strike against an air strike; "march" the verb, not the month); a harm without a
   perpetrator ("killed in a flood") is no ASSAULT.
2. Participants from the parse (:mod:`.dependencies`), or by position where the language
   has no parser (:mod:`.proximity`). A pronoun stands for the last person ("he") or
   the last actor ("they") named before it.
3. Status and PLOVER reading from the trigger's frame (:mod:`.status`); an event dated
   more than a year before publication is background.
4. Date, place and casualty counts (:mod:`.anchoring`, :mod:`.casualties`).

Only sentences with a trigger are parsed, so the parser's cost follows the news content
of a document, not its length.
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from dataclasses import dataclass, field, replace

from spacy.tokens import Token

from sitrep import resources
from sitrep.analyse import dateline
from sitrep.analyse.events import anchoring, dependencies, proximity
from sitrep.analyse.events.candidates import actor_candidates, demonym_argument
from sitrep.analyse.events.casualties import counted, find_casualties
from sitrep.analyse.events.lexicon import ActorLexicon, Entry, EventLexicon, actor_lexicon, event_lexicon
from sitrep.analyse.events.participants import ParticipantReader, copy_argument
from sitrep.analyse.events.patterns import sentence_spans
from sitrep.analyse.events.status import SPEECH, Frame, plover_reading, status_of
from sitrep.analyse.syntax import Parse, Parser
from sitrep.model import Argument, Casualty, Event, Mention, NoiseSpan, Place, Sentence, Span, Timex

_PARAGRAPH = re.compile(r"\n\s*\n")
_ANAPHORIC = re.compile(r"(?i)(?:this|that|these|those|the|its|their)\s")  # an event told before
# the events a kind of count can belong to: the killing is the attack, the arrest the coercion
CASUALTY_TYPES = {
    "killed": ("ASSAULT",), "injured": ("ASSAULT",), "missing": ("ASSAULT",),
    "arrested": ("COERCE",), "displaced": ("ASSAULT", "COERCE", "RETREAT"),
}


@dataclass
class DocumentContext:
    """What the event stage reads of one document."""

    text: str
    language: str
    sentences: list[Sentence]
    mentions: list[Mention]
    timexes: list[Timex]
    places: list[Place]
    noise: list[NoiseSpan]
    published: str | None = None
    parses: dict[int, Parse] = field(default_factory=dict)  # sentence index -> parse
    use_parser: bool = True
    # trigger words already found (sentence start -> matches), see LexiconEngine.trigger_words
    trigger_words: dict[int, list[re.Match]] | None = None


@dataclass
class _Trigger:
    start: int
    end: int
    entry: Entry
    clause: tuple[int, int]
    others: list[tuple[Entry, int, tuple[int, int]]] = field(default_factory=list)  # next readings, in order

    def readings(self) -> list[_Trigger]:
        """This reading, then the others that hold at the same position."""
        return [self] + [_Trigger(self.start, end, entry, clause) for entry, end, clause in self.others]


def published_day(value: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(str(value)[:10]) if value else None
    except ValueError:
        return None


class LexiconEngine:
    """Events of one document from the language's lexicon (and parse, where there is one)."""

    name = "lexicon"

    def __init__(self, language: str) -> None:
        self.language = language
        self.lexicon: EventLexicon | None = event_lexicon(language)
        self.actors: ActorLexicon = actor_lexicon(language)

    @property
    def covers(self) -> bool:
        return self.lexicon is not None

    def trigger_words(self, text: str, sentences: list[Sentence]) -> dict[int, list[re.Match]] | None:
        """The trigger words of each sentence (by its start), found before the document's
        names and places are known, so that the sentences :meth:`extract` will parse can
        be parsed for many documents in one batch
        (:func:`sitrep.analyse.pipeline.parse_ahead`); :meth:`extract` takes them from
        the context instead of looking again. None where the language is not parsed."""
        if self.lexicon is None or not Parser.available(self.language):
            return None
        return {s.start: list(self.lexicon.triggers.finditer(text, s.start, s.end))
                for s in sentence_spans(text, sentences)}

    def extract(self, ctx: DocumentContext) -> list[Event]:
        lexicon = self.lexicon
        if lexicon is None:
            return []
        text = ctx.text
        spans = sentence_spans(text, ctx.sentences)
        scanned = ctx.trigger_words
        if scanned is not None and set(scanned) != {s.start for s in spans}:
            scanned = None
        found: dict[int, list[_Trigger]] = {}
        noise = sorted((n.start, n.end) for n in ctx.noise)
        for index, sentence in enumerate(spans):
            nearby = [n for n in noise if n[0] < sentence.end and sentence.start < n[1]]
            if any(s <= sentence.start and sentence.end <= e for s, e in nearby):
                continue  # a link list, a caption, another story's headline
            matches = scanned[sentence.start] if scanned is not None else None
            triggers = [t for t in self._triggers(text, sentence, ctx.places, ctx.mentions, matches)
                        if not any(s < t.end and t.start < e for s, e in nearby)]
            if triggers:
                found[index] = triggers
        if found:  # quotation marks are paired only where there is something to rule out
            labels = _scare_quotes(text, self.language)
            found = {index: kept for index, triggers in found.items()
                     if (kept := [t for t in triggers if not any(s <= t.start and t.end <= e for s, e in labels)])}
        if not found:
            return []
        parses = self._parse(ctx, spans, found)
        state = _DocumentState(ctx, spans, lexicon, self.actors)
        events: list[Event] = []
        for index, triggers in found.items():
            events.extend(state.sentence_events(index, triggers, parses.get(index)))
        state.anchor(events)
        return events

    # -- triggers ----------------------------------------------------------------------

    def _triggers(self, text: str, sentence: Sentence, places: list[Place], mentions: list[Mention],
                  matches: list[re.Match] | None = None) -> list[_Trigger]:
        lexicon = self.lexicon
        assert lexicon is not None
        out: list[_Trigger] = []
        consumed = sentence.start
        if matches is None:
            matches = list(lexicon.triggers.finditer(text, sentence.start, sentence.end))
        for match in matches:
            if match.start() < consumed:
                continue
            readings = self._readings(text, match.start(), sentence, places)
            if not readings:
                continue
            entry, t_end, clause = readings[0]
            if _inside_name(match.start(), t_end, mentions):
                continue  # "Rapid Support Forces", "Support Group for Islam"
            consumed = t_end
            out.append(_Trigger(match.start(), t_end, entry, clause, readings[1:]))
        return out

    def _readings(self, text: str, t_start: int, sentence: Sentence, places: list[Place]):
        """The lexicon entries a trigger position may stand for, best first: the longest
        match whose conditions hold, lexicon order breaking ties ("seized the town" is a
        capture, "seized weapons" a coercion). Each is (entry, trigger end, clause); the
        parse later rules out readings whose part of speech does not fit."""
        lexicon = self.lexicon
        assert lexicon is not None
        readings = []
        for order, entry in enumerate(lexicon.entries):
            match = entry.pattern.match(text, t_start, sentence.end)
            if match is not None and match.end() > t_start:
                readings.append((-(match.end() - t_start), order, entry, match.end()))
        out = []
        for _, _, entry, t_end in sorted(readings, key=lambda r: (r[0], r[1])):
            clause = proximity.clause_bounds(text, t_start, t_end, sentence.start, sentence.end, lexicon.clause_break)
            if entry.needs_territory and not proximity.has_territory(text, t_end, clause[1], places, lexicon):
                continue
            if entry.requires is not None and not entry.requires.search(text, *clause):
                continue
            if entry.unless is not None and entry.unless.search(text, *clause):
                continue
            out.append((entry, t_end, clause))
        return out

    def _parse(self, ctx: DocumentContext, spans: list[Sentence], found: dict[int, list]) -> dict[int, Parse]:
        if not ctx.use_parser or not resources.manifest(self.language).parser:
            return {}
        missing = [i for i in found if i not in ctx.parses]
        if missing:
            parser = Parser.for_language(self.language)
            if parser is None:
                return ctx.parses
            starts = [dateline.words_start(ctx.text, spans[i].start, spans[i].end) for i in missing]
            sentences = [(start, ctx.text[start:spans[i].end]) for start, i in zip(starts, missing, strict=True)]
            dates = [(t.start, t.end) for t in ctx.timexes if t.type in ("DATE", "TIME")]
            for i, parse in zip(missing, parser.parse(sentences), strict=True):
                own = [d for d in dates if spans[i].start <= d[0] and d[1] <= spans[i].end]
                dependencies.promote_main_verbs(parse, own)
                dependencies.promote_verbal_adjectives(parse, own)
                dependencies.detach_dates(parse, own)
                ctx.parses[i] = parse
        return ctx.parses


SCARE_QUOTE_WORDS = 6


def _scare_quotes(text: str, language: str) -> list[tuple[int, int]]:
    """Short quotations (at most six words): a label put on something, not a report of it
    ("described what happened as “a large-scale terrorist attack”", 'called it a
    "massacre"'). A trigger inside one is no new event."""
    from sitrep.analyse.quotes import quotations, quote_lexicon  # quotes build on this package

    lexicon = quote_lexicon(language)
    if lexicon is None:
        return []
    return [(start, end) for _, _, start, end in quotations(text, lexicon.pairs)
            if len(text[start:end].split()) <= SCARE_QUOTE_WORDS]


def _inside_name(start: int, end: int, mentions: list[Mention]) -> bool:
    """Whether a trigger lies inside a name the entity stage found (its words are part of
    the name, not an act)."""
    return any(m.start <= start and end <= m.end and m.end - m.start > end - start for m in mentions)


# how old a stated date may be and still date the sentences after it: news comes back to
# the present after "the treaty the two presidents signed last May"
NARRATIVE_DAYS = 30


class _DocumentState:
    """One document's pass: candidates per sentence, pronoun antecedents, anchors."""

    def __init__(self, ctx: DocumentContext, spans: list[Sentence], lexicon: EventLexicon,
                 actors: ActorLexicon) -> None:
        self.ctx = ctx
        self.text = ctx.text
        self.spans = spans
        self.lexicon = lexicon
        self.actors = actors
        self.mention_starts = [m.start for m in ctx.mentions]
        self.towns = _towns(ctx.mentions, ctx.places)
        # "Moscow said", "Washington demanded": a capital speaks and deals for its government
        capitals = self.towns & _towns(ctx.mentions, [p for p in ctx.places if p.feature_code == "PPLC"])
        self.mute_towns = self.towns - capitals  # towns that never act, not even in speech
        self.reader = ParticipantReader(ctx.text, ctx.language, ctx.mentions, actors, ctx.places, lexicon.territory,
                                        lexicon.count_words, lexicon.place_prep, lexicon.genitive_markers)
        self.determiners = resources.determiners(ctx.language)
        self.earlier: dict[str, Event] = {}  # the last reported event of each type
        self.retold: list[tuple[Event, int, int, int]] = []  # (event, sentence, trigger span) told again
        self.kinds: list[tuple[int, tuple[int, int], str, str]] = []  # subtypes of bare nouns, by clause
        self.sole: dict[str, int] = {}  # type -> start of the sentence's only trigger of it
        self.counts: list[tuple[Casualty, int]] = []  # the sentence's casualty counts, where each number ends
        self.instruments: list[tuple[int, int]] = []  # the sentence's weapons read as an act's means
        self.requests: list[tuple[int, int]] = []  # the sentence's request triggers ("demanded that ...")

    # -- per sentence --------------------------------------------------------------------

    def _candidates(self, sentence: Sentence) -> list[Argument]:
        lo = bisect.bisect_left(self.mention_starts, sentence.start)
        hi = bisect.bisect_left(self.mention_starts, sentence.end)
        found = actor_candidates(self.text, self.ctx.language, sentence.start, sentence.end,
                                 self.ctx.mentions, self.ctx.places, range(lo, hi))
        # "مئات المعلمين" (hundreds of teachers): a count right before a group is no actor of its own
        quantities = self.reader.quantities
        return [c for i, c in enumerate(found)
                if not (c.nominal and c.mention is None and c.text.casefold() in quantities
                        and i + 1 < len(found) and not self.text[c.end:found[i + 1].start].strip())]

    def sentence_events(self, index: int, triggers: list[_Trigger], parse: Parse | None) -> list[Event]:
        sentence = self.spans[index]
        candidates = self._candidates(sentence)
        question = _is_question(self.text[sentence.start:sentence.end])
        trigger_spans = [(t.start, t.end) for t in triggers if not t.entry.modal]  # "must" frames, it is no act
        self.requests = [(t.start, t.end) for t in triggers if t.entry.type == "REQUEST" and not t.entry.modal]
        # the trigger that alone names an act of its type in the sentence
        by_type: dict[str, list[int]] = {}
        for t in triggers:
            by_type.setdefault(t.entry.type, []).append(t.start)
        self.sole = {kind: starts[0] for kind, starts in by_type.items() if len(starts) == 1}
        timexes = [t for t in self.ctx.timexes if sentence.start <= t.start < sentence.end]
        self.counts = counted(self.text, sentence.start, sentence.end, self.lexicon, timexes)
        self.instruments = []
        out: list[Event] = []
        for trigger in triggers:
            for reading in trigger.readings():
                found = self._events(index, sentence, reading, candidates, parse, question, trigger_spans)
                if found is not None:
                    for event in found:
                        self._add(out, event, parse)
                    break
        out = [event for event in out if not self._part_of_another(event, out)]
        self._claimed_acts(out, sentence, candidates, parse)
        self.reader.describe([arg for event in out for arg in (*event.actors, *event.targets)])
        for event in out:  # a bare noun of the same act in the clause says what kind it was
            if event.subtype is None:
                event.subtype = next((sub for i, (s, e), kind, sub in self.kinds
                                      if i == index and kind == event.type and s <= event.trigger.start < e), None)
        return out

    def _add(self, out: list[Event], event: Event, parse: Parse | None = None) -> None:
        """Append an event, one per type, status and clause ("this offensive was fought by
        ...", "the bombings killed 200 people": the reading with participants wins, an
        actor before a target). Two verbs that the parse puts in clauses of their own are
        two acts, wherever the punctuation puts them ("The army, which has fought the
        rebels since 2023, shelled Khartoum")."""
        if out and (out[-1].type, out[-1].start, out[-1].status) == (event.type, event.start, event.status) \
                and not self._own_clauses(out[-1], event, parse):
            if _named(out[-1]) >= _named(event):
                return
            out.pop()
        out.append(event)
        if event.status == "reported":
            self.earlier[event.type] = event
            if event.actors:
                self.reader.last_actor = event.actors[0]

    def _part_of_another(self, event: Event, events: list[Event]) -> bool:
        """Whether an event's trigger is only a word of another act of its sentence: its
        target ("arrested 50 protesters", "50 göstericiyi gözaltına aldı"), for a protest
        word its actor too ("İsyancılar kenti ele geçirdi": the rebels seized the town), or
        the weapon it was done with ("قصفت مسيرات الدعم السريع": drones, not marches)."""
        start, end = event.trigger.start, event.trigger.end
        roles = [(a.start, a.end) for other in events if other is not event
                 for a in (other.targets + other.actors if event.type in CROWD_EVENTS else other.targets)]
        return any(s <= start and end <= e for s, e in roles + self.instruments)

    @staticmethod
    def _own_clauses(one: Event, other: Event, parse: Parse | None) -> bool:
        """Whether one of two verbal triggers heads a relative clause: an act of its own,
        told about a participant ("the army, which has fought ..., shelled"); "attacked the
        village, killing 12" and "attacked and killed" are one act told twice."""
        if parse is None:
            return False
        heads = [dependencies.trigger_head(parse, e.trigger.start, e.trigger.end) for e in (one, other)]
        if any(h is None or h.pos_ != "VERB" for h in heads) or heads[0].i == heads[1].i:
            return False
        return any(h.dep_ in ("acl:relcl", "relcl") for h in heads)

    def _events(self, index: int, sentence: Sentence, trigger: _Trigger, candidates: list[Argument],
                parse: Parse | None, question: bool, trigger_spans: list[tuple[int, int]]) -> list[Event] | None:
        """The event a trigger stands for, and the verbal event PLOVER reads in its frame
        ("will withdraw": a planned RETREAT and an AGREE); none when a guard rules it out,
        None when the reading's part of speech does not fit (the next reading is tried)."""
        lexicon, text, entry = self.lexicon, self.text, trigger.entry
        named_by_act: list[Argument] = []
        towns = self.mute_towns if entry.type in METONYMIC and parse is not None else self.towns
        if entry.modal:
            return self._demand(index, trigger, candidates, parse, trigger_spans)
        roles = None
        if parse is not None:
            is_agent_noun = self._is_agent_noun(parse, candidates)
            roles = dependencies.roles(parse, trigger.start, trigger.end, lexicon,
                                       self._is_reporting(parse), self._is_actor_word(parse, candidates),
                                       entry.genitive or ("actor" if entry.type in CROWD_EVENTS else None),
                                       entry.possessor_is_target, is_agent_noun,
                                       intransitive=entry.type in CROWD_EVENTS)
        if roles is not None:
            if entry.pos and roles.head.pos_ not in entry.pos:
                return None
            if roles.head.pos_ == "PROPN" and not roles.verbal and not roles.head.text.islower():
                return []  # a name the entity stage missed ("Support Group for Islam"); a
                # lower-case word is none, whatever the tagger made of it ("vetoed")
            if (self._is_reporting(parse)(roles.head) and trigger.end - trigger.start < 12
                    and entry.type not in SPEECH):
                return []  # "said", "conceded": speech, not the act ("warned", "accused" are acts)
            actors = self._arguments(roles.actors, parse, candidates, "actor", towns)
            targets = self._arguments(roles.targets, parse, candidates, "target", towns)
            if not targets and entry.type == "REQUEST" and roles.verbal:
                # "demanded that Hamas renounce ...": the one asked is who is to do it
                asked = [s for c in roles.head.children if c.dep_ == "ccomp" for s in c.children if s.dep_ == "nsubj"]
                targets = self._arguments(asked, parse, candidates, "target", towns)
            if not actors and roles.verbal and not roles.passive \
                    and not any(c.dep_ in dependencies.SUBJECTS for c in roles.head.children):
                actors = self._adjacent_subject(parse, trigger, candidates)
            if (not actors and not roles.verbal and entry.type in CROWD_EVENTS and is_agent_noun(roles.head)
                    and not any("Def" in d.morph.get("Definite") for d in roles.head.children)):
                # "protesters blocked the road": people named by their protest are its actors;
                # "the protesters chanted" tells again of a crowd met before
                named_by_act = self._arguments([roles.head], parse, candidates, "actor", towns)
            frame = self._frame(roles.head, parse, question, trigger_spans, trigger)
        else:
            actors, targets = proximity.nearest_arguments(
                text, (trigger.start, trigger.end), trigger.clause, candidates, lexicon, self.towns)
            if entry.needs_argument and (side := self._demonym_beside(trigger, sentence, candidates)):
                # "einem russischen Raketenangriff", "الغارة الاسرائيلية": the side whose act it is
                actors = side
                targets = [t for t in targets if not any(_same_span(t, a) for a in actors)]
            window = proximity.cue_window(text, trigger.clause, (trigger.start, trigger.end), lexicon, sentence.start)
            frame_trigger = any(trigger.clause[0] <= s and e <= trigger.start for s, e in trigger_spans)
            frame = Frame(own=window, question=question, frame_is_trigger=frame_trigger)
        if _excluded(text, trigger.clause, entry.type, lexicon):
            return []
        if entry.type == "REJECT" and lexicon.withheld_speech.match(text, trigger.end):
            return []  # "refused to comment", "enggan menuturkan": silence, not a rejection of anything
        # an event noun is not a participant ("this offensive was fought by ..."), and an
        # actor is someone: a name, a described actor ("rebels", "the ministry"), not a
        # thing ("the plan calls for ...", "a murderous rampage")
        referred = self._referred_type(roles, entry.type, is_agent_noun) if roles is not None else None
        earlier = self.earlier.get(referred) if referred else None
        if earlier is not None:
            # "this offensive was fought by ... and supported by ...", "the Aug. 7 bombings
            # killed 200": the event told before, with more participants or its date
            earlier.actors += [a for a in actors if not self._is_trigger_word(a) and self._is_someone(a)
                               and all((a.start, a.end) != (b.start, b.end) for b in earlier.actors)]
            self.retold.append((earlier, index, trigger.start, trigger.end))
            return []
        by_phrase = roles is not None and roles.passive  # "kidnapped by dissidents": an agent all the same
        # only people march, strike or riot: whoever is the subject of such a verb, or
        # whose such an act is, is an actor, named or not ("los cultivadores de coca que
        # protestan", "the miners struck", "la protesta de los tetracampeones")
        crowd = entry.type in CROWD_EVENTS and roles is not None
        dated = [a for a in actors if self._is_time(a)]
        actors = [a for a in actors if not self._is_trigger_word(a) and not self._is_time(a)
                  and (by_phrase or crowd or self._is_someone(a)) and not _inside(a, trigger)] + named_by_act
        if not actors and dated and parse is not None and roles is not None and roles.verbal and not roles.passive:
            # "Yasser Arafat Wednesday rejected ...": the parse took the day for the subject;
            # the name right before the day is the one who acted
            actors = self._adjacent_subject(parse, replace(trigger, start=dated[0].start), candidates)
        actors = self._wielders(actors, candidates, parse)
        # "un ataque con drones contra Kharkiv": the weapon an act used is no target of it
        targets = [t for t in targets if not self._is_trigger_word(t) and not self._is_time(t)
                   and not _inside(t, trigger) and not (self._is_weapon(t) and not _has_side(t))]
        victims = self._victims(entry.type, trigger.start, candidates)
        if victims:  # "وقتل 17 شخصا", "killed 17 people": the people counted were killed
            actors = [a for a in actors if not any(_same_span(a, v) for v, _ in victims)]
            own = [v for v, counted_by_trigger in victims if counted_by_trigger]
            if own:  # the trigger is the killing word: its count is its object
                targets = own[:1] + [t for t in targets if not _same_span(t, own[0])]
        if not targets:
            targets = self._after_preposition(trigger, candidates) or self._opposed(trigger, candidates, parse is None)
        if entry.needs_argument and not (actors or targets or (self.sole.get(entry.type) == trigger.start
                                                               and self._counts_in(entry.type))):
            if entry.subtype:  # "a car bomb explosion ... killed 12": the kind of the killing
                self.kinds.append((index, trigger.clause, entry.type, entry.subtype))
            return []
        if victims and not targets:  # "clashes ... in which 15 gunmen were killed"
            targets = [v for v, _ in victims[:1]]
        if entry.type not in HARM_TYPES:  # "rejected the proposal": a thing, not an addressee
            targets = [t for t in targets if self._is_someone(t)]
        status, obligation = status_of(frame, lexicon)
        if status == "reported" and lexicon.future_form.fullmatch(text[trigger.start:trigger.end].split()[0]):
            status = "planned"  # "atacará", "frappera", "سيهاجم": the verb form is a future
        plover_type, reading_status, note = plover_reading(entry.type, status, obligation, frame, lexicon)
        actors = [a for a in actors if a.mention not in towns]
        for arg in actors + targets:
            arg.sentence = index
        c_start, c_end = trigger.clause
        confidence = _confidence(actors, targets, text[trigger.start:trigger.end], parse is not None)

        def event(plover: str, subtype: str | None, state: str) -> Event:
            return Event(
                start=c_start, end=c_end, text=text[c_start:c_end], sentence=index, type=plover, subtype=subtype,
                trigger=Span(start=trigger.start, end=trigger.end, text=text[trigger.start:trigger.end],
                             sentence=index),
                actors=[copy_argument(a) for a in actors], targets=[copy_argument(t) for t in targets], status=state,
                confidence=confidence,
            )

        if plover_type == entry.type:
            return [event(plover_type, entry.subtype, reading_status)]
        # the act as stated (planned, refused ...) and the verbal event PLOVER codes for it
        reading = event(plover_type, note, reading_status)
        if obligation and plover_type == "REQUEST":
            # "Russia said Sudan must return the helicopter": Russia demands, of Sudan
            demander = self._demander(roles.head, parse, candidates) if roles is not None else None
            reading.targets = reading.actors
            reading.actors = [replace(demander, sentence=index)] if demander is not None else []
        return [reading, event(entry.type, entry.subtype, status)]

    def _demand(self, index: int, trigger: _Trigger, candidates: list[Argument], parse: Parse | None,
                trigger_spans: list[tuple[int, int]]) -> list[Event]:
        """"The Bush administration declared that China must drop barriers": an obligation
        laid in reported speech on someone is the speaker's demand of them, whatever the act
        demanded. Only with a parse, a speaker and someone obliged; an act that is a trigger
        itself is read with its own obligation reading instead."""
        modal = dependencies.trigger_head(parse, trigger.start, trigger.end) if parse is not None else None
        if modal is None:
            return []
        if modal.dep_.startswith("aux"):  # "Iran must release", "Irán debe liberar"
            clause = verb = modal.head
        else:  # "l'Iran doit libérer", "o Irã deve libertar": the modal heads, the act is its xcomp
            clause, verb = modal, next((c for c in modal.children if c.dep_ == "xcomp"), None)
        if verb is None or verb.i == modal.i or any(s <= parse.start_of(verb) < e for s, e in trigger_spans):
            return []
        demander = self._demander(clause, parse, candidates)
        obliged = [self.reader.argument(c, parse, candidates, "target") for c in clause.children
                   if c.dep_ in ("nsubj", "nsubj:pass")]
        obliged = [o for o in obliged if o is not None and o.mention not in self.mute_towns and self._is_someone(o)]
        if demander is None or not obliged:
            return []
        c_start, c_end = trigger.clause
        return [Event(
            start=c_start, end=c_end, text=self.text[c_start:c_end], sentence=index, type="REQUEST",
            subtype="demand", trigger=Span(start=trigger.start, end=trigger.end,
                                           text=self.text[trigger.start:trigger.end], sentence=index),
            actors=[replace(demander, sentence=index)], targets=[replace(o, sentence=index) for o in obliged[:1]],
            confidence=_confidence([demander], obliged[:1], self.text[trigger.start:trigger.end], True),
        )]

    def _demander(self, head: Token, parse: Parse, candidates: list[Argument]) -> Argument | None:
        """Who lays an obligation told in reported speech: the subject of the reporting verb
        that governs the act ("Russia said ... must return")."""
        reporting = dependencies.frame_tokens(head)[1]
        if reporting is None or dependencies.is_passive(reporting):
            return None
        for subject in (c for c in reporting.children if c.dep_ in dependencies.SUBJECTS):
            found = self.reader.argument(subject, parse, candidates, "actor")
            if found is not None and found.mention not in self.mute_towns and self._is_someone(found):
                return found
        return None

    def _demonym_beside(self, trigger: _Trigger, sentence: Sentence, candidates: list[Argument]) -> list[Argument]:
        """A demonym right before or right after a nominal trigger: the side whose act it is
        ("российский удар", "Rus saldırısı", "الغارة الاسرائيلية"). Not one that belongs to
        an actor's description ("نفذ الجيش الباكستاني ضربة": the army struck). Read by
        position only where there is no parse; a parse reads it as the noun's modifier."""
        left = max(sentence.start, trigger.start - _NEIGHBOUR)  # a word's reach: no scan of a long sentence
        before = re.search(r"([\w-]+)\s*$", self.text[left:trigger.start])
        after = re.match(r"\s*([\w-]+)", self.text[trigger.end:min(sentence.end, trigger.end + _NEIGHBOUR)])
        spans = []
        if before is not None:
            spans.append((left + before.start(1), left + before.end(1)))
        if after is not None:
            spans.append((trigger.end + after.start(1), trigger.end + after.end(1)))
        for start, end in spans:
            if any(c.start <= start and end <= c.end for c in candidates):
                continue
            found = demonym_argument(self.text, start, end, self.ctx.language)
            if found is not None:
                return [found]
        return []

    def _counts_in(self, plover_type: str) -> bool:
        """Whether the sentence counts casualties of such an act ("12 orang tewas dalam
        serangan bom"): a bare attack noun with a death toll is a reported attack."""
        return any(plover_type in CASUALTY_TYPES.get(c.kind, ()) for c, _ in self.counts)

    def _victims(self, plover_type: str, trigger_start: int, candidates: list[Argument]) -> list[tuple[Argument, bool]]:
        """The people a count after a casualty word numbers in the sentence ("killed 17
        people", "مقتل 17 شخصا", "погибли 34 человека"): victims, never the actor of the
        act, whatever the word order made of them; each with whether the trigger at
        ``trigger_start`` is that count's word. A count before its word is left to the
        parse ("Two gunmen killed ...")."""
        found = []
        for casualty, number_end in self.counts:
            if plover_type not in CASUALTY_TYPES.get(casualty.kind, ()) or number_end < casualty.end:
                continue
            own = casualty.start <= trigger_start < casualty.end
            found += [(copy_argument(c), own) for c in candidates
                      if number_end < c.start <= number_end + 2 and not self.text[number_end:c.start].strip()]
        return found

    def _after_preposition(self, trigger: _Trigger, candidates: list[Argument]) -> list[Argument]:
        """The target a trigger that ends on a preposition points at: "launched missiles at
        Kyiv", "lancé des missiles sur Kiev", "выпустила ракеты по Киеву"."""
        words = self.text[trigger.start:trigger.end].split()
        if len(words) < 3 or len(words[-1]) > 4 or not words[-1].islower():
            return []
        return self._name_at(trigger.end, candidates)

    def _opposed(self, trigger: _Trigger, candidates: list[Argument], by_position: bool) -> list[Argument]:
        """"protestaron en Santiago contra el gobierno": the name after a word that marks
        an opponent later in the trigger's clause, when the parse hung that phrase elsewhere.
        Read ``by_position`` (no parse), the phrase may also come before the trigger, as it
        does where the verb comes last ("haben gegen die Regierung demonstriert"); a parse
        would have given it to the trigger if it were its own ("protests against X appeared
        aimed at warning ...")."""
        if not self.lexicon.opponent_markers:
            return []
        c_start, c_end = trigger.clause
        if not by_position:
            c_start = trigger.end
        for word in re.finditer(r"\w+", self.text[c_start:c_end]):
            if trigger.start <= c_start + word.start() < trigger.end:
                continue
            if word.group().casefold() in self.lexicon.opponent_markers:
                found = self._name_at(c_start + word.end(), candidates)
                if found and not _inside(found[0], trigger):
                    return found
        return []

    def _name_at(self, position: int, candidates: list[Argument]) -> list[Argument]:
        """The candidate that starts right after ``position`` (past spaces and a determiner)."""
        rest = self.text[position:position + 40]
        start = position + len(rest) - len(rest.lstrip())
        first = rest.lstrip().split(" ", 1)[0]
        if first.casefold() in self.determiners:
            start += len(first) + 1
        found = [c for c in candidates if start <= c.start <= start + 1]
        return [copy_argument(found[0])] if found else []

    def _frame(self, head: Token, parse: Parse, question: bool, trigger_spans, trigger: _Trigger) -> Frame:
        own, reporting, controllers = dependencies.frame_tokens(head)
        own_text = " ".join(t.text for t in own if t.i != head.i)  # the trigger is not its own mood cue
        reporting_text = ""
        if reporting is not None:
            reporting_text = " ".join([c.text for c in reporting.children if c.dep_ in ("aux", "advmod")]
                                      + [reporting.text])
        others = [(s, e) for s, e in trigger_spans if (s, e) != (trigger.start, trigger.end)]
        frame_is_trigger = any(
            any(s <= parse.start_of(c) < e for s, e in others) for c in controllers
        )
        # background cues ("for years", "has long") anywhere in the trigger's clause: they
        # attach to the verb or, as often in a parse, to its object
        adjuncts = self.text[trigger.clause[0]:trigger.clause[1]]
        demanded = reporting is not None and any(s <= parse.start_of(reporting) < e for s, e in self.requests)
        return Frame(own=own_text, reporting=reporting_text, question=question, frame_is_trigger=frame_is_trigger,
                     adjuncts=adjuncts, demanded=demanded,
                     # a crowd's purpose clause is often hung on the object ("blocked the road to protest")
                     aimed=trigger.entry.type not in CROWD_EVENTS and dependencies.aimed_at_by_noun(head))

    def _adjacent_subject(self, parse: Parse, trigger: _Trigger, candidates: list[Argument]) -> list[Argument]:
        """A name or description right before an active verb the parse gave no subject
        ("al-Assad left Syria", "HTS, which led the charge"): the parse of such sentences
        is the likelier one to be wrong. Only with no other verb in between, so that the
        subject of "confirmed" in "the committee confirmed an attack" is never taken."""
        before = [c for c in candidates if trigger.clause[0] <= c.start and c.end <= trigger.start
                  and c.mention not in self.towns]
        if not before:
            return []
        nearest = before[-1]
        between = parse.tokens_in(nearest.end, trigger.start)
        if len(between) > 6 or any(t.pos_ == "VERB" for t in between):
            return []
        head = parse.head_of(nearest.start, nearest.end)
        if head is not None and head.dep_ in ("obj", "iobj") and head.head.i != head.i \
                and head.head.pos_ in ("VERB", "AUX"):
            return []  # "killed 257 people and injured ...": another verb's object
        read = self.reader.argument(head, parse, candidates, "actor") if head is not None else None
        return [read if read is not None else copy_argument(nearest)]  # "Iran, whose forces": Iran

    def _referred_type(self, roles: dependencies.Roles, own_type: str,
                       is_agent_noun=lambda _token: False) -> str | None:
        """The type of an event told before that a participant refers back to ("this
        offensive", "the attack"): the trigger's act is that event, told again. An event
        of another type tells it again only as its subject ("this offensive was supported
        by ..."); as its object it is a new act about it ("investigated the bombings")."""
        heads = roles.actors + roles.targets
        for token in heads + [c for h in heads for c in h.conjuncts]:
            match = self.lexicon.triggers.fullmatch(token.text)
            if match is None or not any(d.dep_ == "det" and _ANAPHORIC.match(d.text + " ") for d in token.children):
                continue
            if is_agent_noun(token):  # "the protesters rallied": people, not the protest told again
                continue
            readings = [e for e in self.lexicon.entries if e.pattern.fullmatch(token.text)]
            role = token.head.dep_ if token.dep_ == "conj" else token.dep_
            if readings and (readings[0].type == own_type or role in dependencies.SUBJECTS):
                return readings[0].type
        return None

    def _is_someone(self, arg: Argument) -> bool:
        """A name, a described actor with an agent code, or a group named by a capitalised
        word ("ethnic Albanians", "militant Protestants"); not a thing ("the plan")."""
        if arg.mention is not None or arg.agent or not arg.nominal:
            return True
        words = arg.text.split()
        return bool(words) and words[-1][:1].isupper() and resources.manifest(self.ctx.language).cased

    def _claimed_acts(self, events: list[Event], sentence: Sentence, candidates: list[Argument],
                      parse: Parse | None) -> None:
        """"The group claimed responsibility for the ambush that killed 20 soldiers": whoever
        claims an act did it. The attacks and abductions the claim names (after its words;
        before them where the verb ends the clause) take the claimant as actor where they
        name none."""
        lexicon = self.lexicon
        for cue in lexicon.responsibility.finditer(self.text, sentence.start, sentence.end):
            if lexicon.verb_final:
                acts = [e for e in events if e.trigger.end <= cue.start()]
            else:
                acts = [e for e in events if e.trigger.start >= cue.end()]
            acts = [e for e in acts if not e.actors and e.type in CLAIMED_TYPES]
            if not acts:
                continue
            first = min(e.trigger.start for e in acts)
            claimant = self._claimant(cue, first, sentence, candidates, parse)
            for act in acts if claimant is not None else ():
                act.actors = [copy_argument(claimant)]

    def _claimant(self, cue: re.Match, act_start: int, sentence: Sentence, candidates: list[Argument],
                  parse: Parse | None) -> Argument | None:
        """The subject of a claim of responsibility: by the parse, else by the language's word
        order (after the verb where it comes first, "تبنى تنظيم الدولة الهجوم"; before it
        elsewhere)."""
        if parse is not None:
            verbs = [t for t in parse.tokens_in(cue.start(), cue.end()) if t.pos_ in ("VERB", "AUX")]
            for verb in verbs[:1]:
                for subject in (c for c in verb.children if c.dep_ in dependencies.SUBJECTS):
                    found = self.reader.argument(subject, parse, candidates, "actor")
                    if found is not None and self._is_someone(found) and found.mention not in self.towns:
                        return found
        people = [c for c in candidates if self._is_someone(c) and c.mention not in self.towns
                  and not self._is_time(c)]
        if self.lexicon.verb_first:
            return next((c for c in people if cue.end() <= c.start and c.end <= act_start), None)
        before = [c for c in people if c.end <= min(cue.start(), act_start) and c.start >= sentence.start]
        return before[-1] if before else None

    def _wielders(self, actors: list[Argument], candidates: list[Argument], parse: Parse | None) -> list[Argument]:
        """Who acted where a weapon is named as the actor: its owner when the words name
        one ("militia drones", "the RSF's artillery", "drones de la milicia", "مسيرات الدعم
        السريع", "беспилотники ВСУ"); the weapon itself when a country's word gives its side
        ("Israeli warplanes", agent ``ISR MIL``); else the weapon as the words give it, with
        no agent code: "artillery pounded the town" does not say whose, and a bare "drones"
        coded as the military would credit the attack to an army that may not have fired
        (and give it the article's country)."""
        out = []
        for arg in actors:
            if not self._is_weapon(arg):
                out.append(arg)
                continue
            self.instruments.append((arg.start, arg.end))
            owner = self._owner_before(arg, candidates) or self._owner_after(arg, candidates, parse)
            if owner is not None:
                out.append(copy_argument(owner))
            elif _has_side(arg):
                out.append(arg)
            else:
                out.append(replace(arg, agent=None))
        return out

    def _owner_before(self, arg: Argument, candidates: list[Argument]) -> Argument | None:
        """The actor named right before a weapon ("militia drones", "Hezbollah's rockets")."""
        for cand in candidates:
            if cand.end > arg.start or cand.start >= arg.start or arg.start - cand.end > 4:
                continue
            if self._may_own(cand) and _OWNER_GAP.fullmatch(self.text[cand.end:arg.start]):
                return cand
        return None

    def _owner_after(self, arg: Argument, candidates: list[Argument], parse: Parse | None) -> Argument | None:
        """The actor the parse hangs on a weapon as its modifier after it ("los drones de
        la milicia", "مسيرات الدعم السريع", "беспилотники ВСУ")."""
        head = parse.head_of(arg.start, arg.end) if parse is not None else None
        if head is None:
            return None
        for child in head.children:
            if child.i <= head.i or child.dep_ not in ("nmod", "nmod:poss"):
                continue
            c_start = parse.start_of(child)
            for cand in candidates:
                if cand.start <= c_start < cand.end and cand.start >= arg.end and self._may_own(cand):
                    return cand
        return None

    def _is_weapon(self, arg: Argument) -> bool:
        """A weapon named by a common noun ("drones", "missiles", "Israeli warplanes")."""
        return arg.mention is None and arg.nominal and self.actors.weapons.search(arg.text) is not None

    def _may_own(self, cand: Argument) -> bool:
        """A name or a described actor, not a town ("Gaza rockets": where they came from)."""
        if cand.mention is not None:
            return cand.mention not in self.towns
        return bool(cand.agent) and not self._is_weapon(cand)

    def _is_time(self, arg: Argument) -> bool:
        """A date or time in a participant's place ("... the embassy on Friday")."""
        return arg.mention is None and any(t.start <= arg.start and arg.end <= t.end for t in self.ctx.timexes)

    def _is_trigger_word(self, arg: Argument) -> bool:
        """An event noun in a participant's place ("this offensive"); people named by what
        they do ("protesters": an agent code) stay participants."""
        if arg.mention is not None or not arg.nominal or arg.agent:
            return False
        return any(m.end() == len(arg.text) for m in self.lexicon.triggers.finditer(arg.text))

    def _is_reporting(self, parse: Parse):
        lexicon = self.lexicon

        def check(token: Token) -> bool:
            return lexicon.reporting.fullmatch(token.text) is not None  # the lexicon lists the inflected forms

        return check

    def _is_actor_word(self, parse: Parse, candidates: list[Argument]):
        text, language = self.text, self.ctx.language

        def check(token: Token) -> bool:
            start, end = parse.start_of(token), parse.end_of(token)
            if any(c.start <= start and end <= c.end and not c.nominal for c in candidates):
                return True
            return demonym_argument(text, start, end, language) is not None

        return check

    @staticmethod
    def _is_agent_noun(parse: Parse, candidates: list[Argument]):
        """People named by what they do, with an agent code ("protesters": PRO)."""
        def check(token: Token) -> bool:
            start, end = parse.start_of(token), parse.end_of(token)
            return any(c.nominal and c.agent and c.start <= start and end <= c.end for c in candidates)

        return check

    # -- arguments -----------------------------------------------------------------------

    def _arguments(self, heads: list[Token], parse: Parse, candidates: list[Argument], role: str,
                   towns: set[int]) -> list[Argument]:
        out: list[Argument] = []
        for head in heads:
            arg = self.reader.argument(head, parse, candidates, role)
            if arg is None or arg.mention in towns:
                continue
            if any(a.start == arg.start and a.end == arg.end for a in out):
                continue
            out.append(arg)
        return out

    # -- when, where, how many ----------------------------------------------------------

    def anchor(self, events: list[Event]) -> None:
        """Dates, places and casualty counts of a document's events, then background
        status and repeated mentions of one event merged."""
        ctx, text, lexicon = self.ctx, self.text, self.lexicon
        published = published_day(ctx.published)
        # "WARSAW, February 26 (Xinhua) --": the day the story was filed dates what it
        # leaves undated, rather than the day it was published
        filed = anchoring.dateline_day(text, ctx.timexes) or published
        paragraphs = [m.end() for m in _PARAGRAPH.finditer(text)]
        dateline_place = anchoring.dateline_place(text, ctx.places)
        filed_from = anchoring.dateline_span(text) if dateline_place is not None else None
        main = anchoring.main_place(ctx.places)
        narrative: tuple[int, str] | None = None  # (paragraph, date) of the last dated event
        scene: int | None = None  # the place the last event that states one happened
        kept: list[Event] = []
        for event in events:
            sentence = self.spans[event.sentence]
            parse = ctx.parses.get(event.sentence)
            head = dependencies.trigger_head(parse, event.trigger.start, event.trigger.end) if parse else None
            paragraph = bisect.bisect_right(paragraphs, event.trigger.start)
            # date
            stated = self._stated_date(event.sentence, parse, head, event.trigger.start)
            story_date = narrative[1] if narrative and narrative[0] == paragraph else None
            when = anchoring.when(stated, ctx.timexes, story_date, filed)
            event.date, event.timex = when.value, when.timex
            event.date_precision, event.date_inferred = when.precision, when.inferred
            if not when.inferred and when.value and not anchoring.is_background(
                    when.value, False, published, NARRATIVE_DAYS):
                narrative = (paragraph, when.value)  # a date long past is its own sentence's
            if event.status == "reported" and (anchoring.is_background(when.value, when.inferred, published)
                                               or self._ongoing_since_long_ago(event, published, parse, head)):
                event.status = "background"
            if filed_from is not None:  # "KIEV, 4 may (EFE) -": the agency that filed it did nothing
                event.actors = [a for a in event.actors if not _inside(a, filed_from)]
                event.targets = [t for t in event.targets if not _inside(t, filed_from)]
            # place: not a participant's name, nor where the one spoken to is ("said Iran must ...")
            addressed = event.targets if event.type in SPEECH else []
            taken = [(a.start, a.end) for a in event.actors + addressed] + ([filed_from] if filed_from else [])
            local = anchoring.sentence_places(ctx.places, sentence, taken)
            participants = [(a.start, a.end) for a in event.actors + event.targets]
            where = anchoring.stated_place(local, ctx.places, text, sentence, lexicon, parse, head,
                                           event.trigger.end, participants)
            if where is not None and where.describes and dateline_place is not None:
                where = anchoring.inferred_place(dateline_place, ctx.places)  # "Russian President ...", from MOSCOW
            if where is None:
                where = self._place_referred_back(event, sentence)
            if where is None:  # where the story is: its last stated place, else its dateline
                fallback = dateline_place if dateline_place is not None else scene if scene is not None else main
                where = anchoring.inferred_place(fallback, ctx.places)
            elif not where.inferred:
                scene = where.place
            event.place, event.place_precision = where.place, where.precision
            event.place_inferred, event.place_relation = where.inferred, where.relation
            others = [] if where.inferred or where.place is None else [
                self._elsewhere(event, i) for i in anchoring.coordinated_places(where.place, local, ctx.places, parse)]
            # casualties
            timexes = [t for t in ctx.timexes if sentence.start <= t.start < sentence.end]
            event.casualties = [
                c for c in find_casualties(text, event.start, event.end, lexicon, timexes)
                if event.type in CASUALTY_TYPES.get(c.kind, ())
            ]
            if not (event.actors or event.targets or event.casualties) and event.type not in CROWD_EVENTS:
                continue  # no one did anything to anyone: not an event an analyst can code
            for one in [event, *others]:
                if not _repeated(one, kept, ctx.mentions, ctx.places):
                    kept.append(one)
        for event, index, start, end in self.retold:
            self._date_told_again(event, index, start, end, published)
        events[:] = kept

    def _ongoing_since_long_ago(self, event: Event, published: dt.date | None, parse: Parse | None,
                                head: Token | None) -> bool:
        """An act its own clause says has gone on since a date more than a year before the
        article ("the army has been fighting the RSF since October 2023"): the war itself,
        background to the news, not a report of what happened ("arrested 300 people since
        Monday" stays news; so does "the army, which has fought since 2023, shelled ...")."""
        for cue in self.lexicon.ongoing_since.finditer(self.text, event.start, event.end):
            timex = next((t for t in self.ctx.timexes if 0 <= t.start - cue.end() <= 2), None)
            if timex is None or not anchoring.is_background(timex.value, False, published):
                continue
            if parse is not None and head is not None:
                anchor = parse.head_of(timex.start, timex.end)
                if anchor is None or dependencies.governs(anchor, head) != 0:
                    continue  # the date of another clause's act
            return True
        return False

    def _stated_date(self, index: int, parse: Parse | None, head: Token | None, trigger_start: int) -> int | None:
        """The time expression that dates the act at a trigger of sentence ``index``."""
        dates = anchoring.date_timexes(self.ctx.timexes, self.spans[index], self.text, self.lexicon)
        stated = anchoring.stated_date(dates, self.ctx.timexes, parse, head, trigger_start, self.lexicon)
        return stated[0] if stated else None

    def _date_told_again(self, event: Event, index: int, start: int, end: int, published: dt.date | None) -> None:
        """The date stated where an event is told again ("The Aug. 7, 1998, bombings killed
        more than 200 people"), for an event that had none of its own."""
        if event.date and not event.date_inferred:
            return
        parse = self.ctx.parses.get(index)
        head = dependencies.trigger_head(parse, start, end) if parse else None
        stated = self._stated_date(index, parse, head, start)
        if stated is None:
            return
        when = anchoring.when(stated, self.ctx.timexes, None, None)
        event.date, event.timex = when.value, when.timex
        event.date_precision, event.date_inferred = when.precision, when.inferred
        if event.status == "reported" and anchoring.is_background(when.value, when.inferred, published):
            event.status = "background"

    def _elsewhere(self, event: Event, place: int) -> Event:
        """The same act in another of the coordinated places; the casualty counts stay with
        the first, since a count given for all places is not each place's."""
        where = self.ctx.places[place]
        return replace(
            event, actors=list(event.actors), targets=list(event.targets), place=place,
            place_precision=anchoring.PLACE_PRECISION.get(where.kind, 3), place_inferred=False,
            place_relation=None, casualties=[])

    def _place_referred_back(self, event: Event, sentence: Sentence) -> anchoring.Where | None:
        """"Soldiers abandoned it": the last place of the previous sentence."""
        if event.sentence <= 0 or not self.lexicon.anaphora.search(self.text, event.trigger.end, sentence.end):
            return None
        previous = self.spans[event.sentence - 1]
        before = [i for i, p in enumerate(self.ctx.places) if previous.start <= p.start and p.end <= previous.end]
        if not before:
            return None
        place = self.ctx.places[before[-1]]
        return anchoring.Where(before[-1], anchoring.PLACE_PRECISION.get(place.kind, 3), False)


def _has_side(arg: Argument) -> bool:
    """Whether a described actor's agent code names a country ("Israeli warplanes": ISR MIL)."""
    return bool(arg.agent) and " " in arg.agent


_OWNER_GAP = re.compile(r"\s*(?:['’]s?)?\s*")


def _inside(arg: Argument, span: _Trigger | tuple[int, int]) -> bool:
    """An argument within a trigger's own words ("missiles" in "launched missiles at") or
    within a span ("KIEV, 4 may (EFE) -")."""
    start, end = (span.start, span.end) if isinstance(span, _Trigger) else span
    return start <= arg.start and arg.end <= end


def _towns(mentions: list[Mention], places: list[Place]) -> set[int]:
    """Mentions of towns, sites and regions: places where things happen, never actors
    (a country can act: "Russia attacked"; "Aleppo" cannot)."""
    spans = sorted((p.start, p.end) for p in places if p.kind != "country")
    starts = [s for s, _ in spans]
    out: set[int] = set()
    for index, mention in enumerate(mentions):
        if mention.label != "LOC":
            continue
        i = bisect.bisect_left(starts, mention.end) - 1
        while i >= 0 and spans[i][1] > mention.start - 200:
            if spans[i][0] < mention.end and mention.start < spans[i][1]:
                out.add(index)
                break
            i -= 1
    return out


def _is_question(sentence: str) -> bool:
    """A question ("Has the whole government fled?") asks about an event; it reports none."""
    return sentence.rstrip().rstrip("\"'”’»)").endswith(("?", "؟"))


def _excluded(text: str, clause: tuple[int, int], plover_type: str, lexicon: EventLexicon) -> bool:
    """Whether the clause says the harm had no perpetrator (a flood, a crash, an outbreak)."""
    pattern = lexicon.exclusions.get(plover_type)
    return pattern is not None and pattern.search(text, *clause) is not None


# a protest or a strike is codeable with no one named: the crowd is its actor ("a general
# strike in Argentina": protesters of the place, as ACLED codes them)
CROWD_EVENTS = frozenset({"PROTEST"})
# acts whose target may be named by a common noun ("asesinaron a un campesino", "seized
# weapons"); every other type is addressed to someone (a name, an agent, a group)
HARM_TYPES = frozenset({"ASSAULT", "COERCE", "THREATEN", "SANCTION"})
# acts a capital may stand for its government in, as subject or object ("Moscow rejected",
# "accused Tehran"); a capital attacked or protested in is a place
METONYMIC = SPEECH | frozenset({"AGREE", "CONSULT", "SUPPORT", "COOPERATE", "AID", "CONCEDE", "SANCTION", "RETREAT"})
# acts whose authors claim them: attacks, bombings, kidnappings
CLAIMED_TYPES = frozenset({"ASSAULT", "COERCE"})


_NEIGHBOUR = 40  # characters looked at for the word next to a trigger


def _same_span(a: Argument, b: Argument) -> bool:
    return (a.start, a.end) == (b.start, b.end)


def _confidence(actors: list[Argument], targets: list[Argument], trigger: str, parsed: bool) -> float:
    """Rough belief in an event: participants, a multiword trigger and a parse make it likelier."""
    return round(0.35 + 0.2 * bool(actors) + 0.1 * bool(targets) + 0.1 * (" " in trigger) + 0.1 * parsed, 2)


def _repeated(event: Event, earlier: list[Event], mentions: list[Mention], places: list[Place]) -> bool:
    """Whether an event only mentions again one found before: same type and status,
    participants that one of the two names all of, and no other date or place ("the
    bombing" for the third time in an article; '"Stop the bloodshed," the protesters
    chanted' after "1,500 ethnic Albanians marched"). Where one names fewer, what it
    names must say who: a name, or no one at all ("killed 200 people" and "killed 259
    people" are not one event for the people they share). The earlier event takes the
    participants, the stated date and the place it lacked, and the fuller report's
    sentence as its evidence."""
    actors, targets = _participants(event, mentions)
    for other in earlier:
        if other.type != event.type or other.status != event.status:
            continue
        other_actors, other_targets = _participants(other, mentions)
        fewer = actors <= other_actors and targets <= other_targets
        more = other_actors <= actors and other_targets <= targets
        if not (fewer or more):
            continue
        if fewer != more:  # one names fewer: only a name, or no one, can be the same
            smaller = actors | targets if fewer else other_actors | other_targets
            if smaller and all(kind == "words" for kind, _ in smaller):
                continue
        stated = event.date and not event.date_inferred
        if stated and other.date and not other.date_inferred and event.date != other.date:
            continue
        if (event.place is not None and other.place is not None
                and _place_key(places, event.place) != _place_key(places, other.place)
                and not event.place_inferred and not other.place_inferred):
            continue
        dates_it = stated and (other.date is None or other.date_inferred)
        if dates_it or not fewer:
            # the fuller report is the evidence: the sentence that dates it or names more
            other.start, other.end, other.text, other.sentence, other.trigger = (
                event.start, event.end, event.text, event.sentence, event.trigger)
        if dates_it:
            other.date, other.timex, other.date_precision, other.date_inferred = (
                event.date, event.timex, event.date_precision, False)
        if (other.place is None or other.place_inferred) and event.place is not None and not event.place_inferred:
            other.place, other.place_precision, other.place_inferred, other.place_relation = (
                event.place, event.place_precision, False, event.place_relation)
        if not fewer:
            other.actors, other.targets = event.actors, event.targets
        other.casualties.extend(c for c in event.casualties if c not in other.casualties)
        return True
    return False


def _named(event: Event) -> tuple[bool, bool]:
    return bool(event.actors), bool(event.targets)


def _place_key(places: list[Place], index: int) -> str:
    """One key for every mention of a place: its GeoNames id, else its name."""
    place = places[index]
    return f"g{place.geonameid}" if place.geonameid else (place.name or place.text).casefold()


ParticipantKey = tuple[str, str]  # ("cluster", id), ("name", a name) or ("words", a description)


def _participants(event: Event, mentions: list[Mention]) -> tuple[frozenset[ParticipantKey], frozenset[ParticipantKey]]:
    """Actors and targets as entity keys (mention cluster, else the words)."""

    def key(arg: Argument) -> ParticipantKey:
        if arg.mention is not None:
            mention = mentions[arg.mention]
            return ("cluster", str(mention.cluster)) if mention.cluster >= 0 else ("name", mention.text.casefold())
        return "words", arg.text.casefold()

    return frozenset(map(key, event.actors)), frozenset(map(key, event.targets))
