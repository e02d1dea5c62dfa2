"""Import full GeoNames dumps into a user gazetteer beside the built one.

The built gazetteer (:mod:`sitrep.geo.build`) only knows what PyPI ships: towns of 500+
people, countries and divisions. Users with the GeoNames dumps (allCountries.zip or a
country file, alternateNamesV2.zip, admin1CodesASCII.txt) get every record (air bases,
airports, villages, mountains, rivers) by importing them into ``geonames-user.sqlite`` in
the cache dir, which :class:`~sitrep.geo.gazetteer.Gazetteer` reads alongside the base.
The user file survives base rebuilds and is keyed by geonameid, so a re-import of the
same dump changes nothing (rows carry a digest of their line) and a newer dump replaces
changed records. Files are streamed line by line from the zip and written in batches:
allCountries is 1.5 GB unzipped.
"""

from __future__ import annotations

import hashlib
import sqlite3
import zipfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

from sitrep.geo.build import ARABIC_COUNTRIES, SRC_ALIAS, SRC_ALT, SRC_BARE, SRC_NAME, _bare_division, _Builder
from sitrep.geo.gazetteer import USER_FILE, cache_dir

BATCH = 2000
MAX_BAD_KEPT = 200  # bad lines listed in a report; all are counted

MAIN, ALTERNATES, ADMIN1 = "main", "alternates", "admin1"
_COLUMNS = {MAIN: (19,), ALTERNATES: (8, 10), ADMIN1: (4,)}
_ORDER = (ADMIN1, MAIN, ALTERNATES)  # names of admin1 codes first, records before their names
# Alternate-name "languages" that are codes or links, not names a text would use.
_NOT_NAMES = frozenset("link wkdt post iata icao faac tcid unlc phon abbr fr_1793".split())
_SITE_CODES = frozenset({"PRK", "PRT", "PK", "PKS"})  # parks, ports, peaks (the dev set's kinds)

_SCHEMA = """
CREATE TABLE IF NOT EXISTS places (geonameid INTEGER PRIMARY KEY, name TEXT, kind TEXT,
  fcode TEXT, cc TEXT, admin1 TEXT, admin2 TEXT, lat REAL, lon REAL, population INTEGER,
  moddate TEXT, digest INTEGER);
CREATE TABLE IF NOT EXISTS altnames (id INTEGER PRIMARY KEY, geonameid INTEGER, digest INTEGER);
CREATE TABLE IF NOT EXISTS names (key TEXT, geonameid INTEGER, src INTEGER, alt INTEGER);
CREATE INDEX IF NOT EXISTS names_key ON names (key);
CREATE INDEX IF NOT EXISTS names_place ON names (geonameid, alt);
CREATE INDEX IF NOT EXISTS names_alt ON names (alt) WHERE alt > 0;
CREATE TABLE IF NOT EXISTS admin1 (cc TEXT, code TEXT, name TEXT, origin TEXT,
  PRIMARY KEY (cc, code));
CREATE TABLE IF NOT EXISTS imports (file TEXT, kind TEXT, bytes INTEGER, lines INTEGER,
  added INTEGER, updated INTEGER, unchanged INTEGER, bad INTEGER, at TEXT DEFAULT CURRENT_TIMESTAMP);
"""


def kind_of(fclass: str, fcode: str) -> str:
    """The gazetteer kind of a GeoNames feature class and code."""
    if fcode == "ADM1":
        return "admin1"
    if fcode == "ADM2":
        return "admin2"
    if fcode.startswith("PCL"):
        return "country"
    if fcode == "CONT":
        return "continent"
    if fclass == "P":
        return "city"
    if fclass == "H":
        return "water"
    if fclass in ("S", "R") or fcode in _SITE_CODES:
        return "site"
    return "region"


@dataclass(frozen=True, slots=True)
class BadLine:
    file: str
    line: int
    reason: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.reason}"


@dataclass(slots=True)
class FileReport:
    """What one file did to the user gazetteer."""

    path: Path
    kind: str
    lines: int = 0
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    older: int = 0  # records whose stored version is newer than the file's
    no_record: int = 0  # alternate names of places not in the user gazetteer
    bad_count: int = 0
    bad: list[BadLine] = field(default_factory=list)

    def add_bad(self, line: int, reason: str) -> None:
        self.bad_count += 1
        if len(self.bad) < MAX_BAD_KEPT:
            self.bad.append(BadLine(self.path.name, line, reason))

    def counts(self) -> str:
        extra = [f"{n} {what}" for n, what in ((self.older, "older"), (self.no_record, "without record"),
                                               (self.bad_count, "bad")) if n]
        return ", ".join([f"{self.added} added", f"{self.updated} updated",
                          f"{self.unchanged} unchanged", *extra])


Progress = Callable[[FileReport, int, int], None]  # report, bytes done, bytes in all


def user_db_path() -> Path:
    return cache_dir() / USER_FILE


