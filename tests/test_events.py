"""Event extraction by word order (the engine's path for languages without a parser), on
sentences written for these tests with their names given (English, Indonesian, Arabic).
The parsed path is tested on whole-pipeline runs in test_events_<language>.py."""

from __future__ import annotations

import pytest

from sitrep.analyse.acled import document_event_types
from sitrep.analyse.events import extract_events
from sitrep.model import Event, Mention, NoiseSpan, Place, Timex


def mentions(text: str, *names: tuple[str, str]) -> list[Mention]:
    """Mentions of the given (surface, label) pairs at their first occurrence."""
    out = []
    for cluster, (surface, label) in enumerate(names):
        start = text.index(surface)
        out.append(
            Mention(start=start, end=start + len(surface), text=surface, label=label, cluster=cluster)
        )
    return sorted(out, key=lambda m: m.start)


def place(text: str, surface: str, kind: str = "city", country: str = "SY") -> Place:
    start = text.index(surface)
    return Place(start=start, end=start + len(surface), text=surface, kind=kind, country_code=country)


def all_events(text: str, language: str = "en", names=(), timexes=(), places=(), noise=()) -> list[Event]:
    """Every event, whatever its status."""
    return extract_events(
        text, language, [], mentions(text, *names), list(timexes), list(places), list(noise), use_parser=False
    )


def events(text: str, language: str = "en", names=(), timexes=(), places=(), noise=()) -> list[Event]:
    """The reported events (those that count by default)."""
    return [e for e in all_events(text, language, names, timexes, places, noise) if e.status == "reported"]


def only(found: list[Event], plover_type: str) -> Event:
    matching = [e for e in found if e.type == plover_type]
    assert len(matching) == 1, [(e.type, e.trigger.text) for e in found]
    return matching[0]


# -- English -----------------------------------------------------------------------


def test_offensive_with_nominal_actor_and_target() -> None:
    text = "On Tuesday, rebels launched a major offensive against government forces in the north."
    event = only(events(text), "ASSAULT")
    assert event.subtype == "offensive"
    assert event.trigger.text == "launched a major offensive"
    assert [(a.text, a.nominal, a.agent, a.mention) for a in event.actors] == [
        ("rebels", True, "REB", None)
    ]
    assert [a.text for a in event.targets] == ["government forces"]
    assert event.targets[0].agent == "GOV"
    assert text[event.start : event.end] == event.text
    assert "launched a major offensive" in event.text


def test_capture_territory_with_date_and_place() -> None:
    text = "Opposition fighters seized the town of Saraqeb on Friday after heavy fighting."
    timex = Timex(start=text.index("Friday"), end=text.index("Friday") + 6, text="Friday",
                  type="DATE", value="2024-12-06")
    found = events(text, names=[("Saraqeb", "LOC")], timexes=[timex],
                   places=[place(text, "Saraqeb")])
    event = [e for e in found if e.subtype == "capture territory"][0]
    assert event.type == "ASSAULT"
    assert event.actors[0].text == "Opposition fighters"
    assert event.date == "2024-12-06" and event.timex == 0
    assert event.place == 0


def test_took_without_territory_is_no_capture() -> None:
    text = "Ten delegations took part in the meeting on Monday."
    assert not [e for e in events(text) if e.subtype == "capture territory"]


def test_multiword_capture_triggers() -> None:
    text = "Militants took control of the airport, and the group later led the charge into Kabul."
    found = events(text, names=[("Kabul", "LOC")], places=[place(text, "Kabul", country="AF")])
    triggers = {e.trigger.text: e for e in found if e.type == "ASSAULT"}
    assert triggers["took control of"].subtype == "capture territory"
    assert triggers["led the charge into"].subtype == "capture territory"
    assert triggers["led the charge into"].place == 0


def test_passive_swaps_actor_and_target() -> None:
    text = "Two soldiers were killed by rebels near the border."
    event = only(events(text), "ASSAULT")
    assert [a.text for a in event.actors] == ["rebels"]
    assert [a.text for a in event.targets] == ["soldiers"]


def test_named_actor_and_target_point_at_mentions() -> None:
    text = "Russia accused Ukraine of violating the ceasefire."
    found = events(text, names=[("Russia", "LOC"), ("Ukraine", "LOC")])
    event = only(found, "ACCUSE")
    assert event.actors[0].mention == 0 and event.targets[0].mention == 1
    assert not event.actors[0].nominal


