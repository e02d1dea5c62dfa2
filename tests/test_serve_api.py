"""The explorer's JSON API on a real store: the pipeline run on the bundled examples, in
SQLite, and in PostgreSQL when SITREP_TEST_PG_URL names a server."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select, text
from sqlalchemy.exc import DBAPIError
from typer.testing import CliRunner

from sitrep.cli import app as cli
from sitrep.serve.app import create_app
from sitrep.store import Store, explore
from sitrep.store.schema import articles, canonical_events, event_reports, metadata

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
PG_URL = os.environ.get("SITREP_TEST_PG_URL")


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def db(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The store's path or URL after `sitrep run examples/`."""
    if request.param == "sqlite":
        url = str(tmp_path_factory.mktemp("serve") / "kb.db")
    else:
        if not PG_URL:
            pytest.skip("SITREP_TEST_PG_URL not set")
        url = PG_URL
        with Store.open(url) as s:
            metadata.drop_all(s.engine)
    result = CliRunner().invoke(cli, ["run", str(EXAMPLES), "--db", url])
    assert result.exit_code == 0, result.output
    yield url
    if request.param == "postgresql":
        with Store.open(url) as s:
            metadata.drop_all(s.engine)


@pytest.fixture(scope="module")
def client(db: str) -> Iterator[TestClient]:
    store = Store.open(db, create=False)
    with TestClient(create_app(store)) as c:
        yield c
    store.close()


def _total(db: str, stmt) -> int:
    with Store.open(db, create=False) as s, s.engine.connect() as conn:
        return conn.execute(stmt).scalar_one()


def test_meta_says_what_the_store_holds(client, db):
    meta = client.get("/api/meta").json()
    assert meta["events"] == _total(db, select(func.count()).select_from(canonical_events)) > 5
    assert {"ASSAULT", "RETREAT"} <= {t["value"] for t in meta["types"]}
    assert "SY" in {c["value"] for c in meta["countries"]}
    assert {lang["value"] for lang in meta["languages"]} == {"en", "id"}
    assert meta["stories"] >= 1 and meta["entities"] > 10
    assert meta["first_day"] <= "2024-11-27" and meta["last_day"] >= "2024-12-07"


def test_events_are_paged_with_a_total(client):
    everything = client.get("/api/events", params={"limit": 1000}).json()
    assert everything["total"] == len(everything["events"]) > 5
    first = client.get("/api/events", params={"limit": 4}).json()
    second = client.get("/api/events", params={"limit": 4, "offset": 4}).json()
    assert first["total"] == second["total"] == everything["total"]
    assert len(first["events"]) == 4
    ids = [e["id"] for e in first["events"] + second["events"]]
    assert len(set(ids)) == len(ids) and ids == [e["id"] for e in everything["events"][:len(ids)]]
    days = [e["date"] or e["first_reported"] for e in everything["events"]]
    assert days == sorted(days, reverse=True)  # newest first
    assert client.get("/api/events", params={"limit": 5000}).status_code == 422


def test_each_filter_narrows_the_events(client, db):
    total = client.get("/api/events").json()["total"]

    def events(**params):
        found = client.get("/api/events", params={"limit": 1000, **params})
        assert found.status_code == 200, found.text
        rows = found.json()["events"]
        assert found.json()["total"] == len(rows) <= total
        return rows

    assaults = events(type="ASSAULT")
    assert assaults and all(e["type"] == "ASSAULT" for e in assaults)
    assert {e["type"] for e in events(type="ASSAULT,RETREAT")} == {"ASSAULT", "RETREAT"}
    syria = events(country="SY")
    assert syria and all(e["country"] == "SY" for e in syria)
    dated = events(since="2024-11-28", until="2024-12-07")
    assert dated and all("2024-11-28" <= (e["date"] or e["first_reported"])[:10] <= "2024-12-07" for e in dated)
    assert len(events(since="2024-12")) + len(events(until="2024-11")) == total
    indonesian = events(language="id")
    assert indonesian and all("id" in e["languages"] for e in indonesian)
    assert len(indonesian) < total
    corroborated = events(min_sources=2)
    assert corroborated and all(e["sources"] >= 2 for e in corroborated)
    rebels = events(actor="actor:SYR REB")
    assert rebels and all("actor:SYR REB" in {p["id"] for p in e["actors"] + e["targets"]} for e in rebels)
    assert events(actor="actor:SYR") == []  # an id, not a prefix
    box = events(bbox="35,32,38,37")  # Syria and Lebanon
    assert box and all(32 <= e["lat"] <= 37 and 35 <= e["lon"] <= 38 for e in box)
    assert len(box) < total
    story = client.get("/api/stories").json()["stories"][0]["id"]
    assert len(events(story=story)) == total  # the examples are one story
    assert events(story="no-such-story") == []


