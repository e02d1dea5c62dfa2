"""Hand-made gold/system pairs with hand-computed scores, one metric family at a time."""

from __future__ import annotations

from typing import Any

import pytest

from sitrep.evaluate.scorers import METRIC_KEYS, score


def at(text: str, piece: str, nth: int = 0) -> dict[str, int]:
    """Offsets of the nth occurrence of ``piece`` in ``text``."""
    start = -1
    for _ in range(nth + 1):
        start = text.index(piece, start + 1)
    return {"start": start, "end": start + len(piece)}


def metric(gold: list[dict[str, Any]], system: dict[str, dict[str, Any]], key: str) -> Any:
    return score(gold, system)["metrics"][key]


# --- entities -------------------------------------------------------------------------

ENT_TEXT = "Syria accused Hayat Tahrir al-Sham (HTS) of shelling; the regime fought back."
ENT_GOLD = {
    "id": "d1",
    "text": ENT_TEXT,
    "entities": [
        {"id": "syria", "type": "LOC", "name": "Syria", "mentions": ["Syria"]},
        {"id": "hts", "type": "ORG", "name": "HTS", "mentions": ["Hayat Tahrir al-Sham", "HTS"]},
        {"id": "gov", "type": "ORG", "name": "Government", "mentions": ["the regime"],
         "nominal": True},
    ],
}


def test_entity_detection_mention_and_typed() -> None:
    system = {"d1": {"id": "d1", "entities": [
        {"id": "s1", "type": "LOC", "mentions": ["syria"]},  # right, case ignored
        {"id": "s2", "type": "PER", "mentions": ["H.T.S."]},  # right mention, wrong type
        {"id": "s3", "type": "ORG", "mentions": ["The regime"], "nominal": True},  # hits nominal
        {"id": "s4", "type": "ORG", "mentions": ["fighters"], "nominal": True},  # not counted
        {"id": "s5", "type": "PER", "mentions": ["Damascus"]},  # false
    ]}}
    result = score([ENT_GOLD], system)
    # found 2/2; counted s1 s2 s3 s5, right s1 s2 s3: P 3/4, R 1
    assert result["metrics"]["entities.mention_f1"] == pytest.approx(6 / 7)
    assert result["counts"]["entities.mention_f1"] == {"tp": 2, "sys": 4, "gold": 2, "tp_sys": 3}
    # typed: found syria only; right s1 and s3 of 4: P 1/2, R 1/2
    assert result["metrics"]["entities.typed_f1"] == pytest.approx(0.5)
    assert result["metrics"]["entities.span_f1"] is None  # no gold spans


def test_duplicate_system_entities_are_not_false() -> None:
    system = {"d1": {"id": "d1", "entities": [
        {"id": "a", "type": "LOC", "mentions": ["Syria"]},
        {"id": "b", "type": "LOC", "mentions": ["Syria"]},
        {"id": "c", "type": "ORG", "mentions": ["HTS"]},
    ]}}
    result = score([ENT_GOLD], system)
    assert result["metrics"]["entities.mention_f1"] == 1.0
    assert result["counts"]["entities.mention_f1"]["tp_sys"] == 3


def test_span_f1_exact_span_and_type_with_empty_document() -> None:
    text = "Angela Merkel met Emmanuel Macron in Paris."
    gold = [
        {"id": "a", "text": text, "entities": [
            {"id": "merkel", "type": "PER", "mentions": ["Angela Merkel"], "spans": [[0, 13]]},
            {"id": "macron", "type": "PER", "mentions": ["Emmanuel Macron"],
             "spans": [[18, 33]]},
            {"id": "paris", "type": "LOC", "mentions": ["Paris"], "spans": [[37, 42]]},
        ]},
        {"id": "b", "text": "Nothing named here.", "entities": []},
    ]
    system = {
        "a": {"id": "a", "entities": [
            {"id": "1", "type": "PER", "mentions": ["Angela Merkel"], "spans": [[0, 13]]},
            {"id": "2", "type": "PER", "mentions": ["Merkel"], "spans": [[0, 13]]},  # repeat
            {"id": "3", "type": "PER", "mentions": ["Macron"], "spans": [[27, 33]]},  # partial
            {"id": "4", "type": "ORG", "mentions": ["Paris"], "spans": [[37, 42]]},  # type
        ]},
        "b": {"id": "b", "entities": [
            {"id": "5", "type": "ORG", "mentions": ["Nothing"], "spans": [[0, 7]]},
        ]},
    }
    result = score(gold, system)
    assert result["counts"]["entities.span_f1"] == {"tp": 1, "sys": 4, "gold": 3}
    assert result["metrics"]["entities.span_f1"] == pytest.approx(2 / 7)


