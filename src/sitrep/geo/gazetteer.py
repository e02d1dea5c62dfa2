"""The gazetteer: places and a normalised name index, read from a cached SQLite file.

Built once from installed packages (see :mod:`sitrep.geo.build`) under the cache dir
(``SITREP_CACHE_DIR``, default ``~/.cache/sitrep``) and shared process-wide, because
every document of a run asks the same questions ("Aleppo", "Syria") and the answers
never change. Lookups are cached in memory. Records imported from full GeoNames dumps
(:mod:`sitrep.geo.importer`, ``sitrep geo import``) live in a second file in the same
dir; when it exists it is attached and its records are candidates too, replacing base
records of the same geonameid (or the same first-level division).
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
import threading
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

from sitrep.geo.build import STRONG, build
from sitrep.geo.keyfilter import KeyFilter
from sitrep.geo.names import base_forms, query_keys

BUILD_VERSION = 11
USER_FILE = "geonames-user.sqlite"  # see sitrep.geo.importer
USER_PID = 1 << 40  # pids of imported records: geonameid + USER_PID, apart from base row ids
_USER_LOOKUP = f"""
SELECT p.geonameid + {USER_PID}, p.geonameid, p.name, p.kind, p.fcode, p.cc,
       CASE WHEN p.kind = 'admin1' THEN coalesce(a.name, p.name) ELSE a.name END,
       CASE WHEN p.kind = 'admin2' THEN p.name END, p.lat, p.lon, p.population, min(n.src)
