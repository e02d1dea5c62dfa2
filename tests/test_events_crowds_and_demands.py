"""Who protests, who demands, and where a statement was made, in the parsed languages.

Only people march or strike, so whoever is the subject of such a verb, whose such an act
is ("la huelga de los mineros") or who does it for a purpose ("blocked the road to
protest") is its actor, named or not. A demand told as an obligation in reported speech
("Germany said Iran must release ...") is the speaker's REQUEST of the one obliged. A
country named in a participant's description ("Polish President ...") is no place of the
act when a dateline says where it was filed; a date the parse took for the verb's object
no longer hides the real one. These readings rest on the dependency parse, which sitrep
uses for en, es, fr and pt. Sentences are written for these tests.
"""

from __future__ import annotations

import pytest

from sitrep.analyse.pipeline import analyse
from sitrep.model import Document, DocumentAnalysis, Event, Meta


def analysed(language: str, text: str) -> DocumentAnalysis:
    return analyse(Document(id="t", text=text, meta=Meta(published="2024-11-30", language=language)))


def only(analysis: DocumentAnalysis, plover_type: str, status: str = "reported") -> Event:
    matching = [e for e in analysis.events if e.type == plover_type and e.status == status]
    assert len(matching) == 1, [(e.type, e.status, e.trigger.text) for e in analysis.events]
    return matching[0]


def names(analysis: DocumentAnalysis, arguments) -> list[str]:
    """Each argument as the name it points at, else its words."""
    return [analysis.mentions[a.mention].text if a.mention is not None else a.text for a in arguments]


CROWDS = [
    ("en", "Hundreds of nurses marched through Manchester on Saturday to protest against pay cuts.", "nurses"),
    ("es", "Cientos de enfermeras marcharon por Madrid el sábado para protestar contra los recortes.", "enfermeras"),
    ("fr", "Des centaines d'infirmières ont manifesté à Lyon samedi contre les réductions de salaire.",
     "infirmières"),
    ("pt", "Centenas de enfermeiras protestaram em Lisboa no sábado contra os cortes salariais.", "enfermeiras"),
]


@pytest.mark.parametrize(("language", "text", "crowd"), CROWDS)
def test_an_unnamed_crowd_that_marches_is_the_actor(language: str, text: str, crowd: str) -> None:
    protest = only(analysed(language, text), "PROTEST")
    assert [a.text for a in protest.actors] == [crowd]


STRIKES = [
    ("es", "La huelga de los mineros paralizó la región de Asturias el martes.", "mineros"),
    ("fr", "La grève des cheminots a paralysé le pays mardi.", "cheminots"),
    ("pt", "O protesto dos estudantes paralisou o centro de Lisboa na terça-feira.", "estudantes"),
]


@pytest.mark.parametrize(("language", "text", "crowd"), STRIKES)
def test_whose_strike_it_is_says_the_genitive(language: str, text: str, crowd: str) -> None:
    protest = only(analysed(language, text), "PROTEST")
    assert [a.text for a in protest.actors] == [crowd]


def test_the_genitive_of_a_strike_is_no_actor_when_it_is_its_length() -> None:
    protest = only(analysed("es", "Los médicos iniciaron el lunes una huelga de 24 horas en Lima."), "PROTEST")
    assert [a.text for a in protest.actors] == ["médicos"]


PURPOSES = [
    ("en", "Farmers blocked the motorway near Lyon on Monday to protest against the new tax.", "Farmers"),
    ("es", "Un obrero intentó quemarse con gasolina frente al Congreso para protestar contra la nueva ley.",
     "obrero"),
    ("fr", "Les chauffeurs ont garé leurs camions devant la mairie lundi pour protester contre la taxe.",
     "chauffeurs"),
    ("pt", "Os agricultores ocuparam a praça na segunda-feira para protestar contra o novo imposto.",
     "agricultores"),
]


