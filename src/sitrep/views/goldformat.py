"""The system's picture of a document in the gold format of ../shared/eval/SCHEMA.md.

This is the one place that knows both the domain types and the evaluation format, so the
scorers stay independent of the pipeline: they compare two structures of the same shape.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sitrep import names
from sitrep.model import Argument, DocumentAnalysis, Place
from sitrep.resolve.entities import agent_entity_id


def _nominal_id(arg: Argument) -> str:
    """Unnamed actors: the entity of their agent code (as the store has it), else their words."""
    return agent_entity_id(arg.agent) if arg.agent else "nominal:" + names.normalise(arg.text)


class _DocEntities:
    """Collects the entities of one document, named and nominal, as gold-format items."""

    def __init__(self, analysis: DocumentAnalysis, entity_of: Mapping[tuple[str, int], str]) -> None:
        self.analysis = analysis
        self.entity_of = entity_of
        self.items: dict[str, dict[str, Any]] = {}
        for index, mention in enumerate(analysis.mentions):
            entity_id = self.mention_entity(index)
            self._add(entity_id, mention.label, mention.text, mention.start, mention.end, False)

    def mention_entity(self, index: int) -> str:
        doc_id = self.analysis.document.id
        mention = self.analysis.mentions[index]
        return self.entity_of.get((doc_id, index)) or f"{doc_id}#{mention.cluster}"

    def _add(self, entity_id: str, label: str, text: str, start: int, end: int, nominal: bool) -> None:
        item = self.items.setdefault(
            entity_id,
            {"id": entity_id, "type": label, "name": text, "mentions": [], "spans": [], "nominal": nominal},
        )
        if text not in item["mentions"]:
            item["mentions"].append(text)
        if [start, end] not in item["spans"]:
            item["spans"].append([start, end])

    def argument(self, arg: Argument | None) -> str | None:
        if arg is None:
            return None
        if arg.mention is not None and 0 <= arg.mention < len(self.analysis.mentions):
            return self.mention_entity(arg.mention)
        entity_id = _nominal_id(arg)
        self._add(entity_id, "ORG", arg.text, arg.start, arg.end, True)
        return entity_id

    def place(self, place: Place) -> str:
        for index, mention in enumerate(self.analysis.mentions):
            if mention.start < place.end and place.start < mention.end:
                return self.mention_entity(index)
        return f"geo:{place.geonameid}" if place.geonameid else f"place:{names.normalise(place.text)}"


def _place_item(place: Place) -> dict[str, Any]:
    return {
        "mention": place.text, "start": place.start, "end": place.end, "lat": place.lat,
        "lon": place.lon, "country": place.country_code, "geonameid": place.geonameid, "kind": place.kind,
    }


def system_document(
    analysis: DocumentAnalysis,
    entity_of: Mapping[tuple[str, int], str],
    story: str | None = None,
    resolved_places: list[Place | None] | None = None,
    statuses: tuple[str, ...] = ("reported",),
    canonical_of: Mapping[tuple[str, int], str] | None = None,
) -> dict[str, Any]:
    """One document's analysis (plus corpus-level ids) as a gold-format dict. Only events
    of the given statuses count (the gold annotates what the text reports as happening)."""
    from sitrep.analyse.acled import document_event_types

    entities = _DocEntities(analysis, entity_of)
    counted = [(i, event) for i, event in enumerate(analysis.events) if event.status in statuses]
    events = []
    for index, event in counted:
        place = analysis.places[event.place] if event.place is not None else None
        events.append({
            "type": event.type, "subtype": event.subtype, "date": event.date,
            "place": entities.place(place) if place else None,
            "place_geo": {"lat": place.lat, "lon": place.lon, "country": place.country_code} if place else None,
            "actors": [a for a in map(entities.argument, event.actors) if a],
            "targets": [t for t in map(entities.argument, event.targets) if t],
            "evidence": event.text, "start": event.start, "end": event.end,
            "id": (canonical_of or {}).get((analysis.document.id, index)),
        })
    quotes = [
        {
            "speaker": entities.argument(q.speaker), "speaker_label": q.speaker_label,
            "evidence": q.text, "start": q.start, "end": q.end,
        }
        for q in analysis.quotes
    ]
    out: dict[str, Any] = {
        "id": analysis.document.id,
        "entities": list(entities.items.values()),
        "timexes": [
            {"text": t.text, "start": t.start, "end": t.end, "value": t.value, "type": t.type, "mod": t.mod}
            for t in analysis.timexes
        ],
        "places": [_place_item(p) for p in analysis.places],
        "events": events,
        "event_types": document_event_types([e for _, e in counted], analysis.language, analysis.document.text),
        "quotes": quotes,
        "story": story,
    }
    if resolved_places is not None:
        out["resolved_places"] = [_place_item(p) for p in resolved_places if p is not None]
    return out
