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

from sitrep.layout import references, spans
from sitrep.model import Document, DocumentAnalysis

SECTION_CHARS = 40_000


def last_break(text: str, low: int, high: int) -> tuple[int, int] | None:
    """(position, length) of the last paragraph break in text[low:high], else of the last
    line break, else of the last space; None when there is none (one long token)."""
    for separator in ("\n\n", "\n", " "):
        cut = text.rfind(separator, low, high)
        if cut >= 0:
            return cut, len(separator)
    return None


def sections(text: str, size: int = SECTION_CHARS) -> list[tuple[int, int]]:
    """(start, end) of consecutive sections, each ending at a paragraph or line break."""
    bounds, start = [], 0
    while len(text) - start > size:
        found = last_break(text, start + size // 2, start + size)
        end = found[0] + found[1] if found else start + size  # no break at all: cut mid-word
        bounds.append((start, end))
        start = end
    bounds.append((start, len(text)))
    return bounds


def analyse_in_sections(
    document: Document, language: str, analyse_one: Callable[[Document], DocumentAnalysis]
) -> DocumentAnalysis:
    """Analyse a long document section by section and merge the results."""
    merged = DocumentAnalysis(document=document, language=language)
    meta = dataclasses.replace(document.meta, language=language)
    clusters = 0
    for start, end in sections(document.text):
        part = analyse_one(Document(id=document.id, text=document.text[start:end], meta=meta, source=document.source))
        by = {"mentions": len(merged.mentions), "timexes": len(merged.timexes), "places": len(merged.places)}
        s_by = len(merged.sentences)
        for sentence in part.sentences:
            sentence.start += start
            sentence.end += start
        for item in (*part.noise, *part.mentions, *part.timexes, *part.places, *part.events, *part.quotes):
            # every span inside (an event's trigger, arguments, casualty counts; a quote's
            # speaker and cue) moves to document offsets, every index to the merged lists
            for span in spans(item):
                span.start += start
                span.end += start
                if span.sentence >= 0:
                    span.sentence += s_by
            for owner, name, target in references(item):
                if getattr(owner, name) is not None:
                    setattr(owner, name, getattr(owner, name) + by[target])
        for mention in part.mentions:
            if mention.cluster >= 0:
                mention.cluster += clusters
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
