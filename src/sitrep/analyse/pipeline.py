"""The per-document pipeline: spaCy components over a blank pipeline per language.

Every stage is a registered spaCy factory (``sitrep_clean``, ``sitrep_entities``,
``sitrep_timex``, ``sitrep_places``, ``sitrep_events``, ``sitrep_quotes``,
``sitrep_roles``) that declares what it reads and writes (spaCy's ``requires`` and
``assigns``: Doc extension attributes such as ``doc._.mentions``), loads its resources in
``initialize`` (not on the first document), and records in ``doc._.sitrep_warnings``
when its language has no resources for it, instead of returning nothing silently. So a
user can drop any of them into a spaCy pipeline of their own, and ``nlp.analyze_pipes``
checks the order. :func:`analyse` wraps that into "one Document in, one DocumentAnalysis
out" with no shared state, which is what lets the same code run in one process, a
process pool or a Ray cluster.
"""

from __future__ import annotations

import bisect
import dataclasses
import re
from functools import cache
from typing import Any

import numpy
import spacy
from spacy.attrs import IDX, IS_SPACE, SENT_START
from spacy.language import Language
from spacy.tokens import Doc
from spacy.util import compile_infix_regex

from sitrep import resources
from sitrep.analyse.chunks import SECTION_CHARS, analyse_in_sections, last_break
from sitrep.analyse.docs import assign_sentences, doc_parses, doc_sentences, doc_text, no_resources, warn
from sitrep.analyse.langid import detect_language
from sitrep.analyse.sentences import (  # noqa: F401 - registers the components
    sentence_cap,
    sentence_continuation,
)
from sitrep.config import DEFAULT, Settings
from sitrep.ingest.base import storable
from sitrep.model import Document, DocumentAnalysis

SPACY_LANGUAGES = {
    "en", "id", "ar", "es", "fr", "de", "ru", "tr", "pt", "nl", "pl", "it", "uk", "fa", "he",
    "sv", "da", "nb", "fi", "ro", "hu", "cs", "el", "bg", "hr", "sr", "sk", "sl", "ca", "ms",
    "tl", "ur", "hi", "bn", "ko", "vi", "lt", "lv", "et",
}
MAX_CHARS = 10_000_000  # as large as ingest lets a document be; the parser sees single sentences only
STAGES = (
    "sitrep_clean", "sitrep_entities", "sitrep_timex", "sitrep_places", "sitrep_events", "sitrep_quotes",
    "sitrep_roles",
)

def _language(doc: Doc) -> str:
    return doc._.sitrep_language or doc.lang_


@Language.component("sitrep_line_breaks")
def line_breaks(doc: Doc) -> Doc:
    """A line break ends a sentence: headlines and list items carry no full stop.

    Runs before spaCy's sentencizer, which keeps boundaries already set.
    """
    starts = numpy.zeros(len(doc), dtype="uint64")  # 0: left to the sentencizer
    if len(doc) < 2:
        return doc
    text = doc_text(doc)
    if "\n" not in text:
        return doc
    idx, is_space = doc.to_array([IDX, IS_SPACE]).T.tolist()  # plain ints: no Token objects
    newline = text.find("\n")
    while newline >= 0:
        i = bisect.bisect_right(idx, newline)  # the first token after the newline ...
        while i < len(idx) and is_space[i]:
            i += 1
        if 0 < i < len(idx):  # ... that is not whitespace starts a sentence
            starts[i] = 1
        newline = text.find("\n", idx[i] if i < len(idx) else len(text))
    if starts.any():
        doc.from_array([SENT_START], starts.reshape(-1, 1))
    return doc


class _Stage:
    """A sitrep stage: resources per language, loaded in ``initialize`` or on first need."""

    stage = "stage"

    def __init__(self, nlp: Language, name: str) -> None:
        self.name = name
        self.language = nlp.lang

    def initialize(self, get_examples: Any = None, nlp: Language | None = None) -> None:
        """Load the resources of the pipeline's language now, not on the first document."""
        self.load(self.language)

    def load(self, language: str) -> Any:  # pragma: no cover - overridden
        raise NotImplementedError


