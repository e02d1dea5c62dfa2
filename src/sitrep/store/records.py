"""What the resolve stage writes into the store, beside the per-article analyses."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(kw_only=True)
class Alias:
    """One name an entity goes by, in one language (``None`` when unknown)."""

    name: str
    language: str | None = None


@dataclass(kw_only=True)
class EntityRecord:
    """A real-world entity seen across articles and languages.

    ``evidence`` says why mentions were merged into it (which alias, which rule, what
    score), so that a merge can be checked and undone; it is stored as JSON.
    """

    id: str
    name: str
    type: str  # PER, ORG or LOC
    kb_id: str | None = None
    aliases: list[Alias] = field(default_factory=list)
    evidence: list[dict[str, Any]] = field(default_factory=list)


@dataclass(kw_only=True)
class EntityAssignment:
    """Mention ``mention`` (index into the article's mentions) refers to ``entity_id``;
    ``None`` clears an earlier assignment."""

    article_id: str
    mention: int
    entity_id: str | None


# -- what the incremental corpus stage keeps (sitrep.resolve.corpus) ------------------------


@dataclass(kw_only=True)
class ArticleLink:
    """Two articles that are one text: a near-duplicate (wire copy, republication) or a
    translation. ``original`` is the earlier one; every later copy points at it."""

    article_id: str
    original: str
    kind: str  # duplicate or translation
    score: float  # estimated Jaccard similarity of their shingles, or of names/numbers/dates


@dataclass(kw_only=True)
class CanonicalEventRecord:
    """One real-world event as the corpus knows it, its fields reconciled from its reports.

    ``date``/``place`` are the most precise a report states; ``actors``/``targets`` map
    entity ids to the number of independent sources naming them; ``sources`` counts
    distinct outlets, a wire copy or a translation counted with its original."""

    id: str
    type: str
    subtype: str | None = None
    date: str | None = None
    date_precision: int | None = None
    geonameid: int | None = None
    place_name: str | None = None
    lat: float | None = None
    lon: float | None = None
    country: str | None = None
    admin1: str | None = None
    place_precision: int | None = None
    actors: dict[str, int] = field(default_factory=dict, metadata={"json": True})
    targets: dict[str, int] = field(default_factory=dict, metadata={"json": True})
    fatalities: int | None = None  # the highest count a source gives
    disorder_type: str | None = None  # the ACLED coding most reports share (sitrep.analyse.acled)
    acled_event_type: str | None = None
    sub_event_type: str | None = None
    inter1: int | None = None
    inter2: int | None = None
    interaction: int | None = None
    civilian_targeting: bool = False
    notes: str | None = None  # the evidence of the report that states the date it has
    reports: int = 0
    sources: int = 0
    languages: list[str] = field(default_factory=list, metadata={"json": True})
    first_reported: str | None = None
    last_updated: str | None = None
    contradictions: int = 0


@dataclass(kw_only=True)
class EventReportRecord:
    """Event ``event`` of article ``article_id`` is a report of canonical event ``canonical_id``."""

    canonical_id: str
    article_id: str
    event: int
    source: str  # the independent source it counts for
    evidence: dict[str, Any] = field(default_factory=dict, metadata={"json": True})  # why it joined


@dataclass(kw_only=True)
class ContradictionRecord:
    """Two groups of sources that tell one event differently, both versions kept."""

    canonical_id: str
    position: int
    field: str  # date, place, actors, killed, injured ...
    value_a: str
    sources_a: list[str] = field(default_factory=list, metadata={"json": True})
    value_b: str
    sources_b: list[str] = field(default_factory=list, metadata={"json": True})
