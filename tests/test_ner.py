"""The shipped CRF taggers and the NER training round trip."""

from __future__ import annotations

import pytest

from sitrep.ner import NerTagger, spans_from_tags
from sitrep.ner.features import sentence_features, shape
from sitrep.ner.iob import read_iob, tags_from_spans
from sitrep.ner.lexicons import WordClasses
from sitrep.ner.tagger import _shipped, models_dir
from sitrep.ner.train import drop_label, train


def named(tagger: NerTagger, sentence: str) -> set[tuple[str, str]]:
    tokens = sentence.split()
    return {(" ".join(tokens[a:b]), label) for a, b, label in tagger.spans(tokens)}


@pytest.fixture(scope="module")
def en() -> NerTagger:
    tagger = NerTagger.for_language("en")
    assert tagger is not None
    return tagger


@pytest.fixture(scope="module")
def de() -> NerTagger:
    tagger = NerTagger.for_language("de")
    assert tagger is not None
    return tagger


@pytest.fixture(scope="module")
def id_() -> NerTagger:
    tagger = NerTagger.for_language("id")
    assert tagger is not None
    return tagger


def test_english_people_organisations_places(en: NerTagger) -> None:
    found = named(en, "The United Nations said on Monday that aid convoys had reached Aleppo in northern Syria .")
    assert found == {("United Nations", "ORG"), ("Aleppo", "LOC"), ("Syria", "LOC")}
    found = named(en, "Shares of Microsoft rose after Satya Nadella told analysts in London that sales grew .")
    assert {("Microsoft", "ORG"), ("Satya Nadella", "PER"), ("London", "LOC")} <= found


def test_english_tags_are_iob2_without_misc(en: NerTagger) -> None:
    tokens = "German Chancellor Olaf Scholz flew to Paris for talks with French officials .".split()
    tags = en.tag(tokens)
    assert len(tags) == len(tokens)
    assert all(t == "O" or t[:2] in ("B-", "I-") and t[2:] in ("PER", "ORG", "LOC") for t in tags)
    assert tags[tokens.index("Paris")] == "B-LOC"
    assert tags[tokens.index("Scholz")] == "I-PER"


def test_sentence_starts_tag_each_sentence(en: NerTagger) -> None:
    first = "Police in Nairobi arrested two men .".split()
    second = "Kenya Airways cancelled flights to Mombasa .".split()
    tokens = first + second
    starts = [i in (0, len(first)) for i in range(len(tokens))]
    assert en.tag(tokens, starts) == en.tag(first) + en.tag(second)
    spans = en.spans(tokens, starts)
    assert (len(first) + 5, len(first) + 6, "LOC") in spans  # Mombasa


def test_indonesian_people_organisations_places(id_: NerTagger) -> None:
    found = named(id_, "Joko Widodo bertemu dengan pimpinan Partai Demokrat di Istana Merdeka .")
    assert found == {("Joko Widodo", "PER"), ("Partai Demokrat", "ORG"), ("Istana Merdeka", "LOC")}
    found = named(id_, "Kementerian Luar Negeri menyatakan bahwa Retno Marsudi akan berkunjung ke Tokyo .")
    assert {("Retno Marsudi", "PER"), ("Tokyo", "LOC")} <= found


def test_german_bare_given_names(de: NerTagger) -> None:
    # Every German noun is capitalised; the given-name list is what marks these as people.
    assert named(de, "Heidrun und Lothar kamen gestern aus dem Urlaub zurück .") == {
        ("Heidrun", "PER"), ("Lothar", "PER"),
    }
    assert named(de, "Dann sprach Ralf mit den Nachbarn .") == {("Ralf", "PER")}
    assert named(de, "Gestern rief Dmitri bei der Polizei an .") == {("Dmitri", "PER")}


def test_portuguese_model_of_its_own() -> None:
    tagger = NerTagger.for_language("pt")
    assert tagger is not None and tagger.lang == "pt"
    found = named(tagger, "Manifestantes marcharam em São Paulo contra o governo de Tarcísio de Freitas .")
    assert {("São Paulo", "LOC"), ("Tarcísio de Freitas", "PER")} <= found
    found = named(tagger, "O presidente Luiz Inácio Lula da Silva recebeu em Brasília o chanceler argentino .")
    assert {("Luiz Inácio Lula da Silva", "PER"), ("Brasília", "LOC")} <= found


def test_french_model_of_its_own() -> None:
    tagger = NerTagger.for_language("fr")
    assert tagger is not None and tagger.lang == "fr"
    found = named(tagger, "Des manifestants ont défilé à Dakar contre le gouvernement de Macky Sall .")
    assert found == {("Dakar", "LOC"), ("Macky Sall", "PER")}
    found = named(tagger, "Le président Emmanuel Macron a reçu à Paris le Premier ministre indien Narendra Modi .")
    assert {("Emmanuel Macron", "PER"), ("Paris", "LOC"), ("Narendra Modi", "PER")} <= found


