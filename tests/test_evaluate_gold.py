"""Reading gold files: text_file resolution and broken lines."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from sitrep.evaluate.gold import load_gold, place_spans

SEEDS_GOLD = Path(__file__).resolve().parents[1].parent / "shared" / "eval" / "seeds.gold.jsonl"


def test_load_gold_resolves_text_file_and_skips_broken_lines(tmp_path: Path) -> None:
    (tmp_path / "texts").mkdir()
    (tmp_path / "texts" / "a.txt").write_text("Talks resumed in Geneva.", encoding="utf-8")
    gold = tmp_path / "set" / "g.jsonl"
    gold.parent.mkdir()
    lines = [
        json.dumps({"id": "a", "text_file": "../texts/a.txt", "timexes": []}),
        "",
        "{not json",
        json.dumps({"text": "no id"}),
        json.dumps({"id": "a", "text": "again"}),
        json.dumps({"id": "b", "text_file": "../texts/missing.txt"}),
        json.dumps({"id": "c", "text": "x", "events": {"type": "AID"}}),
        json.dumps({"id": "d", "text": "Kept."}),
    ]
    gold.write_text("\n".join(lines) + "\n", encoding="utf-8")
    docs = load_gold(gold)
    assert [d["id"] for d in docs] == ["a", "d"]
    assert docs[0]["text"] == "Talks resumed in Geneva."
    assert len(docs.warnings) == 5
    assert docs.warnings[0].startswith(f"{gold}:3: skipped, invalid JSON")
    assert f"{gold}:5:" in docs.warnings[2] and "repeated id" in docs.warnings[2]
    assert "'events' is not a list" in docs.warnings[4]


def test_place_spans_follow_the_scorer_placement() -> None:
    doc = {"text": "From Aleppo to Idlib.", "places": [
        {"mention": "Idlib"}, {"mention": "Aleppo", "start": 5, "end": 11}, {"mention": "Homs"}]}
    assert place_spans(doc) == [(15, 20), (5, 11), None]


@pytest.mark.skipif(not SEEDS_GOLD.exists(), reason="../shared/eval not beside the clone")
def test_seeds_gold_loads_and_scores_itself() -> None:
    from sitrep.evaluate.scorers import score

    docs = load_gold(SEEDS_GOLD)
    assert docs.warnings == []
    assert len(docs) >= 3 and all(d["text"] for d in docs)
    system = {d["id"]: {"entities": d["entities"], "story": d.get("story")} for d in docs}
    metrics = score(docs, system)["metrics"]
    assert metrics["entities.mention_f1"] == 1.0
    assert metrics["story.b3_f1"] == 1.0
    assert metrics["timex.span_f1_strict"] == 0.0