@Language.factory("sitrep_clean", assigns=["doc._.noise"])
class CleanStage(_Stage):
    """Boilerplate: link lists, other headlines, captions, credits (nothing is extracted there)."""

    def load(self, language: str) -> Any:
        from sitrep.analyse.clean import find_noise

        return find_noise

    def __call__(self, doc: Doc) -> Doc:
        from sitrep.analyse.clean import find_noise

        doc._.noise = find_noise(doc_text(doc), _language(doc))
        return doc


@Language.factory("sitrep_entities", assigns=["doc._.mentions"], requires=["doc._.noise"])
class EntityStage(_Stage):
    """Names of people, organisations and places, clustered within the document."""

    def __init__(self, nlp: Language, name: str) -> None:
        super().__init__(nlp, name)
        self.finders: dict[str, Any] = {}

    def load(self, language: str) -> Any:
        from sitrep.analyse.entities import EntityFinder
        from sitrep.analyse.places import demonym_test, major_place_test, place_kind_lookup

        if language not in self.finders:
            self.finders[language] = EntityFinder(
                language, place_kind=place_kind_lookup(), is_demonym=demonym_test(language),
                is_major_place=major_place_test(),
            )
        return self.finders[language]

    def __call__(self, doc: Doc) -> Doc:
        mentions = self.load(_language(doc)).find(doc, doc._.noise or ())
        assign_sentences(doc, mentions)
        doc._.mentions = mentions
        return doc


@Language.factory("sitrep_timex", assigns=["doc._.timexes"], requires=["doc._.noise"])
class TimexStage(_Stage):
    """Time expressions with TimeML values, anchored on the publication date."""

    def load(self, language: str) -> Any:
        from sitrep.analyse.timex import TimexTagger

        return TimexTagger.for_language(language)

    def __call__(self, doc: Doc) -> Doc:
        language = _language(doc)
        tagger = self.load(language)
        if tagger.resources.lang != language:
            warn(doc, f"time expressions: no rules for {language!r}, read with {tagger.resources.lang!r} rules")
        sentences = [(s.start, s.end) for s in doc_sentences(doc)]
        found = tagger.tag(doc_text(doc), doc._.sitrep_dct, sentences)
        noise = doc._.noise or ()
        found = [t for t in found if not any(n.start <= t.start and t.end <= n.end for n in noise)]
        assign_sentences(doc, found)
        doc._.timexes = found
        return doc


@Language.factory("sitrep_places", assigns=["doc._.places"], requires=["doc._.mentions", "doc._.noise"])
class PlaceStage(_Stage):
    """Toponyms resolved to gazetteer records."""

    def load(self, language: str) -> Any:
        from sitrep.analyse.places import find_places

        return find_places

    def __call__(self, doc: Doc) -> Doc:
        found = self.load(_language(doc))(
            doc_text(doc), doc._.mentions or [], language=_language(doc), noise=doc._.noise or (),
            outlet_country=doc._.sitrep_outlet_country,
        )
        assign_sentences(doc, found)
        doc._.places = found
        return doc


