"""Features from shipped word lists (lexicons) for the CRF taggers.

A model has seen only the names in its training data. A word list lets it generalise
beyond them: ``given-names`` (built by ``scripts/build_ner_lexicons.py`` into
``sitrep/data/ner/given_names.txt``) marks a capitalised word that is a given name
somewhere in the world (``nm=F``) and its neighbours (``-1nm=F`` on the next word,
``+1nm=F`` on the previous one). In German, where every noun is capitalised, that is what
tells "Dann sprach Ralf mit den Nachbarn" apart from a sentence about a thing.

A model's sidecar lists the lexicons it was trained with; the tagger builds the same
features from the same files, so training and tagging cannot disagree.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from importlib import resources


def _data_lines(name: str) -> list[str]:
    path = resources.files("sitrep") / "data" / "ner" / name
    if not path.is_file():
        raise ValueError(f"NER lexicon file missing: {name} (rebuild with scripts/build_ner_lexicons.py)")
    return [line for line in path.read_text(encoding="utf-8").splitlines() if line and not line.startswith("#")]


@cache
def given_names() -> frozenset[str]:
    """Lower-cased given names from every locale the list covers."""
    return frozenset(_data_lines("given_names.txt"))


KNOWN = ("given-names",)


class WordClasses:
    """Extra per-token features from the named lexicons (see the module docstring)."""

    def __init__(self, lexicons: Sequence[str]) -> None:
        unknown = [name for name in lexicons if name not in KNOWN]
        if unknown:
            raise ValueError(f"unknown NER lexicon(s): {', '.join(unknown)}; known: {', '.join(KNOWN)}")
        self._names = given_names() if "given-names" in lexicons else None

    def add(self, tokens: Sequence[str], features: list[list[str]]) -> None:
        """Append the lexicon features of every token to ``features`` (one list per token)."""
        if self._names is None:
            return
        n = len(tokens)
        for i, token in enumerate(tokens):
            if token[:1].isupper() and token.lower() in self._names:
                features[i].append("nm=F")
                if i + 1 < n:
                    features[i + 1].append("-1nm=F")
                if i:
                    features[i - 1].append("+1nm=F")