def test_demonym_gives_the_agent_a_country() -> None:
    text = "Syrian rebels attacked an army checkpoint."
    event = only(events(text), "ASSAULT")
    assert event.actors[0].text == "Syrian rebels"
    assert event.actors[0].agent == "SYR REB"


@pytest.mark.parametrize(
    ("text", "status"),
    [
        ("The army did not attack the village.", "negated"),
        ("Officials fear the rebels could attack the city.", "hypothetical"),
        ("If the talks fail, militants might bomb the bridge.", "hypothetical"),
        ("The government denied that soldiers shelled the market.", "denied"),
    ],
)
def test_negated_hypothetical_and_denied_assaults_are_kept_but_not_reported(text: str, status: str) -> None:
    assert not [e for e in events(text) if e.type == "ASSAULT"]
    kept = [e for e in all_events(text) if e.type == "ASSAULT"]
    assert kept and kept[0].status == status


def test_mood_recodes_statements_of_intent() -> None:
    assert only(events("Japan will impose sanctions on the regime.", names=[("Japan", "LOC")]), "THREATEN")
    assert only(events("The European Union will support the new government.",
                       names=[("European Union", "ORG")]), "AGREE")
    assert only(events("The minister said Iran must release the detained sailors.", names=[("Iran", "LOC")]),
                "REQUEST")
    # "refused" is a REJECT of its own; the act it governs is kept, negated
    assert only(events("The government refused to cooperate with the inquiry."), "REJECT")
    assert [e.status for e in all_events("The government refused to cooperate with the inquiry.")
            if e.type == "COOPERATE"] == ["negated"]


def test_bare_noun_needs_a_participant() -> None:
    assert not events("The attack came at dawn.")
    assert only(events("The attack on the convoy killed six civilians."), "ASSAULT")


def test_no_perpetrator_no_assault() -> None:
    assert not events("Twelve people were killed in floods in the north.")
    assert not events("Sebanyak 162 orang tewas dalam kecelakaan pesawat itu.", "id")
    assert only(events("Pesawat itu ditembak jatuh oleh separatis di Ukraina Timur.", "id"), "ASSAULT")


def test_spanish_and_french_basics() -> None:
    event = only(events("Los rebeldes atacaron la ciudad de Goma el lunes.", "es"), "ASSAULT")
    assert event.actors[0].text == "rebeldes"
    assert not events("El gobierno no atacó el pueblo.", "es")
    assert only(events("Les manifestants ont défilé dans les rues de Dakar.", "fr"), "PROTEST")


def test_place_prefers_locative_and_specific_place() -> None:
    text = "Syrian army jets bombed a hospital in Idlib, Syria, on Monday."
    places = [place(text, "Syria", kind="country"), place(text, "Idlib")]
    places.sort(key=lambda p: p.start)
    found = events(text, names=[("Idlib", "LOC")], places=places)
    event = only(found, "ASSAULT")
    assert places[event.place].text == "Idlib"


def test_nothing_from_noise() -> None:
    text = "Rebels attacked the base. Read more: Rebels stormed the city of Homs"
    start = text.index("Read more")
    noise = [NoiseSpan(start=start, end=len(text), text=text[start:], reason="links")]
    found = events(text, noise=noise)
    assert found and all(e.end <= start for e in found)


# -- Indonesian --------------------------------------------------------------------


def test_indonesian_passive_with_oleh() -> None:
    text = "Desa itu diserang oleh pemberontak pada malam hari."
    event = only(events(text, "id"), "ASSAULT")
    assert event.actors[0].text == "pemberontak" and event.actors[0].agent == "REB"


def test_indonesian_country_after_the_noun() -> None:
    text = "Serangan itu dilancarkan oleh pejuang oposisi Suriah."
    event = only(events(text, "id", places=[place(text, "Suriah", kind="country")]), "ASSAULT")
    assert event.actors[0].text == "pejuang oposisi Suriah"
    assert event.actors[0].agent == "SYR REB"


def test_indonesian_capture_and_negation() -> None:
    text = "Pemberontak merebut kota Aleppo pada hari Sabtu."
    event = only(events(text, "id"), "ASSAULT")
    assert event.subtype == "capture territory"
    assert not [e for e in events("Tentara tidak menyerang kota itu.", "id") if e.type == "ASSAULT"]
    assert only(events("Militer akan menyerang kota itu besok.", "id"), "THREATEN")