@Language.factory(
    "sitrep_events",
    assigns=["doc._.events", "doc._.parses"],
    requires=["doc._.mentions", "doc._.timexes", "doc._.places", "doc._.noise"],
    default_config={"engine": "lexicon", "use_parser": True},
)
class EventStage(_Stage):
    """PLOVER events with participants, status, date, place and casualty counts."""

    def __init__(self, nlp: Language, name: str, engine: str, use_parser: bool) -> None:
        super().__init__(nlp, name)
        self.engine_name = engine
        self.use_parser = use_parser
        self.engines: dict[str, Any] = {}

    def load(self, language: str) -> Any:
        from sitrep.analyse.events import ENGINES
        from sitrep.analyse.syntax import Parser

        if language not in self.engines:
            self.engines[language] = ENGINES[self.engine_name](language)
            if self.use_parser:
                Parser.for_language(language)
        return self.engines[language]

    def __call__(self, doc: Doc) -> Doc:
        from sitrep.analyse.events import DocumentContext

        language = _language(doc)
        engine = self.load(language)
        if not engine.covers:
            warn(doc, no_resources("events", language))
        ctx = DocumentContext(
            text=doc_text(doc), language=language, sentences=doc_sentences(doc), mentions=doc._.mentions or [],
            timexes=doc._.timexes or [], places=doc._.places or [], noise=doc._.noise or [],
            published=doc._.sitrep_dct, parses=doc_parses(doc), use_parser=self.use_parser,
            trigger_words=doc._.trigger_words,
        )
        found = engine.extract(ctx)
        assign_sentences(doc, found)
        doc._.events = found
        return doc


@Language.factory(
    "sitrep_quotes", assigns=["doc._.quotes", "doc._.parses"],
    requires=["doc._.mentions", "doc._.noise", "doc._.places", "doc._.timexes"],
    default_config={"use_parser": True},
)
class QuoteStage(_Stage):
    """Direct quotes, indirect speech and attributions with their speakers (the subject of
    the speech verb where the sentence can be parsed)."""

    def __init__(self, nlp: Language, name: str, use_parser: bool) -> None:
        super().__init__(nlp, name)
        self.use_parser = use_parser

    def load(self, language: str) -> Any:
        from sitrep.analyse.quotes import quote_lexicon

        return quote_lexicon(language)

    def __call__(self, doc: Doc) -> Doc:
        from sitrep.analyse.quotes import extract_quotes

        language = _language(doc)
        if self.load(language) is None:
            warn(doc, no_resources("quotes", language))
        found = extract_quotes(doc_text(doc), language, doc_sentences(doc), doc._.mentions or [], doc._.noise or [])
        assign_sentences(doc, found)
        if self.use_parser and resources.manifest(language).parser:
            from sitrep.analyse.speakers import refine_speakers

            refine_speakers(found, doc_text(doc), language, doc_sentences(doc), doc._.mentions or [],
                            doc._.places or [], doc_parses(doc), doc._.timexes or [])
        doc._.quotes = found
        return doc


@Language.factory(
    "sitrep_roles", assigns=["doc._.events", "doc._.quotes"],
    requires=["doc._.mentions", "doc._.places", "doc._.events", "doc._.quotes"],
)
class RoleStage(_Stage):
    """Role descriptions pointed at the person holding the role; unnamed actors given the
    article's country."""

    def load(self, language: str) -> Any:
        return None

    def __call__(self, doc: Doc) -> Doc:
        from sitrep.analyse.agents import qualify_agents
        from sitrep.analyse.roles import link_roles

        link_roles(doc_text(doc), _language(doc), doc._.mentions or [], doc._.events or [], doc._.quotes or [])
        qualify_agents(doc._.places or [], doc._.events or [], doc._.quotes or [], _language(doc))
        return doc


# A full stop glued to the next sentence is split off even where spaCy's own rules keep the
# word whole: before a digit ("fled.5 people") and between Arabic letters ("أشخاص.وقال").
GLUED_FULL_STOPS = (
    r"(?<=[^\W\d_]{2})\.(?=\d)",
    r"(?<=[\u0600-\u06ff])\.(?=[\u0600-\u06ff])",
)


class _NotGluedSentences:
    """spaCy's URL rule without the "word.word" readings that are two sentences glued
    together (a web address has a slash, a scheme or a Latin domain ending)."""

    _glued = re.compile("|".join(GLUED_FULL_STOPS))

    def __init__(self, url_match: Any) -> None:
        self.url_match = url_match

    def __call__(self, text: str) -> Any:
        if "/" not in text and self._glued.search(text):
            return None
        return self.url_match(text)


