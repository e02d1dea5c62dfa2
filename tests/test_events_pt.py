"""Portuguese events, quotes and casualties through the whole per-document pipeline.

Sentences written for these tests in the style of wire copy, in European and Brazilian
Portuguese. They run with participants by position (``Settings(parser=False)``), the path
every language has, so that they test the Portuguese resources (lang/pt/*.yaml) and keep
doing so when a Portuguese parser ships; the last test runs the default settings.
"""

from __future__ import annotations

from functools import cache

import pytest

from event_helpers import analysed, of_type, only
from sitrep import resources
from sitrep.config import Settings
from sitrep.model import DocumentAnalysis, Event

PUBLISHED = "2024-12-05"  # a Thursday: "na segunda-feira" is 2024-12-02
BY_POSITION = Settings(parser=False)


@cache
def run(text: str, settings: Settings = BY_POSITION) -> DocumentAnalysis:
    return analysed(text, "pt", PUBLISHED, settings)


def events(text: str, plover_type: str | None = None, settings: Settings = BY_POSITION) -> list[Event]:
    return of_type(run(text, settings), plover_type)


def one(text: str, plover_type: str, settings: Settings = BY_POSITION) -> Event:
    return only(run(text, settings), plover_type)


def names(arguments) -> list[str]:
    return [a.text for a in arguments]


# -- resources ---------------------------------------------------------------------------


def test_resources_load_and_cover_every_plover_type() -> None:
    lexicon = resources.load("pt", "events")
    assert set(lexicon["triggers"]) == {
        "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
        "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
    }
    assert set(lexicon["casualties"]) == {"killed", "injured", "arrested", "displaced", "missing"}
    assert set(lexicon["acled"]) >= {"protesters", "air", "artillery", "explosive", "arrest", "clash"}
    countries = set(resources.load("pt", "actors")["demonyms"].values())
    assert len(countries) >= 190
    for name in ("quotes", "entities"):
        assert resources.load("pt", name)


# -- participants ------------------------------------------------------------------------

ACTIVE = "O exército sírio atacou na segunda-feira posições dos rebeldes na província de Idlib."


def test_active_trigger_with_actor_target_and_stated_date() -> None:
    event = one(ACTIVE, "ASSAULT")
    assert event.trigger.text == "atacou"
    assert event.status == "reported"
    assert [(a.text, a.agent) for a in event.actors] == [("exército sírio", "SYR MIL")]
    assert names(event.targets) == ["rebeldes"]
    assert (event.date, event.date_precision, event.date_inferred) == ("2024-12-02", 1, False)


def test_passive_with_por_agent_and_count() -> None:
    event = one("Dois soldados foram mortos por rebeldes na quarta-feira perto de Goma.", "ASSAULT")
    assert names(event.actors) == ["rebeldes"]
    assert names(event.targets) == ["soldados"]
    assert [(c.kind, c.count) for c in event.casualties] == [("killed", 2)]
    assert event.date == "2024-12-04"


def test_pelo_menos_is_no_passive_agent() -> None:
    event = one("Pelo menos 12 civis foram mortos e cerca de 30 ficaram feridos num ataque aéreo.", "ASSAULT")
    assert event.actors == []
    assert names(event.targets) == ["civis"]
    assert [(c.kind, c.count, c.qualifier) for c in event.casualties] == [
        ("killed", 12, "at_least"), ("injured", 30, "about"),
    ]
    # no date in the text: the publication date, inferred, precision 2
    assert (event.date, event.date_precision, event.date_inferred) == (PUBLISHED, 2, True)


def test_nominal_trigger_with_de_actor_and_contra_target() -> None:
    event = one("O ataque do exército contra a cidade de Goma durou três horas.", "ASSAULT")
    assert event.trigger.text == "ataque"
    assert names(event.actors) == ["exército"]
    assert names(event.targets) == ["cidade de Goma"]


def test_reporting_verb_is_no_event_and_its_subject_no_actor() -> None:
    analysis = run("Um porta-voz do exército disse que os rebeldes atacaram a cidade.")
    assert [e.type for e in analysis.events] == ["ASSAULT"]
    assert names(analysis.events[0].actors) == ["rebeldes"]
    [quote] = analysis.quotes
    assert quote.text == "os rebeldes atacaram a cidade"
    assert quote.cue is not None and quote.cue.text == "disse"


def test_trigger_inside_an_organisation_name_is_no_event() -> None:
    text = "A Organização de Cooperação Islâmica condenou a violência contra os peregrinos."
    analysis = run(text)
    assert "Organização de Cooperação Islâmica" in {m.text for m in analysis.mentions}
    assert not [e for e in analysis.events if e.type == "COOPERATE"]
    event = one(text, "ACCUSE")
    assert names(event.actors) == ["Organização de Cooperação Islâmica"]
    assert names(event.targets) == ["peregrinos"]


def test_enclitic_pronoun_and_demonym() -> None:
    event = one("As tropas russas retiraram-se de Kherson.", "RETREAT")
    assert event.trigger.text == "retiraram-se"
    assert event.subtype == "withdraw forces"
    assert event.actors[0].agent == "RUS MIL"


