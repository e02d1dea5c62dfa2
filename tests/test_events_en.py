"""English events through the whole per-document pipeline (entities, times, places, parse).

Sentences are written for these tests in the style of wire copy; each test names the
behaviour an analyst relies on.
"""

from __future__ import annotations

import pytest
from spacy.tokens import Doc
from spacy.vocab import Vocab

from sitrep.analyse.events.dependencies import governs
from sitrep.analyse.pipeline import analyse
from sitrep.analyse.syntax import Parser
from sitrep.model import Document, DocumentAnalysis, Event, Meta

pytestmark = pytest.mark.skipif(not Parser.available("en"), reason="the English parser model is not built")


def run(text: str, published: str | None = "2024-12-08") -> DocumentAnalysis:
    return analyse(Document(id="t", text=text, meta=Meta(published=published, language="en")))


def events(text: str, status: str | None = "reported", published: str | None = "2024-12-08") -> list[Event]:
    found = run(text, published).events
    return [e for e in found if status is None or e.status == status]


def one(found: list[Event], plover_type: str) -> Event:
    matching = [e for e in found if e.type == plover_type]
    assert len(matching) == 1, [(e.type, e.trigger.text, e.status) for e in found]
    return matching[0]


def texts(args) -> list[str]:
    return [a.text for a in args]


# -- who did what to whom ------------------------------------------------------------


def test_active_verb_subject_is_actor_object_is_target() -> None:
    event = one(events("Hezbollah fighters ambushed an Israeli patrol near the border on Tuesday."), "ASSAULT")
    assert "Hezbollah" in texts(event.actors)[0]
    assert texts(event.targets) and "patrol" in texts(event.targets)[0]


def test_passive_by_phrase_is_actor_subject_is_target() -> None:
    event = one(events("Three soldiers were killed by Taliban militants in Helmand province."), "ASSAULT")
    assert texts(event.actors) == ["Taliban militants"] or "Taliban" in texts(event.actors)[0]
    assert "soldiers" in texts(event.targets)[0]


def test_passive_without_agent_has_no_actor() -> None:
    event = one(events("Two journalists were arrested in Minsk on Monday."), "COERCE")
    assert event.actors == []
    assert "journalists" in texts(event.targets)[0]


def test_nominal_trigger_possessor_is_actor_on_phrase_is_target() -> None:
    text = "The Rapid Support Forces' attack on El Fasher killed dozens of civilians, aid workers said."
    found = events(text)
    assault = [e for e in found if e.type == "ASSAULT"]
    assert assault and any("Rapid Support Forces" in a.text for e in assault for a in e.actors)
    assert not [e for e in found if e.type == "SUPPORT"]  # "Support" is part of the name


def test_light_verb_lends_its_subject() -> None:
    event = one(events("Turkish forces launched an offensive against Kurdish fighters in northern Syria."), "ASSAULT")
    assert "Turkish forces" in texts(event.actors)[0]
    assert "Kurdish fighters" in texts(event.targets)[0]


def test_coordinated_subjects_are_all_actors() -> None:
    event = one(events("Turkey and Qatar condemned the air strike on the hospital."), "ACCUSE")
    assert texts(event.actors) == ["Turkey", "Qatar"]


def test_reporting_verb_subject_is_never_the_actor() -> None:
    found = events("A UN committee confirmed that paramilitary fighters attacked the camp.")
    event = one(found, "ASSAULT")
    assert "committee" not in " ".join(texts(event.actors))
    assert "fighters" in " ".join(texts(event.actors))


def test_confirming_an_attack_is_not_carrying_it_out() -> None:
    event = one(events("The emergency committee confirmed an attack on the camp."), "ASSAULT")
    assert event.actors == []


def test_relative_clause_subject_is_its_noun() -> None:
    event = one(events("It was the rebels who stormed the prison in Goma."), "ASSAULT")
    assert texts(event.actors) == ["rebels"]


def test_control_verb_lends_subject_and_the_act_is_threatened() -> None:
    found = events("The militia vowed to attack the port.", status=None)
    threat = one([e for e in found if e.status == "reported"], "THREATEN")
    attack = one([e for e in found if e.type == "ASSAULT"], "ASSAULT")
    assert attack.status == "threatened"
    assert texts(attack.actors) == ["militia"] and texts(threat.actors) == ["militia"]


# -- guards ----------------------------------------------------------------------------


def test_trigger_inside_a_name_is_no_event() -> None:
    found = events("The Support Group for Islam and Muslims said it would hold a rally.", status=None)
    assert not [e for e in found if e.type == "SUPPORT"]