@cache
def get_nlp(language: str, settings: Settings = DEFAULT) -> Language:
    """The blank spaCy pipeline of a language with the sentencizer and every sitrep stage,
    initialised (resources loaded)."""
    nlp = spacy.blank(language if language in SPACY_LANGUAGES else "xx")
    nlp.tokenizer.infix_finditer = compile_infix_regex(
        [*(nlp.Defaults.infixes or ()), *GLUED_FULL_STOPS]
    ).finditer
    if nlp.tokenizer.url_match is not None:
        nlp.tokenizer.url_match = _NotGluedSentences(nlp.tokenizer.url_match)
    nlp.max_length = MAX_CHARS
    nlp.add_pipe("sitrep_line_breaks")
    nlp.add_pipe("sentencizer")
    nlp.add_pipe("sitrep_sentence_continuation")
    nlp.add_pipe("sitrep_sentence_cap")
    for stage in STAGES:
        config: dict[str, Any] = {}
        if stage == "sitrep_events":
            config = {"engine": settings.event_engine, "use_parser": settings.parser}
        elif stage == "sitrep_quotes":
            config = {"use_parser": settings.parser}
        nlp.add_pipe(stage, config=config)
    for _name, component in nlp.pipeline:
        initialize = getattr(component, "initialize", None)
        if initialize is not None and isinstance(component, _Stage):
            initialize(nlp=nlp)
    return nlp


def analyse(
    document: Document, *, languages: tuple[str, ...] | None = None, settings: Settings = DEFAULT
) -> DocumentAnalysis:
    """Run every per-document stage on one article. Pure: no store, no shared state."""
    return finish(prepare(document, languages=languages, settings=settings), settings)


def analyse_batch(
    documents: list[Document], *, languages: tuple[str, ...] | None = None, settings: Settings = DEFAULT
) -> list[DocumentAnalysis | Exception]:
    """:func:`analyse` of several articles, each result as if analysed alone (an
    exception is the result of the document that raised it). Faster: the sentences the
    event stage will parse are parsed for all the documents at once (:func:`parse_ahead`)."""
    prepared: list[Prepared | Exception] = []
    for document in documents:
        try:
            prepared.append(prepare(document, languages=languages, settings=settings))
        except Exception as exc:  # noqa: BLE001 - the caller reports it for this document alone
            prepared.append(exc)
    try:
        parse_ahead([p for p in prepared if isinstance(p, Prepared)], settings)
    except Exception:  # noqa: BLE001, S110 - parsing ahead only saves time: each document parses its own
        pass
    results: list[DocumentAnalysis | Exception] = []
    for item in prepared:
        try:
            results.append(item if isinstance(item, Exception) else finish(item, settings))
        except Exception as exc:  # noqa: BLE001
            results.append(exc)
    return results


@dataclasses.dataclass
class Prepared:
    """A document read up to its sentences: language known, the analysed part cut, the
    spaCy Doc tokenised and split (None where the document is analysed in sections)."""

    whole: Document
    document: Document
    language: str
    warnings: list[str]
    doc: Doc | None


def prepare(document: Document, *, languages: tuple[str, ...] | None = None,
            settings: Settings = DEFAULT) -> Prepared:
    clean = storable(document.text)  # spaCy and lingua raise on a lone surrogate; same length, same offsets
    if clean != document.text:
        document = dataclasses.replace(document, text=clean)
    language, warnings = detect_language(document.text, document.meta.language, languages or settings.languages)
    whole = document
    document, cut = _analysed_part(document, settings.max_analysed_chars)
    if cut is not None:
        warnings.append(f"long document ({len(whole.text):,} characters): only the first {cut:,} analysed "
                        f"(max_analysed_chars {settings.max_analysed_chars:,})")
    doc = None if len(document.text) > SECTION_CHARS else _sentences_of(document, language, warnings, settings)
    return Prepared(whole, document, language, warnings, doc)