def test_word_filter_keeps_events_reported_in_matching_articles(client, db):
    rows = client.get("/api/events", params={"q": "Hezbollah", "limit": 1000}).json()["events"]
    assert rows
    with Store.open(db, create=False) as s, s.engine.connect() as conn:
        for e in rows:
            texts = conn.execute(select(articles.c.text).select_from(
                event_reports.join(articles, articles.c.id == event_reports.c.article_id))
                .where(event_reports.c.canonical_id == e["id"])).scalars().all()
            assert any("Hezbollah" in t for t in texts)
    assert client.get("/api/events", params={"q": "zzzunheardofword"}).json()["total"] == 0


def test_bad_filters_get_a_clear_message(client):
    bad_date = client.get("/api/events", params={"since": "last week"})
    assert bad_date.status_code == 422 and "YYYY" in bad_date.json()["error"]
    bad_box = client.get("/api/timeline", params={"bbox": "1,2,3"})
    assert bad_box.status_code == 422 and "west,south,east,north" in bad_box.json()["error"]
    assert client.get("/api/events", params={"min_sources": 0}).status_code == 422
    hostile = client.get("/api/events", params={"actor": "x%' OR 1=1 --", "q": "\" OR * NEAR("})
    assert hostile.status_code == 200 and hostile.json()["total"] == 0


def test_an_event_comes_with_every_report_and_its_sentence_in_its_paragraph(client):
    rows = client.get("/api/events", params={"min_sources": 2}).json()["events"]
    event = client.get(f"/api/events/{rows[0]['id']}").json()
    assert event["id"] == rows[0]["id"] and len(event["report_list"]) == event["reports"] >= 2
    assert {r["language"] for r in event["report_list"]} == set(event["languages"])
    for report in event["report_list"]:
        assert report["outlet"] and report["published"] and report["article_id"]
        paragraph = report["paragraph"]
        assert paragraph["sentence"].strip() and report["evidence_text"] in paragraph["sentence"]
        assert "\n\n" not in paragraph["before"] + paragraph["sentence"] + paragraph["after"]
    missing = client.get("/api/events/ev-nothing")
    assert missing.status_code == 404 and "ev-nothing" in missing.json()["error"]


def test_timeline_counts_every_event_once(client):
    total = client.get("/api/events").json()["total"]
    timeline = client.get("/api/timeline").json()
    drawn = sum(d["total"] for d in timeline["days"])
    assert drawn + timeline["coarse"] + timeline["undated"] == total
    assert [d["day"] for d in timeline["days"]] == sorted(d["day"] for d in timeline["days"])
    assert "2024-11-27" in {d["day"] for d in timeline["days"]}  # the offensive's first day
    only = client.get("/api/timeline", params={"type": "RETREAT"}).json()
    assert all(set(d["counts"]) == {"RETREAT"} for d in only["days"])


def test_map_gives_points_and_groups_them_when_there_are_many(client, monkeypatch):
    total = client.get("/api/events").json()["total"]
    points = client.get("/api/map").json()
    assert points["located"] + points["unlocated"] == total and not points["clustered"]
    assert all(p["id"] and -90 <= p["lat"] <= 90 for p in points["points"])
    monkeypatch.setattr(explore, "MAP_POINTS", 2)
    cells = client.get("/api/map", params={"zoom": 1}).json()
    assert cells["clustered"] and sum(c["count"] for c in cells["points"]) == points["located"]
    assert len(cells["points"]) < points["located"]
    finer = client.get("/api/map", params={"zoom": 10}).json()
    assert len(finer["points"]) >= len(cells["points"])


def test_graph_links_actors_to_targets(client):
    graph = client.get("/api/graph").json()
    nodes = {n["id"]: n for n in graph["nodes"]}
    assert graph["edges"] and all(e["source"] in nodes and e["target"] in nodes for e in graph["edges"])
    assert ("actor:SYR REB", "actor:SYR GOV") in {(e["source"], e["target"]) for e in graph["edges"]}
    assert nodes["actor:SYR REB"]["name"] == "Syria: rebels"
    narrow = client.get("/api/graph", params={"type": "SUPPORT"}).json()
    assert narrow["events"] < graph["events"]


