"""The store on real databases: SQLite files in tmp_path, and PostgreSQL when
SITREP_TEST_PG_URL names one (scripts/pg_test_server.sh starts a throwaway server)."""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Table, func, select, text
from sqlalchemy.exc import IntegrityError

from sitrep.model import DocumentAnalysis
from sitrep.store import Alias, EntityAssignment, EntityRecord, Store
from sitrep.store.schema import articles, event_arguments, mentions, metadata, quotes
from test_store_sample import aleppo_en, aleppo_id, jakarta_protest, samples

PG_URL = os.environ.get("SITREP_TEST_PG_URL")


@pytest.fixture(params=["sqlite", "postgresql"])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Store]:
    if request.param == "sqlite":
        with Store.open(str(tmp_path / "kb" / "sitrep.db")) as s:
            yield s
        return
    if not PG_URL:
        pytest.skip("SITREP_TEST_PG_URL not set")
    s = Store.open(PG_URL)
    metadata.drop_all(s.engine)  # leftovers of an interrupted run
    s.close()
    s = Store.open(PG_URL)
    try:
        yield s
    finally:
        metadata.drop_all(s.engine)
        s.close()


def _count(store: Store, table: Table) -> int:
    with store.engine.connect() as conn:
        return conn.execute(select(func.count()).select_from(table)).scalar_one()


def _save_all(store: Store) -> list[DocumentAnalysis]:
    analyses = samples()
    assert all(store.save_analysis(a) for a in analyses)
    return analyses


def _entities(store: Store) -> None:
    store.upsert_entities([
        EntityRecord(id="Q-assad", name="Bashar al-Assad", type="PER", kb_id="wikidata:Q44329",
                     aliases=[Alias(name="Bashar al-Assad", language="en"),
                              Alias(name="Bashar al-Assad", language="id"),
                              Alias(name="Assad")],
                     evidence=[{"alias": "bashar al-assad", "rule": "exact-key", "score": 1.0}]),
        EntityRecord(id="Q-aleppo", name="Aleppo", type="LOC", kb_id="geonames:170063",
                     aliases=[Alias(name="Aleppo", language="en")]),
        EntityRecord(id="Q-saa", name="Syrian Arab Army", type="ORG"),
    ])
    en, id_ = aleppo_en().document.id, aleppo_id().document.id
    store.set_entity_assignments([
        EntityAssignment(article_id=en, mention=0, entity_id="Q-aleppo"),
        EntityAssignment(article_id=en, mention=1, entity_id="Q-saa"),
        EntityAssignment(article_id=en, mention=2, entity_id="Q-assad"),
        EntityAssignment(article_id=id_, mention=0, entity_id="Q-aleppo"),
        EntityAssignment(article_id=id_, mention=1, entity_id="Q-assad"),
    ])


def test_round_trip_rebuilds_the_dataclasses_exactly(store: Store) -> None:
    analyses = _save_all(store)
    for a in analyses:
        assert store.load_analysis(a.document.id) == a
    assert list(store.iter_analyses()) == analyses
    assert list(store.iter_analyses(batch_size=2)) == analyses


def test_has_article_and_missing_article(store: Store) -> None:
    a = aleppo_en()
    assert not store.has_article(a.document.id)
    store.save_analysis(a)
    assert store.has_article(a.document.id)
    with pytest.raises(KeyError):
        store.load_analysis("0000000000000000")


def test_saving_twice_adds_nothing(store: Store) -> None:
    a = aleppo_en()
    assert store.save_analysis(a) is True
    assert store.save_analysis(aleppo_en()) is False
    assert _count(store, articles) == 1
    assert _count(store, mentions) == len(a.mentions)
    assert _count(store, event_arguments) == 3
    assert _count(store, quotes) == 2
    assert [r[0] for r in store.search("Aleppo")] == [a.document.id]


def test_failing_save_rolls_back_and_keeps_earlier_articles(store: Store) -> None:
    good = aleppo_en()
    store.save_analysis(good)
    bad = aleppo_id()
    bad.events[0].place = 5  # no such place: the database refuses the event row
    with pytest.raises(IntegrityError):
        store.save_analysis(bad)
    assert not store.has_article(bad.document.id)
    assert _count(store, articles) == 1
    assert _count(store, mentions) == len(good.mentions)
    assert store.search("menguasai") == []
    assert store.load_analysis(good.document.id) == good
    assert store.save_analysis(aleppo_id()) is True  # nothing half-written stands in the way
    assert [r[0] for r in store.search("menguasai")] == [aleppo_id().document.id]


