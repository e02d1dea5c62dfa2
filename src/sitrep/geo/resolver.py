"""Toponym resolution: which gazetteer record a place name in a document means.

Each candidate gets a score from the signals a human reader uses: what kind of place it
is and how big, how the name reached it (own name, alias, alternate spelling, demonym),
which countries and first-level divisions the document names, a "Town, State" pattern,
cue words ("province", "kota", "County"), the outlet's country, and closeness to the
other places of the document. The score is a weighted sum of those features; the weights
are learned (scripts/train_geo_ranker.py, shipped in data/geo_ranker.json), with
``HAND_WEIGHTS`` as the hand-set start. Resolution runs twice: the first pass gives the
document's geography, the second uses it.
"""

from __future__ import annotations

import bisect
import json
import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy
from scipy.spatial import cKDTree

from sitrep.geo.build import SRC_ALIAS, SRC_ALT, STRONG
from sitrep.geo.cues import context_cue, strip_cue
from sitrep.geo.gazetteer import Candidate, Gazetteer, GeoRecord
from sitrep.geo.names import norm
from sitrep.geo.toponyms import scan_names
from sitrep.model import Mention, Place

PRECISION = {"city": 1, "site": 1, "admin2": 2, "region": 2, "water": 2,
             "admin1": 3, "country": 3, "continent": 3}

_WEIGHTS_FILE = Path(__file__).resolve().parent.parent / "data" / "geo_ranker.json"

# Hand-set weights: the starting point, and the first pass of training
# (scripts/train_geo_ranker.py), which writes learned ones to data/geo_ranker.json.
HAND_WEIGHTS = {
    "kind:country": 3.0, "kind:admin1": 1.6, "kind:admin2": 0.2, "kind:city": 0.8,
    "kind:continent": 2.5, "kind:region": 1.0, "kind:water": 0.5, "kind:site": 1.0,
    "logpop:city": 0.24, "logpop:admin": 0.24, "logpop:country": 0.24, "largest": 0.0,
    "src:0": 0.0, "src:1": -0.2, "src:2": -2.0, "src:3": -0.3, "src:4": -1.0, "src:5": -1.2,
    "capital": 0.8, "capital_intl": 1.0, "exact_case": 0.3,
    "country_scan": 1.5, "country_win:city": 1.5, "country_win:admin": 1.5,
    "country_win:country": 1.5, "admin1_ctx": 2.0, "admin1_win": 1.0, "local": 6.0,
    "poprel": 0.0, "weaker_name": 0.0, "city_twin": -0.5, "near_log": 0.0, "foreign:city": 0.0,
    "foreign:admin": 0.0,
    "cue_match": 3.0, "cue_mismatch": -2.0, "outlet": 1.0,
    "near100": 1.2, "near400": 0.6, "contains": 0.8,
}


def load_weights() -> dict[str, float]:
    """Learned weights when the project ships them, else the hand-set ones."""
    if _WEIGHTS_FILE.exists():
        return json.loads(_WEIGHTS_FILE.read_text(encoding="utf-8"))["weights"]
    return dict(HAND_WEIGHTS)


_PEOPLED = frozenset({"city", "admin1", "admin2", "country", "continent"})
_LOCAL = re.compile(r"\s*,\s*((?:[A-Z][\w.'’-]*\.?\s?){1,3})")


def _km(a: GeoRecord, b: GeoRecord) -> float:
    la1, lo1, la2, lo2 = map(math.radians, (a.lat, a.lon, b.lat, b.lon))
    h = (math.sin((la2 - la1) / 2) ** 2
         + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2)
    return 12742.0 * math.asin(min(1.0, math.sqrt(h)))


def _unit_vectors(points: Sequence[GeoRecord]) -> numpy.ndarray:
    """Points on the unit sphere: nearest by straight-line distance there is nearest by
    great-circle distance, which is what lets a k-d tree answer for :func:`_km`."""
    lat = numpy.radians([p.lat for p in points])
    lon = numpy.radians([p.lon for p in points])
    return numpy.column_stack((numpy.cos(lat) * numpy.cos(lon), numpy.cos(lat) * numpy.sin(lon), numpy.sin(lat)))