@contextmanager
def _open_lines(path: Path) -> Iterator[tuple[BinaryIO, int]]:
    """The raw text of a dump (inside its zip if zipped) and its uncompressed size."""
    if path.suffix.lower() != ".zip":
        with path.open("rb") as fh:
            yield fh, path.stat().st_size
        return
    with zipfile.ZipFile(path) as zf:
        members = [i for i in zf.infolist() if i.filename.lower().endswith(".txt")
                   and Path(i.filename).name.lower() not in ("readme.txt", "iso-languagecodes.txt")]
        own = [i for i in members if Path(i.filename).stem.lower() == path.stem.lower()]
        if not (own or len(members) == 1):
            raise ValueError(f"{path.name}: no single GeoNames .txt file inside")
        info = (own or members)[0]
        with zf.open(info) as fh:
            yield fh, info.file_size  # type: ignore[misc]


def detect(path: Path) -> str:
    """Which dump a file is, from its name and checked against its first data line."""
    low = path.name.lower()
    by_name = (ALTERNATES if low.startswith("alternatenames") else
               ADMIN1 if low.startswith("admin1codes") else None)
    with _open_lines(path) as (fh, _size):
        first = next((raw for raw in fh if raw.strip() and not raw.startswith(b"#")), b"")
    cols = first.rstrip(b"\r\n").split(b"\t")
    by_content = next((kind for kind, n in _COLUMNS.items() if len(cols) in n), None)
    if by_content == ADMIN1 and b"." not in cols[0]:
        by_content = None
    kind = by_name or by_content or MAIN
    if by_content != kind:
        raise ValueError(f"{path.name}: does not look like a GeoNames {kind} file "
                         f"({len(cols)} columns in its first line)")
    return kind


def _digest(raw: bytes) -> int:
    return int.from_bytes(hashlib.blake2b(raw.rstrip(b"\r\n"), digest_size=7).digest(), "big")


def _rows(path: Path, report: FileReport, progress: Progress | None) -> Iterator[list[tuple]]:
    """Batches of (line number, raw line, columns); bad lines go to the report."""
    want = _COLUMNS[report.kind]
    done = 0
    batch: list[tuple] = []
    with _open_lines(path) as (fh, total):
        for number, raw in enumerate(fh, 1):
            done += len(raw)
            report.lines = number
            if not raw.strip() or raw.startswith(b"#"):
                continue
            try:
                cols = raw.decode("utf-8").rstrip("\r\n").split("\t")
            except UnicodeDecodeError:
                report.add_bad(number, "not UTF-8")
                continue
            if len(cols) not in want:
                report.add_bad(number, f"{len(cols)} columns, expected {' or '.join(map(str, want))}")
                continue
            batch.append((number, raw, cols))
            if len(batch) >= BATCH:
                yield batch
                batch = []
                if progress:
                    progress(report, done, total)
        if batch:
            yield batch
        if progress:
            progress(report, total, total)


def _existing(db: sqlite3.Connection, sql: str, ids: list[int]) -> dict[int, tuple]:
    marks = ",".join("?" * len(ids))
    return {row[0]: row[1:] for row in db.execute(sql.format(marks), ids)}


def _import_main(db: sqlite3.Connection, path: Path, report: FileReport, progress: Progress | None) -> None:
    for batch in _rows(path, report, progress):
        parsed = []
        for number, raw, c in batch:
            try:
                gid, lat, lon = int(c[0]), float(c[4]), float(c[5])
                population = int(c[14] or 0)
            except ValueError:
                report.add_bad(number, "non-numeric id, coordinates or population")
                continue
            if not (-90 <= lat <= 90 and -180 <= lon <= 180):
                report.add_bad(number, "coordinates out of range")
                continue
            parsed.append((gid, lat, lon, population, c, _digest(raw)))
        old = _existing(db, "SELECT geonameid, digest, moddate FROM places WHERE geonameid IN ({})",
                        [p[0] for p in parsed])
        b = _Builder(lambda _msg: None)
        places, changed = [], []
        for gid, lat, lon, population, c, digest in parsed:
            prev = old.get(gid)
            if prev and prev[0] == digest:
                report.unchanged += 1
                continue
            if prev and (prev[1] or "") > c[18]:
                report.older += 1
                continue
            if prev:
                report.updated += 1
            else:
                report.added += 1
            kind = kind_of(c[6], c[7])
            cc = c[8] or None
            places.append((gid, c[1], kind, c[7], cc, c[10] or None, c[11] or None,
                           round(lat, 5), round(lon, 5), population, c[18], digest))
            changed.append((gid,))
            arabic = cc in ARABIC_COUNTRIES
            for name in (c[1], c[2]):
                b.add_name(name, gid, SRC_NAME, arabic)
            if kind in ("admin1", "admin2"):
                bare = _bare_division(c[1])
                if bare != c[1]:
                    b.add_name(bare, gid, SRC_ALIAS if kind == "admin1" else SRC_BARE, arabic)
            for alt in c[3].split(","):
                if alt and not (alt.isupper() and len(alt) <= 4):
                    b.add_name(alt, gid, SRC_ALT, arabic)
        db.executemany("INSERT OR REPLACE INTO places VALUES (?,?,?,?,?,?,?,?,?,?,?,?)", places)
        db.executemany("DELETE FROM names WHERE geonameid = ? AND alt = 0", changed)
        db.executemany("INSERT INTO names VALUES (?,?,?,0)",
                       ((key, gid, src) for (key, gid), src in b.names.items()))
        db.executemany(
            "INSERT INTO admin1 VALUES (?,?,?,'record') ON CONFLICT DO UPDATE SET name = excluded.name"
            " WHERE origin = 'record'",
            ((p[4], p[5], p[1]) for p in places if p[2] == "admin1" and p[4] and p[5]))
        db.commit()


