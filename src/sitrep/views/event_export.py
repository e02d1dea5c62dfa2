"""Canonical events as files other tools read: ACLED-style CSV, PLOVER JSON, GeoJSON, and
plain tables (JSON Lines, CSV, Parquet), each with the reports behind the events.

The ACLED file has exactly the columns of ACLED's own export, in its order, so that a
tool written for ACLED data reads it unchanged; sitrep's own fields (its event id, the
number of independent sources, the contradictions) go into ``tags``, and the reports
file joins on ``event_id_cnty``. Only events that have an ACLED reading are in the ACLED
file (ACLED codes political violence, demonstrations and strategic developments, not
consultations or aid); the others are in the PLOVER and plain files.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Iterable
from functools import cache
from importlib import resources as package_files
from pathlib import Path
from typing import Any

import yaml

from sitrep.views.events import contradiction_text

Row = dict[str, Any]

ACLED_COLUMNS = (
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type", "sub_event_type",
    "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2", "interaction", "civilian_targeting",
    "iso", "region", "country", "admin1", "admin2", "admin3", "location", "latitude", "longitude",
    "geo_precision", "source", "source_scale", "notes", "fatalities", "tags", "timestamp",
)

REPORT_COLUMNS = (
    "event_id_cnty", "canonical_id", "article_id", "event", "source", "outlet", "language", "published", "title",
    "url", "type", "subtype", "date", "evidence", "sentence", "sentence_text", "casualties", "joined",
)

CANONICAL_COLUMNS = (
    "canonical_id", "event_id_cnty", "type", "subtype", "date", "date_precision", "place_name", "geonameid",
    "lat", "lon", "country", "admin1", "place_precision", "actors", "actor_ids", "targets", "target_ids",
    "fatalities", "disorder_type", "acled_event_type", "sub_event_type", "inter1", "inter2", "interaction",
    "civilian_targeting", "sources", "reports", "languages", "first_reported", "last_updated",
    "contradictions", "stories", "notes",
)
LIST_COLUMNS = frozenset({"actors", "actor_ids", "targets", "target_ids", "languages", "contradictions", "stories"})


@cache
def _regions() -> dict[str, str]:
    path = package_files.files("sitrep") / "data" / "acled_regions.yaml"
    with path.open(encoding="utf-8") as handle:
        table = yaml.safe_load(handle)
    return {code: region for region, codes in table.items() for code in codes}


def region(country_code: str | None) -> str:
    """ACLED's region of a country (``data/acled_regions.yaml``); empty when unknown."""
    return _regions().get((country_code or "").upper(), "")


@cache
def _country(code: str) -> tuple[str, str, int | None]:
    """(alpha-3, name, ISO numeric) of an alpha-2 code."""
    import pycountry

    from sitrep.geo import Gazetteer

    found = pycountry.countries.get(alpha_2=code.upper())
    record = Gazetteer.load().country(code.upper())
    name = record.name if record else (getattr(found, "common_name", None) or getattr(found, "name", code))
    return (found.alpha_3 if found else code.upper(), name, int(found.numeric) if found else None)


def event_id_cnty(row: Row) -> str:
    """ACLED-style id: the country's alpha-3 code and a number, stable for a canonical id."""
    number = int(hashlib.sha1(row["id"].encode()).hexdigest()[:7], 16)
    prefix = _country(row["country"])[0] if row.get("country") else "XXX"
    return f"{prefix}{number}"


def _event_date(row: Row) -> tuple[str, int | None]:
    """ACLED's event date and time precision: a month or year becomes its first day at
    precision 3; an undated event takes the day it was first reported, at precision 3."""
    date, precision = row.get("date"), row.get("date_precision")
    if not date:
        first = (row.get("first_reported") or "")[:10]
        return first, (3 if first else None)
    if len(date) >= 10:
        return date[:10], precision or 1
    if len(date) == 7:
        return f"{date}-01", 3
    if len(date) == 4:
        return f"{date}-01-01", 3
    return "", None


def _names(items: list[Row]) -> list[str]:
    return [p["name"] for p in items]


def _timestamp(value: str | None) -> int | None:
    try:
        day = dt.date.fromisoformat((value or "")[:10])
    except ValueError:
        return None
    return int(dt.datetime(day.year, day.month, day.day, tzinfo=dt.UTC).timestamp())


def acled_row(row: Row) -> Row | None:
    """One canonical event in ACLED's columns; None when it has no ACLED reading."""
    if not row.get("sub_event_type"):
        return None
    date, precision = _event_date(row)
    alpha3, name, numeric = _country(row["country"]) if row.get("country") else ("", "", None)
    actors, targets = _names(row["actors"]), _names(row["targets"])
    outlets = sorted({r.get("outlet") or r["source"] for r in row.get("report_list") or []})
    tags = [f"sitrep_id={row['id']}", f"sources={row['sources']}", f"reports={row['reports']}",
            f"languages={'/'.join(row['languages'])}"]
    tags += [f"contradiction: {contradiction_text(c)}" for c in row["contradiction_list"]]
    return {
        "event_id_cnty": event_id_cnty(row), "event_date": date, "year": int(date[:4]) if date else None,
        "time_precision": precision, "disorder_type": row.get("disorder_type") or "",
        "event_type": row.get("acled_event_type") or "", "sub_event_type": row["sub_event_type"],
        "actor1": actors[0] if actors else "", "assoc_actor_1": "; ".join(actors[1:]), "inter1": row.get("inter1"),
        "actor2": targets[0] if targets else "", "assoc_actor_2": "; ".join(targets[1:]),
        "inter2": row.get("inter2"), "interaction": row.get("interaction"),
        "civilian_targeting": "Civilian targeting" if row.get("civilian_targeting") else "",
        "iso": numeric, "region": region(row.get("country")), "country": name,
        "admin1": row.get("admin1") or "", "admin2": "", "admin3": "",
        "location": row.get("place_name") or name, "latitude": row.get("lat"), "longitude": row.get("lon"),
        "geo_precision": row.get("place_precision"), "source": "; ".join(outlets), "source_scale": "",
        "notes": " ".join((row.get("notes") or "").split()), "fatalities": row.get("fatalities") or 0,
        "tags": "; ".join(tags), "timestamp": _timestamp(row.get("last_updated")),
    }