def test_shoot_down() -> None:
    event = one("Forças ucranianas abateram 30 drones russos durante a noite.", "ASSAULT")
    assert event.subtype == "shoot-down"
    assert event.actors[0].agent == "UKR MIL"
    assert event.targets[0].agent == "RUS MIL"


# -- statuses --------------------------------------------------------------------------------


def test_planned() -> None:
    found = events("O exército vai atacar a cidade nos próximos dias.")
    assert [(e.type, e.status) for e in found] == [("THREATEN", "reported"), ("ASSAULT", "planned")]
    assert names(found[1].actors) == ["exército"]


def test_threatened() -> None:
    found = events("O governo ameaçou atacar os rebeldes.")
    assert [(e.type, e.status) for e in found] == [("THREATEN", "reported"), ("ASSAULT", "threatened")]
    assert names(found[1].targets) == ["rebeldes"]


def test_hypothetical_conditional_se() -> None:
    event = one("Se os rebeldes atacarem a cidade, o exército vai responder.", "ASSAULT")
    assert event.status == "hypothetical"


def test_reflexive_se_is_no_condition() -> None:
    event = one("Os ministros se reuniram em Brasília na terça-feira.", "CONSULT")
    assert event.status == "reported"


def test_negated() -> None:
    assert one("O exército não atacou a cidade.", "ASSAULT").status == "negated"


def test_denied() -> None:
    event = one("O exército negou ter atacado civis.", "ASSAULT")
    assert event.status == "denied"
    assert names(event.targets) == ["civis"]


def test_background_years_before_publication() -> None:
    event = one("Em 2016, o exército sírio reconquistou a cidade de Aleppo.", "ASSAULT")
    assert event.subtype == "capture territory"
    assert event.status == "background"
    assert event.date == "2016"


# -- other types -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "plover_type", "subtype", "actor"),
    [
        ("A oposição rejeitou a proposta do governo.", "REJECT", None, "oposição"),
        ("O governo libertou 50 presos políticos.", "CONCEDE", None, "governo"),
        ("A União Europeia impôs novas sanções à Rússia.", "SANCTION", None, "União Europeia"),
        ("A polícia dispersou os manifestantes com gás lacrimogêneo.", "COERCE", None, "polícia"),
        ("A procuradoria abriu uma investigação contra o ministro.", "ACCUSE", "investigate", "procuradoria"),
        ("O Brasil enviou ajuda humanitária para Moçambique.", "AID", None, "Brasil"),
        ("Os professores entraram em greve na quinta-feira.", "PROTEST", None, "professores"),
        ("A Rússia mobilizou 300 mil reservistas.", "MOBILIZE", None, "Rússia"),
        ("O presidente deposto fugiu para a Rússia.", "RETREAT", "leader flees", "presidente"),
        ("Israel e o Hamas assinaram um acordo de cessar-fogo.", "AGREE", None, "Hamas"),
        ("O presidente Lula reuniu-se com o primeiro-ministro português em Brasília.", "CONSULT", None, "Lula"),
    ],
)
def test_other_plover_types(text: str, plover_type: str, subtype: str | None, actor: str) -> None:
    event = one(text, plover_type)
    assert event.subtype == subtype
    assert names(event.actors) == [actor]


def test_arrest_with_count_and_no_protest_event() -> None:
    analysis = run("A polícia prendeu 25 manifestantes no sábado em Lisboa.")
    event = one("A polícia prendeu 25 manifestantes no sábado em Lisboa.", "COERCE")
    assert names(event.targets) == ["manifestantes"]  # protesters are participants, not a trigger
    assert [(c.kind, c.count) for c in event.casualties] == [("arrested", 25)]
    assert [e.type for e in analysis.events] == ["COERCE"]


def test_sentencing_is_coercion_condemnation_an_accusation() -> None:
    assert one("O tribunal condenou o jornalista a dez anos de prisão.", "COERCE")
    assert not events("O tribunal condenou o jornalista a dez anos de prisão.", "ACCUSE")
    assert one("O governo condenou a detenção do jornalista.", "ACCUSE")


def test_natural_disaster_is_no_assault() -> None:
    assert not events("Um sismo matou pelo menos 200 pessoas na Turquia.", "ASSAULT")


# -- quotes ----------------------------------------------------------------------------


def test_direct_quote_with_speaker_after_it() -> None:
    [quote] = run("“Nunca nos vamos render”, disse o comandante rebelde Abu Mohammed na terça-feira.").quotes
    assert quote.kind == "direct"
    assert quote.text == "Nunca nos vamos render"
    assert quote.speaker is not None and quote.speaker.text == "Abu Mohammed"


def test_attribution_segundo() -> None:
    analysis = run("Segundo a polícia, 15 pessoas foram detidas durante a noite.")
    [quote] = analysis.quotes
    assert quote.kind == "attribution"
    assert quote.text == "15 pessoas foram detidas durante a noite"
    event = one("Segundo a polícia, 15 pessoas foram detidas durante a noite.", "COERCE")
    assert names(event.targets) == ["pessoas"]
    assert [(c.kind, c.count) for c in event.casualties] == [("arrested", 15)]


# -- the default settings ------------------------------------------------------------------


def test_default_settings() -> None:
    event = one(ACTIVE, "ASSAULT", Settings())
    assert event.status == "reported"
    assert "exército" in event.actors[0].text
