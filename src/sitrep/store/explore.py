"""Filtered, paged reads of canonical events for the explorer (``sitrep serve``).

The views of :mod:`sitrep.store.queries` read a whole story or the whole store, which the
CLI and the briefing want. The explorer asks many small questions of a store that may hold
100,000 events ("ASSAULTs in Sudan since Monday, page 3", "counts per day and type"), so
every filter here becomes SQL and only one page, or one aggregate, leaves the database.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from dataclasses import dataclass, fields
from typing import Any

from sqlalchemy import Connection, and_, cast, func, literal, literal_column, or_, select, true
from sqlalchemy.dialects.postgresql import JSONB

from sitrep.store import dialect
from sitrep.store.queries import _entity_names, canonical_event_detail
from sitrep.store.schema import articles, canonical_events, entities, event_reports, sentences, story_articles

Row = dict[str, Any]
MAX_PAGE = 1000
SEARCH_ARTICLES = 2000  # articles a full-text filter looks at, best matches first
GRAPH_EDGES = 150
MAP_POINTS = 1500  # up to this many events the map gets each one; beyond, grid cells

ce = canonical_events


@dataclass(frozen=True)
class EventFilter:
    """What the explorer's filter bar says; every field optional, all of them combined."""

    since: str | None = None  # ISO date (or prefix), inclusive
    until: str | None = None  # ISO date (or prefix), inclusive
    types: tuple[str, ...] = ()  # PLOVER types
    countries: tuple[str, ...] = ()  # ISO 3166-1 alpha-2
    actor: str | None = None  # an entity id or agent code, as actor or target
    story: str | None = None
    language: str | None = None  # a language some report is in
    min_sources: int = 1
    bbox: tuple[float, float, float, float] | None = None  # west, south, east, north
    q: str | None = None  # words every matching article contains
    contradictions: bool = False

    def as_dict(self) -> Row:
        return {f.name: getattr(self, f.name) for f in fields(self)}


def _day() -> Any:
    """The day an event counts for: its date, else the day it was first reported. Literal
    numbers, not bound parameters, so that PostgreSQL matches the expression where a query
    both selects and groups by it."""
    return func.coalesce(ce.c.date, func.substr(ce.c.first_reported, literal_column("1"), literal_column("10")))


def _like_json_string(column: Any, value: str) -> Any:
    """``column`` (a JSON list or object stored as text) holds the string ``value``: its
    JSON spelling, quotes included, with LIKE's wildcards escaped."""
    quoted = json.dumps(value, ensure_ascii=False)
    escaped = quoted.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return column.like(f"%{escaped}%", escape="\\")


def _conditions(conn: Connection, f: EventFilter) -> list[Any]:
    where: list[Any] = []
    if f.min_sources > 1:
        where.append(ce.c.sources >= f.min_sources)
    if f.since:
        where.append(_day() >= f.since)
    if f.until:
        where.append(_day() <= f.until + "\uffff")  # "2024-12" as until keeps all of December
    if f.types:
        where.append(ce.c.type.in_(f.types))
    if f.countries:
        where.append(ce.c.country.in_(f.countries))
    if f.actor:
        where.append(or_(_like_json_string(ce.c.actors, f.actor), _like_json_string(ce.c.targets, f.actor)))
    if f.language:
        where.append(_like_json_string(ce.c.languages, f.language))
    if f.contradictions:
        where.append(ce.c.contradictions > 0)
    if f.bbox:
        west, south, east, north = f.bbox
        where.append(and_(ce.c.lat >= south, ce.c.lat <= north))
        if west <= east:
            where.append(and_(ce.c.lon >= west, ce.c.lon <= east))
        else:  # the box crosses the antimeridian
            where.append(or_(ce.c.lon >= west, ce.c.lon <= east))
    in_articles = None
    if f.story:
        in_articles = select(story_articles.c.article_id).where(story_articles.c.story_id == f.story)
    if f.q:
        found = [article_id for article_id, _, _ in dialect.search(conn, f.q, SEARCH_ARTICLES)]
        matching = select(articles.c.id).where(articles.c.id.in_(found or [""]))
        in_articles = matching if in_articles is None else matching.where(articles.c.id.in_(in_articles))
    if in_articles is not None:
        where.append(ce.c.id.in_(select(event_reports.c.canonical_id).where(
            event_reports.c.article_id.in_(in_articles))))
    return where


