"""Train the trained engine's event classifiers, one per language, and score them by cross-validation.

Reads the annotated event sets (``../shared/eval/dev``: PLOVER GSR and the whole-picture
sets in English, the Spanish PLOVER set and whole-picture set, the Arabic GSR, the
Indonesian whole-picture set), runs the lexicon engine over every document, and labels
each candidate event with the type of the gold event whose evidence holds its trigger, or
NONE. Then, per language, by 5-fold cross-validation over documents (folds fixed by a hash
of the document id), it trains a multinomial logistic regression on four folds, re-reads
the fifth fold's candidates with it, and scores each set with sitrep's own scorer: the
figures it prints for the trained engine are on documents the model did not see.

A language's model is shipped only where cross-validation shows it beats the lexicon on
that language's sets (the mean of each set's headline metric: ``event_types.weighted_f1``
for the classification sets, ``events.f1`` for the whole-picture sets, by at least
``--min-gain``); for the others the trained engine keeps the lexicon's events. Finally it
trains each shipped language on all its documents and writes
``src/sitrep/models/events.json`` and the model card ``models/EVENTS.md``.

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

import sitrep
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
HEADLINE = {"events-en-plover-gsr": "event_types.weighted_f1", "events-es-plover-dev": "event_types.weighted_f1",
            "events-ar-gsr-dev": "event_types.weighted_f1"}  # the whole-picture sets: events.f1
LICENCES = {
    "events-en-plover-gsr": "PLOVER gold standard records, CC BY-SA 4.0 (Open Event Data Alliance)",
    "events-es-plover-dev": "Spanish PLOVER dev set (see ../shared/eval/dev/README.md for its source and terms)",
    "events-ar-gsr-dev": "openeventdata/arabic_event_gsr, MIT (Open Event Data Alliance)",
    "whole-en-timebank": "TimeBank/AQUAINT texts (LDC) annotated for this project: research use",
    "whole-es-timebank": "Spanish TimeBank texts (LDC) annotated for this project: research use",
    "whole-id-kompas": "kompas.com texts from IndoTimex annotated for this project: research use",
}
BALANCED = True  # NONE outnumbers every type; unweighted, the model drops nearly everything
ALL_STATUSES = ("reported", "planned", "threatened", "hypothetical", "negated", "denied", "background")


@dataclass
class Doc:
    set_name: str
    gold: dict
    analysis: DocumentAnalysis
    features: list[dict]
    labels: list[str | None]  # None: not annotated for the candidate's type


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


def annotated_types(gold: dict) -> set[str] | None:
    """The PLOVER types a document was annotated for (None: all). Each file of the Arabic
    GSR was coded for one type only: [] on a sentence of the assault file says "no
    ASSAULT", not "no event", so its other candidates teach nothing."""
    for prefix, plover in (("ar-gsr-assault/", "ASSAULT"), ("ar-gsr-protest/", "PROTEST")):
        if gold["id"].startswith(prefix):
            return {plover}
    return None


def label(event: Event, spans: list[tuple[int, int, str]], types: set[str] | None = None) -> str | None:
    """The gold type of the event whose evidence holds the trigger, else NONE; None (not a
    training example) where the candidate is not reported or the document was not
    annotated for its type."""
    if (types is not None and event.type not in types) or event.status != "reported":
        return None  # the engine judges reported events only (EventClassifier.reads)
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
        types = annotated_types(g)
        if "events" not in g and g.get("event_types") != []:
            continue  # a document without event annotation teaches nothing
        labels = [label(e, spans, types) for e in result.events]
        out.append(Doc(set_name, g, result, features, labels))
    return out


def fold_of(doc_id: str, folds: int) -> int:
    return int(hashlib.sha1(doc_id.encode()).hexdigest(), 16) % folds


def train(docs: list[Doc], c: float = 1.0) -> tuple[DictVectorizer, LogisticRegression]:
    pairs = [(f, lab) for d in docs for f, lab in zip(d.features, d.labels, strict=True) if lab is not None]
    rows = [f for f, _ in pairs]
    labels = [lab for _, lab in pairs]
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


def apply(doc: Doc, classifier: EventClassifier | None) -> DocumentAnalysis:
    """The document's analysis with its events re-read by the classifier (None: the lexicon's)."""
    analysis = copy.copy(doc.analysis)
    kept = []
    for event, features in zip(doc.analysis.events, doc.features, strict=True):
        event = copy.deepcopy(event)
        if classifier is not None and classifier.reads(event):  # as TrainedEngine.extract
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


def language_of(set_name: str) -> str:
    return set_name.split("-")[1]


def headline(set_name: str, metrics: dict) -> float:
    return metrics[HEADLINE.get(set_name, "events.f1")] or 0.0


def cross_validate(docs: list[Doc], folds: int, c: float, threshold: float, margin: float) -> dict[str, dict]:
    per_doc: dict[str, EventClassifier] = {}
    for fold in range(folds):
        train_docs = [d for d in docs if fold_of(d.gold["id"], folds) != fold]
        classifier = to_classifier(*train(train_docs, c), threshold, margin)
        for d in docs:
            if fold_of(d.gold["id"], folds) == fold:
                per_doc[d.gold["id"]] = classifier
    return scores(docs, per_doc)


