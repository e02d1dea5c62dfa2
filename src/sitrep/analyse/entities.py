"""Entity mentions: people, organisations and places named in an article.

1. candidates, in order of trust: knowledge-base aliases (exact, any script); names the
   language's statistical NER model finds (``sitrep.ner``, where one is shipped); and
   capitalised token sequences with the language's name particles inside (``Hayat Tahrir
   al-Sham``, ``al Qaeda``). With a model, a capitalised sequence it passed over is kept
   only on a sure cue (a title, a role word, an organisation word). Scripts without case
   rely on the knowledge base, the gazetteer and the words after a title;
2. typing: the knowledge base overrides the model; without a model, title cues, the
   gazetteer, organisation words, acronyms and the shape of the name decide. Facility and
   admin words grow a place name (``Tartus naval base``, ``governorate of Aleppo``);
3. in-document linking: short forms to the full name introduced earlier (Assad → Bashar
   al-Assad), acronyms to their expansion (HTS → Hayat Tahrir al-Sham), spelling variants.

All cue lists are per-language data (``lang/<code>/entities.yaml``).
"""

from __future__ import annotations

import bisect
import importlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache

from spacy.attrs import IDX, IS_ALPHA, IS_PUNCT, IS_SPACE, IS_STOP
from spacy.tokens import Doc

from sitrep import names, resources
from sitrep.analyse import dateline
from sitrep.analyse.docs import doc_text
from sitrep.geo.names import article_variants, base_forms, norm, with_and_without_article
from sitrep.kb import KbEntry, KnowledgeBase, load_kb
from sitrep.model import Mention, NoiseSpan
from sitrep.ner import NerTagger

PlaceKind = Callable[[str], str | None]  # name -> "country" | "admin1" | "city" ... | None
# Cues sure enough to keep a capitalised sequence the statistical model passed over.
SURE_CUES = frozenset({"title", "role word", "org words"})
MAX_PLACE_WORDS = 3  # longest gazetteer name tried by the dictionary matcher (scripts without case)


@dataclass(frozen=True)
class EntityCues:
    titles: tuple[tuple[str, ...], ...]
    person_role_words: frozenset[str]
    org_words: frozenset[str]
    org_first_words: frozenset[str]
    site_words: tuple[tuple[str, ...], ...]
    admin_after: frozenset[str]
    admin_before: tuple[tuple[str, ...], ...]
    org_before: tuple[tuple[str, ...], ...]
    particles: frozenset[str]
    hyphen_particles: frozenset[str]
    connectors: frozenset[str]
    not_names: frozenset[str]
    stop_words: frozenset[str]
    event_words: frozenset[str]
    # Languages such as Indonesian use the country's name as its adjective ("tentara Suriah",
    # "bahasa Inggris"): there a "demonym" is the name itself and stays a place mention.
    demonyms_are_names: bool = False
    given_name_references: bool = False  # news calls people by their given name alone ("Yadi")
    possessive_endings: tuple[str, ...] = ()  # "منزله" (his house) is the everyday word "منزل"


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
        org_before=_phrases(data.get("org_before", [])),
        particles=lower("name_particles"),
        hyphen_particles=lower("hyphen_particles"),
        connectors=lower("name_connectors") - {"and"},
        not_names=lower("not_names"),
        stop_words=frozenset(w.lower() for w in stop_words),
        event_words=lower("event_words"),
        demonyms_are_names=bool(data.get("demonyms_are_names", False)),
        given_name_references=bool(data.get("given_name_references", False)),
        possessive_endings=tuple(norm(str(e)) for e in data.get("possessive_endings", [])),
    )


@dataclass
class _Candidate:
    start: int  # token index
    end: int  # token index, exclusive
    label: str | None = None
    reason: str = ""
    kb_id: str | None = None
    source: str = "pattern"
    model_label: str | None = None  # what the statistical model called it