def report_rows(rows: Iterable[Row]) -> list[Row]:
    """The reports behind each canonical event, one row each."""
    out = []
    for row in rows:
        for r in row.get("report_list") or []:
            out.append({
                "event_id_cnty": event_id_cnty(row), "canonical_id": row["id"], "article_id": r["article_id"],
                "event": r["event"], "source": r["source"], "outlet": r.get("outlet"), "language": r.get("language"),
                "published": r.get("published"), "title": r.get("title"), "url": r.get("url"), "type": r.get("type"),
                "subtype": r.get("subtype"), "date": r.get("date"), "evidence": r.get("evidence_text"),
                "sentence": r.get("sentence"), "sentence_text": " ".join((r.get("sentence_text") or "").split()),
                "casualties": json.dumps(r.get("casualties") or [], ensure_ascii=False),
                "joined": json.dumps(r.get("joined") or {}, ensure_ascii=False),
            })
    return out


def canonical_rows(rows: Iterable[Row]) -> list[Row]:
    """Canonical events as flat rows (:data:`CANONICAL_COLUMNS`)."""
    return [{
        "canonical_id": row["id"], "event_id_cnty": event_id_cnty(row),
        **{k: row.get(k) for k in CANONICAL_COLUMNS if k in row and k not in LIST_COLUMNS},
        "actors": _names(row["actors"]), "actor_ids": [a["id"] for a in row["actors"]],
        "targets": _names(row["targets"]), "target_ids": [t["id"] for t in row["targets"]],
        "languages": row["languages"], "stories": row["stories"],
        "contradictions": [contradiction_text(c) for c in row["contradiction_list"]],
    } for row in rows]


def plover_record(row: Row) -> Row:
    """One canonical event in the PLOVER data format's terms (event type, mode, actor,
    recipient, location), with sitrep's corroboration and every report's evidence."""
    def party(items: list[Row]) -> list[Row]:
        return [{"name": p["name"], "id": p["id"], "sources": p["sources"]} for p in items]

    return {
        "id": row["id"], "date": row.get("date"), "date_precision": row.get("date_precision"),
        "event_type": row["type"], "mode": row.get("subtype"), "actor": party(row["actors"]),
        "recipient": party(row["targets"]),
        "location": None if not row.get("geonameid") and row.get("lat") is None else {
            "name": row.get("place_name"), "geonameid": row.get("geonameid"), "lat": row.get("lat"),
            "lon": row.get("lon"), "country": row.get("country"), "admin1": row.get("admin1"),
            "precision": row.get("place_precision"),
        },
        "fatalities": row.get("fatalities"),
        "sources": row["sources"], "reports": row["reports"], "languages": row["languages"],
        "first_reported": row.get("first_reported"), "last_updated": row.get("last_updated"),
        "contradictions": row["contradiction_list"], "stories": row["stories"],
        "evidence": [{"article_id": r["article_id"], "event": r["event"], "outlet": r.get("outlet"),
                      "language": r.get("language"), "published": r.get("published"),
                      "text": r.get("evidence_text"), "sentence": " ".join((r.get("sentence_text") or "").split())}
                     for r in row.get("report_list") or []],
    }


def geojson(rows: Iterable[Row]) -> Row:
    """A FeatureCollection: one Point per canonical event that has coordinates."""
    features = []
    for row in rows:
        if row.get("lat") is None or row.get("lon") is None:
            continue
        record = plover_record(row)
        record.pop("evidence")
        features.append({
            "type": "Feature", "id": row["id"],
            "geometry": {"type": "Point", "coordinates": [round(row["lon"], 5), round(row["lat"], 5)]},
            "properties": record,
        })
    return {"type": "FeatureCollection", "features": features}


def write_acled(rows: list[Row], out_dir: Path) -> tuple[list[Path], int]:
    """``canonical_events.acled.csv`` and ``event_reports.acled.csv`` (the reports of the
    events in it); returns the paths and how many events had no ACLED reading (left out)."""
    import csv

    coded = [(row, acled_row(row)) for row in rows]
    kept = [(row, a) for row, a in coded if a is not None]
    path = out_dir / "canonical_events.acled.csv"
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=ACLED_COLUMNS)
        writer.writeheader()
        for _, a in kept:
            writer.writerow(a)
    reports = out_dir / "event_reports.acled.csv"
    with reports.open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=REPORT_COLUMNS)
        writer.writeheader()
        writer.writerows(report_rows(row for row, _ in kept))
    return [path, reports], len(coded) - len(kept)


def write_plover(rows: list[Row], out_dir: Path) -> list[Path]:
    path = out_dir / "canonical_events.plover.json"
    path.write_text(json.dumps([plover_record(r) for r in rows], ensure_ascii=False, indent=1), encoding="utf-8")
    return [path]


def write_geojson(rows: list[Row], out_dir: Path) -> list[Path]:
    path = out_dir / "canonical_events.geojson"
    path.write_text(json.dumps(geojson(rows), ensure_ascii=False), encoding="utf-8")
    return [path]
