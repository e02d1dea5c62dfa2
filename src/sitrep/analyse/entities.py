"""Entity mentions: people, organisations and places named in an article.

Baseline detector (a trained model can replace the first step behind the same function):

1. candidates: capitalised token sequences, with the name particles of the language inside
   (``Hayat Tahrir al-Sham``, ``al Qaeda``) and facility or admin words around them
   (``Tartus naval base``, ``governorate of Aleppo``); for scripts without case, known
   names from the knowledge base and the gazetteer, and names right after a title;
2. typing: title cues, the knowledge base, the gazetteer, organisation words, acronyms and
   the shape of the name;
3. in-document linking: short forms to the full name introduced earlier (Assad → Bashar
   al-Assad), acronyms to their expansion (HTS → Hayat Tahrir al-Sham), spelling variants.

All cue lists are per-language data (``lang/<code>/entities.yaml``).
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache

from spacy.tokens import Doc, Token

from sitrep import names, resources
from sitrep.kb import KnowledgeBase, load_kb
from sitrep.model import Mention, NoiseSpan

PlaceKind = Callable[[str], str | None]  # name -> "country" | "admin1" | "city" ... | None


@dataclass(frozen=True)
class EntityCues:
    titles: tuple[tuple[str, ...], ...]
    person_role_words: frozenset[str]
    org_words: frozenset[str]
    org_first_words: frozenset[str]
    site_words: tuple[tuple[str, ...], ...]
    admin_after: frozenset[str]
    admin_before: tuple[tuple[str, ...], ...]
    particles: frozenset[str]
    connectors: frozenset[str]
    not_names: frozenset[str]
    stop_words: frozenset[str]
    event_words: frozenset[str]


def _phrases(items: Sequence[str]) -> tuple[tuple[str, ...], ...]:
    """Lower-cased phrases as token tuples, longest first (so the longest cue wins)."""
    phrases = {tuple(p.lower().replace("-", " - ").split()) for p in items}
    return tuple(sorted(phrases, key=len, reverse=True))


@cache
def cues_for(language: str) -> EntityCues:
    data = resources.load(language, "entities") or resources.load("en", "entities")
    try:
        stop_words = importlib.import_module(f"spacy.lang.{language}.stop_words").STOP_WORDS
    except ModuleNotFoundError:
        stop_words = set()
    lower = lambda key: frozenset(str(w).lower() for w in data.get(key, []))  # noqa: E731
    return EntityCues(
        titles=_phrases(data.get("titles", [])),
        person_role_words=lower("person_role_words"),
        org_words=lower("org_words"),
        org_first_words=lower("org_first_words"),
        site_words=_phrases(data.get("site_words", [])),
        admin_after=lower("admin_after"),
        admin_before=_phrases(data.get("admin_before", [])),
        particles=lower("name_particles"),
        connectors=lower("name_connectors") - {"and"},
        not_names=lower("not_names"),
        stop_words=frozenset(w.lower() for w in stop_words),
        event_words=lower("event_words"),
    )


@dataclass
class _Candidate:
    start: int  # token index
    end: int  # token index, exclusive
    label: str | None = None
    reason: str = ""
    kb_id: str | None = None
    source: str = "pattern"


def _is_cap(token: Token) -> bool:
    text = token.text
    return bool(text) and text[0].isupper() and any(c.isalpha() for c in text)


def _joined(doc: Doc, i: int) -> bool:
    """Token i touches the token before it (no space): the two halves of ``al-Sham``."""
    return i > 0 and doc[i - 1].whitespace_ == ""


class EntityFinder:
    """Finds and types name mentions in a spaCy Doc of one language."""

    def __init__(
        self,
        language: str,
        *,
        kb: KnowledgeBase | None = None,
        place_kind: PlaceKind | None = None,
        is_demonym: Callable[[str], bool] | None = None,
    ) -> None:
        self.language = language
        self.cues = cues_for(language)
        self.kb = kb if kb is not None else load_kb()
        self.place_kind = place_kind or (lambda _name: None)
        self.is_demonym = is_demonym or (lambda _name: False)
        self.cased = language not in {"ar", "fa", "ur", "he", "zh", "ja", "ko", "th"}

    # -- candidates -------------------------------------------------------------------
    def _particle_start(self, doc: Doc, i: int) -> bool:
        """``al Qaeda``, ``al-Assad``: a particle that opens a name."""
        tok = doc[i]
        if tok.lower_ not in self.cues.particles:
            return False
        j = i + 1
        if j < len(doc) and doc[j].text == "-" and doc[j].whitespace_ == "" and tok.whitespace_ == "":
            j += 1
        return j < len(doc) and _is_cap(doc[j])

    def _extend(self, doc: Doc, i: int, sent_end: int, masked: Sequence[bool]) -> int:
        j = i + 1
        while j < sent_end and not masked[j]:
            tok = doc[j]
            if _is_cap(tok) and not tok.is_punct:
                j += 1
                continue
            nxt = doc[j + 1] if j + 1 < sent_end else None
            if (
                tok.text == "-"
                and nxt is not None
                and _joined(doc, j)
                and tok.whitespace_ == ""
                and (_is_cap(nxt) or (doc[j - 1].lower_ in self.cues.particles))
                and nxt.is_alpha
            ):
                j += 2
                continue
            if tok.lower_ in self.cues.particles and nxt is not None and (
                _is_cap(nxt) or (nxt.text == "-" and j + 2 < sent_end and _is_cap(doc[j + 2]))
            ):
                j += 1
                continue
            if tok.lower_ in self.cues.connectors and nxt is not None and _is_cap(nxt):
                j += 1
                continue
            break
        while j > i + 1 and (doc[j - 1].lower_ in self.cues.connectors or doc[j - 1].text == "-"):
            j -= 1
        return j

    def _capitalised_candidates(self, doc: Doc, masked: Sequence[bool]) -> list[_Candidate]:
        out: list[_Candidate] = []
        for sent in doc.sents:
            i = sent.start
            while i < sent.end:
                tok = doc[i]
                if masked[i] or not ((_is_cap(tok) and not tok.is_punct) or self._particle_start(doc, i)):
                    i += 1
                    continue
                j = self._extend(doc, i, sent.end, masked)
                out.extend(self._split_on_titles(doc, i, j, sentence_start=(i == sent.start)))
                i = j
        return out

    def _match_phrase(
        self, doc: Doc, i: int, limit: int, phrases: tuple[tuple[str, ...], ...]
    ) -> int:
        """Length of the longest phrase that starts at token i (0 if none)."""
        for phrase in phrases:
            n = len(phrase)
            if i + n <= limit and all(doc[i + k].lower_ == phrase[k] for k in range(n)):
                return n
        return 0

    def _split_on_titles(self, doc: Doc, i: int, j: int, sentence_start: bool) -> list[_Candidate]:
        """``Syrian Prime Minister Mohammad al-Jalali`` → ``Syrian`` | title | PER name."""
        pieces: list[_Candidate] = []
        k, piece_start, after_title = i, i, False
        while k < j:
            n = self._match_phrase(doc, k, j, self.cues.titles)
            if n:
                if k > piece_start:
                    pieces.append(_Candidate(piece_start, k, "PER" if after_title else None))
                k += n
                piece_start, after_title = k, True
                continue
            k += 1
        if piece_start < j:
            pieces.append(
                _Candidate(piece_start, j, "PER" if after_title else None, "title" if after_title else "")
            )
        for cand in pieces:
            cand.reason = cand.reason or ("sentence-start" if sentence_start and cand.start == i else "")
        if not after_title and i > 0 and doc[i - 1].lower_ in self.cues.person_role_words and pieces:
            pieces[0].label, pieces[0].reason = "PER", "role word"
        return pieces

    def _dictionary_candidates(self, doc: Doc, masked: Sequence[bool]) -> list[_Candidate]:
        """Known names from the knowledge base and the gazetteer (scripts without case)."""
        out: list[_Candidate] = []
        longest = self.kb.max_alias_words
        after_title = -1  # a name is expected at this token: the one after a title
        i = 0
        while i < len(doc):
            if masked[i] or doc[i].is_punct:
                i += 1
                continue
            found = self._dictionary_match(doc, i, longest, masked)
            if found:
                out.append(found)
                i = found.end
                continue
            if i == after_title and not doc[i].is_stop:
                end = i + 1
                while end < min(len(doc), i + 3) and not doc[end].is_punct and not doc[end].is_stop:
                    end += 1
                out.append(_Candidate(i, end, "PER", "title"))
                i = end
                continue
            n = self._match_phrase(doc, i, len(doc), self.cues.titles)
            if n:
                i += n
                while i < len(doc) and self.is_demonym(doc[i].text):  # "the Syrian president X"
                    i += 1
                after_title = i
            else:
                i += 1
        return out

    def _dictionary_match(self, doc: Doc, i: int, longest: int, masked: Sequence[bool]) -> _Candidate | None:
        """The longest knowledge-base alias or gazetteer name starting at token i."""
        for n in range(min(longest, len(doc) - i), 0, -1):
            if any(masked[i : i + n]) or doc[i + n - 1].is_punct:
                continue
            text = doc[i : i + n].text
            entries = self.kb.lookup(text)
            if entries:
                return _Candidate(i, i + n, entries[0].type, "kb", entries[0].id, "kb")
            if self.place_kind(text):
                return _Candidate(i, i + n, "LOC", "gazetteer", None, "gazetteer")
        return None

    # -- cleaning and typing ----------------------------------------------------------
    def _trim(self, doc: Doc, cand: _Candidate) -> _Candidate | None:
        cues = self.cues
        while cand.start < cand.end and (
            doc[cand.start].lower_ in cues.stop_words or doc[cand.start].lower_ in cues.not_names
        ) and doc[cand.start].lower_ not in cues.particles:
            cand.start += 1
        while cand.end > cand.start and (
            doc[cand.end - 1].lower_ in cues.connectors or doc[cand.end - 1].is_punct
        ):
            cand.end -= 1
        if cand.start >= cand.end:
            return None
        words = [t.lower_ for t in doc[cand.start : cand.end] if t.text != "-"]
        if all(w in cues.not_names or w in cues.stop_words or w in cues.particles for w in words):
            return None
        if any(w in cues.event_words for w in words):
            return None
        return cand

    def _extend_place_cues(self, doc: Doc, cand: _Candidate) -> None:
        """Grow ``Latakia`` into ``Latakia province`` and ``Aleppo`` into ``governorate of Aleppo``."""
        n = self._match_phrase(doc, cand.end, len(doc), self.cues.site_words)
        if n:
            cand.end += n
            cand.label, cand.reason = "LOC", "site"
            return
        if cand.end < len(doc) and doc[cand.end].lower_ in self.cues.admin_after:
            cand.end += 1
            cand.label, cand.reason = "LOC", "admin"
            return
        for phrase in self.cues.admin_before:
            start = cand.start - len(phrase)
            if start >= 0 and tuple(t.lower_ for t in doc[start : cand.start]) == phrase:
                cand.start = start
                cand.label, cand.reason = "LOC", "admin"
                return

    def _type(self, doc: Doc, cand: _Candidate, text: str) -> str | None:
        if cand.label:
            return cand.label
        cues = self.cues
        entries = self.kb.lookup(text)
        if entries:
            cand.kb_id, cand.source = entries[0].id, "kb"
            return entries[0].type
        if self.place_kind(text):
            cand.source = "gazetteer"
            return "LOC"
        tokens = [t for t in doc[cand.start : cand.end] if t.text != "-"]
        lowered = [t.lower_ for t in tokens]
        if any(w in cues.org_words for w in lowered) or lowered[0] in cues.org_first_words:
            return "ORG"
        if len(tokens) == 1 and text.isupper() and 2 <= len(text.replace(".", "")) <= 6:
            return "ORG"
        if len(tokens) >= 2:
            return "PER"
        return None  # one unknown word: decided by in-document context below

    def find(self, doc: Doc, noise: Sequence[NoiseSpan] = ()) -> list[Mention]:
        masked = [False] * len(doc)
        for span in noise:
            for tok in doc.char_span(span.start, span.end, alignment_mode="expand") or ():
                masked[tok.i] = True
        raw = self._dictionary_candidates(doc, masked)
        if self.cased:
            raw = [c for c in raw if c.source == "kb" and c.start < len(doc) and _is_cap(doc[c.start])]
            taken = {k for c in raw for k in range(c.start, c.end)}
            raw += [
                c for c in self._capitalised_candidates(doc, masked)
                if not any(k in taken for k in range(c.start, c.end))
            ]
            raw.sort(key=lambda c: c.start)
        mid_sentence_words = {
            doc[c.start].lower_ for c in raw if c.reason != "sentence-start" and c.end - c.start == 1
        }
        mentions: list[Mention] = []
        for cand in raw:
            trimmed = self._trim(doc, cand)
            if trimmed is None:
                continue
            core_text = doc[trimmed.start : trimmed.end].text
            if trimmed.label is None and self.is_demonym(core_text):
                continue
            label = self._type(doc, trimmed, core_text)
            if (
                trimmed.reason == "sentence-start"
                and trimmed.end - trimmed.start == 1
                and label is None
                and doc[trimmed.start].lower_ not in mid_sentence_words
            ):
                continue
            if label != "PER":
                self._extend_place_cues(doc, trimmed)
                label = trimmed.label or label
            span = doc[trimmed.start : trimmed.end]
            end_char = span.end_char
            if span.text.endswith(("’s", "'s")):  # a possessive the tokeniser left attached
                end_char -= 2
            mentions.append(
                Mention(
                    start=span.start_char,
                    end=end_char,
                    text=doc.text[span.start_char : end_char],
                    label=label or "",  # type: ignore[arg-type]
                    sentence=-1,
                    source=trimmed.source,
                    kb_id=trimmed.kb_id,
                )
            )
        link_mentions(mentions, self.kb)
        return [m for m in mentions if m.label]


def _core_name(mention: Mention) -> str:
    """The name without the admin or facility words the detector grew around it."""
    return mention.text


def link_mentions(mentions: list[Mention], kb: KnowledgeBase) -> None:
    """Group mentions of one entity inside a document (sets ``cluster``, ``key``, labels).

    Rules, in order: the same knowledge-base entry; an acronym equal to the initials of an
    earlier organisation; the same variant key; a one-word mention equal to the last word of
    exactly one earlier person (``Assad`` after ``Bashar al-Assad``).
    """
    clusters: list[list[Mention]] = []
    by_kb: dict[str, int] = {}
    by_key: dict[str, int] = {}
    for mention in mentions:
        key = names.variant_key(_core_name(mention))
        target: int | None = None
        if mention.kb_id and mention.kb_id in by_kb:
            target = by_kb[mention.kb_id]
        elif key in by_key:
            target = by_key[key]
        elif mention.text.isupper() and len(mention.text) >= 2:
            for idx, members in enumerate(clusters):
                if any(names.initials(m.text) == mention.text for m in members if m.label != "PER"):
                    target = idx
                    break
        elif len(names.words(mention.text)) == 1 and mention.label in ("PER", ""):
            word = names.variant_key(mention.text)
            persons = {
                idx for idx, members in enumerate(clusters)
                for m in members
                if m.label == "PER" and len(names.words(m.text)) > 1
                and names.variant_key(m.text).split()[-1] == word
            }
            if len(persons) == 1:
                target = persons.pop()
        if target is None:
            clusters.append([mention])
            target = len(clusters) - 1
        else:
            clusters[target].append(mention)
        mention.cluster = target
        by_key.setdefault(key, target)
        if mention.kb_id:
            by_kb.setdefault(mention.kb_id, target)
    for idx, members in enumerate(clusters):
        labels = [m.label for m in members if m.label]
        label = max(set(labels), key=labels.count) if labels else ("ORG")
        kb_id = next((m.kb_id for m in members if m.kb_id), None)
        canonical = max(members, key=lambda m: (len(names.words(m.text)), len(m.text))).text
        if kb_id:
            entry = kb.entries.get(kb_id)
            label = entry.type if entry and not labels else label
        for m in members:
            m.label = label  # type: ignore[assignment]
            m.kb_id = kb_id
            m.key = names.variant_key(canonical)
            m.cluster = idx
