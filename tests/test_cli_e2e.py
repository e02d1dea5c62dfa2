"""End to end through the CLI: the main job on the bundled examples, re-runs, bad input, eval."""

import json
import sqlite3
from pathlib import Path

from typer.testing import CliRunner

from sitrep.cli import app

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
runner = CliRunner()


def table_counts(db: Path) -> dict[str, int]:
    with sqlite3.connect(db) as conn:
        return {
            t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
            for t in ("articles", "mentions", "timexes", "places", "events", "quotes", "entities", "stories")
        }


def test_run_on_examples_prints_a_cited_briefing_and_writes_html(tmp_path):
    db, html = tmp_path / "kb.db", tmp_path / "briefing.html"
    result = runner.invoke(app, ["run", str(EXAMPLES), "--db", str(db), "--html", str(html)])
    assert result.exit_code == 0, result.output
    assert "3 stored" in result.output
    assert "Timeline" in result.output and "ASSAULT" in result.output
    assert "Sources" in result.output and "sentence" in result.output
    page = html.read_text(encoding="utf-8")
    assert page.startswith("<!doctype html>") and "<script" not in page and "http" not in page
    assert "Al Jazeera" in page and "Aleppo" in page
    counts = table_counts(db)
    assert counts["articles"] == 3 and counts["stories"] == 1
    assert counts["mentions"] > 50 and counts["events"] > 3 and counts["quotes"] > 2


def test_rerun_on_the_same_input_changes_nothing(tmp_path):
    db = tmp_path / "kb.db"
    first = runner.invoke(app, ["ingest", str(EXAMPLES), "--db", str(db)])
    assert first.exit_code == 0, first.output
    before = table_counts(db)
    again = runner.invoke(app, ["ingest", str(EXAMPLES / "*.txt"), "--db", str(db)])
    assert again.exit_code == 0, again.output
    assert "0 stored, 3 already stored" in again.output
    assert table_counts(db) == before


def test_bad_input_is_reported_skipped_and_loses_nothing(tmp_path):
    db = tmp_path / "kb.db"
    runner.invoke(app, ["ingest", str(EXAMPLES / "000_13ce0ca0229e9c60.txt"), "--db", str(db)])
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good.txt").write_text(
        "Protesters marched through Nairobi on Tuesday, police said.\n", encoding="utf-8"
    )
    (folder / "binary.txt").write_bytes(b"\x00\x01\x02PNG\x00" * 50)
    (folder / "empty.md").write_text("   \n", encoding="utf-8")
    lines = [json.dumps({"text": "Troops withdrew from Kherson on Friday, the army said.", "language": "en"}),
             "{not json", ""]
    (folder / "feed.jsonl").write_text("\n".join(lines), encoding="utf-8")
    result = runner.invoke(app, ["ingest", str(folder), "--db", str(db)])
    assert result.exit_code == 1
    assert "binary.txt" in result.output and "empty.md" in result.output and "feed.jsonl:2" in result.output
    assert table_counts(db)["articles"] == 3  # the earlier article and the two good new ones


def test_eval_on_the_seed_gold_meets_the_baseline_floors(shared_dir):
    result = runner.invoke(app, ["eval", str(shared_dir / "eval" / "seeds.gold.jsonl"), "--json"])
    assert result.exit_code == 0, result.output
    figures = json.loads(result.stdout[result.stdout.index("{"):])
    assert figures["noise.leaks"] == 0
    assert figures["entities.mention_f1"] >= 0.6
    assert figures["timex.value_f1"] >= 0.6
    assert figures["places.e2e_f1_161"] >= 0.6
    assert figures["events.f1"] >= 0.3
    assert figures["quotes.speaker_f1"] >= 0.3
    assert figures["story.b3_f1"] == 1.0
    assert figures["docs_per_second"] > 0


def test_export_entities_and_search_after_a_run(tmp_path):
    import csv

    import pyarrow.parquet as pq

    db = tmp_path / "kb.db"
    assert runner.invoke(app, ["ingest", str(EXAMPLES), "--db", str(db)]).exit_code == 0
    for fmt in ("jsonl", "csv", "parquet"):
        out = tmp_path / fmt
        result = runner.invoke(app, ["export", "--format", fmt, "--out", str(out), "--db", str(db)])
        assert result.exit_code == 0, result.output
        assert {p.stem for p in out.iterdir()} >= {"entities", "events", "places", "timexes", "quotes", "stories"}
    events = [json.loads(line) for line in (tmp_path / "jsonl" / "events.jsonl").open(encoding="utf-8")]
    assert events and all(e["article_id"] and e["sentence_text"] and e["type"] for e in events)
    with (tmp_path / "csv" / "places.csv").open(encoding="utf-8") as handle:
        places = list(csv.DictReader(handle))
    assert any(p["country_code"] == "SY" for p in places)
    assert pq.read_table(tmp_path / "parquet" / "quotes.parquet").num_rows > 0

    listed = runner.invoke(app, ["entities", "--json", "--db", str(db)])
    entities = json.loads(listed.stdout)
    assad = next(e for e in entities if e["name"] == "Bashar al-Assad")
    assert assad["article_count"] == 3 and set(assad["languages"]) >= {"en", "id"}
    shown = runner.invoke(app, ["entity", assad["id"], "--db", str(db)])
    assert shown.exit_code == 0 and "Mr Assad" in shown.output

    found = runner.invoke(app, ["search", "Aleppo", "--db", str(db)])
    assert found.exit_code == 0 and "Aleppo" in found.output


def test_a_process_pool_stores_the_same_picture_as_one_process(tmp_path):
    one, two = tmp_path / "one.db", tmp_path / "two.db"
    assert runner.invoke(app, ["ingest", str(EXAMPLES), "--db", str(one)]).exit_code == 0
    result = runner.invoke(app, ["ingest", str(EXAMPLES), "--db", str(two), "--workers", "2"])
    assert result.exit_code == 0, result.output
    assert table_counts(one) == table_counts(two)
