"""Compact CRF named-entity taggers shipped with sitrep (PER, ORG, LOC).

One linear-chain CRF (python-crfsuite) per language, trained by ``scripts/train_ner.py``
from open data and shipped in ``sitrep/models/`` so that a first run needs no download;
a multilingual model (``xx``) covers other languages written in the Latin or Cyrillic
script. A model is a ``ner-<lang>.crfsuite`` file plus a ``ner-<lang>.json`` sidecar
that says which optional features (gazetteer, lexicons) it was trained with. Models load lazily, once per
process.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import pycrfsuite

from sitrep.ner.features import Gazetteer, sentence_features
from sitrep.ner.gazetteer import kb_gazetteer
from sitrep.ner.iob import spans_from_tags
from sitrep.ner.lexicons import WordClasses

LABELS = frozenset({"PER", "ORG", "LOC"})
MULTILINGUAL = "xx"

# Languages written in the Latin or Cyrillic script, which the multilingual model covers
# when they have no model of their own.
LATIN_CYRILLIC = frozenset(
    "af az be bg bs ca cs cy da de en eo es et eu fi fo fr fy ga gd gl hr ht hu id is it "
    "jv kk ky la lb lt lv mg mk mn ms mt nb nl nn no oc pl pt ro ru rw sk sl so sq sr su "
    "sv sw tg tk tl tr tt uk uz vi wa xh yo zu".split()
)


def models_dir() -> Path:
    """Where the shipped models live (a real directory in every normal install)."""
    return Path(str(resources.files("sitrep") / "models"))


class NerTagger:
    """A CRF tagger for one language: IOB2 tags over PER, ORG and LOC."""

    def __init__(self, model: bytes | str | Path, config: dict[str, Any] | None = None) -> None:
        self.config = dict(config or {})
        self.lang = self.config.get("lang")
        self._tagger = pycrfsuite.Tagger()
        if isinstance(model, bytes):
            self._model = model  # crfsuite reads the buffer in place: keep it alive
            self._tagger.open_inmemory(model)
        else:
            self._tagger.open(str(model))
        self._gazetteer: Gazetteer | None = kb_gazetteer() if self.config.get("gazetteer") else None
        lexicons = self.config.get("lexicons") or ()
        self._classes = WordClasses(lexicons) if lexicons else None

    @classmethod
    def load(cls, path: str | Path) -> NerTagger:
        """A tagger from a ``.crfsuite`` file and its ``.json`` sidecar (if any)."""
        path = Path(path)
        sidecar = path.with_suffix(".json")
        config = json.loads(sidecar.read_text(encoding="utf-8")) if sidecar.exists() else {}
        return cls(path.read_bytes(), config)

    @classmethod
    def for_language(cls, lang: str | None) -> NerTagger | None:
        """The shipped tagger for ``lang`` (an ISO 639-1 code, region tags ignored).

        Falls back to the multilingual model for other Latin- and Cyrillic-script
        languages; None where no model applies (Arabic, Chinese ...).
        """
        code = (lang or "").lower().replace("_", "-").split("-")[0]
        if not code:
            return None
        if (tagger := _shipped(code)) is not None:
            return tagger
        if code in LATIN_CYRILLIC:
            return _shipped(MULTILINGUAL)
        return None

    def tag(self, tokens: Sequence[str], sentence_starts: Sequence[bool] | None = None) -> list[str]:
        """IOB2 tags (``B-PER``, ``I-ORG``, ``O`` ...) for ``tokens``.

        ``sentence_starts`` marks the tokens that begin a sentence; each sentence is
        tagged as its own sequence, as the model was trained. Without it the tokens are
        one sentence.
        """
        tags: list[str] = []
        for start, end in _sentences(len(tokens), sentence_starts):
            tags += self._tag_sentence(tokens[start:end])
        return tags

    def spans(
        self, tokens: Sequence[str], sentence_starts: Sequence[bool] | None = None
    ) -> list[tuple[int, int, str]]:
        """(token start, token end exclusive, label) of every entity in ``tokens``."""
        return spans_from_tags(self.tag(tokens, sentence_starts))

    def _tag_sentence(self, tokens: Sequence[str]) -> list[str]:
        if not tokens:
            return []
        tags = self._tagger.tag(sentence_features(tokens, self._gazetteer, self._classes))
        out: list[str] = []
        previous = "O"
        for tag in tags:
            if tag != "O" and tag[2:] not in LABELS:  # MISC and anything else unknown
                tag = "O"
            elif tag.startswith("I-") and previous[2:] != tag[2:]:
                tag = "B-" + tag[2:]
            out.append(tag)
            previous = tag
        return out


def _sentences(n: int, starts: Sequence[bool] | None) -> list[tuple[int, int]]:
    if not starts:
        return [(0, n)] if n else []
    bounds = [i for i in range(1, n) if starts[i]]
    edges = [0, *bounds, n]
    return [(a, b) for a, b in zip(edges, edges[1:], strict=False) if b > a]


@cache
def _shipped(code: str) -> NerTagger | None:
    path = models_dir() / f"ner-{code}.crfsuite"
    if not path.is_file():
        return None
    return NerTagger.load(path)
