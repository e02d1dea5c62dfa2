"""The SQL of the incremental corpus stage: lookups by blocking key, and its writes.

Every function takes a connection inside the caller's transaction, so that one batch's
corpus results (entity ids, links, stories, canonical events, the ``resolved`` marks)
are written together or not at all: a run killed half-way leaves whole batches, and the
next run takes up the stored articles not yet resolved.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from sqlalchemy import Connection, and_, delete, func, select, tuple_

from sitrep.layout import from_row, to_row
from sitrep.model import PLOVER_TYPES
from sitrep.store import dialect
from sitrep.store.records import (
    ArticleLink,
    CanonicalEventRecord,
    ContradictionRecord,
    EntityRecord,
    EventReportRecord,
)
from sitrep.store.schema import (
    article_key_counts,
    article_keys,
    article_links,
    articles,
    canonical_events,
    entities,
    entity_aliases,
    entity_index,
    event_arguments,
    event_blocks,
    event_contradictions,
    event_reports,
    key_frequencies,
    quotes,
    resolved,
    stories,
    story_articles,
)

CHUNK = 500  # values per IN (...) list


def chunks(values: Sequence[Any], size: int = CHUNK) -> Iterable[Sequence[Any]]:
    for i in range(0, len(values), size):
        yield values[i:i + size]


# -- which articles are still to resolve -----------------------------------------------------


def unresolved(conn: Connection, limit: int | None = None) -> list[str]:
    """Stored articles the corpus stage has not taken in, in storing order."""
    stmt = (select(articles.c.id).where(~articles.c.id.in_(select(resolved.c.article_id)))
            .order_by(articles.c.seq))
    if limit:
        stmt = stmt.limit(limit)
    return [r[0] for r in conn.execute(stmt)]


def mark_resolved(conn: Connection, article_ids: Sequence[str]) -> None:
    if article_ids:
        stmt = dialect.insert(conn, resolved).on_conflict_do_nothing(index_elements=["article_id"])
        conn.execute(stmt, [{"article_id": a} for a in article_ids])


# -- entities -----------------------------------------------------------------------------------


def existing_entities(conn: Connection, ids: Iterable[str]) -> dict[str, EntityRecord]:
    """The stored entities among ``ids``, aliases included."""
    wanted = sorted(set(ids))
    out: dict[str, EntityRecord] = {}
    for part in chunks(wanted):
        for r in conn.execute(select(entities).where(entities.c.id.in_(part))):
            out[r.id] = EntityRecord(id=r.id, name=r.name, type=r.type, kb_id=r.kb_id,
                                     evidence=json.loads(r.evidence))
    from sitrep.store.records import Alias

    for part in chunks(list(out)):
        for r in conn.execute(select(entity_aliases).where(entity_aliases.c.entity_id.in_(part))):
            out[r.entity_id].aliases.append(Alias(name=r.alias, language=r.language or None))
    return out


def write_entities(conn: Connection, records: Iterable[EntityRecord]) -> None:
    """Insert or update entities; aliases are added (an entity never loses an alias here)."""
    records = list(records)
    if not records:
        return
    stmt = dialect.insert(conn, entities)
    stmt = stmt.on_conflict_do_update(
        index_elements=["id"], set_={c: stmt.excluded[c] for c in ("name", "type", "kb_id", "evidence")},
    )
    conn.execute(stmt, [
        {"id": e.id, "name": e.name, "type": e.type, "kb_id": e.kb_id,
         "evidence": json.dumps(e.evidence, ensure_ascii=False, sort_keys=True)}
        for e in records
    ])
    rows = list({(e.id, a.name, a.language or ""): None for e in records for a in e.aliases})
    if rows:
        stmt = dialect.insert(conn, entity_aliases).on_conflict_do_nothing(
            index_elements=["entity_id", "alias", "language"])
        conn.execute(stmt, [{"entity_id": i, "alias": n, "language": lang} for i, n, lang in rows])


def index_lookup(conn: Connection, kind: str, keys: Iterable[str]) -> dict[str, set[str]]:
    """Entity ids per key of one kind (surnames, initials)."""
    out: dict[str, set[str]] = defaultdict(set)
    for part in chunks(sorted(set(keys))):
        stmt = select(entity_index.c.key, entity_index.c.entity_id).where(
            entity_index.c.kind == kind, entity_index.c.key.in_(part))
        for key, entity_id in conn.execute(stmt):
            out[key].add(entity_id)
    return out


def add_index(conn: Connection, rows: Iterable[tuple[str, str, str]]) -> None:
    rows = list(dict.fromkeys(rows))
    if rows:
        stmt = dialect.insert(conn, entity_index).on_conflict_do_nothing(index_elements=["kind", "key", "entity_id"])
        conn.execute(stmt, [{"kind": k, "key": key, "entity_id": e} for k, key, e in rows])


def assign_agents(conn: Connection, article_ids: Sequence[str], entity_of_agent: Mapping[str, str]) -> None:
    """Point the batch's unnamed participants and speakers at their agent's entity."""
    if not entity_of_agent or not article_ids:
        return
    for part in chunks(list(article_ids)):
        for agent, entity_id in entity_of_agent.items():
            conn.execute(
                event_arguments.update()
                .where(event_arguments.c.article_id.in_(part), event_arguments.c.mention.is_(None),
                       event_arguments.c.agent == agent)
                .values(entity_id=entity_id)
            )
            conn.execute(
                quotes.update()
                .where(quotes.c.article_id.in_(part), quotes.c.speaker_mention.is_(None),
                       quotes.c.speaker_agent == agent)
                .values(speaker_entity_id=entity_id)
            )


# -- article keys, links and stories -------------------------------------------------------------


def add_keys(conn: Connection, article_id: str, keys: Iterable[tuple[str, str]], day: int | None) -> None:
    rows = [{"kind": k, "value": v, "article_id": article_id, "day": day} for k, v in dict.fromkeys(keys)]
    if rows:
        stmt = dialect.insert(conn, article_keys).on_conflict_do_nothing(index_elements=["kind", "value", "article_id"])
        conn.execute(stmt, rows)


def articles_with_keys(conn: Connection, kind: str, values: Iterable[str], exclude: str,
                       day: int | None = None, window: int | None = None,
                       undated: bool = True) -> dict[str, list[str]]:
    """Other articles holding any of the keys: article id -> the keys they share. With a
    day and a window, only articles of those days, and (``undated``) those without a date."""
    out: dict[str, list[str]] = defaultdict(list)
    for part in chunks(sorted(set(values))):
        stmt = select(article_keys.c.article_id, article_keys.c.value).where(
            article_keys.c.kind == kind, article_keys.c.value.in_(part), article_keys.c.article_id != exclude)
        if day is not None and window is not None:
            near = article_keys.c.day.between(day - window, day + window)
            stmt = stmt.where((article_keys.c.day.is_(None)) | near if undated else near)
        for article_id, value in conn.execute(stmt):
            out[article_id].append(value)
    return out


def key_counts(conn: Connection, kind: str, values: Iterable[str]) -> dict[str, int]:
    """How many articles hold each key (document frequency), from ``key_frequencies``."""
    out: dict[str, int] = {}
    for part in chunks(sorted(set(values))):
        stmt = select(key_frequencies.c.value, key_frequencies.c.df).where(
            key_frequencies.c.kind == kind, key_frequencies.c.value.in_(part))
        out.update({v: n for v, n in conn.execute(stmt)})
    return out


def count_keys(conn: Connection, keys: Iterable[tuple[str, str]]) -> None:
    """One more article holds each of these (kind, value) keys."""
    rows = [{"kind": k, "value": v, "df": 1} for k, v in dict.fromkeys(keys)]
    if rows:
        stmt = dialect.insert(conn, key_frequencies)
        stmt = stmt.on_conflict_do_update(index_elements=["kind", "value"],
                                          set_={"df": key_frequencies.c.df + 1})
        conn.execute(stmt, rows)


def backfill_key_frequencies(conn: Connection, kinds: Sequence[str]) -> None:
    """Count the keys of a store made before ``key_frequencies`` existed (once)."""
    if conn.execute(select(key_frequencies.c.kind).limit(1)).first() is not None:
        return
    if conn.execute(select(article_keys.c.kind).limit(1)).first() is None:
        return
    counted = (select(article_keys.c.kind, article_keys.c.value, func.count())
               .where(article_keys.c.kind.in_(kinds)).group_by(article_keys.c.kind, article_keys.c.value))
    conn.execute(key_frequencies.insert().from_select(["kind", "value", "df"], counted))


def keys_of(conn: Connection, article_ids: Iterable[str], kinds: Sequence[str]) -> dict[str, list[tuple[str, str]]]:
    """The keys of these kinds that each article holds. The kinds are picked here, not in
    the query: a condition on the kind would steer the database to the (kind, value)
    index, a walk over every key of that kind in the store, instead of the article index."""
    wanted = frozenset(kinds)
    out: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for part in chunks(sorted(set(article_ids))):
        stmt = select(article_keys.c.article_id, article_keys.c.kind, article_keys.c.value).where(
            article_keys.c.article_id.in_(part))
        for article_id, kind, value in conn.execute(stmt):
            if kind in wanted:
                out[article_id].append((kind, value))
    return out


def shared_keys(conn: Connection, article_ids: Sequence[str],
                keys: Iterable[tuple[str, str]]) -> dict[str, set[tuple[str, str]]]:
    """Of ``keys`` (kind, value), those each article holds: what two articles have in
    common, without reading all of their keys."""
    by_kind: dict[str, list[str]] = defaultdict(list)
    for kind, value in set(keys):
        by_kind[kind].append(value)
    out: dict[str, set[tuple[str, str]]] = defaultdict(set)
    for kind, values in by_kind.items():
        for part in chunks(sorted(values)):
            for ids in chunks(sorted(set(article_ids))):
                stmt = select(article_keys.c.article_id, article_keys.c.value).where(
                    article_keys.c.kind == kind, article_keys.c.value.in_(part), article_keys.c.article_id.in_(ids))
                for article_id, value in conn.execute(stmt):
                    out[article_id].add((kind, value))
    return out


def add_key_counts(conn: Connection, article_id: str, counts: Mapping[str, int]) -> None:
    rows = [{"article_id": article_id, "kind": k, "n": n} for k, n in counts.items() if n]
    if rows:
        stmt = dialect.insert(conn, article_key_counts).on_conflict_do_nothing(index_elements=["article_id", "kind"])
        conn.execute(stmt, rows)


def key_totals(conn: Connection, article_ids: Sequence[str]) -> dict[str, dict[str, int]]:
    """How many story keys of each kind each article holds."""
    out: dict[str, dict[str, int]] = defaultdict(dict)
    for part in chunks(sorted(set(article_ids))):
        stmt = select(article_key_counts).where(article_key_counts.c.article_id.in_(part))
        for article_id, kind, n in conn.execute(stmt):
            out[article_id][kind] = n
    return out


def text_lengths(conn: Connection, article_ids: Iterable[str]) -> dict[str, int]:
    out = {}
    for part in chunks(sorted(set(article_ids))):
        stmt = select(articles.c.id, func.length(articles.c.text)).where(articles.c.id.in_(part))
        out.update({a: n for a, n in conn.execute(stmt)})
    return out


def total_articles(conn: Connection) -> int:
    return conn.execute(select(func.count()).select_from(resolved)).scalar_one()


def add_link(conn: Connection, link: ArticleLink) -> None:
    stmt = dialect.insert(conn, article_links).on_conflict_do_nothing(index_elements=["article_id"])
    conn.execute(stmt, to_row(link))


def originals(conn: Connection, article_ids: Iterable[str]) -> dict[str, str]:
    """The original of each article that is a copy or a translation."""
    out = {}
    for part in chunks(sorted(set(article_ids))):
        stmt = select(article_links.c.article_id, article_links.c.original).where(article_links.c.article_id.in_(part))
        out.update({a: o for a, o in conn.execute(stmt)})
    return out


def stories_of(conn: Connection, article_ids: Iterable[str]) -> dict[str, str]:
    out = {}
    for part in chunks(sorted(set(article_ids))):
        stmt = select(story_articles.c.article_id, story_articles.c.story_id).where(
            story_articles.c.article_id.in_(part))
        out.update({a: s for a, s in conn.execute(stmt)})
    return out


def members(conn: Connection, story_ids: Iterable[str]) -> dict[str, list[str]]:
    out: dict[str, list[str]] = defaultdict(list)
    for part in chunks(sorted(set(story_ids))):
        stmt = select(story_articles.c.story_id, story_articles.c.article_id).where(story_articles.c.story_id.in_(part))
        for story_id, article_id in conn.execute(stmt):
            out[story_id].append(article_id)
    return out


def some_members(conn: Connection, story_id: str, limit: int) -> list[str]:
    """Up to ``limit`` articles of a story, the greatest ids first: a sample whose cost
    does not grow with the story."""
    stmt = (select(story_articles.c.article_id).where(story_articles.c.story_id == story_id)
            .order_by(story_articles.c.article_id.desc()).limit(limit))
    return [r[0] for r in conn.execute(stmt)]


def story_sizes(conn: Connection, story_ids: Iterable[str]) -> dict[str, int]:
    out: dict[str, int] = {}
    for part in chunks(sorted(set(story_ids))):
        stmt = (select(story_articles.c.story_id, func.count()).where(story_articles.c.story_id.in_(part))
                .group_by(story_articles.c.story_id))
        out.update({s: n for s, n in conn.execute(stmt)})
    return out


def join_story(conn: Connection, story_id: str, article_id: str, label: str | None = None) -> None:
    stmt = dialect.insert(conn, stories).on_conflict_do_nothing(index_elements=["id"])
    conn.execute(stmt, {"id": story_id, "label": label})
    stmt = dialect.insert(conn, story_articles).on_conflict_do_nothing(index_elements=["story_id", "article_id"])
    conn.execute(stmt, {"story_id": story_id, "article_id": article_id})


def set_story_label(conn: Connection, story_id: str, label: str | None) -> None:
    conn.execute(stories.update().where(stories.c.id == story_id).values(label=label))


def article_meta(conn: Connection, article_ids: Iterable[str]) -> dict[str, dict]:
    out = {}
    cols = (articles.c.id, articles.c.title, articles.c.published, articles.c.outlet, articles.c.language)
    for part in chunks(sorted(set(article_ids))):
        for r in conn.execute(select(*cols).where(articles.c.id.in_(part))):
            out[r.id] = dict(r._mapping)
    return out


# -- canonical events ----------------------------------------------------------------------------------


def canonical_by_blocks(conn: Connection, keys: Iterable[str]) -> set[str]:
    out: set[str] = set()
    for part in chunks(sorted(set(keys))):
        out.update(r[0] for r in conn.execute(select(event_blocks.c.canonical_id).where(event_blocks.c.key.in_(part))))
    return out


def reports_of(conn: Connection, canonical_ids: Iterable[str]) -> dict[str, list[EventReportRecord]]:
    out: dict[str, list[EventReportRecord]] = defaultdict(list)
    for part in chunks(sorted(set(canonical_ids))):
        for r in conn.execute(select(event_reports).where(event_reports.c.canonical_id.in_(part))):
            out[r.canonical_id].append(from_row(EventReportRecord, r._mapping))
    return out


def reported(conn: Connection, article_ids: Iterable[str]) -> set[tuple[str, int]]:
    """(article, event) pairs already in a canonical event."""
    out: set[tuple[str, int]] = set()
    for part in chunks(sorted(set(article_ids))):
        stmt = select(event_reports.c.article_id, event_reports.c.event).where(event_reports.c.article_id.in_(part))
        out.update((a, e) for a, e in conn.execute(stmt))
    return out


def write_canonical(conn: Connection, record: CanonicalEventRecord, blocks: Iterable[str],
                    contradictions: Sequence[ContradictionRecord]) -> None:
    """Insert or replace a canonical event's record, blocking keys and contradictions."""
    row = to_row(record)
    stmt = dialect.insert(conn, canonical_events)
    stmt = stmt.on_conflict_do_update(index_elements=["id"], set_={k: stmt.excluded[k] for k in row if k != "id"})
    conn.execute(stmt, row)
    rows = [{"key": k, "canonical_id": record.id} for k in dict.fromkeys(blocks)]
    if rows:
        conn.execute(dialect.insert(conn, event_blocks).on_conflict_do_nothing(index_elements=["key", "canonical_id"]),
                     rows)
    conn.execute(delete(event_contradictions).where(event_contradictions.c.canonical_id == record.id))
    if contradictions:
        conn.execute(event_contradictions.insert(), [to_row(c) for c in contradictions])