@pytest.mark.parametrize(("language", "text", "crowd"), PURPOSES)
def test_who_acts_to_protest_is_the_protester(language: str, text: str, crowd: str) -> None:
    analysis = analysed(language, text)
    protests = [e for e in analysis.events if e.type == "PROTEST" and e.status == "reported"]
    assert protests, [(e.type, e.trigger.text) for e in analysis.events]
    assert all([a.text for a in e.actors] == [crowd] for e in protests)


DEMANDS = [
    ("en", "Germany said on Monday that Iran must release the detained sailors.", "Germany", "Iran"),
    ("es", "Alemania dijo el lunes que Irán debe liberar a los marineros detenidos.", "Alemania", "Irán"),
    ("fr", "L'Allemagne a déclaré lundi que l'Iran doit libérer les marins détenus.", "Allemagne", "Iran"),
    ("pt", "A Alemanha disse na segunda-feira que o Irã deve libertar os marinheiros detidos.", "Alemanha", "Irã"),
]


@pytest.mark.parametrize(("language", "text", "speaker", "obliged"), DEMANDS)
def test_an_obligation_in_reported_speech_is_the_speaker_s_demand(
        language: str, text: str, speaker: str, obliged: str) -> None:
    analysis = analysed(language, text)
    demand = only(analysis, "REQUEST")
    assert names(analysis, demand.actors) == [speaker]
    assert names(analysis, demand.targets) == [obliged]
    assert demand.place is None or analysis.places[demand.place].text != obliged  # said of Iran, not in Iran
    release = only(analysis, "CONCEDE", "hypothetical")  # the release itself has not happened
    assert names(analysis, release.actors) == [obliged]


def test_a_demand_without_a_speaker_names_only_the_one_obliged() -> None:
    analysis = analysed("en", "Under the deal, the militia must hand over its heavy weapons by March.")
    demand = only(analysis, "REQUEST")
    assert demand.actors == []
    assert [t.text for t in demand.targets] == ["militia"]


def test_the_country_of_a_described_actor_is_the_actor() -> None:
    analysis = analysed("en", "The government of Sudan accused Chad on Monday of arming the rebels.")
    accusation = only(analysis, "ACCUSE")
    assert names(analysis, accusation.actors) == ["Sudan"]


def test_a_date_taken_for_the_object_no_longer_hides_the_target() -> None:
    analysis = analysed("es", "El gobierno de Sudán acusó el lunes a Chad de armar a los rebeldes.")
    accusation = only(analysis, "ACCUSE")
    assert names(analysis, accusation.actors) == ["Sudán"]
    assert names(analysis, accusation.targets) == ["Chad"]
    assert accusation.date == "2024-11-25"


DATELINES = [
    ("en", "KYIV, May 4 (Reuters) - The presidents of Poland and Lithuania signed the agreement on Monday.", "KYIV"),
    ("es", "KIEV, 4 may (EFE) - Los presidentes de Polonia y Lituania firmaron el acuerdo el lunes.", "KIEV"),
]


@pytest.mark.parametrize(("language", "text", "dateline"), DATELINES)
def test_a_described_actor_s_country_gives_way_to_the_dateline(language: str, text: str, dateline: str) -> None:
    analysis = analysed(language, text)
    agreement = only(analysis, "AGREE")
    assert analysis.places[agreement.place].text == dateline
    assert agreement.place_inferred


def test_without_a_dateline_the_described_actor_s_country_stays() -> None:
    analysis = analysed("en", "The presidents of Poland and Lithuania signed the agreement on Monday.")
    agreement = only(analysis, "AGREE")
    assert analysis.places[agreement.place].text in ("Poland", "Lithuania")


AGENCIES = [
    ("en", "KYIV, May 4 (Reuters) - Polish President Andrzej Duda signed the agreement on Monday."),
    ("es", "KIEV, 4 may (EFE) - El presidente polaco Andrzej Duda firmó el acuerdo el lunes."),
]


