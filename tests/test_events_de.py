"""German events, quotes and casualties through the whole per-document pipeline.

Sentences written for these tests in the style of wire copy. Most run with participants by
position (``Settings(parser=False)``), the path every language has, so that they test the
German resources (lang/de/*.yaml) rather than the current state of the parser; the last
ones run the default settings, where the shipped German parser reads the participants.
German word order is what the resources must handle: the finite verb second and its
particle at the clause end ("griffen ... an", "nahm ... fest"), participles and infinitives
at the clause end ("hat ... angegriffen", "wurde ... von X angegriffen").
"""

from __future__ import annotations

from functools import cache

import pytest

from event_helpers import analysed, of_type, only
from sitrep import resources
from sitrep.analyse.syntax import Parser
from sitrep.config import Settings
from sitrep.model import DocumentAnalysis, Event

PUBLISHED = "2024-12-05"  # a Thursday: "am Montag" is 2024-12-02
BY_POSITION = Settings(parser=False)
DEFAULT = Settings()
PARSED = Parser.available("de") and resources.manifest("de").parser


@cache
def run(text: str, settings: Settings = BY_POSITION) -> DocumentAnalysis:
    return analysed(text, "de", PUBLISHED, settings)


def events(text: str, plover_type: str | None = None, settings: Settings = BY_POSITION) -> list[Event]:
    return of_type(run(text, settings), plover_type)


def one(text: str, plover_type: str, settings: Settings = BY_POSITION) -> Event:
    return only(run(text, settings), plover_type)


def names(arguments) -> list[str]:
    return [a.text for a in arguments]


# -- resources ---------------------------------------------------------------------------


def test_resources_load_and_cover_every_plover_type() -> None:
    lexicon = resources.load("de", "events")
    assert set(lexicon["triggers"]) == {
        "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
        "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
    }
    assert set(lexicon["casualties"]) == {"killed", "injured", "arrested", "displaced", "missing"}
    assert set(lexicon["acled"]) >= {"protesters", "air", "artillery", "explosive", "arrest", "clash"}
    countries = set(resources.load("de", "actors")["demonyms"].values())
    assert len(countries) >= 190
    for name in ("quotes", "entities"):
        assert resources.load("de", name)


# -- participants and word order ------------------------------------------------------------

SEPARATED = "Am Montag griffen Rebellen einen Armeestützpunkt in der Provinz Idlib an."


def test_separated_particle_verb_second_subject_after_the_verb() -> None:
    event = one(SEPARATED, "ASSAULT")
    assert event.trigger.text == "griffen"  # the particle "an" closes the clause
    assert event.status == "reported"
    assert names(event.actors) == ["Rebellen"]
    assert event.actors[0].agent.endswith("REB")
    assert event.targets == []  # "in der Provinz Idlib" says where, not whom
    assert run(SEPARATED).places[event.place].name == "Idlib" and not event.place_inferred
    # a stated weekday: that day, precision 1
    assert (event.date, event.date_precision, event.date_inferred) == ("2024-12-02", 1, False)


def test_separated_arrest_with_count() -> None:
    event = one("Die Polizei nahm in Hamburg 25 Demonstranten fest.", "COERCE")
    assert event.trigger.text == "nahm"
    assert names(event.actors) == ["Polizei"]
    assert [(c.kind, c.count, c.qualifier) for c in event.casualties] == [("arrested", 25, None)]
    # no date in the text: the publication date, inferred, precision 2
    assert (event.date, event.date_precision, event.date_inferred) == (PUBLISHED, 2, True)


def test_perfect_tense_subject_before_object() -> None:
    event = one("Rebellen haben am Montag Soldaten der Regierung angegriffen.", "ASSAULT")
    assert names(event.actors) == ["Rebellen"]
    assert names(event.targets) == ["Soldaten"]


def test_passive_with_von_agent() -> None:
    event = one("Drei Polizisten wurden am Mittwoch von Bewaffneten erschossen.", "ASSAULT")
    assert names(event.actors) == ["Bewaffneten"]
    assert event.actors[0].agent == "REB"
    assert names(event.targets) == ["Polizisten"]
    assert event.date == "2024-12-04"


def test_genitive_von_is_no_passive_agent() -> None:
    event = one("Die Armee griff Stellungen von Rebellen nahe der Grenze an.", "ASSAULT")
    assert names(event.actors) == ["Armee"]


def test_nominal_trigger_takes_the_genitive_after_it_as_actor() -> None:
    event = one("Der Angriff der Armee auf das Dorf dauerte drei Stunden.", "ASSAULT")
    assert event.trigger.text == "Angriff"
    assert names(event.actors) == ["Armee"]


