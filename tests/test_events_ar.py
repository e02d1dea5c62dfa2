"""Arabic events through the whole pipeline (entities, time, places, events, quotes).

The sentences are written for these tests in the style of wire copy. Arabic has no capital
letters and its shipped parser is too weak for roles (``parser: false`` in its manifest), so
participants come from word order (verb first: the subject follows the verb) and mood from
the words before the trigger; ``Settings(parser=False)`` pins that path.
"""

from __future__ import annotations

import pytest

from event_helpers import analysed, texts
from event_helpers import of_type as find
from event_helpers import only as one
from sitrep.config import Settings
from sitrep.model import DocumentAnalysis

PUBLISHED = "2024-11-30"
PROXIMITY = Settings(parser=False)


def run(text: str, settings: Settings | None = None) -> DocumentAnalysis:
    return analysed(text, "ar", PUBLISHED, settings)


# -- participants ---------------------------------------------------------------------


def test_verb_first_trigger_with_actor_target_and_stated_date() -> None:
    event = one(run("هاجم مسلحون مركزا للشرطة في مدينة الموصل في 3 نوفمبر."), "ASSAULT")
    assert event.trigger.text == "هاجم"
    assert texts(event.actors) == ["مسلحون"] and event.actors[0].agent.endswith("REB")
    assert texts(event.targets) == ["للشرطة"] and event.targets[0].agent.endswith("COP")
    assert event.date == "2024-11-03" and event.date_precision == 1 and not event.date_inferred


def test_verb_then_subject_then_object_with_demonym() -> None:
    event = one(run("أطلقت طائرات حربية إسرائيلية صواريخ على مبنى في جنوب لبنان."), "ASSAULT")
    assert event.subtype == "airstrike" and event.trigger.text == "أطلقت"
    assert texts(event.actors) == ["طائرات حربية إسرائيلية"] and event.actors[0].agent == "ISR MIL"


def test_passive_with_agent() -> None:
    event = one(run("قتل جنديان على يد مسلحين قرب الحدود."), "ASSAULT")
    assert texts(event.actors) == ["مسلحين"] and event.actors[0].agent == "REB"


@pytest.mark.xfail(reason="engine: without a parse a passive takes its target from before the "
                          "trigger; in a verb-first clause the passive subject follows it", strict=True)
def test_passive_target_after_the_verb() -> None:
    event = one(run("قتل جنديان على يد مسلحين قرب الحدود."), "ASSAULT")
    assert texts(event.targets) == ["جنديان"]


def test_nominal_trigger_with_actor_target_and_casualties() -> None:
    event = one(run("أسفر هجوم الجيش على مدينة الرقة عن مقتل نحو 30 شخصا."), "ASSAULT")
    assert event.trigger.text == "هجوم"
    assert texts(event.actors) == ["الجيش"] and event.actors[0].agent.endswith("MIL")
    assert texts(event.targets) == ["مدينة الرقة"]
    assert [(c.kind, c.count, c.qualifier) for c in event.casualties] == [("killed", 30, "about")]


def test_reporting_verb_is_no_event_and_its_subject_no_actor() -> None:
    analysis = run("قالت وزارة الدفاع إن المتمردين هاجموا الثكنة.")
    assert [e.trigger.text for e in analysis.events] == ["هاجموا"]
    assert texts(analysis.events[0].actors) == ["المتمردين"]


def test_trigger_inside_an_organisation_name_is_no_event() -> None:
    analysis = run("هاجمت قوات الدعم السريع مخيم زمزم للنازحين.")
    assert not find(analysis, "SUPPORT")  # الدعم is part of the name
    event = one(analysis, "ASSAULT")
    assert texts(event.actors) == ["قوات الدعم السريع"]


def test_labour_strike_and_a_penalty_kick() -> None:
    event = one(run("نفذ آلاف العمال إضرابا عاما في القاهرة."), "PROTEST")
    assert texts(event.actors) == ["العمال"] and event.actors[0].agent.endswith("PRO")
    assert not run("سجل اللاعب هدفا من ضربة جزاء في الدقيقة الأخيرة.").events


def test_dawn_is_no_bombing_and_a_side_s_attack_no_assault() -> None:
    """فجر is "blew up" and "dawn": at dawn of a day it is a time; هجوم in football is play."""
    assert not find(run("وصلت القوات إلى المدينة فجر اليوم قادمة من الشمال."), "ASSAULT")
    assert not find(run("يكثف الفريق هجومه في المباراة بحثا عن هدف التعادل."), "ASSAULT")
    assert one(run("فجر انتحاري نفسه في سوق ببغداد صباح اليوم."), "ASSAULT")


def test_march_and_drone() -> None:
    assert one(run("خرجت مسيرة حاشدة في شوارع عمان احتجاجا على الغلاء."), "PROTEST")
    analysis = run("أسقطت الدفاعات الجوية طائرة مسيرة فوق دمشق.")
    assert not find(analysis, "PROTEST")
    event = one(analysis, "ASSAULT")
    assert event.subtype == "shoot-down" and texts(event.actors) == ["الدفاعات الجوية"]


def test_natural_disaster_is_no_assault() -> None:
    assert not find(run("أودى زلزال بحياة 40 شخصا في جنوب البلاد."), "ASSAULT")


