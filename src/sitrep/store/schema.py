"""Tables of the sitrep store, written once for SQLite and PostgreSQL.

Every per-article fact is a row keyed by ``(article_id, idx)``, where ``idx`` is the
item's position in its :class:`~sitrep.model.DocumentAnalysis` list, so indices that
point from one item to another (an event's place, an argument's mention) become
composite foreign keys the database checks. Each such row keeps its evidence: the
character offsets and the sentence index. Corpus-level results of the resolve stage
(entities, their aliases, stories) live in their own tables and only point at
articles and mentions.
"""

from __future__ import annotations

from sqlalchemy import (
    Boolean,
    Column,
    Float,
    ForeignKey,
    ForeignKeyConstraint,
    Index,
    Integer,
    MetaData,
    PrimaryKeyConstraint,
    Table,
    Text,
)

metadata = MetaData()


def _span(prefix: str = "", *, nullable: bool = False) -> list[Column]:
    """Offsets, text and sentence index of a span (optionally prefixed and nullable)."""
    return [
        Column(f"{prefix}start", Integer, nullable=nullable),
        Column(f"{prefix}end", Integer, nullable=nullable),
        Column(f"{prefix}text", Text, nullable=nullable),
        Column(f"{prefix}sentence", Integer, nullable=nullable),
    ]


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

sentences = Table(
    "sentences",
    metadata,
    _article_fk(),
    Column("idx", Integer, nullable=False),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    PrimaryKeyConstraint("article_id", "idx"),
)

noise = Table(
    "noise",
    metadata,
    _article_fk(),
    Column("idx", Integer, nullable=False),
    *_span(),
    Column("reason", Text, nullable=False),
    PrimaryKeyConstraint("article_id", "idx"),
)

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

mentions = Table(
    "mentions",
    metadata,
    _article_fk(),
    Column("idx", Integer, nullable=False),
    *_span(),
    Column("label", Text, nullable=False),
    Column("source", Text, nullable=False),
    Column("key", Text, nullable=False),
    Column("cluster", Integer, nullable=False),
    Column("kb_id", Text),
    Column("entity_id", Text, ForeignKey("entities.id", ondelete="SET NULL")),
    PrimaryKeyConstraint("article_id", "idx"),
)
Index("mentions_entity", mentions.c.entity_id)

timexes = Table(
    "timexes",
    metadata,
    _article_fk(),
    Column("idx", Integer, nullable=False),
    *_span(),
    Column("type", Text, nullable=False),
    Column("value", Text, nullable=False),
    Column("mod", Text),
    Column("anchor", Text, nullable=False),
    Column("precision", Integer),
    PrimaryKeyConstraint("article_id", "idx"),
)

places = Table(
    "places",
    metadata,
    _article_fk(),
    Column("idx", Integer, nullable=False),
    *_span(),
    Column("geonameid", Integer),
    Column("name", Text, nullable=False),
    Column("kind", Text, nullable=False),
    Column("feature_class", Text),
    Column("feature_code", Text),
    Column("country_code", Text),
    Column("admin1", Text),
    Column("lat", Float),
    Column("lon", Float),
    Column("precision", Integer),
    Column("score", Float, nullable=False),
    PrimaryKeyConstraint("article_id", "idx"),
)

events = Table(
    "events",
    metadata,
    _article_fk(),
    Column("idx", Integer, nullable=False),
    *_span(),  # the evidence clause
    Column("type", Text, nullable=False),
    Column("subtype", Text),
    *_span("trigger_"),
    Column("status", Text, nullable=False),  # reported, planned, threatened, hypothetical ...
    Column("date", Text),
    Column("date_precision", Integer),  # ACLED time precision: 1 day, 2 week/range, 3 month
    Column("date_inferred", Boolean, nullable=False),
    Column("timex", Integer),
    Column("place", Integer),
    Column("place_precision", Integer),  # ACLED geo precision: 1 town, 2 near/part, 3 region
    Column("place_inferred", Boolean, nullable=False),
    Column("place_relation", Text),  # "20 km north of"
    Column("confidence", Float, nullable=False),
    PrimaryKeyConstraint("article_id", "idx"),
    ForeignKeyConstraint(["article_id", "timex"], ["timexes.article_id", "timexes.idx"]),
    ForeignKeyConstraint(["article_id", "place"], ["places.article_id", "places.idx"]),
)
Index("events_type", events.c.type)

event_casualties = Table(
    "event_casualties",
    metadata,
    _article_fk(),
    Column("event", Integer, nullable=False),
    Column("position", Integer, nullable=False),  # order within the event's list
    *_span(),  # the words that give the count
    Column("kind", Text, nullable=False),  # killed, injured, arrested, displaced, missing
    Column("count", Integer, nullable=False),
    Column("qualifier", Text),  # at_least, about, up_to, more_than, fewer_than
    PrimaryKeyConstraint("article_id", "event", "position"),
    ForeignKeyConstraint(
        ["article_id", "event"], ["events.article_id", "events.idx"], ondelete="CASCADE"
    ),
)

event_arguments = Table(
    "event_arguments",
    metadata,
    _article_fk(),
    Column("event", Integer, nullable=False),
    Column("role", Text, nullable=False),  # actor or target
    Column("position", Integer, nullable=False),  # order within the role's list
    *_span(),
    Column("mention", Integer),
    Column("nominal", Boolean, nullable=False),
    Column("agent", Text),
    Column("entity_id", Text, ForeignKey("entities.id", ondelete="SET NULL")),
    PrimaryKeyConstraint("article_id", "event", "role", "position"),
    ForeignKeyConstraint(
        ["article_id", "event"], ["events.article_id", "events.idx"], ondelete="CASCADE"
    ),
    ForeignKeyConstraint(["article_id", "mention"], ["mentions.article_id", "mentions.idx"]),
)
Index("event_arguments_entity", event_arguments.c.entity_id)

quotes = Table(
    "quotes",
    metadata,
    _article_fk(),
    Column("idx", Integer, nullable=False),
    *_span(),  # the content of the claim
    Column("kind", Text, nullable=False),
    *_span("speaker_", nullable=True),
    Column("speaker_mention", Integer),
    Column("speaker_nominal", Boolean),
    Column("speaker_agent", Text),
    Column("speaker_entity_id", Text, ForeignKey("entities.id", ondelete="SET NULL")),
    Column("speaker_label", Text),
    *_span("cue_", nullable=True),
    PrimaryKeyConstraint("article_id", "idx"),
    ForeignKeyConstraint(
        ["article_id", "speaker_mention"], ["mentions.article_id", "mentions.idx"]
    ),
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
