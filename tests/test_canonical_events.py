"""Canonical events on a small real stream: one attack told by four outlets in three
languages, a wire copy and a translation among them, two death tolls and two dates.

The articles are written for these tests in the style of wire reports (no news text is
copied). Everything runs through the real pipeline: reading, per-document analysis, the
SQLite store, the incremental corpus stage, the CLI and the exports.
"""

from __future__ import annotations

import csv
import json
import os
import shutil
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import geojson
import pytest
from sqlalchemy import func, select
from typer.testing import CliRunner

from sitrep.cli import app
from sitrep.store import Store
from sitrep.store.schema import (
    article_keys,
    article_links,
    canonical_events,
    event_blocks,
    event_contradictions,
    event_reports,
    key_frequencies,
    resolved,
    story_articles,
)
from sitrep.views.event_export import ACLED_COLUMNS

AP_TEXT = (
    "Militants storm Somali army base in Baidoa\n\n"
    "MOGADISHU, Somalia (AP) - Al-Shabaab extremists attacked an army base in the southwestern Somali city of "
    "Baidoa on Thursday, officials said, in one of the deadliest assaults on the military this year.\n\n"
    "The attackers rammed a car packed with explosives into the gate of the base and then opened fire on "
    "soldiers, said Captain Hassan Abdi, a military officer in the city. Dozens of residents fled the area.\n\n"
    "Somalia's government has vowed to defeat the group, which controls large parts of the countryside."
)

ARTICLES = [
    {"id": "reuters-baidoa", "outlet": "Reuters", "published": "2025-03-14", "language": "en",
     "title": "Al-Shabaab fighters attack army base in Somalia's Baidoa",
     "text": "Al-Shabaab fighters attack army base in Somalia's Baidoa\n\nMOGADISHU, March 14 (Reuters) - "
             "Al-Shabaab fighters attacked a Somali army base in Baidoa on Thursday, killing 20 soldiers, the "
             "health ministry said.\n\nThe militants detonated a car bomb at the gate of the base before gunmen "
             "stormed it, residents said. Somalia's government condemned the attack."},
    {"id": "afp-baidoa", "outlet": "AFP", "published": "2025-03-14", "language": "fr",
     "title": "Somalie : des shebab attaquent une base de l'armée à Baidoa",
     "text": "Somalie : des shebab attaquent une base de l'armée à Baidoa\n\nDes combattants shebab ont attaqué "
             "mercredi une base de l'armée somalienne à Baidoa, tuant 34 soldats, selon les services d'urgence."
             "\n\nLes islamistes ont fait exploser une voiture piégée devant la base avant de l'investir, selon "
             "des habitants."},
    {"id": "ap-baidoa", "outlet": "AP", "published": "2025-03-14", "language": "en",
     "title": "Militants storm Somali army base in Baidoa", "text": AP_TEXT},
    {"id": "star-baidoa", "outlet": "The Daily Star", "published": "2025-03-15", "language": "en",
     "title": "Militants storm Somali army base in Baidoa",
     "text": AP_TEXT.replace("fled the area.", "fled the area, witnesses said.")
     + "\n\nThis story was provided by the Associated Press."},
    {"id": "antara-baidoa", "outlet": "Antara", "published": "2025-03-15", "language": "id",
     "title": "Militan serbu markas tentara Somalia di Baidoa",
     "text": "Militan serbu markas tentara Somalia di Baidoa\n\nMOGADISHU, Somalia (AP) - Ekstremis Al-Shabaab "
             "menyerang sebuah markas tentara di kota Baidoa, Somalia barat daya, pada Kamis, kata para pejabat, "
             "dalam salah satu serangan paling mematikan terhadap militer tahun ini.\n\nPara penyerang "
             "menabrakkan mobil berisi bahan peledak ke gerbang markas lalu menembaki para tentara, kata Kapten "
             "Hassan Abdi, seorang perwira militer di kota itu. Puluhan warga mengungsi dari daerah tersebut."
             "\n\nPemerintah Somalia telah berjanji untuk mengalahkan kelompok itu, yang menguasai sebagian besar "
             "wilayah pedesaan."},
]


