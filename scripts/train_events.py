"""Train the trained engine's event classifier, and score it by cross-validation.

Reads the annotated event sets (``../shared/eval/dev``: PLOVER GSR and the whole-picture
sets in English, the Spanish PLOVER set and whole-picture set, the Arabic GSR), runs the
lexicon engine over every document, and labels each candidate event with the type of the
gold event whose evidence holds its trigger, or NONE. Then, by 5-fold cross-validation
over documents (all sets pooled, folds fixed by a hash of the document id), it trains a
multinomial logistic regression on four folds, re-reads the fifth fold's candidates with
it, and scores every set with sitrep's own scorer: the figures it prints for the trained
engine are on documents the model did not see. Finally it trains on everything and
writes ``src/sitrep/models/events.json`` and the figures into ``models/EVENTS.md``.

    .venv/bin/python scripts/train_events.py [--folds 5] [--threshold 0.5] [--dry-run]

The seeds (``../shared/eval/seeds.gold.jsonl``) are never trained on: they stay a clean check.
"""

from __future__ import annotations

import argparse
import copy
import hashlib
import json
import pickle
import sys
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from sklearn.feature_extraction import DictVectorizer
from sklearn.linear_model import LogisticRegression

from sitrep.analyse.events.engine import DocumentContext
from sitrep.analyse.events.trained import NONE, EventClassifier, context_features
from sitrep.analyse.syntax import Parser
from sitrep.config import Settings
from sitrep.evaluate.gold import load_gold
from sitrep.evaluate.scorers import score
from sitrep.evaluation import _document
from sitrep.model import DocumentAnalysis, Event
from sitrep.runner import Failed, analyse_many, resolve_analyses
from sitrep.views.goldformat import system_document

ROOT = Path(__file__).resolve().parents[1]
DEV = ROOT.parent / "shared" / "eval" / "dev"
SETS = (
    "events-en-plover-gsr", "whole-en-timebank", "events-es-plover-dev", "whole-es-timebank",
    "events-ar-gsr-dev", "whole-id-kompas",
)
BALANCED = False
ALL_STATUSES = ("reported", "planned", "threatened", "hypothetical", "negated", "denied", "background")


@dataclass
class Doc:
    set_name: str
    gold: dict
    analysis: DocumentAnalysis
    features: list[dict]
    labels: list[str]


def _evidence_spans(gold: dict) -> list[tuple[int, int, str]]:
    text = gold["text"]
    out = []
    for event in gold.get("events") or []:
        start = event.get("start")
        if start is None:
            start = text.find(event.get("evidence") or "\0")
        if start is None or start < 0:
            continue
        end = event.get("end") or start + len(event["evidence"])
        out.append((start, end, str(event["type"]).upper()))
    return out


def label(event: Event, spans: list[tuple[int, int, str]]) -> str:
    """The gold type of the event whose evidence holds the trigger, else NONE."""
    hits = [t for s, e, t in spans if s < event.trigger.end and event.trigger.start < e]
    if not hits:
        return NONE
    return event.type if event.type in hits else hits[0]


def collect(set_name: str, settings: Settings) -> list[Doc]:
    gold = [g for g in load_gold(DEV / f"{set_name}.gold.jsonl") if g.get("text")]
    documents = [_document(g) for g in gold]
    by_id = {g["id"]: g for g in gold}
    out = []
    for result in analyse_many(documents, workers=1, settings=settings):
        if isinstance(result, Failed):
            continue
        g = by_id[result.document.id]
        ctx = DocumentContext(
            text=result.document.text, language=result.language, sentences=result.sentences,
            mentions=result.mentions, timexes=result.timexes, places=result.places, noise=result.noise,
            published=result.document.meta.published,
        )
        parser = Parser.for_language(result.language)
        needed = sorted({e.sentence for e in result.events if e.sentence >= 0})
        if parser is not None and needed:
            parses = parser.parse([(result.sentences[i].start,
                                    result.document.text[result.sentences[i].start:result.sentences[i].end])
                                   for i in needed])
            ctx.parses = dict(zip(needed, parses, strict=True))
        features = context_features(result.events, ctx)
        spans = _evidence_spans(g)
        labels = [label(e, spans) for e in result.events] if "events" in g or g.get("event_types") == [] else None
        if labels is None:
            continue  # a document without event annotation teaches nothing
        out.append(Doc(set_name, g, result, features, labels))
    return out


def fold_of(doc_id: str, folds: int) -> int:
    return int(hashlib.sha1(doc_id.encode()).hexdigest(), 16) % folds


def train(docs: list[Doc], c: float = 1.0) -> tuple[DictVectorizer, LogisticRegression]:
    rows = [f for d in docs for f in d.features]
    labels = [lab for d in docs for lab in d.labels]
    vectorizer = DictVectorizer()
    x = vectorizer.fit_transform(rows)
    model = LogisticRegression(C=c, max_iter=2000, class_weight="balanced" if BALANCED else None)
    model.fit(x, labels)
    return vectorizer, model