def test_xdoc_b3_over_mention_occurrences() -> None:
    gold = [
        {"id": "a", "text": "Syria said Syria.", "entities": [
            {"id": "syria", "type": "LOC", "mentions": ["Syria"]}]},
        {"id": "b", "text": "Syria and Iran.", "entities": [
            {"id": "syria", "type": "LOC", "mentions": ["Syria"]},
            {"id": "iran", "type": "LOC", "mentions": ["Iran"]}]},
    ]
    system = {
        "a": {"entities": [{"id": "A", "type": "LOC", "mentions": ["Syria"],
                            "spans": [[0, 5], [11, 16]]}]},
        "b": {"entities": [{"id": "B", "type": "LOC", "mentions": ["Syria", "Iran"],
                            "spans": [[0, 5], [10, 14]]}]},
    }
    result = score(gold, system)
    # items (syria,A) x2, (syria,B), (iran,B): P 3/4, R 2/3
    counts = result["counts"]["entities.xdoc_b3_f1"]
    assert counts["items"] == 4
    assert counts["precision"] == pytest.approx(0.75)
    assert counts["recall"] == pytest.approx(2 / 3)
    assert result["metrics"]["entities.xdoc_b3_f1"] == pytest.approx(12 / 17)


# --- timexes --------------------------------------------------------------------------

def test_timex_strict_relaxed_value() -> None:
    text = "The talks began on Monday and lasted three days, officials said on 5 March 2024."
    gold = [{"id": "t", "text": text, "timexes": [
        {"text": "Monday", "value": "2024-03-04", **at(text, "Monday")},
        {"text": "three days", "value": "P3D"},  # no offsets: located by text
        {"text": "5 March 2024", "value": "2024-03-05", **at(text, "5 March 2024")},
    ]}]
    system = {"t": {"timexes": [
        {"text": "Monday", "value": "2024-03-04", **at(text, "Monday")},
        {"text": "lasted three days", "value": "P3D", **at(text, "lasted three days")},
        {"text": "March 2024", "value": "2024-03", **at(text, "March 2024")},
        {"text": "officials", "value": "XXXX", **at(text, "officials")},
    ]}}
    metrics = score(gold, system)["metrics"]
    assert metrics["timex.span_f1_strict"] == pytest.approx(2 * 1 / 7)
    assert metrics["timex.span_f1_relaxed"] == pytest.approx(2 * 3 / 7)
    assert metrics["timex.value_f1"] == pytest.approx(2 * 2 / 7)


def test_gold_without_offsets_takes_first_unmatched_occurrence() -> None:
    text = "years after years"
    gold = [{"id": "t", "text": text, "timexes": [
        {"text": "years", "value": "PXY"}, {"text": "years", "value": "PXY"}]}]
    system = {"t": {"timexes": [{"text": "years", "value": "PXY", "start": 12, "end": 17}]}}
    result = score(gold, system)
    assert result["counts"]["timex.span_f1_strict"] == {"tp": 1, "sys": 1, "gold": 2}


def test_empty_list_is_scored_absent_key_is_null() -> None:
    gold = [{"id": "e", "text": "Calm day.", "timexes": []}]
    silent = score(gold, {})["metrics"]
    assert silent["timex.span_f1_strict"] == 1.0
    assert silent["events.f1"] is None
    noisy = {"e": {"timexes": [{"text": "day", "value": "P1D", "start": 5, "end": 8}]}}
    assert metric(gold, noisy, "timex.span_f1_relaxed") == 0.0


# --- places ---------------------------------------------------------------------------

PLACE_TEXT = "Fighting spread from Aleppo to Idlib and across Syria. Aleppo was quiet."
PLACE_GOLD = [{"id": "p", "text": PLACE_TEXT, "places": [
    {"mention": "Aleppo", "kind": "city", "lat": 36.2021, "lon": 37.1343, "country": "SY",
     "geonameid": 170063, **at(PLACE_TEXT, "Aleppo")},
    {"mention": "Idlib", "kind": "admin1", "lat": 35.93, "lon": 36.63, "country": "SY",
     **at(PLACE_TEXT, "Idlib")},
    {"mention": "Syria", "kind": "country", "country": "SY", **at(PLACE_TEXT, "Syria")},
]}]


