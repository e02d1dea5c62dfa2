"""ACLED view of PLOVER events, and document-level event labels.

ACLED sub-event types are finer than PLOVER root types in one direction (how an attack
was carried out: air strike, shelling, IED ...) and coarser in another (no ACCUSE, no
CONSULT). The mapping is a table, ``data/acled.yaml``: per PLOVER type an ordered rule
list over the event's subtype, ACLED cue groups found in its clause, and the sides of
its actor and target; the first rule that holds gives the sub-event type, which gives
the event type, disorder type and CASE 2021 label. Cue groups are language data
(``acled:`` in ``lang/<code>/events.yaml``: "air" -> airstrike, warplanes, serangan
udara, غارة ...), so the rules hold for every language. Inter codes come from the
actors' sectors (agent codes such as "SYR GOV", or the knowledge base's ``sector``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from importlib import resources as package_files
from typing import Any

import yaml

from sitrep import resources
from sitrep.analyse.events.patterns import word_regex
from sitrep.kb import load_kb
from sitrep.model import Argument, Event

STATE, ARMED_NONSTATE = frozenset({1}), frozenset({2, 3, 4})


@dataclass(frozen=True)
class AcledView:
    """One event as ACLED codes it."""

    event_type: str
    sub_event_type: str
    disorder_type: str
    case_code: str  # the CASE 2021 task 2 label, e.g. AIR_STRIKE
    inter1: int | None
    inter2: int | None
    interaction: int | None  # the two inter codes, smaller first (e.g. 12)
    civilian_targeting: bool


@cache
def mapping() -> dict[str, Any]:
    """The PLOVER -> ACLED table (``data/acled.yaml``), checked once."""
    path = package_files.files("sitrep") / "data" / "acled.yaml"
    with path.open(encoding="utf-8") as handle:
        table = yaml.safe_load(handle)
    known = set(table["sub_event_types"])
    for plover_type, rules in table["rules"].items():
        for rule in rules:
            unknown = set(rule) - {"subtype", "cue", "actor", "target", "sub_event_type"}
            if unknown or rule.get("sub_event_type") not in known:
                raise ValueError(f"data/acled.yaml: bad rule for {plover_type}: {rule}")
    return table


def case_labels() -> dict[str, str]:
    """ACLED sub-event type -> CASE 2021 label."""
    return {name: row[2] for name, row in mapping()["sub_event_types"].items()}


@cache
def _cues(language: str | None) -> dict[str, tuple[re.Pattern, ...]]:
    """Cue group -> regexes, for one language or (None) every language that has cues."""
    languages = [language] if language else list(resources.languages_with("events"))
    groups: dict[str, list[re.Pattern]] = {}
    for code in languages:
        config = resources.load(code, "events")
        for group, patterns in (config.get("acled") or {}).items():
            groups.setdefault(group, []).append(word_regex(patterns, config))
    return {group: tuple(regexes) for group, regexes in groups.items()}


def inter_code(arg: Argument) -> int | None:
    """The ACLED inter code of a participant: its sector's, or 1 for a country."""
    codes = mapping()["inter_codes"]
    agent = arg.agent or ""
    sector = agent.split()[-1] if agent else ""
    if sector in codes:
        return codes[sector]
    entry = load_kb().entries.get(agent)
    if entry is not None and entry.sector in codes:
        return codes[entry.sector]
    if re.fullmatch(r"[A-Z]{3}", agent):
        return 1  # a country acting ("Israeli strikes", "Russia attacked")
    return None


def _side(args: list[Argument]) -> set[str]:
    inters = {inter_code(a) for a in args} - {None}
    sides = set()
    if inters & STATE:
        sides |= {"state", "armed"}
    if inters & ARMED_NONSTATE:
        sides |= {"nonstate", "armed"}
    if inters & {5, 6}:
        sides.add("nonstate")
    if 7 in inters:
        sides.add("civilians")
    return sides


def acled_view(event: Event, language: str | None = None) -> AcledView | None:
    """The ACLED coding of an event, or None when the mapping has no reading for it."""
    table = mapping()
    cues = _cues(language)
    evidence = f"{event.text} {event.trigger.text}"
    actor_side, target_side = _side(event.actors[:1]), _side(event.targets)
    for rule in table["rules"].get(event.type, ()):
        if "subtype" in rule and rule["subtype"] != event.subtype:
            continue
        if "cue" in rule and not any(p.search(evidence) for p in cues.get(rule["cue"], ())):
            continue
        if "actor" in rule and rule["actor"] not in actor_side:
            continue
        if "target" in rule and rule["target"] not in target_side:
            continue
        name = rule["sub_event_type"]
        event_type, disorder, code = table["sub_event_types"][name]
        inter1 = inter_code(event.actors[0]) if event.actors else None
        inter2 = inter_code(event.targets[0]) if event.targets else None
        pair = sorted(i for i in (inter1, inter2) if i is not None)
        interaction = int("".join(map(str, pair))) if pair else None
        if len(pair) == 1:
            interaction = pair[0] * 10  # ACLED: a sole actor's code followed by 0
        return AcledView(
            event_type=event_type, sub_event_type=name, disorder_type=disorder, case_code=code,
            inter1=inter1, inter2=inter2, interaction=interaction,
            civilian_targeting="civilians" in target_side or name in ("Attack", "Sexual violence",
                                                                         "Abduction/forced disappearance"),
        )
    return None


LEAD_CHARS = 600  # the opening of a document says what it is mainly about
CONFIDENT = 0.5


def document_event_types(events: Iterable[Event], language: str | None = None, text: str | None = None) -> list[str]:
    """Document labels: ``PLOVER:<TYPE>`` for every event type, and the ACLED/CASE 2021 label
    of what the document is mainly about. That label comes from the trained snippet
    classifier (``models/acled-<lang>.json``, :mod:`.acled_model`) read on the document's
    opening, where the language has one and it is confident; otherwise from the ACLED
    view of every event, most confident first. Callers pass the events that count."""
    labels: dict[str, None] = {}
    acled: dict[str, None] = {}
    for event in sorted(events, key=lambda e: -e.confidence):
        labels.setdefault(f"PLOVER:{event.type}", None)
        view = acled_view(event, language)
        if view is not None:
            acled.setdefault(f"ACLED:{view.case_code}", None)
    trained = _trained_label(language, text)
    if trained is not None:
        acled = {trained: None}
    return list(labels) + list(acled)


def _trained_label(language: str | None, text: str | None) -> str | None:
    from sitrep.analyse.acled_model import AcledClassifier

    if not text or not text.strip():
        return None
    model = AcledClassifier.for_language(language)
    if model is None:
        return None
    label, probability = model.predict(text[:LEAD_CHARS], top=1)[0]
    return label if probability >= CONFIDENT else None
