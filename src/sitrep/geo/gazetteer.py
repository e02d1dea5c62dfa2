"""The gazetteer: places and a normalised name index, read from a cached SQLite file.

Built once from installed packages (see :mod:`sitrep.geo.build`) under the cache dir
(``SITREP_CACHE_DIR``, default ``~/.cache/sitrep``) and shared process-wide, because
every document of a run asks the same questions ("Aleppo", "Syria") and the answers
never change. Lookups are cached in memory.
"""

from __future__ import annotations

import os
import sqlite3
import threading
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from sitrep.geo.build import build
from sitrep.geo.names import query_keys

BUILD_VERSION = 10


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

    def __init__(self, path: Path) -> None:
        self.path = path
        self._pid = -1
        self._db_lock = threading.Lock()
        self._connect()
        self._records: dict[int, GeoRecord] = {}
        self.lookup = lru_cache(maxsize=100_000)(self._lookup)  # type: ignore[method-assign]
        self._countries = {r.country_code: r for r in self._query(
            "SELECT * FROM places WHERE kind='country'", ())}
        self._admin1 = {(r.country_code, r.admin1): r for r in self._query(
            "SELECT * FROM places WHERE kind='admin1'", ())}

    @classmethod
    def load(cls, progress: Callable[[str], None] | None = None) -> Gazetteer:
        """The process-wide gazetteer, building its cache file first if needed."""
        path = cache_dir() / f"gazetteer-v{BUILD_VERSION}.sqlite"
        with cls._lock:
            if path not in cls._instances:
                if not path.exists():
                    build(path, progress)
                cls._instances[path] = cls(path)
            return cls._instances[path]

    def _connect(self) -> sqlite3.Connection:
        """The connection of this process: a forked worker (process pool) opens its own,
        because an SQLite connection must not cross a fork."""
        if self._pid != os.getpid():
            self._db = sqlite3.connect(f"file:{self.path}?mode=ro", uri=True,
                                       check_same_thread=False)
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

    def _lookup(self, key: str) -> tuple[Candidate, ...]:
        with self._db_lock:
            rows = self._connect().execute(
                "SELECT p.*, n.src FROM names n JOIN places p ON p.id = n.pid WHERE n.key = ?",
                (key,)).fetchall()
        return tuple(Candidate(self._record(row), row[11]) for row in rows)

    def candidates(self, surface: str) -> list[Candidate]:
        """Records a surface form may name: its own key first, else its variants
        (without article, possessive or case suffix)."""
        for key in query_keys(surface):
            found = self.lookup(key)
            if found:
                return list(found)
        return []

    def country(self, code: str | None) -> GeoRecord | None:
        return self._countries.get(code) if code else None

    def admin1(self, code: str | None, name: str | None) -> GeoRecord | None:
        return self._admin1.get((code, name))