def test_resolution_on_gold_spans_countries_and_coordinates() -> None:
    resolved = [
        {**at(PLACE_TEXT, "Aleppo"), "lat": 36.0, "lon": 37.0, "geonameid": 170063},  # ~25 km
        {**at(PLACE_TEXT, "Idlib"), "lat": 33.5, "lon": 36.3, "country": "SY"},  # ~270 km
        {**at(PLACE_TEXT, "Syria"), "lat": 0.0, "lon": 0.0, "country": "sy"},  # code decides
    ]
    result = score(PLACE_GOLD, {"p": {"resolved_places": resolved}})
    assert result["metrics"]["places.resolution_acc161"] == pytest.approx(2 / 3)
    assert result["counts"]["places.resolution_acc161"] == {"tp": 2, "sys": 3, "gold": 3}
    assert result["metrics"]["places.resolution_exact"] == 1.0  # only Aleppo has an id
    wrong_country = [{**at(PLACE_TEXT, "Syria"), "lat": 34.8, "lon": 38.9, "country": "LB"}]
    result = score(PLACE_GOLD, {"p": {"resolved_places": wrong_country}})
    assert result["counts"]["places.resolution_acc161"] == {"tp": 0, "sys": 1, "gold": 3}


def test_resolution_is_null_without_resolver_output() -> None:
    metrics = score(PLACE_GOLD, {"p": {"places": []}})["metrics"]
    assert metrics["places.resolution_acc161"] is None
    assert metrics["places.e2e_f1_161"] == 0.0


def test_e2e_places_ignores_correct_repeats() -> None:
    system = {"p": {"places": [
        {"mention": "Aleppo", "lat": 36.2, "lon": 37.1, **at(PLACE_TEXT, "Aleppo")},
        {"mention": "Idlib", "lat": 0.0, "lon": 0.0, **at(PLACE_TEXT, "Idlib")},  # wrong
        {"mention": "Syria", "country": "SY", **at(PLACE_TEXT, "Syria")},
        {"mention": "Aleppo", "lat": 36.2, "lon": 37.1, **at(PLACE_TEXT, "Aleppo", 1)},
    ]}}
    result = score(PLACE_GOLD, system)
    assert result["counts"]["places.e2e_f1_161"] == {"tp": 2, "sys": 3, "gold": 3}
    assert result["metrics"]["places.e2e_f1_161"] == pytest.approx(2 / 3)


def test_e2e_gold_without_offsets_matches_by_text() -> None:
    gold = [{"id": "p", "text": PLACE_TEXT, "places": [
        {"mention": "Aleppo", "kind": "city", "lat": 36.2021, "lon": 37.1343}]}]
    system = {"p": {"places": [  # the second occurrence, not where the gold is placed
        {"mention": "aleppo", "lat": 36.2, "lon": 37.1, **at(PLACE_TEXT, "Aleppo", 1)}]}}
    assert metric(gold, system, "places.e2e_f1_161") == 1.0


# --- events ---------------------------------------------------------------------------

EV_TEXT = ("Rebels attacked the army in Aleppo on 2 December. Russia sent aid to the "
           "government years ago. Protesters marched in Damascus.")
EV_GOLD = {
    "id": "ev",
    "text": EV_TEXT,
    "entities": [
        {"id": "rebels", "type": "ORG", "mentions": ["Rebels"], "nominal": True},
        {"id": "army", "type": "ORG", "mentions": ["the army", "army"], "nominal": True},
        {"id": "aleppo", "type": "LOC", "mentions": ["Aleppo"]},
        {"id": "russia", "type": "LOC", "mentions": ["Russia"]},
        {"id": "gov", "type": "ORG", "mentions": ["the government"], "nominal": True},
        {"id": "protesters", "type": "ORG", "mentions": ["Protesters"], "nominal": True},
        {"id": "damascus", "type": "LOC", "mentions": ["Damascus"]},
    ],
    "places": [{"mention": "Aleppo", "entity": "aleppo", "kind": "city", "lat": 36.2021,
                "lon": 37.1343, "country": "SY"}],
    "events": [
        {"type": "ASSAULT", "date": "2024-12-02", "place": "aleppo", "actors": ["rebels"],
         "targets": ["army"], "evidence": "Rebels attacked the army in Aleppo"},
        {"type": "AID", "date": None, "place": None, "actors": ["russia"], "targets": ["gov"],
         "evidence": "Russia sent aid to the government", "optional": True},
        {"type": "PROTEST", "date": None, "place": "damascus", "actors": ["protesters"],
         "targets": [], "evidence": "Protesters marched in Damascus"},
    ],
}
EV_SYS_ENTITIES = [
    {"id": "S-reb", "type": "ORG", "mentions": ["rebels"], "nominal": True},
    {"id": "S-army", "type": "ORG", "mentions": ["army"]},
    {"id": "S-ale", "type": "LOC", "mentions": ["Aleppo"]},
    {"id": "S-rus", "type": "LOC", "mentions": ["Russia"]},
    {"id": "S-gov", "type": "ORG", "mentions": ["the government"]},
    {"id": "S-dam", "type": "LOC", "mentions": ["Damascus"]},
]


