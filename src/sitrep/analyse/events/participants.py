"""The participant a parsed head word stands for: a name, a description, a demonym's
country, a pronoun's antecedent, or the noun phrase itself.

Shared by the event stage (actors and targets) and the quote stage (speakers), which read
the same candidates (:func:`.candidates.actor_candidates`) and resolve pronouns the same
way: a relative pronoun is its noun, "he"/"she" the last person named before, "they"/"it"
the last actor of a reported event (only in an actor's place: an object "it" is as often
a place or a thing).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable

from spacy.tokens import Token

from sitrep.analyse.events.candidates import demonym_argument
from sitrep.analyse.events.dependencies import case_word
from sitrep.analyse.events.lexicon import ActorLexicon
from sitrep.analyse.syntax import Parse
from sitrep.model import Argument, Mention, Place

_OWNER_RELATIONS = frozenset({"compound", "nmod:poss", "nmod", "amod", "flat"})


_QUANTIFIERS = frozenset({"det", "det:poss", "nummod", "advmod"})
_LEADING = _QUANTIFIERS | {"case"}  # "Up to 100": words before a group's name that are not part of it


def _only_parenthesis(gap: str) -> bool:
    """", (HTS), which": nothing but punctuation and one parenthesised short form."""
    inner = gap.strip(" ,\n\t")
    return inner.startswith("(") and inner.endswith(")") and len(inner) <= 12


def copy_argument(arg: Argument) -> Argument:
    """A fresh Argument, so that two events never share (and mutate) one object."""
    return Argument(**vars(arg))


def mention_argument(mentions: list[Mention], index: int, agent: str | None = None) -> Argument:
    """The participant that is mention ``index`` itself."""
    mention = mentions[index]
    return Argument(start=mention.start, end=mention.end, text=mention.text, sentence=mention.sentence,
                    mention=index, agent=agent)


def first_in_sentence(mentions: list[Mention], index: int, wanted: Callable[[Mention], bool]) -> int:
    """The first wanted mention of mention ``index``'s sentence (mentions in text order).
    The first is most often the subject, the last an object or a possessor: "Nhek Bunchhay,
    who searched for Howes, was confident he would find Howes' remains. He said ..."."""
    sentence = mentions[index].sentence
    if sentence < 0:
        return index
    earlier = index - 1
    while earlier >= 0 and mentions[earlier].sentence == sentence:
        if wanted(mentions[earlier]):
            index = earlier
        earlier -= 1
    return index


def _owned(start: int, end: int, text: str, owner: Argument) -> Argument:
    """The phrase text[start:end] standing for the organisation or country that owns it."""
    return Argument(start=start, end=end, text=text[start:end], sentence=owner.sentence, mention=owner.mention,
                    agent=owner.agent)


