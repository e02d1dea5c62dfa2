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

from spacy.tokens import Token

from sitrep.analyse.events.candidates import demonym_argument
from sitrep.analyse.events.lexicon import ActorLexicon
from sitrep.analyse.syntax import Parse
from sitrep.model import Argument, Mention


def copy_argument(arg: Argument) -> Argument:
    """A fresh Argument, so that two events never share (and mutate) one object."""
    return Argument(**vars(arg))


class ParticipantReader:
    """Reads participants from head words, for one document."""

    def __init__(self, text: str, language: str, mentions: list[Mention], actors: ActorLexicon) -> None:
        self.text = text
        self.language = language
        self.mentions = mentions
        self.actors = actors
        self.mention_starts = [m.start for m in mentions]
        self.last_actor: Argument | None = None

    def argument(self, head: Token, parse: Parse, candidates: list[Argument], role: str) -> Argument | None:
        """The participant a head word stands for: the name or description around it, a
        demonym's country, a pronoun's antecedent, else the noun phrase itself."""
        start, end = parse.start_of(head), parse.end_of(head)
        covering = [c for c in candidates if c.start <= start and end <= c.end]
        if covering:
            return copy_argument(max(covering, key=lambda c: c.end - c.start))
        phrase = [t for t in head.subtree if t.i <= head.i and t.dep_ not in ("case", "punct", "cc")]
        p_start = parse.start_of(phrase[0]) if phrase else start
        named = [c for c in candidates if p_start <= c.start and c.end <= end and not c.nominal]
        if named:
            return copy_argument(named[-1])
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
            first = next((t for t in phrase if t.dep_ not in ("det", "det:poss", "nummod", "advmod")), head)
            s = parse.start_of(first)
            return Argument(start=s, end=end, text=self.text[s:end], nominal=head.pos_ == "NOUN")
        return None

    def antecedent(self, pronoun: Token, parse: Parse, candidates: list[Argument], role: str) -> Argument | None:
        """Who a pronoun stands for: a relative pronoun's noun, the last person named before
        a personal pronoun, the last actor before a group pronoun in an actor's place ("it"
        as an object is as often a place or a thing)."""
        word = pronoun.lower_
        if "Rel" in pronoun.morph.get("PronType") or self.actors.relative.fullmatch(word):
            verb = pronoun.head
            if verb.dep_ in ("acl:relcl", "relcl", "acl") and verb.head.i != verb.i:
                return self.argument(verb.head, parse, candidates, role)
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
            return self._last_mention(position, lambda m: m.label == "PER")
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

    def _last_mention(self, position: int, wanted) -> Argument | None:
        index = bisect.bisect_left(self.mention_starts, position) - 1
        while index >= 0:
            mention = self.mentions[index]
            if wanted(mention):
                return Argument(start=mention.start, end=mention.end, text=mention.text,
                                sentence=mention.sentence, mention=index, agent=mention.kb_id)
            index -= 1
        return None