def _summary(r: Any, names: dict[str, str]) -> Row:
    """A listing row: what the map, the lists and the timeline need, no reports."""
    def parties(raw: Any) -> list[Row]:
        items = json.loads(raw) if isinstance(raw, str) else (raw or {})
        return [{"id": e, "name": names.get(e) or e.removeprefix("actor:"), "sources": n} for e, n in items.items()]

    languages = r.languages
    return {
        "id": r.id, "type": r.type, "subtype": r.subtype, "date": r.date, "date_precision": r.date_precision,
        "place_name": r.place_name, "country": r.country, "admin1": r.admin1, "lat": r.lat, "lon": r.lon,
        "actors": parties(r.actors), "targets": parties(r.targets), "fatalities": r.fatalities,
        "sources": r.sources, "reports": r.reports,
        "languages": json.loads(languages) if isinstance(languages, str) else (languages or []),
        "first_reported": r.first_reported, "last_updated": r.last_updated, "contradictions": r.contradictions,
        "notes": r.notes,
    }


def _party_ids(rows: list[Any]) -> set[str]:
    ids: set[str] = set()
    for r in rows:
        for raw in (r.actors, r.targets):
            ids.update(json.loads(raw) if isinstance(raw, str) else (raw or {}))
    return ids


def events_page(conn: Connection, f: EventFilter, limit: int = 100, offset: int = 0) -> Row:
    """One page of canonical events (newest first, then most sources) and the total."""
    where = _conditions(conn, f)
    total = conn.execute(select(func.count()).select_from(ce).where(*where)).scalar_one()
    limit = max(0, min(limit, MAX_PAGE))
    # Order and skip over the ids alone, then read the page's rows: a deep page then sorts
    # narrow rows, not whole events.
    order = list(conn.execute(
        select(ce.c.id).where(*where).order_by(_day().desc().nulls_last(), ce.c.sources.desc(), ce.c.id)
        .limit(limit).offset(max(0, offset))).scalars())
    found = {r.id: r for r in conn.execute(select(ce).where(ce.c.id.in_(order or [""])))}
    rows = [found[i] for i in order]
    names = _entity_names(conn, _party_ids(rows))
    return {"total": total, "limit": limit, "offset": offset, "events": [_summary(r, names) for r in rows]}


def timeline(conn: Connection, f: EventFilter) -> Row:
    """Events per day and type. Events dated only to a month or year, or not at all, are
    counted apart (``coarse``, ``undated``): a bar on the 1st would misplace them."""
    where = _conditions(conn, f)
    # One pass grouped by the day value as stored; the buckets are made here. (A named
    # subquery column: PostgreSQL will not match two copies of an expression with bound
    # parameters in SELECT and GROUP BY.)
    inner = select(_day().label("day"), ce.c.type).where(*where).subquery()
    stmt = select(inner.c.day, inner.c.type, func.count().label("n")).group_by(inner.c.day, inner.c.type)
    days: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    coarse = undated = 0
    for r in conn.execute(stmt):
        if r.day is None:
            undated += r.n
        elif len(r.day) < 10:
            coarse += r.n
        else:
            days[r.day[:10]][r.type] += r.n
    return {"days": [{"day": d, "counts": dict(sorted(days[d].items())), "total": sum(days[d].values())}
                     for d in sorted(days)],
            "coarse": coarse, "undated": undated}