class ParticipantReader:
    """Reads participants from head words, for one document."""

    def __init__(self, text: str, language: str, mentions: list[Mention], actors: ActorLexicon,
                 places: list[Place] | None = None, sites: re.Pattern | None = None,
                 quantities: frozenset[str] = frozenset(), place_words: re.Pattern | None = None,
                 genitives: frozenset[str] = frozenset()) -> None:
        self.text = text
        self.genitives = genitives  # "de", "des": a genitive after a group's noun may say its kind
        self.place_words = place_words  # "in", "near": a phrase they mark says where, not whose
        self.quantities = quantities  # "hundreds", "centaines", "مئات": a count, not the group counted
        self.sites = sites  # the language's territorial nouns (positions, headquarters, cuartel)
        self.language = language
        self.mentions = mentions
        self.actors = actors
        # mentions of countries: a country's name modifying a noun says whose it is
        countries = [(p.start, p.end) for p in places or [] if p.kind == "country"]
        self.country_mentions = {i for i, m in enumerate(mentions)
                                 if any(s <= m.start and m.end <= e for s, e in countries)}
        self.mention_starts = [m.start for m in mentions]
        self.last_actor: Argument | None = None
        self.described: dict[tuple[int, int], int] = {}  # a group's (start, noun end) -> its description's end

    def argument(self, head: Token, parse: Parse, candidates: list[Argument], role: str) -> Argument | None:
        """The participant a head word stands for: the name or description around it, a
        demonym's country, a pronoun's antecedent, else the noun phrase itself."""
        if head.pos_ in ("DET", "NUM") and (noun := next((c for c in head.children if c.i > head.i
                                                         and c.pos_ == "NOUN"), None)) is not None:
            head = noun  # a weak parse hangs the group on its count word: "Varias <- decenas de militantes"
        for _ in range(3):  # "des centaines d'infirmières", "tens of thousands of students": the group counted
            counted = self._counted(head)
            if counted is None:
                break
            head = counted
        start, end = parse.start_of(head), parse.end_of(head)
        covering = [c for c in candidates if c.start <= start and end <= c.end]
        if covering:
            best = max(covering, key=lambda c: c.end - c.start)
            if best.nominal:
                person = self._titled_person(head, parse, candidates)  # "head of state Arpad Goencz"
                if person is not None:
                    return person
                # "officials of the Immigration Service said", "the government of Sudan",
                # "guerrilleros de las FARC": whom a speaker, a state body or an armed or
                # political group belongs to ("profesores de la Escuela" are teachers, not
                # the school)
                member = role == "speaker" or (best.agent or "").endswith(("GOV", "MIL", "COP", "REB", "OPP"))
                owner = self._named_owner(head, parse, candidates, of_phrase=True, organisations_after=member)
                if owner is None:
                    owner = self._relative_owner(head, parse, candidates, role)
                if owner is not None:  # "officials of the Immigration Service said", "Iran, whose forces"
                    return _owned(best.start, best.end, self.text, owner)
                if best.mention is None and best.end == end:  # "colonos judíos": the words after it too
                    self._describe(best.start, head, parse, end)
            return copy_argument(best)
        phrase = [t for t in head.subtree if t.i <= head.i and t.dep_ not in ("case", "punct", "cc")]
        p_start = parse.start_of(phrase[0]) if phrase else start
        # a name's words hang on its first word ("Mr" <- Assad): the name span is the head
        # and its flat or compound words
        name_end = max([end, *(parse.end_of(t) for t in head.children if t.dep_ in ("flat", "flat:name", "compound")
                               and t.i > head.i)])
        named = [c for c in candidates if p_start <= c.start and c.end <= name_end and not c.nominal
                 and c.end >= start]
        if named:
            return copy_argument(named[-1])
        person = self._titled_person(head, parse, candidates)
        if person is not None:
            return person
        for child in head.children:
            if child.dep_ == "appos":
                inner = self.argument(child, parse, candidates, role)
                if inner is not None and not inner.nominal:
                    return inner
        demonym = demonym_argument(self.text, start, end, self.language)
        if demonym is not None:
            return demonym
        if head.pos_ == "PRON":
            return self.antecedent(head, parse, candidates, role)
        if head.pos_ in ("NOUN", "PROPN"):
            # "Up to 100 ethnic Albanians": the count and its words are not the name of the group
            counted = {t.i for c in head.children if c.dep_ in _LEADING and c.i < head.i for t in c.subtree}
            first = next((t for t in phrase if t.dep_ not in _QUANTIFIERS and t.i not in counted), head)
            s = parse.start_of(first)
            owner = (self._named_owner(head, parse, candidates, of_phrase=role == "speaker")
                     or self._relative_owner(head, parse, candidates, role))
            if owner is None and role != "speaker":  # "Israeli army bulldozers", "police cars": the actor's
                owner = next((c for c in candidates if c.nominal and c.agent and c.start >= s and c.end <= start
                              and not self.text[c.end:start].strip(" -")), None)
            if owner is not None:  # "the U.S. embassy", "Hamas's tunnels", "an INS spokeswoman": whose
                return _owned(s, end, self.text, owner)
            if (role == "target" and head.pos_ == "NOUN" and self.sites is not None
                    and self.sites.fullmatch(head.text) and (whose := self._of_someone(head, parse, candidates))):
                return whose  # "shelled positions of the security forces": the forces
            if head.pos_ == "NOUN":
                self._describe(s, head, parse, end)
            return Argument(start=s, end=end, text=self.text[s:end], nominal=head.pos_ == "NOUN")
        return None

    def _describe(self, start: int, head: Token, parse: Parse, end: int) -> None:
        """Note where the description of a group that ends at its noun goes on after it
        (:meth:`describe` widens it once the events are read, so that the stage's
        filters all see the noun): its adjectives ("colonos judíos", "militantes islamistas") and a
        genitive common noun that says its kind ("cultivadores de coca", "obreros de la
        construcción") tell the group apart. A clause, a name, a number ("de 25 años"), a
        nested genitive or a comma end it."""
        for child in sorted((c for c in head.children if c.i > head.i), key=lambda c: c.i):
            words = [t for t in child.subtree if t.i != child.i]
            if child.dep_ == "amod" and child.pos_ == "ADJ":
                kind_of = all(t.dep_ == "advmod" for t in words)
            else:  # an nmod is a noun whatever its tag ("de coca" tagged an infinitive)
                kind_of = (child.dep_ == "nmod" and child.pos_ in ("NOUN", "VERB")
                           and case_word(child) in self.genitives
                           and all(t.dep_ in ("case", "det", "amod") and t.pos_ in ("ADP", "DET", "ADJ")
                                   for t in words))
            if not kind_of:
                break
            end = max(end, parse.end_of(max(child.subtree, key=lambda t: t.i)))
        if end > parse.end_of(head):
            self.described[(start, parse.end_of(head))] = end

    def describe(self, arguments: list[Argument]) -> None:
        """Widen described groups to the words noted by :meth:`_describe`."""
        for arg in arguments:
            end = self.described.get((arg.start, arg.end)) if arg.mention is None else None
            if end is not None:
                arg.end, arg.text = end, self.text[arg.start:end]

    def _counted(self, head: Token) -> Token | None:
        """The group a count word stands before ("hundreds of teachers"), if the head is one."""
        if head.pos_ not in ("NOUN", "PROPN", "NUM") or head.text.casefold() not in self.quantities:
            return None
        return next((c for c in head.children if c.i > head.i and c.dep_ in ("nmod", "nmod:poss")
                     and c.pos_ in ("NOUN", "PROPN")), None)

    def _of_someone(self, head: Token, parse: Parse, candidates: list[Argument]) -> Argument | None:
        """The actor in a prepositional phrase after a site ("positions of the Palestinian
        security forces", "el cuartel de la policía"): the one a harm to it falls on. Only
        after a site: "profesores de la Institución" are the teachers, not the school."""
        for child in head.children:
            if child.i > head.i and child.dep_ == "nmod" and any(c.dep_ == "case" for c in child.children):
                inner = self.argument(child, parse, candidates, "owner")
                if inner is None or inner.mention is not None and self.mentions[inner.mention].label == "LOC":
                    continue  # "offices in Minsk": where the thing is, not whose
                if inner.mention is not None or inner.agent:
                    return inner
        return None

    def _named_owner(self, head: Token, parse: Parse, candidates: list[Argument],
                     of_phrase: bool = False, organisations_after: bool = True) -> Argument | None:
        """The organisation or country named as a modifier of a common noun ("the U.S.
        embassies", "Hezbollah's positions"): an attack on them is an attack on it. Towns
        and persons are left out ("Aleppo residents" are not Aleppo, "Assad's cousin" not
        Assad). With ``of_phrase``, a modifier after the noun counts too: a speaker
        "officials of the Immigration Service" speaks for the service; "the government of
        Sudan" is Sudan's, but "forces in northern Syria" are only there. An organisation
        after the noun owns it only with ``organisations_after``."""
        if head.pos_ != "NOUN" and not (of_phrase and head.pos_ == "PROPN"):  # "Guerrilleros de las FARC" opening
            return None                                                       # a sentence, tagged as a name
        for child in head.children:
            after = child.i > head.i and child.dep_ == "nmod" and of_phrase
            if (child.i > head.i and not after) or child.dep_ not in _OWNER_RELATIONS:
                continue
            in_place = after and self._marks_place(child)  # "forces in Syria", but "activists from Fatah"
            c_start, c_end = parse.start_of(child), parse.end_of(child)
            for cand in candidates:
                if cand.nominal or cand.mention is None or not (cand.start <= c_start and c_end <= cand.end):
                    continue
                mention = self.mentions[cand.mention]
                organisation = mention.label == "ORG" and (organisations_after or not after)
                if organisation or (cand.mention in self.country_mentions and not in_place):
                    return cand
        return None

    def _marks_place(self, phrase: Token) -> bool:
        """Whether a place preposition marks the phrase ("forces in northern Syria")."""
        marker = case_word(phrase)
        return bool(marker) and self.place_words is not None and self.place_words.fullmatch(marker) is not None

    def _relative_owner(self, head: Token, parse: Parse, candidates: list[Argument], role: str) -> Argument | None:
        """The owner a possessive relative pronoun stands for: "Iran, whose forces have
        supported the regime" (the forces are Iran's)."""
        for child in head.children:
            if child.i < head.i and "Rel" in child.morph.get("PronType") and "Yes" in child.morph.get("Poss"):
                owner = self.antecedent(child, parse, candidates, role)
                if owner is not None and not owner.nominal:
                    return owner
        return None

    def _titled_person(self, head: Token, parse: Parse, candidates: list[Argument]) -> Argument | None:
        """"Hungarian head of state Arpad Goencz", "the defence minister, Ali Abbas": a role
        noun whose phrase ends in a person's name stands for that person."""
        if head.pos_ != "NOUN":
            return None
        end = parse.end_of(head)
        after = [c for c in candidates if c.mention is not None and self.mentions[c.mention].label == "PER"
                 and end <= c.start <= end + 80  # "Director of the FBI (FBI) Louis Freeh"
                 and any(t.i > head.i and head.is_ancestor(t) for t in parse.tokens_in(c.start, c.end))]
        if not after:
            return None
        between = parse.tokens_in(end, after[0].start)
        if any(t.pos_ in ("VERB", "AUX") for t in between):
            return None
        return copy_argument(after[0])

    def antecedent(self, pronoun: Token, parse: Parse, candidates: list[Argument], role: str) -> Argument | None:
        """Who a pronoun stands for: a relative pronoun's noun, the last person named before
        a personal pronoun, the last actor before a group pronoun in an actor's place ("it"
        as an object is as often a place or a thing)."""
        word = pronoun.lower_
        if "Rel" in pronoun.morph.get("PronType") or self.actors.relative.fullmatch(word):
            verb = pronoun.head
            if verb.dep_ in ("acl:relcl", "relcl", "acl") and verb.head.i != verb.i:
                return self.argument(verb.head, parse, candidates, role)
            # the parse lost the relative clause: ", which" right after a name is that name's
            before = [c for c in candidates if c.end <= parse.start_of(pronoun)]
            if before and not self.text[before[-1].end:parse.start_of(pronoun)].strip(" ,()\n\t"):
                return copy_argument(before[-1])
            gap = self.text[before[-1].end:parse.start_of(pronoun)] if before else ""
            if before and _only_parenthesis(gap):
                return copy_argument(before[-1])
            return None
        person = word in self.actors.person_pronouns
        if not person and word not in self.actors.group_pronouns:
            return None
        # "The OAU said Friday it would investigate": the subject of the speech verb whose
        # clause the pronoun opens
        speaker = self._reporting_subject(pronoun, parse, candidates, role)
        if speaker is not None:
            is_person = speaker.mention is not None and self.mentions[speaker.mention].label == "PER"
            if speaker.mention is None or is_person == person:
                return speaker
        position = parse.start_of(pronoun)
        if person:
            return self._last_mention(position, lambda m: m.label == "PER", first_of_sentence=True)
        if role != "actor":
            return None
        if self.last_actor is not None:
            return copy_argument(self.last_actor)
        return self._last_mention(position, lambda m: m.label == "ORG")

    def _reporting_subject(self, pronoun: Token, parse: Parse, candidates: list[Argument],
                           role: str) -> Argument | None:
        verb = pronoun.head
        if pronoun.dep_ not in ("nsubj", "nsubj:pass") or verb.dep_ != "ccomp":
            return None
        subjects = [c for c in verb.head.children if c.dep_ in ("nsubj", "nsubj:pass") and c.pos_ != "PRON"]
        return self.argument(subjects[0], parse, candidates, role) if subjects else None

    def _last_mention(self, position: int, wanted: Callable[[Mention], bool],
                      first_of_sentence: bool = False) -> Argument | None:
        """The last wanted mention before a position; with ``first_of_sentence``, the first
        wanted one of that mention's sentence (:func:`first_in_sentence`)."""
        index = bisect.bisect_left(self.mention_starts, position) - 1
        while index >= 0:
            if wanted(self.mentions[index]):
                if first_of_sentence:
                    index = first_in_sentence(self.mentions, index, wanted)
                return mention_argument(self.mentions, index, agent=self.mentions[index].kb_id)
            index -= 1
        return None
