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
    entities,
    entity_aliases,
    event_arguments,
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
