"""Quote speakers read from the parse: the subject of the speech verb.

The quote stage finds quotations and cues by their words and picks a speaker nearby; the
nearest name is often the wrong one ("The top commander of a Cambodian resistance force
said in an interview with The Associated Press ..."). Where the cue's sentence can be
parsed, the speaker is the subject of the speech verb ("commander"), its by-phrase or
controller, or the noun an "according to" cue marks, read by the same participant reader
as event actors (names, descriptions, pronouns). An unnamed source ("officials said")
becomes the quote's ``speaker_label``. A quote whose parse names no subject keeps the
speaker the quote stage chose.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence

from spacy.tokens import Token

from sitrep.analyse.events.candidates import actor_candidates
from sitrep.analyse.events.dependencies import SUBJECTS, coordinated, inherited_subject, is_passive
from sitrep.analyse.events.lexicon import actor_lexicon
from sitrep.analyse.events.participants import ParticipantReader
from sitrep.analyse.syntax import CLAUSE_RELATIONS, Parse, Parser
from sitrep.model import Argument, Mention, Place, Quote, Sentence, Timex


def _speech_subjects(cue: Token) -> list[Token]:
    """Who speaks through a cue word: the subject of a speech verb ("X said"), the agent of
    a passive one ("was quoted by X" is rare; "X was quoted as saying" has X as subject),
    or the noun an "according to" phrase marks."""
    if cue.pos_ in ("VERB", "AUX"):
        # two subjects are a misparse of "Director of the FBI Louis Freeh said": the one
        # nearest the verb is the name
        subjects = sorted((c for c in cue.children if c.dep_ in SUBJECTS), key=lambda c: abs(c.i - cue.i))
        if not subjects and not is_passive(cue):
            subjects = inherited_subject(cue, lambda _t: False)
        return coordinated(subjects)[:1]
    if cue.dep_ in ("case", "mark", "fixed") and cue.head.i != cue.i:
        head = cue.head
        if head.dep_ == "fixed":
            head = head.head
        if head.pos_ in ("NOUN", "PROPN", "PRON"):
            return [head]
        if head.dep_ in ("case", "mark") and head.head.pos_ in ("NOUN", "PROPN", "PRON"):
            return [head.head]
    return []


def refine_speakers(
    quotes: list[Quote], text: str, language: str, sentences: list[Sentence], mentions: list[Mention],
    places: list[Place], parses: dict[int, Parse], timexes: Sequence[Timex] = (),
) -> None:
    """Replace each quote's speaker by the one its cue's parse names, and drop the
    indirect "quotes" whose speech verb takes a noun object instead of a clause (in place)."""
    parser = Parser.for_language(language)
    if parser is None or not quotes:
        return
    needed = sorted({q.cue.sentence for q in quotes if q.cue is not None and q.cue.sentence >= 0} - set(parses))
    if needed:
        for index, parse in zip(needed, parser.parse(
                [(sentences[i].start, text[sentences[i].start:sentences[i].end]) for i in needed]), strict=True):
            parses[index] = parse
    actors = actor_lexicon(language)
    reader = ParticipantReader(text, language, mentions, actors)
    starts = [m.start for m in mentions]
    by_sentence: dict[int, list] = {}  # a sentence's candidates, read once however many quotes it holds
    not_speech: list[Quote] = []
    for quote in quotes:
        cue = quote.cue
        if cue is None or cue.sentence not in parses:
            continue
        parse = parses[cue.sentence]
        head = parse.head_of(cue.start, cue.end)
        if head is None:
            continue
        if quote.kind == "indirect" and _takes_a_thing(head, parse, quote):
            not_speech.append(quote)
            continue
        subjects = _speech_subjects(head)
        if not subjects:
            continue
        sentence = sentences[cue.sentence]
        if cue.sentence not in by_sentence:
            lo, hi = bisect.bisect_left(starts, sentence.start), bisect.bisect_left(starts, sentence.end)
            by_sentence[cue.sentence] = actor_candidates(
                text, language, sentence.start, sentence.end, mentions, places, range(lo, hi))
        candidates = by_sentence[cue.sentence]
        speaker = reader.argument(subjects[0], parse, candidates, "speaker")
        if speaker is None or quote.start <= speaker.start < quote.end:
            continue
        if any(t.start < speaker.end and speaker.start < t.end for t in timexes):
            continue  # "said Thursday": a date the parse took for the subject never speaks
        # "officials said", "Las autoridades dijeron": an unnamed source of no one in
        # particular; "Israeli officials", "the police", "the ministry" are bodies one can name
        sources = list(actors.unnamed.finditer(text, sentence.start, sentence.end))
        whole = next((m for m in sources if m.start() <= speaker.start and m.end() == speaker.end), None)
        if speaker.mention is None and speaker.agent == "GOV" and whole is not None:
            quote.speaker, quote.speaker_label = None, whole.group()
            continue
        unnamed = speaker.mention is None and not speaker.agent and actors.unnamed.search(speaker.text) is not None
        if speaker.mention is None and not speaker.agent and not unnamed:
            # "según fuentes comunitarias": a parse that makes the adjective the head still
            # points into an unnamed source, which is the speaker
            source = next((m for m in sources if m.start() <= speaker.start and speaker.end <= m.end()), None)
            if source is not None:
                quote.speaker, quote.speaker_label = None, source.group()
                continue
        _assign(quote, speaker, unnamed)
    for quote in not_speech:
        quotes.remove(quote)


def _takes_a_thing(cue: Token, parse: Parse, quote: Quote) -> bool:
    """Whether a speech verb's "content" is its noun object, not a clause: "the regime
    maintained control over ...", "the group claimed responsibility", "announced a
    ceasefire" report no speech ("told reporters that ..." has a clause besides)."""
    if cue.pos_ not in ("VERB", "AUX") or any(c.dep_ in CLAUSE_RELATIONS for c in cue.children):
        return False
    if any(t.dep_ == "mark" or t.pos_ == "SCONJ" for t in parse.tokens_in(parse.end_of(cue), quote.start)):
        return False  # "warned that ...": a complementizer opens a clause, whatever the parse made of it
    objects = [c for c in cue.children if c.dep_ in ("obj", "obl") and c.pos_ in ("NOUN", "PROPN", "NUM")
               and quote.start <= parse.start_of(c) < quote.end]
    if sum(c.dep_ == "obj" for c in objects) != 1:
        return False  # none, or "considered the meeting a first step": a judgement on a thing is speech
    content = [t for t in parse.tokens_in(quote.start, quote.end) if not t.is_punct]
    if any(t.pos_ in ("VERB", "AUX") for t in content):
        return False  # "said the ruling changes things": a clause the parse misread
    covered = {t.i for c in objects for t in c.subtree}
    # the content is that noun phrase, not a clause the parse hung on a noun by mistake
    return bool(content) and sum(t.i in covered for t in content) >= 0.8 * len(content)


def _assign(quote: Quote, speaker: Argument, unnamed: bool) -> None:
    if unnamed:
        quote.speaker, quote.speaker_label = None, speaker.text
    else:
        quote.speaker, quote.speaker_label = speaker, None
