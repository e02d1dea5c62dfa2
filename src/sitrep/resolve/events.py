"""Canonical events: one record per real-world event, built from its reports as they arrive.

Each reported event of a new article becomes an :class:`~sitrep.resolve.matching.EventReport`
(its participants as corpus-wide entity ids, its place as a GeoNames record, its source
as the outlet of the article's original when the article is a copy or a translation).
Candidates are the canonical events that share a blocking key with it (its type, its
country and a day its date allows; or its type and one of its participants), found in
the store's index, never by a scan. It joins the candidate it is most tied to
(:func:`~sitrep.resolve.matching.compare`), else it starts a canonical event of its own.
The record's fields are reconciled from all its reports and its contradictions listed.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections import Counter
from collections.abc import Mapping

import pycountry

from sitrep.analyse.acled import acled_view
from sitrep.kb import load_kb
from sitrep.model import Casualty, DocumentAnalysis, Event, Quote
from sitrep.resolve.matching import (
    DATE_TOLERANCE,
    INFERRED_TOLERANCE,
    CanonicalEvent,
    Casualties,
    EventReport,
    compare,
    day,
)
from sitrep.store.records import CanonicalEventRecord, ContradictionRecord, EventReportRecord

EPOCH = dt.date(1970, 1, 1)


def report_of(analysis: DocumentAnalysis, index: int, event: Event, entity_of: Mapping[tuple[str, int], str],
              agent_entity: Mapping[str, str], source: str) -> EventReport:
    """One event of an article as a report with corpus-wide ids."""
    doc = analysis.document

    def ids(args) -> tuple[frozenset[str], frozenset[str]]:
        out, named = set(), set()
        for arg in args:
            if arg.mention is not None and (doc.id, arg.mention) in entity_of:
                out.add(entity_of[(doc.id, arg.mention)])
                named.add(entity_of[(doc.id, arg.mention)])
            elif arg.agent and arg.agent in agent_entity:
                out.add(agent_entity[arg.agent])
                if agent_entity[arg.agent].startswith("geo:"):
                    named.add(agent_entity[arg.agent])
        return frozenset(out), frozenset(named)

    actors, named_actors = ids(event.actors)
    sides = frozenset(filter(None, (_side(arg, analysis, entity_of) for arg in event.actors)))
    targets, named_targets = ids(event.targets)
    place = analysis.places[event.place] if event.place is not None else None
    return EventReport(
        article_id=doc.id, event_index=index, source=source, outlet=doc.meta.outlet, language=analysis.language,
        published=(doc.meta.published or "")[:10] or None, type=event.type, subtype=event.subtype,
        date=event.date, date_precision=event.date_precision, date_inferred=event.date_inferred,
        geonameid=place.geonameid if place else None, lat=place.lat if place else None,
        lon=place.lon if place else None, country=place.country_code if place else None,
        admin1=place.admin1 if place else None, place_precision=event.place_precision,
        place_inferred=event.place_inferred, actors=actors, targets=targets, named=named_actors | named_targets,
        casualties=[Casualties(c.kind, c.count, c.qualifier, source, doc.id, _according_to(analysis, c))
                    for c in event.casualties],
        sentence=event.text, sides=sides, acled=_acled(event, analysis.language),
    )


def _acled(event: Event, language: str) -> dict | None:
    view = acled_view(event, language)
    return dataclasses.asdict(view) if view is not None else None


def _according_to(analysis: DocumentAnalysis, casualty: Casualty) -> str | None:
    """Who the article says gave a figure: the speaker of the claim it lies in ("34 were
    killed, the civil defence said"), else of a claim in its sentence."""
    def speaker(quote: Quote) -> str | None:
        if quote.speaker is not None:
            return quote.speaker.text
        return quote.speaker_label

    inside = [q for q in analysis.quotes if q.start <= casualty.start and casualty.end <= q.end]
    same_sentence = [q for q in analysis.quotes if q.sentence == casualty.sentence and casualty.sentence >= 0]
    for quote in inside + same_sentence:
        name = speaker(quote)
        if name:
            return " ".join(name.split())
    return None


def _side(arg, analysis: DocumentAnalysis, entity_of: Mapping[tuple[str, int], str]) -> str | None:
    """An actor's agent code: its own ("SYR REB"), or a known actor's country and sector."""
    if arg.agent and " " in arg.agent:
        return arg.agent
    entity = entity_of.get((analysis.document.id, arg.mention)) if arg.mention is not None else None
    entry = load_kb().entries.get(entity or arg.agent or "")
    if entry is not None and entry.sector and entry.country:
        country = pycountry.countries.get(alpha_2=entry.country)
        return f"{country.alpha_3} {entry.sector}" if country else None
    return None


def block_keys(report: EventReport) -> list[str]:
    """The blocking keys a report is found under: type, country and each day its date allows;
    type and each participant."""
    keys = [f"{report.type}|entity|{e}" for e in sorted(report.actors | report.targets)]
    start = day(report.date)
    if start is not None:
        tolerance = INFERRED_TOLERANCE if report.date_inferred else DATE_TOLERANCE.get(report.date_precision or 3, 31)
        tolerance = min(tolerance, 7)  # a month-wide date is found through its participants
        base = (start - EPOCH).days
        keys += [f"{report.type}|{report.country or '-'}|{d}" for d in range(base - tolerance, base + tolerance + 1)]
    return keys


def report_json(report: EventReport) -> dict:
    """What the store keeps of a report so that later reports can be compared with it."""
    data = dataclasses.asdict(report)
    for key in ("actors", "targets", "named", "sides"):
        data[key] = sorted(data[key])
    return data


def report_from_json(data: Mapping) -> EventReport:
    data = dict(data)
    for key in ("actors", "targets", "named", "sides"):
        data[key] = frozenset(data.get(key) or ())
    data["casualties"] = [Casualties(**c) for c in data.get("casualties") or []]
    return EventReport(**data)


def best_match(report: EventReport, candidates: Mapping[str, list[EventReport]]) -> tuple[str | None, dict]:
    """The canonical event a report joins, and why: the most evidence over its reports,
    with none of its reports incompatible."""
    best: tuple[float, str] | None = None
    reasons: dict = {}
    for canonical_id, reports in sorted(candidates.items()):
        verdicts = [compare(report, other) for other in reports]
        if any(v.clash for v in verdicts):
            continue  # a clash with one of its reports: another event
        if not any(v.same_event for v in verdicts):
            continue
        evidence = max(v.evidence for v in verdicts)
        if best is None or evidence > best[0]:
            best = (evidence, canonical_id)
            reasons = {"evidence": evidence, "reasons": sorted({r for v in verdicts for r in v.reasons})}
    return (best[1] if best else None), reasons


def record_of(event: CanonicalEvent, place_names: Mapping[int, str]) -> tuple[CanonicalEventRecord,
                                                                              list[ContradictionRecord]]:
    """The reconciled record of a canonical event, and its contradictions."""
    dated, placed = event.best_date(), event.best_place()
    contradictions = event.contradictions()
    killed = [c for r in event.reports for c in r.casualties if c.kind == "killed"]
    coded = [r.acled for r in event.reports if r.acled]
    sub_event = Counter(a["sub_event_type"] for a in coded).most_common(1)[0][0] if coded else None
    acled = next((a for a in coded if a["sub_event_type"] == sub_event), None) or {}
    record = CanonicalEventRecord(
        id=event.id, type=event.type, subtype=event.subtype,
        date=dated.date if dated else None, date_precision=dated.date_precision if dated else None,
        geonameid=placed.geonameid if placed else None,
        place_name=place_names.get(placed.geonameid) if placed and placed.geonameid else None,
        lat=placed.lat if placed else None, lon=placed.lon if placed else None,
        country=placed.country if placed else None, admin1=placed.admin1 if placed else None,
        place_precision=placed.place_precision if placed else None,
        actors=event.support("actors"), targets=event.support("targets"),
        fatalities=max((c.count for c in killed), default=None),
        disorder_type=acled.get("disorder_type"), acled_event_type=acled.get("event_type"),
        sub_event_type=sub_event, inter1=acled.get("inter1"), inter2=acled.get("inter2"),
        interaction=acled.get("interaction"),
        civilian_targeting=any(a.get("civilian_targeting") for a in coded),
        notes=(dated or event.reports[0]).sentence or None,
        reports=len(event.reports), sources=len(event.sources), languages=event.languages,
        first_reported=event.first_reported(), last_updated=event.last_updated(),
        contradictions=len(contradictions),
    )
    rows = [
        ContradictionRecord(canonical_id=event.id, position=i, field=c.field, value_a=c.value_a,
                            sources_a=c.sources_a, value_b=c.value_b, sources_b=c.sources_b)
        for i, c in enumerate(contradictions)
    ]
    return record, rows


def report_record(canonical_id: str, report: EventReport, reasons: dict) -> EventReportRecord:
    return EventReportRecord(canonical_id=canonical_id, article_id=report.article_id, event=report.event_index,
                             source=report.source, evidence={"report": report_json(report), "joined": reasons})