class _NearestTowns:
    """The towns chosen for a document's names, indexed for "closest town chosen for
    another name" (a k-d tree over unit vectors): one lookup costs a logarithm of the
    number of towns, not a pass over them, so a document that names 4,000 places costs
    4,000 lookups, not 16 million distances."""

    def __init__(self, points: Sequence[tuple[str, GeoRecord]]) -> None:
        unique = list({(key, rec.lat, rec.lon): (key, rec) for key, rec in points}.values())
        self.keys = [key for key, _ in unique]
        self.records = [rec for _, rec in unique]
        self.per_key = Counter(self.keys)
        self.tree = cKDTree(_unit_vectors(self.records)) if unique else None
        self._known: dict[tuple[int, str], float | None] = {}  # a name repeated asks again

    def nearest_km(self, rec: GeoRecord, key: str) -> float | None:
        """Distance from ``rec`` to the closest town chosen for a name other than ``key``."""
        if self.tree is None:
            return None
        if (rec.pid, key) not in self._known:
            k = min(len(self.records), self.per_key[key] + 1)  # enough to pass every town of ``key``
            _, found = self.tree.query(_unit_vectors([rec])[0], k=k)
            others = (self.records[i] for i in numpy.atleast_1d(found) if self.keys[i] != key)
            nearest = next(others, None)
            self._known[(rec.pid, key)] = None if nearest is None else _km(rec, nearest)
        return self._known[(rec.pid, key)]


@dataclass(slots=True)
class _Span:
    start: int
    end: int
    surface: str
    candidates: list[Candidate]
    cue: str | None
    local: set[tuple[str, str | None]]  # (country, admin1) named right after ("Athens, Ga.")
    top_pop: int = 0  # largest population among the candidates
    has_own_name: bool = False  # some candidate is reached by its own name or an alias
    city_countries: set[str | None] = field(default_factory=set)  # of towns so named

    def __post_init__(self) -> None:
        self.top_pop = max((c.record.population for c in self.candidates
                            if c.record.kind in _PEOPLED), default=0)
        self.has_own_name = any(c.src <= SRC_ALIAS for c in self.candidates)
        self.city_countries = {c.record.country_code for c in self.candidates
                               if c.record.kind == "city" and c.src <= SRC_ALIAS}


