"""The eval table and the flat JSON form."""

from __future__ import annotations

import json

from rich.console import Console

from sitrep.evaluate.report import render, to_json
from sitrep.evaluate.scorers import METRIC_KEYS, score

GOLD = [{"id": "a", "text": "Kyiv and Lviv.", "timexes": [], "noise": [],
         "entities": [{"id": "kyiv", "type": "LOC", "mentions": ["Kyiv"]},
                      {"id": "lviv", "type": "LOC", "mentions": ["Lviv"]}]}]
SYSTEM = {"a": {"entities": [{"id": "k", "type": "LOC", "mentions": ["Kyiv"]}]}}


def test_render_shows_every_metric_with_counts() -> None:
    console = Console(record=True, width=140)
    console.print(render(score(GOLD, SYSTEM), docs_per_second=12.5))
    out = console.export_text()
    for key in METRIC_KEYS:
        assert key in out
    assert "0.667" in out and "1 / 1 / 2" in out
    assert "12.5 documents/s" in out


def test_to_json_is_flat_and_serialisable() -> None:
    flat = to_json(score(GOLD, SYSTEM), docs_per_second=3.0)
    assert set(flat) == set(METRIC_KEYS) | {"counts", "docs_per_second"}
    assert abs(flat["entities.mention_f1"] - 2 / 3) < 1e-9
    assert flat["events.f1"] is None
    assert flat["noise.leaks"] == 0
    assert flat["counts"]["entities.mention_f1"]["gold"] == 2
    json.dumps(flat)
