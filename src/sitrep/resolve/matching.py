"""When two reports tell of the same real-world event, and what the record of it says.

Pure functions over :class:`EventReport` (one extracted event of one article, with its
corpus-level entity ids) and :class:`CanonicalEvent` (the record many reports build),
used by the incremental corpus stage (:mod:`sitrep.resolve.events`). Two reports are of
one event when they are *compatible* (same PLOVER type and mode family; dates within
what both precisions allow; places in the same area; no clash of named actors) and some
*evidence* ties them (a shared actor or target, the same place, or the same day and
country). The record keeps every report; its fields are reconciled from them (the most
precise date and place some report states; actors with the number of sources that name
them), and every disagreement between sources is listed with both versions.
"""

from __future__ import annotations

import datetime as dt
import math
from collections import Counter
from dataclasses import dataclass, field

# how far apart two dates may be, in days, at ACLED time precision 1 / 2 / 3
DATE_TOLERANCE = {1: 1, 2: 7, 3: 31}
INFERRED_TOLERANCE = 3  # a date taken from the publication: news reports the days before
LATE_REPORT_DAYS = 31  # ... and looks back at an event of the past weeks (with more evidence)
# how far apart two places may be, in km, at ACLED geo precision 1 / 2 / 3
PLACE_RADIUS = {1: 30.0, 2: 60.0, 3: 250.0}
# modes of one PLOVER type that are different acts (taking a town is not bombing it)
EXCLUSIVE_MODES = frozenset({"capture territory", "coup", "leader flees", "abandon position"})
MIN_EVIDENCE = 2.0


@dataclass
class Casualties:
    kind: str
    count: int
    qualifier: str | None
    source: str  # outlet, else article id
    article_id: str
    according_to: str | None = None  # who the article says gave the figure ("the health ministry")

    def attributed(self) -> str:
        """The source as a contradiction lists it: "Al Jazeera (health ministry)"."""
        return f"{self.source} ({self.according_to})" if self.according_to else self.source


@dataclass
class EventReport:
    """One event as one article reports it, with corpus-level ids."""

    article_id: str
    event_index: int
    source: str  # the independent source it counts for: its original's outlet, else its own
    outlet: str | None
    language: str
    published: str | None
    type: str
    subtype: str | None
    date: str | None
    date_precision: int | None
    date_inferred: bool
    geonameid: int | None
    lat: float | None
    lon: float | None
    country: str | None
    admin1: str | None
    place_precision: int | None
    place_inferred: bool
    actors: frozenset[str]
    targets: frozenset[str]
    named: frozenset[str]  # the participants that are named (not descriptions)
    casualties: list[Casualties] = field(default_factory=list)
    sides: frozenset[str] = frozenset()  # the actors' agent codes ("SYR REB"): HTS and "Syrian rebels" meet
    sentence: str = ""
    acled: dict | None = None  # the event's ACLED coding (sitrep.analyse.acled.AcledView as a dict)


def day(value: str | None) -> dt.date | None:
    """The first day a TimeML date value covers (2024-11 -> 1 November)."""
    if not value:
        return None
    try:
        if len(value) >= 10:
            return dt.date.fromisoformat(value[:10])
        if len(value) == 7:
            return dt.date(int(value[:4]), int(value[5:7]), 1)
        if len(value) == 4:
            return dt.date(int(value), 1, 1)
    except ValueError:
        return None
    return None


def date_tolerance(report: EventReport) -> int:
    if report.date_inferred:
        return INFERRED_TOLERANCE
    return DATE_TOLERANCE.get(report.date_precision or 3, 31)


def _late_report(undated: EventReport, told: dt.date, dated: EventReport, on: dt.date) -> bool:
    """Whether a report without a date of its own (dated by its publication) may tell,
    days or weeks later, of an event that another report dates ("the car bomb attack at
    the embassy killed 253", two weeks on)."""
    if not undated.date_inferred or dated.date_inferred:
        return False
    return 0 <= (told - on).days <= LATE_REPORT_DAYS


def _other_ground(a: EventReport, b: EventReport) -> bool:
    """Whether two captures of territory name different towns or sites: the place is what
    was taken, so each is its own event however close."""
    return (a.subtype == b.subtype == "capture territory" and a.geonameid != b.geonameid
            and bool(a.geonameid or b.geonameid) and a.place_precision == b.place_precision == 1
            and not (a.place_inferred or b.place_inferred))


