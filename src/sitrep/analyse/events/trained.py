"""The trained engine: the lexicon engine's candidates re-read by a classifier.

The lexicon finds every act its triggers name; an analyst codes fewer, and sometimes
another type ("clashed with demonstrators" is a crackdown, not a battle). A multinomial
logistic regression over :mod:`.features` (trained by ``scripts/train_events.py`` on the
annotated event sets, scored by cross-validation; ``models/EVENTS.md``) gives each
candidate a probability per PLOVER type and for "no event". A candidate is dropped when
"no event" is likelier than ``threshold``, and re-typed when another type is clearly
likelier than its lexicon type. Languages the model saw nothing of still benefit from
the language-independent features; a missing model file leaves the lexicon's output.

The model is a JSON file (no pickle): class names, the intercepts, and for each feature
its weights per class, rounded.
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


class EventClassifier:
    """A linear model over sparse features: feature -> weight per class."""

    def __init__(self, data: dict) -> None:
        self.classes: list[str] = data["classes"]
        self.intercept: list[float] = data["intercept"]
        self.weights: dict[str, list[float]] = data["weights"]
        self.threshold: float = float(data.get("threshold", 0.5))
        self.retype_margin: float = float(data.get("retype_margin", 0.2))

    @classmethod
    def load(cls, path: Path) -> EventClassifier:
        return cls(json.loads(path.read_text(encoding="utf-8")))

    @staticmethod
    @cache
    def shipped() -> EventClassifier | None:
        path = MODEL_ROOT / MODEL_FILE
        return EventClassifier.load(path) if path.is_file() else None

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
    """The lexicon engine, its candidates kept, dropped or re-typed by the classifier."""

    name = "trained"

    def __init__(self, language: str, model: EventClassifier | None = None) -> None:
        super().__init__(language)
        self.model = model if model is not None else EventClassifier.shipped()

    def extract(self, ctx: DocumentContext) -> list[Event]:
        events = super().extract(ctx)
        if self.model is None or not events:
            return events
        kept = []
        for event, features in zip(events, context_features(events, ctx), strict=True):
            decided = self.model.decide(event, self.model.probabilities(features))
            if decided is not None:
                kept.append(decided)
        return kept