def test_inverted_passive_with_counted_victims() -> None:
    event = one("Bei dem Luftangriff wurden mindestens zwölf Zivilisten getötet und etwa 30 verletzt.", "ASSAULT")
    assert event.actors == []  # the victims are no actor
    assert names(event.targets) == ["Zivilisten"]
    assert [(c.kind, c.count, c.qualifier) for c in event.casualties] == [
        ("killed", 12, "at_least"), ("injured", 30, "about"),
    ]


def test_reporting_verb_is_no_event_and_its_subject_no_actor() -> None:
    found = events("Ein Armeesprecher sagte, Rebellen hätten die Stadt angegriffen.")
    assert [e.type for e in found] == ["ASSAULT"]
    assert names(found[0].actors) == ["Rebellen"]
    assert "sagte" not in {e.trigger.text for e in found}


def test_trigger_inside_an_organisation_name_is_no_event() -> None:
    text = "Die Organisation für Islamische Zusammenarbeit verurteilte am Montag die Gewalt."
    analysis = run(text)
    assert "Organisation für Islamische Zusammenarbeit" in {m.text for m in analysis.mentions}
    assert not [e for e in analysis.events if e.type == "COOPERATE"]
    event = one(text, "ACCUSE")
    assert names(event.actors) == ["Organisation für Islamische Zusammenarbeit"]


def test_shoot_down_with_separated_particle() -> None:
    event = one("Ukrainische Streitkräfte schossen in der Nacht 30 russische Drohnen ab.", "ASSAULT")
    assert event.subtype == "shoot-down"
    assert event.actors[0].agent == "UKR MIL"
    assert event.targets[0].agent == "RUS MIL"


# -- statuses --------------------------------------------------------------------------------


def test_planned() -> None:
    found = events("Die Armee will die Stadt in den kommenden Tagen angreifen.")
    assault = [e for e in found if e.type == "ASSAULT"]
    assert [e.status for e in assault] == ["planned"]
    assert names(assault[0].actors) == ["Armee"]
    # PLOVER codes a stated intention to attack as a threat
    assert [(e.type, e.status) for e in found if e.type == "THREATEN"] == [("THREATEN", "reported")]


def test_threatened() -> None:
    found = events("Die Regierung drohte, die Rebellen anzugreifen.")
    assert [(e.type, e.status) for e in found] == [("THREATEN", "reported"), ("ASSAULT", "threatened")]
    assert names(found[0].actors) == ["Regierung"]


def test_hypothetical() -> None:
    event = one("Falls die Rebellen die Stadt angreifen, wird die Armee reagieren.", "ASSAULT")
    assert event.status == "hypothetical"


def test_negated_participle() -> None:
    event = one("Die Armee hat die Stadt nicht angegriffen.", "ASSAULT")
    assert event.status == "negated"


def test_negated_separated_verb_is_not_reported() -> None:
    found = events("Die Armee griff die Stadt am Dienstag nicht an.", "ASSAULT")
    assert all(e.status != "reported" for e in found)


def test_denied() -> None:
    event = one("Die Armee bestritt, Zivilisten angegriffen zu haben.", "ASSAULT")
    assert event.status == "denied"


def test_background_years_before_publication() -> None:
    event = one("Die syrische Armee eroberte im Jahr 2016 die Stadt Aleppo.", "ASSAULT")
    assert event.subtype == "capture territory"
    assert event.status == "background"
    assert event.actors[0].agent == "SYR MIL"
    assert event.date == "2016"


# -- other types -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "plover_type", "subtype", "actor"),
    [
        ("Die Truppen zogen sich aus der Stadt zurück.", "RETREAT", "withdraw forces", "Truppen"),
        ("Die Opposition lehnte den Vorschlag der Regierung ab.", "REJECT", None, "Opposition"),
        ("Die Regierung ließ am Freitag 50 Gefangene frei.", "CONCEDE", None, "Regierung"),
        ("Die EU verhängte neue Sanktionen gegen Russland.", "SANCTION", None, "EU"),
        ("Die Polizei setzte Tränengas gegen die Demonstranten ein.", "COERCE", None, "Polizei"),
        ("Die Staatsanwaltschaft leitete Ermittlungen gegen den Minister ein.", "ACCUSE", "investigate",
         "Staatsanwaltschaft"),
        ("Die Armee versetzte ihre Truppen in höchste Alarmbereitschaft.", "MOBILIZE", None, "Armee"),
        ("Die Arbeiter streikten am Donnerstag für höhere Löhne.", "PROTEST", None, "Arbeiter"),
    ],
)
def test_other_plover_types(text: str, plover_type: str, subtype: str | None, actor: str) -> None:
    event = one(text, plover_type)
    assert event.subtype == subtype
    assert names(event.actors) == [actor]