def km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(a)))


@dataclass
class Verdict:
    clash: bool  # the two cannot be one event (another type, date, place, actor)
    evidence: float  # how much ties them
    reasons: list[str]

    @property
    def same_event(self) -> bool:
        return not self.clash and self.evidence >= MIN_EVIDENCE


def compare(a: EventReport, b: EventReport) -> Verdict:
    """Whether two reports can be of one event, and how much ties them."""
    reasons: list[str] = []
    if a.type != b.type:
        return Verdict(True, 0, ["type"])
    if a.subtype != b.subtype and (a.subtype in EXCLUSIVE_MODES or b.subtype in EXCLUSIVE_MODES) \
            and a.subtype and b.subtype:
        return Verdict(True, 0, ["mode"])
    evidence = 0.0
    da, db = day(a.date), day(b.date)
    if da and db:
        gap = abs((da - db).days)
        late = _late_report(a, da, b, db) or _late_report(b, db, a, da)
        if gap > max(date_tolerance(a), date_tolerance(b)) and not late:
            return Verdict(True, 0, ["date"])
        if late and gap > INFERRED_TOLERANCE:
            evidence -= 1.0  # only the place and the participants can tie it
            reasons.append(f"told {gap} days later")
        if gap == 0 and not (a.date_inferred or b.date_inferred):
            evidence += 1.0
            reasons.append("same day")
    if a.country and b.country and a.country != b.country:
        return Verdict(True, 0, ["country"])
    if _other_ground(a, b):
        return Verdict(True, 0, ["territory"])  # taking the airport is not taking the city
    if a.geonameid and b.geonameid:
        if a.geonameid == b.geonameid:
            evidence += 1.0 if (a.place_inferred or b.place_inferred) else 2.0
            reasons.append("same place")
        elif 3 in (a.place_precision, b.place_precision) and a.country and a.country == b.country:
            evidence += 0.5  # a province or a country and a place in it: its centre says nothing
            reasons.append("same country")
        elif None not in (a.lat, a.lon, b.lat, b.lon):
            radius = max(PLACE_RADIUS.get(a.place_precision or 3, 250), PLACE_RADIUS.get(b.place_precision or 3, 250))
            distance = km(a.lat, a.lon, b.lat, b.lon)
            if distance > radius and not (a.place_inferred or b.place_inferred):
                return Verdict(True, 0, ["place"])
            if distance <= radius:
                evidence += 0.5
                reasons.append(f"places {distance:.0f} km apart")
    elif a.country and a.country == b.country:
        evidence += 0.5
        reasons.append("same country")
    named_a, named_b = a.actors & a.named, b.actors & b.named
    if named_a and named_b and not (named_a & named_b):
        return Verdict(True, 0, ["actors"])  # each names its actor, and they are not the same
    shared_actors, shared_targets = a.actors & b.actors, a.targets & b.targets
    if shared_actors:
        evidence += 2.0
        reasons.append("shared actor")
    elif a.sides & b.sides:
        evidence += 1.5
        reasons.append("actors on the same side")
    if shared_targets:
        evidence += 1.0
        reasons.append("shared target")
    return Verdict(False, evidence, reasons)


@dataclass
class Contradiction:
    field: str  # date, place, actors, targets, killed, injured ...
    value_a: str
    sources_a: list[str]
    value_b: str
    sources_b: list[str]


