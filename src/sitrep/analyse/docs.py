"""The Doc extension attributes the sitrep stages read and write, and helpers over them.

Kept apart from the pipeline builder so that stage modules (entities, events ...) can
use them without importing the pipeline that imports them.
"""

from __future__ import annotations

import bisect

from spacy.tokens import Doc

from sitrep.model import Sentence, Span

for _name, _default in (
    ("sitrep_language", None), ("sitrep_dct", None), ("noise", None), ("mentions", None),
    ("timexes", None), ("places", None), ("events", None), ("quotes", None),
    ("sitrep_sentences", None), ("sitrep_outlet_country", None), ("sitrep_text", None),
    ("parses", None), ("trigger_words", None), ("sitrep_warnings", None),
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


def doc_parses(doc: Doc) -> dict:
    """Parses of sentences, shared by the stages that need them (sentence index -> Parse)."""
    if doc._.parses is None:
        doc._.parses = {}
    return doc._.parses


def warn(doc: Doc, message: str) -> None:
    """Record a warning about this document (shown in the run output and stored)."""
    if doc._.sitrep_warnings is None:
        doc._.sitrep_warnings = []
    if message not in doc._.sitrep_warnings:
        doc._.sitrep_warnings.append(message)




NO_RESOURCES = "no resources for language"


def no_resources(stage: str, language: str) -> str:
    """The warning a stage gives for a language it has no resources for."""
    return f"{stage}: {NO_RESOURCES} {language!r}, nothing extracted (`sitrep langs` lists coverage)"
