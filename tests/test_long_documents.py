"""Book-length input is analysed in sections, with every offset still pointing at its words."""

import pytest

from sitrep.analyse.chunks import SECTION_CHARS, sections
from sitrep.analyse.pipeline import analyse
from sitrep.config import Settings
from sitrep.model import Document, Meta

PARAGRAPH = (
    "On Tuesday, rebels led by Hayat Tahrir al-Sham (HTS) attacked government forces near Aleppo, "
    "the Syrian Observatory for Human Rights said. \"We will take the city,\" commander Abu Khaled told "
    "reporters. Three days later, Russian jets struck Idlib.\n\n"
)


def test_sections_cut_at_paragraph_breaks_and_cover_the_text():
    text = PARAGRAPH * 400
    bounds = sections(text)
    assert bounds[0][0] == 0 and bounds[-1][1] == len(text)
    assert all(a[1] == b[0] for a, b in zip(bounds, bounds[1:], strict=False))
    assert all(text[end - 2 : end] == "\n\n" for _, end in bounds[:-1])
    assert max(end - start for start, end in bounds) <= SECTION_CHARS


def test_a_long_document_keeps_exact_offsets_and_indices():
    text = PARAGRAPH * 400
    analysis = analyse(Document(id="long", text=text, meta=Meta(language="en", published="2024-11-26")))
    assert any("sections" in w for w in analysis.warnings)
    casualties = [c for e in analysis.events for c in e.casualties]
    spans = [*analysis.mentions, *analysis.timexes, *analysis.places, *analysis.events, *analysis.quotes, *casualties]
    assert all(text[s.start : s.end] == s.text for s in spans)
    assert sum(m.text == "Aleppo" for m in analysis.mentions) == 400
    late = [e for e in analysis.events if e.start > len(text) // 2]
    assert late, "events of the later sections are kept"
    for event in analysis.events:
        if event.place is not None:
            place = analysis.places[event.place]
            assert event.start <= place.end and place.start <= event.end + 200
        if event.timex is not None and not event.date_inferred:
            timex = analysis.timexes[event.timex]
            assert analysis.sentences[timex.sentence].start <= event.start < analysis.sentences[timex.sentence].end
        for arg in [*event.actors, *event.targets]:
            if arg.mention is not None:
                # the renumbered index points at the very mention the argument was read from
                mention = analysis.mentions[arg.mention]
                assert arg.start <= mention.start and mention.end <= arg.end, (arg, mention)
    for quote in analysis.quotes:
        if quote.speaker is not None and quote.speaker.mention is not None:
            mention = analysis.mentions[quote.speaker.mention]
            assert quote.speaker.start <= mention.start and mention.end <= quote.speaker.end
    clusters = {m.cluster for m in analysis.mentions if m.text in ("HTS", "Hayat Tahrir al-Sham")}
    assert len(clusters) == len(sections(text))  # one per section: context stays inside a section


def test_only_the_first_max_analysed_chars_are_analysed_and_the_whole_text_is_kept():
    text = PARAGRAPH * 40
    limit = len(PARAGRAPH) * 10 + 100  # ten paragraphs and part of the eleventh
    settings = Settings(max_analysed_chars=limit)
    analysis = analyse(Document(id="dump", text=text, meta=Meta(language="en", published="2024-11-26")),
                       settings=settings)
    assert analysis.document.text == text  # stored whole, searchable whole
    cut = len(PARAGRAPH) * 10 - 2  # at the last paragraph break before the limit
    assert any(f"only the first {cut:,} analysed" in w for w in analysis.warnings)
    assert sum(m.text == "Aleppo" for m in analysis.mentions) == 10
    assert analysis.events and all(e.end <= cut for e in analysis.events)
    assert all(text[m.start : m.end] == m.text for m in analysis.mentions)


def test_max_analysed_chars_zero_analyses_everything_and_a_negative_one_is_refused():
    text = PARAGRAPH * 3
    analysis = analyse(Document(id="all", text=text, meta=Meta(language="en", published="2024-11-26")),
                       settings=Settings(max_analysed_chars=0))
    assert sum(m.text == "Aleppo" for m in analysis.mentions) == 3
    assert not any("analysed (max_analysed_chars" in w for w in analysis.warnings)
    with pytest.raises(ValueError, match="max_analysed_chars"):
        Settings(max_analysed_chars=-1)