def test_labour_strike_is_protest_and_air_strike_is_assault() -> None:
    labour = events("Teachers went on strike in Nairobi over unpaid wages.")
    assert one(labour, "PROTEST")
    military = events("A drone strike hit a convoy in Marib on Sunday.")
    assert one(military, "ASSAULT")
    assert not [e for e in military if e.type == "PROTEST"]


def test_natural_disaster_is_no_assault() -> None:
    assert not [e for e in events("Floods killed 40 people in Bangladesh.") if e.type == "ASSAULT"]


# -- status ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "status"),
    [
        ("The army did not attack the village.", "negated"),
        ("Officials fear the rebels could attack the city.", "hypothetical"),
        ("If the talks fail, militants might bomb the bridge.", "hypothetical"),
        ("The government denied that soldiers shelled the market.", "denied"),
        ("The rebels threatened to attack the capital.", "threatened"),
        ("Troops will withdraw from the town next week.", "planned"),
        ("Rebels attacked the town on Friday.", "reported"),
    ],
)
def test_status(text: str, status: str) -> None:
    acts = [e for e in events(text, status=None) if e.type in ("ASSAULT", "RETREAT")]
    assert acts and acts[0].status == status, [(e.type, e.status) for e in acts]


def test_will_withdraw_is_an_intention_to_agree() -> None:
    found = events("Israel will withdraw its troops from southern Lebanon.")
    agree = one(found, "AGREE")
    assert agree.subtype == "intent: retreat"


def test_refusing_to_cooperate_is_a_reject() -> None:
    assert one(events("The government refused to cooperate with the inquiry."), "REJECT")


def test_background_event_long_before_publication() -> None:
    found = events("The army seized power in a coup in 1975.", status=None, published="2024-12-08")
    coup = [e for e in found if e.type == "ASSAULT"]
    assert coup and all(e.status == "background" for e in coup)


def test_question_is_no_reported_event() -> None:
    assert not events("Has the government fled the capital?")


# -- when and where ------------------------------------------------------------------------


def test_stated_day_has_precision_one() -> None:
    event = one(events("Rebels attacked the town of Saraqeb on Friday."), "ASSAULT")
    assert event.date == "2024-12-06" and event.date_precision == 1 and not event.date_inferred


def test_undated_event_takes_the_publication_date_inferred() -> None:
    event = one(events("Police arrested two men in Lagos."), "COERCE")
    assert event.date == "2024-12-08" and event.date_inferred and event.date_precision == 2


def test_since_date_does_not_date_the_event() -> None:
    event = one(events("The army, which has fought the rebels since October 2023, shelled Khartoum."), "ASSAULT")
    assert event.date != "2023-10"


def test_month_has_precision_three() -> None:
    event = one(events("Rebels captured the town of Kidal in November."), "ASSAULT")
    assert event.date == "2024-11" and event.date_precision == 3


def test_governed_place_and_distance_relation() -> None:
    analysis = run("Gunmen killed five villagers 20 km north of Maiduguri on Sunday.")
    event = one([e for e in analysis.events if e.status == "reported"], "ASSAULT")
    assert analysis.places[event.place].text == "Maiduguri"
    assert event.place_relation and "20 km north of" in event.place_relation
    assert event.place_precision == 2


def test_dateline_place_is_inferred_for_an_event_without_a_place() -> None:
    analysis = run("KHARTOUM, Dec 8 (Reuters) - Paramilitary fighters shelled a market, killing 12 people.")
    event = one([e for e in analysis.events if e.status == "reported"], "ASSAULT")
    assert analysis.places[event.place].text.upper() == "KHARTOUM"
    assert event.place_inferred and event.place_precision >= 2


def test_a_date_of_the_noun_a_verb_hangs_from_is_that_verbs() -> None:
    """A small parser often hangs "killed ... and injured" from the event noun before them
    ("the attacks Aug. 7 ... killed 257 people and injured 5,500"): the noun's date is the
    verbs' too. A date inside a first *verb* conjunct stays that act's alone."""
    words = ["attacks", "Aug.", "7", "killed", "people", "and", "injured", "many"]
    heads = [0, 2, 0, 0, 3, 6, 0, 6]
    deps = ["ROOT", "nmod", "appos", "acl", "obj", "cc", "conj", "obj"]
    pos = ["NOUN", "PROPN", "NUM", "VERB", "NOUN", "CCONJ", "VERB", "NOUN"]
    doc = Doc(Vocab(), words=words, heads=heads, deps=deps, pos=pos)
    assert governs(doc[2], doc[6]) == 1 and governs(doc[2], doc[3]) == 1
    verbs = Doc(Vocab(), words=["stormed", "Friday", "and", "killed"], heads=[0, 0, 3, 0],
                deps=["ROOT", "obl", "cc", "conj"], pos=["VERB", "PROPN", "CCONJ", "VERB"])
    assert governs(verbs[1], verbs[3]) is None


