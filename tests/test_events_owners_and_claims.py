"""Weapons, claims of responsibility and counted crowds in every language with events.

A weapon named as the actor stands for whoever the words say owns it, and for no one when
they name no owner; whoever claims an attack is its actor; a count word ("hundreds",
"مئات") is not the group it counts; a refusal to comment rejects nothing. Sentences are
written for these tests.
"""

from __future__ import annotations

import pytest

from sitrep.analyse.pipeline import analyse
from sitrep.model import Document, Event, Meta


def reported(language: str, text: str) -> list[Event]:
    found = analyse(Document(id="t", text=text, meta=Meta(published="2024-11-30", language=language))).events
    return [e for e in found if e.status == "reported"]


def only(events: list[Event], plover_type: str) -> Event:
    matching = [e for e in events if e.type == plover_type]
    assert len(matching) == 1, [(e.type, e.trigger.text) for e in events]
    return matching[0]


OWNED_WEAPONS = [
    ("es", "Los drones de la milicia atacaron un mercado en Omdurmán el martes.", "milicia"),
    ("fr", "Les drones de la milice ont frappé un marché à Omdurman mardi.", "milice"),
    ("pt", "Drones da milícia atacaram um mercado em Omdurman na terça-feira.", "milícia"),
    ("de", "Drohnen der Miliz griffen am Dienstag einen Markt in Omdurman an.", "Miliz"),
    ("ru", "Беспилотники ВСУ атаковали нефтебазу в Белгороде в понедельник.", "ВСУ"),
    ("id", "Drone milik RSF menyerang pasar di Omdurman pada Selasa.", "RSF"),
    ("ar", "قصفت مسيرات الدعم السريع سوقا في أم درمان يوم الثلاثاء.", "الدعم السريع"),
]


@pytest.mark.parametrize(("language", "text", "owner"), OWNED_WEAPONS)
def test_a_weapon_s_owner_named_after_it_is_the_actor(language: str, text: str, owner: str) -> None:
    attack = only(reported(language, text), "ASSAULT")
    assert [a.text for a in attack.actors] == [owner]


def test_arabic_drones_are_not_marches_and_omdurman_is_found() -> None:
    found = reported("ar", "قصفت مسيرات الدعم السريع سوقا في أم درمان يوم الثلاثاء.")
    assert [e.type for e in found] == ["ASSAULT"]  # "مسيرات" are drones here, not marches
    analysis = analyse(Document(id="t", text="وقع انفجار في مدينة أم درمان.", meta=Meta(language="ar")))
    assert [p.name for p in analysis.places] == ["Omdurman"]  # a town whose name starts with "أم" (or)
    question = analyse(Document(id="t", text="هل تريد الشاي أم القهوة؟", meta=Meta(language="ar")))
    assert question.places == []


CLAIMS = [
    ("en", "Hamas claimed responsibility for the attack, which wounded three soldiers.", "Hamas"),
    ("es", "El ELN se atribuyó el atentado que dejó dos policías muertos.", "ELN"),
    ("fr", "L'État islamique a revendiqué l'attaque qui a tué 20 soldats.", "État islamique"),
]


@pytest.mark.parametrize(("language", "text", "claimant"), CLAIMS)
def test_whoever_claims_an_attack_did_it(language: str, text: str, claimant: str) -> None:
    attack = only(reported(language, text), "ASSAULT")
    assert [a.text for a in attack.actors] == [claimant]


COUNTED = [
    ("fr", "Des centaines d'infirmières ont manifesté à Paris jeudi.", "infirmières"),
    ("ar", "تظاهر مئات المعلمين في القاهرة يوم الجمعة.", "المعلمين"),
    ("ru", "Сотни учителей вышли на митинг в Москве в пятницу.", "учителей"),
    ("tr", "Yüzlerce öğretmen cuma günü Ankara'da eylem yaptı.", "öğretmen"),
]


@pytest.mark.parametrize(("language", "text", "group"), COUNTED)
def test_a_counted_crowd_is_the_group_not_the_count(language: str, text: str, group: str) -> None:
    protest = only(reported(language, text), "PROTEST")
    assert [a.text for a in protest.actors] == [group] and protest.targets == []


AGAINST = [
    ("de", "Tausende Menschen haben am Samstag in Tiflis gegen die Regierung demonstriert.", "Menschen", "Regierung"),
    ("pt", "Milhares de pessoas protestaram em Tbilisi no sábado contra o governo.", "pessoas", "governo"),
]


