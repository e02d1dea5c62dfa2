"""Importing GeoNames dumps: a small extract written in the exact GeoNames formats."""

from __future__ import annotations

import sqlite3
import zipfile
from pathlib import Path

import pytest
from typer.testing import CliRunner

from sitrep.cli import app
from sitrep.geo import Gazetteer, PlaceResolver
from sitrep.geo.importer import detect, import_files, kind_of, user_db_path

KUWEIRES, AIRPORT, VILLAGE, GOVERNORATE, LAKE = 11523478, 6300871, 11611011, 170062, 170170


def main_line(gid: int, name: str, alternates: str, lat: str, lon: str, fclass: str, fcode: str,
              admin1: str, population: int, moddate: str) -> str:
    """One allCountries line: the 19 tab-separated columns of the GeoNames dump."""
    ascii_name = name.encode("ascii", "ignore").decode()
    cols = [str(gid), name, ascii_name, alternates, lat, lon, fclass, fcode, "SY", "", admin1, "",
            "", "", str(population), "", "300", "Asia/Damascus", moddate]
    assert len(cols) == 19
    return "\t".join(cols)


RECORDS = [
    main_line(GOVERNORATE, "Aleppo Governorate", "Halab,Muhafazat Halab", "36.25", "37.5", "A", "ADM1",
              "09", 4868000, "2023-02-14"),
    main_line(KUWEIRES, "Kuweires Air Base", "Kweiris,Quweires Airbase", "36.1869", "37.5828", "S",
              "AIRB", "09", 0, "2022-05-03"),
    main_line(AIRPORT, "Deir ez-Zor Airport", "DEZ,OSDZ", "35.2854", "40.176", "S", "AIRP", "07", 0,
              "2021-11-30"),
    main_line(VILLAGE, "Khan al-Assal", "Khan al Asal,Khan Al-Asal", "36.1731", "37.0394", "P", "PPL", "09",
              0, "2020-06-10"),
    main_line(LAKE, "Lake Assad", "Buhayrat al Asad", "35.98", "38.25", "H", "RSV", "", 0, "2019-01-01"),
]
BAD_COLUMNS = "\t".join(["123", "Broken Place", "Broken Place", "", "35.1"])  # a truncated line
BAD_COORDS = main_line(11611012, "Bad Coordinates", "", "north", "36.5", "P", "PPL", "09", 0, "2020-01-01")

ALTERNATES = [  # alternateNameId, geonameid, isolanguage, name, isPreferred, isShort, colloquial, historic, from, to
    (17000001, KUWEIRES, "ar", "مطار كويرس العسكري", "1", "", "", "", "", ""),
    (17000002, KUWEIRES, "ru", "Авиабаза Квейрис", "", "", "", "", "", ""),
    (17000003, KUWEIRES, "en", "Kuweires Military Airbase", "1", "1", "", "", "", ""),
    (17000004, KUWEIRES, "link", "https://en.wikipedia.org/wiki/Kuweires_Military_Airbase", "", "", "", "",
     "", ""),
    (17000005, VILLAGE, "ar", "خان العسل", "", "", "", "", "", ""),
    (17000006, GOVERNORATE, "ar", "محافظة حلب", "1", "", "", "", "", ""),
    (17000007, 99999999, "en", "Nowhere In Particular", "", "", "", "", "", ""),  # no such record
]
ADMIN1 = ["SY.02\tLatakia\tLatakia\t173577", "SY.07\tDeir ez-Zor\tDeir ez-Zor\t170792",
          "SY.09\tAleppo\tAleppo\t170062"]


