"""Turning a :class:`DocumentAnalysis` into table rows and back, losslessly.

The field-to-column mapping is :mod:`sitrep.layout`'s, derived from the
dataclasses: each field has one column, nested spans (an event's trigger, a quote's
speaker and cue) are flattened with a prefix, and list positions become ``idx`` /
``position``.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from typing import Any

from sitrep.layout import from_row, to_row
from sitrep.model import (
    Argument,
    Casualty,
    Document,
    DocumentAnalysis,
    Event,
    Mention,
    Meta,
    NoiseSpan,
    Place,
    Quote,
    Sentence,
    Timex,
)

Row = dict[str, Any]


def article_row(analysis: DocumentAnalysis, ingested_at: str) -> Row:
    doc = analysis.document
    return {
        "id": doc.id, "source": doc.source, "url": doc.meta.url, "outlet": doc.meta.outlet,
        "published": doc.meta.published, "meta_language": doc.meta.language,
        "language": analysis.language, "title": doc.meta.title, "text": doc.text,
        "warnings": json.dumps(analysis.warnings, ensure_ascii=False),
        "ingested_at": ingested_at,
    }


def child_rows(analysis: DocumentAnalysis) -> dict[str, list[Row]]:
    """Rows for every per-article table, keyed by table name, in insertion order."""
    aid = analysis.document.id

    def listed(items: list) -> list[Row]:
        return [{"article_id": aid, "idx": i, **to_row(item)} for i, item in enumerate(items)]

    return {
        "sentences": listed(analysis.sentences),
        "noise": listed(analysis.noise),
        "mentions": listed(analysis.mentions),
        "timexes": listed(analysis.timexes),
        "places": listed(analysis.places),
        "events": listed(analysis.events),
        "event_arguments": [
            {"article_id": aid, "event": i, "role": role, "position": j, **to_row(a)}
            for i, e in enumerate(analysis.events)
            for role, args in (("actor", e.actors), ("target", e.targets))
            for j, a in enumerate(args)
        ],
        "event_casualties": [
            {"article_id": aid, "event": i, "position": j, **to_row(c)}
            for i, e in enumerate(analysis.events)
            for j, c in enumerate(e.casualties)
        ],
        "quotes": listed(analysis.quotes),
    }


def build_analysis(article: Mapping[str, Any], children: Mapping[str, Sequence[Mapping[str, Any]]]
                   ) -> DocumentAnalysis:
    """The analysis of one article from its row and its child rows (each list ordered
    by index; arguments by event, role, position)."""
    meta = Meta(url=article["url"], outlet=article["outlet"], published=article["published"],
                language=article["meta_language"], title=article["title"])
    doc = Document(id=article["id"], text=article["text"], meta=meta, source=article["source"])
    arguments: dict[tuple[int, str], list[Argument]] = {}
    for r in children["event_arguments"]:
        arguments.setdefault((r["event"], r["role"]), []).append(from_row(Argument, r))
    casualties: dict[int, list[Casualty]] = {}
    for r in children.get("event_casualties", ()):
        casualties.setdefault(r["event"], []).append(from_row(Casualty, r))
    return DocumentAnalysis(
        document=doc,
        language=article["language"],
        sentences=[from_row(Sentence, r) for r in children["sentences"]],
        noise=[from_row(NoiseSpan, r) for r in children["noise"]],
        mentions=[from_row(Mention, r) for r in children["mentions"]],
        timexes=[from_row(Timex, r) for r in children["timexes"]],
        places=[from_row(Place, r) for r in children["places"]],
        events=[
            from_row(Event, r, actors=arguments.get((r["idx"], "actor"), []),
                     targets=arguments.get((r["idx"], "target"), []), casualties=casualties.get(r["idx"], []))
            for r in children["events"]
        ],
        quotes=[from_row(Quote, r) for r in children["quotes"]],
        warnings=json.loads(article["warnings"]),
    )