FROM user.names n JOIN user.places p ON p.geonameid = n.geonameid
LEFT JOIN user.admin1 a ON a.cc = p.cc AND a.code = p.admin1
WHERE n.key = ? GROUP BY p.geonameid"""


@dataclass(frozen=True, slots=True)
class GeoRecord:
    """One gazetteer place."""

    pid: int  # row id in the gazetteer (stable for one build)
    geonameid: int | None
    name: str
    kind: str  # city, admin1, admin2, country, region, water, continent
    feature_code: str
    country_code: str | None
    admin1: str | None
    admin2: str | None
    lat: float
    lon: float
    population: int

    @property
    def feature_class(self) -> str:
        return {"city": "P", "water": "H", "site": "S", "continent": "L",
                "region": "L"}.get(self.kind, "A")


@dataclass(frozen=True, slots=True)
class Candidate:
    """A record reached from a name, with how it was reached (build.SRC_* rank)."""

    record: GeoRecord
    src: int


def cache_dir() -> Path:
    return Path(os.environ.get("SITREP_CACHE_DIR") or Path.home() / ".cache" / "sitrep")


class Gazetteer:
    """Read-only access to the gazetteer database."""

    _instances: dict[Path, Gazetteer] = {}
    _lock = threading.Lock()

    def __init__(self, path: Path, user: Path | None = None) -> None:
        self.path = path
        self.user = user if user is not None and user.exists() else None
        self.user_stamp = _stamp(self.user)
        self._pid = -1
        self._db_lock = threading.Lock()
        self._connect()
        # a name the file lacks is ruled out without a query (imported names are not in
        # the filter, so with an import attached every key is queried)
        self._keys = KeyFilter.for_database(path, self._db) if self.user is None else None
        self._records: dict[int, GeoRecord] = {}
        self._known = lru_cache(maxsize=100_000)(self._lookup)
        # the same n-grams recur from article to article ("The United States", "Mr Biden")
        self._surface = lru_cache(maxsize=100_000)(self._candidates_of)
        self._countries = {r.country_code: r for r in self._query(
            "SELECT * FROM places WHERE kind='country'", ())}
        self._admin1 = {(r.country_code, r.admin1): r for r in self._query(
            "SELECT * FROM places WHERE kind='admin1'", ())}

    @staticmethod
    def cache_path() -> Path:
        """Where the built gazetteer of this version and these shipped files lives."""
        return cache_dir() / f"gazetteer-v{BUILD_VERSION}-{_inputs_fingerprint()}.sqlite"

    @classmethod
    def load(cls, progress: Callable[[str], None] | None = None) -> Gazetteer:
        """The process-wide gazetteer, building its cache file first if needed."""
        path = cls.cache_path()
        user = cache_dir() / USER_FILE
        with cls._lock:
            known = cls._instances.get(path)
            if known is None or known.user_stamp != _stamp(user):  # new or re-imported
                if not path.exists():
                    build(path, progress)
                cls._instances[path] = cls(path, user)
            return cls._instances[path]

    def _connect(self) -> sqlite3.Connection:
        """The connection of this process: a forked worker (process pool) opens its own,
        because an SQLite connection must not cross a fork."""
        if self._pid != os.getpid():
            self._db = sqlite3.connect(f"file:{self.path}?mode=ro", uri=True,
                                       check_same_thread=False)
            if self.user:
                self._db.execute("ATTACH DATABASE ? AS user", (f"file:{self.user}?mode=ro",))
            self._pid = os.getpid()
        return self._db

    def _query(self, sql: str, args: tuple) -> list[GeoRecord]:
        with self._db_lock:
            rows = self._connect().execute(sql, args).fetchall()
        return [self._record(row) for row in rows]

    def _record(self, row: tuple) -> GeoRecord:
        rec = self._records.get(row[0])
        if rec is None:
            rec = GeoRecord(*row[:11])
            self._records[row[0]] = rec
        return rec

    def lookup(self, key: str) -> tuple[Candidate, ...]:
        """The records a normalised key names (most keys asked name none: they are ruled
        out before the cache, which keeps the answers of the rest)."""
        if self._keys is not None and not self._keys.may_hold(key):
            return ()
        return self._known(key)

    def _lookup(self, key: str) -> tuple[Candidate, ...]:
        with self._db_lock:
            rows = self._connect().execute(
                "SELECT p.*, n.src FROM names n JOIN places p ON p.id = n.pid WHERE n.key = ?",
                (key,)).fetchall()
            imported = self._connect().execute(_USER_LOOKUP, (key,)).fetchall() if self.user else []
        found = [Candidate(self._record(row), row[11]) for row in rows]
        if not imported:
            return tuple(found)
        # an imported record replaces the base one it is (same geonameid, or the same
        # division), keeping the stronger of the two ways the name reached it
        mine = {row[1]: Candidate(self._record(row), row[11]) for row in imported}
        divisions = {(c.record.country_code, c.record.admin1): gid for gid, c in mine.items()
                     if c.record.kind == "admin1"}
        kept = []
        for cand in found:
            rec = cand.record
            gid = rec.geonameid if rec.geonameid in mine else (
                divisions.get((rec.country_code, rec.admin1)) if rec.kind == "admin1" else None)
            if gid is None and rec.geonameid is None:  # a hand-written site, sea or region
                gid = next((g for g, c in mine.items() if _same_feature(rec, c.record)), None)
            if gid is None:
                kept.append(cand)
            elif cand.src < mine[gid].src:
                mine[gid] = Candidate(mine[gid].record, cand.src)
        return tuple(kept + list(mine.values()))

    def candidates(self, surface: str) -> list[Candidate]:
        """Records a surface form may name: its own key first, else its variants
        (without article, possessive or case suffix)."""
        return list(self._surface(surface))

    def candidates_in(self, surface: str, language: str) -> list[Candidate]:
        """:meth:`candidates`, and those of every dictionary form the name may have where
        the language inflects place names (:func:`~sitrep.geo.names.base_forms`): "Газе" may
        be "Газа" or a town "Газ", and the resolver weighs them as it weighs namesakes. The
        dictionary forms are looked up unless the written form is a place's own name: a
        village whose other-language name happens to be "Львове" does not hide Lviv
        (Львов) in the locative."""
        found = self.candidates(surface)
        if any(c.src in STRONG for c in found):
            return found
        out: dict[int, Candidate] = {c.record.pid: c for c in found}
        for form in base_forms(surface, language):
            for cand in self.candidates(form):
                out.setdefault(cand.record.pid, cand)
        return list(out.values())

    def _candidates_of(self, surface: str) -> tuple[Candidate, ...]:
        for key in query_keys(surface):
            found = self.lookup(key)
            if found:
                return found
        return ()

    def country(self, code: str | None) -> GeoRecord | None:
        return self._countries.get(code) if code else None

    def admin1(self, code: str | None, name: str | None) -> GeoRecord | None:
        return self._admin1.get((code, name))


def _same_feature(written: GeoRecord, imported: GeoRecord) -> bool:
    """An imported GeoNames record is the hand-written one it lies beside (same kind, within
    about 10 km): the import's id and coordinates are the better of the two."""
    return (written.kind == imported.kind and abs(written.lat - imported.lat) < 0.1
            and abs(written.lon - imported.lon) < 0.1)


def _stamp(path: Path | None) -> int | None:
    """When a user gazetteer file last changed (None: there is none)."""
    try:
        return path.stat().st_mtime_ns if path else None
    except FileNotFoundError:
        return None


@cache
def _inputs_fingerprint() -> str:
    """A short hash of the shipped files the build reads (place lists, demonyms, the
    languages' inflection rules), so that an upgrade that changes them rebuilds the cache
    instead of serving a stale one."""
    from sitrep.geo.build import DATA
    from sitrep.resources import LANG_ROOT

    digest = hashlib.sha256()
    files = sorted(DATA.glob("geo_*")) + sorted(Path(str(LANG_ROOT)).glob("*/grammar.yaml"))
    for path in files:
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:12]
