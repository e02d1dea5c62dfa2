"""ACLED view of PLOVER events, and document-level event labels.

ACLED sub-event types are finer than PLOVER root types in one direction (how an
attack was carried out: air strike, shelling, IED ...) and coarser in another (no
ACCUSE, no CONSULT). The mapping is a short ordered rule list per PLOVER type: the
first rule whose cue group occurs in the event's evidence clause wins, and a rule
without a cue group is the fallback for that type. Cue groups are language data
(``acled:`` in ``lang/<code>/events.yaml``: "air" -> airstrike, warplanes, serangan
udara, غارة ...), so the rules below hold for every language.

Codes are the CASE 2021 task 2 spellings (``ACLED:ARMED_CLASH`` ...).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache

from sitrep.analyse.events import resource, word_regex
from sitrep.model import Event
from sitrep.resources import languages_with

LABEL_CODES: dict[str, str] = {
    "Armed clash": "ARMED_CLASH",
    "Government regains territory": "GOV_REGAINS_TERIT",
    "Non-state actor overtakes territory": "NON_STATE_ACTOR_OVERTAKES_TER",
    "Chemical weapon": "CHEM_WEAP",
    "Air/drone strike": "AIR_STRIKE",
    "Suicide bomb": "SUIC_BOMB",
    "Shelling/artillery/missile attack": "ART_MISS_ATTACK",
    "Remote explosive/landmine/IED": "REM_EXPLOS",
    "Grenade": "GRENADE",
    "Sexual violence": "SEX_VIOL",
    "Attack": "ATTACK",
    "Abduction/forced disappearance": "ABDUCT_DISSAP",
    "Peaceful protest": "PEACE_PROTEST",
    "Protest with intervention": "PROTEST_WITH_INTER",
    "Excessive force against protesters": "FORCE_AGAINST_PROTEST",
    "Violent demonstration": "VIOL_DEMONSTR",
    "Mob violence": "MOB_VIOL",
    "Agreement": "AGREEMENT",
    "Arrests": "ARREST",
    "Change to group/activity": "CHANGE_TO_GROUP_ACT",
    "Disrupted weapons use": "DISR_WEAP",
    "Headquarters or base established": "HQ_ESTABLISHED",
    "Looting/property destruction": "PROPERTY_DISTRUCT",
    "Non-violent transfer of territory": "NON_VIOL_TERRIT_TRANSFER",
    "Other": "OTHER",
}

# (cue group or None, ACLED label) in order of precedence; None = fallback for the type.
_RULES: dict[str, tuple[tuple[str | None, str], ...]] = {
    "ASSAULT": (
        ("protesters", "Excessive force against protesters"),
        ("suicide", "Suicide bomb"),
        ("chemical", "Chemical weapon"),
        ("grenade", "Grenade"),
        ("explosive", "Remote explosive/landmine/IED"),
        ("air", "Air/drone strike"),
        ("artillery", "Shelling/artillery/missile attack"),
        ("sexual", "Sexual violence"),
        ("abduction", "Abduction/forced disappearance"),
        ("mob", "Mob violence"),
        ("looting", "Looting/property destruction"),
        ("clash", "Armed clash"),
        (None, "Attack"),
    ),
    "PROTEST": (
        ("violent", "Violent demonstration"),
        ("intervention", "Protest with intervention"),
        (None, "Peaceful protest"),
    ),
    "COERCE": (
        ("disrupted", "Disrupted weapons use"),
        ("protesters", "Protest with intervention"),
        ("arrest", "Arrests"),
    ),
    "AGREE": ((None, "Agreement"),),
    "MOBILIZE": (("headquarters", "Headquarters or base established"),),
    "RETREAT": (("handover", "Non-violent transfer of territory"),),
    "CONCEDE": (("handover", "Non-violent transfer of territory"),),
}

_GOVERNMENT = re.compile(r"\b(?:GOV|MIL|COP)\b")
_NON_STATE = re.compile(r"\b(?:REB|OPP|PRO)\b")


@cache
def _cues(language: str | None) -> dict[str, tuple[re.Pattern, ...]]:
    """Cue group -> regexes, for one language or (None) every language that has cues."""
    languages = [language] if language else list(languages_with("events"))
    groups: dict[str, list[re.Pattern]] = {}
    for code in languages:
        config = resource(code, "events")
        for group, patterns in (config.get("acled") or {}).items():
            groups.setdefault(group, []).append(word_regex(patterns, config))
    return {group: tuple(regexes) for group, regexes in groups.items()}


def acled_view(event: Event, language: str | None = None) -> str | None:
    """The ACLED sub-event type of an event, or None when the mapping is not confident."""
    if event.subtype == "capture territory":
        return _territory(event)
    cues = _cues(language)
    evidence = f"{event.text} {event.trigger.text}"
    for group, label in _RULES.get(event.type, ()):
        if group is None:
            return label
        if any(pattern.search(evidence) for pattern in cues.get(group, ())):
            return label
    return None


def _territory(event: Event) -> str | None:
    """Who took the ground decides between the two ACLED territory types."""
    agents = " ".join(a.agent or "" for a in event.actors)
    if _GOVERNMENT.search(agents):
        return "Government regains territory"
    if _NON_STATE.search(agents):
        return "Non-state actor overtakes territory"
    return None


def document_event_types(events: Iterable[Event], language: str | None = None) -> list[str]:
    """Document labels: ``PLOVER:<TYPE>`` for every event type, ``ACLED:<CODE>`` where confident."""
    labels: dict[str, None] = {}
    acled: dict[str, None] = {}
    for event in sorted(events, key=lambda e: -e.confidence):
        if event.negated:
            continue
        labels.setdefault(f"PLOVER:{event.type}", None)
        view = acled_view(event, language)
        if view is not None:
            acled.setdefault(f"ACLED:{LABEL_CODES[view]}", None)
    return list(labels) + list(acled)
