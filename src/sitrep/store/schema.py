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
from sitrep.store.records import ArticleLink, CanonicalEventRecord, ContradictionRecord, EventReportRecord

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

# -- the incremental corpus stage's state (sitrep.resolve.corpus) -----------------------------
# An article is in ``resolved`` once the corpus stage has taken it in; a run that stops
# half-way resumes with the stored articles that are not.

resolved = Table("resolved", metadata, _article_fk(), PrimaryKeyConstraint("article_id"))

# Lookup keys of an article for blocking: its MinHash bands, entity ids, places, numbers
# and dates ("band", "entity", "place", "number", "date"), with the article's day.
article_keys = Table(
    "article_keys",
    metadata,
    Column("kind", Text, nullable=False),
    Column("value", Text, nullable=False),
    _article_fk(),
    Column("day", Integer),  # days since 1970 of its publication, when known
    PrimaryKeyConstraint("kind", "value", "article_id"),
)
Index("article_keys_article", article_keys.c.article_id)

# How many story keys of each kind an article holds: a story comparison needs the size
# of an earlier article's key set, never the keys themselves.
article_key_counts = Table(
    "article_key_counts",
    metadata,
    _article_fk(),
    Column("kind", Text, nullable=False),
    Column("n", Integer, nullable=False),
    PrimaryKeyConstraint("article_id", "kind"),
)

# How many articles hold each story key (its document frequency), kept up to date as
# articles are resolved: a key's weight is read, never counted over the store.
key_frequencies = Table(
    "key_frequencies",
    metadata,
    Column("kind", Text, nullable=False),
    Column("value", Text, nullable=False),
    Column("df", Integer, nullable=False),
    PrimaryKeyConstraint("kind", "value"),
)

article_links = Table(
    "article_links",
    metadata,
    *columns(ArticleLink),
    PrimaryKeyConstraint("article_id"),
    ForeignKeyConstraint(["article_id"], ["articles.id"], ondelete="CASCADE"),
    ForeignKeyConstraint(["original"], ["articles.id"], ondelete="CASCADE"),
)
Index("article_links_original", article_links.c.original)

# Entity lookups the merges need: a lone surname joins the one person with it, an
# acronym the one organisation with those initials ("surname", "initials").
entity_index = Table(
    "entity_index",
    metadata,
    Column("kind", Text, nullable=False),
    Column("key", Text, nullable=False),
    Column("entity_id", Text, ForeignKey("entities.id", ondelete="CASCADE"), nullable=False),
    PrimaryKeyConstraint("kind", "key", "entity_id"),
)

canonical_events = Table(
    "canonical_events", metadata, *columns(CanonicalEventRecord, skip=("id",)),
    Column("id", Text, primary_key=True),
)
Index("canonical_events_date", canonical_events.c.date)
Index("canonical_events_type", canonical_events.c.type)

event_reports = Table(
    "event_reports",
    metadata,
    *columns(EventReportRecord),
    PrimaryKeyConstraint("article_id", "event"),
    ForeignKeyConstraint(["canonical_id"], ["canonical_events.id"], ondelete="CASCADE"),
    ForeignKeyConstraint(["article_id", "event"], ["events.article_id", "events.idx"], ondelete="CASCADE"),
)
Index("event_reports_canonical", event_reports.c.canonical_id)

event_contradictions = Table(
    "event_contradictions",
    metadata,
    *columns(ContradictionRecord),
    PrimaryKeyConstraint("canonical_id", "position"),
    ForeignKeyConstraint(["canonical_id"], ["canonical_events.id"], ondelete="CASCADE"),
)

# Blocking keys of canonical events: "<type>|<country>|<day>" for each day its date
# allows, and "<type>|entity|<id>" for each actor and target.
event_blocks = Table(
    "event_blocks",
    metadata,
    Column("key", Text, nullable=False),
    Column("canonical_id", Text, ForeignKey("canonical_events.id", ondelete="CASCADE"), nullable=False),
    PrimaryKeyConstraint("key", "canonical_id"),
)
