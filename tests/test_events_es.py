"""Spanish events through the whole pipeline (entities, time, places, events, quotes).

The sentences are written for these tests in the style of wire copy. Most checks run the
default pipeline (with the Spanish dependency parser where one is shipped); the status cues
are also checked without a parse (``Settings(parser=False)``), where they are read from the
words before the trigger, so that the lexicon stays sound for both paths.
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
    return analysed(text, "es", PUBLISHED, settings)


# -- participants ---------------------------------------------------------------------


def test_active_trigger_with_actor_target_stated_date_and_place() -> None:
    analysis = run("Guerrilleros del ELN atacaron una patrulla militar en Arauca el 3 de noviembre.")
    event = one(analysis, "ASSAULT")
    assert event.trigger.text == "atacaron"
    # the guerrillas of the ELN stand for the ELN
    assert texts(event.actors) == ["Guerrilleros"] and analysis.mentions[event.actors[0].mention].text == "ELN"
    assert texts(event.targets) == ["patrulla militar"]  # its adjective tells which patrol
    assert event.date == "2024-11-03" and event.date_precision == 1 and not event.date_inferred
    assert analysis.places[event.place].text == "Arauca"


def test_passive_trigger_with_agent() -> None:
    analysis = run("Tres policías fueron secuestrados por disidentes de las FARC en el Cauca.")
    event = one(analysis, "ASSAULT")
    assert texts(event.actors) == ["disidentes"]
    assert texts(event.targets) == ["policías"] and event.targets[0].agent.endswith("COP")
    assert [(c.kind, c.count) for c in event.casualties] == [("missing", 3)]


def test_nominal_trigger_with_target_and_casualties() -> None:
    event = one(run("Un ataque de los rebeldes contra una base militar dejó unos 30 muertos."), "ASSAULT")
    assert event.trigger.text == "ataque"
    assert texts(event.targets) == ["base militar"]
    assert [(c.kind, c.count, c.qualifier) for c in event.casualties] == [("killed", 30, "about")]


@pytest.mark.xfail(reason="engine: a Spanish 'de' phrase after an event noun is never its actor "
                          "(no genitive role per trigger)", strict=True)
def test_nominal_trigger_genitive_actor() -> None:
    event = one(run("Un ataque de los rebeldes contra una base militar dejó unos 30 muertos."), "ASSAULT")
    assert texts(event.actors) == ["rebeldes"]


def test_light_verb_and_demonym() -> None:
    event = one(run("Aviones israelíes lanzaron ataques aéreos contra el sur del Líbano."), "ASSAULT")
    assert event.subtype == "offensive"
    assert event.trigger.text == "lanzaron ataques aéreos"
    assert event.actors[0].agent == "ISR MIL"


def test_reporting_verb_is_no_event_and_its_subject_no_actor() -> None:
    analysis = run("El Ministerio de Defensa dijo que los insurgentes habían atacado el cuartel.")
    assert not [e for e in analysis.events if e.trigger.text == "dijo"]
    event = one(analysis, "ASSAULT")
    assert texts(event.actors) == ["insurgentes"]
    assert "Ministerio de Defensa" not in texts(event.actors)
    quote = analysis.quotes[0]
    assert quote.speaker is not None and quote.speaker.text == "Ministerio de Defensa"


def test_trigger_inside_an_organisation_name_is_no_event() -> None:
    analysis = run("El Frente de Ataque Popular celebró su congreso en Lima.")
    assert not find(analysis, "ASSAULT")


def test_labour_strike_and_unemployment() -> None:
    event = one(run("Los sindicatos convocaron un paro nacional de 24 horas."), "PROTEST")
    assert texts(event.actors) == ["sindicatos"]
    assert not run("La tasa de paro subió al 12 por ciento en octubre.").events


def test_natural_disaster_is_no_assault() -> None:
    assert not find(run("Un terremoto mató a 40 personas en el sur del país."), "ASSAULT")


# -- status -----------------------------------------------------------------------------


def test_planned_under_an_agreement() -> None:
    analysis = run("El gobierno acordó retirar sus tropas de la frontera.")
    assert one(analysis, "AGREE").status == "reported"
    event = one(analysis, "RETREAT")
    assert event.status == "planned" and event.subtype == "withdraw forces"


def test_hypothetical() -> None:
    analysis = run("Los rebeldes podrían atacar a las tropas del gobierno en los próximos días.")
    assert one(analysis, "ASSAULT").status == "hypothetical"


def test_negated() -> None:
    assert one(run("El ejército no atacó a los manifestantes."), "ASSAULT").status == "negated"


def test_denied_in_a_complement_clause() -> None:
    analysis = run("El ejército negó que sus tropas hubieran bombardeado el hospital.")
    assert one(analysis, "ASSAULT").status == "denied"


def test_threatened() -> None:
    analysis = run("El grupo armado amenazó con atacar la base militar de Tumaco.", PROXIMITY)
    assert one(analysis, "THREATEN").status == "reported"
    event = one(analysis, "ASSAULT")
    assert event.status == "threatened"
    assert texts(event.actors) == ["grupo armado"]


def test_threatened_with_parse() -> None:
    analysis = run("El grupo armado amenazó con atacar la base militar de Tumaco.")
    assert one(analysis, "ASSAULT").status == "threatened"


@pytest.mark.xfail(reason="engine: 'negó haber + participle' is parsed as advcl, outside the "
                          "frame (xcomp) and the reporting clause (ccomp)", strict=True)
def test_denied_infinitive_with_parse() -> None:
    assert one(run("El ejército negó haber bombardeado el hospital."), "ASSAULT").status == "denied"


@pytest.mark.parametrize(
    ("text", "status"),
    [
        ("Los rebeldes podrían atacar la capital.", "hypothetical"),
        ("Si fracasan las negociaciones, los rebeldes atacarán la capital.", "hypothetical"),
        ("El ejército no atacó a los manifestantes.", "negated"),
        ("El ejército negó haber bombardeado el hospital.", "denied"),
        ("El ejército desmintió que sus tropas hubieran bombardeado el hospital.", "denied"),
        ("Los rebeldes amenazaron con tomar la capital.", "threatened"),
        ("El gobierno acordó retirar sus tropas de la frontera.", "planned"),
        ("Los rebeldes atacaron a los soldados.", "reported"),
        ("Según la policía, presuntos guerrilleros atacaron a los soldados.", "reported"),
    ],
)
def test_status_cues_without_a_parse(text: str, status: str) -> None:
    analysis = run(text, PROXIMITY)
    acts = [e for e in analysis.events if e.type in ("ASSAULT", "RETREAT")]
    assert [e.status for e in acts] == [status], [(e.type, e.status, e.trigger.text) for e in analysis.events]


def test_background_from_a_habit_cue() -> None:
    event = one(run("Los rebeldes solían atacar a los soldados en la capital."), "ASSAULT")
    assert event.status == "background"


def test_background_from_a_date_years_before_publication() -> None:
    event = one(run("En 2015, los rebeldes atacaron a los soldados en Mosul."), "ASSAULT")
    assert event.status == "background"
    assert event.date == "2015" and not event.date_inferred


# -- when and how many --------------------------------------------------------------------


def test_no_stated_date_takes_the_publication_date() -> None:
    event = one(run("Dos soldados fueron asesinados por guerrilleros cerca de la frontera."), "ASSAULT")
    assert event.date == PUBLISHED and event.date_inferred and event.date_precision == 2


def test_casualties_with_at_least() -> None:
    analysis = run("Los insurgentes atacaron a la policía en Mosul el lunes, matando al menos a 12 agentes.")
    event = one(analysis, "ASSAULT")
    assert [(c.kind, c.count, c.qualifier) for c in event.casualties] == [("killed", 12, "at_least")]
    assert event.date == "2024-11-25" and event.date_precision == 1


def test_place_relation() -> None:
    analysis = run("Un coche bomba estalló contra una patrulla policial a 20 km al norte de Bagdad.")
    event = one(analysis, "ASSAULT")
    assert event.subtype == "bombing"
    assert texts(event.targets) == ["patrulla policial"]
    assert analysis.places[event.place].text == "Bagdad"
    assert event.place_relation == "a 20 km al norte de" and event.place_precision == 2


@pytest.mark.xfail(reason="engine: the article 'un' counts as the number one (timex num table) "
                          "when it stands before the casualty word", strict=True)
def test_article_is_no_casualty_count() -> None:
    event = one(run("Un coche bomba mató a cinco personas en Bagdad."), "ASSAULT")
    assert [(c.kind, c.count) for c in event.casualties] == [("killed", 5)]


# -- quotes -------------------------------------------------------------------------------


def test_quote_with_its_speaker() -> None:
    analysis = run('"Vamos a responder con toda nuestra fuerza", dijo el ministro Israel Katz.')
    assert len(analysis.quotes) == 1
    quote = analysis.quotes[0]
    assert quote.text == "Vamos a responder con toda nuestra fuerza"
    assert quote.speaker is not None and quote.speaker.text == "Israel Katz"


def test_coordinated_towns_are_one_event_each() -> None:
    analysis = run("Los rebeldes atacaron las ciudades de Goma y Bukavu el lunes.")
    events = find(analysis, "ASSAULT")
    assert [analysis.places[e.place].name for e in events] == ["Goma", "Bukavu"]
    assert all(texts(e.actors) == ["rebeldes"] for e in events)


def test_a_protest_against_the_government_targets_it_where_the_parse_hangs_the_phrase_elsewhere():
    # the parser attaches "contra el gobierno" to "Santiago"; the opponent marker still says whom
    found = [e for e in run("Miles de personas protestaron en Santiago contra el gobierno.").events
             if e.type == "PROTEST"]
    assert len(found) == 1
    assert [t.text for t in found[0].targets] == ["gobierno"]
    assert [a.text for a in found[0].actors] == ["personas"]  # the count numbers the group, it is not its name


def test_plural_ministers_are_government():
    found = [e for e in run("Los ministros se reunieron en Madrid el martes.").events if e.type == "CONSULT"]
    assert [(a.text, a.agent.split()[-1]) for a in found[0].actors] == [("ministros", "GOV")]


def test_a_thing_is_no_addressee_but_a_victim_is_a_target() -> None:
    rejected = one(run("Colombia rechazó el miércoles la propuesta de Venezuela."), "REJECT")
    assert texts(rejected.actors) == ["Colombia"] and rejected.targets == []
    killed = one(run("Paramilitares asesinaron a un campesino en Arauca el 3 de noviembre."), "ASSAULT")
    assert texts(killed.targets) == ["campesino"]


def test_harm_to_a_thing_of_an_actor_falls_on_the_actor() -> None:
    event = one(run("Desconocidos incendiaron el cuartel de la policía en Cúcuta."), "ASSAULT")
    assert texts(event.targets) == ["policía"] and event.targets[0].agent.endswith("COP")
    threat = one(run("Miembros de un grupo armado amenazaron a varios profesores de la Escuela Normal de Pasto."),
                 "THREATEN")
    # people of a school are not the school: the teachers, a described group
    assert texts(threat.targets) == ["profesores"] and threat.targets[0].agent.endswith("PRO")