def _event(type_: str, actors: list[str], targets: list[str], **extra: Any) -> dict[str, Any]:
    return {"type": type_, "actors": actors, "targets": targets, "date": None, "place": None,
            **extra}


def test_events_f1_with_optional_gold_and_type_f1() -> None:
    system = {"ev": {"entities": EV_SYS_ENTITIES, "events": [
        _event("ASSAULT", ["S-reb"], ["S-army"], date="2024-12-03"),  # within a day: right
        _event("AID", ["S-rus"], ["S-gov"]),  # lands on the optional event: not counted
        _event("ASSAULT", ["S-reb"], ["S-army"], date="2024-12-02"),  # second copy: false
        _event("PROTEST", ["S-reb"], [], place="S-dam"),  # wrong actor: false
    ]}}
    result = score([EV_GOLD], system)
    assert result["counts"]["events.f1"] == {"tp": 1, "sys": 3, "gold": 2}
    assert result["metrics"]["events.f1"] == pytest.approx(0.4)
    # types: ASSAULT 1 right + 1 extra, AID absorbed by the optional gold, PROTEST right
    assert result["counts"]["events.type_f1"] == {"tp": 2, "sys": 3, "gold": 2}
    assert result["metrics"]["events.type_f1"] == pytest.approx(0.8)


@pytest.mark.parametrize(
    ("extra", "expected"),
    [
        ({"place_geo": {"lat": 36.1, "lon": 37.2}}, 1.0),  # place within 161 km
        ({"place": "S-ale"}, 1.0),  # place entity linked to the gold place
        ({"date": "2024-12-05"}, 0.0),  # three days off, no place
        ({"place_geo": {"lat": 33.5, "lon": 36.3}}, 0.0),  # Damascus: too far
    ],
)
def test_event_date_or_place(extra: dict[str, Any], expected: float) -> None:
    gold = {**EV_GOLD, "events": EV_GOLD["events"][:1]}
    system = {"ev": {"entities": EV_SYS_ENTITIES,
                     "events": [_event("ASSAULT", ["S-reb"], [], **extra)]}}
    assert metric([gold], system, "events.f1") == expected


XDOC_ENTITIES = [{"id": "rebels", "type": "ORG", "mentions": ["Rebels"], "nominal": True}]
XDOC_SYS_ENTITIES = [{"id": "S-reb", "type": "ORG", "mentions": ["rebels"], "nominal": True}]


def _xdoc_gold(doc: str, *event_ids: str | None) -> dict[str, Any]:
    """A document whose events are one ASSAULT per gold id (days 1, 2, ...)."""
    return {"id": doc, "text": "Rebels attacked.", "entities": XDOC_ENTITIES, "events": [
        {"type": "ASSAULT", "actors": ["rebels"], "targets": [], "date": f"2024-12-0{i + 1}",
         "place": None, "evidence": "Rebels attacked", **({"id": e} if e else {})}
        for i, e in enumerate(event_ids)]}


def _xdoc_system(*canonical_ids: str | None) -> dict[str, Any]:
    return {"entities": XDOC_SYS_ENTITIES, "events": [
        _event("ASSAULT", ["S-reb"], [], date=f"2024-12-0{i + 1}", id=c)
        for i, c in enumerate(canonical_ids)]}


def test_xdoc_pairwise_hand_computed() -> None:
    # gold: A in d1, d2, d3; B in d1, d2; d3's second event has no id (its own)
    gold = [_xdoc_gold("d1", "A", "B"), _xdoc_gold("d2", "A", "B"), _xdoc_gold("d3", "A", None)]
    # system: A right across d1 d2 but d3's A elsewhere; B merged with d3's unnamed event
    system = {"d1": _xdoc_system("c1", "c2"), "d2": _xdoc_system("c1", "c2"),
              "d3": _xdoc_system("c9", "c2")}
    result = score(gold, system)
    # gold-same pairs across documents: A (d1-d2, d1-d3, d2-d3) + B (d1-d2) = 4
    # system-same: c1 (d1-d2), c2 (d1-d2, d1-d3, d2-d3) = 4; both: A d1-d2, B d1-d2 = 2
    assert result["counts"]["events.xdoc_pairwise_f1"] == {"tp": 2, "sys": 4, "gold": 4}
    assert result["metrics"]["events.xdoc_pairwise_f1"] == pytest.approx(0.5)