def map_points(conn: Connection, f: EventFilter, zoom: int = 2) -> Row:
    """Located events for the map: each event while there are few, else grid cells whose
    size follows the zoom level (``count``, mean position, sources, the commonest type),
    so that 100,000 events reach the browser as a few hundred markers."""
    conditions = _conditions(conn, f)  # once: a word filter runs a full-text search
    where = [*conditions, ce.c.lat.is_not(None), ce.c.lon.is_not(None)]
    located = conn.execute(select(func.count()).select_from(ce).where(*where)).scalar_one()
    unlocated = conn.execute(select(func.count()).select_from(ce).where(
        *conditions, or_(ce.c.lat.is_(None), ce.c.lon.is_(None)))).scalar_one()
    if located <= MAP_POINTS:
        stmt = select(ce.c.id, ce.c.type, ce.c.lat, ce.c.lon, ce.c.sources, ce.c.place_name, ce.c.date,
                      ce.c.contradictions).where(*where).order_by(ce.c.id)
        points = [{"id": r.id, "type": r.type, "lat": r.lat, "lon": r.lon, "count": 1, "sources": r.sources,
                   "place_name": r.place_name, "date": r.date, "contradictions": r.contradictions}
                  for r in conn.execute(stmt)]
        return {"located": located, "unlocated": unlocated, "clustered": False, "points": points}
    cell = 360 / 2 ** (max(0, min(zoom, 18)) + 3)  # about 30 px on a 256 px tile
    inner = select(func.floor(ce.c.lon / literal(cell)).label("gx"), func.floor(ce.c.lat / literal(cell)).label("gy"),
                   ce.c.type, ce.c.lat, ce.c.lon, ce.c.sources, ce.c.id).where(*where).subquery()
    stmt = (select(inner.c.gx, inner.c.gy, inner.c.type, func.count().label("n"),
                   func.avg(inner.c.lat).label("lat"), func.avg(inner.c.lon).label("lon"),
                   func.sum(inner.c.sources).label("sources"), func.min(inner.c.id).label("id"))
            .group_by(inner.c.gx, inner.c.gy, inner.c.type))
    cells: dict[tuple[int, int], Row] = {}
    for r in conn.execute(stmt):
        c = cells.setdefault((r.gx, r.gy), {"count": 0, "lat": 0.0, "lon": 0.0, "sources": 0,
                                            "types": Counter(), "id": r.id})
        c["lat"] += r.lat * r.n
        c["lon"] += r.lon * r.n
        c["count"] += r.n
        c["sources"] += r.sources
        c["types"][r.type] += r.n
    points = []
    for c in cells.values():
        types: Counter[str] = c.pop("types")
        c["lat"] /= c["count"]
        c["lon"] /= c["count"]
        c["type"] = types.most_common(1)[0][0]
        c["types"] = dict(types)
        if c["count"] > 1:
            c["id"] = None  # a cell of several events opens by zooming in, not by id
        points.append(c)
    points.sort(key=lambda p: -p["count"])
    return {"located": located, "unlocated": unlocated, "clustered": True, "cell_degrees": cell,
            "points": points}


def graph(conn: Connection, f: EventFilter, max_edges: int = GRAPH_EDGES) -> Row:
    """Who acted on whom: actor → target edges over the filtered events, weighted by the
    number of events, the strongest ``max_edges`` kept; nodes carry their names."""
    where = _conditions(conn, f)
    if conn.dialect.name == "postgresql":
        a = func.jsonb_each(cast(ce.c.actors, JSONB)).table_valued("key", "value").lateral("a")
        t = func.jsonb_each(cast(ce.c.targets, JSONB)).table_valued("key", "value").lateral("t")
    else:  # SQLite's table-valued functions see the row on their left without LATERAL
        a = func.json_each(ce.c.actors).table_valued("key", "value").alias("a")
        t = func.json_each(ce.c.targets).table_valued("key", "value").alias("t")
    # The pairs are unnested in SQL: the store hands back counts, never 100,000 JSON texts.
    inner = (select(a.c.key.label("actor"), t.c.key.label("target"), ce.c.type)
             .select_from(ce.join(a, true()).join(t, true()))
             .where(*where, a.c.key != t.c.key)).subquery()
    stmt = select(inner.c.actor, inner.c.target, inner.c.type, func.count().label("n")).group_by(
        inner.c.actor, inner.c.target, inner.c.type)
    edges: Counter[tuple[str, str]] = Counter()
    edge_types: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    for r in conn.execute(stmt):
        edges[r.actor, r.target] += r.n
        edge_types[r.actor, r.target][r.type] += r.n
    events = conn.execute(select(func.count()).select_from(ce).where(*where)).scalar_one()
    kept = edges.most_common(max_edges)
    node_ids = {n for (a, t), _ in kept for n in (a, t)}
    names = _entity_names(conn, node_ids)
    weight: Counter[str] = Counter()
    for (a, t), n in kept:
        weight[a] += n
        weight[t] += n
    return {
        "events": events, "edges_total": len(edges),
        "nodes": [{"id": n, "name": names.get(n) or n.removeprefix("actor:"), "events": weight[n]}
                  for n in sorted(node_ids)],
        "edges": [{"source": a, "target": t, "events": n, "types": dict(edge_types[a, t])} for (a, t), n in kept],
    }


