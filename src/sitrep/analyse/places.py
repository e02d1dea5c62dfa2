"""The places stage: the pipeline's door to the gazetteer and the resolver (sitrep.geo).

The entity stage asks two questions of the gazetteer while it types names (is this a
known place? is it a demonym?), the places stage resolves mentions to GeoNames records,
and ``sitrep eval`` hands gold spans straight to the resolver.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import cache, lru_cache

from sitrep.geo.build import SRC_ALIAS, SRC_DEMONYM, SRC_NAME
from sitrep.geo.gazetteer import Gazetteer
from sitrep.geo.resolver import PlaceResolver
from sitrep.model import DocumentAnalysis, Mention, NoiseSpan, Place

# A bare name counts as a known place for entity typing when it is a country, division,
# region or sea, or a town at least this large (small towns share names with people).
MIN_TOWN_POPULATION = 15_000
_AREAS = ("country", "admin1", "continent", "region", "water")


@cache
def resolver() -> PlaceResolver:
    return PlaceResolver(Gazetteer.load())


@cache
def place_kind_lookup() -> Callable[[str], str | None]:
    gazetteer = Gazetteer.load()

    @lru_cache(maxsize=200_000)
    def place_kind(name: str) -> str | None:
        best = None
        for cand in gazetteer.candidates(name):
            if cand.src == SRC_DEMONYM:
                continue
            rec = cand.record
            if cand.src in (SRC_NAME, SRC_ALIAS) and rec.kind in _AREAS:
                return rec.kind
            if rec.kind == "city" and rec.population >= MIN_TOWN_POPULATION:
                best = "city"
        return best

    return place_kind


@cache
def demonym_test() -> Callable[[str], bool]:
    gazetteer = Gazetteer.load()
    return lambda name: any(c.src == SRC_DEMONYM for c in gazetteer.candidates(name))


def find_places(
    text: str,
    mentions: Sequence[Mention],
    *,
    language: str,
    noise: Sequence[NoiseSpan] = (),
    outlet_country: str | None = None,
) -> list[Place]:
    """Which mentions are places, resolved with the document as context."""
    spans = [(n.start, n.end) for n in noise]
    return resolver().find_places(text, mentions, language=language, noise=spans, outlet_country=outlet_country)


def resolve_given_spans(analysis: DocumentAnalysis, spans: Sequence[tuple[int, int]]) -> list[Place | None]:
    """Resolve spans chosen by someone else (the gold-span protocol of SCHEMA.md)."""
    text = analysis.document.text
    return resolver().resolve(text, list(spans), language=analysis.language)