def test_xdoc_pairs_inside_one_document_do_not_count() -> None:
    gold = [_xdoc_gold("d1", "A", "A"), _xdoc_gold("d2", "A")]
    system = {"d1": _xdoc_system("c1", "c1"), "d2": _xdoc_system("c1")}
    result = score(gold, system)
    assert result["counts"]["events.xdoc_pairwise_f1"] == {"tp": 2, "sys": 2, "gold": 2}
    assert result["metrics"]["events.xdoc_pairwise_f1"] == 1.0


def test_xdoc_events_without_canonical_id_are_their_own() -> None:
    gold = [_xdoc_gold("d1", "A"), _xdoc_gold("d2", "A")]
    system = {"d1": _xdoc_system(None), "d2": _xdoc_system(None)}
    result = score(gold, system)
    assert result["counts"]["events.xdoc_pairwise_f1"] == {"tp": 0, "sys": 0, "gold": 1}
    assert result["metrics"]["events.xdoc_pairwise_f1"] == 0.0


def test_xdoc_null_without_gold_pairs_and_zero_when_none_matched() -> None:
    alone = [_xdoc_gold("d1", "A"), _xdoc_gold("d2", "B")]
    system = {"d1": _xdoc_system("c1"), "d2": _xdoc_system("c1")}
    assert metric(alone, system, "events.xdoc_pairwise_f1") is None
    shared = [_xdoc_gold("d1", "A"), _xdoc_gold("d2", "A")]
    missed = {"d1": {"entities": [], "events": []}, "d2": {"entities": [], "events": []}}
    assert metric(shared, missed, "events.xdoc_pairwise_f1") == 0.0


def test_event_types_weighted_f1() -> None:
    gold = [
        {"id": "1", "text": "x", "event_types": ["ACLED:Armed clash"]},
        {"id": "2", "text": "x", "event_types": ["ACLED:Armed clash"]},
        {"id": "3", "text": "x", "event_types": ["PLOVER:PROTEST"]},
        {"id": "4", "text": "x", "event_types": []},
    ]
    system = {
        "1": {"event_types": ["acled:armed clash"]},
        "2": {"event_types": ["PLOVER:PROTEST"]},
        "3": {"event_types": ["PLOVER:PROTEST"]},
        "4": {"event_types": ["ACLED:Armed clash"]},
    }
    # clash: tp 1, predicted 2, support 2 -> 1/2; protest: tp 1, predicted 2, support 1 -> 2/3
    result = score(gold, system)
    assert result["metrics"]["event_types.weighted_f1"] == pytest.approx((2 * 0.5 + 2 / 3) / 3)
    assert result["counts"]["event_types.weighted_f1"]["labels"] == 2


# --- quotes ---------------------------------------------------------------------------

def test_quotes_speaker_and_content() -> None:
    text = ("Foreign Minister Ali Rahimi said the border would stay closed. Analysts said "
            "the talks had failed. Rahimi added that trade would resume.")
    gold = [{"id": "q", "text": text,
             "entities": [{"id": "rahimi", "type": "PER", "mentions": ["Ali Rahimi", "Rahimi"]}],
             "quotes": [
                 {"speaker": "rahimi", "evidence": "the border would stay closed"},
                 {"speaker": None, "speaker_label": "analysts",
                  "evidence": "the talks had failed"},
                 {"speaker": "rahimi", "evidence": "trade would resume", "optional": True},
             ]}]
    system = {"q": {"entities": [{"id": "r", "type": "PER", "mentions": ["Rahimi"]}], "quotes": [
        {"speaker": "r", "evidence": "border would", **at(text, "border would")},
        {"speaker": None, "speaker_label": "Analysts", "evidence": "talks had failed"},
        {"speaker": "r", "evidence": "trade would resume", **at(text, "trade would resume")},
        {"speaker": None, "speaker_label": "officials", "evidence": "the talks had failed"},
    ]}}
    result = score(gold, system)
    assert result["counts"]["quotes.speaker_f1"] == {"tp": 2, "sys": 3, "gold": 2}
    assert result["metrics"]["quotes.speaker_f1"] == pytest.approx(0.8)