def _paragraph(text: str, start: int, end: int) -> Row:
    """The paragraph around ``text[start:end]``, cut in three so the page can mark the
    middle as text: paragraphs are separated by a blank line, else by a line break."""
    for sep in ("\n\n", "\n"):
        left = text.rfind(sep, 0, start)
        right = text.find(sep, end)
        if left != -1 or right != -1:
            break
    left = 0 if left == -1 else left + len(sep)
    right = len(text) if right == -1 else right
    if right - left > 3000:  # no paragraph breaks: a window around the sentence
        left, right = max(left, start - 600), min(right, end + 600)
    return {"before": text[left:start].lstrip(), "sentence": text[start:end], "after": text[end:right].rstrip()}


def event_detail(conn: Connection, canonical_id: str) -> Row | None:
    """One canonical event with every report, each with its sentence inside its paragraph."""
    row = canonical_event_detail(conn, canonical_id)
    if row is None:
        return None
    for report in row["report_list"]:
        report["paragraph"] = None
        if report.get("sentence") is None:
            continue
        found = conn.execute(
            select(articles.c.text, sentences.c.start, sentences.c.end)
            .select_from(articles.join(sentences, sentences.c.article_id == articles.c.id))
            .where(articles.c.id == report["article_id"], sentences.c.idx == report["sentence"])
        ).first()
        if found is not None:
            report["paragraph"] = _paragraph(found.text, found.start, found.end)
    return row


def facets(conn: Connection) -> Row:
    """The values the filter bar offers: event types, countries and languages with counts,
    and the date range."""
    types = [{"value": t, "count": n} for t, n in conn.execute(
        select(ce.c.type, func.count()).group_by(ce.c.type).order_by(func.count().desc(), ce.c.type))]
    countries = [{"value": c, "count": n} for c, n in conn.execute(
        select(ce.c.country, func.count()).where(ce.c.country.is_not(None)).group_by(ce.c.country)
        .order_by(func.count().desc(), ce.c.country))]
    languages = [{"value": lang, "count": n} for lang, n in conn.execute(
        select(articles.c.language, func.count()).group_by(articles.c.language)
        .order_by(func.count().desc(), articles.c.language))]
    low, high = conn.execute(select(func.min(_day()), func.max(_day()))).one()
    total = conn.execute(select(func.count()).select_from(ce)).scalar_one()
    return {"types": types, "countries": countries, "languages": languages, "first_day": low, "last_day": high,
            "events": total}


def names_matching(conn: Connection, q: str, limit: int = 20) -> list[Row]:
    """Entities whose name contains ``q``, case-folded in any script (the search box's
    names; no mention counts, so no pass over the mentions)."""
    needle = q.strip().casefold()
    rows = conn.execute(select(entities.c.id, entities.c.name, entities.c.type)
                        .order_by(entities.c.name, entities.c.id))
    return [{"id": r.id, "name": r.name, "type": r.type} for r in rows if needle in r.name.casefold()][:limit]