def to_classifier(vectorizer: DictVectorizer, model: LogisticRegression, threshold: float,
                  margin: float) -> EventClassifier:
    names = vectorizer.get_feature_names_out()
    coef = model.coef_.T  # features x classes
    if coef.shape[1] == 1:  # binary: sklearn keeps one column
        coef = np.hstack([-coef, coef])
        intercept = [-float(model.intercept_[0]), float(model.intercept_[0])]
    else:
        intercept = [float(v) for v in model.intercept_]
    weights = {}
    for name, row in zip(names, coef, strict=True):
        if np.abs(row).max() >= 1e-3:
            weights[str(name)] = [round(float(v), 4) for v in row]
    return EventClassifier({
        "classes": [str(c) for c in model.classes_], "intercept": [round(v, 4) for v in intercept],
        "weights": weights, "threshold": threshold, "retype_margin": margin,
    })


def apply(doc: Doc, classifier: EventClassifier | None, statuses=("reported",)) -> DocumentAnalysis:
    """The document's analysis with its events re-read by the classifier (None: the lexicon's)."""
    analysis = copy.copy(doc.analysis)
    kept = []
    for event, features in zip(doc.analysis.events, doc.features, strict=True):
        event = copy.deepcopy(event)
        if classifier is not None:
            event = classifier.decide(event, classifier.probabilities(features))
        if event is not None:
            kept.append(event)
    analysis.events = kept
    return analysis


def scores(docs: list[Doc], classifiers: dict[str, EventClassifier | None]) -> dict[str, dict]:
    """Per set, the metrics with each document re-read by the classifier of its fold."""
    out = {}
    for set_name in sorted({d.set_name for d in docs}):
        chosen = [d for d in docs if d.set_name == set_name]
        analyses = [apply(d, classifiers.get(d.gold["id"])) for d in chosen]
        picture = resolve_analyses(analyses)
        system = {a.document.id: system_document(a, picture.entity_of) for a in analyses}
        result = score([d.gold for d in chosen], system)["metrics"]
        out[set_name] = {k: result.get(k) for k in ("events.f1", "events.type_f1", "event_types.weighted_f1")}
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--threshold", type=float, default=0.5, help="drop a candidate when P(no event) exceeds it")
    parser.add_argument("--margin", type=float, default=0.2, help="re-type when another type is this much likelier")
    parser.add_argument("--c", type=float, default=1.0, help="inverse regularisation strength")
    parser.add_argument("--dry-run", action="store_true", help="cross-validate only; write nothing")
    parser.add_argument("--cache", type=Path, help="keep the collected candidates in this file between runs")
    args = parser.parse_args()
    settings = Settings(event_engine="lexicon", event_statuses=ALL_STATUSES)
    started = time.perf_counter()
    docs: list[Doc] = []
    if args.cache and args.cache.exists():
        docs = pickle.loads(args.cache.read_bytes())
    else:
        for set_name in SETS:
            found = collect(set_name, settings)
            docs += found
            counts = Counter(lab for d in found for lab in d.labels)
            print(f"{set_name}: {len(found)} documents, {sum(counts.values())} candidates, "
                  f"{counts[NONE]} without a gold event", file=sys.stderr)
        if args.cache:
            args.cache.write_bytes(pickle.dumps(docs))
    print(f"collected in {time.perf_counter() - started:.0f} s", file=sys.stderr)

    lexicon = scores(docs, {})
    per_doc: dict[str, EventClassifier] = {}
    for fold in range(args.folds):
        train_docs = [d for d in docs if fold_of(d.gold["id"], args.folds) != fold]
        classifier = to_classifier(*train(train_docs, args.c), args.threshold, args.margin)
        for d in docs:
            if fold_of(d.gold["id"], args.folds) == fold:
                per_doc[d.gold["id"]] = classifier
    trained = scores(docs, per_doc)
    print(f"{'set':28} {'metric':26} {'lexicon':>8} {'trained (CV)':>13}")
    for set_name in sorted(lexicon):
        for metric, value in lexicon[set_name].items():
            if value is None:
                continue
            print(f"{set_name:28} {metric:26} {value:8.3f} {trained[set_name][metric]:13.3f}")
    if args.dry_run:
        return
    final = to_classifier(*train(docs, args.c), args.threshold, args.margin)
    path = ROOT / "src" / "sitrep" / "models" / "events.json"
    payload = {
        "classes": final.classes, "intercept": final.intercept, "weights": final.weights,
        "threshold": final.threshold, "retype_margin": final.retype_margin,
        "trained_on": list(SETS), "cross_validated": {"lexicon": lexicon, "trained": trained, "folds": args.folds},
    }
    path.write_text(json.dumps(payload, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    print(f"wrote {path} ({path.stat().st_size / 1e6:.1f} MB, {len(final.weights)} features)", file=sys.stderr)


if __name__ == "__main__":
    main()