@dataclass
class CanonicalEvent:
    """One real-world event and everything reported of it."""

    id: str
    reports: list[EventReport] = field(default_factory=list)

    # -- the reconciled fields -------------------------------------------------------------

    @property
    def type(self) -> str:
        return Counter(r.type for r in self.reports).most_common(1)[0][0]

    @property
    def subtype(self) -> str | None:
        modes = Counter(r.subtype for r in self.reports if r.subtype)
        return modes.most_common(1)[0][0] if modes else None

    def best_date(self) -> EventReport | None:
        """The report with the most precise stated date (inferred dates last); among equally
        precise ones, the date the most independent sources give."""
        dated = [r for r in self.reports if r.date]
        if not dated:
            return None
        support: dict[str, set[str]] = {}
        for r in dated:
            if not r.date_inferred:
                support.setdefault(r.date or "", set()).add(r.source)
        return min(dated, key=lambda r: (r.date_inferred, r.date_precision or 3, -len(r.date or ""),
                                         -len(support.get(r.date or "", ())), r.published or ""))

    def best_place(self) -> EventReport | None:
        placed = [r for r in self.reports if r.geonameid]
        if not placed:
            return None
        return min(placed, key=lambda r: (r.place_inferred, r.place_precision or 3))

    def support(self, role: str) -> dict[str, int]:
        """Entity id -> number of independent sources that name it as actor (or target)."""
        counts: dict[str, set[str]] = {}
        for report in self.reports:
            for entity in (report.actors if role == "actors" else report.targets):
                counts.setdefault(entity, set()).add(report.source)
        return {entity: len(sources) for entity, sources in sorted(counts.items(), key=lambda kv: (-len(kv[1]), kv[0]))}

    @property
    def sources(self) -> list[str]:
        return sorted({r.source for r in self.reports})

    @property
    def languages(self) -> list[str]:
        return sorted({r.language for r in self.reports})

    def first_reported(self) -> str | None:
        dates = [r.published for r in self.reports if r.published]
        return min(dates) if dates else None

    def last_updated(self) -> str | None:
        dates = [r.published for r in self.reports if r.published]
        return max(dates) if dates else None

    # -- where sources disagree --------------------------------------------------------------

    def contradictions(self) -> list[Contradiction]:
        out: list[Contradiction] = []
        stated = [r for r in self.reports if r.date and not r.date_inferred and r.date_precision == 1]
        out += _disagreements("date", [(r.date[:10], r.source) for r in stated])
        towns = [r for r in self.reports if r.geonameid and not r.place_inferred and r.place_precision == 1]
        out += _disagreements("place", [(str(r.geonameid), r.source) for r in towns])
        named_actors = [(",".join(sorted(r.actors & r.named)), r.source) for r in self.reports if r.actors & r.named]
        out += _disagreements("actors", named_actors, disjoint=True)
        for kind in sorted({c.kind for r in self.reports for c in r.casualties}):
            counts = [c for r in self.reports for c in r.casualties if c.kind == kind]
            out += _count_disagreements(kind, counts)
        return out


def _disagreements(name: str, values: list[tuple[str, str]], disjoint: bool = False) -> list[Contradiction]:
    """Both versions of a field two groups of sources state differently."""
    by_value: dict[str, set[str]] = {}
    for value, source in values:
        by_value.setdefault(value, set()).add(source)
    if len(by_value) < 2:
        return []
    if disjoint:
        sets = [set(v.split(",")) for v in by_value]
        if any(a & b for i, a in enumerate(sets) for b in sets[i + 1:]):
            return []  # overlapping actor lists are one account, not two
    ranked = sorted(by_value.items(), key=lambda kv: (-len(kv[1]), kv[0]))
    (va, sa), (vb, sb) = ranked[0], ranked[1]
    return [Contradiction(name, va, sorted(sa), vb, sorted(sb))]


def _consistent(a: Casualties, b: Casualties) -> bool:
    """Whether two counts can both be right ("at least 20" and 34 can)."""
    if a.count == b.count:
        return True
    low, high = (a, b) if a.count < b.count else (b, a)
    if low.qualifier in ("at_least", "more_than") or high.qualifier in ("up_to", "fewer_than"):
        return True
    if "about" in (a.qualifier, b.qualifier) and abs(a.count - b.count) <= 0.1 * max(a.count, b.count):
        return True
    return False


def _count_disagreements(kind: str, counts: list[Casualties]) -> list[Contradiction]:
    for i, a in enumerate(counts):
        for b in counts[i + 1:]:
            if not _consistent(a, b):
                sa = sorted({c.attributed() for c in counts if c.count == a.count})
                sb = sorted({c.attributed() for c in counts if c.count == b.count})
                return [Contradiction(kind, _count_text(a), sa, _count_text(b), sb)]
    return []


def _count_text(c: Casualties) -> str:
    words = {"at_least": "at least ", "about": "about ", "up_to": "up to ", "more_than": "more than ",
             "fewer_than": "fewer than "}
    return f"{words.get(c.qualifier or '', '')}{c.count}"