class PlaceResolver:
    """Resolves toponym spans of a document to gazetteer records."""

    def __init__(self, gazetteer: Gazetteer | None = None,
                 weights: dict[str, float] | None = None) -> None:
        self.gaz = gazetteer or Gazetteer.load()
        self.weights = weights if weights is not None else load_weights()

    # -- candidates ------------------------------------------------------------------

    def _span(self, text: str, start: int, end: int, language: str) -> _Span:
        surface = text[start:end]
        cands = self.gaz.candidates_in(surface, language)
        cue = context_cue(text, start, end, language)
        if not cands:
            split = strip_cue(surface, language)
            if split:
                cands = self.gaz.candidates(split[0])
                cue = split[1]
                if split[1] == "site":  # "Damascus international airport": the town it serves
                    cue = None
        return _Span(start, end, surface, cands, cue, self._local(text, end))

    def _local(self, text: str, end: int) -> set[tuple[str, str | None]]:
        """Containers named in a "Town, State" or "Town, Country" pattern after the span."""
        m = _LOCAL.match(text, end, min(len(text), end + 40))
        out: set[tuple[str, str | None]] = set()
        if not m:
            return out
        words = m.group(1).split()
        for n in range(len(words), 0, -1):
            for cand in self.gaz.candidates(" ".join(words[:n])):
                rec = cand.record
                if cand.src in STRONG and rec.kind in ("admin1", "country"):
                    out.add((rec.country_code or "", rec.admin1 if rec.kind == "admin1" else None))
            if out:
                break
        return out

    # -- scoring ---------------------------------------------------------------------

    def features(self, cand: Candidate, span: _Span, ctx: _Context,
                 outlet: str | None) -> dict[str, float]:
        """The signals behind a candidate's score, as a sparse feature vector."""
        rec = cand.record
        f = {f"kind:{rec.kind}": 1.0, f"src:{cand.src}": 1.0}
        group = ("city" if rec.kind in ("city", "site") else
                 "admin" if rec.kind in ("admin1", "admin2") else "country")
        if rec.kind in _PEOPLED:  # regions, seas and sites have no population figure
            f[f"logpop:{group}"] = math.log10(rec.population + 1)
            top = span.top_pop
            if rec.population and rec.population >= top:
                f["largest"] = 1.0
            f["poprel"] = math.log10((rec.population + 1) / (top + 1))
        if cand.src >= SRC_ALT and span.has_own_name:
            f["weaker_name"] = 1.0
        if rec.kind in ("admin1", "admin2") and rec.country_code in span.city_countries:
            f["city_twin"] = 1.0  # a division that shares its name with a town
        if rec.feature_code == "PPLC":
            f["capital"] = 1.0
            if ctx.international:  # "Washington", "Moscow" in foreign news: the capital
                f["capital_intl"] = 1.0
        if rec.name == span.surface:
            f["exact_case"] = 1.0
        cc = rec.country_code
        if cc:
            f["country_scan"], win = ctx.country_share(cc, span)
            f[f"country_win:{group}"] = win
            if ctx.international and f["country_scan"] < 0.15 and group != "country":
                f[f"foreign:{group}"] = 1.0  # a town or division of a country hardly named
            if rec.kind != "admin1" and rec.admin1:
                if ctx.admin1_named(cc, rec.admin1, span):
                    f["admin1_ctx"] = 1.0
                f["admin1_win"] = ctx.admin1_share(cc, rec.admin1, span)
            if outlet and cc == outlet:
                f["outlet"] = 1.0
        if any(c == cc and (a is None or a == rec.admin1) for c, a in span.local):
            f["local"] = 1.0
        cue = span.cue
        if cue == "site" and not any(c.record.kind == "site" for c in span.candidates):
            cue = "city"  # "the Tartus naval base": the town it is named after
        if cue:
            f["cue_match" if cue == rec.kind else "cue_mismatch"] = 1.0
        near = ctx.nearest_km(rec, span)
        if near is not None:
            f["near_log"] = math.log10(near + 10)
            if near < 400:
                f["near100" if near < 100 else "near400"] = 1.0
        if rec.kind in ("country", "admin1") and ctx.contains(rec, span):
            f["contains"] = 1.0
        return f

    def _score(self, cand: Candidate, span: _Span, ctx: _Context, outlet: str | None) -> float:
        w = self.weights
        return w.get("bias", 0.0) + sum(w.get(k, 0.0) * v
                                        for k, v in self.features(cand, span, ctx, outlet).items())

    # -- public ----------------------------------------------------------------------

    def resolve(self, text: str, spans: Sequence[tuple[int, int]], *, language: str,
                outlet_country: str | None = None,
                context: list[str] | None = None) -> list[Place | None]:
        """Resolve given toponym spans (the gold-span protocol) with document context."""
        items, ctx = self.prepare(text, spans, language=language, context=context)
        ctx.set_winners(items, self.choose(items, ctx, outlet_country))
        winners = self.choose(items, ctx, outlet_country)
        return [None if best is None else _place(item, _specific(item, _country_first(item, best[0])), best[1])
                for item, best in zip(items, winners, strict=True)]

    def prepare(self, text: str, spans: Sequence[tuple[int, int]], *, language: str,
                context: list[str] | None = None) -> tuple[list[_Span], _Context]:
        """Candidates and cues of every span, and the document's named geography."""
        items = [self._span(text, s, e, language) for s, e in spans]
        return items, _Context(self.gaz, text, context or [], language)

    def choose(self, items: list[_Span], ctx: _Context,
               outlet: str | None) -> list[tuple[Candidate, float] | None]:
        """The best-scoring candidate of every span under the current context."""
        return [max(((c, self._score(c, item, ctx, outlet)) for c in item.candidates),
                    key=lambda x: x[1], default=None) for item in items]

    def find_places(self, text: str, mentions: Sequence[Mention], *, language: str,
                    noise: Sequence[tuple[int, int]] = (),
                    outlet_country: str | None = None) -> list[Place]:
        """Decide which mentions are places and resolve them (for the pipeline)."""
        picked: list[tuple[int, int]] = []
        for m in mentions:
            if any(a <= m.start and m.end <= b for a, b in noise):
                continue
            if m.label == "LOC" or self._is_toponym(m.text, language):
                picked.append((m.start, m.end))
        places = self.resolve(text, picked, language=language, outlet_country=outlet_country)
        return [p for p in places if p is not None]

    def _is_toponym(self, surface: str, language: str) -> bool:
        """A non-LOC mention that is still a place: a strong gazetteer name of a country or
        division, a demonym, or a name with its own place cue ("Latakia province")."""
        if strip_cue(surface, language):
            return True
        return any(c.src in STRONG
                   and c.record.kind in ("country", "admin1", "continent")
                   for c in self.gaz.candidates(surface))


