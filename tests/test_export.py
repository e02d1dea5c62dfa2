"""Exports written from a real SQLite store and read back with the csv module, json
and pyarrow."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from sitrep.store import Alias, EntityAssignment, EntityRecord, Store
from sitrep.views.export import COLUMNS, export
from test_store_sample import aleppo_en, jakarta_protest, samples

KINDS = ["entities", "mentions", "events", "places", "timexes", "quotes", "stories", "canonical_events",
         "event_reports"]
EVIDENCE = ("article_id", "start", "end", "sentence", "sentence_text")


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    s = Store.open(str(tmp_path / "sitrep.db"))
    for a in samples():
        s.save_analysis(a)
    en = aleppo_en().document.id
    s.upsert_entities([
        EntityRecord(id="Q-saa", name="Syrian Arab Army", type="ORG",
                     aliases=[Alias(name="Syrian army", language="en")],
                     evidence=[{"alias": "syrian army", "rule": "kb-alias", "score": 0.92}]),
        EntityRecord(id="Q-aleppo", name="Aleppo", type="LOC", kb_id="geonames:170063"),
    ])
    s.set_entity_assignments([
        EntityAssignment(article_id=en, mention=1, entity_id="Q-saa"),
        EntityAssignment(article_id=en, mention=0, entity_id="Q-aleppo"),
    ])
    s.set_stories({"syria": [en], "fuel": [jakarta_protest().document.id]},
                  labels={"syria": "Fall of Aleppo"})
    yield s
    s.close()


def _read(path: Path) -> list[dict]:
    if path.suffix == ".jsonl":
        return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    if path.suffix == ".csv":
        with path.open(encoding="utf-8", newline="") as f:
            return list(csv.DictReader(f))
    return pq.read_table(path).to_pylist()


def _list(value: object) -> list:
    """List columns are JSON arrays in CSV, native lists elsewhere."""
    return json.loads(value) if isinstance(value, str) else value


@pytest.mark.parametrize("fmt", ["jsonl", "csv", "parquet"])
def test_export_writes_every_kind_and_reads_back(store: Store, tmp_path: Path, fmt: str) -> None:
    paths = export(store, tmp_path / "out", fmt)
    assert [p.name for p in paths] == [f"{k}.{fmt}" for k in KINDS]
    data = {p.stem: _read(p) for p in paths}
    counts = {k: len(v) for k, v in data.items()}
    # no corpus stage ran on this store: no canonical events (tests/test_export_events.py)
    assert counts == {"entities": 2, "mentions": 6, "events": 4, "places": 3, "timexes": 4,
                      "quotes": 3, "stories": 2, "canonical_events": 0, "event_reports": 0}

    retreat = next(r for r in data["events"] if r["type"] == "RETREAT")
    assert _list(retreat["actors"]) == ["Syrian Arab Army"]
    assert _list(retreat["actor_ids"]) == ["Q-saa"]
    assert _list(retreat["targets"]) == ["the city"]
    assert retreat["place_name"] == "Aleppo"
    assert float(retreat["lat"]) == pytest.approx(36.20124)
    assert retreat["evidence"] == "The Syrian army withdrew its troops from the city"
    assert retreat["sentence_text"] == (
        "The Syrian army withdrew its troops from the city, the defence ministry said.")
    assert int(retreat["sentence"]) == 1

    for kind in ("mentions", "events", "places", "timexes", "quotes"):
        for row in data[kind]:
            body = next(a.document.text for a in samples()
                        if a.document.id == row["article_id"])
            start, end = int(row["start"]), int(row["end"])
            assert row["text" if kind != "events" else "evidence"] == body[start:end]
            assert all(row[k] not in (None, "") for k in EVIDENCE)

    army = next(r for r in data["entities"] if r["entity_id"] == "Q-saa")
    assert _list(army["aliases"]) == ["Syrian army"] and _list(army["languages"]) == ["en"]
    assert json.loads(army["evidence"])[0]["rule"] == "kb-alias"
    assert (army["article_id"], int(army["start"]), army["sentence_text"]) == (
        aleppo_en().document.id, aleppo_en().mentions[1].start,
        "The Syrian army withdrew its troops from the city, the defence ministry said.")
    assert {(r["story_id"], r["article_id"]) for r in data["stories"]} == {
        ("syria", aleppo_en().document.id), ("fuel", jakarta_protest().document.id)}


@pytest.mark.parametrize("fmt", ["jsonl", "csv", "parquet"])
def test_empty_store_exports_headers_only(tmp_path: Path, fmt: str) -> None:
    with Store.open(str(tmp_path / "empty.db")) as s:
        paths = export(s, tmp_path / "out", fmt)
    events = tmp_path / "out" / f"events.{fmt}"
    assert events in paths and _read(events) == []
    if fmt == "csv":
        header = events.read_text(encoding="utf-8").splitlines()[0].split(",")
        assert header == [name for name, _, _ in COLUMNS["events"]]
    if fmt == "parquet":
        assert pq.read_table(events).schema.names == [name for name, _, _ in COLUMNS["events"]]


def test_parquet_keeps_types(store: Store, tmp_path: Path) -> None:
    export(store, tmp_path, "parquet")
    table = pq.read_table(tmp_path / "events.parquet")
    actors = table.schema.field("actors").type
    assert pa.types.is_list(actors) and pa.types.is_string(actors.value_type)
    assert pa.types.is_float64(table.schema.field("lat").type)
    assert pa.types.is_boolean(table.schema.field("date_inferred").type)
    assert pa.types.is_string(table.schema.field("status").type)
    assert pa.types.is_int64(table.schema.field("start").type)


def test_unknown_format_is_refused(store: Store, tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="unknown export format"):
        export(store, tmp_path, "xlsx")  # type: ignore[arg-type]