def test_object_of_one_verb_is_not_the_actor_of_the_next() -> None:
    found = events("The blasts killed 257 people and injured more than 5,500.")
    assert all("people" not in texts(e.actors) for e in found), [(e.trigger.text, texts(e.actors)) for e in found]


def test_a_thing_is_no_addressee_of_a_verbal_act() -> None:
    rejected = one(events("Mexico rejected the proposal on Wednesday."), "REJECT")
    assert texts(rejected.actors) == ["Mexico"] and rejected.targets == []
    asked = one(events("Serbia asked Russia for help on Friday."), "REQUEST")
    assert texts(asked.targets) == ["Russia"]
    raided = one(events("Police raided two homes in Moroni on Sept. 2.", published="1998-09-11"), "ASSAULT")
    assert texts(raided.targets) and "homes" in texts(raided.targets)[0]  # harm falls on things too


# -- casualties -----------------------------------------------------------------------------


def test_casualty_counts_with_qualifiers() -> None:
    event = one(events("An air strike on the market killed at least 34 people and wounded about 60 others."),
                "ASSAULT")
    counts = {(c.kind, c.count, c.qualifier) for c in event.casualties}
    assert ("killed", 34, "at_least") in counts and ("injured", 60, "about") in counts


def test_year_is_not_a_casualty_count() -> None:
    event = one(events("Soldiers killed in 2014 were buried, and troops attacked the camp."), "ASSAULT")
    assert all(c.count != 2014 for c in event.casualties)


# -- languages without resources -------------------------------------------------------------


def test_language_without_event_resources_says_so() -> None:
    analysis = analyse(Document(id="nl", text="Het leger viel de stad aan.", meta=Meta(language="nl")))
    assert any("events: no resources for language 'nl'" in w for w in analysis.warnings)
    assert analysis.events == []


# -- every PLOVER type, and the ACLED view --------------------------------------------------


@pytest.mark.parametrize(
    ("text", "plover_type", "subtype", "status"),
    [
        ("President Ahmed Bello fled the country on Sunday.", "RETREAT", "leader flees", "reported"),
        ("Government troops withdrew from the eastern districts.", "RETREAT", "withdraw forces", "reported"),
        ("Thousands of protesters rallied outside parliament.", "PROTEST", None, "reported"),
        ("Workers went on strike over unpaid wages.", "PROTEST", None, "reported"),
        ("The two countries signed a ceasefire agreement in Doha.", "AGREE", None, "reported"),
        ("Police arrested dozens of opposition supporters.", "COERCE", None, "reported"),
        ("The prime minister met with union leaders.", "CONSULT", None, "reported"),
        ("The United Nations sent humanitarian aid to the region.", "AID", None, "reported"),
        ("The army deployed thousands of troops along the frontier.", "MOBILIZE", None, "reported"),
        ("The court released the journalists on bail.", "CONCEDE", None, "reported"),
        ("Washington imposed new sanctions on the bank.", "SANCTION", None, "reported"),
        ("The rebels rejected the peace plan.", "REJECT", None, "reported"),
        ("The president warned the militias against further violence.", "THREATEN", None, "reported"),
        ("Opposition leaders called for early elections.", "REQUEST", None, "reported"),
        ("The two navies held joint exercises in the gulf.", "COOPERATE", None, "reported"),
        ("France condemned the killing of the journalist.", "ACCUSE", None, "reported"),
        ("Turkey expressed support for the new government.", "SUPPORT", None, "reported"),
        ("Turkey has backed the rebel factions for years.", "SUPPORT", None, "background"),
    ],
)
def test_every_type(text: str, plover_type: str, subtype: str | None, status: str) -> None:
    found = [e for e in events(text, status=None) if e.type == plover_type]
    assert found, [(e.type, e.status, e.trigger.text) for e in events(text, status=None)]
    assert found[0].status == status
    if subtype:
        assert found[0].subtype == subtype