# --- stories and noise ----------------------------------------------------------------

def test_story_b3_and_pairwise() -> None:
    gold = [{"id": "1", "text": "", "story": "x"}, {"id": "2", "text": "", "story": "x"},
            {"id": "3", "text": "", "story": "y"}, {"id": "4", "text": ""}]
    system = {k: {"story": "s"} for k in "1234"}
    result = score(gold, system)
    assert result["counts"]["story.b3_f1"]["precision"] == pytest.approx(5 / 9)
    assert result["metrics"]["story.b3_f1"] == pytest.approx(5 / 7)
    assert result["counts"]["story.pairwise_f1"] == {"tp": 1, "sys": 3, "gold": 1}
    assert result["metrics"]["story.pairwise_f1"] == pytest.approx(0.5)


def test_noise_leaks_count() -> None:
    text = "Markets rallied in Tokyo.\nRead more: Tokyo floods kill five\n"
    noise = "Read more: Tokyo floods kill five"
    gold = [{"id": "n", "text": text, "noise": [noise]}]
    system = {"n": {
        "entities": [{"id": "t", "type": "LOC", "mentions": ["Tokyo"],
                      "spans": [list(at(text, "Tokyo").values()),
                                list(at(text, "Tokyo", 1).values())]}],
        "events": [{"type": "ASSAULT", "evidence": "floods kill five",
                    **at(text, "floods kill five")}],
        "quotes": [{"speaker": None, "evidence": "Markets rallied", **at(text, "Markets")}],
    }}
    result = score(gold, system)
    assert result["metrics"]["noise.leaks"] == 2
    assert result["counts"]["noise.leaks"] == {"count": 2, "mentions": 1, "events": 1,
                                              "quotes": 0}


# --- no system output -----------------------------------------------------------------

def test_no_system_output_at_all() -> None:
    gold = [{**EV_GOLD, "story": "s", "noise": [], "timexes": [{"text": "2 December",
                                                                "value": "2024-12-02"}]}]
    result = score(gold, {})
    metrics = result["metrics"]
    assert set(metrics) == set(METRIC_KEYS)
    for key in ("entities.mention_f1", "entities.typed_f1", "timex.span_f1_strict",
                "timex.value_f1", "places.e2e_f1_161", "events.f1", "events.type_f1"):
        assert metrics[key] == 0.0, key
    assert result["counts"]["events.f1"] == {"tp": 0, "sys": 0, "gold": 2}
    assert metrics["entities.xdoc_b3_f1"] == 0.0
    assert metrics["noise.leaks"] == 0
    assert metrics["story.b3_f1"] == 1.0  # one document: a cluster of its own is right
    for key in ("entities.span_f1", "places.resolution_acc161", "event_types.weighted_f1",
                "quotes.speaker_f1"):
        assert metrics[key] is None, key


def test_e2e_scores_first_occurrences_where_the_gold_lists_each_form_once():
    from sitrep.evaluate.places import e2e_counts

    text = "Russia backs Damascus. Russia sent jets. Damascus fell."
    gold = [{"mention": "Damascus", "kind": "city", "lat": 33.51, "lon": 36.29, "country": "SY"}]
    russia = {"lat": 55.75, "lon": 37.62, "country": "RU", "kind": "country"}
    system = [
        {"mention": "Russia", "start": 0, "end": 6, **russia},
        {"mention": "Damascus", "start": 13, "end": 21, "lat": 33.5, "lon": 36.3, "country": "SY"},
        {"mention": "Russia", "start": 23, "end": 29, **russia},
        {"mention": "Damascus", "start": 41, "end": 49, "lat": 33.5, "lon": 36.3, "country": "SY"},
    ]
    tally = e2e_counts(text, gold, system)  # gold lists Damascus once though it occurs twice
    assert (tally.tp, tally.sys, tally.gold) == (1, 2, 1)


def test_e2e_scores_every_occurrence_where_the_gold_lists_every_occurrence():
    from sitrep.evaluate.places import e2e_counts

    text = "Athens, Ga. -- Athens police said."
    place = {"kind": "city", "lat": 33.96, "lon": -83.38, "country": "US"}
    occurrences = [
        {"mention": "Athens", "start": 0, "end": 6, **place},
        {"mention": "Athens", "start": 15, "end": 21, **place},
    ]
    tally = e2e_counts(text, occurrences, [dict(o) for o in occurrences])
    assert (tally.tp, tally.sys, tally.gold) == (2, 2, 2)
