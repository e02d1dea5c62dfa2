"""Training a CRF tagger from IOB2 sentences (used by ``scripts/train_ner.py`` and tests).

Kept in the package, beside the feature code, so that training and tagging can never
disagree about the features.
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import pycrfsuite

from sitrep.ner.features import sentence_features
from sitrep.ner.gazetteer import kb_gazetteer, name_index
from sitrep.ner.iob import Sentence
from sitrep.ner.lexicons import WordClasses

DEFAULT_PARAMS: dict[str, Any] = {
    "c1": 0.1,  # L1: drops most features, which keeps the model small
    "c2": 0.01,
    "max_iterations": 100,
    "feature.minfreq": 1,
    "feature.possible_transitions": True,
}


def drop_label(tags: list[str], label: str) -> list[str]:
    """``tags`` with every ``label`` entity turned into ``O``."""
    return ["O" if t[2:] == label else t for t in tags]


def train(
    sentences: Iterable[Sentence],
    path: str | Path,
    *,
    params: dict[str, Any] | None = None,
    gazetteer: bool = False,
    lexicons: tuple[str, ...] = (),
    config: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """Train a CRF on ``sentences``, write ``path`` (``.crfsuite``) and its ``.json`` sidecar.

    Returns the sidecar's content: ``config`` plus the parameters and training figures.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    trainer = pycrfsuite.Trainer(verbose=False)
    gaz = kb_gazetteer() if gazetteer else None
    classes = WordClasses(lexicons) if lexicons else None
    n_sent = n_tok = 0
    started = time.perf_counter()
    for tokens, tags in sentences:
        trainer.append(sentence_features(tokens, gaz, classes), tags)
        n_sent += 1
        n_tok += len(tokens)
    used = {**DEFAULT_PARAMS, **(params or {})}
    trainer.set_params(used)
    trainer.train(str(path))
    info = trainer.logparser.last_iteration or {}
    meta = {
        **(config or {}),
        "gazetteer": gazetteer,
        "gazetteer_names": len(name_index()) if gazetteer else 0,
        "lexicons": list(lexicons),
        "params": used,
        "train_sentences": n_sent,
        "train_tokens": n_tok,
        "train_seconds": round(time.perf_counter() - started, 1),
        "iterations": info.get("num", None),
        "active_features": info.get("active_features", None),
        "size_bytes": path.stat().st_size,
    }
    path.with_suffix(".json").write_text(json.dumps(meta, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    return meta