def test_sentencing_is_coercion_condemnation_an_accusation() -> None:
    assert one("Ein Gericht verurteilte den Journalisten zu zehn Jahren Haft.", "COERCE")
    assert not events("Ein Gericht verurteilte den Journalisten zu zehn Jahren Haft.", "ACCUSE")
    assert one("Die Regierung verurteilte die Festnahme des Journalisten.", "ACCUSE")


def test_natural_disaster_is_no_assault() -> None:
    assert not events("Bei einem Erdbeben kamen mindestens 200 Menschen ums Leben.", "ASSAULT")


# -- quotes ----------------------------------------------------------------------------


def test_direct_quote_with_speaker_after_it() -> None:
    analysis = run("„Wir werden uns niemals ergeben“, sagte Rebellenkommandeur Abu Mohammed am Dienstag.")
    [quote] = analysis.quotes
    assert quote.kind == "direct"
    assert quote.text == "Wir werden uns niemals ergeben"
    assert quote.speaker is not None and "Abu Mohammed" in quote.speaker.text
    assert quote.cue is not None and quote.cue.text == "sagte"


def test_inverted_separable_reporting_verb() -> None:
    [quote] = run("In der Nacht wurden mehrere Geschäfte geplündert, teilte die Polizei am Freitag mit.").quotes
    assert quote.kind == "indirect"
    assert quote.text == "In der Nacht wurden mehrere Geschäfte geplündert"
    # the police are an unnamed source: a label, not a named speaker
    assert quote.speaker is None and quote.speaker_label == "die Polizei"


@pytest.mark.xfail(reason="quotes.py takes an attribution's content after the comma that closes "
                   "'laut X' / 'nach Angaben von X'; German puts the verb right after it", strict=True)
def test_according_to_without_comma() -> None:
    text = "Laut der Polizei wurden in der Nacht mehrere Geschäfte geplündert."
    assert [q.text for q in run(text).quotes] == ["wurden in der Nacht mehrere Geschäfte geplündert"]


# -- the default settings (the shipped German parser, where the manifest uses it) -----------


def test_default_settings_read_the_same_statuses() -> None:
    assert one("Die Armee hat die Stadt nicht angegriffen.", "ASSAULT", DEFAULT).status == "negated"
    assert one("Die Armee bestritt, Zivilisten angegriffen zu haben.", "ASSAULT", DEFAULT).status == "denied"
    event = one("Die Polizei nahm in Hamburg 25 Demonstranten fest.", "COERCE", DEFAULT)
    assert names(event.actors) == ["Polizei"]


@pytest.mark.xfail(PARSED, reason="parse-de (LAS 68.6) tags the verb-second 'griffen' as an adjective and "
                   "finds no subject or object, so the event has no participant and is dropped", strict=True)
def test_default_settings_separated_particle_verb() -> None:
    event = one(SEPARATED, "ASSAULT", DEFAULT)
    assert names(event.actors) == ["Rebellen"]


@pytest.mark.xfail(PARSED, reason="parse-de finds neither the passive subject nor the von-agent of "
                   "'wurden ... von Bewaffneten erschossen', so the event is dropped", strict=True)
def test_default_settings_passive_with_agent() -> None:
    event = one("Drei Polizisten wurden am Mittwoch von Bewaffneten erschossen.", "ASSAULT", DEFAULT)
    assert names(event.actors) == ["Bewaffneten"]


def test_a_town_after_a_place_preposition_says_where_not_whom() -> None:
    event = one("Die Polizei nahm in Berlin 20 Demonstranten fest.", "COERCE")
    assert [a.text for a in event.actors] == ["Polizei"] and [t.text for t in event.targets] == ["Demonstranten"]
    protest = one("Tausende Menschen protestierten in Tiflis gegen die Regierung.", "PROTEST")
    assert [t.text for t in protest.targets] == ["Regierung"]


def test_a_demonym_beside_a_nominal_trigger_is_its_side() -> None:
    event = one("Bei einem russischen Raketenangriff auf Charkiw sind am Freitag sieben Menschen getötet worden.",
                "ASSAULT")
    assert [a.agent for a in event.actors] == ["RUS"]
