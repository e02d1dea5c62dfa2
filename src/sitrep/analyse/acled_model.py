"""A trained classifier of ACLED sub-event types over a sentence or a short news snippet.

The rule-based ACLED view (:mod:`sitrep.analyse.acled`) codes each extracted PLOVER event;
this model reads the text itself and gives document-level labels, the CASE 2021 task 2
setting: the 25 ACLED sub-event types written as CASE codes (``ACLED:AIR_STRIKE``,
``ACLED:PEACE_PROTEST`` ...) plus ``ACLED:ORG_CRIME``, ``ACLED:NATURAL_DISASTER``,
``ACLED:MAN_MADE_DISASTER``, ``ACLED:DIPLO`` and ``ACLED:ATTRIB``.

>>> model = AcledClassifier.for_language("en")
>>> model.label("Fighter jets struck a militant camp in the north on Monday.")
'ACLED:AIR_STRIKE'
>>> model.predict("Fighter jets struck a militant camp in the north on Monday.", top=2)  # doctest: +SKIP
[('ACLED:AIR_STRIKE', 0.969...), ('ACLED:SUIC_BOMB', 0.005...)]

Sentence-level and snippet-level use only: the model was trained on snippets of one to
three sentences (CASE 2021) and gives exactly one distribution per text; for a whole
article, classify its sentences or paragraphs and combine. English only for now
(``for_language`` gives None for other languages). Model card: ``models/ACLED.md``.

The model is a linear one-vs-rest classifier over up to three feature blocks, each
computed here in pure Python (numpy only for the arithmetic), the same code at training
time (``scripts/train_acled.py``) and at inference:

* ``word``: word uni- and bigrams of the lower-cased text, sublinear tf-idf, L2-normalised;
* ``char``: character 3-5-grams inside word boundaries (as scikit-learn's ``char_wb``),
  sublinear tf-idf, L2-normalised; supported, but the shipped English model leaves it
  out (no gain in cross-validation, six times the size, a sixth of the speed);
* ``cue``: cue groups (``air``, ``artillery``, ``protest``, ``natural`` ...), each a list
  of token patterns, scored ``log(1 + matches) * cue_weight``.

A token pattern is space-separated elements over ``\\w+`` tokens of the lower-cased text;
an element is alternatives joined by ``/``, an alternative ending in ``*`` matches any
token that starts with it, and ``~N`` skips up to N tokens: ``"shot dead"``,
``"air strike*"``, ``"opened fire on/at ~1 protesters/crowd"``. Patterns are matched by
dictionary look-ups, not regular expressions, which keeps a snippet well under a
millisecond.

The model file (``models/acled-<lang>.json``) is plain JSON: the feature spec, vocabularies
and idf, the cue groups, the labels, weights quantised to integers with one scale, the
intercepts and a softmax temperature fitted on cross-validated scores (so the
probabilities are calibrated-ish: they rank well and are roughly right on average, but
come from a linear margin, not a probabilistic model). No pickle is involved.
"""

from __future__ import annotations

import json
import math
import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from functools import cache
from importlib import resources as package_files
from pathlib import Path
from typing import Any

import numpy as np

FORMAT = "sitrep-acled-linear/1"

_TOKEN = re.compile(r"\w+")
_SPACES = re.compile(r"\s+")


def model_path(language: str) -> Path:
    """Where the shipped model for ``language`` lives (it may not exist)."""
    return Path(str(package_files.files("sitrep") / "models" / f"acled-{language}.json"))


# ---------------------------------------------------------------------------------------
# Features


def tokens(text: str) -> list[str]:
    """``\\w+`` tokens of the lower-cased text (the unit of word n-grams and cues)."""
    return _TOKEN.findall(text.lower())


def word_terms(toks: Sequence[str], ngrams: tuple[int, int]) -> Counter[str]:
    """Word n-gram counts over tokens of two or more characters (bigrams joined by a space)."""
    words = [t for t in toks if len(t) > 1]
    lo, hi = ngrams
    out: Counter[str] = Counter()
    for n in range(lo, hi + 1):
        if n == 1:
            out.update(words)
        else:
            out.update(" ".join(words[i:i + n]) for i in range(len(words) - n + 1))
    return out


def char_terms(text: str, ngrams: tuple[int, int]) -> Counter[str]:
    """Character n-gram counts inside word boundaries: every whitespace-separated word of
    the lower-cased text, padded with one space on each side, as scikit-learn's
    ``char_wb`` analyser does (a word shorter than n gives itself once)."""
    lo, hi = ngrams
    out: Counter[str] = Counter()
    for word in _SPACES.sub(" ", text.lower()).split():
        padded = f" {word} "
        length = len(padded)
        for n in range(lo, hi + 1):
            if length <= n:
                out[padded] += 1
                break
            out.update(padded[i:i + n] for i in range(length - n + 1))
    return out