@pytest.mark.parametrize(("language", "text", "actor", "target"), AGAINST)
def test_whoever_a_protest_is_against_is_its_target_never_its_actor(
        language: str, text: str, actor: str, target: str) -> None:
    protest = only(reported(language, text), "PROTEST")
    assert [a.text for a in protest.actors] == [actor] and [t.text for t in protest.targets] == [target]


def test_the_weapon_an_attack_used_is_not_its_target() -> None:
    attack = only(reported("pt", "Um ataque russo com drones contra Kharkiv matou três pessoas nesta terça-feira."),
                  "ASSAULT")
    assert "drones" not in [t.text for t in attack.targets]
    assert [t.text for t in attack.targets] == ["Kharkiv"]


def test_an_event_noun_opening_a_sentence_is_not_part_of_the_name_after_it() -> None:
    text = "Serangan udara Israel di Rafah menewaskan 20 orang pada Selasa."
    analysis = analyse(Document(id="t", text=text, meta=Meta(published="2024-11-30", language="id")))
    assert [m.text for m in analysis.mentions][:1] == ["Israel"]
    assert [a.text for a in only(analysis.events, "ASSAULT").actors] == ["Israel"]


ONGOING = [
    ("en", "The army has been fighting the RSF since October 2023."),
    ("de", "Die Armee kämpft seit Oktober 2023 gegen die RSF."),
    ("id", "Militer Sudan bertempur melawan RSF sejak April 2023."),
    ("fr", "L'armée combat les rebelles depuis mars 2022."),
]


@pytest.mark.parametrize(("language", "text"), ONGOING)
def test_an_act_going_on_since_long_before_the_article_is_background(language: str, text: str) -> None:
    found = analyse(Document(id="t", text=text, meta=Meta(published="2024-11-30", language=language))).events
    assert [(e.type, e.status) for e in found] == [("ASSAULT", "background")]


def test_an_act_going_on_since_a_recent_day_is_news() -> None:
    arrests = only(reported("en", "Police have arrested 300 protesters since Monday."), "COERCE")
    assert arrests.status == "reported"


def test_a_relative_clause_s_act_and_the_main_clause_s_act_are_two_events() -> None:
    text = "The army, which has fought the rebels since October 2023, shelled Khartoum on Monday."
    found = analyse(Document(id="t", text=text, meta=Meta(published="2024-11-30", language="en"))).events
    assert [(e.trigger.text, e.status) for e in found] == [("fought", "background"), ("shelled", "reported")]


# (language, a refusal to speak, a refusal of something, who refused it)
WITHHELD_SPEECH = [
    ("en", "The ministry refused to comment on the report on Monday.",
     "The government refused the rebels' proposal on Monday.", "government"),
    ("es", "El ministerio se negó a comentar el informe el lunes.",
     "El gobierno rechazó la propuesta de los rebeldes el lunes.", "gobierno"),
    ("fr", "Le ministère a refusé de commenter ces informations lundi.",
     "Le gouvernement a refusé la proposition des rebelles lundi.", "gouvernement"),
    ("pt", "O ministério recusou-se a comentar o relatório na segunda-feira.",
     "O governo rejeitou a proposta dos rebeldes na segunda-feira.", "governo"),
    ("id", "Juru bicara kementerian enggan berkomentar soal laporan itu pada Senin.",
     "Pemerintah menolak tuntutan para demonstran pada Senin.", "Pemerintah"),
    ("de", "Das Ministerium verweigerte am Montag jede Stellungnahme.",
     "Die Regierung lehnte am Montag den Vorschlag der Rebellen ab.", "Regierung"),
    ("ru", "Министерство отказалось от комментариев в понедельник.",
     "Правительство отвергло предложение повстанцев в понедельник.", "Правительство"),
    ("ar", "رفض المتحدث باسم الوزارة التعليق على التقرير يوم الاثنين.",
     "رفضت الحكومة مقترح المتمردين يوم الاثنين.", "الحكومة"),
]


@pytest.mark.parametrize(("language", "silence", "refusal", "actor"), WITHHELD_SPEECH)
def test_a_refusal_to_speak_is_no_rejection(language, silence, refusal, actor):
    assert not [e for e in reported(language, silence) if e.type == "REJECT"]
    assert actor in [a.text for a in only(reported(language, refusal), "REJECT").actors]
