"""Turning a :class:`DocumentAnalysis` into table rows and back, losslessly.

Kept apart from the SQL so that the mapping can be read in one place: each dataclass
field has one column, nested spans (an event's trigger, a quote's speaker and cue)
are flattened with a prefix, and list positions become ``idx`` / ``position``.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from typing import Any

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
    Span,
    Timex,
)

Row = dict[str, Any]

_SPAN_FIELDS = ("start", "end", "text", "sentence")


def _span(span: Span | None, prefix: str = "") -> Row:
    if span is None:
        return {f"{prefix}{f}": None for f in _SPAN_FIELDS}
    return {f"{prefix}{f}": getattr(span, f) for f in _SPAN_FIELDS}


def _span_kwargs(row: Mapping[str, Any], prefix: str = "") -> Row:
    return {f: row[f"{prefix}{f}"] for f in _SPAN_FIELDS}


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
    rows: dict[str, list[Row]] = {
        "sentences": [
            {"article_id": aid, "idx": i, "start": s.start, "end": s.end}
            for i, s in enumerate(analysis.sentences)
        ],
        "noise": [
            {"article_id": aid, "idx": i, **_span(n), "reason": n.reason}
            for i, n in enumerate(analysis.noise)
        ],
        "mentions": [
            {"article_id": aid, "idx": i, **_span(m), "label": m.label, "source": m.source,
             "key": m.key, "cluster": m.cluster, "kb_id": m.kb_id}
            for i, m in enumerate(analysis.mentions)
        ],
        "timexes": [
            {"article_id": aid, "idx": i, **_span(t), "type": t.type, "value": t.value,
             "mod": t.mod, "anchor": t.anchor, "precision": t.precision}
            for i, t in enumerate(analysis.timexes)
        ],
        "places": [
            {"article_id": aid, "idx": i, **_span(p), "geonameid": p.geonameid, "name": p.name,
             "kind": p.kind, "feature_class": p.feature_class, "feature_code": p.feature_code,
             "country_code": p.country_code, "admin1": p.admin1, "lat": p.lat, "lon": p.lon,
             "precision": p.precision, "score": p.score}
            for i, p in enumerate(analysis.places)
        ],
        "events": [
            {"article_id": aid, "idx": i, **_span(e), "type": e.type, "subtype": e.subtype,
             **_span(e.trigger, "trigger_"), "status": e.status, "date": e.date,
             "date_precision": e.date_precision, "date_inferred": e.date_inferred, "timex": e.timex,
             "place": e.place, "place_precision": e.place_precision, "place_inferred": e.place_inferred,
             "place_relation": e.place_relation, "confidence": e.confidence}
            for i, e in enumerate(analysis.events)
        ],
        "event_casualties": [
            {"article_id": aid, "event": i, "position": j, **_span(c), "kind": c.kind,
             "count": c.count, "qualifier": c.qualifier}
            for i, e in enumerate(analysis.events)
            for j, c in enumerate(e.casualties)
        ],
        "event_arguments": [
            {"article_id": aid, "event": i, "role": role, "position": j, **_span(a),
             "mention": a.mention, "nominal": a.nominal, "agent": a.agent}
            for i, e in enumerate(analysis.events)
            for role, args in (("actor", e.actors), ("target", e.targets))
            for j, a in enumerate(args)
        ],
        "quotes": [_quote_row(aid, i, q) for i, q in enumerate(analysis.quotes)],
    }
    return rows


def _quote_row(aid: str, i: int, q: Quote) -> Row:
    speaker = q.speaker
    return {
        "article_id": aid, "idx": i, **_span(q), "kind": q.kind,
        **_span(speaker, "speaker_"),
        "speaker_mention": speaker.mention if speaker else None,
        "speaker_nominal": speaker.nominal if speaker else None,
        "speaker_agent": speaker.agent if speaker else None,
        "speaker_label": q.speaker_label, **_span(q.cue, "cue_"),
    }


def build_analysis(article: Mapping[str, Any], children: Mapping[str, Sequence[Mapping[str, Any]]]
                   ) -> DocumentAnalysis:
    """The analysis of one article from its row and its child rows (each list ordered
    by index; arguments by event, role, position)."""
    meta = Meta(url=article["url"], outlet=article["outlet"], published=article["published"],
                language=article["meta_language"], title=article["title"])
    doc = Document(id=article["id"], text=article["text"], meta=meta, source=article["source"])
    actors: dict[int, list[Argument]] = {}
    targets: dict[int, list[Argument]] = {}
    casualties: dict[int, list[Casualty]] = {}
    for r in children.get("event_casualties", ()):
        casualties.setdefault(r["event"], []).append(
            Casualty(**_span_kwargs(r), kind=r["kind"], count=r["count"], qualifier=r["qualifier"])
        )
    for r in children["event_arguments"]:
        arg = Argument(**_span_kwargs(r), mention=r["mention"], nominal=bool(r["nominal"]),
                       agent=r["agent"])
        (actors if r["role"] == "actor" else targets).setdefault(r["event"], []).append(arg)
    return DocumentAnalysis(
        document=doc,
        language=article["language"],
        sentences=[Sentence(start=r["start"], end=r["end"]) for r in children["sentences"]],
        noise=[NoiseSpan(**_span_kwargs(r), reason=r["reason"]) for r in children["noise"]],
        mentions=[
            Mention(**_span_kwargs(r), label=r["label"], source=r["source"], key=r["key"],
                    cluster=r["cluster"], kb_id=r["kb_id"])
            for r in children["mentions"]
        ],
        timexes=[
            Timex(**_span_kwargs(r), type=r["type"], value=r["value"], mod=r["mod"],
                  anchor=r["anchor"], precision=r["precision"])
            for r in children["timexes"]
        ],
        places=[
            Place(**_span_kwargs(r), geonameid=r["geonameid"], name=r["name"], kind=r["kind"],
                  feature_class=r["feature_class"], feature_code=r["feature_code"],
                  country_code=r["country_code"], admin1=r["admin1"], lat=r["lat"],
                  lon=r["lon"], precision=r["precision"], score=r["score"])
            for r in children["places"]
        ],
        events=[
            Event(**_span_kwargs(r), type=r["type"], subtype=r["subtype"],
                  trigger=Span(**_span_kwargs(r, "trigger_")),
                  actors=actors.get(r["idx"], []), targets=targets.get(r["idx"], []),
                  status=r["status"], date=r["date"], date_precision=r["date_precision"],
                  date_inferred=bool(r["date_inferred"]), timex=r["timex"], place=r["place"],
                  place_precision=r["place_precision"], place_inferred=bool(r["place_inferred"]),
                  place_relation=r["place_relation"], casualties=casualties.get(r["idx"], []),
                  confidence=r["confidence"])
            for r in children["events"]
        ],
        quotes=[_build_quote(r) for r in children["quotes"]],
        warnings=json.loads(article["warnings"]),
    )


def _build_quote(r: Mapping[str, Any]) -> Quote:
    speaker = None
    if r["speaker_start"] is not None:
        speaker = Argument(**_span_kwargs(r, "speaker_"), mention=r["speaker_mention"],
                           nominal=bool(r["speaker_nominal"]), agent=r["speaker_agent"])
    cue = Span(**_span_kwargs(r, "cue_")) if r["cue_start"] is not None else None
    return Quote(**_span_kwargs(r), kind=r["kind"], speaker=speaker,
                 speaker_label=r["speaker_label"], cue=cue)