def _country_first(item: _Span, chosen: Candidate) -> GeoRecord:
    """The country when its own name (or alias) is also the name of one of its towns or
    divisions and nothing asks for those: "México", "Guatemala", "الجزائر" name the country
    (Mexico City, Guatemala City, Algiers go by a longer name or a cue: "la ciudad de")."""
    rec = chosen.record
    if rec.kind not in ("city", "admin1", "admin2") or item.cue in ("city", "admin1", "admin2"):
        return rec
    country = next((c for c in item.candidates if c.record.kind == "country" and c.src <= SRC_ALIAS
                    and c.src <= chosen.src and c.record.country_code == rec.country_code), None)
    return country.record if country is not None else rec


def _specific(item: _Span, rec: GeoRecord) -> GeoRecord:
    """The town rather than the division named after it ("Aleppo", "Idlib") when the two
    lie close together and no cue asks for the division: the more specific reading costs
    nothing in distance and gives a better map pin and precision."""
    if rec.kind != "admin1" or item.cue in ("admin1", "admin2"):
        return rec
    towns = [c.record for c in item.candidates if c.record.kind == "city"
             and c.src <= SRC_ALIAS and c.record.country_code == rec.country_code
             and c.record.admin1 == rec.admin1 and _km(c.record, rec) < 60]
    return max(towns, key=lambda r: r.population) if towns else rec


def _place(item: _Span, rec: GeoRecord, score: float) -> Place:
    return Place(start=item.start, end=item.end, text=item.surface, sentence=-1,
                 geonameid=rec.geonameid, name=rec.name, kind=rec.kind,
                 feature_class=rec.feature_class, feature_code=rec.feature_code,
                 country_code=rec.country_code, admin1=rec.admin1, lat=rec.lat, lon=rec.lon,
                 precision=PRECISION.get(rec.kind, 2), score=round(score, 3))


