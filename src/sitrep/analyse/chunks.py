"""Very long documents are analysed in paragraph-aligned sections, then stitched together.

Several stages compare every name or place of a document with every other (that is how
context works), which is right for an article and quadratic for a book-length dump. Above
``SECTION_CHARS`` a document is cut at paragraph breaks into sections of about that size;
each section is analysed alone and its results are shifted back to document offsets, with
indices (mentions, places, time expressions, in-document entity clusters) renumbered.
Context does not cross a section boundary: a short name late in a long document may not
meet the full name from its first section.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable

from sitrep.model import Argument, Document, DocumentAnalysis, Span

SECTION_CHARS = 40_000


def sections(text: str, size: int = SECTION_CHARS) -> list[tuple[int, int]]:
    """(start, end) of consecutive sections, each ending at a paragraph or line break."""
    bounds, start = [], 0
    while len(text) - start > size:
        end = start + size  # no break at all: cut mid-word
        for separator in ("\n\n", "\n", " "):
            cut = text.rfind(separator, start + size // 2, start + size)
            if cut >= 0:
                end = cut + len(separator)
                break
        bounds.append((start, end))
        start = end
    bounds.append((start, len(text)))
    return bounds


def _shift(span: Span, by: int, sentence_by: int) -> None:
    span.start += by
    span.end += by
    if span.sentence >= 0:
        span.sentence += sentence_by


def _shift_argument(arg: Argument | None, by: int, sentence_by: int, mention_by: int) -> None:
    if arg is None:
        return
    _shift(arg, by, sentence_by)
    if arg.mention is not None:
        arg.mention += mention_by


def analyse_in_sections(
    document: Document, language: str, analyse_one: Callable[[Document], DocumentAnalysis]
) -> DocumentAnalysis:
    """Analyse a long document section by section and merge the results."""
    merged = DocumentAnalysis(document=document, language=language)
    meta = dataclasses.replace(document.meta, language=language)
    clusters = 0
    for start, end in sections(document.text):
        part = analyse_one(Document(id=document.id, text=document.text[start:end], meta=meta, source=document.source))
        s_by, m_by = len(merged.sentences), len(merged.mentions)
        t_by, p_by = len(merged.timexes), len(merged.places)
        for sentence in part.sentences:
            sentence.start += start
            sentence.end += start
        for item in (*part.noise, *part.timexes, *part.places):
            _shift(item, start, s_by)
        for mention in part.mentions:
            _shift(mention, start, s_by)
            if mention.cluster >= 0:
                mention.cluster += clusters
        for event in part.events:
            _shift(event, start, s_by)
            _shift(event.trigger, start, s_by)
            for arg in (*event.actors, *event.targets):
                _shift_argument(arg, start, s_by, m_by)
            for casualty in event.casualties:
                _shift(casualty, start, s_by)
            event.place = None if event.place is None else event.place + p_by
            event.timex = None if event.timex is None else event.timex + t_by
        for quote in part.quotes:
            _shift(quote, start, s_by)
            if quote.cue is not None:
                _shift(quote.cue, start, s_by)
            _shift_argument(quote.speaker, start, s_by, m_by)
        clusters = max([clusters, *(m.cluster + 1 for m in part.mentions)])
        merged.sentences += part.sentences
        merged.noise += part.noise
        merged.mentions += part.mentions
        merged.timexes += part.timexes
        merged.places += part.places
        merged.events += part.events
        merged.quotes += part.quotes
        merged.warnings += [w for w in part.warnings if w not in merged.warnings]
    merged.warnings.append(f"long document ({len(document.text):,} characters): analysed in sections")
    return merged
