"""Read-side queries for the views: plain dicts, every fact with its evidence.

Each per-article row comes back with its article id, offsets, sentence index and the
sentence text itself (cut out of the article in SQL, so whole articles never travel),
plus the article's title and publication date. Rows are ordered by publication date,
then by ingestion order, then by position in the article, identically in every dialect.
"""

from __future__ import annotations

import json
from collections import defaultdict
from typing import Any

from sqlalchemy import Connection, Select, Table, and_, distinct, func, select, true

from sitrep.store.schema import (
    articles,
    canonical_events,
    entities,
    entity_aliases,
    event_arguments,
    event_contradictions,
    event_reports,
    events,
    mentions,
    places,
    quotes,
    sentences,
    stories,
    story_articles,
    timexes,
)

Row = dict[str, Any]


def _in_story(table: Table, story_id: str | None) -> Any:
    if story_id is None:
        return true()
    return table.c.article_id.in_(
        select(story_articles.c.article_id).where(story_articles.c.story_id == story_id)
    )


def _evidence(table: Table, *columns: Any, story_id: str | None = None,
              joins: tuple[tuple[Any, Any], ...] = ()) -> Select:
    """Select ``table``'s rows with title, published and the text of their sentence."""
    s = sentences.alias("s")
    source = table.join(articles, articles.c.id == table.c.article_id).outerjoin(
        s, and_(s.c.article_id == table.c.article_id, s.c.idx == table.c.sentence)
    )
    for other, on in joins:
        source = source.outerjoin(other, on)
    sentence_text = func.substr(articles.c.text, s.c.start + 1, s.c.end - s.c.start)
    return (
        select(table, articles.c.title, articles.c.published,
               sentence_text.label("sentence_text"), *columns)
        .select_from(source)
        .where(_in_story(table, story_id))
        .order_by(articles.c.published.nulls_last(), articles.c.seq, table.c.idx)
    )


def _dicts(conn: Connection, stmt: Any) -> list[Row]:
    return [dict(r._mapping) for r in conn.execute(stmt)]


def articles_list(conn: Connection) -> list[Row]:
    cols = [c for c in articles.c if c.name not in ("text", "seq")]
    rows = _dicts(conn, select(*cols).order_by(articles.c.published.nulls_last(),
                                               articles.c.seq))
    for r in rows:
        r["warnings"] = json.loads(r["warnings"])
    return rows


def _aliases(conn: Connection, entity_id: str | None = None) -> dict[str, list[Row]]:
    stmt = select(entity_aliases).order_by(entity_aliases.c.entity_id, entity_aliases.c.alias,
                                           entity_aliases.c.language)
    if entity_id is not None:
        stmt = stmt.where(entity_aliases.c.entity_id == entity_id)
    out: dict[str, list[Row]] = defaultdict(list)
    for r in conn.execute(stmt):
        out[r.entity_id].append({"name": r.alias, "language": r.language or None})
    return out


def entities_list(conn: Connection, entity_id: str | None = None) -> list[Row]:
    """Entities with aliases, languages (of their aliases and of the articles that
    mention them), mention and article counts and first/last publication date."""
    stmt = (
        select(entities,
               func.count(mentions.c.idx).label("mention_count"),
               func.count(distinct(mentions.c.article_id)).label("article_count"),
               func.min(articles.c.published).label("first_seen"),
               func.max(articles.c.published).label("last_seen"))
        .select_from(entities.outerjoin(mentions, mentions.c.entity_id == entities.c.id)
                     .outerjoin(articles, articles.c.id == mentions.c.article_id))
        .group_by(*entities.c)
        .order_by(func.count(distinct(mentions.c.article_id)).desc(), entities.c.name,
                  entities.c.id)
    )
    langs_stmt = (
        select(mentions.c.entity_id, articles.c.language).distinct()
        .select_from(mentions.join(articles, articles.c.id == mentions.c.article_id))
        .where(mentions.c.entity_id.is_not(None))
    )
    if entity_id is not None:
        stmt = stmt.where(entities.c.id == entity_id)
        langs_stmt = langs_stmt.where(mentions.c.entity_id == entity_id)
    languages: dict[str, set[str]] = defaultdict(set)
    for r in conn.execute(langs_stmt):
        languages[r.entity_id].add(r.language)
    aliases = _aliases(conn, entity_id)
    rows = _dicts(conn, stmt)
    for r in rows:
        r["evidence"] = json.loads(r["evidence"])
        r["aliases"] = aliases.get(r["id"], [])
        alias_langs = {a["language"] for a in r["aliases"] if a["language"]}
        r["languages"] = sorted(languages[r["id"]] | alias_langs)
    return rows


def entity_detail(conn: Connection, entity_id: str) -> Row | None:
    found = entities_list(conn, entity_id)
    if not found:
        return None
    entity = found[0]
    entity["mentions"] = _dicts(conn, _evidence(mentions).where(
        mentions.c.entity_id == entity_id))
    return entity


