"""The places stage: the pipeline's door to the gazetteer and the resolver (sitrep.geo).

The entity stage asks two questions of the gazetteer while it types names (is this a
known place? is it a demonym?), the places stage resolves mentions to GeoNames records,
and ``sitrep eval`` hands gold spans straight to the resolver.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import cache, lru_cache
from importlib import resources

from sitrep.geo.build import SRC_ALIAS, SRC_ALT, SRC_DEMONYM, SRC_NAME
from sitrep.geo.gazetteer import Gazetteer
from sitrep.geo.names import inflect, norm
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


MAJOR_CITY_POPULATION = 500_000
WORLD_CITY_POPULATION = 1_000_000  # a name of such a city in any language is a known place


@cache
def major_place_test() -> Callable[[str], bool]:
    """Whether a name is a country, division or region, or a city of half a million or more:
    names so well known as places that a one-word "person" with that name is a tagging slip."""
    gazetteer = Gazetteer.load()

    @lru_cache(maxsize=100_000)
    def major(name: str) -> bool:
        for cand in gazetteer.candidates(name):
            if cand.src not in (SRC_NAME, SRC_ALIAS):
                # a big city's name in another language ("Damaskus", "Moskow") is as well known
                rec = cand.record
                if cand.src == SRC_ALT and rec.kind == "city" and rec.population >= WORLD_CITY_POPULATION:
                    return True
                continue
            if cand.record.kind in _AREAS or cand.record.population >= MAJOR_CITY_POPULATION:
                return True
        return False

    return major


@cache
def _demonyms() -> dict[str, frozenset[str]]:
    """Normalised demonym forms per language, from the demonym table.

    A form that is also the country's own name in that language is left out: Indonesian
    "Suriah" is both "Syrian" and "Syria", and as a name it must stay a place.
    """
    from babel import Locale

    forms: dict[str, set[str]] = {}
    path = resources.files("sitrep") / "data" / "geo_demonyms.tsv"
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        code, language, variants = (line.split("\t") + ["", ""])[:3]
        code, language = code.strip(), language.strip()
        try:
            country_name = norm(Locale.parse(language).territories.get(code, ""))
        except ValueError:
            country_name = ""
        for variant in variants.split("|"):
            for form in inflect(variant.strip(), language) if variant.strip() else ():
                if norm(form) and norm(form) != country_name:
                    forms.setdefault(language, set()).add(norm(form))
    return {language: frozenset(f) for language, f in forms.items()}


@cache
def demonym_test(language: str | None = None) -> Callable[[str], bool]:
    """Whether a word is a country demonym or adjective in ``language`` ("Israeli", "سوري").

    Read from the demonym table itself: in the gazetteer's name index a demonym may also
    be reached another way (Swahili calls Israel "Israeli"), which would hide it.
    """
    table = _demonyms()
    forms = table.get(language or "", frozenset()) or frozenset().union(*table.values())
    return lambda name: norm(name) in forms


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
    named = [m for m in mentions if m.label == "LOC"]
    return resolver().find_places(text, named, language=language, noise=spans, outlet_country=outlet_country)


def resolve_given_spans(analysis: DocumentAnalysis, spans: Sequence[tuple[int, int]]) -> list[Place | None]:
    """Resolve spans chosen by someone else (the gold-span protocol of SCHEMA.md)."""
    text = analysis.document.text
    return resolver().resolve(text, list(spans), language=analysis.language)
