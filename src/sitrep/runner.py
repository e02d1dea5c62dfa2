"""Running the pipeline over many documents: process pool, progress, store, resolution.

``analyse_many`` is the parallel per-document step (pure: documents in, analyses out).
``run_corpus`` is the main job: read sources, analyse what is not stored yet, store it
article by article (a failure loses nothing already stored), then resolve entities and
stories over the whole store. Reading, analysis and storing are streamed: a document is
stored soon after it is read, never after the whole batch has been read, so a reader
that fails late (or a kill) costs only what was still in flight.
"""

from __future__ import annotations

import time
import traceback
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from itertools import islice

from sitrep.analyse.pipeline import analyse, analyse_batch
from sitrep.config import DEFAULT, Settings
from sitrep.model import Document, DocumentAnalysis, Meta

Progress = Callable[[int], None]  # called with the number of documents just finished
BATCH = 16  # documents analysed together: one parser batch for their sentences, one task for a worker
AHEAD = 3  # tasks per worker in flight: enough to keep every worker busy


@dataclass
class Failed:
    source: str
    reason: str


@dataclass
class RunSummary:
    read: int = 0
    stored: int = 0
    already_stored: int = 0
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (source, reason)
    warnings: list[tuple[str, str]] = field(default_factory=list)
    entities: int = 0
    stories: int = 0
    seconds: float = 0.0


def _analyse_safely(document: Document, settings: Settings = DEFAULT) -> DocumentAnalysis | Failed:
    """The analysis, with what reading the document cost (a dropped date) first among its
    warnings; any exception becomes a Failed for this document alone."""
    try:
        analysis = analyse(document, settings=settings)
    except Exception as exc:  # one bad article must not stop the batch
        return _failed(document, exc)
    analysis.warnings[:0] = document.warnings
    return analysis


def _failed(document: Document, exc: Exception) -> Failed:
    detail = traceback.format_exception_only(type(exc), exc)[-1].strip()
    return Failed(document.source or document.id, f"analysis failed: {detail[:300]}")


def warm_up(languages: tuple[str, ...] = ("en",), settings: Settings = DEFAULT) -> None:
    """Load resources once per process (per language), before the first real document."""
    for language in languages:
        analyse(Document(id="warm-up", text="Paris, 1 January 2024.", meta=Meta(language=language)),
                settings=settings)


def _analyse_batch(documents: list[Document], settings: Settings = DEFAULT) -> list[DocumentAnalysis | Failed]:
    """:func:`_analyse_safely` of each document, analysed together (one parser batch)."""
    out: list[DocumentAnalysis | Failed] = []
    for document, result in zip(documents, analyse_batch(documents, settings=settings), strict=True):
        if isinstance(result, Exception):  # one bad article must not stop the batch
            out.append(_failed(document, result))
            continue
        result.warnings[:0] = document.warnings
        out.append(result)
    return out


def _batches(documents: Iterable[Document], size: int) -> Iterator[list[Document]]:
    """Consecutive lists of ``size`` documents (itertools.batched is Python 3.12)."""
    items = iter(documents)
    while batch := list(islice(items, size)):
        yield batch


def analyse_many(
    documents: Iterable[Document], *, workers: int = 1, progress: Progress | None = None,
    settings: Settings = DEFAULT,
) -> Iterator[DocumentAnalysis | Failed]:
    """Analyses in input order; ``workers > 1`` uses a process pool.

    ``documents`` is consumed lazily, ``BATCH`` documents at a time (analysed together,
    see :func:`~sitrep.analyse.pipeline.analyse_batch`); with a pool, ``AHEAD`` such
    tasks per worker are in flight, so a caller can store each analysis before the rest
    is read.
    """
    if workers <= 1:
        for batch in _batches(documents, BATCH):
            for result in _analyse_batch(batch, settings):
                yield result
                if progress:
                    progress(1)
        return
    with ProcessPoolExecutor(max_workers=workers, initializer=warm_up, initargs=(("en",), settings)) as pool:
        pending: deque[Future[list[DocumentAnalysis | Failed]]] = deque()
        for batch in _batches(documents, BATCH):
            pending.append(pool.submit(_analyse_batch, batch, settings))
            if len(pending) >= workers * AHEAD:
                yield from _done(pending.popleft(), progress)
        while pending:
            yield from _done(pending.popleft(), progress)


