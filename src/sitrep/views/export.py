"""Exports: the knowledge base as flat files, one per kind of fact.

A thin last layer over the store's queries. Each kind has a fixed list of typed
columns, so every format gets the same header even when a kind is empty, and every
row that comes from an article carries its evidence: article id, character offsets,
sentence index and the sentence itself. List-valued columns (an event's actors, an
entity's aliases) are native lists in JSON Lines and Parquet and JSON arrays in CSV.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any, Literal

from sitrep.layout import specs
from sitrep.model import Event, Mention, Place, Quote, Timex
from sitrep.store import Store
from sitrep.views import event_export

Format = Literal["jsonl", "csv", "parquet", "acled", "plover", "geojson"]
Row = dict[str, Any]
# (column name, type, key in the store's row or a function of that row)
Column = tuple[str, str, str | Callable[[Row], Any]]

_EVIDENCE: list[Column] = [
    ("article_id", "str", "article_id"), ("start", "int", "start"), ("end", "int", "end"),
    ("sentence", "int", "sentence"), ("sentence_text", "str", "sentence_text"),
    ("published", "str", "published"), ("title", "str", "title"),
]


def _names(args: list[Row]) -> list[str]:
    return [a["entity_name"] or a["text"] for a in args]


def _ids(args: list[Row]) -> list[str | None]:
    return [a["entity_id"] for a in args]


def _place(field: str) -> Callable[[Row], Any]:
    return lambda r: r["place"][field] if r["place"] else None


def _simple(*names: tuple[str, str]) -> list[Column]:
    return [(name, kind, name) for name, kind in names]


_KINDS = {int: "int", float: "float", str: "str", bool: "bool"}
_SPAN = ("start", "end", "text", "sentence")  # a row's own span is in the evidence columns


def _fields(cls: type, *, skip: tuple[str, ...] = ()) -> list[Column]:
    """The plain columns of a model class, in field order (:mod:`sitrep.layout`): its
    scalar fields, and of a nested span (a trigger, a speaker, a cue) its text and offsets."""
    out: list[Column] = []
    for spec in specs(cls):
        if spec.kind != "scalar" or spec.name in _SPAN or spec.name in skip or spec.ref:
            continue
        if spec.name.endswith("_sentence"):
            continue
        out.append((spec.name, _KINDS[spec.python], spec.name))
    return out


COLUMNS: dict[str, list[Column]] = {
    "entities": [
        ("entity_id", "str", "id"), *_simple(("name", "str"), ("type", "str"), ("kb_id", "str")),
        ("aliases", "list", lambda r: [a["name"] for a in r["aliases"]]),
        *_simple(("languages", "list"), ("mention_count", "int"), ("article_count", "int"),
                 ("first_seen", "str"), ("last_seen", "str")),
        ("evidence", "str", lambda r: json.dumps(r["evidence"], ensure_ascii=False)),
        *_EVIDENCE,  # of the entity's earliest mention
    ],
    "mentions": [
        ("index", "int", "idx"), ("text", "str", "text"), *_fields(Mention),
        *_simple(("entity_id", "str"), ("entity_name", "str")),
        *_EVIDENCE,
    ],
    "events": [
        ("index", "int", "idx"),
        *_fields(Event, skip=("trigger_start", "trigger_end", "trigger_text")),
        ("actors", "list", lambda r: _names(r["actors"])),
        ("actor_ids", "list", lambda r: _ids(r["actors"])),
        ("targets", "list", lambda r: _names(r["targets"])),
        ("target_ids", "list", lambda r: _ids(r["targets"])),
        ("place_name", "str", _place("name")), ("place_text", "str", _place("text")),
        ("place_geonameid", "int", _place("geonameid")),
        ("place_country_code", "str", _place("country_code")),
        ("lat", "float", _place("lat")), ("lon", "float", _place("lon")),
        ("trigger", "str", lambda r: r["trigger"]["text"]),
        ("trigger_start", "int", lambda r: r["trigger"]["start"]),
        ("trigger_end", "int", lambda r: r["trigger"]["end"]),
        ("evidence", "str", "text"),
        *_EVIDENCE,
    ],
    "places": [("index", "int", "idx"), ("text", "str", "text"), *_fields(Place), *_EVIDENCE],
    "timexes": [("index", "int", "idx"), ("text", "str", "text"), *_fields(Timex), *_EVIDENCE],
    "quotes": [
        ("index", "int", "idx"), ("text", "str", "text"), *_fields(Quote),
        *_simple(("speaker_entity_id", "str"), ("speaker_entity_name", "str")),
        *_EVIDENCE,
    ],
    "stories": [
        *_simple(("story_id", "str"), ("label", "str"), ("article_id", "str"), ("title", "str"),
                 ("published", "str"), ("outlet", "str"), ("url", "str")),
    ],
}

def _typed(names: tuple[str, ...], types: dict[str, str]) -> list[Column]:
    return [(name, types.get(name, "str"), name) for name in names]


_INTS = ("date_precision", "geonameid", "place_precision", "fatalities", "inter1", "inter2", "interaction",
         "sources", "reports", "event", "sentence")
_TYPES = {**dict.fromkeys(_INTS, "int"), "lat": "float", "lon": "float", "civilian_targeting": "bool",
          **dict.fromkeys(event_export.LIST_COLUMNS, "list")}
# canonical events (one per real-world event) and the reports behind them
COLUMNS["canonical_events"] = _typed(event_export.CANONICAL_COLUMNS, _TYPES)
COLUMNS["event_reports"] = _typed(event_export.REPORT_COLUMNS, _TYPES)

TABLE_FORMATS: tuple[Format, ...] = ("jsonl", "csv", "parquet")
FORMATS: tuple[Format, ...] = (*TABLE_FORMATS, "acled", "plover", "geojson")


def _entity_rows(store: Store) -> list[Row]:
    """Entities, each with its earliest mention as evidence (none when unmentioned)."""
    first: dict[str, Row] = {}
    for m in store.mentions():
        if m["entity_id"] is not None:
            first.setdefault(m["entity_id"], m)
    blank = dict.fromkeys(name for name, _, _ in _EVIDENCE)
    return [{**e, **{k: first.get(e["id"], blank)[k] for k in blank}} for e in store.entities()]


def _story_rows(store: Store) -> list[Row]:
    return [
        {"story_id": s["id"], "label": s["label"], "article_id": a["id"], **a}
        for s in store.stories() for a in s["articles"]
    ]


def rows(store: Store, kind: str, canonical: list[Row] | None = None) -> list[Row]:
    """The export rows of one kind, columns in :data:`COLUMNS` order. ``canonical``: the
    store's canonical events with their reports, when the caller has read them already."""
    def events_with_reports() -> list[Row]:
        return canonical if canonical is not None else store.canonical_events(reports=True)

    source: dict[str, Callable[[], list[Row]]] = {
        "entities": lambda: _entity_rows(store), "mentions": store.mentions, "events": store.events,
        "places": store.places, "timexes": store.timexes, "quotes": store.quotes,
        "stories": lambda: _story_rows(store),
        "canonical_events": lambda: event_export.canonical_rows(events_with_reports()),
        "event_reports": lambda: event_export.report_rows(events_with_reports()),
    }
    columns = COLUMNS[kind]
    return [
        {name: (get(r) if callable(get) else r[get]) for name, _, get in columns}
        for r in source[kind]()
    ]