def _import_alternates(db: sqlite3.Connection, path: Path, report: FileReport,
                       progress: Progress | None) -> None:
    for batch in _rows(path, report, progress):
        parsed = []
        for number, raw, c in batch:
            try:
                parsed.append((int(c[0]), int(c[1]), c, _digest(raw)))
            except ValueError:
                report.add_bad(number, "non-numeric alternateNameId or geonameid")
        if not parsed:
            continue
        old = _existing(db, "SELECT id, digest FROM altnames WHERE id IN ({})", [p[0] for p in parsed])
        places = _existing(db, "SELECT geonameid, cc FROM places WHERE geonameid IN ({})",
                           sorted({p[1] for p in parsed}))
        b = _Builder(lambda _msg: None)
        rows, changed, names = [], [], []
        for alt_id, gid, c, digest in parsed:
            if gid not in places:
                report.no_record += 1
                continue
            prev = old.get(alt_id)
            if prev and prev[0] == digest:
                report.unchanged += 1
                continue
            report.updated += bool(prev)
            report.added += not prev
            rows.append((alt_id, gid, digest))
            changed.append((alt_id,))
            lang, name = c[2], c[3]
            if lang in _NOT_NAMES:
                continue
            # preferred and short names are what writers use; historic and colloquial ones
            # are alternates like any other
            src = SRC_ALIAS if (c[4] == "1" or c[5] == "1") and c[7] != "1" else SRC_ALT
            b.names.clear()
            b.add_name(name, gid, src, places[gid][0] in ARABIC_COUNTRIES or lang == "ar")
            names.extend((key, gid, s, alt_id) for (key, _gid), s in b.names.items())
        db.executemany("INSERT OR REPLACE INTO altnames VALUES (?,?,?)", rows)
        db.executemany("DELETE FROM names WHERE alt = ?", changed)
        db.executemany("INSERT INTO names VALUES (?,?,?,?)", names)
        db.commit()


def _import_admin1(db: sqlite3.Connection, path: Path, report: FileReport, progress: Progress | None) -> None:
    for batch in _rows(path, report, progress):
        rows = []
        for number, _raw, c in batch:
            cc, _, code = c[0].partition(".")
            if not (cc and code):
                report.add_bad(number, f"admin1 code {c[0]!r} is not CC.CODE")
                continue
            rows.append((cc, code, c[1]))
        old = {(r[0], r[1]): r[2] for r in db.execute("SELECT cc, code, name FROM admin1 WHERE origin = 'codes'")}
        for key_name in rows:
            prev = old.get(key_name[:2])
            if prev == key_name[2]:
                report.unchanged += 1
            elif prev is None:
                report.added += 1
            else:
                report.updated += 1
        db.executemany("INSERT OR REPLACE INTO admin1 VALUES (?,?,?,'codes')", rows)
        db.commit()


_IMPORTERS = {MAIN: _import_main, ALTERNATES: _import_alternates, ADMIN1: _import_admin1}


def import_files(paths: list[Path], progress: Progress | None = None,
                 db_path: Path | None = None) -> list[FileReport]:
    """Import GeoNames dumps (any order; each detected by name and content) into the user
    gazetteer: admin1 codes first, then records, then their alternate names."""
    kinds = [(detect(p), p) for p in paths]
    kinds.sort(key=lambda kp: _ORDER.index(kp[0]))
    target = db_path or user_db_path()
    target.parent.mkdir(parents=True, exist_ok=True)
    db = sqlite3.connect(target)
    reports = []
    try:
        db.executescript("PRAGMA synchronous=NORMAL;" + _SCHEMA)
        for kind, path in kinds:
            report = FileReport(path, kind)
            _IMPORTERS[kind](db, path, report, progress)
            db.execute("INSERT INTO imports (file, kind, bytes, lines, added, updated, unchanged, bad)"
                       " VALUES (?,?,?,?,?,?,?,?)",
                       (str(path.resolve()), kind, path.stat().st_size, report.lines, report.added,
                        report.updated, report.unchanged, report.bad_count))
            db.commit()
            reports.append(report)
    finally:
        db.close()
    return reports


def kind_counts(path: Path) -> dict[str, int]:
    """Records of a gazetteer file (the base or the user one) by kind; empty if it is missing."""
    if not path.exists():
        return {}
    db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return dict(db.execute("SELECT kind, count(*) FROM places GROUP BY kind ORDER BY kind"))
    finally:
        db.close()
