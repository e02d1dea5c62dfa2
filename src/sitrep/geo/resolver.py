"""Toponym resolution: which gazetteer record a place name in a document means.

Each candidate gets a score from a few signals a human reader uses (hand-weighted; see
``WEIGHTS``): what kind of place it is and how big, how the name reached it (own name,
alias, alternate spelling, demonym), which countries and first-level divisions the
document is about, a "Town, State" pattern, cue words ("province", "kota", "County"),
the outlet's country, and closeness to the other places of the document. Resolution
runs twice: the first pass gives the document's geography, the second uses it.
"""

from __future__ import annotations

import json
import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

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
    "poprel": 0.0, "weaker_name": 0.0, "near_log": 0.0, "foreign:city": 0.0,
    "foreign:admin": 0.0,
    "cue_match": 3.0, "cue_mismatch": -2.0, "outlet": 1.0,
    "near100": 1.2, "near400": 0.6, "contains": 0.8,
}


def load_weights() -> dict[str, float]:
    """Learned weights when the project ships them, else the hand-set ones."""
    if _WEIGHTS_FILE.exists():
        return json.loads(_WEIGHTS_FILE.read_text(encoding="utf-8"))["weights"]
    return dict(HAND_WEIGHTS)


_LOCAL = re.compile(r"\s*,\s*((?:[A-Z][\w.'’-]*\.?\s?){1,3})")


def _km(a: GeoRecord, b: GeoRecord) -> float:
    la1, lo1, la2, lo2 = map(math.radians, (a.lat, a.lon, b.lat, b.lon))
    h = (math.sin((la2 - la1) / 2) ** 2
         + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2)
    return 12742.0 * math.asin(min(1.0, math.sqrt(h)))


@dataclass(slots=True)
class _Span:
    start: int
    end: int
    surface: str
    candidates: list[Candidate]
    cue: str | None
    local: set[tuple[str, str | None]]  # (country, admin1) named right after ("Athens, Ga.")


class PlaceResolver:
    """Resolves toponym spans of a document to gazetteer records."""

    def __init__(self, gazetteer: Gazetteer | None = None,
                 weights: dict[str, float] | None = None) -> None:
        self.gaz = gazetteer or Gazetteer.load()
        self.weights = weights if weights is not None else load_weights()

    # -- candidates ------------------------------------------------------------------

    def _span(self, text: str, start: int, end: int, language: str) -> _Span:
        surface = text[start:end]
        cands = self.gaz.candidates(surface)
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
        f[f"logpop:{group}"] = math.log10(rec.population + 1)
        top = max(c.record.population for c in span.candidates)
        if rec.population and rec.population >= top:
            f["largest"] = 1.0
        f["poprel"] = math.log10((rec.population + 1) / (top + 1))
        if cand.src >= SRC_ALT and any(c.src <= SRC_ALIAS for c in span.candidates):
            f["weaker_name"] = 1.0
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
        winners = self.choose(items, ctx, outlet_country)
        ctx.set_winners(items, winners)
        winners = self.choose(items, ctx, outlet_country)
        return [None if best is None else _place(item, best[0].record, best[1])
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
        for doc in [text, *extra]:
            for start, _end, cands in scan_names(gaz, doc, language):
                self._count(cands, start)
        self.winners: list[tuple[_Span, GeoRecord] | None] = []
        self.international = sum(1 for n in self.countries.values() if n >= 0.5) >= 3

    def _count(self, cands: Sequence[Candidate], _start: int) -> None:
        strong = [c.record for c in cands if c.src in STRONG
                  and c.record.kind in ("country", "admin1")]
        for rec in strong:
            share = 1.0 / len(strong)
            if rec.country_code:
                self.countries[rec.country_code] += share
            if rec.kind == "admin1":
                self.admin1[(rec.country_code, rec.admin1)] += share

    def set_winners(self, items: list[_Span],
                    winners: list[tuple[Candidate, float] | None]) -> None:
        self.winners = [None if w is None else (item, w[0].record)
                        for item, w in zip(items, winners, strict=True)]

    def country_share(self, cc: str, span: _Span) -> tuple[float, float]:
        """Share of the document's country evidence for ``cc``: from names found in the
        text (countries, divisions, demonyms), and from the other spans' current choices."""
        scan_total = sum(self.countries.values())
        scan = self.countries[cc] / scan_total if scan_total else 0.0
        others = [w[1].country_code for w in self.winners if w and w[0] is not span]
        win = sum(1 for c in others if c == cc) / len(others) if others else 0.0
        return scan, win

    def admin1_share(self, cc: str, admin1: str, span: _Span) -> float:
        """Share of the other spans' current choices that lie in this division."""
        others = [w[1] for w in self.winners if w and w[0] is not span
                  and w[1].kind in ("city", "site", "admin2", "admin1")]
        if not others:
            return 0.0
        return sum(1 for r in others if r.country_code == cc and r.admin1 == admin1) / len(others)

    def admin1_named(self, cc: str, admin1: str, span: _Span) -> bool:
        if self.admin1[(cc, admin1)] > 0:
            return True
        if not self.winners:
            return False
        return any(w and w[0] is not span and w[1].kind == "admin1"
                   and w[1].country_code == cc and w[1].admin1 == admin1 for w in self.winners)

    def nearest_km(self, rec: GeoRecord, span: _Span) -> float | None:
        best: float | None = None
        for w in self.winners:
            if not w or w[0] is span or norm(w[0].surface) == norm(span.surface):
                continue
            other = w[1]
            if other.kind not in ("city", "site", "admin2"):
                continue
            d = _km(rec, other)
            best = d if best is None or d < best else best
        return best

    def contains(self, rec: GeoRecord, span: _Span) -> bool:
        """Whether places chosen for other spans lie inside this country or division."""
        for w in self.winners:
            if not w or w[0] is span or w[1].kind in ("country", "continent"):
                continue
            other = w[1]
            if other.country_code == rec.country_code and (
                    rec.kind == "country" or other.admin1 == rec.admin1):
                return True
        return False