class CueMatcher:
    """Cue groups of token patterns, matched by dictionary look-ups (see module doc)."""

    def __init__(self, groups: Mapping[str, Sequence[str]]) -> None:
        self.names: tuple[str, ...] = tuple(groups)
        self._exact: dict[str, list[tuple[int, tuple]]] = {}
        self._prefix: dict[str, list[tuple[int, tuple]]] = {}
        lengths: set[int] = set()
        for gid, name in enumerate(self.names):
            for pattern in groups[name]:
                elements = tuple(self._element(part, pattern) for part in pattern.split())
                if not elements or isinstance(elements[0], int):
                    raise ValueError(f"cue group {name}: a pattern must start with a word: {pattern!r}")
                words, prefixes = elements[0]
                rest = elements[1:]
                for word in words:
                    self._exact.setdefault(word, []).append((gid, rest))
                for stem in prefixes:
                    self._prefix.setdefault(stem, []).append((gid, rest))
                    lengths.add(len(stem))
        self._lengths = tuple(sorted(lengths))

    @staticmethod
    def _element(part: str, pattern: str) -> tuple[frozenset[str], tuple[str, ...]] | int:
        if part.startswith("~"):
            return int(part[1:])
        words, prefixes = set(), []
        for alt in part.split("/"):
            if not re.fullmatch(r"\w+\*?", alt) or alt != alt.lower():
                raise ValueError(f"cue pattern {pattern!r}: {alt!r} is not a lower-case word (or word*)")
            if alt.endswith("*"):
                if len(alt) < 4:
                    raise ValueError(f"cue pattern {pattern!r}: a prefix needs three letters: {alt!r}")
                prefixes.append(alt[:-1])
            else:
                words.add(alt)
        return frozenset(words), tuple(prefixes)

    @staticmethod
    def _accepts(element: tuple[frozenset[str], tuple[str, ...]], token: str) -> bool:
        words, prefixes = element
        return token in words or any(token.startswith(p) for p in prefixes)

    def _rest_matches(self, rest: tuple, toks: Sequence[str], i: int) -> bool:
        """Do the elements ``rest`` match the tokens from position ``i``?"""
        if not rest:
            return True
        head = rest[0]
        if isinstance(head, int):
            return any(self._rest_matches(rest[1:], toks, i + skip) for skip in range(head + 1))
        return i < len(toks) and self._accepts(head, toks[i]) and self._rest_matches(rest[1:], toks, i + 1)

    def counts(self, toks: Sequence[str]) -> Counter[int]:
        """Group index -> number of token positions where one of its patterns starts."""
        hits: set[tuple[int, int]] = set()
        exact, prefix, lengths = self._exact, self._prefix, self._lengths
        for i, token in enumerate(toks):
            candidates = list(exact.get(token, ()))
            for length in lengths:
                if length > len(token):
                    break
                found = prefix.get(token[:length])
                if found:
                    candidates += found
            for gid, rest in candidates:
                if (gid, i) not in hits and self._rest_matches(rest, toks, i + 1):
                    hits.add((gid, i))
        return Counter(gid for gid, _ in hits)