# -- status -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "plover_type", "status"),
    [
        ("وافقت الحكومة على سحب قواتها من الحدود.", "RETREAT", "planned"),
        ("هددت حماس بقصف تل أبيب.", "ASSAULT", "threatened"),
        ("ربما يهاجم المتمردون العاصمة خلال الأيام المقبلة.", "ASSAULT", "hypothetical"),
        ("لم يهاجم الجيش القرية.", "ASSAULT", "negated"),
        ("نفى الجيش قصف المستشفى.", "ASSAULT", "denied"),
        ("لا يزال المسلحون يهاجمون القرى في ريف حماة.", "ASSAULT", "reported"),
    ],
)
def test_status(text: str, plover_type: str, status: str) -> None:
    for settings in (None, PROXIMITY):
        assert one(run(text, settings), plover_type).status == status


@pytest.mark.xfail(reason="engine: without a parse the mood cues are read before the trigger, and "
                          "'قد' is 'may' only before an imperfect verb, which is the trigger itself",
                   strict=True)
def test_qad_with_an_imperfect_is_hypothetical() -> None:
    assert one(run("قد يهاجم المتمردون العاصمة خلال الأيام المقبلة."), "ASSAULT").status == "hypothetical"


def test_agreement_and_its_planned_act() -> None:
    analysis = run("وافقت الحكومة على سحب قواتها من الحدود.")
    assert one(analysis, "AGREE").status == "reported"
    assert one(analysis, "RETREAT").subtype == "withdraw forces"


def test_threat_and_threatened_act() -> None:
    analysis = run("هددت حماس بقصف تل أبيب.")
    threat = one(analysis, "THREATEN")
    assert threat.status == "reported" and texts(threat.actors) == ["حماس"]


def test_background_from_a_habit_cue() -> None:
    event = one(run("لطالما هاجم المسلحون الجيش في العاصمة."), "ASSAULT")
    assert event.status == "background"


def test_background_from_a_date_years_before_publication() -> None:
    event = one(run("في عام 2015 هاجم مسلحون مدينة الموصل."), "ASSAULT")
    assert event.status == "background" and event.date == "2015"


# -- when and how many --------------------------------------------------------------------


def test_no_stated_date_takes_the_publication_date() -> None:
    event = one(run("قتل جنديان على يد مسلحين قرب الحدود."), "ASSAULT")
    assert event.date == PUBLISHED and event.date_inferred and event.date_precision == 2


def test_casualties_with_at_least_between_cue_and_number() -> None:
    analysis = run("أسفر انفجار سيارة مفخخة عن مقتل ما لا يقل عن 12 شخصا في بغداد.")
    event = one(analysis, "ASSAULT")
    assert event.subtype == "bombing"
    assert [(c.kind, c.count, c.qualifier) for c in event.casualties] == [("killed", 12, "at_least")]


def test_noun_trigger_takes_no_actor_from_after_it() -> None:
    event = one(run("أسفر انفجار سيارة مفخخة عن مقتل ما لا يقل عن 12 شخصا في بغداد."), "ASSAULT")
    assert event.actors == []


@pytest.mark.xfail(reason="engine: qualifiers are looked for before the number only; Arabic puts "
                          "'على الأقل' after the counted noun", strict=True)
def test_qualifier_after_the_count() -> None:
    event = one(run("قتل مسلحون 12 مدنيا على الأقل في هجوم على قرية."), "ASSAULT")
    assert [(c.kind, c.count, c.qualifier) for c in event.casualties] == [("killed", 12, "at_least")]


def test_arrests_counted() -> None:
    event = one(run("اعتقلت الشرطة 25 متظاهرا في القاهرة."), "COERCE")
    assert texts(event.actors) == ["الشرطة"]
    assert [(c.kind, c.count) for c in event.casualties] == [("arrested", 25)]


def test_place_relation() -> None:
    analysis = run("هاجم مسلحون قافلة للجيش على بعد 20 كيلومترا شمال بغداد.")
    event = one(analysis, "ASSAULT")
    assert analysis.places[event.place].text == "بغداد"
    assert event.place_relation == "على بعد 20 كيلومترا شمال" and event.place_precision == 2


# -- quotes -------------------------------------------------------------------------------


def test_quote_with_its_speaker() -> None:
    analysis = run('وقال وزير الدفاع الإسرائيلي يسرائيل كاتس: "سنرد بكل ما أوتينا من قوة على هذا الهجوم".')
    assert len(analysis.quotes) == 1
    quote = analysis.quotes[0]
    assert quote.text == "سنرد بكل ما أوتينا من قوة على هذا الهجوم"
    assert quote.speaker is not None and quote.speaker.text == "يسرائيل كاتس"


def test_the_people_a_count_numbers_are_victims_not_actors() -> None:
    # "the explosion killed 17 people": verb first, and the counted noun is no subject
    event = one(run("وأدى الانفجار الى مقتل 17 شخصا في سوق شعبي امس."), "ASSAULT")
    assert event.actors == [] and texts(event.targets)[:1] == ["شخصا"]
    # "37 people were injured when a bomb exploded": the injured are the target
    event = one(run("واصيب 37 شخصا بجروح حين انفجرت قنبلة في سوق بمدينة الموصل."), "ASSAULT")
    assert "شخصا" not in texts(event.actors) and "شخصا" in texts(event.targets)


def test_a_demonym_beside_a_nominal_trigger_is_its_side() -> None:
    event = one(run("أسفرت الغارة الاسرائيلية على غزة عن مقتل 5 اشخاص."), "ASSAULT")
    assert [a.agent for a in event.actors] == ["ISR"]
    # the demonym of an actor's description stays in it: the army struck
    event = one(run("ونفذ الجيش الباكستاني ضربة جوية على مواقع للمتشددين في وزيرستان."), "ASSAULT")
    assert texts(event.actors) == ["الجيش الباكستاني"]