@pytest.mark.parametrize(
    ("text", "sub_event_type"),
    [
        ("Warplanes bombed the market in the town, killing nine.", "Air/drone strike"),
        ("Rebels captured the city of Kidal.", "Non-state actor overtakes territory"),
        ("Government forces recaptured the town of Palmyra.", "Government regains territory"),
        ("Farmers rallied in the capital.", "Peaceful protest"),
        ("Protesters rioted and torched cars in the city centre.", "Violent demonstration"),
        ("Police arrested six men in Lagos.", "Arrests"),
    ],
)
def test_acled_view(text: str, sub_event_type: str) -> None:
    from sitrep.analyse.acled import acled_view

    views = [acled_view(e, "en") for e in events(text)]
    assert sub_event_type in [v.sub_event_type for v in views if v], views


def test_meeting_has_no_acled_reading() -> None:
    from sitrep.analyse.acled import acled_view

    assert acled_view(one(events("The prime minister met with union leaders."), "CONSULT"), "en") is None


# -- one act in several places; whose a place is; counts after the verb ---------------


def test_coordinated_towns_are_one_event_each_with_the_toll_kept_once() -> None:
    analysis = run("Bombs exploded at the U.S. embassies in Nairobi and Dar es Salaam on Friday, "
                   "killing at least 80 people.")
    places = [analysis.places[e.place].name for e in analysis.events if e.type == "ASSAULT"]
    assert places == ["Nairobi", "Dar es Salaam"]
    assert [c.count for e in analysis.events for c in e.casualties] == [80]  # a toll for both, not each
    # a town and its country are one place told twice
    assert len([e for e in run("Rebels attacked Goma, Congo, on Monday.").events if e.type == "ASSAULT"]) == 1


def test_a_country_that_qualifies_the_target_is_not_where_it_happened() -> None:
    analysis = run("The bombing of the U.S. embassy in Dar es Salaam killed 11 people, police said.")
    event = one(analysis.events, "ASSAULT")
    assert analysis.places[event.place].name == "Dar es Salaam" and event.place_precision == 1


def test_a_day_is_never_a_participant() -> None:
    event = one(events("Bombs exploded at the U.S. embassy in Nairobi on Friday."), "ASSAULT")
    assert "Friday" not in texts(event.targets) + texts(event.actors)


@pytest.mark.parametrize(
    ("text", "count"),
    [
        ("A car bomb killed at least 247 people in Nairobi.", 247),
        ("A car bomb killed 11 people in Kabul.", 11),
        ("One soldier was killed and three were wounded.", 1),
        ("Three people were killed, 11 wounded in the blast.", 3),
    ],
)
def test_the_number_after_the_verb_is_its_count_not_the_article_before(text: str, count: int) -> None:
    killed = [c.count for e in events(text) for c in e.casualties if c.kind == "killed"]
    assert killed == [count]


def test_an_event_noun_as_subject_lends_its_participants() -> None:
    # "airstrike" written as one word, as often as "air strike"
    event = one(events("An Israeli airstrike on a school in Gaza City killed 30 people."), "ASSAULT")
    assert event.trigger.text == "airstrike" and event.subtype == "airstrike"
    assert texts(event.targets) == ["school"] and [c.count for c in event.casualties] == [30]
    event = one(events("The bombing of the U.S. embassy in Nairobi killed 247 people, the FBI said."), "ASSAULT")
    assert texts(event.targets)[:1] == ["U.S. embassy"] and not event.actors  # not "U.S." as the bomber


def test_a_date_of_the_verb_that_acts_on_an_event_noun_is_not_the_events() -> None:
    found = events("The Security Council condemned the bombing of the U.S. embassies in Kenya on Thursday.",
                   published="1998-08-15")
    assert one(found, "ACCUSE").date == "1998-08-13"
    bombing = one(found, "ASSAULT")
    assert bombing.date != "1998-08-13" or bombing.date_inferred
    # a light verb's date is the event's
    assert one(events("Rebels launched an attack on the town on Friday.", published="2024-11-30"),
               "ASSAULT").date == "2024-11-29"


def test_a_label_in_short_quotation_marks_is_no_new_event() -> None:
    found = events('Thousands of students protested in the capital on Monday. The interior ministry '
                   'described the march as "a terrorist attack".')
    assert [e.type for e in found] == ["PROTEST"]
    quoted = events('"Gunmen attacked the police station in the north of the city at dawn," the governor said.')
    assert [e.type for e in quoted] == ["ASSAULT"]  # a whole quoted report is still a report


# -- one event told several times -------------------------------------------------------