def write_articles(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for article in ARTICLES:
        (folder / f"{article['id']}.json").write_text(json.dumps(article, ensure_ascii=False), encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def stream(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, Path]]:
    """The five articles ingested once with ``sitrep ingest``: (articles folder, store)."""
    base = tmp_path_factory.mktemp("stream")
    folder, db = write_articles(base / "articles"), base / "kb.db"
    result = CliRunner().invoke(app, ["ingest", str(folder), "--db", str(db)])
    assert result.exit_code == 0, result.output
    yield folder, db


def _outlets(db: Path) -> dict[str, str]:
    with Store.open(str(db), create=False) as store:
        return {a["id"]: a["outlet"] for a in store.articles()}


def _attack(db: Path) -> dict:
    """The canonical event with the most reports: the attack on the base."""
    with Store.open(str(db), create=False) as store:
        rows = store.canonical_events(reports=True)
    return max(rows, key=lambda r: r["reports"])


def test_one_record_for_the_attack_across_three_languages(stream) -> None:
    _, db = stream
    attack = _attack(db)
    assert attack["type"] == "ASSAULT"
    assert attack["place_name"] == "Baidoa" and attack["country"] == "SO"
    assert set(attack["languages"]) == {"en", "fr", "id"}
    outlets = {r["outlet"] for r in attack["report_list"]}
    assert {"Reuters", "AFP", "AP", "Antara"} <= outlets
    # Reuters, AFP and the AP text (with its copy and its translation): three independent sources
    assert attack["sources"] == 3
    assert attack["date"] == "2025-03-13"  # Thursday, as two of the three sources say
    assert "al-shabaab" in {a["id"] for a in attack["actors"]}


def test_a_wire_copy_is_linked_and_counted_once(stream) -> None:
    _, db = stream
    outlets = _outlets(db)
    with Store.open(str(db), create=False) as store, store.engine.connect() as conn:
        links = {(outlets[a], outlets[o], kind) for a, o, kind in conn.execute(
            select(article_links.c.article_id, article_links.c.original, article_links.c.kind))}
    copy = next(link for link in links if link[0] == "The Daily Star")
    assert copy[2] == "duplicate" and copy[1] in ("AP", "Antara")
    attack = _attack(db)
    by_outlet = {r["outlet"]: r["source"] for r in attack["report_list"]}
    assert by_outlet["The Daily Star"] == by_outlet["AP"] == by_outlet["Antara"]  # one source for the three


def test_a_translation_is_linked_but_another_outlets_report_is_not(stream) -> None:
    _, db = stream
    outlets = _outlets(db)
    with Store.open(str(db), create=False) as store, store.engine.connect() as conn:
        links = {frozenset((outlets[a], outlets[o])): kind for a, o, kind in conn.execute(
            select(article_links.c.article_id, article_links.c.original, article_links.c.kind))}
    assert links.get(frozenset(("AP", "Antara"))) == "translation"
    assert not any("Reuters" in pair or "AFP" in pair for pair in links)


def test_contradictions_on_the_toll_and_the_date_keep_both_versions_and_sources(stream) -> None:
    _, db = stream
    attack = _attack(db)
    found = {c["field"]: c for c in attack["contradiction_list"]}
    killed = found["killed"]
    versions = {killed["value_a"]: killed["sources_a"], killed["value_b"]: killed["sources_b"]}
    assert set(versions) == {"34", "20"}
    assert versions["34"] == ["AFP"]
    assert versions["20"][0].startswith("Reuters (") and "ministry" in versions["20"][0]  # who gave the figure
    date = found["date"]
    dates = {date["value_a"]: date["sources_a"], date["value_b"]: date["sources_b"]}
    assert dates["2025-03-12"] == ["AFP"]
    assert "Reuters" in dates["2025-03-13"]
    assert attack["fatalities"] == 34


def test_events_command_filters_and_event_command_shows_every_report(stream) -> None:
    _, db = stream
    runner = CliRunner()
    listed = runner.invoke(app, ["events", "--db", str(db), "--min-sources", "3", "--json"])
    assert listed.exit_code == 0, listed.output
    rows = json.loads(listed.stdout)
    assert [r["sources"] for r in rows] == [3]
    everything = json.loads(runner.invoke(app, ["events", "--db", str(db), "--json"]).stdout)
    assert len(everything) > 1
    disputed = json.loads(runner.invoke(app, ["events", "--db", str(db), "--contradictions", "--json"]).stdout)
    assert [r["id"] for r in disputed] == [rows[0]["id"]]
    later = json.loads(runner.invoke(app, ["events", "--db", str(db), "--since", "2025-03-14", "--json"]).stdout)
    assert rows[0]["id"] not in {r["id"] for r in later}  # it happened on the 13th
    cut = runner.invoke(app, ["events", "--db", str(db), "--limit", "1"])
    assert f"{len(everything) - 1} more event(s) not shown" in " ".join(cut.output.split())

    shown = runner.invoke(app, ["event", rows[0]["id"], "--db", str(db)], env={"COLUMNS": "200"})
    assert shown.exit_code == 0, shown.output
    text = " ".join(shown.output.split())
    for outlet in ("Reuters", "AFP", "AP", "Antara", "The Daily Star"):
        assert outlet in text
    assert "tuant 34 soldats" in text and "killing 20 soldiers" in text  # each report's sentence
    assert "Sources disagree" in text
    missing = runner.invoke(app, ["event", "ev-nothing", "--db", str(db)])
    assert missing.exit_code == 1 and "No canonical event" in missing.output


def test_acled_csv_has_acleds_columns_and_the_event(stream, tmp_path: Path) -> None:
    _, db = stream
    result = CliRunner().invoke(app, ["export", "-f", "acled", "-o", str(tmp_path), "--db", str(db)])
    assert result.exit_code == 0, result.output
    with (tmp_path / "canonical_events.acled.csv").open(encoding="utf-8", newline="") as f:
        reader = csv.DictReader(f)
        assert tuple(reader.fieldnames or ()) == ACLED_COLUMNS
        rows = list(reader)
    attack = _attack(db)
    row = next(r for r in rows if f"sitrep_id={attack['id']}" in r["tags"])
    assert row["event_id_cnty"].startswith("SOM") and row["event_id_cnty"][3:].isdigit()
    assert (row["event_date"], row["year"], row["time_precision"]) == ("2025-03-13", "2025", "1")
    assert (row["country"], row["iso"], row["region"]) == ("Somalia", "706", "Eastern Africa")
    assert row["location"] == "Baidoa" and abs(float(row["latitude"]) - 3.11) < 0.1
    assert row["disorder_type"] == "Political violence" and row["event_type"] and row["sub_event_type"]
    assert row["fatalities"] == "34" and "sources=3" in row["tags"]
    assert {"AFP", "Reuters"} <= set(row["source"].split("; "))
    with (tmp_path / "event_reports.acled.csv").open(encoding="utf-8", newline="") as f:
        reports = [r for r in csv.DictReader(f) if r["event_id_cnty"] == row["event_id_cnty"]]
    assert len(reports) == attack["reports"]
    assert all(r["sentence_text"] for r in reports)


def test_geojson_and_plover_exports_validate(stream, tmp_path: Path) -> None:
    _, db = stream
    runner = CliRunner()
    assert runner.invoke(app, ["export", "-f", "geojson", "-o", str(tmp_path), "--db", str(db)]).exit_code == 0
    collection = geojson.loads((tmp_path / "canonical_events.geojson").read_text(encoding="utf-8"))
    assert collection.is_valid, collection.errors()
    attack = _attack(db)
    feature = next(f for f in collection["features"] if f["id"] == attack["id"])
    lon, lat = feature["geometry"]["coordinates"]
    assert abs(lat - 3.11) < 0.1 and abs(lon - 43.65) < 0.1  # Baidoa, longitude first
    assert feature["properties"]["sources"] == 3
    assert runner.invoke(app, ["export", "-f", "plover", "-o", str(tmp_path), "--db", str(db)]).exit_code == 0
    plover = json.loads((tmp_path / "canonical_events.plover.json").read_text(encoding="utf-8"))
    record = next(r for r in plover if r["id"] == attack["id"])
    assert record["event_type"] == "ASSAULT" and record["location"]["name"] == "Baidoa"
    assert len(record["evidence"]) == attack["reports"]


def _tables(db: Path) -> dict[str, set[tuple]]:
    with Store.open(str(db), create=False) as store, store.engine.connect() as conn:
        return {
            "links": set(conn.execute(select(article_links.c.article_id, article_links.c.original,
                                             article_links.c.kind))),
            "reports": set(conn.execute(select(event_reports.c.canonical_id, event_reports.c.article_id,
                                               event_reports.c.event))),
            "events": set(conn.execute(select(canonical_events.c.id, canonical_events.c.reports,
                                              canonical_events.c.sources, canonical_events.c.date))),
            "stories": set(conn.execute(select(story_articles.c.story_id, story_articles.c.article_id))),
            "contradictions": set(conn.execute(select(event_contradictions.c.canonical_id,
                                                      event_contradictions.c.field))),
            "key frequencies": set(conn.execute(select(key_frequencies))),
        }


def test_key_frequencies_are_the_counts_of_the_stored_keys_and_can_be_rebuilt(stream, tmp_path: Path) -> None:
    from sitrep.resolve.stories import KINDS
    from sitrep.store.corpus import backfill_key_frequencies

    _, db = stream
    copy = tmp_path / "copy.db"
    shutil.copy(db, copy)
    with Store.open(str(copy), create=False) as store, store.engine.begin() as conn:
        counted = set(conn.execute(select(article_keys.c.kind, article_keys.c.value, func.count())
                                   .where(article_keys.c.kind.in_(KINDS))
                                   .group_by(article_keys.c.kind, article_keys.c.value)))
        kept = set(conn.execute(select(key_frequencies)))
        assert kept == counted and any(df > 1 for _, _, df in kept)
        conn.execute(key_frequencies.delete())  # a store from before the table existed
        backfill_key_frequencies(conn, KINDS)
        assert set(conn.execute(select(key_frequencies))) == counted


def test_ingesting_the_same_articles_again_changes_nothing(stream) -> None:
    folder, db = stream
    before = _tables(db)
    result = CliRunner().invoke(app, ["ingest", str(folder), "--db", str(db)])
    assert result.exit_code == 0 and "5 already stored" in result.output
    assert _tables(db) == before


KILLER = """
import os, signal, sys
from sitrep.resolve import corpus
from sitrep.store import Store

original = corpus._canonical_events
batches = []

def canonical_then_die(conn, analyses, *args, **kwargs):
    batches.append(len(analyses))
    if len(batches) == 2:  # the second batch: write half its events, then die in the transaction
        original(conn, analyses[:1], *args, **kwargs)
        os.kill(os.getpid(), signal.SIGKILL)
    return original(conn, analyses, *args, **kwargs)

corpus._canonical_events = canonical_then_die
with Store.open(sys.argv[1], create=False) as store:
    corpus.update_corpus(store, batch=2)
"""


def _stored_unresolved(folder: Path, db: Path) -> None:
    """Analyse and store the articles without running the corpus stage."""
    from sitrep.ingest import read_sources
    from sitrep.runner import RunSummary, _new_documents, analyse_many

    with Store.open(str(db)) as store:
        for analysis in analyse_many(_new_documents(read_sources([str(folder)]), store, RunSummary())):
            store.save_analysis(analysis)


def test_a_run_killed_mid_batch_resumes_without_duplicates_or_orphans(stream, tmp_path: Path) -> None:
    folder, reference = stream
    db = tmp_path / "killed.db"
    _stored_unresolved(folder, db)
    run = subprocess.run([sys.executable, "-c", KILLER, str(db)], capture_output=True, text=True, timeout=300,
                         env={**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)})
    assert run.returncode == -signal.SIGKILL, run.stderr
    with Store.open(str(db), create=False) as store, store.engine.connect() as conn:
        done = {r[0] for r in conn.execute(select(resolved.c.article_id))}
        assert len(done) == 2  # the first batch is whole; nothing of the second one stayed
        in_reports = {r[0] for r in conn.execute(select(event_reports.c.article_id).distinct())}
        assert in_reports <= done
        assert {r[0] for r in conn.execute(select(story_articles.c.article_id))} <= done
        orphans = conn.execute(select(func.count()).select_from(event_blocks).where(
            ~event_blocks.c.canonical_id.in_(select(canonical_events.c.id)))).scalar_one()
        assert orphans == 0
    from sitrep.runner import resolve_corpus

    with Store.open(str(db), create=False) as store:
        resolve_corpus(store)
    resumed = _tables(db)
    assert resumed["reports"] and len(resumed["reports"]) == len({(a, e) for _, a, e in resumed["reports"]})
    with Store.open(str(db), create=False) as store, store.engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(resolved)).scalar_one() == len(ARTICLES)
    # the same picture as one uninterrupted run in batches of two
    clean = tmp_path / "clean.db"
    _stored_unresolved(folder, clean)
    from sitrep.resolve.corpus import update_corpus

    with Store.open(str(clean), create=False) as store:
        update_corpus(store, batch=2)
    assert _tables(clean) == resumed
    assert reference.exists()