def _done(task: Future[list[DocumentAnalysis | Failed]], progress: Progress | None
          ) -> Iterator[DocumentAnalysis | Failed]:
    for result in task.result():
        yield result
        if progress:
            progress(1)


@dataclass
class CorpusPicture:
    """What the corpus stage derives from a set of analyses."""

    entity_of: dict[tuple[str, int], str]  # (article id, mention index) -> entity id
    stories: dict[str, list[str]]  # story id -> article ids
    canonical_of: dict[tuple[str, int], str] = field(default_factory=dict)  # (article, event) -> canonical id


def resolve_analyses(analyses: Sequence[DocumentAnalysis], settings: Settings = DEFAULT) -> CorpusPicture:
    """The corpus picture of analyses that are not stored: they go through the same
    incremental corpus stage as an ingest, in a throwaway SQLite store, in order."""
    import tempfile
    from pathlib import Path

    from sqlalchemy import select

    from sitrep.resolve.corpus import update_corpus
    from sitrep.store import Store
    from sitrep.store.schema import event_reports, mentions, story_articles

    with tempfile.TemporaryDirectory(prefix="sitrep-") as folder:
        with Store.open(Path(folder) / "corpus.db") as store:
            for analysis in analyses:
                store.save_analysis(analysis)
            update_corpus(store, settings)
            with store.engine.connect() as conn:
                entity_of = {(a, i): e for a, i, e in conn.execute(
                    select(mentions.c.article_id, mentions.c.idx, mentions.c.entity_id)
                    .where(mentions.c.entity_id.is_not(None)))}
                grouped: dict[str, list[str]] = {}
                for story, article in conn.execute(select(story_articles.c.story_id, story_articles.c.article_id)):
                    grouped.setdefault(story, []).append(article)
                canonical = {(a, e): c for a, e, c in conn.execute(
                    select(event_reports.c.article_id, event_reports.c.event, event_reports.c.canonical_id))}
    return CorpusPicture(entity_of, {k: sorted(v) for k, v in grouped.items()}, canonical)


def resolve_corpus(store, settings: Settings = DEFAULT) -> tuple[int, int]:
    """Take the stored articles not yet resolved into the corpus picture (incrementally);
    returns how many entities and stories the store holds."""
    from sitrep.resolve.corpus import update_corpus

    summary = update_corpus(store, settings)
    store.prune_entities(summary.written)
    return store.count_entities(), store.count_stories()


def _new_documents(sources: Iterable[Document | object], store, summary: RunSummary) -> Iterator[Document]:
    """The documents of ``sources`` not stored yet, read lazily; skips and repeats are
    counted in ``summary``. A source iterator that raises ends the reading (with a note),
    not the run: what was read before it is still analysed and stored."""
    items = iter(sources)
    while True:
        try:
            item = next(items)
        except StopIteration:
            return
        except Exception as exc:
            detail = traceback.format_exception_only(type(exc), exc)[-1].strip()
            summary.skipped.append(("(input)", f"reading stopped: {detail[:300]}"))
            return
        if not isinstance(item, Document):
            summary.skipped.append((getattr(item, "source", "?"), getattr(item, "reason", "?")))
            continue
        summary.read += 1
        if store.has_article(item.id):
            summary.already_stored += 1
        else:
            yield item


def run_corpus(
    sources: Iterable[Document | object],
    store,
    *,
    workers: int = 1,
    progress_factory: Callable[[int | None], Progress] | None = None,
    settings: Settings = DEFAULT,
) -> RunSummary:
    """The main job over sources (Documents and Skipped records), streamed: each document
    is analysed and stored as it comes, so the progress total is not known (None)."""
    started = time.perf_counter()
    summary = RunSummary()
    progress = progress_factory(None) if progress_factory else None
    todo = _new_documents(sources, store, summary)
    for result in analyse_many(todo, workers=workers, progress=progress, settings=settings):
        if isinstance(result, Failed):
            summary.skipped.append((result.source, result.reason))
            continue
        try:
            if store.save_analysis(result):
                summary.stored += 1
            else:
                summary.already_stored += 1
        except Exception as exc:  # keep what is stored; report the article
            summary.skipped.append((result.document.source, f"could not be stored: {exc}"))
            continue
        for warning in result.warnings:
            summary.warnings.append((result.document.source or result.document.id, warning))
    summary.entities, summary.stories = resolve_corpus(store, settings)
    summary.seconds = time.perf_counter() - started
    return summary