def test_a_crowd_event_told_again_without_participants_is_the_same_event() -> None:
    text = ("Some 1,500 ethnic Albanians marched Sunday in downtown Istanbul to protest the killings. "
            "``Stop the bloodshed,'' the protesters chanted.")
    protests = [e for e in events(text, published="1998-03-08") if e.type == "PROTEST"]
    assert len(protests) == 1, [(e.trigger.text, texts(e.actors)) for e in protests]
    assert "ethnic Albanians" in " ".join(texts(protests[0].actors))


def test_protests_in_two_stated_places_stay_two_events() -> None:
    text = ("Some 1,500 ethnic Albanians protested Sunday in Istanbul. "
            "In Ankara, a few hundred ethnic Albanians protested at the gate of the embassy.")
    protests = [e for e in events(text, published="1998-03-08") if e.type == "PROTEST"]
    assert len(protests) == 2, [(e.trigger.text, e.place) for e in protests]


def test_a_date_long_past_does_not_date_the_next_sentences() -> None:
    text = ("MOSCOW (AP) _ A major dispute concerns a treaty which the two presidents signed last May. "
            "Kuchma met Yeltsin at the Kremlin to discuss the treaty.")
    meeting = one(events(text, published="1998-02-27"), "CONSULT")
    assert meeting.date == "1998-02-27" and meeting.date_inferred  # the publication day, not May 1997


def test_the_dateline_places_an_event_before_a_place_named_in_passing() -> None:
    analysis = run("MOSCOW (AP) _ Russian troops seized a naval base in Sevastopol on Thursday. "
                   "Kuchma met Yeltsin for four hours of talks.", published="1998-02-27")
    meeting = one([e for e in analysis.events if e.status == "reported"], "CONSULT")
    assert analysis.places[meeting.place].text.upper() == "MOSCOW" and meeting.place_inferred


def test_whose_forces_are_the_forces_of_the_name_before() -> None:
    analysis = run("The change will be felt by Iran, whose forces have been instrumental in supporting the regime.")
    support = one([e for e in analysis.events if e.status == "reported"], "SUPPORT")
    assert [analysis.mentions[a.mention].text for a in support.actors if a.mention is not None] == ["Iran"]


def test_two_tolls_of_people_are_two_events() -> None:
    text = ("The Aug. 7 bombings killed more than 200 people, including 12 Americans. On the FBI list, Bin Laden "
            "replaces two former Libyan intelligence agents charged in the Dec. 21, 1988, bombing of Pan Am "
            "Flight 103 that killed 259 people on the plane.")
    killings = [e for e in events(text, published="1999-06-07", status=None) if e.type == "ASSAULT"]
    counts = sorted([c.count for c in e.casualties if c.kind == "killed"] for e in killings)
    assert counts == [[200], [259]], [(e.trigger.text, e.date, texts(e.targets)) for e in killings]


def test_investigating_a_bombing_does_not_make_the_investigators_its_authors() -> None:
    text = ("Terrorist blasts killed 257 people in Nairobi and Dar es Salaam on Aug. 7. "
            "FBI agents, meanwhile, pushed ahead with their all-out investigation into the bombings.")
    bombings = [e for e in events(text, published="1998-08-18") if e.type == "ASSAULT"]
    assert bombings and all("FBI" not in " ".join(texts(e.actors)) for e in bombings)


def test_launching_missiles_at_a_place_is_an_attack_on_it_not_on_the_missiles():
    found = one(events("Russia launched missiles at Kyiv overnight."), "ASSAULT")
    assert [a.text for a in found.actors] == ["Russia"]
    assert [t.text for t in found.targets] == ["Kyiv"]  # Kyiv: a spelling the name model never saw


def test_protesters_are_the_protest_s_actors_not_a_protest_told_again():
    found = one(events("The protesters rallied against the government in Tbilisi."), "PROTEST")
    assert [a.text for a in found.actors] == ["protesters"]
    assert [t.text for t in found.targets] == ["government"]


def test_a_bare_weapon_is_no_one_s_and_takes_no_country_but_an_army_does():
    drones = one(events("Drones attacked an oil depot in Belgorod."), "ASSAULT")
    # not Russia's (that is where they fell), and not "the military" of anywhere: no side is named
    assert [(a.text, a.agent) for a in drones.actors] == [("Drones", None)]
    assert texts(drones.targets) == ["oil depot"]
    army = one(events("The army shelled rebel positions in Idlib."), "ASSAULT")
    assert [(a.text, a.agent) for a in army.actors] == [("army", "SYR MIL")]