def finish(prepared: Prepared, settings: Settings = DEFAULT) -> DocumentAnalysis:
    """The analysis stages after sentence splitting, on a prepared document."""
    language = prepared.language
    if prepared.doc is None:
        merged = analyse_in_sections(prepared.document, language,
                                     lambda part: _analyse(part, language, [], settings))
        merged.warnings = prepared.warnings + merged.warnings
        merged.document = prepared.whole
        return merged
    analysis = _stages(prepared.doc, prepared.document, language, prepared.warnings, settings)
    analysis.document = prepared.whole
    return analysis


def parse_ahead(prepared: list[Prepared], settings: Settings = DEFAULT) -> None:
    """Parse in one batch per language the sentences the event stage of these documents
    will ask for (see :meth:`~sitrep.analyse.syntax.Parser.parse_ahead`)."""
    if not settings.parser:
        return
    from sitrep.analyse.dateline import words_start
    from sitrep.analyse.syntax import Parser

    texts: dict[str, list[str]] = {}
    for item in prepared:
        if item.doc is None:
            continue
        engine = get_nlp(item.language, settings).get_pipe("sitrep_events").load(item.language)
        text, sentences = doc_text(item.doc), doc_sentences(item.doc)
        found = engine.trigger_words(text, sentences)
        if found is None:
            continue
        item.doc._.trigger_words = found  # the event stage reads them instead of looking again
        texts.setdefault(item.language, []).extend(
            text[words_start(text, s.start, s.end):s.end] for s in sentences if found.get(s.start))
    for language, sentences in texts.items():
        parser = Parser.for_language(language)
        if parser is not None and sentences:
            parser.parse_ahead(sentences)


def _analysed_part(document: Document, limit: int) -> tuple[Document, int | None]:
    """The part of a document that is analysed: all of it, or its first ``limit``
    characters cut at the last paragraph, line or word break (offsets stay those of the
    whole text, which is what is stored)."""
    text = document.text
    if not limit or len(text) <= limit:
        return document, None
    found = last_break(text, limit // 2, limit)
    cut = found[0] if found else limit
    return dataclasses.replace(document, text=text[:cut]), cut


def _analyse(document: Document, language: str, warnings: list[str], settings: Settings) -> DocumentAnalysis:
    return _stages(_sentences_of(document, language, warnings, settings), document, language, warnings, settings)


def _sentences_of(document: Document, language: str, warnings: list[str], settings: Settings) -> Doc:
    """The document tokenised and split into sentences (the pipeline's components
    before the sitrep stages)."""
    nlp = get_nlp(language, settings)
    doc = nlp.make_doc(document.text)
    doc._.sitrep_text = document.text
    doc._.sitrep_language = language
    doc._.sitrep_dct = document.meta.published
    if not document.meta.published:
        warnings.append("no publication date: relative time expressions left unresolved")
    for name, component in nlp.pipeline:
        if name in STAGES:
            break
        doc = component(doc)
    return doc


def _stages(doc: Doc, document: Document, language: str, warnings: list[str],
            settings: Settings) -> DocumentAnalysis:
    """The sitrep stages on a split Doc, and what they found."""
    for name, component in get_nlp(language, settings).pipeline:
        if name in STAGES:
            doc = component(doc)
    return DocumentAnalysis(
        document=document,
        language=language,
        sentences=doc_sentences(doc),
        noise=list(doc._.noise or []),
        mentions=list(doc._.mentions or []),
        timexes=list(doc._.timexes or []),
        places=list(doc._.places or []),
        events=list(doc._.events or []),
        quotes=list(doc._.quotes or []),
        warnings=warnings + list(doc._.sitrep_warnings or []),
    )
