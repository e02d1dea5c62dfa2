"""The trained engine: the lexicon engine's candidates re-read by a classifier.

The lexicon finds every act its triggers name; an analyst codes fewer: a passing mention
of an old assassination, a hypothetical torture, a "control" that is not an attack. A
multinomial logistic regression over :mod:`.features` gives each candidate a probability
per PLOVER type and for "no event"; a candidate is dropped when "no event" is likelier
than ``threshold``, and re-typed when another type is likelier than its lexicon type by
``retype_margin``.

One model per language, trained by ``scripts/train_events.py`` on that language's
annotated event sets and shipped only where cross-validation over documents showed it
beats the lexicon (``models/EVENTS.md`` gives the figures). For every other language the
engine returns the lexicon's events unchanged, so choosing it never costs a language
anything.

The model file is JSON (no pickle): per language the class names (the types it learnt;
candidates of other types pass unread), the intercepts, and for each feature its weights
per class, rounded.
"""

from __future__ import annotations

import json
import math
from functools import cache
from pathlib import Path

from sitrep.analyse.events.engine import DocumentContext, LexiconEngine
from sitrep.analyse.events.features import event_features
from sitrep.analyse.syntax import MODEL_ROOT
from sitrep.model import Event

MODEL_FILE = "events.json"
NONE = "NONE"
_KEYS = {"classes", "intercept", "weights", "threshold", "retype_margin"}


class EventClassifier:
    """A linear model over sparse features: feature -> weight per class."""

    def __init__(self, data: dict) -> None:
        if unknown := set(data) - _KEYS:
            raise ValueError(f"event model: unknown keys {sorted(unknown)} (expected {sorted(_KEYS)})")
        self.classes: list[str] = data["classes"]
        self.intercept: list[float] = data["intercept"]
        self.weights: dict[str, list[float]] = data["weights"]
        self.threshold: float = float(data["threshold"])
        self.retype_margin: float = float(data["retype_margin"])
        if len(self.intercept) != len(self.classes) or NONE not in self.classes:
            raise ValueError("event model: one intercept per class, and a NONE class, are required")

    def to_json(self) -> dict:
        return {"classes": self.classes, "intercept": self.intercept, "weights": self.weights,
                "threshold": self.threshold, "retype_margin": self.retype_margin}

    @staticmethod
    def load_languages(path: Path) -> dict[str, EventClassifier]:
        """The per-language classifiers of a model file (language code -> classifier)."""
        data = json.loads(path.read_text(encoding="utf-8"))
        return {lang: EventClassifier(model) for lang, model in data["languages"].items()}

    @staticmethod
    @cache
    def shipped() -> dict[str, EventClassifier]:
        path = MODEL_ROOT / MODEL_FILE
        return EventClassifier.load_languages(path) if path.is_file() else {}

    def probabilities(self, features: dict[str, float]) -> dict[str, float]:
        scores = list(self.intercept)
        for name, value in features.items():
            weights = self.weights.get(name)
            if weights is not None:
                for i, w in enumerate(weights):
                    scores[i] += w * value
        top = max(scores)
        exps = [math.exp(s - top) for s in scores]
        total = sum(exps)
        return {c: e / total for c, e in zip(self.classes, exps, strict=True)}

    def reads(self, event: Event) -> bool:
        """Whether the model judges this event: a reported one of a type it learnt. A type it
        never saw it leaves alone, and so an event the frame already calls planned,
        threatened, negated, ... (kept, with that status, for who asks for it)."""
        return event.status == "reported" and event.type in self.classes

    def decide(self, event: Event, probs: dict[str, float]) -> Event | None:
        """The event as the model reads it: None (no event), or re-typed, with its probability."""
        if probs.get(NONE, 0.0) > self.threshold:
            return None
        best = max((c for c in probs if c != NONE), key=probs.__getitem__)
        if best != event.type and probs[best] - probs.get(event.type, 0.0) > self.retype_margin:
            event.type, event.subtype = best, None
        event.confidence = round(1.0 - probs.get(NONE, 0.0), 2)
        return event


def context_features(events: list[Event], ctx: DocumentContext) -> list[dict[str, float]]:
    """Features of each event of a document (the parses of their sentences in ``ctx``)."""
    per_sentence: dict[int, int] = {}
    for event in events:
        per_sentence[event.sentence] = per_sentence.get(event.sentence, 0) + 1
    out = []
    for event in events:
        sentence = ctx.sentences[event.sentence] if 0 <= event.sentence < len(ctx.sentences) else None
        bounds = (sentence.start, sentence.end) if sentence else (event.start, event.end)
        out.append(event_features(
            event, ctx.text, ctx.language, bounds, ctx.parses.get(event.sentence),
            per_sentence[event.sentence], event.sentence,
        ))
    return out


class TrainedEngine(LexiconEngine):
    """The lexicon engine, its candidates kept, dropped or re-typed by the language's
    classifier; the lexicon's events as they are where the language has none."""

    name = "trained"

    def __init__(self, language: str, model: EventClassifier | None = None) -> None:
        super().__init__(language)
        self.model = model if model is not None else EventClassifier.shipped().get(language)

    def extract(self, ctx: DocumentContext) -> list[Event]:
        events = super().extract(ctx)
        if self.model is None or not any(self.model.reads(event) for event in events):
            return events  # nothing for the model to judge: no features to compute
        kept = []
        for event, features in zip(events, context_features(events, ctx), strict=True):
            if not self.model.reads(event):
                kept.append(event)
                continue
            decided = self.model.decide(event, self.model.probabilities(features))
            if decided is not None:
                kept.append(decided)
        return kept