def test_a_weapon_stands_for_its_owner_when_the_words_name_one():
    drones = one(events("Local doctors confirmed that militia drones attacked a market in Omdurman."), "ASSAULT")
    assert texts(drones.actors) == ["militia"] and drones.actors[0].agent.endswith("REB")
    artillery = one(events("The militia's artillery pounded residential areas overnight, the army said."), "ASSAULT")
    assert texts(artillery.actors) == ["militia"]  # not the army, which only said so
    jets = one(events("Israeli warplanes struck a building in Beirut."), "ASSAULT")
    assert [(a.text, a.agent) for a in jets.actors] == [("Israeli warplanes", "ISR MIL")]


def test_whoever_claims_an_attack_is_its_actor():
    found = one(events("Hamas claimed responsibility for the attack, which wounded three soldiers."), "ASSAULT")
    assert texts(found.actors) == ["Hamas"] and texts(found.targets) == ["soldiers"]
    said = one(events("Officials said an attack killed three soldiers near the border."), "ASSAULT")
    assert said.actors == []  # a report is no claim


def test_a_count_word_is_not_the_group_it_counts():
    marched = one(events("Hundreds of teachers marched through the capital on Friday."), "PROTEST")
    assert texts(marched.actors) == ["teachers"]


def test_the_people_a_count_numbers_are_victims_not_actors() -> None:
    event = one(events("The explosion killed 17 people and injured 40 others in the market."), "ASSAULT")
    assert "people" not in texts(event.actors) and texts(event.targets)[:1] == ["people"]
    attack = one(events("Rebels attacked the village, killing 12 people."), "ASSAULT")
    assert texts(attack.actors) == ["Rebels"] and texts(attack.targets)[:1] == ["village"]


def test_a_count_before_a_group_is_not_its_name() -> None:
    event = one(events("Up to 100 ethnic Albanians demonstrated on Tuesday in Pristina."), "PROTEST")
    assert texts(event.actors) == ["ethnic Albanians"]


def test_harm_to_a_thing_of_an_actor_falls_on_the_actor() -> None:
    event = one(events("Government artillery shelled positions of the Kurdish militia near Afrin."), "ASSAULT")
    assert texts(event.targets) == ["Kurdish militia"]
    raided = one(events("Police raided the offices of the opposition party in Minsk."), "ASSAULT")
    assert texts(raided.targets) == ["offices"]  # "in Minsk" says where, not whose


def test_the_datelines_day_dates_what_the_story_leaves_undated() -> None:
    text = ("WARSAW, February 26 (Xinhua) --\n\nThe presidents of Poland and the Czech Republic have signed "
            "papers of accession.\n\nPoland's president signed the documents in his palace.")
    found = events(text, published="1999-02-27")
    assert found and all(e.date == "1999-02-26" and e.date_inferred for e in found)


def test_seizing_a_thing_in_a_town_is_no_capture_of_the_town() -> None:
    seized = one(events("Police seized a car bomb under construction Sunday in a town near the border."), "COERCE")
    assert texts(seized.actors) == ["Police"]
    assert not [e for e in events("Police seized a car bomb on Sunday in a town near the border.")
                if e.type == "ASSAULT"]
    captured = one(events("Rebels seized the town of Saraqeb on Friday."), "ASSAULT")
    assert captured.subtype == "capture territory"


def test_a_day_between_the_name_and_the_verb_is_not_the_actor() -> None:
    """Wire style puts the day before the verb ("Arafat Wednesday rejected"); the parse may
    take the day for the subject: the name before it acted."""
    event = one(events("Palestinian leader Yasser Arafat Wednesday rejected a US offer to host a summit."), "REJECT")
    assert texts(event.actors) == ["Yasser Arafat"]


def test_a_lower_case_trigger_the_tagger_called_a_name_is_still_an_act() -> None:
    event = one(events("The United States on Wednesday vetoed a Security Council resolution."), "REJECT")
    assert texts(event.actors) == ["United States"]


def test_a_described_actors_vehicles_stand_for_it() -> None:
    event = one(events("Army helicopters attacked rebel positions near Idlib."), "ASSAULT")
    assert texts(event.actors) == ["Army helicopters"] and event.actors[0].agent.endswith("MIL")


def test_issuing_an_ultimatum_is_the_subjects_threat() -> None:
    event = one(events("Peru has issued an ultimatum to Ecuador to halt attacks across the border."), "THREATEN")
    assert texts(event.actors) == ["Peru"]
