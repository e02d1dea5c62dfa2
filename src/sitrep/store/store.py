"""The store: per-article analyses in, corpus-level results in, view queries out.

One :class:`Store` wraps one database (an SQLite file by default, PostgreSQL by URL).
Each article is written in a single transaction keyed by its content hash, so
re-running the pipeline on the same input adds nothing, and a failure half-way
through one article leaves every earlier article as it was.
"""

from __future__ import annotations

import json
import os
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from datetime import UTC, datetime
from types import TracebackType
from typing import Any

from sqlalchemy import Connection, Engine, bindparam, delete, exists, func, inspect, select

from sitrep.model import DocumentAnalysis
from sitrep.store import dialect, queries
from sitrep.store.corpus import chunks
from sitrep.store.records import EntityAssignment, EntityRecord
from sitrep.store.rows import article_row, build_analysis, child_rows
from sitrep.store.schema import (
    articles,
    entities,
    entity_aliases,
    event_arguments,
    event_casualties,
    events,
    mentions,
    metadata,
    noise,
    places,
    quotes,
    sentences,
    stories,
    story_articles,
    timexes,
)

# Child tables in foreign-key order (a row's targets are inserted before it).
_CHILDREN = (sentences, noise, mentions, timexes, places, events, event_arguments, event_casualties, quotes)
_ORDER = {"event_arguments": ("event", "role", "position"), "event_casualties": ("event", "position")}

Row = dict[str, Any]


class StoreLayoutError(RuntimeError):
    """The store was written by a sitrep whose tables differ from this one's."""


def _check_layout(conn: Connection) -> None:
    """Refuse a store whose tables lack columns this version writes, with a message that
    says what to do, rather than fail later on the first insert."""
    inspector = inspect(conn)
    for table in metadata.sorted_tables:
        present = {column["name"] for column in inspector.get_columns(table.name)}
        missing = [column.name for column in table.columns if column.name not in present]
        if missing:
            raise StoreLayoutError(
                f"this store was written by another version of sitrep: table {table.name!r} lacks "
                f"{', '.join(missing)}. Ingest the articles again into a new store (--db NEW_PATH)."
            )


