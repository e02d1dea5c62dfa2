"""The shipped ACLED sub-event classifier (sitrep.analyse.acled_model).

Every sentence here was written for these tests (wire style); none comes from a dataset.
"""

from __future__ import annotations

import json
import math

import numpy as np
import pytest

from sitrep.analyse.acled_model import (
    FORMAT,
    AcledClassifier,
    CueMatcher,
    Featurizer,
    char_terms,
    model_path,
    tokens,
    word_terms,
)


@pytest.fixture(scope="module")
def model() -> AcledClassifier:
    loaded = AcledClassifier.for_language("en")
    assert loaded is not None
    return loaded


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("Syrian government warplanes carried out air strikes on rebel-held villages in Idlib province on "
         "Tuesday, killing at least nine civilians, a monitoring group said.", "ACLED:AIR_STRIKE"),
        ("Thousands of teachers marched peacefully through the capital on Saturday to demand higher wages, "
         "carrying banners and chanting slogans.", "ACLED:PEACE_PROTEST"),
        ("Police arrested three men suspected of links to a banned militant group during a raid in the northern "
         "city on Monday, officials said.", "ACLED:ARREST"),
        ("A fire broke out at a garment factory on the outskirts of the city early on Sunday, killing 12 workers, "
         "firefighters said.", "ACLED:MAN_MADE_DISASTER"),
        ("A magnitude 6.4 earthquake struck the coastal province overnight, destroying hundreds of homes.",
         "ACLED:NATURAL_DISASTER"),
        ("A suicide bomber detonated an explosive vest at a crowded market, killing 15 people.", "ACLED:SUIC_BOMB"),
        ("Rebels shelled government positions with mortars and rockets overnight.", "ACLED:ART_MISS_ATTACK"),
        ("The foreign ministry summoned the ambassador and expelled two diplomats in retaliation.", "ACLED:DIPLO"),
        ("The two countries signed a ceasefire agreement in Geneva on Thursday.", "ACLED:AGREEMENT"),
        ("Security forces opened fire on protesters with live ammunition, killing five demonstrators.",
         "ACLED:FORCE_AGAINST_PROTEST"),
    ],
)
def test_wire_sentences(model: AcledClassifier, text: str, label: str) -> None:
    assert model.label(text) == label


def test_predict_is_a_sorted_distribution(model: AcledClassifier) -> None:
    out = model.predict("Gunmen abducted a local aid worker from his home late on Friday.")
    assert len(out) == len(model.labels) == 30
    assert {label for label, _ in out} == set(model.labels)
    assert all(label.startswith("ACLED:") for label, _ in out)
    probs = [p for _, p in out]
    assert probs == sorted(probs, reverse=True)
    assert math.isclose(sum(probs), 1.0, rel_tol=1e-9)
    assert all(0.0 <= p <= 1.0 for p in probs)
    assert model.predict("Gunmen abducted a local aid worker from his home late on Friday.", top=3) == out[:3]


def test_deterministic_and_empty_text(model: AcledClassifier) -> None:
    text = "A roadside bomb exploded as a military convoy passed, wounding four soldiers."
    assert model.predict(text) == model.predict(text)
    empty = model.predict("")
    assert math.isclose(sum(p for _, p in empty), 1.0, rel_tol=1e-9)


def test_loading_is_cached() -> None:
    first = AcledClassifier.for_language("en")
    assert first is not None
    assert AcledClassifier.for_language("en") is first
    assert AcledClassifier.for_language("EN-gb") is first


@pytest.mark.parametrize("language", ["xx", "fr", "", None, "../en"])
def test_unknown_language_gives_none(language: str | None) -> None:
    assert AcledClassifier.for_language(language) is None


def test_model_file_is_plain_json() -> None:
    path = model_path("en")
    raw = path.read_bytes()
    assert len(raw) <= 3_000_000
    spec = json.loads(raw.decode("utf-8"))  # plain JSON: no pickle anywhere
    assert spec["format"] == FORMAT
    assert len(spec["labels"]) == 30
    rebuilt = AcledClassifier(spec)
    shipped = AcledClassifier.for_language("en")
    assert shipped is not None
    text = "Customs officers seized 200 kg of cocaine hidden in a shipment of bananas."
    assert rebuilt.predict(text) == shipped.predict(text)


def test_unknown_format_is_refused() -> None:
    with pytest.raises(ValueError):
        AcledClassifier({"format": "pickle"})


def test_cue_patterns() -> None:
    matcher = CueMatcher({
        "air": ["air strike*", "warplane*"],
        "force": ["opened fire on/at ~1 protesters/crowd"],
        "attack": ["shot dead", "kill*"],
    })
    counts = matcher.counts(tokens("Warplanes and air strikes hit; troops opened fire at the crowd; two shot dead."))
    named = {matcher.names[g]: n for g, n in counts.items()}
    assert named == {"air": 2, "force": 1, "attack": 1}
    assert matcher.counts(tokens("opened fire on the angry crowd")) == {}  # the gap is at most one token
    with pytest.raises(ValueError):
        CueMatcher({"bad": ["ab*"]})


def test_terms() -> None:
    assert word_terms(tokens("Police fired tear gas"), (1, 2)) == {
        "police": 1, "fired": 1, "tear": 1, "gas": 1, "police fired": 1, "fired tear": 1, "tear gas": 1,
    }
    grams = char_terms("Gas", (3, 5))
    assert grams == {" ga": 1, "gas": 1, "as ": 1, " gas": 1, "gas ": 1, " gas ": 1}
    assert char_terms("a", (3, 5)) == {" a ": 1}


def test_featurizer_tf_idf_and_cues() -> None:
    spec = {
        "word": {"ngrams": [1, 1], "vocabulary": ["gas", "tear"], "idf": [2.0, 1.0]},
        "cues": {"weight": 0.5, "groups": {"intervention": ["tear gas"]}},
    }
    featurizer = Featurizer(spec)
    cols, vals = featurizer.transform_one("Tear gas, more tear gas.")
    tf_gas = tf_tear = 1 + math.log(2)
    word = np.array([tf_gas * 2.0, tf_tear * 1.0])
    word /= np.linalg.norm(word)
    got = dict(zip(cols.tolist(), vals.tolist(), strict=True))
    assert sorted(got) == [0, 1, 2]
    assert np.allclose([got[0], got[1], got[2]], [word[0], word[1], math.log(3) * 0.5])