def mentions_list(conn: Connection, story_id: str | None = None) -> list[Row]:
    return _dicts(conn, _evidence(
        mentions, entities.c.name.label("entity_name"), story_id=story_id,
        joins=((entities, entities.c.id == mentions.c.entity_id),),
    ))


def stories_list(conn: Connection) -> list[Row]:
    rows = _dicts(conn, select(stories).order_by(stories.c.id))
    members: dict[str, list[Row]] = defaultdict(list)
    stmt = (
        select(story_articles.c.story_id, articles.c.id, articles.c.title, articles.c.published,
               articles.c.outlet, articles.c.url, articles.c.language)
        .select_from(story_articles.join(articles, articles.c.id == story_articles.c.article_id))
        .order_by(articles.c.published.nulls_last(), articles.c.seq)
    )
    for r in conn.execute(stmt):
        member = dict(r._mapping)
        members[member.pop("story_id")].append(member)
    for r in rows:
        r["articles"] = members.get(r["id"], [])
        dates = [a["published"] for a in r["articles"] if a["published"]]
        r["first_published"] = min(dates, default=None)
        r["last_published"] = max(dates, default=None)
    rows.sort(key=lambda r: (-len(r["articles"]), r["id"]))
    return rows


def events_list(conn: Connection, story_id: str | None = None) -> list[Row]:
    """Events with their place, trigger, and actors/targets with entity ids and names."""
    on_place = and_(places.c.article_id == events.c.article_id, places.c.idx == events.c.place)
    rows = _dicts(conn, _evidence(
        events, places.c.name.label("place_name"), places.c.text.label("place_text"),
        places.c.geonameid.label("place_geonameid"), places.c.kind.label("place_kind"),
        places.c.country_code.label("place_country_code"), places.c.lat.label("place_lat"),
        places.c.lon.label("place_lon"),
        story_id=story_id, joins=((places, on_place),),
    ))
    args_stmt = (
        select(event_arguments, entities.c.name.label("entity_name"))
        .select_from(event_arguments.outerjoin(
            entities, entities.c.id == event_arguments.c.entity_id))
        .where(_in_story(event_arguments, story_id))
        .order_by(event_arguments.c.article_id, event_arguments.c.event,
                  event_arguments.c.role, event_arguments.c.position)
    )
    arguments: dict[tuple[str, int, str], list[Row]] = defaultdict(list)
    for r in conn.execute(args_stmt):
        arg = dict(r._mapping)
        key = (arg.pop("article_id"), arg.pop("event"), arg.pop("role"))
        del arg["position"]
        arguments[key].append(arg)
    for r in rows:
        r["trigger"] = {f: r.pop(f"trigger_{f}") for f in ("start", "end", "text", "sentence")}
        place = {f: r.pop(f"place_{f}") for f in
                 ("name", "text", "geonameid", "kind", "country_code", "lat", "lon")}
        r["place"] = None if r["place"] is None else {"idx": r["place"], **place}
        r["actors"] = arguments.get((r["article_id"], r["idx"], "actor"), [])
        r["targets"] = arguments.get((r["article_id"], r["idx"], "target"), [])
    return rows


def quotes_list(conn: Connection, story_id: str | None = None) -> list[Row]:
    return _dicts(conn, _evidence(
        quotes, entities.c.name.label("speaker_entity_name"), story_id=story_id,
        joins=((entities, entities.c.id == quotes.c.speaker_entity_id),),
    ))


def places_list(conn: Connection, story_id: str | None = None) -> list[Row]:
    return _dicts(conn, _evidence(places, story_id=story_id))


def timexes_list(conn: Connection, story_id: str | None = None) -> list[Row]:
    return _dicts(conn, _evidence(timexes, story_id=story_id))


# -- canonical events ------------------------------------------------------------------------


def _entity_names(conn: Connection, ids: set[str]) -> dict[str, str]:
    out: dict[str, str] = {}
    wanted = sorted(ids)
    for i in range(0, len(wanted), 500):
        stmt = select(entities.c.id, entities.c.name).where(entities.c.id.in_(wanted[i:i + 500]))
        out.update({r.id: r.name for r in conn.execute(stmt)})
    return out


