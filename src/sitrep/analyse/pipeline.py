"""The per-document pipeline: spaCy components over a blank pipeline per language.

Every stage is a registered spaCy factory (``sitrep_clean``, ``sitrep_entities``,
``sitrep_timex``, ``sitrep_places``, ``sitrep_events``, ``sitrep_quotes``, ``sitrep_roles``) that reads and
writes Doc extension attributes (``doc._.noise``, ``doc._.mentions`` ...), so a user can
drop any of them into a spaCy pipeline of their own. :func:`analyse` wraps that into
"one Document in, one DocumentAnalysis out" with no shared state, which is what lets the
same code run in one process, a process pool or a Ray cluster.
"""

from __future__ import annotations

import bisect
import dataclasses
from functools import cache

import numpy
import spacy
from spacy.attrs import SENT_START
from spacy.language import Language
from spacy.tokens import Doc

from sitrep.analyse.chunks import SECTION_CHARS, analyse_in_sections
from sitrep.analyse.langid import detect_language
from sitrep.analyse.sentences import sentence_cap  # noqa: F401 - registers sitrep_sentence_cap
from sitrep.ingest.base import storable
from sitrep.model import Document, DocumentAnalysis, Sentence, Span

SPACY_LANGUAGES = {
    "en", "id", "ar", "es", "fr", "de", "ru", "tr", "pt", "nl", "pl", "it", "uk", "fa", "he",
    "sv", "da", "nb", "fi", "ro", "hu", "cs", "el", "bg", "hr", "sr", "sk", "sl", "ca", "ms",
    "tl", "ur", "hi", "bn", "ko", "vi", "lt", "lv", "et",
}
MAX_CHARS = 10_000_000  # as large as ingest lets a document be; we run no parser, so memory stays modest
STAGES = (
    "sitrep_clean", "sitrep_entities", "sitrep_timex", "sitrep_places", "sitrep_events", "sitrep_quotes",
    "sitrep_roles",
)

for _name, _default in (
    ("sitrep_language", None), ("sitrep_dct", None), ("noise", None), ("mentions", None),
    ("timexes", None), ("places", None), ("events", None), ("quotes", None),
    ("sitrep_sentences", None), ("sitrep_outlet_country", None), ("sitrep_text", None),
):
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=_default)


def doc_sentences(doc: Doc) -> list[Sentence]:
    """Sentence character spans of a Doc, computed once and kept on the Doc."""
    if doc._.sitrep_sentences is None:
        doc._.sitrep_sentences = [Sentence(start=s.start_char, end=s.end_char) for s in doc.sents]
    return doc._.sitrep_sentences


def assign_sentences(doc: Doc, spans: list[Span]) -> None:
    """Fill ``sentence`` of spans that lack it from their start offset."""
    starts = [s.start for s in doc_sentences(doc)]
    for span in spans:
        if span.sentence < 0:
            span.sentence = max(0, bisect.bisect_right(starts, span.start) - 1)


def doc_text(doc: Doc) -> str:
    """The Doc's text, built once (spaCy rebuilds ``doc.text`` from its tokens on every access)."""
    if doc._.sitrep_text is None:
        doc._.sitrep_text = doc.text
    return doc._.sitrep_text


def _language(doc: Doc) -> str:
    return doc._.sitrep_language or doc.lang_


@Language.component("sitrep_line_breaks")
def line_breaks(doc: Doc) -> Doc:
    """A line break ends a sentence: headlines and list items carry no full stop.

    Runs before spaCy's sentencizer, which keeps boundaries already set.
    """
    starts = numpy.zeros(len(doc), dtype="uint64")  # 0: left to the sentencizer
    previous = None
    for token in doc:
        if previous is not None and not token.is_space and (
            "\n" in previous.whitespace_ or (previous.is_space and "\n" in previous.text)
        ):
            starts[token.i] = 1
        previous = token
    if starts.any():
        doc.from_array([SENT_START], starts.reshape(-1, 1))
    return doc


@Language.factory("sitrep_clean")
def make_clean(nlp: Language, name: str):
    from sitrep.analyse.clean import find_noise

    def clean(doc: Doc) -> Doc:
        doc._.noise = find_noise(doc_text(doc), _language(doc))
        return doc

    return clean


