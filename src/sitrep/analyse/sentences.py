"""Sentence boundaries after spaCy's sentencizer: none right after a comma, and a bound on
sentence length, so that per-sentence work stays linear in the document.

spaCy's sentencizer ends a sentence at "!" or "?" and takes the closing quote and comma
that follow into it: '„Wir geben nicht auf!“, sagte Klitschko' becomes two sentences, and
the quotation loses its speaker. ``sitrep_sentence_continuation`` undoes every sentence
start that directly follows a comma, semicolon or dash on the same line ("«Мы не
сдадимся!», — заявил"); a line break keeps its boundary (the comma is then a whitespace
token away).

Several stages look, for each cue or trigger, at the rest of its sentence: the clause
around an event trigger, the candidates of a speaker, the tense cue before a time
expression. That is cheap for a sentence and quadratic for a 5 MB run of text without a
full stop (a scraped table, a list joined by commas, an attack on the pipeline). The
``sitrep_sentence_cap`` component runs after spaCy's sentencizer and cuts every
sentence longer than ``MAX_SENTENCE_TOKENS`` tokens, at the last comma, semicolon or
colon before the limit when there is one in its second half, else at the limit.
Real sentences stay whole: the longest in the development sets has 277 tokens.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy
from spacy.attrs import SENT_START
from spacy.language import Language
from spacy.tokens import Doc

MAX_SENTENCE_TOKENS = 320
# comma and semicolon (also Arabic and full-width), em and en dash
_CONTINUES = frozenset({",", ";", "\u060c", "\u061b", "\uff0c", "\uff1b", "\u2014", "\u2013"})
_CLAUSE_ENDS = frozenset({",", ";", ":", "\u060c", "\u061b", "\u3001", "\uff0c", "\uff1b"})


def cut_points(starts: numpy.ndarray, word: Callable[[int], str], limit: int = MAX_SENTENCE_TOKENS) -> list[int]:
    """Token indices that must start a sentence so that none is longer than ``limit``.

    ``starts`` holds spaCy's SENT_START values (1 starts a sentence); ``word(i)`` is the
    text of token i, asked only inside overlong sentences. Linear in the tokens.
    """
    bounds = [0, *(int(i) for i in numpy.flatnonzero(starts == 1) if i > 0), len(starts)]
    cuts: list[int] = []
    for begin, end in zip(bounds, bounds[1:], strict=False):
        while end - begin > limit:
            clause = (j for j in range(begin + limit, begin + limit // 2, -1) if word(j - 1) in _CLAUSE_ENDS)
            begin = next(clause, begin + limit)
            cuts.append(begin)
    return cuts


@Language.component("sitrep_sentence_continuation")
def sentence_continuation(doc: Doc) -> Doc:
    """No sentence starts right after a comma, semicolon or dash (see the module docstring)."""
    if len(doc) < 2:
        return doc
    starts = doc.to_array([SENT_START]).reshape(-1)
    for i in numpy.flatnonzero(starts == 1).tolist():
        if i > 0 and doc[i - 1].text in _CONTINUES:
            doc[i].is_sent_start = False
    return doc


@Language.component("sitrep_sentence_cap")
def sentence_cap(doc: Doc) -> Doc:
    """Split sentences longer than ``MAX_SENTENCE_TOKENS`` tokens (see the module docstring)."""
    if len(doc) <= MAX_SENTENCE_TOKENS:
        return doc
    starts = doc.to_array([SENT_START]).reshape(-1)
    cuts = cut_points(starts, lambda i: doc[i].text)
    if cuts:
        starts[cuts] = 1
        doc.from_array([SENT_START], starts.reshape(-1, 1))
    return doc