def _with_details(conn: Connection, rows: list[Row]) -> list[Row]:
    """Attach contradictions, stories and participant names to canonical event rows."""
    ids = [r["id"] for r in rows]
    found: dict[str, list[Row]] = defaultdict(list)
    in_stories: dict[str, set[str]] = defaultdict(set)
    for i in range(0, len(ids), 500):
        part = ids[i:i + 500]
        stmt = (select(event_contradictions).where(event_contradictions.c.canonical_id.in_(part))
                .order_by(event_contradictions.c.canonical_id, event_contradictions.c.position))
        for r in conn.execute(stmt):
            c = dict(r._mapping)
            for key in ("sources_a", "sources_b"):
                c[key] = json.loads(c[key]) if isinstance(c[key], str) else c[key]
            found[c.pop("canonical_id")].append(c)
        stmt = (select(event_reports.c.canonical_id, story_articles.c.story_id).distinct()
                .select_from(event_reports.join(story_articles,
                                                story_articles.c.article_id == event_reports.c.article_id))
                .where(event_reports.c.canonical_id.in_(part)))
        for canonical_id, story_id in conn.execute(stmt):
            in_stories[canonical_id].add(story_id)
    names = _entity_names(conn, {e for r in rows for role in ("actors", "targets") for e in r[role]})
    for r in rows:
        for role in ("actors", "targets"):
            r[role] = [{"id": e, "name": names.get(e) or e.removeprefix("actor:"), "sources": n}
                       for e, n in r[role].items()]
        r["contradiction_list"] = found.get(r["id"], [])
        r["stories"] = sorted(in_stories.get(r["id"], ()))
    return rows


def _canonical_row(r: Any) -> Row:
    from sitrep.layout import from_row
    from sitrep.store.records import CanonicalEventRecord

    return vars(from_row(CanonicalEventRecord, r._mapping)).copy()


def canonical_events_list(conn: Connection, story_id: str | None = None, since: str | None = None,
                          min_sources: int = 1, contradictions: bool = False, reports: bool = False) -> list[Row]:
    """Canonical events, most sources first within date order (newest first), with their
    contradictions, stories and participant names. ``since`` keeps events dated (or, when
    undated, first reported) on or after that ISO date; ``reports`` attaches every report."""
    stmt = select(canonical_events).where(canonical_events.c.sources >= min_sources)
    if story_id is not None:
        stmt = stmt.where(canonical_events.c.id.in_(
            select(event_reports.c.canonical_id).where(event_reports.c.article_id.in_(
                select(story_articles.c.article_id).where(story_articles.c.story_id == story_id)))))
    if since is not None:
        stmt = stmt.where(func.coalesce(canonical_events.c.date, canonical_events.c.first_reported) >= since)
    if contradictions:
        stmt = stmt.where(canonical_events.c.contradictions > 0)
    stmt = stmt.order_by(canonical_events.c.date.desc().nulls_last(), canonical_events.c.sources.desc(),
                         canonical_events.c.id)
    rows = _with_details(conn, [_canonical_row(r) for r in conn.execute(stmt)])
    return with_reports(conn, rows) if reports else rows


def _reports(conn: Connection, canonical_ids: list[str]) -> dict[str, list[Row]]:
    """Every report of the given canonical events: article, outlet, language, date, the
    event's evidence and its sentence, why it joined, and the figures it gives."""
    ev = events.alias("ev")
    s = sentences.alias("s")
    sentence_text = func.substr(articles.c.text, s.c.start + 1, s.c.end - s.c.start)
    out: dict[str, list[Row]] = defaultdict(list)
    for i in range(0, len(canonical_ids), 500):
        stmt = (
            select(event_reports.c.canonical_id, event_reports.c.article_id, event_reports.c.event,
                   event_reports.c.source, event_reports.c.evidence, articles.c.title, articles.c.outlet,
                   articles.c.language, articles.c.published, articles.c.url,
                   ev.c.text.label("evidence_text"), ev.c.sentence, ev.c.date, ev.c.type, ev.c.subtype,
                   sentence_text.label("sentence_text"))
            .select_from(event_reports.join(articles, articles.c.id == event_reports.c.article_id)
                         .join(ev, and_(ev.c.article_id == event_reports.c.article_id,
                                        ev.c.idx == event_reports.c.event))
                         .outerjoin(s, and_(s.c.article_id == ev.c.article_id, s.c.idx == ev.c.sentence)))
            .where(event_reports.c.canonical_id.in_(canonical_ids[i:i + 500]))
            .order_by(articles.c.published.nulls_last(), articles.c.seq, event_reports.c.event)
        )
        for r in conn.execute(stmt):
            report = dict(r._mapping)
            evidence = report.pop("evidence")
            evidence = json.loads(evidence) if isinstance(evidence, str) else evidence
            report["joined"] = evidence.get("joined") or {}
            report["casualties"] = (evidence.get("report") or {}).get("casualties") or []
            out[report.pop("canonical_id")].append(report)
    return out


def with_reports(conn: Connection, rows: list[Row]) -> list[Row]:
    """Attach ``report_list`` (see :func:`_reports`) to canonical event rows."""
    reports = _reports(conn, [r["id"] for r in rows])
    for r in rows:
        r["report_list"] = reports.get(r["id"], [])
    return rows


def canonical_event_detail(conn: Connection, canonical_id: str) -> Row | None:
    """One canonical event with every report: its sentence, outlet, language and date."""
    found = [_canonical_row(r) for r in conn.execute(
        select(canonical_events).where(canonical_events.c.id == canonical_id))]
    if not found:
        return None
    return with_reports(conn, _with_details(conn, found))[0]