class Store:
    """A sitrep database. Open with :meth:`open`; use as a context manager."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    @classmethod
    def open(cls, url_or_path: str | os.PathLike[str], *, create: bool = True) -> Store:
        """Open (creating the schema if missing) an SQLite file given by path, or the
        database at a URL (``sqlite:///...``, ``postgresql://...``).

        ``create=False`` is for readers (report, search, export ...): a database that is
        missing, or has no sitrep tables, raises :class:`~sitrep.store.dialect.NoStore`
        rather than being created where a mistyped ``--db`` points.
        """
        engine = dialect.engine_for(os.fspath(url_or_path), create=create)
        if not create:
            try:
                found = inspect(engine).has_table(articles.name)
            except Exception:
                engine.dispose()
                raise
            if not found:
                engine.dispose()
                raise dialect.NoStore("the database has no sitrep tables")
            with engine.connect() as conn:
                _check_layout(conn)
            return cls(engine)
        with engine.begin() as conn:
            metadata.create_all(conn)
            _check_layout(conn)
            dialect.create_fulltext(conn)
        return cls(engine)

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()

    # -- per-article analyses -------------------------------------------------------

    def has_article(self, article_id: str) -> bool:
        with self.engine.connect() as conn:
            found = conn.execute(select(articles.c.seq).where(articles.c.id == article_id))
            return found.first() is not None

    def save_analysis(self, analysis: DocumentAnalysis) -> bool:
        """Store an article and everything found in it; False (and no change) if the
        article is already stored."""
        ingested_at = datetime.now(UTC).isoformat(timespec="seconds")
        with self.engine.begin() as conn:
            stmt = (dialect.insert(conn, articles)
                    .on_conflict_do_nothing(index_elements=["id"])
                    .returning(articles.c.seq))
            seq = conn.execute(stmt, article_row(analysis, ingested_at)).scalar_one_or_none()
            if seq is None:
                return False
            doc = analysis.document
            dialect.index_article(conn, seq, doc.meta.title, doc.text)
            rows = child_rows(analysis)
            for table in _CHILDREN:
                if rows[table.name]:
                    conn.execute(table.insert(), rows[table.name])
        return True

    def load_analysis(self, article_id: str) -> DocumentAnalysis:
        """The analysis as it was saved; KeyError if the article is not stored."""
        with self.engine.connect() as conn:
            row = conn.execute(select(articles).where(articles.c.id == article_id)).first()
            if row is None:
                raise KeyError(article_id)
            return self._build(conn, [row._mapping])[0]

    def iter_analyses(self, batch_size: int = 200) -> Iterator[DocumentAnalysis]:
        """Every stored analysis in ingestion order, read in batches (a short read
        transaction per batch, so writers are never held up for long)."""
        last = 0
        while True:
            with self.engine.connect() as conn:
                batch = [r._mapping for r in conn.execute(
                    select(articles).where(articles.c.seq > last)
                    .order_by(articles.c.seq).limit(batch_size))]
                if not batch:
                    return
                built = self._build(conn, batch)
            last = batch[-1]["seq"]
            yield from built

    @staticmethod
    def _build(conn: Connection, article_rows: Sequence[Mapping[str, Any]]
               ) -> list[DocumentAnalysis]:
        ids = [r["id"] for r in article_rows]
        children: dict[str, dict[str, list[Row]]] = defaultdict(lambda: defaultdict(list))
        for table in _CHILDREN:
            order = [table.c[c] for c in _ORDER.get(table.name, ("idx",))]
            stmt = (select(table).where(table.c.article_id.in_(ids))
                    .order_by(table.c.article_id, *order))
            for r in conn.execute(stmt):
                children[r.article_id][table.name].append(r._mapping)
        return [build_analysis(r, children[r["id"]]) for r in article_rows]

    # -- corpus-level results (written by the resolve stage) ------------------------

    def upsert_entities(self, records: Iterable[EntityRecord]) -> None:
        """Insert or replace entities, aliases included (the given aliases become all
        of the entity's aliases)."""
        records = list(records)
        if not records:
            return
        with self.engine.begin() as conn:
            stmt = dialect.insert(conn, entities)
            stmt = stmt.on_conflict_do_update(
                index_elements=["id"],
                set_={c: stmt.excluded[c] for c in ("name", "type", "kb_id", "evidence")},
            )
            conn.execute(stmt, [
                {"id": e.id, "name": e.name, "type": e.type, "kb_id": e.kb_id,
                 "evidence": json.dumps(e.evidence, ensure_ascii=False, sort_keys=True)}
                for e in records
            ])
            ids = [e.id for e in records]
            conn.execute(delete(entity_aliases).where(entity_aliases.c.entity_id.in_(ids)))
            alias_rows = list({
                (e.id, a.name, a.language or ""): None for e in records for a in e.aliases
            })
            if alias_rows:
                conn.execute(entity_aliases.insert(), [
                    {"entity_id": i, "alias": n, "language": lang} for i, n, lang in alias_rows
                ])

    def delete_entities(self, entity_ids: Iterable[str]) -> None:
        """Remove entities (e.g. merged into another); their mentions become unassigned."""
        ids = list(entity_ids)
        if not ids:
            return
        with self.engine.begin() as conn:
            conn.execute(delete(entities).where(entities.c.id.in_(ids)))

    def prune_entities(self, among: Iterable[str] | None = None) -> int:
        """Delete the entities nothing points at any more (no mention, event participant
        or quote speaker) and return how many: all of them, or only those ``among`` the
        given ids (what a corpus update wrote: checking only those keeps an ingest's cost
        independent of the store's size). Re-resolution can move every mention of an
        entity to another one (a lone surname joins the full name a later article gives);
        left in place, the old entity would stay listed with no evidence."""
        unused = (
            ~exists().where(mentions.c.entity_id == entities.c.id),
            ~exists().where(event_arguments.c.entity_id == entities.c.id),
            ~exists().where(quotes.c.speaker_entity_id == entities.c.id),
        )
        deleted = 0
        with self.engine.begin() as conn:
            if among is None:
                return conn.execute(delete(entities).where(*unused)).rowcount
            for part in chunks(sorted(set(among))):
                deleted += conn.execute(delete(entities).where(entities.c.id.in_(part), *unused)).rowcount
        return deleted

    def set_entity_assignments(self, assignments: Iterable[EntityAssignment]) -> None:
        """Point mentions at entities (which must exist: call :meth:`upsert_entities`
        first). Event arguments and quote speakers that point at the mention follow."""
        params = [{"a": a.article_id, "m": a.mention, "e": a.entity_id} for a in assignments]
        if not params:
            return
        targets = (
            (mentions, mentions.c.idx, mentions.c.entity_id),
            (event_arguments, event_arguments.c.mention, event_arguments.c.entity_id),
            (quotes, quotes.c.speaker_mention, quotes.c.speaker_entity_id),
        )
        with self.engine.begin() as conn:
            for table, mention_col, entity_col in targets:
                stmt = (table.update()
                        .where(table.c.article_id == bindparam("a"),
                               mention_col == bindparam("m"))
                        .values({entity_col: bindparam("e")}))
                conn.execute(stmt, params)

    def assign_agent_entities(self, entity_of_agent: Mapping[str, str]) -> None:
        """Point unnamed event participants and speakers (no mention, an agent code such as
        "SYR GOV") at the entity of their agent code; the entities must exist."""
        params = [{"g": agent, "e": entity_id} for agent, entity_id in entity_of_agent.items()]
        if not params:
            return
        with self.engine.begin() as conn:
            conn.execute(
                event_arguments.update()
                .where(event_arguments.c.mention.is_(None), event_arguments.c.agent == bindparam("g"))
                .values(entity_id=bindparam("e")),
                params,
            )
            conn.execute(
                quotes.update()
                .where(quotes.c.speaker_mention.is_(None), quotes.c.speaker_agent == bindparam("g"))
                .values(speaker_entity_id=bindparam("e")),
                params,
            )

    def set_stories(self, story_articles_by_id: Mapping[str, Sequence[str]],
                    labels: Mapping[str, str] | None = None) -> None:
        """Replace all story assignments: story id -> article ids, with optional labels."""
        labels = labels or {}
        with self.engine.begin() as conn:
            conn.execute(delete(story_articles))
            conn.execute(delete(stories))
            if not story_articles_by_id:
                return
            conn.execute(stories.insert(), [
                {"id": sid, "label": labels.get(sid)} for sid in story_articles_by_id
            ])
            members = [
                {"story_id": sid, "article_id": aid}
                for sid, aids in story_articles_by_id.items() for aid in dict.fromkeys(aids)
            ]
            if members:
                conn.execute(story_articles.insert(), members)

    def count_entities(self) -> int:
        with self.engine.connect() as conn:
            return conn.execute(select(func.count()).select_from(entities)).scalar_one()

    def count_stories(self) -> int:
        with self.engine.connect() as conn:
            return conn.execute(select(func.count()).select_from(stories)).scalar_one()

    # -- queries for the views ------------------------------------------------------

    def _read(self, query: Any, *args: Any) -> Any:
        with self.engine.connect() as conn:
            return query(conn, *args)

    def articles(self) -> list[Row]:
        """Article metadata (no text), by publication date."""
        return self._read(queries.articles_list)

    def entities(self) -> list[Row]:
        """Entities with aliases, languages, counts and first/last seen dates."""
        return self._read(queries.entities_list)

    def entity(self, entity_id: str) -> Row | None:
        """One entity with every mention of it in context; None if unknown."""
        return self._read(queries.entity_detail, entity_id)

    def mentions(self, story_id: str | None = None) -> list[Row]:
        return self._read(queries.mentions_list, story_id)

    def stories(self) -> list[Row]:
        """Stories with their articles, largest first."""
        return self._read(queries.stories_list)

    def events(self, story_id: str | None = None) -> list[Row]:
        return self._read(queries.events_list, story_id)

    def quotes(self, story_id: str | None = None) -> list[Row]:
        return self._read(queries.quotes_list, story_id)

    def places(self, story_id: str | None = None) -> list[Row]:
        return self._read(queries.places_list, story_id)

    def timexes(self, story_id: str | None = None) -> list[Row]:
        return self._read(queries.timexes_list, story_id)

    def canonical_events(self, story_id: str | None = None, since: str | None = None, min_sources: int = 1,
                         contradictions: bool = False, reports: bool = False) -> list[Row]:
        """Canonical events (one per real-world event), newest first, with their
        contradictions, stories and participants' names (and, asked, every report)."""
        return self._read(queries.canonical_events_list, story_id, since, min_sources, contradictions, reports)

    def canonical_event(self, canonical_id: str) -> Row | None:
        """One canonical event with every report behind it; None if unknown."""
        return self._read(queries.canonical_event_detail, canonical_id)

    def search(self, query: str, limit: int = 50) -> list[tuple[str, str | None, str]]:
        """Full-text search: ``(article_id, title, snippet)``, best match first."""
        return self._read(dialect.search, query, limit)
