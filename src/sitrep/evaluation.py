"""``sitrep eval``: run the pipeline on a gold file's documents, then score.

The pipeline side lives here; the scorers (``sitrep.evaluate``) only compare the gold
structure with the system's, which :mod:`sitrep.views.goldformat` writes in the same
format. Places with gold spans are also handed to the resolver as given spans, the
Mordecai 3 protocol behind ``places.resolution_acc161``.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from sitrep.config import DEFAULT, Settings
from sitrep.model import Document, Meta
from sitrep.runner import Failed, analyse_many, resolve_analyses, warm_up


def _document(gold: dict[str, Any]) -> Document:
    meta = gold.get("meta") or {}
    return Document(
        id=gold["id"],
        text=gold.get("text") or "",
        meta=Meta(
            url=meta.get("url"), outlet=meta.get("outlet"), published=meta.get("published"),
            language=meta.get("language"), title=meta.get("title"),
        ),
        source=gold["id"],
    )


def evaluate_gold(
    path: Path, *, workers: int = 1, settings: Settings = DEFAULT
) -> tuple[dict[str, Any], float, list[str]]:
    """Scores, documents per second of the whole pipeline, and warnings."""
    from sitrep.analyse.places import resolve_given_spans
    from sitrep.evaluate.gold import load_gold, place_spans
    from sitrep.evaluate.scorers import score
    from sitrep.views.goldformat import system_document

    gold_docs = load_gold(path)
    warnings = list(gold_docs.warnings)
    documents = [_document(g) for g in gold_docs if g.get("text")]
    # one-time loading (gazetteer, per-language resources) is not part of the per-document rate
    warm_up(tuple(sorted({d.meta.language for d in documents if d.meta.language})) or ("en",), settings)
    started = time.perf_counter()
    analyses = []
    for result in analyse_many(documents, workers=workers, settings=settings):
        if isinstance(result, Failed):
            warnings.append(f"{result.source}: {result.reason}")
        else:
            analyses.append(result)
    picture = resolve_analyses(analyses, settings)
    story_of = {article: story for story, articles in picture.stories.items() for article in articles}
    by_id = {g["id"]: g for g in gold_docs}
    system = {}
    for analysis in analyses:
        gold = by_id[analysis.document.id]
        resolved = None
        if gold.get("places") is not None:
            spans = [s for s in place_spans(gold) if s is not None]
            resolved = resolve_given_spans(analysis, spans)
        system[analysis.document.id] = system_document(
            analysis, picture.entity_of, story_of.get(analysis.document.id), resolved,
            canonical_of=picture.canonical_of,
        )
    elapsed = time.perf_counter() - started
    docs_per_second = len(documents) / elapsed if elapsed > 0 else 0.0
    return score(gold_docs, system), docs_per_second, warnings
