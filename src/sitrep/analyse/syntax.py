"""Dependency parses of the sentences that need one.

sitrep ships a compact spaCy pipeline per language (``models/parse-<code>/``: tok2vec,
morphologizer, edit-tree lemmatizer and a parser with Universal Dependencies labels),
trained by ``scripts/train_parser.py`` on the UD treebanks (``models/PARSERS.md`` names
data, licences and test scores). Parsing costs far more than the rest of the per-document
analysis, so stages ask only for the sentences they need (those with an event trigger or
a speech cue) and share the parses through the Doc (``doc._.parses``). The edit-tree
lemmatizer the models carry is not loaded: no stage reads lemmas.

A parse is kept with its sentence's character offset, so tokens map back to the
document's offsets and to the mentions, times and places found there.
"""

from __future__ import annotations

import bisect
import threading
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path

import spacy
from spacy.attrs import IDX
from spacy.language import Language
from spacy.tokens import Doc, Token

MODEL_ROOT = Path(str(resources.files("sitrep") / "models"))
MAX_PARSE_CHARS = 2_000  # a longer "sentence" is a list or a run-on block: parse its first part only
# Universal Dependencies relations that open a clause of their own below their head.
CLAUSE_RELATIONS = frozenset({
    "ccomp", "xcomp", "advcl", "acl", "acl:relcl", "relcl", "parataxis", "csubj", "csubj:pass",
})


@dataclass
class Parse:
    """One parsed sentence: a spaCy Doc of the sentence text and where it starts."""

    doc: Doc
    offset: int  # character offset of the sentence in the document
    _starts: list[int] = field(default_factory=list, repr=False)

    def __post_init__(self) -> None:
        self._starts = [self.offset + idx for idx in self.doc.to_array(IDX).tolist()]

    def token_at(self, char: int) -> Token | None:
        """The token covering a document character offset (None outside the sentence)."""
        i = bisect.bisect_right(self._starts, char) - 1
        if i < 0:
            return None
        token = self.doc[i]
        return token if char < self.offset + token.idx + len(token.text) else None

    def tokens_in(self, start: int, end: int) -> list[Token]:
        """The tokens that overlap the document span [start, end)."""
        first = max(0, bisect.bisect_right(self._starts, start) - 1)
        out = []
        for token in self.doc[first:]:
            t_start = self.offset + token.idx
            if t_start >= end:
                break
            if t_start + len(token.text) > start:
                out.append(token)
        return out

    def head_of(self, start: int, end: int) -> Token | None:
        """The syntactic head of a span: its token whose head lies outside the span."""
        tokens = self.tokens_in(start, end)
        if not tokens:
            return None
        inside = {t.i for t in tokens}
        outside = [t for t in tokens if t.head.i not in inside or t.head.i == t.i]
        return outside[0] if outside else tokens[0]

    def start_of(self, token: Token) -> int:
        return self.offset + token.idx

    def end_of(self, token: Token) -> int:
        return self.offset + token.idx + len(token.text)


class Parser:
    """The dependency parser of one language (thread-safe loading, one per process)."""

    _lock = threading.Lock()

    def __init__(self, language: str, nlp: Language) -> None:
        self.language = language
        self.nlp = nlp
        self._ahead: dict[str, Doc] = {}  # sentence text -> its parse, made by parse_ahead
        self._ahead_lock = threading.Lock()

    @staticmethod
    def path(language: str) -> Path:
        return MODEL_ROOT / f"parse-{language}"

    @classmethod
    def available(cls, language: str) -> bool:
        """Whether sitrep ships a parser for the language and uses it (its manifest's
        ``parser``: a parser too weak to help the event stage is not used)."""
        from sitrep import resources

        return (cls.path(language) / "config.cfg").is_file() and resources.manifest(language).parser

    @classmethod
    def for_language(cls, language: str) -> Parser | None:
        """The language's parser, or None when sitrep ships none for it."""
        with cls._lock:
            return _load(language)

    def parse(self, sentences: list[tuple[int, str]]) -> list[Parse]:
        """Parses of (offset, text) sentences, in order; a sentence parsed ahead
        (:meth:`parse_ahead`) is taken from there."""
        texts = [text[:MAX_PARSE_CHARS] for _, text in sentences]
        with self._ahead_lock:
            ready = [self._ahead.pop(text, None) for text in texts]
        todo = [text for text, doc in zip(texts, ready, strict=True) if doc is None]
        parsed = iter(self.nlp.pipe(todo, batch_size=64))
        docs = [doc if doc is not None else next(parsed) for doc in ready]
        return [Parse(doc=doc, offset=offset) for (offset, _), doc in zip(sentences, docs, strict=True)]

    def parse_ahead(self, texts: list[str]) -> None:
        """Parse the sentences that documents about to be analysed will ask for, in one
        batch: the network runs about twice as fast on the sentences of many documents
        at once as on each document's few. Replaces what was parsed ahead before (a
        sentence no stage asked for is dropped, so memory stays that of one batch)."""
        texts = list(dict.fromkeys(text[:MAX_PARSE_CHARS] for text in texts))
        docs = dict(zip(texts, self.nlp.pipe(texts, batch_size=256), strict=True))
        with self._ahead_lock:
            self._ahead = docs


@cache
def _load(language: str) -> Parser | None:
    if not Parser.available(language):
        return None
    # the shipped pipelines hold a lemmatizer (scored in models/PARSERS.md), but no stage
    # reads lemmas (the lexicons list inflected forms): left out, parsing is 4% faster
    return Parser(language, spacy.load(Parser.path(language), exclude=["trainable_lemmatizer"]))


def clause_head(token: Token) -> Token:
    """The verb (or root) that heads the clause a token belongs to."""
    current = token
    while current.head.i != current.i:
        if current.pos_ in ("VERB", "AUX") or current.dep_ in CLAUSE_RELATIONS:
            return current
        current = current.head
    return current


def is_clause_head(token: Token) -> bool:
    return token.dep_ in CLAUSE_RELATIONS or token.head.i == token.i or token.dep_ in ("conj", "root", "ROOT")