class Featurizer:
    """Text -> sparse feature vector, from the ``features`` part of a model spec.

    The spec holds, per n-gram block, its n-gram range, vocabulary (a list: position =
    column) and idf; the cue groups and their weight. Columns are laid out word block,
    char block, cue block."""

    def __init__(self, spec: Mapping[str, Any]) -> None:
        self.spec = spec
        self.blocks: list[tuple[str, tuple[int, int], dict[str, int], np.ndarray, int]] = []
        offset = 0
        for name in ("word", "char"):
            block = spec.get(name)
            if not block:
                continue
            vocab = {term: i for i, term in enumerate(block["vocabulary"])}
            idf = np.asarray(block["idf"], dtype=np.float64)
            if len(idf) != len(vocab):
                raise ValueError(f"acled model: {name} block has {len(vocab)} terms but {len(idf)} idf values")
            self.blocks.append((name, (int(block["ngrams"][0]), int(block["ngrams"][1])), vocab, idf, offset))
            offset += len(vocab)
        cues = spec.get("cues") or {}
        self.cues = CueMatcher(cues["groups"]) if cues else None
        self.cue_weight = float(cues.get("weight", 0.0)) if cues else 0.0
        self.cue_offset = offset
        self.size = offset + (len(self.cues.names) if self.cues else 0)

    def transform_one(self, text: str) -> tuple[np.ndarray, np.ndarray]:
        """(column indices, values) of one text's non-zero features."""
        toks = tokens(text)
        parts_cols: list[np.ndarray] = []
        parts_vals: list[np.ndarray] = []
        for name, ngrams, vocab, idf, offset in self.blocks:
            terms = word_terms(toks, ngrams) if name == "word" else char_terms(text, ngrams)
            get = vocab.get
            found: list[int] = []
            counts: list[int] = []
            for term, count in terms.items():
                j = get(term)
                if j is not None:
                    found.append(j)
                    counts.append(count)
            if found:
                index = np.asarray(found, dtype=np.int64)
                weight = (1.0 + np.log(np.asarray(counts, dtype=np.float64))) * idf[index]
                parts_cols.append(index + offset)
                parts_vals.append(weight / math.sqrt(float(weight @ weight)))
        if self.cues is not None:
            hits = sorted(self.cues.counts(toks).items())
            if hits:
                parts_cols.append(np.asarray([self.cue_offset + gid for gid, _ in hits], dtype=np.int64))
                parts_vals.append(np.log1p(np.asarray([n for _, n in hits], dtype=np.float64)) * self.cue_weight)
        if not parts_cols:
            return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.float64)
        return np.concatenate(parts_cols), np.concatenate(parts_vals)

    def transform(self, texts: Iterable[str]) -> tuple[list[int], list[int], list[float]]:
        """(rows, columns, values) of many texts: a COO matrix with ``self.size`` columns."""
        rows: list[int] = []
        cols: list[int] = []
        vals: list[float] = []
        for i, text in enumerate(texts):
            c, v = self.transform_one(text)
            rows += [i] * len(c)
            cols += c.tolist()
            vals += v.tolist()
        return rows, cols, vals


# ---------------------------------------------------------------------------------------
# The classifier


class AcledClassifier:
    """ACLED sub-event types (CASE 2021 codes) of a short English news text."""

    def __init__(self, spec: Mapping[str, Any]) -> None:
        if spec.get("format") != FORMAT:
            raise ValueError(f"acled model: unknown format {spec.get('format')!r} (expected {FORMAT})")
        self.spec = spec
        self.language: str = spec.get("language", "")
        self.labels: tuple[str, ...] = tuple(spec["labels"])
        self.featurizer = Featurizer(spec["features"])
        coef = spec["coef"]
        scale = float(coef["scale"])
        weights = np.zeros((self.featurizer.size, len(self.labels)), dtype=np.float64)
        for row in coef["rows"]:  # [column, q_1, ..., q_labels]: pruned rows are absent
            weights[row[0]] = np.asarray(row[1:], dtype=np.float64) * scale
        self.weights = weights
        self.intercept = np.asarray(spec["intercept"], dtype=np.float64)
        self.temperature = float(spec.get("temperature", 1.0))
        if self.intercept.shape != (len(self.labels),):
            raise ValueError("acled model: one intercept per label expected")

    @classmethod
    def from_file(cls, path: str | Path) -> AcledClassifier:
        """A classifier from a model JSON file."""
        return cls(json.loads(Path(path).read_text(encoding="utf-8")))

    @classmethod
    def for_language(cls, language: str | None) -> AcledClassifier | None:
        """The shipped classifier for ``language`` (an ISO 639-1 code; region tags are
        ignored), loaded once per process; None when no model exists for it."""
        code = (language or "").lower().replace("_", "-").split("-")[0]
        if not code.isalpha():
            return None
        return _shipped(code)

    def scores(self, text: str) -> np.ndarray:
        """The linear decision scores of the labels (``self.labels`` order)."""
        cols, vals = self.featurizer.transform_one(text)
        return vals @ self.weights[cols] + self.intercept

    def probabilities(self, scores: np.ndarray) -> np.ndarray:
        """Softmax of temperature-scaled decision scores."""
        z = scores * self.temperature
        z = np.exp(z - z.max())
        return z / z.sum()

    def predict(self, text: str, top: int | None = None) -> list[tuple[str, float]]:
        """``(label, probability)`` pairs, best first (all labels, or the ``top`` best).
        Ties are broken by label name, so the order is deterministic."""
        probs = self.probabilities(self.scores(text))
        order = sorted(range(len(self.labels)), key=lambda j: (-probs[j], self.labels[j]))
        if top is not None:
            order = order[:top]
        return [(self.labels[j], float(probs[j])) for j in order]

    def label(self, text: str) -> str:
        """The single best label."""
        return self.predict(text, top=1)[0][0]


@cache
def _shipped(code: str) -> AcledClassifier | None:
    path = model_path(code)
    return AcledClassifier.from_file(path) if path.is_file() else None