def write_dumps(folder: Path, records: list[str]) -> list[Path]:
    """allCountries.zip (with its .txt inside), alternateNamesV2.txt and admin1CodesASCII.txt."""
    folder.mkdir(parents=True, exist_ok=True)
    main = folder / "allCountries.zip"
    with zipfile.ZipFile(main, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("allCountries.txt", "\n".join(records) + "\n")
    alternates = folder / "alternateNamesV2.txt"
    alternates.write_text("\n".join("\t".join(map(str, row)) for row in ALTERNATES) + "\n", encoding="utf-8")
    admin1 = folder / "admin1CodesASCII.txt"
    admin1.write_text("\n".join(ADMIN1) + "\n", encoding="utf-8")
    return [alternates, main, admin1]  # out of order on purpose


@pytest.fixture(scope="module")
def cache(tmp_path_factory: pytest.TempPathFactory):
    """A cache dir holding the already built base gazetteer (linked, not rebuilt) and the import."""
    base = Gazetteer.load().path  # the shared cache of the other geo tests
    folder = tmp_path_factory.mktemp("cache")
    (folder / base.name).symlink_to(base)
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("SITREP_CACHE_DIR", str(folder))
        files = write_dumps(folder / "dumps", [RECORDS[0], RECORDS[1], BAD_COLUMNS, *RECORDS[2:], BAD_COORDS])
        reports = import_files(files)
        yield folder, files, reports


def names_table(path: Path) -> list[tuple]:
    db = sqlite3.connect(path)
    try:
        return sorted(db.execute("SELECT * FROM names")) + sorted(db.execute("SELECT * FROM places"))
    finally:
        db.close()


def test_kinds_follow_feature_classes_and_codes() -> None:
    assert [kind_of(*fc) for fc in [("P", "PPLA"), ("P", "PPLX"), ("A", "ADM1"), ("A", "ADM2"), ("A", "PCLI"),
                                    ("H", "STM"), ("S", "AIRB"), ("R", "RD"), ("T", "MT"), ("T", "PK"),
                                    ("A", "ADM3"), ("L", "CONT")]] == [
        "city", "city", "admin1", "admin2", "country", "water", "site", "site", "region", "site", "region",
        "continent"]


def test_files_are_detected_by_name_and_content(cache, tmp_path: Path) -> None:
    _folder, (alternates, main, admin1), _reports = cache
    assert (detect(main), detect(alternates), detect(admin1)) == ("main", "alternates", "admin1")
    wrong = tmp_path / "alternateNamesV2.txt"
    wrong.write_text(RECORDS[0] + "\n", encoding="utf-8")
    with pytest.raises(ValueError, match="alternates"):
        detect(wrong)


def test_import_counts_and_bad_lines(cache) -> None:
    folder, _files, reports = cache
    assert user_db_path() == folder / "geonames-user.sqlite"
    admin1, main, alternates = reports
    assert (admin1.kind, admin1.added) == ("admin1", 3)
    assert (main.kind, main.added, main.updated, main.bad_count) == ("main", 5, 0, 2)
    assert [(b.file, b.line) for b in main.bad] == [("allCountries.zip", 3), ("allCountries.zip", 7)]
    assert "5 columns" in main.bad[0].reason and "non-numeric" in main.bad[1].reason
    assert str(main.bad[0]).startswith("allCountries.zip:3: ")
    assert (alternates.added, alternates.no_record) == (6, 1)


def test_resolver_finds_imported_records_by_every_name(cache) -> None:
    resolver = PlaceResolver(Gazetteer.load())
    cases = [
        ("Russian jets took off from Kuweires Air Base east of Aleppo.", "Kuweires Air Base", "en"),
        ("The army retook Kuweires Military Airbase after a long siege.", "Kuweires Military Airbase", "en"),
        ("قالت مصادر إن مطار كويرس العسكري تعرض للقصف شرق حلب", "مطار كويرس العسكري", "ar"),
        ("Авиабаза Квейрис находится к востоку от Алеппо.", "Авиабаза Квейрис", "ru"),
    ]
    for text, name, language in cases:
        start = text.index(name)
        place = resolver.resolve(text, [(start, start + len(name))], language=language)[0]
        assert place is not None, name
        assert (place.geonameid, place.kind, place.feature_code) == (KUWEIRES, "site", "AIRB"), name
        assert (place.lat, place.lon, place.country_code, place.admin1) == (36.1869, 37.5828, "SY", "Aleppo")
    text = "Shelling hit Khan al-Assal and the Deir ez-Zor Airport on Sunday, Syrian media said."
    spans = [(text.index(n), text.index(n) + len(n)) for n in ("Khan al-Assal", "Deir ez-Zor Airport")]
    village, airport = resolver.resolve(text, spans, language="en")
    assert (village.geonameid, village.kind, village.lat) == (VILLAGE, "city", 36.1731)
    assert (airport.geonameid, airport.kind, airport.admin1) == (AIRPORT, "site", "Deir ez-Zor")


def test_imported_division_replaces_the_built_one(cache) -> None:
    gaz = Gazetteer.load()
    divisions = [c.record for c in gaz.candidates("Aleppo") if c.record.kind == "admin1"]
    assert [(r.geonameid, r.admin1, r.population) for r in divisions] == [(GOVERNORATE, "Aleppo", 4868000)]
    assert any(c.record.geonameid == GOVERNORATE for c in gaz.candidates("محافظة حلب"))
    assert any(c.record.kind == "city" for c in gaz.candidates("Aleppo"))  # the built town stays


def test_reimport_changes_nothing_and_a_newer_dump_replaces_records(cache, tmp_path: Path) -> None:
    folder, files, _reports = cache
    before = names_table(folder / "geonames-user.sqlite")
    seen: dict[str, tuple[int, int]] = {}
    again = import_files(files, lambda report, done, total: seen.update({report.path.name: (done, total)}))
    assert seen == {f.name: (size, size) for f, size in (
        (files[0], files[0].stat().st_size), (files[2], files[2].stat().st_size),
        (files[1], zipfile.ZipFile(files[1]).getinfo("allCountries.txt").file_size))}
    assert [(r.added, r.updated) for r in again] == [(0, 0)] * 3
    assert [r.unchanged for r in again] == [3, 5, 6]
    assert names_table(folder / "geonames-user.sqlite") == before
    moved = main_line(KUWEIRES, "Kuweires Air Base", "Kweiris", "36.19", "37.58", "S", "AIRB", "09", 0,
                      "2024-08-01")
    newer = write_dumps(tmp_path, [moved])[1]
    (report,) = import_files([newer])
    assert (report.added, report.updated, report.unchanged) == (0, 1, 0)
    rec = next(c.record for c in Gazetteer.load().candidates("Kuweires Air Base"))
    assert (rec.geonameid, rec.lat) == (KUWEIRES, 36.19)
    assert not Gazetteer.load().candidates("Quweires Airbase")  # the old alternate is gone
    assert Gazetteer.load().candidates("مطار كويرس العسكري")  # names from alternateNames stay
    (older,) = import_files([files[1]])
    assert (older.updated, older.older) == (0, 1)


def test_cli_geo_import_and_info(cache) -> None:
    _folder, files, _reports = cache
    runner = CliRunner()
    result = runner.invoke(app, ["geo", "import", *map(str, files)])
    assert result.exit_code == 0, result.output
    assert "bad line" in result.output and "allCountries.zip:3" in result.output
    assert "alternateNamesV2.txt (alternates)" in result.output
    info = runner.invoke(app, ["geo", "info"])
    assert info.exit_code == 0, info.output
    assert "GeoNames import" in info.output and "site" in info.output and "built" in info.output
    bad = runner.invoke(app, ["geo", "import", str(files[2].with_name("missing.zip"))])
    assert bad.exit_code != 0
