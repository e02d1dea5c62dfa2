"""News leads the parser misreads, and groups described by more than their noun.

A news lead often puts a date between the subject and the verb ("Yasser Arafat Wednesday
rejected ...", "A top official today praised ...") or opens with a bare participle ("A
French minister threatened to ..."); the parser then reads the verb as a modifier of the
noun and the sentence has no actor. Such a parse is mended before the event stage reads
it: only where no verb heads the sentence, so a verbless headline stays as it is. A group
named by a description keeps the words that tell it apart ("colonos judíos",
"cultivadores de coca"), and a count before it ("tens of thousands of") is not the group.
These readings rest on the dependency parse, which sitrep uses for en, es, fr and pt.
Sentences are written for these tests.
"""

from __future__ import annotations

import re

import pytest

from sitrep.analyse.events.dependencies import promote_main_verbs, promote_verbal_adjectives
from sitrep.analyse.pipeline import analyse
from sitrep.analyse.syntax import Parser
from sitrep.model import Document, DocumentAnalysis, Event, Meta


def analysed(language: str, text: str) -> DocumentAnalysis:
    return analyse(Document(id="t", text=text, meta=Meta(published="2024-11-30", language=language)))


def only(analysis: DocumentAnalysis, plover_type: str) -> Event:
    matching = [e for e in analysis.events if e.type == plover_type and e.status == "reported"]
    assert len(matching) == 1, [(e.type, e.status, e.trigger.text) for e in analysis.events]
    return matching[0]


LEADS = [
    ("A top U.S. official today praised Haiti's efforts to improve its record on human rights.", "SUPPORT",
     "top U.S. official"),
    ("Yasser Arafat Wednesday rejected the Israeli proposal.", "REJECT", "Yasser Arafat"),
    ("A French minister threatened today to impose import restrictions against German goods.", "THREATEN",
     "French minister"),
    ("The German government today welcomed the statement by the American president.", "SUPPORT",
     "German government"),
]


@pytest.mark.parametrize(("text", "plover_type", "actor"), LEADS)
def test_a_lead_with_a_date_before_its_verb_keeps_its_actor(text: str, plover_type: str, actor: str) -> None:
    event = only(analysed("en", text), plover_type)
    assert [a.text for a in event.actors] == [actor]


def _parsed(text: str, dates: list[str]):
    parse = Parser.for_language("en").parse([(0, text)])[0]
    spans = [(m.start(), m.end()) for d in dates for m in re.finditer(re.escape(d), text)]
    promote_main_verbs(parse, spans)
    return {t.text: (t.dep_, t.head.text) for t in parse.doc}


def test_the_mended_parse_makes_the_verb_the_head_and_the_day_its_modifier() -> None:
    words = _parsed("Yasser Arafat Wednesday rejected the plan.", ["Wednesday"])
    assert words["rejected"] == ("ROOT", "rejected")
    assert words["Yasser"] == ("nsubj", "rejected")
    assert words["Wednesday"] == ("obl:tmod", "rejected")
    assert words["plan"] == ("obj", "rejected")
    assert words["."] == ("punct", "rejected")


def test_a_headline_without_a_verb_is_left_as_parsed() -> None:
    text = "Minister accused of fraud in Lagos."
    before = {t.text: (t.dep_, t.head.text) for t in Parser.for_language("en").parse([(0, text)])[0].doc}
    assert _parsed(text, []) == before


def test_a_date_at_the_head_of_the_sentence_is_no_subject() -> None:
    analysis = analysed("en", "As of Wednesday evening, Lazaro Gonzalez still had not signed the agreement.")
    assert all("evening" not in a.text for e in analysis.events for a in e.actors)


DESCRIBED = [
    ("es", "Decenas de colonos judíos protestaron el martes en Hebrón.", "colonos judíos"),
    ("es", "Los cultivadores de coca bloquearon la carretera para protestar contra la fumigación.",
     "cultivadores de coca"),
    ("es", "Los obreros de la construcción protestaron el jueves en Panamá.", "obreros de la construcción"),
    ("fr", "Les producteurs de lait ont manifesté mardi à Rennes.", "producteurs de lait"),
    ("pt", "Centenas de professores universitários protestaram na terça-feira em Lisboa.",
     "professores universitários"),
    ("pt", "Os trabalhadores da construção protestaram em Lisboa.", "trabalhadores da construção"),
    ("en", "Tens of thousands of students marched in Jakarta on Saturday.", "students"),
]