def test_stories_and_a_story_briefing(client):
    stories = client.get("/api/stories").json()
    assert stories["total"] == len(stories["stories"]) >= 1
    story = stories["stories"][0]
    briefing = client.get(f"/api/stories/{story['id']}").json()
    assert briefing["id"] == story["id"] and len(briefing["articles"]) == len(story["articles"]) == 3
    assert briefing["timeline"] and all(line["event_id"].startswith("ev-") for line in briefing["timeline"])
    assert all(line["citation"]["sentence_text"] for line in briefing["timeline"])
    assert client.get("/api/stories/story-none").status_code == 404


def test_entities_and_an_entity_with_its_mentions_and_events(client):
    listing = client.get("/api/entities", params={"q": "assad"}).json()
    assad = next(e for e in listing["entities"] if e["name"] == "Bashar al-Assad")
    assert listing["total"] == len(listing["entities"])
    assert client.get("/api/entities", params={"limit": 3}).json()["total"] > 3  # the total, not the page
    detail = client.get(f"/api/entities/{assad['id']}").json()
    assert detail["type"] == "PER" and detail["mentions"]
    assert all("Assad" in m["sentence_text"] for m in detail["mentions"])
    assert detail["events"]["total"] >= 1
    assert all(assad["id"] in {p["id"] for p in e["actors"] + e["targets"]} for e in detail["events"]["events"])
    assert client.get("/api/entities/nobody").status_code == 404


def test_search_finds_articles_names_and_their_events(client):
    found = client.get("/api/search", params={"q": "Aleppo offensive"}).json()
    assert found["articles"]
    hit = found["articles"][0]
    assert "[" in hit["snippet"] and hit["outlet"] and hit["events"]
    article = client.get(f"/api/articles/{hit['id']}").json()
    assert "Aleppo" in article["text"] and set(hit["events"]) == set(article["events"])
    assert any(e["name"] == "Aleppo" for e in client.get("/api/search", params={"q": "aleppo"}).json()["entities"])
    assert client.get("/api/search", params={"q": ""}).status_code == 422
    assert client.get("/api/articles/none").status_code == 404


def test_every_response_forbids_inline_script_and_the_api_is_documented(client):
    for path in ("/", "/api/events", "/api/docs", "/static/app.js"):
        response = client.get(path)
        assert response.status_code == 200
        csp = response.headers["content-security-policy"]
        assert "script-src 'self'" in csp and "unsafe-inline" not in csp.split("script-src")[1].split(";")[0]
        assert response.headers["x-content-type-options"] == "nosniff"
    spec = client.get("/api/openapi.json").json()
    for path in ("/api/events", "/api/events/{event_id}", "/api/stories", "/api/stories/{story_id}",
                 "/api/entities", "/api/entities/{entity_id}", "/api/timeline", "/api/graph", "/api/search"):
        assert path in spec["paths"], path
    params = {p["name"] for p in spec["paths"]["/api/events"]["get"]["parameters"]}
    assert {"since", "until", "type", "country", "actor", "story", "language", "min_sources", "bbox", "q",
            "limit", "offset"} <= params


def test_the_server_never_writes_to_the_store(client, db):
    before = _total(db, select(func.count()).select_from(canonical_events))
    for path in ("/api/meta", "/api/events", "/api/timeline", "/api/map", "/api/graph", "/api/stories",
                 "/api/entities", "/api/search?q=Aleppo"):
        assert client.get(path).status_code == 200
    assert client.post("/api/events").status_code == 405
    with pytest.raises(DBAPIError):  # the app's own connections refuse to write
        with client.app.state.store.engine.begin() as conn:
            conn.execute(text("DELETE FROM canonical_events"))
    assert _total(db, select(func.count()).select_from(canonical_events)) == before


def test_serve_command_binds_locally_and_warns_when_exposed(db, monkeypatch, tmp_path):
    calls: list[dict] = []
    monkeypatch.setattr("uvicorn.run", lambda app, **kw: calls.append({"app": app, **kw}))
    local = CliRunner().invoke(cli, ["serve", "--db", db])
    assert local.exit_code == 0, local.output
    assert "http://127.0.0.1:8765/" in local.output and "Warning" not in local.output
    assert calls[-1]["host"] == "127.0.0.1" and calls[-1]["port"] == 8765
    assert calls[-1]["app"].state.store is not None
    exposed = CliRunner().invoke(cli, ["serve", "--db", db, "--host", "0.0.0.0", "--port", "9999"])
    assert exposed.exit_code == 0 and "Warning" in exposed.output and "anyone" in exposed.output
    assert calls[-1]["host"] == "0.0.0.0" and calls[-1]["port"] == 9999
    missing = CliRunner().invoke(cli, ["serve", "--db", str(tmp_path / "none.db")])
    assert missing.exit_code == 2 and "No sitrep store" in missing.output
    assert not (tmp_path / "none.db").exists()