def test_reopening_keeps_the_data(tmp_path: Path) -> None:
    path = tmp_path / "sitrep.db"
    with Store.open(path) as s:
        s.save_analysis(aleppo_en())
    with Store.open(f"sqlite:///{path}") as s:
        assert s.load_analysis(aleppo_en().document.id) == aleppo_en()
        with s.engine.connect() as conn:
            assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"
            assert conn.execute(text("PRAGMA foreign_keys")).scalar() == 1


def test_search_finds_words_in_title_and_text(store: Store) -> None:
    en, id_, jkt = (a.document.id for a in _save_all(store))
    hits = store.search("Aleppo")
    assert {h[0] for h in hits} == {en, id_}
    assert all("[Aleppo]" in snippet for _, _, snippet in hits)
    assert store.search("fuel prices") == [(jkt, None, store.search("fuel prices")[0][2])]
    assert "[fuel]" in store.search("fuel prices")[0][2]
    assert [h[0] for h in store.search("lightning")] == [en]  # only in the title
    assert [h[0] for h in store.search("al-Assad statement")] == [en]
    assert store.search("Aleppo Jakarta") == []
    assert len(store.search('Aleppo* -"(:')) == 2  # query syntax is taken literally
    assert store.search("  ") == []


def test_entities_with_aliases_counts_and_dates(store: Store) -> None:
    _save_all(store)
    _entities(store)
    _entities(store)  # idempotent
    by_id = {e["id"]: e for e in store.entities()}
    assad = by_id["Q-assad"]
    assert assad["article_count"] == 2 and assad["mention_count"] == 2
    assert assad["languages"] == ["en", "id"]
    assert (assad["first_seen"], assad["last_seen"]) == ("2024-12-01", "2024-12-02")
    assert {(a["name"], a["language"]) for a in assad["aliases"]} == {
        ("Assad", None), ("Bashar al-Assad", "en"), ("Bashar al-Assad", "id")}
    assert assad["evidence"] == [{"alias": "bashar al-assad", "rule": "exact-key", "score": 1.0}]
    assert by_id["Q-saa"]["article_count"] == 1
    assert [e["id"] for e in store.entities()][:2] == ["Q-aleppo", "Q-assad"]


def test_entity_detail_has_every_mention_in_context(store: Store) -> None:
    _save_all(store)
    _entities(store)
    assad = store.entity("Q-assad")
    assert assad is not None and assad["name"] == "Bashar al-Assad"
    sentences = [(m["article_id"], m["text"], m["sentence_text"]) for m in assad["mentions"]]
    assert sentences == [
        (aleppo_en().document.id, "Bashar al-Assad",
         "\"The battle is not over,\" said Bashar al-Assad in a statement."),
        (aleppo_id().document.id, "Bashar al-Assad",
         "Presiden Bashar al-Assad menyatakan bahwa tentara akan kembali."),
    ]
    assert store.entity("Q-nobody") is None


def test_assignments_reach_arguments_and_speakers_and_can_change(store: Store) -> None:
    _save_all(store)
    _entities(store)
    retreat = next(e for e in store.events() if e["type"] == "RETREAT")
    assert [(a["entity_id"], a["entity_name"]) for a in retreat["actors"]] == [
        ("Q-saa", "Syrian Arab Army")]
    assert [(a["text"], a["entity_id"]) for a in retreat["targets"]] == [("the city", None)]
    speakers = [(q["speaker_text"], q["speaker_entity_id"], q["speaker_entity_name"])
                for q in store.quotes()]
    assert speakers == [("Bashar al-Assad", "Q-assad", "Bashar al-Assad"),
                        (None, None, None),
                        ("Bashar al-Assad", "Q-assad", "Bashar al-Assad")]
    en = aleppo_en().document.id
    store.set_entity_assignments([EntityAssignment(article_id=en, mention=1, entity_id=None)])
    retreat = next(e for e in store.events() if e["type"] == "RETREAT")
    assert retreat["actors"][0]["entity_id"] is None
    store.upsert_entities([EntityRecord(id="Q-assad", name="Bashar Hafez al-Assad", type="PER")])
    assert store.entity("Q-assad")["aliases"] == []
    assert store.quotes()[0]["speaker_entity_name"] == "Bashar Hafez al-Assad"
    store.delete_entities(["Q-assad"])
    assert store.quotes()[0]["speaker_entity_id"] is None
    assert all(m["entity_id"] != "Q-assad" for m in store.mentions())