@Language.factory("sitrep_entities")
def make_entities(nlp: Language, name: str):
    from sitrep.analyse.entities import EntityFinder
    from sitrep.analyse.places import demonym_test, major_place_test, place_kind_lookup

    finders: dict[str, EntityFinder] = {}

    def entities(doc: Doc) -> Doc:
        lang = _language(doc)
        if lang not in finders:
            finders[lang] = EntityFinder(
                lang, place_kind=place_kind_lookup(), is_demonym=demonym_test(lang), is_major_place=major_place_test()
            )
        mentions = finders[lang].find(doc, doc._.noise or ())
        assign_sentences(doc, mentions)
        doc._.mentions = mentions
        return doc

    return entities


@Language.factory("sitrep_timex")
def make_timex(nlp: Language, name: str):
    from sitrep.analyse.timex import TimexTagger

    def timex(doc: Doc) -> Doc:
        tagger = TimexTagger.for_language(_language(doc))
        sentences = [(s.start, s.end) for s in doc_sentences(doc)]
        found = tagger.tag(doc_text(doc), doc._.sitrep_dct, sentences)
        noise = doc._.noise or ()
        found = [t for t in found if not any(n.start <= t.start and t.end <= n.end for n in noise)]
        assign_sentences(doc, found)
        doc._.timexes = found
        return doc

    return timex


@Language.factory("sitrep_places")
def make_places(nlp: Language, name: str):
    from sitrep.analyse.places import find_places

    def places(doc: Doc) -> Doc:
        found = find_places(
            doc_text(doc), doc._.mentions or [], language=_language(doc), noise=doc._.noise or (),
            outlet_country=doc._.sitrep_outlet_country,
        )
        assign_sentences(doc, found)
        doc._.places = found
        return doc

    return places


@Language.factory("sitrep_events")
def make_events(nlp: Language, name: str):
    from sitrep.analyse.events import extract_events

    def events(doc: Doc) -> Doc:
        found = extract_events(
            doc_text(doc), _language(doc), doc_sentences(doc), doc._.mentions or [],
            doc._.timexes or [], doc._.places or [], doc._.noise or [],
        )
        assign_sentences(doc, found)
        doc._.events = found
        return doc

    return events


@Language.factory("sitrep_quotes")
def make_quotes(nlp: Language, name: str):
    from sitrep.analyse.quotes import extract_quotes

    def quotes(doc: Doc) -> Doc:
        found = extract_quotes(
            doc_text(doc), _language(doc), doc_sentences(doc), doc._.mentions or [], doc._.noise or [],
        )
        assign_sentences(doc, found)
        doc._.quotes = found
        return doc

    return quotes


@Language.factory("sitrep_roles")
def make_roles(nlp: Language, name: str):
    from sitrep.analyse.agents import qualify_agents
    from sitrep.analyse.roles import link_roles

    def roles(doc: Doc) -> Doc:
        link_roles(doc_text(doc), _language(doc), doc._.mentions or [], doc._.events or [], doc._.quotes or [])
        qualify_agents(doc._.places or [], doc._.events or [], doc._.quotes or [])
        return doc

    return roles


@cache
def get_nlp(language: str) -> Language:
    """The blank spaCy pipeline of a language with the sentencizer and every sitrep stage."""
    nlp = spacy.blank(language if language in SPACY_LANGUAGES else "xx")
    nlp.max_length = MAX_CHARS
    nlp.add_pipe("sitrep_line_breaks")
    nlp.add_pipe("sentencizer")
    nlp.add_pipe("sitrep_sentence_cap")
    for stage in STAGES:
        nlp.add_pipe(stage)
    return nlp


def analyse(document: Document, *, languages: tuple[str, ...] | None = None) -> DocumentAnalysis:
    """Run every per-document stage on one article. Pure: no store, no shared state."""
    clean = storable(document.text)  # spaCy and lingua raise on a lone surrogate; same length, same offsets
    if clean != document.text:
        document = dataclasses.replace(document, text=clean)
    language, warnings = detect_language(document.text, document.meta.language, languages)
    if len(document.text) > SECTION_CHARS:
        merged = analyse_in_sections(document, language, lambda part: _analyse(part, language, []))
        merged.warnings = warnings + merged.warnings
        return merged
    return _analyse(document, language, warnings)


def _analyse(document: Document, language: str, warnings: list[str]) -> DocumentAnalysis:
    nlp = get_nlp(language)
    doc = nlp.make_doc(document.text)
    doc._.sitrep_text = document.text
    doc._.sitrep_language = language
    doc._.sitrep_dct = document.meta.published
    if not document.meta.published:
        warnings.append("no publication date: relative time expressions left unresolved")
    for _name, component in nlp.pipeline:
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
        warnings=warnings,
    )
