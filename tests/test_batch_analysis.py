"""Documents analysed together give what each gives alone, only faster.

The runner analyses documents in batches so that the parser sees the sentences of many
articles at once, and the gazetteer rules out names it lacks without a query. Neither may
change a result, and one bad document still fails alone.
"""

import os
import sqlite3
import time

import pytest

from sitrep.analyse import pipeline
from sitrep.analyse.pipeline import analyse, analyse_batch
from sitrep.analyse.syntax import Parser
from sitrep.geo.gazetteer import Gazetteer
from sitrep.geo.keyfilter import KeyFilter
from sitrep.model import Document, Meta, to_dict
from sitrep.runner import Failed, analyse_many

TEXTS = [
    ("en", "Rebels attacked an army base near Aleppo on Tuesday, killing 12 soldiers. "
           "\"We will not stop,\" commander Abu Khaled told reporters. Police arrested 20 protesters in Homs."),
    ("es", "Los rebeldes atacaron una base del ejército cerca de Alepo el martes. "
           "La policía detuvo a 20 manifestantes en Homs, informó el ministerio."),
    ("ar", "هاجم مسلحون مركزا للشرطة في مدينة حلب يوم الثلاثاء. وقال الجيش إن 12 جنديا قتلوا."),
    ("fr", "Les rebelles ont attaqué une base militaire près d'Alep mardi, a déclaré le ministère."),
    ("en", "The weather was fine in London. Nothing happened."),
]


def _documents() -> list[Document]:
    return [Document(id=f"d{i}", text=text, meta=Meta(language=lang, published="2024-11-26"))
            for i, (lang, text) in enumerate(TEXTS)]


def _comparable(analysis) -> dict:
    out = to_dict(analysis)
    out.pop("document", None)
    return out


def test_a_batch_gives_what_each_document_gives_alone():
    documents = _documents()
    alone = [_comparable(analyse(d)) for d in documents]
    together = analyse_batch(documents)
    assert [_comparable(a) for a in together] == alone
    assert any(a["events"] for a in alone[:4]), "the texts have events to compare"
    assert any(e["type"] == "ASSAULT" for e in alone[0]["events"])


def test_one_failing_document_fails_alone(monkeypatch):
    documents = _documents()
    real = pipeline._stages

    def failing(doc, document, *args, **kwargs):
        if document.id == "d1":
            raise RuntimeError("broken stage")
        return real(doc, document, *args, **kwargs)

    monkeypatch.setattr(pipeline, "_stages", failing)
    results = list(analyse_many(documents, workers=1))
    assert isinstance(results[1], Failed) and "broken stage" in results[1].reason
    assert [type(r).__name__ for i, r in enumerate(results) if i != 1] == ["DocumentAnalysis"] * 4
    assert any(e.type == "ASSAULT" for e in results[0].events)


def test_sentences_parsed_ahead_are_taken_not_parsed_again():
    parser = Parser.for_language("en")
    if parser is None:
        pytest.skip("no English parser shipped")
    sentence = "Rebels attacked an army base near Aleppo on Tuesday."
    parser.parse_ahead([sentence])
    ahead = parser._ahead[sentence]
    parse = parser.parse([(100, sentence)])[0]
    assert parse.doc is ahead and parse.offset == 100
    assert sentence not in parser._ahead  # taken once: the same text again is parsed anew
    again = parser.parse([(0, sentence)])[0]
    assert again.doc is not ahead and [t.dep_ for t in again.doc] == [t.dep_ for t in ahead]


def _names_db(path, keys):
    db = sqlite3.connect(path)
    db.execute("CREATE TABLE names (key TEXT, pid INTEGER, src INTEGER)")
    db.executemany("INSERT INTO names VALUES (?, 1, 0)", [(k,) for k in keys])
    db.commit()
    return db


def test_the_key_filter_never_loses_a_name_and_is_saved_beside_the_file(tmp_path):
    keys = ["aleppo", "halab", "حلب", "дамаск", "new york", "saint louis"]
    path = tmp_path / "gaz.sqlite"
    db = _names_db(path, keys)
    made = KeyFilter.for_database(path, db)
    sidecar = tmp_path / "gaz.sqlite.keys"
    assert sidecar.is_file() and sidecar.stat().st_size == 4 * len(keys)
    assert all(made.may_hold(k) for k in keys)
    assert not any(made.may_hold(k) for k in ["aleppos", "york", "the", "حلبا", ""])
    db.close()
    read = KeyFilter.for_database(path, sqlite3.connect(path))  # from the sidecar
    assert all(read.may_hold(k) for k in keys) and not read.may_hold("damascus")


def test_a_stale_key_filter_is_computed_again(tmp_path):
    path = tmp_path / "gaz.sqlite"
    db = _names_db(path, ["aleppo"])
    KeyFilter.for_database(path, db)
    db.execute("INSERT INTO names VALUES ('damascus', 2, 0)")
    db.commit()
    later = time.time() + 5
    os.utime(path, (later, later))  # the file changed after its filter was saved
    assert KeyFilter.for_database(path, db).may_hold("damascus")


def test_the_gazetteer_still_finds_places_behind_its_filter():
    gaz = Gazetteer.load()
    assert gaz._keys is not None or gaz.user is not None
    assert any(c.record.country_code == "SY" for c in gaz.candidates("Aleppo"))
    assert any(c.record.country_code == "SY" for c in gaz.candidates_in("بحلب", "ar"))
    assert gaz.candidates("Xqzzyplace Unheardof") == []