def export(store: Store, out_dir: Path, fmt: Format, notes: list[str] | None = None) -> list[Path]:
    """Write one file per kind (``entities.csv``, ``events.csv``, ``canonical_events.csv``
    ...) into ``out_dir``; or, for ``acled``, ``plover`` and ``geojson``, the canonical
    events in that format (see :mod:`sitrep.views.event_export`). What was left out and
    why is appended to ``notes``."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown export format {fmt!r}: use {', '.join(FORMATS)}")
    out_dir.mkdir(parents=True, exist_ok=True)
    canonical = store.canonical_events(reports=True)
    if fmt == "acled":
        paths, uncoded = event_export.write_acled(canonical, out_dir)
        if uncoded and notes is not None:
            notes.append(f"{uncoded} of {len(canonical)} canonical events have no ACLED reading (consultations, "
                         "aid, statements ...) and are left out of the ACLED file; the plover, geojson and table "
                         "formats have them all")
        return paths
    if fmt == "plover":
        return event_export.write_plover(canonical, out_dir)
    if fmt == "geojson":
        unplaced = sum(1 for r in canonical if r.get("lat") is None)
        if unplaced and notes is not None:
            notes.append(f"{unplaced} of {len(canonical)} canonical events have no coordinates and are left out "
                         "of the GeoJSON file")
        return event_export.write_geojson(canonical, out_dir)
    written = []
    for kind, columns in COLUMNS.items():
        path = out_dir / f"{kind}.{fmt}"
        data = rows(store, kind, canonical)
        if fmt == "jsonl":
            _write_jsonl(path, data)
        elif fmt == "csv":
            _write_csv(path, columns, data)
        else:
            _write_parquet(path, columns, data)
        written.append(path)
    return written


def _write_jsonl(path: Path, data: list[Row]) -> None:
    with path.open("w", encoding="utf-8") as f:
        for row in data:
            f.write(json.dumps(row, ensure_ascii=False) + "\n")


def _write_csv(path: Path, columns: list[Column], data: list[Row]) -> None:
    lists = [name for name, kind, _ in columns if kind == "list"]
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=[name for name, _, _ in columns])
        writer.writeheader()
        for row in data:
            writer.writerow({**row, **{k: json.dumps(row[k], ensure_ascii=False) for k in lists}})


def _write_parquet(path: Path, columns: list[Column], data: list[Row]) -> None:
    import pyarrow as pa  # imported here: only Parquet exports pay for it
    import pyarrow.parquet as pq

    types = {"str": pa.string(), "int": pa.int64(), "float": pa.float64(), "bool": pa.bool_(),
             "list": pa.list_(pa.string())}
    schema = pa.schema([(name, types[kind]) for name, kind, _ in columns])
    pq.write_table(pa.Table.from_pylist(data, schema=schema), path)
