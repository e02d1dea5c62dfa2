"""Hand-made analyses shared by the store and export tests (sentences written for them).

Offsets are computed from the phrases, never typed in, and the tests at the bottom
check that every span in the samples really is the text it claims to be.
"""

from __future__ import annotations

import re

from sitrep.model import (
    Argument,
    Casualty,
    Document,
    DocumentAnalysis,
    Event,
    Mention,
    Meta,
    NoiseSpan,
    Place,
    Quote,
    Sentence,
    Span,
    Timex,
    content_id,
)


class _Text:
    """Finds phrases in a text and says in which sentence they lie."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.sentences = [Sentence(start=m.start(), end=m.end())
                          for m in re.finditer(r"[^\n]+", text)]

    def at(self, phrase: str, nth: int = 0) -> dict:
        start = -1
        for _ in range(nth + 1):
            start = self.text.index(phrase, start + 1)
        end = start + len(phrase)
        sentence = next(i for i, s in enumerate(self.sentences) if s.start <= start < s.end)
        return {"start": start, "end": end, "text": phrase, "sentence": sentence}


def _document(text: str, source: str, **meta: str | None) -> Document:
    return Document(id=content_id(text), text=text, meta=Meta(**meta), source=source)


def aleppo_en() -> DocumentAnalysis:
    t = _Text(
        "Opposition fighters captured Aleppo on Saturday after a three-day offensive.\n"
        "The Syrian army withdrew its troops from the city, the defence ministry said.\n"
        "\"The battle is not over,\" said Bashar al-Assad in a statement."
    )
    return DocumentAnalysis(
        document=_document(t.text, "news/aleppo-en.txt", url="https://example.org/aleppo",
                           outlet="Example Wire", published="2024-12-01", language="en",
                           title="Rebels take Aleppo in lightning offensive"),
        language="en",
        sentences=t.sentences,
        mentions=[
            Mention(**t.at("Aleppo"), label="LOC", source="gazetteer", key="aleppo",
                    cluster=0, kb_id="geonames:170063"),
            Mention(**t.at("Syrian army"), label="ORG", key="syrian army", cluster=1),
            Mention(**t.at("Bashar al-Assad"), label="PER", source="model",
                    key="bashar al-assad", cluster=2),
        ],
        timexes=[
            Timex(**t.at("Saturday"), type="DATE", value="2024-11-30", anchor="dct",
                  precision=1),
            Timex(**t.at("three-day"), type="DURATION", value="P3D", mod="APPROX"),
        ],
        places=[
            Place(**t.at("Aleppo"), geonameid=170063, name="Aleppo", kind="city",
                  feature_class="P", feature_code="PPLA", country_code="SY", admin1="09",
                  lat=36.20124, lon=37.16117, precision=1, score=0.93),
        ],
        events=[
            Event(**t.at("Opposition fighters captured Aleppo on Saturday"), type="ASSAULT",
                  subtype="seize", trigger=Span(**t.at("captured")),
                  actors=[Argument(**t.at("Opposition fighters"), nominal=True,
                                   agent="SYR REB")],
                  date="2024-11-30", date_precision=1, timex=0, place=0, place_precision=1,
                  confidence=0.8),
            Event(**t.at("The Syrian army withdrew its troops from the city"), type="RETREAT",
                  trigger=Span(**t.at("withdrew")),
                  actors=[Argument(**t.at("The Syrian army"), mention=1, agent="SYR MIL")],
                  targets=[Argument(**t.at("the city"), nominal=True)], status="planned",
                  date="2024-12-01", date_precision=2, date_inferred=True,
                  place=0, place_precision=2, place_inferred=True, place_relation="near", confidence=0.65),
        ],
        quotes=[
            Quote(**t.at("The battle is not over"), kind="direct",
                  speaker=Argument(**t.at("Bashar al-Assad"), mention=2),
                  cue=Span(**t.at("said", 1))),
            Quote(**t.at("The Syrian army withdrew its troops from the city"), kind="indirect",
                  speaker_label="the defence ministry", cue=Span(**t.at("said"))),
        ],
    )


def aleppo_id() -> DocumentAnalysis:
    t = _Text(
        "Pasukan oposisi menguasai kota Aleppo pada hari Sabtu.\n"
        "Presiden Bashar al-Assad menyatakan bahwa tentara akan kembali.\n"
        "Baca juga: Harga minyak dunia naik tajam"
    )
    return DocumentAnalysis(
        document=_document(t.text, "news/aleppo-id.html", outlet="Contoh Berita",
                           published="2024-12-02", title="Oposisi kuasai Aleppo"),
        language="id",
        sentences=t.sentences,
        noise=[NoiseSpan(**t.at("Baca juga: Harga minyak dunia naik tajam"),
                         reason="related-link")],
        mentions=[
            Mention(**t.at("Aleppo"), label="LOC", key="aleppo", cluster=0),
            Mention(**t.at("Bashar al-Assad"), label="PER", key="bashar al-assad", cluster=1),
        ],
        timexes=[Timex(**t.at("hari Sabtu"), type="DATE", value="2024-11-30", anchor="dct")],
        places=[Place(**t.at("Aleppo"), geonameid=170063, name="Aleppo", country_code="SY",
                      lat=36.20124, lon=37.16117, score=0.7)],
        events=[
            Event(**t.at("Pasukan oposisi menguasai kota Aleppo pada hari Sabtu"),
                  type="ASSAULT", subtype="seize", trigger=Span(**t.at("menguasai")),
                  actors=[Argument(**t.at("Pasukan oposisi"), nominal=True)],
                  date="2024-11-30", timex=0, place=0),
        ],
        quotes=[
            Quote(**t.at("tentara akan kembali"), kind="indirect",
                  speaker=Argument(**t.at("Bashar al-Assad"), mention=1),
                  cue=Span(**t.at("menyatakan bahwa"))),
        ],
        warnings=["declared language missing"],
    )


def jakarta_protest() -> DocumentAnalysis:
    t = _Text("Protesters gathered outside parliament in Jakarta on Monday "
              "to demand lower fuel prices.")
    return DocumentAnalysis(
        document=_document(t.text, "feeds/asia.xml#3"),
        language="en",
        sentences=t.sentences,
        mentions=[Mention(**t.at("Jakarta"), label="LOC", key="jakarta")],
        timexes=[Timex(**t.at("Monday"), type="DATE", value="XXXX-WXX-1",
                       anchor="unanchored")],
        places=[Place(**t.at("Jakarta"), geonameid=1642911, name="Jakarta", country_code="ID",
                      lat=-6.21462, lon=106.84513, precision=1, score=0.9)],
        events=[Event(**t.at("Protesters gathered outside parliament in Jakarta"),
                      type="PROTEST", subtype="demonstrate", trigger=Span(**t.at("gathered")),
                      actors=[Argument(**t.at("Protesters"), nominal=True)], place=0,
                      casualties=[Casualty(**t.at("Protesters"), kind="arrested", count=12,
                                           qualifier="at_least")],
                      confidence=0.9)],
        warnings=["no publication date: relative dates unresolved"],
    )


def samples() -> list[DocumentAnalysis]:
    return [aleppo_en(), aleppo_id(), jakarta_protest()]


def _spans(analysis: DocumentAnalysis) -> list[Span]:
    found: list[Span] = [*analysis.noise, *analysis.mentions, *analysis.timexes,
                         *analysis.places]
    for e in analysis.events:
        found += [e, e.trigger, *e.actors, *e.targets]
    for q in analysis.quotes:
        found += [q, *(s for s in (q.speaker, q.cue) if s is not None)]
    return found


def test_sample_spans_are_the_text_they_claim() -> None:
    for analysis in samples():
        text = analysis.document.text
        for span in _spans(analysis):
            assert text[span.start:span.end] == span.text
            sentence = analysis.sentences[span.sentence]
            assert sentence.start <= span.start and span.end <= sentence.end


def test_samples_are_distinct_articles() -> None:
    assert len({a.document.id for a in samples()}) == 3