class _Context:
    """What the document is about: countries and divisions named anywhere in it, and the
    places the previous pass chose for the other spans."""

    def __init__(self, gaz: Gazetteer, text: str, extra: list[str], language: str) -> None:
        self.gaz = gaz
        self.countries: Counter = Counter()
        self.admin1: Counter = Counter()
        self.own: dict[tuple[int, int], Counter] = {}  # what each name in the text adds
        self._rest: dict[tuple[int, int], Counter] = {}
        for doc in [text, *extra]:
            for start, end, cands in scan_names(gaz, doc, language):
                added = self._count(cands)
                if doc is text:
                    self.own[(start, end)] = added
        # the names by start, to find those overlapping a span without a pass over all
        self._own_spans = sorted(self.own)
        self._own_starts = [start for start, _ in self._own_spans]
        self._longest = max((end - start for start, end in self._own_spans), default=0)
        self.towns = _NearestTowns(())
        self.winners: list[tuple[_Span, GeoRecord] | None] = []
        self.own_win: dict[int, GeoRecord] = {}
        self.international = sum(1 for n in self.countries.values() if n >= 0.5) >= 3

    def _count(self, cands: Sequence[Candidate]) -> Counter:
        strong = [c.record for c in cands if c.src in STRONG
                  and c.record.kind in ("country", "admin1", "region")]
        added: Counter = Counter()
        for rec in strong:
            share = 1.0 / len(strong)
            if rec.country_code:
                added[rec.country_code] += share
            if rec.kind == "admin1":
                self.admin1[(rec.country_code, rec.admin1)] += share
        self.countries.update(added)
        return added

    def _others(self, span: _Span) -> Counter:
        """Country evidence from the text minus what the span's own words add: a name is
        not its own context."""
        key = (span.start, span.end)
        if key not in self._rest:
            lo = bisect.bisect_left(self._own_starts, span.start - self._longest)
            hi = bisect.bisect_left(self._own_starts, span.end)
            own = [self.own[(s, e)] for s, e in self._own_spans[lo:hi] if span.start < e]
            rest = Counter(self.countries)
            for added in own:
                rest.subtract(added)
            self._rest[key] = rest
        return self._rest[key]

    def set_winners(self, items: list[_Span],
                    winners: list[tuple[Candidate, float] | None]) -> None:
        """Record the previous pass's choices, with counts that the features subtract a
        span's own choice from (a span is not its own context)."""
        self.winners = [None if w is None else (item, w[0].record)
                        for item, w in zip(items, winners, strict=True)]
        self.own_win = {id(w[0]): w[1] for w in self.winners if w}
        chosen = [w[1] for w in self.winners if w]
        self.win_cc = Counter(r.country_code for r in chosen)
        local = [r for r in chosen if r.kind in ("city", "site", "admin2", "admin1")]
        self.win_a1 = Counter((r.country_code, r.admin1) for r in local)
        self.n_local = len(local)
        self.named_a1 = Counter((r.country_code, r.admin1) for r in chosen if r.kind == "admin1")
        inner = [r for r in chosen if r.kind not in ("country", "continent")]
        self.inner_cc = Counter(r.country_code for r in inner)
        self.inner_a1 = Counter((r.country_code, r.admin1) for r in inner)
        self.towns = _NearestTowns([(norm(w[0].surface), w[1]) for w in self.winners
                                    if w and w[1].kind in ("city", "site", "admin2")])

    def _mine(self, span: _Span) -> GeoRecord | None:
        return self.own_win.get(id(span)) if self.winners else None

    def country_share(self, cc: str, span: _Span) -> tuple[float, float]:
        """Share of the document's country evidence for ``cc``: from names found in the
        text (countries, divisions, demonyms), and from the other spans' current choices."""
        countries = self._others(span)
        scan_total = sum(v for v in countries.values() if v > 0)
        scan = max(0.0, countries[cc]) / scan_total if scan_total > 1e-9 else 0.0
        if not self.winners:
            return scan, 0.0
        mine = self._mine(span)
        n = len(self.own_win) - (mine is not None)
        hits = self.win_cc[cc] - (mine is not None and mine.country_code == cc)
        return scan, hits / n if n > 0 else 0.0

    def admin1_share(self, cc: str, admin1: str, span: _Span) -> float:
        """Share of the other spans' current (sub-national) choices in this division."""
        if not self.winners:
            return 0.0
        mine = self._mine(span)
        own = mine is not None and mine.kind in ("city", "site", "admin2", "admin1")
        n = self.n_local - own
        hits = self.win_a1[(cc, admin1)] - (own and (mine.country_code, mine.admin1) == (cc, admin1))
        return hits / n if n > 0 else 0.0

    def admin1_named(self, cc: str, admin1: str, span: _Span) -> bool:
        if self.admin1[(cc, admin1)] > 0:
            return True
        if not self.winners:
            return False
        mine = self._mine(span)
        own = (mine is not None and mine.kind == "admin1"
               and (mine.country_code, mine.admin1) == (cc, admin1))
        return self.named_a1[(cc, admin1)] - own > 0

    def nearest_km(self, rec: GeoRecord, span: _Span) -> float | None:
        """Distance to the closest town chosen for another name of the document (the
        span's own choice has its name, so it never counts)."""
        if not self.winners:
            return None
        return self.towns.nearest_km(rec, norm(span.surface))

    def contains(self, rec: GeoRecord, span: _Span) -> bool:
        """Whether places chosen for other spans lie inside this country or division."""
        if not self.winners:
            return False
        mine = self._mine(span)
        own = mine is not None and mine.kind not in ("country", "continent")
        if rec.kind == "country":
            return self.inner_cc[rec.country_code] - (own and mine.country_code
                                                       == rec.country_code) > 0
        key = (rec.country_code, rec.admin1)
        return self.inner_a1[key] - (own and (mine.country_code, mine.admin1) == key) > 0
