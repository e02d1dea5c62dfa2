"""The trained engine: the lexicon's candidates re-read by a language's classifier
(``models/events.json``, made by ``scripts/train_events.py``; figures in ``models/EVENTS.md``)."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from sitrep.analyse.events.trained import NONE, EventClassifier
from sitrep.analyse.pipeline import analyse
from sitrep.cli import app
from sitrep.config import Settings
from sitrep.model import Document, Event, Meta, Span

EVERY_STATUS = ("reported", "planned", "threatened", "hypothetical", "negated", "denied", "background")


def _events(text: str, language: str, engine: str) -> list[tuple[str, str]]:
    document = Document(id="t", text=text, meta=Meta(language=language, published="2024-05-02"))
    analysis = analyse(document, settings=Settings(event_engine=engine, event_statuses=EVERY_STATUS))
    return [(e.type, e.trigger.text) for e in analysis.events]


def test_shipped_model_covers_the_languages_its_card_names():
    models = EventClassifier.shipped()
    assert "ar" in models  # cross-validation showed a gain there (models/EVENTS.md)
    assert "en" not in models and "es" not in models  # and none for these
    assert set(models["ar"].classes) >= {NONE, "ASSAULT", "PROTEST"}


def test_a_misspelt_key_in_a_model_file_is_an_error(tmp_path):
    model = {"classes": [NONE, "ASSAULT"], "intercept": [0.0, 0.0], "weights": {}, "threshold": 0.5,
             "retype_margin": 1.0}
    path = tmp_path / "events.json"
    path.write_text(json.dumps({"languages": {"ar": model}}), encoding="utf-8")
    assert EventClassifier.load_languages(path)["ar"].threshold == 0.5
    path.write_text(json.dumps({"languages": {"ar": {**model, "treshold": 0.4}}}), encoding="utf-8")
    with pytest.raises(ValueError, match="treshold"):
        EventClassifier.load_languages(path)


def test_decide_drops_keeps_and_retypes_by_the_probabilities():
    model = EventClassifier({"classes": [NONE, "ASSAULT", "PROTEST"], "intercept": [0.0, 0.0, 0.0],
                             "weights": {}, "threshold": 0.5, "retype_margin": 0.2})
    def event() -> Event:
        return Event(type="ASSAULT", trigger=Span(start=0, end=6, text="killed"), start=0, end=6, text="killed")

    assert model.decide(event(), {NONE: 0.6, "ASSAULT": 0.3, "PROTEST": 0.1}) is None
    kept = model.decide(event(), {NONE: 0.2, "ASSAULT": 0.7, "PROTEST": 0.1})
    assert kept is not None and kept.type == "ASSAULT" and kept.confidence == 0.8
    retyped = model.decide(event(), {NONE: 0.1, "ASSAULT": 0.2, "PROTEST": 0.7})
    assert retyped is not None and retyped.type == "PROTEST"
    request = Event(type="REQUEST", trigger=Span(start=0, end=5, text="urged"), start=0, end=5, text="urged")
    assert not model.reads(request)  # a type it never learnt passes unread


def test_arabic_reported_attacks_and_protests_are_kept():
    killing = "قتل مسلحون خمسة جنود في هجوم على نقطة تفتيش شمال بغداد أمس."
    assert ("ASSAULT", "قتل") in _events(killing, "ar", "trained")
    protest = "تظاهر آلاف الطلاب أمس في وسط القاهرة احتجاجا على ارتفاع الأسعار."
    assert ("PROTEST", "تظاهر") in _events(protest, "ar", "trained")


def test_arabic_a_killing_named_in_passing_is_dropped():
    # "the investigation into the journalist's killing is still going on": the lexicon reads
    # a reported assault into the noun; the Arabic classifier (trained on the Arabic GSR)
    # does not, and keeps the investigation
    text = ("وقال المتحدث باسم الحزب في مؤتمر صحافي عقده في العاصمة إن التحقيق في مقتل الصحافي "
            "ما زال مستمرا وإن النتائج ستعلن قريبا.")
    lexicon = _events(text, "ar", "lexicon")
    assert ("ASSAULT", "مقتل") in lexicon
    trained = _events(text, "ar", "trained")
    assert ("ASSAULT", "مقتل") not in trained and ("ACCUSE", "التحقيق في") in trained


def test_arabic_events_the_frame_did_not_report_are_kept_with_their_status():
    # "... will not allow a return of the assassinations": negated, so not the model's to judge
    text = ("وأكد رئيس الوزراء في كلمته أمام البرلمان أن الحكومة لن تسمح بعودة الاغتيالات "
            "التي شهدتها البلاد في التسعينيات.")
    assert ("ASSAULT", "الاغتيالات") in _events(text, "ar", "trained")


def test_the_trained_engine_only_ever_drops():
    texts = ["قتل مسلحون خمسة جنود في هجوم على نقطة تفتيش شمال بغداد أمس.",
             "وأعرب الوزير عن قلقه من تزايد عمليات الخطف في المنطقة.",
             "قالت وزارة الدفاع إن المتمردين هاجموا الثكنة."]
    for text in texts:
        lexicon = _events(text, "ar", "lexicon")
        assert set(_events(text, "ar", "trained")) <= set(lexicon)


def test_arabic_types_the_model_never_learnt_pass_unread():
    text = "وطالب النواب بمحاكمة المتورطين في اغتيال رئيس الوزراء الأسبق قبل عشرين عاما."
    assert ("REQUEST", "وطالب") in _events(text, "ar", "trained")
    accuse = "واتهمت الحكومة المعارضة بالتحريض على العنف."
    assert _events(accuse, "ar", "trained") == _events(accuse, "ar", "lexicon") == [("ACCUSE", "واتهمت")]


def test_a_language_without_a_model_keeps_the_lexicon_events():
    text = ("Rebels attacked an army post near Goma on Tuesday, killing four soldiers. "
            "Thousands of people marched in Kinshasa to protest against the violence.")
    lexicon = _events(text, "en", "lexicon")
    assert lexicon and _events(text, "en", "trained") == lexicon


def test_cli_rejects_an_unknown_engine(tmp_path):
    gold = tmp_path / "gold.jsonl"
    gold.write_text(json.dumps({"id": "a", "text": "Rebels attacked a post.", "meta": {"language": "en"},
                                "events": []}) + "\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["eval", str(gold), "--event-engine", "magic"])
    assert result.exit_code == 2 and "unknown event engine" in result.output