class _Tokens:
    """Plain lists of what the finder asks of every token (far cheaper than spaCy Token objects)."""

    def __init__(self, doc: Doc) -> None:
        self.text_of_doc = doc_text(doc)
        self.text: list[str] = []
        self.lower: list[str] = []
        self.ws: list[str] = []
        for token in doc:  # one pass: every spaCy Token object costs an allocation
            self.text.append(token.text)
            self.lower.append(token.lower_)
            self.ws.append(token.whitespace_)
        flags = doc.to_array([IS_PUNCT, IS_STOP, IS_ALPHA, IS_SPACE, IDX]).tolist()
        self.punct = [bool(row[0]) for row in flags]
        self.stop = [bool(row[1]) for row in flags]
        self.alpha = [bool(row[2]) for row in flags]
        self.space = [bool(row[3]) for row in flags]
        self.start = [row[4] for row in flags]
        self.end = [start + len(text) for start, text in zip(self.start, self.text, strict=True)]
        self.cap = [bool(x) and x[0].isupper() and any(c.isalpha() for c in x) and not p
                    for x, p in zip(self.text, self.punct, strict=True)]
        self.sentences = [(s.start, s.end) for s in doc.sents]
        self.sentence_starts = {start for start, _end in self.sentences}

    def __len__(self) -> int:
        return len(self.text)

    def span(self, i: int, j: int) -> str:
        return self.text_of_doc[self.start[i] : self.end[j - 1]]


def _index_phrases(phrases: tuple[tuple[str, ...], ...]) -> dict[str, tuple[tuple[str, ...], ...]]:
    """Phrases by first word, longest first, so matching at a token is one dict lookup."""
    index: dict[str, list[tuple[str, ...]]] = {}
    for phrase in phrases:
        index.setdefault(phrase[0], []).append(phrase)
    return {k: tuple(sorted(v, key=len, reverse=True)) for k, v in index.items()}


