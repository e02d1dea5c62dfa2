"""Quote extraction: who said what, from per-language cue lists.

``lang/<code>/quotes.yaml`` names the speech verbs whose speaker stands before them
("X said that ...", "X mengatakan bahwa ..."), the cues whose speaker follows them
("according to X", "menurut X", "kata X"), complementizers and the quotation-mark
pairs of the language. The engine is shared:

* direct quotes: text between quotation marks, attributed through a cue just before
  or after the marks (same sentence, else the neighbouring sentence);
* indirect speech and attributions: the clause after "X said (that)", before
  "..., X said" / "..., according to X", or after "According to X, ...".

The speaker is the mention (PER before ORG before descriptions and places) that
governs the cue; "he"/"she"/"dia"/"ia" resolve to the first person of the last sentence
that names one (most often its subject); a cue without a subject, in a language that
drops it (``drops_subjects``), or with an enclitic one (``speaker_suffix``: "tandasnya"),
goes to whoever spoke last; an unnamed source ("analysts say", "officials said") gives no
speaker but a ``speaker_label``. Quote offsets cover the content only, never the cue.

The cost is linear in the document: quotation marks are paired through sorted mark
positions (an opening mark with no closing one does not make a regex scan to the end
of the line, once per mark), and every look-up that would walk all earlier cues,
mentions or noise spans goes through a sorted index instead.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import cache
from itertools import accumulate

from sitrep.analyse.events import (
    actor_candidates,
    actor_lexicon,
    event_lexicon,
    resource,
    sentence_spans,
    word_regex,
)
from sitrep.analyse.events.participants import copy_argument, first_in_sentence, mention_argument
from sitrep.model import Argument, Mention, NoiseSpan, Quote, Sentence, Span

_PREFERENCE = {"PER": 0, "ORG": 1}
_TRIM = " \t\n,.:;\u2013\u2014-"
_PHRASE_END = re.compile(r"[,:;\u060c]")
_SUBJECT_REACH = 90  # characters before a cue (or an appositive) where its subject may stand
_SPEAKER_REACH = 1_500  # a subjectless speech verb goes back to a speaker at most this far
_CONTINUATION_REACH = 80  # a cueless quotation this close after an attributed one continues it
_CONTINUED_MIN_WORDS = 3  # "We are friends." (a lone cueless quotation needs min_quote_words)


@dataclass(frozen=True)
class QuoteLexicon:
    """The compiled cue resources of one language."""

    speaker_first: re.Pattern
    speaker_after: re.Pattern
    complementizer: re.Pattern
    skip_after_cue: re.Pattern
    pairs: tuple[tuple[str, str], ...]  # (opening mark, closing mark), in order of preference
    min_words: int
    speaker_suffix: str  # an enclitic pronoun on the cue: "tandasnya" = "he/she stressed"
    drops_subjects: bool  # a speech verb may stand without its subject ("añadió"): who spoke last
    speaker_before_quote: bool  # verb-final: 'Kliçko, "..." dedi' names the speaker before the quotation


@cache
def quote_lexicon(language: str) -> QuoteLexicon | None:
    """Compile ``quotes.yaml`` once per process; None for languages without one."""
    config = resource(language, "quotes")
    if not config:
        return None
    pairs = config.get("quote_pairs", ["\u201c\u201d", '""'])
    return QuoteLexicon(
        speaker_first=word_regex(config.get("speaker_first", []), config),
        speaker_after=word_regex(config.get("speaker_after", []), config),
        complementizer=word_regex(config.get("complementizer", []), config, affixes=False),
        skip_after_cue=re.compile(config.get("skip_after_cue", r"\s*"), re.IGNORECASE),
        pairs=tuple((p[:2], p[2:]) if len(p) == 4 else (p[0], p[1]) for p in pairs),
        min_words=int(config.get("min_quote_words", 4)),
        speaker_suffix=str(config.get("speaker_suffix", "")).lower(),
        drops_subjects=bool(config.get("drops_subjects", False)),
        speaker_before_quote=bool(config.get("speaker_before_quote", False)),
    )


def extract_quotes(
    text: str,
    language: str,
    sentences: list[Sentence],
    mentions: list[Mention],
    noise: list[NoiseSpan],
) -> list[Quote]:
    """Direct quotes, indirect speech and attributions of one document."""
    lexicon = quote_lexicon(language)
    if lexicon is None:
        return []
    spans = sentence_spans(text, sentences)
    finder = _Finder(text, language, spans, mentions, noise, lexicon)
    quotes = finder.direct()
    quotes += finder.indirect(quotes)
    quotes.sort(key=lambda q: q.start)
    return quotes


class _Finder:
    """State shared by the passes over one document (the text and its sentences)."""

    def __init__(
        self,
        text: str,
        language: str,
        spans: list[Sentence],
        mentions: list[Mention],
        noise: list[NoiseSpan],
        lexicon: QuoteLexicon,
    ) -> None:
        self.text = text
        self.language = language
        self.spans = spans
        self.mentions = mentions
        self.noise = _NoiseIndex(noise)
        self.lexicon = lexicon
        self.actors = actor_lexicon(language)
        events = event_lexicon(language)
        self.agent_markers = events.agent_markers if events is not None else None
        self.used_cues: set[int] = set()
        self._speakers: tuple[list[int], list[int]] | None = None  # built on first use
        self.spoken: list[tuple[int, int]] = []  # (position, mention) of each speaker found so far, sorted
        self.starts = [sentence.start for sentence in spans]
        # every "X said" cue of the text once, by end: the last one before a quotation
        # is then a bisection, not a regex run over the text before it
        self.first_cues = list(lexicon.speaker_first.finditer(text))
        self.first_cue_ends = [cue.end() for cue in self.first_cues]
        # mentions by start (for the candidates of a window) and people by end (for
        # "he said": the last person named before)
        self.by_start = sorted(range(len(mentions)), key=lambda i: mentions[i].start)
        self.mention_starts = [mentions[i].start for i in self.by_start]
        people = sorted((m.end, i) for i, m in enumerate(mentions) if self._is_person(m))
        self.people_ends = [end for end, _ in people]
        self.last_person = list(accumulate((i for _, i in people), max))

    # -- direct quotes -------------------------------------------------------------

    def direct(self) -> list[Quote]:
        out: list[Quote] = []
        for m_start, m_end, q_start, q_end in quotations(self.text, self.lexicon.pairs):
            content = self.text[q_start:q_end]
            if self.noise.overlaps(m_start, m_end):
                continue
            s_index = self._sentence_of(m_start)
            quote = self._attribute_direct(m_start, m_end, s_index)
            continued = quote is None and self._continues(out, m_start)
            if continued:  # '"...," he said. "We are friends."': the same voice goes on
                quote = (copy_argument(out[-1].speaker) if out[-1].speaker else None, out[-1].speaker_label, None)
            if quote is None:
                continue
            speaker, label, cue = quote
            if len(content.split()) < (_CONTINUED_MIN_WORDS if continued else self.lexicon.min_words) and cue is None:
                continue
            self._spoke(speaker)
            start, end = _trim(self.text, q_start, q_end)
            out.append(
                Quote(
                    start=start,
                    end=end,
                    text=self.text[start:end],
                    sentence=s_index,
                    kind="direct",
                    speaker=speaker,
                    speaker_label=label,
                    cue=cue,
                )
            )
        return out

    def _continues(self, found: list[Quote], open_at: int) -> bool:
        """Whether a quotation without a cue of its own follows closely on an attributed
        one (within ``_CONTINUATION_REACH`` characters: its cue and a paragraph break)."""
        if not found or (found[-1].speaker is None and found[-1].speaker_label is None):
            return False
        return 0 <= open_at - found[-1].end <= _CONTINUATION_REACH

    def _attribute_direct(
        self, open_at: int, close_at: int, s_index: int
    ) -> tuple[Argument | None, str | None, Span | None] | None:
        """Speaker of a quotation: a cue after the closing mark, else before the opening one."""
        sentence = self.spans[s_index]
        end_index = self._sentence_of(max(open_at, close_at - 1))
        tail_end = self.spans[end_index].end
        if close_at >= tail_end and end_index + 1 < len(self.spans):
            tail_end = self.spans[end_index + 1].end
        for cue_re, after in ((self.lexicon.speaker_first, False), (self.lexicon.speaker_after, True)):
            cue = cue_re.search(self.text, close_at, min(tail_end, close_at + 60))
            if cue is None:
                continue
            speaker = self._speaker_around(cue, close_at, tail_end, after_only=after)
            adjacent = not self.text[close_at:cue.start()].strip(_TRIM)
            if speaker is None and not after and adjacent and self.lexicon.speaker_before_quote:
                # 'Vitali Kliçko, "..." dedi.': the subject stands before the quotation
                speaker = self._pick(sentence.start, open_at, pronoun_at=open_at)
            if speaker is None and not after and adjacent:
                speaker = self._unsaid_subject(open_at)  # '"...", añadió.': who spoke last
            if speaker is not None:
                self.used_cues.add(cue.start())
                return (*speaker, _span(self.text, cue.start(), cue.end(), s_index))
        lead_start = max(sentence.start, open_at - 150)
        cue = self._last_first_cue(lead_start, open_at)
        if cue is not None:
            speaker = self._speaker_before(cue.start(), sentence.start) or self._unsaid_subject(cue.start())
            if speaker is not None:
                self.used_cues.add(cue.start())
                return (*speaker, _span(self.text, cue.start(), cue.end(), s_index))
        return None

    # -- indirect speech -----------------------------------------------------------

    def indirect(self, direct: list[Quote]) -> list[Quote]:
        out: list[Quote] = []
        for index, sentence in enumerate(self.spans):
            if self.noise.overlaps(sentence.start, sentence.end):
                continue
            for cue in self.lexicon.speaker_after.finditer(self.text, sentence.start, sentence.end):
                quote = self._according(cue, index)
                if quote is not None:
                    out.append(quote)
            for cue in self.lexicon.speaker_first.finditer(self.text, sentence.start, sentence.end):
                if cue.start() in self.used_cues:
                    continue
                quote = self._reported(cue, index)
                if quote is not None:
                    out.append(quote)
        taken = _Intervals((q.start, q.end) for q in direct)
        kept = []
        for quote in out:
            if taken.add(quote.start, quote.end):
                kept.append(quote)
        return kept

    def _according(self, cue: re.Match, index: int) -> Quote | None:
        """'According to X, CONTENT' or 'CONTENT, according to X'."""
        sentence = self.spans[index]
        phrase_end = self._phrase_end(cue.end(), sentence.end)
        that = self.lexicon.complementizer.search(self.text, cue.end(), phrase_end)
        if that is not None:  # "قال الوزير إن ...": the speaker phrase ends at the complementizer
            phrase_end = that.start()
        speaker = self._pick(cue.end(), phrase_end, first=True)
        if speaker is None:
            return None
        before = self.text[sentence.start : cue.start()].strip(_TRIM)
        if len(before.split()) >= 3:
            start, end = sentence.start, cue.start()
        else:
            start, end = (that.end() if that else phrase_end), sentence.end
        return self._quote(start, end, index, "attribution", speaker, cue)

    def _reported(self, cue: re.Match, index: int) -> Quote | None:
        """'X said (that) CONTENT', 'CONTENT, X said' or 'But, X say, CONTENT'."""
        sentence = self.spans[index]
        text = self.text
        before = text[sentence.start : cue.start()]
        inverted = before.rstrip().endswith((",", "\u201d", '"', "'", "\u2019", "\u00bb"))
        rest_start = self.lexicon.skip_after_cue.match(text, cue.end(), sentence.end).end()
        rest = text[rest_start : sentence.end].strip(_TRIM)
        if inverted:
            speaker = self._speaker_after(cue.end(), sentence.end)
            limit = 5 + (len(speaker[0].text.split()) if speaker and speaker[0] else 1)
            if speaker is not None and len(rest.split()) <= limit:
                comma = before.rstrip().rstrip(",")
                return self._quote(sentence.start, sentence.start + len(comma), index, "indirect", speaker, cue)
        speaker = self._speaker_before(cue.start(), sentence.start)
        if speaker is None and len(before.split()) <= 2:
            speaker = self._unsaid_subject(cue.start())  # "Añadió que ...", "Pero subrayó que ..."
        if speaker is None:
            return None
        if len(rest.split()) < 3:
            head_end = self._last_comma(sentence.start, cue.start())
            if head_end is None:
                return None
            return self._quote(sentence.start, head_end, index, "indirect", speaker, cue)
        if text[rest_start - 1 : rest_start] == "," and self._is_parenthetical(cue, sentence.start):
            return self._quote(rest_start, sentence.end, index, "indirect", speaker, cue)
        that = self.lexicon.complementizer.search(text, cue.end(), min(sentence.end, cue.end() + 60))
        start = that.end() if that and "," not in text[cue.end() : that.start()] else rest_start
        return self._quote(start, sentence.end, index, "indirect", speaker, cue)

    def _is_parenthetical(self, cue: re.Match, lo: int) -> bool:
        """'But, analysts say, ...': the speaker phrase sits between two commas."""
        comma = self.text.rfind(",", lo, cue.start())
        return comma >= 0 and len(self.text[comma + 1 : cue.start()].split()) <= 4

    def _last_comma(self, lo: int, hi: int) -> int | None:
        position = self.text.rfind(",", lo, hi)
        return position if position > lo else None

    def _quote(
        self,
        start: int,
        end: int,
        index: int,
        kind: str,
        speaker: tuple[Argument | None, str | None],
        cue: re.Match,
    ) -> Quote | None:
        start, end = _trim(self.text, start, end)
        if len(self.text[start:end].split()) < 3 or self.noise.overlaps(start, end):
            return None
        argument, label = speaker
        if argument is not None and start <= argument.start < end:
            return None
        self._spoke(argument)
        return Quote(
            start=start,
            end=end,
            text=self.text[start:end],
            sentence=index,
            kind=kind,  # type: ignore[arg-type]
            speaker=argument,
            speaker_label=label,
            cue=_span(self.text, cue.start(), cue.end(), index),
        )

    # -- speakers ------------------------------------------------------------------

    def _speaker_around(
        self, cue: re.Match, lo: int, hi: int, after_only: bool
    ) -> tuple[Argument | None, str | None] | None:
        """Speaker of a cue after a closing quote: 'said X', 'X said', 'kata X'."""
        suffix = self.lexicon.speaker_suffix
        if suffix and cue.group().lower().endswith(suffix) and len(cue.group()) > len(suffix) + 2:
            person = self._last_speaker(cue.start()) or self._last_person(cue.start())
            if person is not None:  # "..., " tandasnya': who spoke last, else the last person named
                return person, None
        found = self._speaker_after(cue.end(), hi)
        if found is not None and not after_only and self._by_agent(cue.end(), found[0]):
            # '"...," Yeltsin was quoted as saying by the ITAR-Tass news agency': the agent
            # of the passive is who reports, the subject before the cue who spoke
            before = self._pick(lo, cue.start(), pronoun_at=cue.start())
            if before is not None:
                return before
        if found is not None or after_only:
            return found
        return self._pick(lo, cue.start(), pronoun_at=cue.start())

    def _by_agent(self, position: int, speaker: Argument | None) -> bool:
        """Whether a speaker after a cue is a passive agent ("by X", "oleh X")."""
        if speaker is None or self.agent_markers is None:
            return False
        words = self.text[position:speaker.start].split()
        return bool(words) and words[0].lower() in self.agent_markers

    def _speaker_after(self, position: int, hi: int) -> tuple[Argument | None, str | None] | None:
        end = self._phrase_end(position, hi)
        if len(self.text[position:end].split()) > 8:
            end = position + 60
        return self._pick(position, end, pronoun_at=position, first=True)

    def _speaker_before(self, cue_start: int, lo: int) -> tuple[Argument | None, str | None] | None:
        """The subject of a cue: in its clause, else before an appositive ("X, a loyalist
        of Y, said"), else near the cue in the sentence."""
        head = self.text[lo:cue_start].rstrip()
        clause = max(self.text.rfind(",", lo, cue_start), self.text.rfind(";", lo, cue_start))
        if clause > lo and head.endswith(","):
            opening = self.text.rfind(",", lo, clause)
            if opening > lo:
                found = self._pick(max(lo, opening - _SUBJECT_REACH), opening, pronoun_at=opening)
                if found is not None:
                    return found
        elif clause > lo:
            found = self._pick(clause + 1, cue_start, pronoun_at=cue_start)
            if found is not None:
                return found
        return self._pick(max(lo, cue_start - _SUBJECT_REACH), cue_start, pronoun_at=cue_start)

    def _phrase_end(self, position: int, hi: int) -> int:
        """End of a speaker phrase: the next comma, colon or the sentence end."""
        match = _PHRASE_END.search(self.text, position, hi)
        return match.start() if match else hi

    def _pick(
        self, lo: int, hi: int, pronoun_at: int | None = None, first: bool = False
    ) -> tuple[Argument | None, str | None] | None:
        """The best speaker in text[lo:hi]: a pronoun next to the cue, a name, a source."""
        if hi <= lo:
            return None
        if pronoun_at is not None:
            resolved = self._pronoun(lo, hi, pronoun_at, first)
            if resolved is not None:
                return resolved, None
        candidates = [c for c in self._candidates(lo, hi) if not self.noise.overlaps(c.start, c.end)]
        unnamed = list(self.actors.unnamed.finditer(self.text, lo, hi))
        if candidates:
            def rank(arg: Argument) -> tuple[int, int]:
                label = self.mentions[arg.mention].label if arg.mention is not None else None
                kind = _PREFERENCE.get(label or "", 2 if arg.nominal else 3)
                distance = arg.start - lo if first else hi - arg.end
                return kind, distance

            best = min(candidates, key=rank)
            source = (unnamed[0] if first else unnamed[-1]) if unnamed else None
            closer = source is not None and (
                source.start() < best.start if first else source.end() > best.end
            )
            if not (best.nominal and (closer or _generic(best, unnamed))):
                return best, None
        if unnamed:
            source = unnamed[0] if first else unnamed[-1]
            return None, source.group()
        return None

    def _pronoun(self, lo: int, hi: int, cue_at: int, first: bool) -> Argument | None:
        """'he said' / 'kata dia': the pronoun beside the cue, resolved to the last person."""
        window = (cue_at, min(hi, cue_at + 8)) if first else (max(lo, cue_at - 8), cue_at)
        match = self.actors.pronoun.search(self.text, *window)
        if match is None:
            return None
        return self._last_person(match.start())

    def _cue_speakers(self) -> tuple[list[int], list[int]]:
        """(cue positions, person mentions) of every person written right next to a cue:
        after a "kata"-type cue, or before a "said"-type one (a comma may stand between)."""
        starting = {m.start: i for i, m in enumerate(self.mentions) if m.label == "PER"}
        ending = {m.end: i for i, m in enumerate(self.mentions) if m.label == "PER"}
        found = []
        for cue in self.lexicon.speaker_after.finditer(self.text):  # "kata Yadi"
            after = self.text[cue.end():cue.end() + 3]
            start = cue.end() + len(after) - len(after.lstrip())
            if start in starting:
                found.append((cue.end(), starting[start]))
        for cue in self.first_cues:  # "Yadi mengatakan", "Federico Trillo, dijo"
            before = self.text[max(0, cue.start() - 4):cue.start()]
            end = cue.start() - (len(before) - len(before.rstrip(" ,")))
            if end in ending:
                found.append((cue.start(), ending[end]))
        found.sort()
        return [at for at, _ in found], [i for _, i in found]

    def _last_speaker(self, position: int) -> Argument | None:
        """Who spoke last before a position: the person written next to a cue ("kata
        Yadi", "Yadi mengatakan") or the speaker of a quote attributed so far, within
        reach; an article quotes one source for several paragraphs."""
        if self._speakers is None:
            self._speakers = self._cue_speakers()
        positions, indices = self._speakers
        before = bisect.bisect_left(positions, position)
        best = (positions[before - 1], indices[before - 1]) if before else None
        earlier = bisect.bisect_left(self.spoken, (position, -1))  # speakers of the quotes attributed so far
        if earlier and (best is None or self.spoken[earlier - 1][0] > best[0]):
            best = self.spoken[earlier - 1]
        if best is None or position - best[0] > _SPEAKER_REACH:
            return None
        return mention_argument(self.mentions, best[1])

    def _unsaid_subject(self, position: int) -> tuple[Argument | None, str | None] | None:
        """The speaker of a speech verb written without a subject, in a language that drops
        it (``drops_subjects``: Spanish "añadió", Portuguese "disse"): who spoke last, if
        that was lately."""
        if not self.lexicon.drops_subjects:
            return None
        speaker = self._last_speaker(position)
        return (speaker, None) if speaker is not None else None

    def _spoke(self, speaker: Argument | None) -> None:
        if speaker is not None and speaker.mention is not None and self.mentions[speaker.mention].label in _PREFERENCE:
            bisect.insort(self.spoken, (speaker.start, speaker.mention))  # kept sorted: a bisection per look-up

    def _last_person(self, position: int) -> Argument | None:
        """Who "he", "she", "-nya" at a position stand for: the first person named in the
        last sentence before it that names one (:func:`first_in_sentence`)."""
        before = bisect.bisect_right(self.people_ends, position)
        if not before:
            return None
        index = first_in_sentence(self.mentions, self.last_person[before - 1], self._is_person)
        return mention_argument(self.mentions, index)

    def _is_person(self, mention: Mention) -> bool:
        return mention.label == "PER" and not self.noise.overlaps(mention.start, mention.end)

    def _sentence_of(self, position: int) -> int:
        return max(0, bisect.bisect_right(self.starts, position) - 1)

    def _last_first_cue(self, lo: int, hi: int) -> re.Match | None:
        """The last "X said" cue lying within text[lo:hi]."""
        index = bisect.bisect_right(self.first_cue_ends, hi) - 1
        if index >= 0 and self.first_cues[index].start() >= lo:
            return self.first_cues[index]
        return None

    def _candidates(self, lo: int, hi: int) -> list[Argument]:
        """``actor_candidates`` of text[lo:hi], given only the mentions that start there:
        it walks every mention it is handed, and a document has thousands. Mention
        indices are mapped back to the document's."""
        first = bisect.bisect_left(self.mention_starts, lo)
        last = bisect.bisect_left(self.mention_starts, hi)
        window = sorted(self.by_start[first:last])
        found = actor_candidates(self.text, self.language, lo, hi, [self.mentions[i] for i in window])
        for arg in found:
            if arg.mention is not None:
                arg.mention = window[arg.mention]
        return found


def quotations(text: str, pairs: Sequence[tuple[str, str]]) -> Iterator[tuple[int, int, int, int]]:
    """(start, end, content start, content end) of each quotation in ``text``.

    The same matches as ``re.finditer`` over ``open([^\\n]+?)close`` alternated over the
    pairs (leftmost first, the earlier pair first at one position, content of at least
    one character on one line), in O(n log n): each opening mark looks up the first
    closing mark after it and the first line break after it by bisection, where the
    regex would scan to the end of the line from every unclosed mark.
    """
    newlines = _positions(text, "\n")
    opens = [set(_positions(text, open_mark)) for open_mark, _ in pairs]
    closes = [_positions(text, close_mark) for _, close_mark in pairs]
    done = 0
    for start in sorted(set().union(*opens)):
        if start < done:
            continue
        for (open_mark, close_mark), starts, ends in zip(pairs, opens, closes, strict=True):
            if start not in starts:
                continue
            inner = start + len(open_mark)
            found = bisect.bisect_left(ends, inner + 1)
            if found == len(ends):
                continue
            close_at = ends[found]
            line_end = bisect.bisect_left(newlines, inner)
            if line_end < len(newlines) and newlines[line_end] < close_at:
                continue
            done = close_at + len(close_mark)
            yield start, done, inner, close_at
            break


def _positions(text: str, mark: str) -> list[int]:
    """Every position where ``mark`` starts, overlapping ones included, in order."""
    out = []
    at = text.find(mark)
    while at >= 0:
        out.append(at)
        at = text.find(mark, at + 1)
    return out


class _NoiseIndex:
    """Overlap tests against the noise spans by bisection (they are sorted by start, with
    the running maximum of their ends), instead of a pass over all of them per test."""

    def __init__(self, noise: Sequence[NoiseSpan]) -> None:
        spans = sorted((n.start, n.end) for n in noise)
        self.starts = [start for start, _ in spans]
        self.max_end = list(accumulate((end for _, end in spans), max))

    def overlaps(self, start: int, end: int) -> bool:
        """Whether [start, end) overlaps some noise span (as ``events.in_noise``)."""
        before = bisect.bisect_left(self.starts, end)  # spans starting before ``end``
        return before > 0 and self.max_end[before - 1] > start


class _Intervals:
    """Disjoint intervals kept sorted: adding one that overlaps none is a bisection."""

    def __init__(self, spans: Iterator[tuple[int, int]] | Sequence[tuple[int, int]]) -> None:
        self.starts: list[int] = []
        self.ends: list[int] = []
        for start, end in spans:
            self.add(start, end)

    def add(self, start: int, end: int) -> bool:
        """Add [start, end) unless it overlaps one already there; whether it was added."""
        at = bisect.bisect_left(self.starts, start)
        if at > 0 and self.ends[at - 1] > start:
            return False
        if at < len(self.starts) and self.starts[at] < end:
            return False
        self.starts.insert(at, start)
        self.ends.insert(at, end)
        return True


def _generic(best: Argument, unnamed: list[re.Match]) -> bool:
    """Whether a nominal description is itself an unnamed source ("officials", "police")."""
    return any(u.start() <= best.start and best.end <= u.end() for u in unnamed)


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start] in _TRIM + "\"'\u201c\u201d\u00ab\u00bb":
        start += 1
    while end > start and text[end - 1] in _TRIM + "\"'\u201c\u201d\u00ab\u00bb":
        end -= 1
    return start, end


def _span(text: str, start: int, end: int, sentence: int) -> Span:
    return Span(start=start, end=end, text=text[start:end], sentence=sentence)