def test_prune_deletes_only_entities_nothing_points_at(store: Store) -> None:
    _save_all(store)
    _entities(store)
    store.upsert_entities([EntityRecord(id="Q-orphan", name="Orphan", type="PER", aliases=[Alias(name="Orphan")])])
    assert store.prune_entities() == 1
    assert {e["id"] for e in store.entities()} == {"Q-assad", "Q-aleppo", "Q-saa"}
    assert store.entity("Q-orphan") is None


def test_opening_without_create_needs_an_existing_store(store: Store, tmp_path: Path) -> None:
    from sitrep.store.dialect import NoStore

    with Store.open(store.engine.url.render_as_string(hide_password=False), create=False) as again:
        assert again.articles() == []
    with pytest.raises(NoStore):
        Store.open(tmp_path / "missing" / "kb.db", create=False)
    assert not (tmp_path / "missing").exists()


def test_assignment_to_unknown_entity_is_refused(store: Store) -> None:
    _save_all(store)
    with pytest.raises(IntegrityError):
        store.set_entity_assignments(
            [EntityAssignment(article_id=aleppo_en().document.id, mention=0, entity_id="Q-x")])


def test_stories_replace_earlier_ones_and_filter_the_views(store: Store) -> None:
    en, id_, jkt = (a.document.id for a in _save_all(store))
    store.set_stories({"old": [en, id_, jkt]})
    store.set_stories({"syria": [en, id_], "fuel": [jkt]}, labels={"syria": "Fall of Aleppo"})
    store.set_stories({"syria": [en, id_], "fuel": [jkt]}, labels={"syria": "Fall of Aleppo"})
    found = store.stories()
    assert [(s["id"], s["label"], [a["id"] for a in s["articles"]]) for s in found] == [
        ("syria", "Fall of Aleppo", [en, id_]), ("fuel", None, [jkt])]
    assert (found[0]["first_published"], found[0]["last_published"]) == (
        "2024-12-01", "2024-12-02")
    assert {e["article_id"] for e in store.events("syria")} == {en, id_}
    assert [e["type"] for e in store.events("fuel")] == ["PROTEST"]
    assert [q["article_id"] for q in store.quotes("fuel")] == []
    assert [p["name"] for p in store.places("fuel")] == ["Jakarta"]
    assert len(store.timexes("syria")) == 3
    assert store.events("old") == []


def test_view_rows_carry_their_evidence(store: Store) -> None:
    analyses = {a.document.id: a for a in _save_all(store)}
    for kind in ("mentions", "events", "quotes", "places", "timexes"):
        rows = getattr(store, kind)()
        assert rows, kind
        for r in rows:
            body = analyses[r["article_id"]].document.text
            assert body[r["start"]:r["end"]] == r["text"]
            sentence = analyses[r["article_id"]].sentences[r["sentence"]]
            assert r["sentence_text"] == body[sentence.start:sentence.end]
            assert r["start"] >= sentence.start and r["end"] <= sentence.end


def test_events_view_joins_place_date_and_trigger(store: Store) -> None:
    _save_all(store)
    first = store.events()[0]
    assert first["article_id"] == aleppo_en().document.id
    assert (first["type"], first["subtype"], first["date"]) == ("ASSAULT", "seize", "2024-11-30")
    assert first["trigger"]["text"] == "captured"
    assert first["place"]["name"] == "Aleppo" and first["place"]["lat"] == pytest.approx(36.20124)
    assert first["actors"][0]["agent"] == "SYR REB" and first["actors"][0]["nominal"] is True
    assert first["title"] == "Rebels take Aleppo in lightning offensive"
    # articles without a publication date come last
    assert store.events()[-1]["type"] == "PROTEST"
    assert [a["id"] for a in store.articles()][-1] == jakarta_protest().document.id


def test_articles_list_has_metadata_but_no_text(store: Store) -> None:
    _save_all(store)
    first = store.articles()[0]
    assert first["outlet"] == "Example Wire" and first["language"] == "en"
    assert "text" not in first and first["ingested_at"]
    assert store.articles()[1]["warnings"] == ["declared language missing"]


def test_round_trip_keeps_empty_and_optional_fields(store: Store) -> None:
    bare = dataclasses.replace(jakarta_protest(), events=[], timexes=[], warnings=[])
    store.save_analysis(bare)
    assert store.load_analysis(bare.document.id) == bare