@pytest.mark.parametrize(("language", "text", "group"), DESCRIBED)
def test_a_described_group_keeps_the_words_that_tell_it_apart(language: str, text: str, group: str) -> None:
    protest = only(analysed(language, text), "PROTEST")
    assert [a.text for a in protest.actors] == [group]


def test_an_age_is_not_part_of_the_description() -> None:
    protest = only(analysed("es", "El catalán de 25 años protestó el fallo."), "PROTEST")
    assert [a.text for a in protest.actors] == ["catalán"]


VERBS_READ_AS_ADJECTIVES = [
    ("Israeli army bulldozers demolished Palestinian homes in southern Gaza on Sunday.", "COERCE",
     "Israeli army bulldozers", "Palestinian homes"),
    ("In an unprecedented move, Palestinian police in Jericho confiscated weapons from armed groups, "
     "the army said Friday.", "COERCE", "Palestinian police", "weapons"),
]


@pytest.mark.parametrize(("text", "plover_type", "actor", "target"), VERBS_READ_AS_ADJECTIVES)
def test_a_verb_read_as_an_adjective_of_its_object_gets_its_subject(text: str, plover_type: str, actor: str,
                                                                    target: str) -> None:
    event = only(analysed("en", text), plover_type)
    assert [a.text for a in event.actors] == [actor]
    assert target in [t.text for t in event.targets]


def test_a_participle_after_a_determiner_stays_an_adjective() -> None:
    text = "The destroyed houses stood empty."
    parse = Parser.for_language("en").parse([(0, text)])[0]
    before = [(t.dep_, t.head.i) for t in parse.doc]
    promote_verbal_adjectives(parse, [])
    assert [(t.dep_, t.head.i) for t in parse.doc] == before


AIMS = [
    ("es", "Clinton y Barak se reunieron el jueves en Lisboa en un nuevo intento de lograr un acuerdo sobre los "
           "territorios.", "AGREE"),
    ("en", "Israel announced its decision to withdraw troops from southern Lebanon.", "RETREAT"),
    ("fr", "Les deux dirigeants se sont rencontrés vendredi à Genève dans une nouvelle tentative de conclure un "
           "accord.", "AGREE"),
]


@pytest.mark.parametrize(("language", "text", "plover_type"), AIMS)
def test_an_act_a_noun_aims_at_is_a_goal_not_news(language: str, text: str, plover_type: str) -> None:
    aimed = [e for e in analysed(language, text).events if e.type == plover_type]
    assert aimed and all(e.status == "hypothetical" for e in aimed)


def test_an_act_done_stays_reported() -> None:
    assert only(analysed("en", "The two leaders signed an agreement in Geneva on Friday."), "AGREE")


WORDINGS = [
    ("es", "El presidente estadounidense habló por teléfono este miércoles con Arafat.", "CONSULT"),
    ("es", "La policía ha desarticulado en Madrid una organización internacional de tráfico de personas.", "COERCE"),
    ("fr", "Les deux dirigeants se sont rencontrés vendredi à Genève.", "CONSULT"),
]


@pytest.mark.parametrize(("language", "text", "plover_type"), WORDINGS)
def test_wordings_of_talks_and_police_work(language: str, text: str, plover_type: str) -> None:
    assert only(analysed(language, text), plover_type).actors


KILLINGS = [
    ("Hombres armados dieron muerte a un campesino de varios impactos de bala en Arauca.", "Hombres armados"),
    ("Paramilitares desaparecieron a dos campesinos en el Cauca.", "Paramilitares"),
]


@pytest.mark.parametrize(("text", "actor"), KILLINGS)
def test_spanish_wordings_of_killing_and_forced_disappearance(text: str, actor: str) -> None:
    assert [a.text for a in only(analysed("es", text), "ASSAULT").actors] == [actor]


def test_a_person_who_went_missing_is_no_victim_of_anyone() -> None:
    assert not analysed("es", "El niño desapareció el lunes y fue hallado el martes.").events


@pytest.mark.parametrize(("text", "verb"), [
    ("Moon pledges to prevent war at all costs.", "prevent"),
    ("At least six missiles fired by the warplanes struck small villages around the town.", "fired"),
    ("Kuchma assured Yeltsin that Ukraine would not join NATO, his spokesman said.", "join"),
])
def test_an_infinitive_a_passive_relative_or_a_clause_verb_is_not_made_the_head(text: str, verb: str) -> None:
    assert _parsed(text, [])[verb][0] != "ROOT"
