"""The PLOVER -> ACLED mapping table (data/acled.yaml) and the view built on it."""

from __future__ import annotations

import pytest

from sitrep.analyse.acled import acled_view, case_labels, document_event_types, inter_code, mapping
from sitrep.model import Argument, Event, Span

ACLED_TAXONOMY = {
    "Battles": {"Armed clash", "Government regains territory", "Non-state actor overtakes territory"},
    "Explosions/Remote violence": {
        "Chemical weapon", "Air/drone strike", "Suicide bomb", "Shelling/artillery/missile attack",
        "Remote explosive/landmine/IED", "Grenade",
    },
    "Violence against civilians": {"Sexual violence", "Attack", "Abduction/forced disappearance"},
    "Protests": {"Peaceful protest", "Protest with intervention", "Excessive force against protesters"},
    "Riots": {"Violent demonstration", "Mob violence"},
    "Strategic developments": {
        "Agreement", "Arrests", "Change to group/activity", "Disrupted weapons use",
        "Headquarters or base established", "Looting/property destruction", "Non-violent transfer of territory",
        "Other",
    },
}
CASE_CODES = {
    "ARMED_CLASH", "GOV_REGAINS_TERIT", "NON_STATE_ACTOR_OVERTAKES_TER", "CHEM_WEAP", "AIR_STRIKE", "SUIC_BOMB",
    "ART_MISS_ATTACK", "REM_EXPLOS", "GRENADE", "SEX_VIOL", "ATTACK", "ABDUCT_DISSAP", "PEACE_PROTEST",
    "PROTEST_WITH_INTER", "FORCE_AGAINST_PROTEST", "VIOL_DEMONSTR", "MOB_VIOL", "AGREEMENT", "ARREST",
    "CHANGE_TO_GROUP_ACT", "DISR_WEAP", "HQ_ESTABLISHED", "PROPERTY_DISTRUCT", "NON_VIOL_TERRIT_TRANSFER", "OTHER",
}


def event(plover_type: str, clause: str, subtype: str | None = None, actor: str | None = None,
          target: str | None = None) -> Event:
    actors = [Argument(start=0, end=1, text="x", nominal=True, agent=actor)] if actor else []
    targets = [Argument(start=0, end=1, text="y", nominal=True, agent=target)] if target else []
    return Event(start=0, end=len(clause), text=clause, type=plover_type, subtype=subtype,
                 trigger=Span(start=0, end=1, text=clause.split()[0]), actors=actors, targets=targets)


def test_every_sub_event_type_is_in_acleds_taxonomy_with_its_event_type() -> None:
    for name, (event_type, disorder, code) in mapping()["sub_event_types"].items():
        assert name in ACLED_TAXONOMY[event_type], name
        assert disorder in ("Political violence", "Demonstrations", "Strategic developments",
                            "Political violence; Demonstrations")
        assert code in CASE_CODES
    assert set(case_labels().values()) == CASE_CODES


def test_every_rule_names_a_known_sub_event_type() -> None:
    known = set(mapping()["sub_event_types"])
    for rules in mapping()["rules"].values():
        for rule in rules:
            assert rule["sub_event_type"] in known


@pytest.mark.parametrize(
    ("plover_type", "clause", "subtype", "actor", "target", "expected"),
    [
        ("ASSAULT", "captured the town", "capture territory", "SYR GOV", None, "Government regains territory"),
        ("ASSAULT", "captured the town", "capture territory", "SYR REB", None, "Non-state actor overtakes territory"),
        ("ASSAULT", "fired on protesters", None, "COP", "PRO", "Excessive force against protesters"),
        ("ASSAULT", "a suicide bomber blew himself up", "bombing", None, None, "Suicide bomb"),
        ("ASSAULT", "warplanes bombed the market", None, "MIL", None, "Air/drone strike"),
        ("ASSAULT", "shelled the village with artillery", None, "MIL", None, "Shelling/artillery/missile attack"),
        ("ASSAULT", "a roadside bomb hit the convoy", "bombing", None, None, "Remote explosive/landmine/IED"),
        ("ASSAULT", "gunmen kidnapped 20 students", None, "REB", "CVL", "Abduction/forced disappearance"),
        ("ASSAULT", "clashed with the army", "clash", "REB", "MIL", "Armed clash"),
        ("ASSAULT", "gunmen killed villagers", None, "REB", "CVL", "Attack"),
        ("ASSAULT", "rebels ambushed soldiers", None, "REB", "MIL", "Armed clash"),
        ("PROTEST", "protesters rioted and torched cars", None, "PRO", None, "Violent demonstration"),
        ("PROTEST", "police fired tear gas at the rally", None, "PRO", None, "Protest with intervention"),
        ("PROTEST", "farmers rallied in the capital", None, "PRO", None, "Peaceful protest"),
        ("COERCE", "police arrested six men", None, "COP", None, "Arrests"),
        ("COERCE", "troops defused a bomb", None, "MIL", None, "Disrupted weapons use"),
        ("AGREE", "signed a ceasefire", None, None, None, "Agreement"),
        ("MOBILIZE", "set up a new base near the border", None, "MIL", None, "Headquarters or base established"),
        ("RETREAT", "handed over the town to the army", None, "REB", None, "Non-violent transfer of territory"),
    ],
)
def test_mapping_rules(plover_type, clause, subtype, actor, target, expected) -> None:
    view = acled_view(event(plover_type, clause, subtype, actor, target), "en")
    assert view is not None and view.sub_event_type == expected


def test_types_without_an_acled_reading() -> None:
    assert acled_view(event("CONSULT", "met with the envoy"), "en") is None
    assert acled_view(event("ACCUSE", "condemned the attack"), "en") is None


def test_inter_codes_and_interaction() -> None:
    assert inter_code(Argument(start=0, end=1, text="x", agent="SYR GOV")) == 1
    assert inter_code(Argument(start=0, end=1, text="x", agent="REB")) == 2
    assert inter_code(Argument(start=0, end=1, text="x", agent="ISR")) == 1  # a country acting
    assert inter_code(Argument(start=0, end=1, text="x", agent="hamas")) == 2  # the knowledge base's sector
    view = acled_view(event("ASSAULT", "gunmen killed villagers", None, "REB", "CVL"), "en")
    assert (view.inter1, view.inter2, view.interaction, view.civilian_targeting) == (2, 7, 27, True)
    alone = acled_view(event("PROTEST", "farmers rallied", None, "PRO", None), "en")
    assert alone.interaction == 60


def test_document_labels_are_plover_and_case_codes() -> None:
    labels = document_event_types([event("ASSAULT", "warplanes bombed the market", None, "MIL")], "en")
    assert labels == ["PLOVER:ASSAULT", "ACLED:AIR_STRIKE"]
