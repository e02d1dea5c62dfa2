"""When two reports are of one real-world event: the rules of resolve/matching.py on
hand-built reports, then the whole path (analysis, corpus stage) on written wire copy."""

from __future__ import annotations

from dataclasses import replace

import pytest

from sitrep.analyse.syntax import Parser
from sitrep.model import Document, Meta
from sitrep.resolve.matching import EventReport, compare
from sitrep.runner import analyse_many, resolve_analyses

NAIROBI = dict(geonameid=184745, lat=-1.283, lon=36.817, country="KE", admin1="05")
KENYA = dict(geonameid=192950, lat=1.0, lon=38.0, country="KE", admin1=None)
DAMASCUS = dict(geonameid=170654, lat=33.510, lon=36.291, country="SY", admin1="13")
DAMASCUS_AIRPORT = dict(geonameid=None, lat=33.411, lon=36.516, country="SY", admin1="08")


def report(article: str, date: str, inferred: bool = False, place: dict = NAIROBI, precision: int = 1,
           subtype: str | None = "bombing", actors: frozenset[str] = frozenset(),
           targets: frozenset[str] = frozenset()) -> EventReport:
    return EventReport(
        article_id=article, event_index=0, source=article, outlet=article, language="en", published=date,
        type="ASSAULT", subtype=subtype, date=date, date_precision=1, date_inferred=inferred,
        place_precision=precision, place_inferred=False, actors=actors, targets=targets, named=actors | targets,
        **place)


def test_same_day_same_town_is_one_event() -> None:
    verdict = compare(report("a", "1998-08-07"), report("b", "1998-08-07"))
    assert verdict.same_event and "same place" in verdict.reasons


def test_a_report_weeks_later_joins_only_with_a_shared_participant() -> None:
    dated = report("a", "1998-08-07", targets=frozenset({"united-states"}))
    later = report("b", "1998-08-21", inferred=True, targets=frozenset({"united-states"}))
    verdict = compare(dated, later)
    assert verdict.same_event and "told 14 days later" in verdict.reasons
    # the same town and type two weeks on, with nothing else in common: another bombing
    assert not compare(dated, replace(later, targets=frozenset())).same_event
    # an undated report cannot tell of an event dated after its publication
    assert compare(report("c", "1998-09-01", targets=frozenset({"united-states"})), later).clash


def test_a_country_and_a_town_in_it_do_not_clash_on_distance() -> None:
    town = report("a", "1998-08-07", targets=frozenset({"united-states"}))
    country = report("b", "1998-08-07", place=KENYA, precision=3, targets=frozenset({"united-states"}))
    verdict = compare(town, country)
    assert not verdict.clash and verdict.same_event and "same country" in verdict.reasons


def test_taking_the_airport_is_not_taking_the_city() -> None:
    rebels = frozenset({"hayat-tahrir-al-sham"})
    city = report("a", "2024-12-08", place=DAMASCUS, subtype="capture territory", actors=rebels)
    airport = report("b", "2024-12-08", place=DAMASCUS_AIRPORT, subtype="capture territory", actors=rebels)
    assert compare(city, airport).clash and compare(city, airport).reasons == ["territory"]
    # shelling near the airport and in the city the same day can be one event
    assert not compare(replace(city, subtype="shelling"), replace(airport, subtype="shelling")).clash


def test_two_named_actors_that_differ_are_two_events() -> None:
    a = report("a", "1998-08-07", actors=frozenset({"al-qaeda"}))
    b = report("b", "1998-08-07", actors=frozenset({"al-shabaab"}))
    assert compare(a, b).clash


ARTICLES = {
    "day-after": ("1998-08-08", "Bombs exploded at the U.S. embassies in Nairobi and Dar es Salaam on Friday, "
                  "killing at least 80 people."),
    "two-weeks": ("1998-08-21", "The bombing of the U.S. embassy in Nairobi killed 247 people, the FBI said."),
    "other-city": ("1998-08-21", "The bombing of the U.S. embassy in Dar es Salaam killed 11 people, police said."),
}


@pytest.mark.skipif(not Parser.available("en"), reason="the English parser model is not built")
def test_bombings_in_two_cities_are_two_events_and_later_reports_join_the_right_one() -> None:
    docs = [Document(id=k, text=text, meta=Meta(published=day, language="en", outlet=k))
            for k, (day, text) in ARTICLES.items()]
    analyses = list(analyse_many(docs))
    picture = resolve_analyses(analyses)
    canonical = {}
    for analysis in analyses:
        for index, event in enumerate(analysis.events):
            if event.type == "ASSAULT" and event.place is not None:
                town = analysis.places[event.place].name
                canonical[(analysis.document.id, town)] = picture.canonical_of[(analysis.document.id, index)]
    # one sentence, two places: one event in each, as ACLED codes them
    assert {town for doc, town in canonical if doc == "day-after"} == {"Nairobi", "Dar es Salaam"}
    assert canonical[("day-after", "Nairobi")] != canonical[("day-after", "Dar es Salaam")]
    # two weeks later, undated: each report joins the bombing of its own city
    assert canonical[("two-weeks", "Nairobi")] == canonical[("day-after", "Nairobi")]
    assert canonical[("other-city", "Dar es Salaam")] == canonical[("day-after", "Dar es Salaam")]