def model_card(args: argparse.Namespace, lexicon: dict, trained: dict, shipped: dict[str, EventClassifier],
               counts: dict[str, Counter]) -> str:
    lines = [
        "# Event classifiers of the trained engine (model card)",
        "",
        "Made by `scripts/train_events.py` (regenerates this file; sitrep "
        f"{sitrep.__version__}). One multinomial logistic regression per language over the features of",
        "`analyse/events/features.py`, re-reading the lexicon engine's candidate events: a candidate",
        f"is dropped when P(no event) > {args.threshold}; re-typed when another type is likelier by more than",
        f"{args.margin} (so never, at 1.0). Class weights balanced, C = {args.c}, {args.folds}-fold cross-validation",
        "over documents (folds by a hash of the document id).",
        "",
        "A language's model is shipped only where the cross-validated figures beat the lexicon's",
        f"(mean headline metric over its sets, gain ≥ {args.min_gain}) and it learnt from at least "
        f"{args.min_candidates} candidates. Shipped: "
        + (", ".join(sorted(shipped)) or "none") + ". Other languages keep the lexicon's events.",
        "",
        "The trained engine is **opt-in** (`sitrep run|ingest|eval --event-engine trained`, or",
        "`Settings(event_engine=\"trained\")`); the lexicon engine stays the default. The reason: the",
        "Arabic model raises the Arabic GSR's figures below, but it learnt that set's priors more",
        "than the signs of a real report (Arabic has no shipped parser, so its features are mostly",
        "the trigger, its neighbours and what the rules found). Run over the project's written",
        "Arabic test sentences it drops two clear reports (rebels who attacked a barracks, as told",
        "by a ministry; a mass march against high prices) while it keeps \"concern over rising",
        "kidnappings\". Use it on wire text like the GSR's, where its cross-validated gain holds.",
        "It judges reported events of the types it learnt only: other types, and events the frame",
        "calls planned, threatened, hypothetical, negated, denied or background, pass unread.",
        "",
        "## Cross-validated figures (documents the model did not see)",
        "",
        "| set | candidates (no gold event) | metric | lexicon | trained (CV) |",
        "|---|---|---|---|---|",
    ]
    for set_name in sorted(lexicon):
        n = counts[set_name]
        for metric, value in lexicon[set_name].items():
            if value is None:
                continue
            lines.append(f"| {set_name} | {sum(n.values())} ({n[NONE]}) | `{metric}` | {value:.3f} | "
                         f"{trained[set_name][metric]:.3f} |")
    lines += ["", "## Training data and licences", ""]
    for set_name in SETS:
        if language_of(set_name) in shipped:
            lines.append(f"- `{set_name}`: {LICENCES[set_name]}.")
    lines += ["", "The seeds are never trained on. Reproduce: `.venv/bin/python scripts/train_events.py`.", ""]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--threshold", type=float, default=0.6, help="drop a candidate when P(no event) exceeds it")
    parser.add_argument("--margin", type=float, default=1.0,
                        help="re-type when another type is this much likelier (1.0: never; re-typing did not pay)")
    parser.add_argument("--c", type=float, default=0.1, help="inverse regularisation strength")
    parser.add_argument("--min-gain", type=float, default=0.01, help="ship a language's model only above this CV gain")
    parser.add_argument("--min-candidates", type=int, default=200,
                        help="ship a language's model only when it learnt from this many candidates (fewer: noise)")
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
            docs += collect(set_name, settings)
        if args.cache:
            args.cache.write_bytes(pickle.dumps(docs))
    counts = {s: Counter(lab for d in docs if d.set_name == s for lab in d.labels if lab is not None) for s in SETS}
    for set_name, n in counts.items():
        print(f"{set_name}: {sum(n.values())} candidates, {n[NONE]} without a gold event", file=sys.stderr)
    print(f"collected in {time.perf_counter() - started:.0f} s", file=sys.stderr)

    lexicon = scores(docs, {})
    trained: dict[str, dict] = {}
    shipped: dict[str, EventClassifier] = {}
    print(f"{'set':28} {'metric':26} {'lexicon':>8} {'trained (CV)':>13}")
    for language in sorted({language_of(s) for s in SETS}):
        chosen = [d for d in docs if language_of(d.set_name) == language]
        result = cross_validate(chosen, args.folds, args.c, args.threshold, args.margin)
        trained.update(result)
        gain = sum(headline(s, result[s]) - headline(s, lexicon[s]) for s in result) / len(result)
        for set_name in sorted(result):
            for metric, value in lexicon[set_name].items():
                if value is not None:
                    print(f"{set_name:28} {metric:26} {value:8.3f} {result[set_name][metric]:13.3f}")
        enough = sum(lab is not None for d in chosen for lab in d.labels) >= args.min_candidates
        ship = gain >= args.min_gain and enough
        print(f"{language}: mean headline gain {gain:+.3f}{'' if enough else ', too few candidates'}"
              f" -> {'ship' if ship else 'lexicon'}")
        if ship:
            shipped[language] = to_classifier(*train(chosen, args.c), args.threshold, args.margin)
    if args.dry_run:
        return
    path = ROOT / "src" / "sitrep" / "models" / "events.json"
    payload = {
        "languages": {lang: model.to_json() for lang, model in sorted(shipped.items())},
        "trained_on": {lang: [s for s in SETS if language_of(s) == lang] for lang in sorted(shipped)},
        "cross_validated": {"lexicon": lexicon, "trained": trained, "folds": args.folds},
    }
    path.write_text(json.dumps(payload, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    card = ROOT / "src" / "sitrep" / "models" / "EVENTS.md"
    card.write_text(model_card(args, lexicon, trained, shipped, counts), encoding="utf-8")
    print(f"wrote {path} ({path.stat().st_size / 1e6:.2f} MB) and {card}", file=sys.stderr)


if __name__ == "__main__":
    main()