@pytest.mark.parametrize(("language", "text"), AGENCIES)
def test_the_agency_of_a_dateline_is_no_actor(language: str, text: str) -> None:
    analysis = analysed(language, text)
    agreement = only(analysis, "AGREE")
    assert names(analysis, agreement.actors) == ["Andrzej Duda"]
    assert analysis.places[agreement.place].text in ("KYIV", "KIEV")


FIGHTERS_OF = [
    ("en", "Fighters of the Rapid Support Forces attacked a market in Omdurman on Monday.", "Rapid Support Forces"),
    ("es", "Guerrilleros de las FARC atacaron un puesto de policía en el Cauca el lunes.", "FARC"),
    ("fr", "Des combattants du Hamas ont attaqué un poste militaire près de Gaza lundi.", "Hamas"),
    ("pt", "Guerrilheiros das FARC atacaram um posto policial no Cauca na segunda-feira.", "FARC"),
]


@pytest.mark.parametrize(("language", "text", "group"), FIGHTERS_OF)
def test_fighters_of_a_group_stand_for_the_group(language: str, text: str, group: str) -> None:
    analysis = analysed(language, text)
    attack = only(analysis, "ASSAULT")
    assert names(analysis, attack.actors) == [group]


def test_forces_in_a_country_are_not_that_country_s() -> None:
    analysis = analysed("en", "Rebels attacked government forces in northern Syria on Friday.")
    attack = only(analysis, "ASSAULT")
    assert [t.agent for t in attack.targets] == ["SYR GOV"]  # the government's, placed in Syria


MODAL_DEMANDS = [
    ("en", "The Bush administration declared Tuesday that China must drop its barriers to imports.", "China"),
    ("es", "Estados Unidos dijo el martes que China debe eliminar sus barreras.", "China"),
    ("fr", "La France a déclaré mardi que la Chine doit supprimer ses barrières commerciales.", "Chine"),
    ("pt", "O Brasil disse na terça-feira que a China tem de eliminar as barreiras.", "China"),
]


@pytest.mark.parametrize(("language", "text", "obliged"), MODAL_DEMANDS)
def test_any_obligation_in_reported_speech_is_a_demand(language: str, text: str, obliged: str) -> None:
    analysis = analysed(language, text)
    demand = only(analysis, "REQUEST")
    assert len(demand.actors) == 1 and names(analysis, demand.targets) == [obliged]


def test_an_obligation_no_one_reports_is_no_demand() -> None:
    for language, text in [("en", "Visitors should see the old town before noon."),
                           ("es", "Los turistas deben visitar el casco antiguo.")]:
        assert [e for e in analysed(language, text).events if e.type == "REQUEST"] == []


CAPITALS = [
    ("en", "Moscow rejected the accusation on Monday.", "Moscow"),
    ("es", "Moscú rechazó el lunes la acusación.", "Moscú"),
    ("fr", "Moscou a rejeté lundi l'accusation.", "Moscou"),
    ("pt", "Moscou rejeitou na segunda-feira a acusação.", "Moscou"),
]


@pytest.mark.parametrize(("language", "text", "capital"), CAPITALS)
def test_a_capital_speaks_for_its_government(language: str, text: str, capital: str) -> None:
    analysis = analysed(language, text)
    assert names(analysis, only(analysis, "REJECT").actors) == [capital]


def test_a_capital_attacked_is_a_place_not_a_target() -> None:
    analysis = analysed("en", "Rebels attacked Kabul on Monday.")
    attack = only(analysis, "ASSAULT")
    assert attack.targets == [] and analysis.places[attack.place].text == "Kabul"


DEMANDED_ACTS = [
    ("en", "The United Nations urged that Israel withdraw its troops.", "RETREAT", "Israel"),
    ("es", "La ONU exigió que Israel retire sus tropas.", None, "Israel"),
    ("pt", "A ONU exigiu que Israel retire as suas tropas.", None, "Israel"),
]


