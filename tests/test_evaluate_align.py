"""Normalising, locating and matching helpers of the evaluation package."""

from __future__ import annotations

import pytest

from sitrep.evaluate.align import geo_agrees, haversine_km, locate, match, norm, prf


def test_norm_ignores_case_punctuation_and_spacing() -> None:
    assert norm("U.S.") == norm("US") == "us"
    assert norm("al-Assad") == norm("Al Assad")
    assert norm("Syria’s") == norm("Syrias")
    assert norm('"') == '"'  # punctuation only: kept, so it still equals itself


def test_locate_first_unmatched_word_bounded_longest_first() -> None:
    assert locate("years after years", [{"t": "years"}, {"t": "years"}], "t") == [
        (0, 5), (12, 17)]
    assert locate("Iranian and Iran", [{"t": "Iran"}], "t") == [(12, 16)]
    text = "the governorate of Aleppo and Aleppo city"
    spans = locate(text, [{"m": "Aleppo"}, {"m": "governorate of Aleppo"}], "m")
    assert spans == [(30, 36), (4, 25)]
    assert locate(text, [{"m": "Idlib"}, {"m": "x", "start": 0, "end": 3}], "m") == [
        None, (0, 3)]


def test_match_maximises_pairs_then_weight() -> None:
    # system 0 fits both gold items, system 1 only gold 0: both must be matched
    ok = {(0, 0): 1.0, (0, 1): 0.5, (1, 0): 1.0}
    assert sorted(match(2, 2, lambda s, g: ok.get((s, g), 0.0))) == [(0, 1), (1, 0)]
    # a tie in size goes to the heavier pair
    assert match(1, 2, lambda s, g: [0.5, 1.0][g]) == [(0, 1)]
    assert match(0, 3, lambda s, g: 1.0) == []


def test_prf_conventions() -> None:
    assert prf(0, 0, 0, 0) == (1.0, 1.0, 1.0)
    assert prf(0, 0, 0, 3)[2] == 0.0
    assert prf(1, 2, 1, 1) == pytest.approx((0.5, 1.0, 2 / 3))


def test_haversine_and_geo_rule() -> None:
    assert haversine_km(48.8566, 2.3522, 51.5074, -0.1278) == pytest.approx(343.5, abs=1.0)
    paris = {"kind": "city", "lat": 48.8566, "lon": 2.3522, "country": "FR"}
    assert geo_agrees({"lat": 48.0, "lon": 2.0}, paris)  # ~100 km
    assert not geo_agrees({"lat": 51.5, "lon": -0.13, "country": "FR"}, paris)
    france = {"kind": "country", "country": "FR"}
    assert geo_agrees({"country": "fr"}, france)
    assert not geo_agrees({"lat": 48.8566, "lon": 2.3522}, france)  # countries go by code
    no_coords = {"kind": "region", "country": "FR"}
    assert geo_agrees({"country": "FR"}, no_coords)