def test_turkish_model_of_its_own() -> None:
    tagger = NerTagger.for_language("tr")
    assert tagger is not None and tagger.lang == "tr"
    found = named(tagger, "Rusya Devlet Başkanı Vladimir Putin , Ankara'da Cumhurbaşkanı Erdoğan ile görüştü .")
    assert {("Vladimir Putin", "PER"), ("Ankara'da", "LOC"), ("Erdoğan", "PER")} <= found
    assert not any("Cumhurbaşkanı" in name for name, _ in found)  # a title is not part of the name
    # a sentence-opening common noun ("the parties") is no name
    found = named(tagger, "Taraflar , varılan anlaşma uyarınca önümüzdeki hafta Cenevre'de yeniden görüşecek .")
    assert found == {("Cenevre'de", "LOC")}


def test_word_classes() -> None:
    classes = WordClasses(["given-names"])
    tokens = "Am Montag trafen Jennifer und jennifer Brot .".split()
    feats = sentence_features(tokens, None, classes)
    # A capitalised given name marks itself and its neighbours; lower case does not count,
    # nor does a capitalised word that is no given name.
    assert "nm=F" in feats[3] and "-1nm=F" in feats[4] and "+1nm=F" in feats[2]
    assert "nm=F" not in feats[5] and not any("nm=" in f for f in feats[0] + feats[1] + feats[6])
    assert sentence_features(tokens, None, WordClasses([])) == sentence_features(tokens)
    with pytest.raises(ValueError, match="unknown NER lexicon"):
        WordClasses(["no-such-list"])


def test_loader_languages() -> None:
    assert NerTagger.for_language("ar") is None
    assert NerTagger.for_language("zh") is None
    assert NerTagger.for_language("") is None
    assert NerTagger.for_language("en-GB") is NerTagger.for_language("en")  # loaded once, cached
    if (models_dir() / "ner-xx.crfsuite").is_file():
        italian = NerTagger.for_language("it")  # no model of its own: the multilingual one
        assert italian is not None and italian.lang == "xx"


def test_model_files_are_small() -> None:
    models = sorted(models_dir().glob("ner-*.crfsuite"))
    assert {m.name for m in models} >= {"ner-en.crfsuite", "ner-id.crfsuite"}
    for model in models:
        assert model.stat().st_size < 20 * 1024 * 1024, model.name
        assert model.with_suffix(".json").is_file(), model.name


def test_spans_from_tags_repairs_stray_inside_tags() -> None:
    assert spans_from_tags(["B-PER", "I-PER", "O", "I-LOC", "I-ORG", "B-ORG"]) == [
        (0, 2, "PER"), (3, 4, "LOC"), (4, 5, "ORG"), (5, 6, "ORG"),
    ]
    assert tags_from_spans(4, [(1, 3, "ORG")]) == ["O", "B-ORG", "I-ORG", "O"]
    assert drop_label(["B-MISC", "I-MISC", "B-PER"], "MISC") == ["O", "O", "B-PER"]


def test_features() -> None:
    assert shape("Obama") == "Xx" and shape("U.S.") == "X.X." and shape("1996") == "d"
    feats = sentence_features(["Angela", "Merkel", "spoke"])
    assert "w=merkel" in feats[1] and "-1w=angela" in feats[1] and "+1w=spoke" in feats[1]
    assert "BOS" in feats[0] and "EOS" in feats[2]
    assert sentence_features([]) == []


TRAIN = """\
Maria\tB-PER
Lopez\tI-PER
visited\tO
Lima\tB-LOC
.\tO

Acme\tB-ORG
Corp\tI-ORG
hired\tO
John\tB-PER
Smith\tI-PER
in\tO
Oslo\tB-LOC
.\tO

Anna\tB-PER
Berg\tI-PER
left\tO
Acme\tB-ORG
Corp\tI-ORG
for\tO
Rome\tB-LOC
.\tO

Peter\tB-PER
Stone\tI-PER
moved\tO
to\tO
Oslo\tB-LOC
.\tO
"""


def test_tiny_model_round_trip(tmp_path) -> None:
    data = tmp_path / "train.iob"
    data.write_text(TRAIN, encoding="utf-8")
    sentences = list(read_iob(data))
    assert len(sentences) == 4 and sentences[0][0] == ["Maria", "Lopez", "visited", "Lima", "."]
    path = tmp_path / "ner-zz.crfsuite"
    meta = train(sentences, path, params={"c1": 0.0, "c2": 0.01, "max_iterations": 50},
                 config={"lang": "zz"})
    assert meta["train_sentences"] == 4 and path.is_file()
    tagger = NerTagger.load(path)
    assert tagger.lang == "zz"
    for tokens, tags in sentences:
        assert tagger.tag(tokens) == tags
    assert tagger.spans("Maria Lopez visited Rome .".split()) == [(0, 2, "PER"), (3, 4, "LOC")]


def test_model_with_lexicons_round_trip(tmp_path) -> None:
    data = tmp_path / "train.iob"
    data.write_text(TRAIN, encoding="utf-8")
    sentences = list(read_iob(data))
    path = tmp_path / "ner-zz.crfsuite"
    meta = train(sentences, path, params={"c1": 0.0, "c2": 0.01, "max_iterations": 50},
                 lexicons=("given-names",), config={"lang": "zz"})
    assert meta["lexicons"] == ["given-names"]
    tagger = NerTagger.load(path)
    assert tagger.config["lexicons"] == ["given-names"]
    for tokens, tags in sentences:
        assert tagger.tag(tokens) == tags


def test_shipped_models_are_cached() -> None:
    assert _shipped("en") is _shipped("en")
    assert _shipped("qq") is None