@pytest.mark.parametrize(("language", "text", "act", "asked"), DEMANDED_ACTS)
def test_who_is_to_do_what_is_demanded_is_asked_and_has_not_done_it(
        language: str, text: str, act: str | None, asked: str) -> None:
    analysis = analysed(language, text)
    demand = only(analysis, "REQUEST")
    assert names(analysis, demand.targets) == [asked]
    if act is not None:
        assert only(analysis, act, "hypothetical").actors  # the withdrawal is asked for, not reported
        assert not [e for e in analysis.events if e.type == act and e.status == "reported"]


CEASEFIRES = [
    ("en", "Hezbollah declared a unilateral ceasefire in southern Lebanon on Sunday."),
    ("es", "Las FARC declararon una tregua unilateral el domingo."),
    ("fr", "Le Hezbollah a décrété un cessez-le-feu unilatéral dimanche."),
    ("pt", "O Hezbollah declarou um cessar-fogo unilateral no domingo."),
    ("de", "Die Hisbollah verkündete am Sonntag eine einseitige Waffenruhe."),
    ("id", "Hizbullah mengumumkan gencatan senjata sepihak pada hari Minggu."),
    ("ru", "Хезболла объявила одностороннее перемирие в воскресенье."),
    ("tr", "Hizbullah pazar günü tek taraflı ateşkes ilan etti."),
    ("ar", "أعلن حزب الله وقف اطلاق النار من جانب واحد يوم الأحد."),
]


@pytest.mark.parametrize(("language", "text"), CEASEFIRES)
def test_a_declared_ceasefire_is_a_retreat(language: str, text: str) -> None:
    """PLOVER (CAMEO 0871): declaring a truce de-escalates; agreeing to one is AGREE."""
    retreat = only(analysed(language, text), "RETREAT")
    assert retreat.subtype == "ceasefire" and len(retreat.actors) == 1


LIFTED_BLOCKADES = [
    ("en", "The Israeli army lifted a day-old blockade of the town on Friday."),
    ("es", "El ejército levantó el bloqueo de la ciudad el viernes."),
    ("fr", "L'armée a levé le blocus de la ville vendredi."),
    ("pt", "O exército levantou o bloqueio da cidade na sexta-feira."),
    ("de", "Die Armee hob am Freitag die Blockade der Stadt auf."),
    ("id", "Tentara mencabut blokade kota itu pada hari Jumat."),
    ("ru", "Армия сняла блокаду города в пятницу."),
    ("tr", "Ordu cuma günü kentin ablukasını kaldırdı."),
]


@pytest.mark.parametrize(("language", "text"), LIFTED_BLOCKADES)
def test_a_lifted_blockade_is_a_retreat(language: str, text: str) -> None:
    """PLOVER (CAMEO 0872): easing a military blockade. (Arabic codes lifting a siege as a
    concession, by an older entry of its lexicon.)"""
    assert only(analysed(language, text), "RETREAT").subtype == "ease blockade"


def test_a_ceasefire_agreed_between_two_sides_stays_an_agreement() -> None:
    analysis = analysed("en", "Russia and Ukraine signed a truce on Sunday.")
    assert [e.type for e in analysis.events if e.status == "reported"] == ["AGREE"]


def test_who_lodges_a_protest_is_its_actor() -> None:
    analysis = analysed("es", "La Federación elevó una protesta formal ante la FIFA.")
    assert [a.text for a in only(analysis, "PROTEST").actors] == ["Federación"]


SELF_NAMED = [
    ("en", "Protesters chanted slogans outside the embassy on Friday.", "Protesters"),
    ("es", "Cientos de manifestantes corearon consignas frente a la embajada.", "manifestantes"),
    ("fr", "Des manifestants ont scandé des slogans devant l'ambassade.", "manifestants"),
]


@pytest.mark.parametrize(("language", "text", "crowd"), SELF_NAMED)
def test_people_named_by_their_protest_are_its_actors(language: str, text: str, crowd: str) -> None:
    """No other word names the act: the protesters are both its sign and its actors (but
    "the protesters chanted" after a march tells of that march again)."""
    assert [a.text for a in only(analysed(language, text), "PROTEST").actors] == [crowd]
