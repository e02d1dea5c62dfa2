"""Tables of the sitrep store, written once for SQLite and PostgreSQL.

Every per-article fact is a row keyed by ``(article_id, idx)``, where ``idx`` is the
item's position in its :class:`~sitrep.model.DocumentAnalysis` list, so indices that
point from one item to another (an event's place, an argument's mention) become
composite foreign keys the database checks. The columns come from the model's
dataclasses (:mod:`sitrep.layout`): a field added there is a column here. Each
row keeps its evidence: the character offsets and the sentence index. Corpus-level results of the resolve stage
(entities, their aliases, stories) live in their own tables and only point at
articles and mentions.
"""

from __future__ import annotations

from sqlalchemy import (
    Column,
    ForeignKey,
    ForeignKeyConstraint,
    Index,
    Integer,
    MetaData,
    PrimaryKeyConstraint,
    Table,
    Text,
)

from sitrep.layout import columns, specs
from sitrep.model import Argument, Casualty, Event, Mention, NoiseSpan, Place, Quote, Sentence, Timex

metadata = MetaData()


def _article_fk() -> Column:
    return Column(
        "article_id", Text, ForeignKey("articles.id", ondelete="CASCADE"), nullable=False
    )


articles = Table(
    "articles",
    metadata,
    # An integer row key for the full-text index (FTS5 external content needs one).
    Column("seq", Integer, primary_key=True, autoincrement=True),
    Column("id", Text, nullable=False, unique=True),
    Column("source", Text, nullable=False),
    Column("url", Text),
    Column("outlet", Text),
    Column("published", Text),
    Column("meta_language", Text),  # declared by the source
    Column("language", Text, nullable=False),  # detected by the analysis
    Column("title", Text),
    Column("text", Text, nullable=False),
    Column("warnings", Text, nullable=False),  # JSON list of strings
    Column("ingested_at", Text, nullable=False),  # ISO datetime, UTC
)
Index("articles_published", articles.c.published)

def _article_table(name: str, cls: type, *extra: Column | ForeignKeyConstraint, skip: tuple[str, ...] = ()) -> Table:
    """A per-article table of one model class: ``(article_id, idx)`` and the class's
    columns (:mod:`sitrep.layout`), with a foreign key for every index field."""
    cols = columns(cls, skip=skip)
    return Table(
        name, metadata, _article_fk(), Column("idx", Integer, nullable=False), *cols, *extra,
        PrimaryKeyConstraint("article_id", "idx"), *_refs(cls, skip),
    )


def _refs(cls: type, skip: tuple[str, ...] = (), prefix: str = "") -> list[ForeignKeyConstraint]:
    return [
        ForeignKeyConstraint(["article_id", spec.name], [f"{spec.ref}.article_id", f"{spec.ref}.idx"])
        for spec in specs(cls, prefix) if spec.ref and spec.name not in skip
    ]


sentences = _article_table("sentences", Sentence)
noise = _article_table("noise", NoiseSpan)

entities = Table(
    "entities",
    metadata,
    Column("id", Text, primary_key=True),
    Column("name", Text, nullable=False),
    Column("type", Text, nullable=False),
    Column("kb_id", Text),
    Column("evidence", Text, nullable=False),  # JSON: how the entity was merged
)

entity_aliases = Table(
    "entity_aliases",
    metadata,
    Column("entity_id", Text, ForeignKey("entities.id", ondelete="CASCADE"), nullable=False),
    Column("alias", Text, nullable=False),
    Column("language", Text, nullable=False),  # "" when unknown (part of the key)
    PrimaryKeyConstraint("entity_id", "alias", "language"),
)

mentions = _article_table(
    "mentions", Mention, Column("entity_id", Text, ForeignKey("entities.id", ondelete="SET NULL")),
)
Index("mentions_entity", mentions.c.entity_id)

timexes = _article_table("timexes", Timex)
places = _article_table("places", Place)
events = _article_table("events", Event)
Index("events_type", events.c.type)


def _event_child(name: str, cls: type, *extra: Column) -> Table:
    """A list field of an event (its actors and targets, its casualty counts)."""
    return Table(
        name, metadata, _article_fk(), Column("event", Integer, nullable=False), *extra,
        Column("position", Integer, nullable=False),  # order within the event's list
        *columns(cls),
        PrimaryKeyConstraint("article_id", "event", *(c.name for c in extra if c.name == "role"), "position"),
        ForeignKeyConstraint(["article_id", "event"], ["events.article_id", "events.idx"], ondelete="CASCADE"),
        *_refs(cls),
    )


event_arguments = _event_child(
    "event_arguments", Argument,
    Column("role", Text, nullable=False),  # actor or target
)
event_arguments.append_column(Column("entity_id", Text, ForeignKey("entities.id", ondelete="SET NULL")))
Index("event_arguments_entity", event_arguments.c.entity_id)
event_casualties = _event_child("event_casualties", Casualty)

quotes = _article_table(
    "quotes", Quote, Column("speaker_entity_id", Text, ForeignKey("entities.id", ondelete="SET NULL")),
)
Index("quotes_speaker_entity", quotes.c.speaker_entity_id)

stories = Table(
    "stories",
    metadata,
    Column("id", Text, primary_key=True),
    Column("label", Text),
)

story_articles = Table(
    "story_articles",
    metadata,
    Column("story_id", Text, ForeignKey("stories.id", ondelete="CASCADE"), nullable=False),
    _article_fk(),
    PrimaryKeyConstraint("story_id", "article_id"),
)
Index("story_articles_article", story_articles.c.article_id)