def test_indonesian_protest() -> None:
    event = only(events("Ribuan mahasiswa berunjuk rasa di depan gedung DPR.", "id"), "PROTEST")
    assert event.actors[0].text.endswith("mahasiswa") and event.actors[0].agent == "PRO"


# -- Arabic ------------------------------------------------------------------------


def test_arabic_protest() -> None:
    text = "تظاهر آلاف الطلاب في القاهرة احتجاجا على ارتفاع الأسعار."
    assert only(events(text, "ar"), "PROTEST")


def test_arabic_assault_verb_first() -> None:
    text = "هاجم مسلحون مركزا للشرطة في مدينة الموصل."
    event = only(events(text, "ar"), "ASSAULT")
    assert event.actors[0].text == "مسلحون" and event.actors[0].agent == "REB"


def test_arabic_negation() -> None:
    assert not events("لم يهاجم الجيش القرية.", "ar")


# -- ACLED view and document labels --------------------------------------------


def test_document_event_types() -> None:
    found = events("Rebels attacked the convoy with rockets. The army arrested two suspects.")
    labels = document_event_types(found, "en")
    assert "PLOVER:ASSAULT" in labels and "PLOVER:COERCE" in labels
    assert "ACLED:ART_MISS_ATTACK" in labels and "ACLED:ARREST" in labels


def test_a_question_reports_no_event() -> None:
    text = "Has the whole government fled? Rebels captured the city of Homs on Saturday."
    found = events(text)
    assert [e.type for e in found] == ["ASSAULT"]
    assert found[0].text.startswith("Rebels")


# -- the PLOVER readings of a frame, and repeated mentions of one event ---------------------


def test_negated_cooperative_act_is_a_reject_and_the_act_stays_negated() -> None:
    text = "The rebels will not accept the ceasefire."
    reject = only(events(text), "REJECT")
    assert reject.subtype == "refuse: agree"
    assert [e.status for e in all_events(text) if e.type == "AGREE"] == ["negated"]
    # a negated hostile act is no REJECT: it is only a negated act
    assert not events("The army did not shell the village.")


def test_a_repeated_event_is_one_event_with_the_stated_date() -> None:
    text = "Police arrested the journalist. Police arrested the journalist on Monday in Minsk."
    monday = text.index("Monday")
    timex = Timex(start=monday, end=monday + 6, text="Monday", type="DATE", value="2024-12-02")
    found = events(text, timexes=[timex])
    arrests = [e for e in found if e.type == "COERCE"]
    assert len(arrests) == 1, [(e.trigger.text, e.date) for e in arrests]
    assert arrests[0].trigger.start == text.rindex("arrested")  # the fuller mention is the evidence ...
    assert arrests[0].date == "2024-12-02" and not arrests[0].date_inferred  # ... with its stated date


@pytest.mark.parametrize("language, text", [
    ("en", "Rebels seized full control of the airport after airstrikes killed 12 and troops withdrew."),
    ("es", "El ejército bombardeó la ciudad y los manifestantes protestaron frente al palacio."),
    ("tr", "İsrail ordusu Gazze'ye saldırdı; İstanbul'da binlerce kişi protesto etti."),
    ("ar", "وقصفت الطائرات الحربية مدينة حلب وقتل عشرة مدنيين"),
])
def test_guarded_trigger_regex_finds_what_the_plain_alternation_finds(language: str, text: str) -> None:
    """The first-letter lookaheads in front of each trigger entry only skip work."""
    import re

    from sitrep.analyse.events.lexicon import event_lexicon

    lexicon = event_lexicon(language)
    assert lexicon is not None
    plain = re.compile(r"(?<![\w-])(?:" + "|".join(f"(?:{e.pattern.pattern})" for e in lexicon.entries) + ")",
                       re.IGNORECASE)
    found = [m.span() for m in lexicon.triggers.finditer(text)]
    assert found and found == [m.span() for m in plain.finditer(text)]


def test_first_letters_of_a_pattern() -> None:
    import re

    from sitrep.analyse.events.patterns import first_letters, guarded

    assert first_letters(r"(?:the\s+)?(?:attack|bomb)\w*", re.IGNORECASE) == frozenset("tab")
    assert first_letters(r"\w+ed") is None  # any word character: no guard
    assert first_letters(r"(?:x)?") is None  # may match nothing
    assert re.fullmatch(guarded("[ab]c|d"), "bc") and not re.fullmatch(guarded("[ab]c|d"), "cc")
