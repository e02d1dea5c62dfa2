"""The domain types every stage speaks.

Every fact sitrep extracts is a span of the article text (character offsets into
``Document.text``, end exclusive, plus the index of the sentence it lies in), so a
briefing line, a map pin or an exported row can always be traced back to the words
that support it. The types are plain dataclasses: cheap to pickle into a process
pool or a Ray task, easy to turn into JSON with :func:`to_dict`.
"""

from __future__ import annotations

import dataclasses
import hashlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any, Literal

EntityLabel = Literal["PER", "ORG", "LOC"]
TimexType = Literal["DATE", "TIME", "DURATION", "SET"]
QuoteKind = Literal["direct", "indirect", "attribution"]
# What the text says of an event: only "reported" events (happened or happening) count by
# default; the others are kept and shown on request.
EventStatus = Literal["reported", "planned", "threatened", "hypothetical", "negated", "denied", "background"]
EVENT_STATUSES: tuple[str, ...] = (
    "reported", "planned", "threatened", "hypothetical", "negated", "denied", "background",
)
CasualtyKind = Literal["killed", "injured", "arrested", "displaced", "missing"]

PLOVER_TYPES: tuple[str, ...] = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
)


@dataclass(kw_only=True)
class Meta:
    """What we know about an article besides its text; every field may be missing."""

    url: str | None = None
    outlet: str | None = None
    published: str | None = None  # ISO date or datetime: anchors relative time expressions
    language: str | None = None  # ISO 639-1 code, declared by the source (may be wrong)
    title: str | None = None


@dataclass(kw_only=True)
class Document:
    """One article as read from a source, before analysis."""

    id: str  # content hash (see content_id): the same text is the same article
    text: str
    meta: Meta = field(default_factory=Meta)
    source: str = ""  # where it was read from: path, path#line, feed item link ...
    warnings: list[str] = field(default_factory=list)  # what reading it cost (a dropped date)


def content_id(text: str) -> str:
    """Stable article id from the text alone, so re-ingesting a file adds nothing."""
    normalised = " ".join(text.split())
    return hashlib.sha256(normalised.encode("utf-8")).hexdigest()[:16]


@dataclass(kw_only=True)
class Span:
    """A stretch of the article text: ``text == document.text[start:end]``."""

    start: int
    end: int
    text: str
    sentence: int = -1  # index into DocumentAnalysis.sentences; -1 when unknown


@dataclass(kw_only=True)
class Sentence:
    start: int
    end: int


@dataclass(kw_only=True)
class NoiseSpan(Span):
    """Text that is not article content (link lists, other headlines, captions)."""

    reason: str


@dataclass(kw_only=True)
class Mention(Span):
    """A name of a person, organisation or place."""

    label: EntityLabel
    source: str = "pattern"  # which detector found it: pattern, gazetteer, kb, model
    key: str = ""  # normalised name used to link mentions; filled by the entity stage
    cluster: int = -1  # in-document entity: mentions with the same cluster co-refer
    kb_id: str | None = None  # knowledge-base id when the name is a known actor/place


@dataclass(kw_only=True)
class Timex(Span):
    """A time expression normalised to a TimeML value."""

    type: TimexType
    value: str  # TimeML value: 2024-11-27, 2024-W48, P3D, PRESENT_REF, XXXX-XX-XX ...
    mod: str | None = None  # APPROX, START, END, MORE_THAN ...
    anchor: Literal["absolute", "dct", "narrative", "unanchored"] = "absolute"
    precision: int | None = None  # ACLED time precision: 1 day, 2 week/range, 3 month or vaguer


@dataclass(kw_only=True)
class Place(Span):
    """A toponym resolved to a gazetteer record."""

    geonameid: int | None = None
    name: str = ""  # the gazetteer's name of the record
    kind: str = "city"  # city, admin1, admin2, country, site, region, water, continent
    feature_class: str | None = None
    feature_code: str | None = None
    country_code: str | None = None  # ISO 3166-1 alpha-2
    admin1: str | None = None
    lat: float | None = None
    lon: float | None = None
    precision: int | None = None  # ACLED geo precision: 1 town, 2 near/part of region, 3 admin/country
    score: float = 0.0


@dataclass(kw_only=True)
class Argument(Span):
    """An event participant or a quote's speaker, pointing at a mention when there is one."""

    mention: int | None = field(default=None, metadata={"ref": "mentions"})  # index into DocumentAnalysis.mentions
    nominal: bool = False  # a description ("the regime", "rebels") rather than a name
    agent: str | None = None  # actor code in the spirit of CAMEO/PLOVER, e.g. "SYR GOV"


@dataclass(kw_only=True)
class Casualty(Span):
    """A count of people an event killed, injured, arrested or displaced, with its words
    ("at least 34 people were killed"): ``text`` / offsets are the evidence."""

    kind: CasualtyKind
    count: int
    qualifier: str | None = None  # at_least, about, up_to, more_than, fewer_than; None: exact


@dataclass(kw_only=True)
class Event(Span):
    """Who did what to whom, when and where. ``text`` / offsets are the evidence clause.

    Dates and places follow ACLED's conventions: ``date_precision`` 1 (day), 2 (week or
    range) or 3 (month or vaguer); ``place_precision`` 1 (the town), 2 (near a town or in
    part of a region), 3 (only a province, region or country). ``*_inferred`` says the
    value is not stated for this event but taken from its sentence, paragraph, dateline or
    the publication date.
    """

    type: str  # PLOVER root type
    subtype: str | None = None
    trigger: Span
    actors: list[Argument] = field(default_factory=list)
    targets: list[Argument] = field(default_factory=list)
    status: EventStatus = "reported"
    date: str | None = None  # ISO date (or coarser TimeML value) of when it happened
    date_precision: int | None = None
    date_inferred: bool = False
    timex: int | None = field(default=None, metadata={"ref": "timexes"})  # the timex the date comes from
    place: int | None = field(default=None, metadata={"ref": "places"})  # index into DocumentAnalysis.places
    place_precision: int | None = None
    place_inferred: bool = False
    place_relation: str | None = None  # "20 km north of": where the event is, relative to the place
    casualties: list[Casualty] = field(default_factory=list)
    confidence: float = 0.5


@dataclass(kw_only=True)
class Quote(Span):
    """What someone said. ``text`` / offsets are the content of the claim."""

    kind: QuoteKind
    speaker: Argument | None = None
    speaker_label: str | None = None  # unnamed sources: "analysts", "officials"
    cue: Span | None = None  # "said", "according to", "menurut" ...


@dataclass(kw_only=True)
class DocumentAnalysis:
    """Everything the per-document stages found in one article."""

    document: Document
    language: str
    sentences: list[Sentence] = field(default_factory=list)
    noise: list[NoiseSpan] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    timexes: list[Timex] = field(default_factory=list)
    places: list[Place] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)  # e.g. "no publication date: relative dates unresolved"


def participants(events: Iterable[Event], quotes: Iterable[Quote]) -> Iterator[Argument]:
    """Every event actor and target and every quote speaker, in document order of their owners."""
    for event in events:
        yield from event.actors
        yield from event.targets
    for quote in quotes:
        if quote.speaker is not None:
            yield quote.speaker


def to_dict(obj: Any) -> Any:
    """JSON-ready dict of any sitrep dataclass (recursively)."""
    return dataclasses.asdict(obj)