def add_reports(conn: Connection, reports: Sequence[EventReportRecord]) -> None:
    if reports:
        stmt = dialect.insert(conn, event_reports).on_conflict_do_nothing(index_elements=["article_id", "event"])
        conn.execute(stmt, [to_row(r) for r in reports])


def canonical_records(conn: Connection, ids: Iterable[str]) -> dict[str, CanonicalEventRecord]:
    out = {}
    for part in chunks(sorted(set(ids))):
        for r in conn.execute(select(canonical_events).where(canonical_events.c.id.in_(part))):
            out[r.id] = from_row(CanonicalEventRecord, r._mapping)
    return out


def events_of_articles(conn: Connection, pairs: Iterable[tuple[str, int]]) -> dict[tuple[str, int], str]:
    """The canonical id of each (article, event) pair."""
    out = {}
    pairs = sorted(set(pairs))
    for part in chunks(pairs):
        stmt = select(event_reports.c.article_id, event_reports.c.event, event_reports.c.canonical_id).where(
            tuple_(event_reports.c.article_id, event_reports.c.event).in_(part))
        out.update({(a, e): c for a, e, c in conn.execute(stmt)})
    return out


__all__ = ["and_"]


def merge_entity(conn: Connection, old: str, new: str, evidence: dict) -> None:
    """Move everything that points at entity ``old`` to ``new`` (a lone surname whose full
    name has just appeared) and delete ``old``; its aliases and evidence go along."""
    from sitrep.store.schema import mentions

    for table, column in ((mentions, mentions.c.entity_id), (event_arguments, event_arguments.c.entity_id),
                          (quotes, quotes.c.speaker_entity_id)):
        conn.execute(table.update().where(column == old).values({column.name: new}))
    moved = existing_entities(conn, [old, new])
    if new in moved and old in moved:
        target = moved[new]
        target.aliases += [a for a in moved[old].aliases if a not in target.aliases]
        target.evidence += [e for e in moved[old].evidence if e not in target.evidence] + [evidence]
        write_entities(conn, [target])
    # the blocking keys "<type>|entity|<id>", one per PLOVER type, found through the key's index
    keys = [f"{plover_type}|entity|{old}" for plover_type in PLOVER_TYPES]
    for key_row in conn.execute(select(event_blocks.c.key, event_blocks.c.canonical_id)
                                .where(event_blocks.c.key.in_(keys))).fetchall():
        record = canonical_records(conn, [key_row.canonical_id]).get(key_row.canonical_id)
        if record is not None:
            for role in (record.actors, record.targets):
                if old in role:
                    role[new] = role.get(new, 0) + role.pop(old)
            write_canonical(conn, record, [key_row.key.replace(f"|entity|{old}", f"|entity|{new}")],
                            contradictions_of(conn, record.id))
    conn.execute(delete(entity_index).where(entity_index.c.entity_id == old))
    conn.execute(delete(entities).where(entities.c.id == old))


def contradictions_of(conn: Connection, canonical_id: str) -> list[ContradictionRecord]:
    return [from_row(ContradictionRecord, r._mapping) for r in conn.execute(
        select(event_contradictions).where(event_contradictions.c.canonical_id == canonical_id)
        .order_by(event_contradictions.c.position))]