class EntityFinder:
    """Finds and types name mentions in a spaCy Doc of one language."""

    def __init__(
        self,
        language: str,
        *,
        kb: KnowledgeBase | None = None,
        place_kind: PlaceKind | None = None,
        is_demonym: Callable[[str], bool] | None = None,
        is_major_place: Callable[[str], bool] | None = None,
        use_model: bool = True,
    ) -> None:
        self.language = language
        self.ner = NerTagger.for_language(language) if use_model else None
        self.cues = cues_for(language)
        self.kb = kb if kb is not None else load_kb()
        self._gazetteer_kind = place_kind or (lambda _name: None)
        self.is_demonym = is_demonym or (lambda _name: False)
        self.is_major_place = is_major_place or (lambda _name: False)
        self.cased = resources.is_cased(language)
        self.determiners = resources.determiners(language)
        self.titles = _index_phrases(self.cues.titles)
        self.site_words = _index_phrases(self.cues.site_words)
        # Without case, every word is looked up in the gazetteer: its everyday words name
        # towns somewhere ("revolution", "statement", "Thursday") and are no place alone.
        self.everyday = frozenset() if self.cased else resources.common_words(language)
        self.place_words = frozenset(norm(" ".join(p)) for p in self.cues.admin_before)
        self._place_form = lru_cache(maxsize=50_000)(self._find_place_form)

    def _find_place_form(self, name: str) -> tuple[str, str | None]:
        """The form under which the gazetteer knows a name, and its kind: the name itself,
        else its dictionary form where the language inflects place names or writes
        prepositions onto them (Russian "Сирии", Arabic "بدمشق"); kind None when unknown."""
        kind = self._gazetteer_kind(name)
        if kind is None:
            for form in base_forms(name, self.language):
                kind = self._gazetteer_kind(form)
                if kind:
                    return form, kind
        return name, kind

    def place_kind(self, name: str) -> str | None:
        """The gazetteer's kind of place for a name (see :meth:`_find_place_form`)."""
        return self._place_form(name)[1]

    # -- candidates -------------------------------------------------------------------
    def _particle_start(self, t: _Tokens, i: int) -> bool:
        """``al Qaeda``, ``al-Assad``: a particle that opens a name."""
        hyphenated = i + 1 < len(t) and t.text[i + 1] == "-" and t.ws[i] == "" and t.ws[i + 1] == ""
        if not (t.lower[i] in self.cues.particles or (hyphenated and t.lower[i] in self.cues.hyphen_particles)):
            return False
        j = i + 2 if hyphenated else i + 1
        return j < len(t) and t.cap[j]

    def _extend(self, t: _Tokens, i: int, sent_end: int, masked: Sequence[bool]) -> int:
        particles, connectors = self.cues.particles, self.cues.connectors
        j = i + 1
        while j < sent_end and not masked[j]:
            if t.cap[j]:
                j += 1
                continue
            has_next = j + 1 < sent_end
            if (
                t.text[j] == "-"
                and has_next
                and t.ws[j - 1] == ""
                and t.ws[j] == ""
                and (t.cap[j + 1] or t.lower[j - 1] in particles or t.lower[j - 1] in self.cues.hyphen_particles)
                and t.alpha[j + 1]
            ):
                j += 2
                continue
            hyphenated = has_next and t.text[j + 1] == "-" and j + 2 < sent_end and t.cap[j + 2]
            if (t.lower[j] in particles and has_next and (t.cap[j + 1] or hyphenated)) or (
                t.lower[j] in self.cues.hyphen_particles and hyphenated
            ):
                j += 1
                continue
            if t.lower[j] in connectors and has_next and t.cap[j + 1]:
                j += 1
                continue
            break
        while j > i + 1 and (t.lower[j - 1] in connectors or t.text[j - 1] == "-"):
            j -= 1
        return j

    def _capitalised_candidates(self, t: _Tokens, masked: Sequence[bool]) -> list[_Candidate]:
        out: list[_Candidate] = []
        for sent_start, sent_end in t.sentences:
            i = sent_start
            while i < sent_end:
                if masked[i] or not (t.cap[i] or self._particle_start(t, i)):
                    i += 1
                    continue
                j = self._extend(t, i, sent_end, masked)
                out.extend(self._split_on_titles(t, i, j, sentence_start=(i == sent_start)))
                i = j
        return out

    @staticmethod
    def _match_phrase(t: _Tokens, i: int, limit: int, index: dict[str, tuple[tuple[str, ...], ...]]) -> int:
        """Length of the longest indexed phrase that starts at token i (0 if none)."""
        for phrase in index.get(t.lower[i], ()) if i < limit else ():
            n = len(phrase)
            if i + n <= limit and all(t.lower[i + k] == phrase[k] for k in range(1, n)):
                return n
        return 0

    def _split_on_titles(self, t: _Tokens, i: int, j: int, sentence_start: bool) -> list[_Candidate]:
        """``Syrian Prime Minister Mohammad al-Jalali`` → ``Syrian`` | title | PER name."""
        pieces: list[_Candidate] = []
        k, piece_start, after_title = i, i, False
        while k < j:
            n = self._match_phrase(t, k, j, self.titles)
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
        if not after_title and i > 0 and t.lower[i - 1] in self.cues.person_role_words and pieces:
            pieces[0].label, pieces[0].reason = "PER", "role word"
        return pieces

    def _dictionary_candidates(self, t: _Tokens, masked: Sequence[bool]) -> list[_Candidate]:
        """Known names from the knowledge base and the gazetteer, and names after titles.

        For cased scripts only knowledge-base names that start with a capital are looked up
        (the capitalised candidates find the rest); scripts without case need all of it.
        """
        out: list[_Candidate] = []
        longest = self.kb.max_alias_words
        after_title = -1  # a name is expected at this token: the one after a title
        i = 0
        while i < len(t):
            if masked[i] or t.punct[i] or (self.cased and not (t.cap[i] or self._particle_start(t, i))):
                i += 1
                continue
            found = self._dictionary_match(t, i, longest, masked)
            if found:
                out.append(found)
                i = found.end
                continue
            if self.cased:
                i += 1
                continue
            if i == after_title and not t.stop[i]:
                end = i + 1
                while end < min(len(t), i + 3) and not t.punct[end] and not t.stop[end]:
                    end += 1
                out.append(_Candidate(i, end, "PER", "title"))
                i = end
                continue
            n = self._match_phrase(t, i, len(t), self.titles)
            if n:
                i += n
                while i < len(t) and self.is_demonym(t.text[i]):  # "the Syrian president X"
                    i += 1
                after_title = i
            else:
                i += 1
        return out

    def _dictionary_match(self, t: _Tokens, i: int, longest: int, masked: Sequence[bool]) -> _Candidate | None:
        """The longest knowledge-base alias (or, without case, gazetteer name) starting at token i."""
        kb_possible = (names.surface_key(t.text[i]).split() or [""])[0] in self.kb.first_words
        # a name of several words may start with a function word ("أم درمان", Omdurman: "أم"
        # is also "or"); a single one is never a town
        gazetteer_possible = not self.cased and not t.space[i]
        if not (kb_possible or gazetteer_possible):
            return None
        for n in range(min(longest, len(t) - i), 0, -1):
            if any(masked[i : i + n]) or t.punct[i + n - 1] or t.space[i + n - 1]:
                continue
            text = t.span(i, i + n)
            entries = self._known(text) if kb_possible else ()
            if entries:
                return _Candidate(i, i + n, entries[0].type, "kb", entries[0].id, "kb")
            if (gazetteer_possible and n <= MAX_PLACE_WORDS and not t.stop[i + n - 1] and not (n == 1 and t.stop[i])
                    and self.place_kind(text)
                    and not self._everyday_word(t, i, n, text)):
                return _Candidate(i, i + n, "LOC", "gazetteer", None, "gazetteer")
        return None

    def _everyday_word(self, t: _Tokens, i: int, n: int, text: str) -> bool:
        """Whether a town's name found without case is an everyday word of the language (or
        too short to tell), and no place word ("the city of", "the province of") stands
        before it. Countries, divisions, regions and seas keep their names."""
        form, kind = self._place_form(text)
        if kind != "city":
            return False
        key = norm(form)
        bare = (article_variants(key) or [key])[0]  # "الثورة" is also "ثورة"
        short = len(bare.replace(" ", "")) < 3
        # the written form, or any reading of it without its prefixes, may be the everyday
        # word: "ولاية" (a state) is no town "لاية", "وبلاد" (and lands) no "لاد"
        readings = (text,) if form == text else (text, *base_forms(text, self.language))
        everyday = self._is_everyday(key) or any(norm(f) in self.everyday for f in readings)
        if not short and (len(key.split()) > 1 or not everyday):
            return False
        before = norm(t.text[i - 1]) if i > 0 else ""
        return not (before in self.place_words or (len(before) > 3 and before[1:] in self.place_words))

    def _is_everyday(self, key: str) -> bool:
        """An everyday word, with or without its article or a possessive ending
        (``possessive_endings``: "منزله", his house)."""
        forms = {key, *with_and_without_article(key)}
        for form in list(forms):
            forms.update(form[: -len(e)] for e in self.cues.possessive_endings
                         if form.endswith(e) and len(form) - len(e) >= 3)
        return bool(forms & self.everyday)

    # -- cleaning and typing ----------------------------------------------------------
    def _trim(self, t: _Tokens, cand: _Candidate) -> _Candidate | None:
        if cand.source == "kb":  # an exact knowledge-base alias is a name as it stands
            return cand
        cues = self.cues
        dropped = False
        while cand.start < cand.end and (self._droppable_first_word(t, cand) or (
                dropped and self.cased and not t.cap[cand.start] and t.lower[cand.start] not in cues.particles)):
            # the lower-case words after a dropped one belong to it ("Serangan udara Israel":
            # an air strike, then the name)
            cand.start += 1
            dropped = True
        while cand.end > cand.start and (t.lower[cand.end - 1] in cues.connectors or t.punct[cand.end - 1]):
            cand.end -= 1
        if cand.start >= cand.end:
            return None
        words = [t.lower[k] for k in range(cand.start, cand.end) if t.text[k] != "-"]
        if all(w in cues.not_names or w in cues.stop_words or w in cues.particles or w in cues.hyphen_particles
               for w in words):
            return None
        if any(w in cues.event_words for w in words):
            return None
        return cand

    def _widen_known_names(self, t: _Tokens, known: list[_Candidate], model: list[_Candidate]) -> list[_Candidate]:
        """Let a longer name the model read in context replace the known names inside it.

        "Fundación Efe" and "Mar del Plata" are names of their own, not the agency Efe or a
        stray "Plata". Only name-shaped spans win (capitalised words joined by short particles,
        no punctuation): the model's ragged spans ("AP)_ the World Court") do not.
        """
        wider = [m for m in model if self._name_shaped(t, m.start, m.end)]
        return [
            cand for cand in known
            if not any(m.start <= cand.start and cand.end <= m.end and m.end - m.start > cand.end - cand.start
                       for m in wider)
        ]

    def _name_shaped(self, t: _Tokens, start: int, end: int) -> bool:
        if not t.cap[start] or t.lower[start] in self.cues.stop_words or t.lower[start] in self.cues.not_names:
            return False
        if self._match_phrase(t, start, end, self.titles):  # "Mr Assad" is Assad, whom the KB knows
            return False
        return all(t.cap[k] or (t.alpha[k] and len(t.text[k]) <= 3) for k in range(start + 1, end))

    def _major_place(self, text: str) -> bool:
        """A big place's name, as written or in a case form of it ("Харькову": Харьков)."""
        return self.is_major_place(text) or any(self.is_major_place(f) for f in base_forms(text, self.language))

    def _known(self, text: str) -> tuple[KbEntry, ...]:
        """Knowledge-base entries for a name, but not for a common word that happens to be an
        acronym's letters (Spanish "Un" is not the UN, English "Who" is not the WHO)."""
        if text.lower() in self.cues.stop_words and not text.isupper():
            return ()
        return self.kb.lookup(text)

    def _droppable_first_word(self, t: _Tokens, cand: _Candidate) -> bool:
        """Whether the candidate's first word is not part of the name ("The", "Menurut", "the").

        Stop lists hold content words too ("Nueva", "Estados", "Gran", "Neue"), so a capitalised
        stop word is only dropped where capitals say nothing: at the start of a sentence, and
        not from a span the statistical model read in context ("Nueva York", "Buenos Aires").
        """
        i, cues = cand.start, self.cues
        word = t.lower[i]
        if word in cues.particles or word in cues.hyphen_particles:
            return False
        if word in cues.not_names:
            return True
        if word not in cues.stop_words:
            return False
        if cand.source == "gazetteer" and not self.cased:
            return False  # found whole in the gazetteer by an uncased script: "أم درمان"
        if not t.cap[i]:
            return True
        return cand.source != "model" and i in t.sentence_starts

    @staticmethod
    def _grow_back(t: _Tokens, cand: _Candidate, phrases: tuple[tuple[str, ...], ...], label: str,
                   reason: str) -> bool:
        """Start the candidate at the first of ``phrases`` (longest first) that ends right
        before it, with that label."""
        for phrase in phrases:
            start = cand.start - len(phrase)
            if start >= 0 and tuple(t.lower[start : cand.start]) == phrase:
                cand.start = start
                cand.label, cand.reason = label, reason
                return True
        return False

    def _extend_org_cues(self, t: _Tokens, cand: _Candidate) -> bool:
        """Grow ``Défense`` into ``ministère de la Défense``: French and Portuguese news write
        the institution's head word in lower case (``lang/<code>/entities.yaml``,
        ``org_before``), and a model trained on encyclopaedia text tags only the capitalised
        rest, often as a place."""
        return self._grow_back(t, cand, self.cues.org_before, "ORG", "org words")

    def _extend_place_cues(self, t: _Tokens, cand: _Candidate) -> None:
        """Grow ``Latakia`` into ``Latakia province`` and ``Aleppo`` into ``governorate of Aleppo``."""
        n = self._match_phrase(t, cand.end, len(t), self.site_words)
        if n:
            cand.end += n
            cand.label, cand.reason = "LOC", "site"
            return
        if cand.end < len(t) and t.lower[cand.end] in self.cues.admin_after:
            cand.end += 1
            cand.label, cand.reason = "LOC", "admin"
            return
        self._grow_back(t, cand, self.cues.admin_before, "LOC", "admin")

    def _type(self, t: _Tokens, cand: _Candidate, text: str) -> str | None:
        if cand.label:
            return cand.label
        cues = self.cues
        entries = self._known(text)
        if entries:
            cand.kb_id, cand.source = entries[0].id, "kb"
            return entries[0].type
        if self.place_kind(text):
            cand.source = "gazetteer"
            return "LOC"
        lowered = [t.lower[k] for k in range(cand.start, cand.end) if t.text[k] != "-"]
        if any(w in cues.org_words for w in lowered) or lowered[0] in cues.org_first_words:
            cand.reason = "org words"
            return "ORG"
        if len(lowered) == 1 and text.isupper() and 2 <= len(text.replace(".", "")) <= 6:
            cand.reason = "acronym"
            return "ORG"
        if len(lowered) >= 2:
            cand.reason = "shape"  # a guess from the shape of the name alone
            return "PER"
        return None  # one unknown word: decided by in-document context below

    def _model_candidates(self, t: _Tokens, masked: Sequence[bool]) -> list[_Candidate]:
        """Names the statistical model finds (sentence by sentence, spaces left out)."""
        assert self.ner is not None
        sentence_of = [0] * len(t)
        for number, (start, end) in enumerate(t.sentences):
            for k in range(start, end):
                sentence_of[k] = number
        # The model learnt from text where "al-Jalali" is one token: glue hyphenated words.
        groups: list[tuple[int, int]] = []  # (first token, last token + 1)
        for k in range(len(t)):
            if t.space[k]:
                continue
            glued = groups and (t.text[k] == "-" or t.text[k - 1] == "-") and t.ws[k - 1] == "" and not t.space[k - 1]
            if glued and sentence_of[groups[-1][0]] == sentence_of[k]:
                groups[-1] = (groups[-1][0], k + 1)
            else:
                groups.append((k, k + 1))
        if not groups:
            return []
        tokens = [t.span(a, b) for a, b in groups]
        starts = [n == 0 or sentence_of[a] != sentence_of[groups[n - 1][0]] for n, (a, _) in enumerate(groups)]
        out = []
        for start, end, label in self.ner.spans(tokens, starts):
            first, last = groups[start][0], groups[end - 1][1]
            if not any(masked[first:last]):
                out.append(_Candidate(first, last, None, "model", None, "model", model_label=label))
        return out

    def find(self, doc: Doc, noise: Sequence[NoiseSpan] = ()) -> list[Mention]:
        t = _Tokens(doc)
        masked = [False] * len(t)
        for span in noise:
            first = bisect.bisect_right(t.end, span.start)
            for k in range(first, len(t)):
                if t.start[k] >= span.end:
                    break
                masked[k] = True
        raw = self._dictionary_candidates(t, masked)
        with_model = self.ner is not None
        if self.cased:
            model = self._model_candidates(t, masked) if with_model else []
            raw = self._widen_known_names(t, raw, model)
            taken = {k for c in raw for k in range(c.start, c.end)}
            more = model + self._capitalised_candidates(t, masked)
            for cand in more:
                if not any(k in taken for k in range(cand.start, cand.end)):
                    raw.append(cand)
                    taken.update(range(cand.start, cand.end))
            raw.sort(key=lambda c: c.start)
        mid_sentence_words = {
            t.lower[c.start] for c in raw if c.reason != "sentence-start" and c.end - c.start == 1
        }
        mentions: list[Mention] = []
        for cand in raw:
            trimmed = self._trim(t, cand)
            if trimmed is None:
                continue
            core_text = t.span(trimmed.start, trimmed.end)
            if trimmed.label is None and not self.cues.demonyms_are_names and self.is_demonym(core_text):
                continue
            if trimmed.model_label:
                entries = self._known(core_text)
                if entries:
                    trimmed.kb_id, trimmed.source = entries[0].id, "kb"
                label = entries[0].type if entries else trimmed.model_label
                one_word = trimmed.end - trimmed.start == 1
                if label in ("PER", "ORG") and not entries and one_word and self._major_place(core_text):
                    label = "LOC"  # one word that names a country, division or big city ("Kyiv", a spelling
                    # the model never saw, is no organisation; "по Харькову", a case form, neither a person)

            else:
                label = self._type(t, trimmed, core_text)
                first = t.start[trimmed.start]
                major = (label == "LOC" and trimmed.end - trimmed.start == 1 and trimmed.reason != "sentence-start"
                         and t.text_of_doc[first - 1 : first] != "-"  # "pro-Rusia" names no place
                         and self.is_major_place(core_text))
                if with_model and trimmed.source != "kb" and trimmed.reason not in SURE_CUES and not major:
                    # the model read this capitalised sequence in context and did not call it a
                    # name; a country or big city mid-sentence ("di Damaskus") is one all the same
                    continue
            if (
                trimmed.reason == "sentence-start"
                and trimmed.end - trimmed.start == 1
                and label is None
                and t.lower[trimmed.start] not in mid_sentence_words
            ):
                continue
            if label != "PER" or trimmed.model_label:
                if not self._extend_org_cues(t, trimmed):
                    self._extend_place_cues(t, trimmed)
                label = trimmed.label or label
            start_char, end_char = t.start[trimmed.start], t.end[trimmed.end - 1]
            if t.text_of_doc.endswith(("’s", "'s"), start_char, end_char):  # a possessive left attached
                end_char -= 2
            if label == "ORG" and trimmed.end - trimmed.start > 1 and t.lower[trimmed.start] in self.determiners:
                start_char = t.start[trimmed.start + 1]  # "The Organization of African Unity": the name has no article
            if label == "LOC" and not self.cased:  # "وسوريا" (and Syria): the name is "سوريا"
                written = t.text_of_doc[start_char:end_char]
                form = self._place_form(written)[0]
                if form != written and written.endswith(form):
                    start_char = end_char - len(form)
            mentions.append(
                Mention(
                    start=start_char,
                    end=end_char,
                    text=t.text_of_doc[start_char:end_char],
                    label=label or "",  # type: ignore[arg-type]
                    sentence=-1,
                    source=trimmed.source,
                    kb_id=trimmed.kb_id,
                )
            )
        if self.cased:
            mentions = self._name_parts(t, mentions, masked)
        mentions = self._dateline(t.text_of_doc, mentions)
        link_mentions(mentions, self.kb, given_names=self.cues.given_name_references)
        return [m for m in mentions if m.label]

    def _dateline(self, text: str, mentions: list[Mention]) -> list[Mention]:
        """The article's dateline ("KIEV, 4 mai (Lusa) -"): its agency is an outlet, never a
        town the gazetteer happens to know ("Lusa"); its place is a place even where the
        tagger passed over a word in capitals, if it names a country, division or big city."""
        found = dateline.find(text)
        if found is None:
            return mentions
        if found.agency is not None:
            for mention in mentions:
                if found.agency[0] <= mention.start and mention.end <= found.agency[1] and mention.label == "LOC":
                    mention.label = "ORG"
        start, end = found.place
        words = text[start:end].rstrip()
        if words and not any(m.start < end and start < m.end for m in mentions) and self._major_place(words):
            mentions.append(Mention(start=start, end=start + len(words), text=words, label="LOC", sentence=-1,
                                    source="gazetteer"))
            mentions.sort(key=lambda m: m.start)
        return mentions

    def _name_parts(self, t: _Tokens, mentions: list[Mention], masked: Sequence[bool]) -> list[Mention]:
        """One capitalised word that is the last (or, where the language's news calls people
        by their given name, the first) word of a person named earlier ("Freeh said" after
        "Louis Freeh", Indonesian "Yadi menuturkan" after "Yadi Indrayadi") is that
        person, even where the model did not call it a name: news refers to people by one
        of their names. Words also written in lower case in the text are left alone."""
        parts: dict[str, int] = {}  # name word -> end of the first person named with it
        for m in mentions:
            words = m.text.split()
            if m.label == "PER" and len(words) > 1:
                for word in _ends(words, self.cues.given_name_references):
                    parts.setdefault(word, m.end)
        if not parts:
            return mentions
        lowered = {word for word in t.text if word.islower()}
        covered = sorted((m.start, m.end) for m in mentions)
        starts = [start for start, _ in covered]
        cues = self.cues
        added = []
        for k, word in enumerate(t.text):
            first_end = parts.get(word)
            if (first_end is None or t.start[k] < first_end or masked[k] or len(word) < 3
                    or word.lower() in cues.stop_words or word.lower() in cues.not_names
                    or word.lower() in cues.particles or word.lower() in lowered):
                continue
            i = bisect.bisect_right(starts, t.start[k]) - 1
            if i >= 0 and covered[i][1] > t.start[k]:
                continue  # already inside a mention
            added.append(Mention(start=t.start[k], end=t.end[k], text=word, label="PER", sentence=-1,
                                 source="name part"))
        return sorted(mentions + added, key=lambda m: m.start) if added else mentions


def _ends(words: list[str], given_names: bool) -> tuple[str, ...]:
    """The words of a person's name that stand for the person alone: the last (family)
    name, and where the language's news does so (``given_name_references``, Indonesian)
    the first, given name."""
    if not words:
        return ()
    return (words[0], words[-1]) if given_names else (words[-1],)


def link_mentions(mentions: list[Mention], kb: KnowledgeBase, given_names: bool = False) -> None:
    """Group mentions of one entity inside a document (sets ``cluster``, ``key``, labels).

    Rules, in order: the same knowledge-base entry; an acronym equal to the initials of an
    earlier organisation; the same variant key; a one-word mention equal to the last word
    (with ``given_names``, or the first) of exactly one earlier person (``Assad`` after
    ``Bashar al-Assad``, ``Yadi`` after ``Yadi Indrayadi``).
    """
    clusters: list[list[Mention]] = []
    by_kb: dict[str, int] = {}
    by_key: dict[str, int] = {}
    for mention in mentions:
        key = names.variant_key(mention.text)
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
                and word in _ends(names.variant_key(m.text).split(), given_names)
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
        label = max(labels, key=labels.count) if labels else "ORG"  # ties: the first mention's label
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
