"""The timex engine on English: finding, spans, anchoring, durations, sets, no dct."""

from __future__ import annotations

import pytest

from sitrep.analyse.timex import TimexTagger, available_languages, normalise_precision
from sitrep.analyse.timex.heads import first_words


def tag(text: str, dct: str | None = "2024-12-08", lang: str = "en", **kw):
    return [(t.text, t.value) for t in TimexTagger.for_language(lang).tag(text, dct, **kw)]


def test_anaphoric_anchor_follows_the_narrative():
    text = ("On November 27, a coalition of opposition fighters launched an offensive. "
            "Three days later, the fighters took Aleppo. The next day they reached Hama.")
    assert tag(text) == [("November 27", "2024-11-27"), ("Three days later", "2024-11-30"),
                         ("The next day", "2024-12-01")]
    timexes = TimexTagger.for_language("en").tag(text, "2024-12-08")
    assert [t.anchor for t in timexes] == ["dct", "narrative", "narrative"]


def test_deictic_expressions_are_anchored_on_the_dct():
    text = ("Just a week ago, the regime held the north. The minister said yesterday that "
            "they had lost contact on Saturday night, and he spoke early on Sunday.")
    assert tag(text) == [("a week ago", "2024-12-01"), ("yesterday", "2024-12-07"),
                         ("Saturday night", "2024-12-07TNI"), ("Sunday", "2024-12-08")]


def test_weekday_direction_follows_tense_and_modifiers():
    dct = "2024-11-27"  # a Wednesday
    assert tag("Rebels attacked the town on Friday.", dct) == [("Friday", "2024-11-22")]
    assert tag("The talks will resume on Friday.", dct) == [("Friday", "2024-11-29")]
    assert tag("He arrived last Wednesday.", dct) == [("last Wednesday", "2024-11-20")]
    assert tag("The vote is next Monday.", dct) == [("next Monday", "2024-12-02")]


def test_year_of_a_date_without_year_is_the_nearest():
    assert tag("The ceasefire began on March 3.", "2024-11-30") == [("March 3", "2025-03-03")]
    assert tag("Protests started on Sept. 30.", "2024-11-30") == [("Sept. 30", "2024-09-30")]
    assert tag("Elections are due in January.", "2024-11-30") == [("January", "2025-01")]
    assert tag("The siege began in March.", "2024-11-30") == [("March", "2024-03")]


def test_absolute_dates_and_spans_without_prepositions():
    text = "The uprising began in 2011 and the accord was signed on Aug. 7, 1998."
    assert tag(text) == [("2011", "2011"), ("Aug. 7, 1998", "1998-08-07")]
    assert tag("In the 1990s the war ended.") == [("the 1990s", "199")]


def test_durations_with_modifiers():
    text = ("The country has been divided by civil war for more than 13 years, after "
            "success over the past few days and over the past week; it lasted three days.")
    timexes = TimexTagger.for_language("en").tag(text, "2024-12-08")
    assert [(t.text, t.value, t.type, t.mod) for t in timexes] == [
        ("more than 13 years", "P13Y", "DURATION", "MORE_THAN"),
        ("the past few days", "PXD", "DURATION", None),
        ("the past week", "P1W", "DURATION", None),
        ("three days", "P3D", "DURATION", None),
    ]


def test_sets_and_vague_references():
    text = "Convoys left daily and every week. Now the future looks grim; he spoke recently."
    assert tag(text) == [("daily", "P1D"), ("every week", "P1W"), ("Now", "PRESENT_REF"),
                         ("the future", "FUTURE_REF"), ("recently", "PAST_REF")]


def test_deictic_units_and_quarters():
    dct = "2024-11-27"
    assert tag("Prices rose last week and last month, and will rise next year.", dct) == [
        ("last week", "2024-W47"), ("last month", "2024-10"), ("next year", "2025")]
    assert tag("Sales fell in the third quarter.", dct) == [("the third quarter", "2024-Q3")]


def test_clock_times_take_the_day_being_told():
    text = "On Friday, Nov. 22, the blast came at 10:35 a.m. and a second at noon."
    assert tag(text, "2024-11-27") == [("Friday, Nov. 22", "2024-11-22"),
                                      ("10:35 a.m.", "2024-11-22T10:35"),
                                      ("noon", "2024-11-22T12:00")]


def test_without_dct_relative_values_stay_unresolved():
    text = "Yesterday the army attacked; on November 27, 2024 it withdrew. Three days later"
    timexes = TimexTagger.for_language("en").tag(text, None)
    assert [(t.text, t.value, t.anchor) for t in timexes] == [
        ("Yesterday", "XXXX-XX-XX", "unanchored"),
        ("November 27, 2024", "2024-11-27", "absolute"),
        ("Three days later", "2024-11-30", "narrative"),
    ]
    assert tag("On Saturday and in March.", None) == [("Saturday", "XXXX-WXX-6"),
                                                      ("March", "XXXX-03")]


def test_sentence_index_and_offsets():
    text = "Talks failed. On Friday the army moved."
    timexes = TimexTagger.for_language("en").tag(text, "2024-11-27", [(0, 13), (14, 39)])
    assert len(timexes) == 1
    t = timexes[0]
    assert text[t.start:t.end] == t.text == "Friday" and t.sentence == 1
    assert TimexTagger.for_language("en").tag(text, "2024-11-27")[0].sentence == -1


def test_common_words_are_not_months():
    assert tag("Officials may march to the capital.") == []
    assert tag("The 6-year-old was rescued.") == []


def test_precision():
    assert normalise_precision("2024-11-27") == 1
    assert normalise_precision("2024-12-07TNI") == 1
    assert normalise_precision("2024-W48") == 2
    assert normalise_precision("2024-11") == 3
    assert normalise_precision("2024") == 3
    assert normalise_precision("P3D") is None
    assert normalise_precision("PRESENT_REF") is None
    assert normalise_precision("XXXX-XX-XX") is None
    timex = TimexTagger.for_language("en").tag("It happened on Friday.", "2024-11-27")[0]
    assert timex.precision == 1


def test_unknown_language_falls_back_to_english():
    assert TimexTagger.for_language("xx").language == "en"
    assert TimexTagger.for_language("pt-BR").language == "pt"
    assert TimexTagger.for_language("en") is TimexTagger.for_language("en")


@pytest.mark.parametrize("lang", ["ar", "de", "en", "es", "fr", "id", "nl", "pt", "ru", "tr"])
def test_every_language_loads_with_all_months_and_weekdays(lang):
    assert lang in available_languages()
    tables = TimexTagger.for_language(lang).resources.tables
    assert set(tables["month"].values()) == {str(m) for m in range(1, 13)}
    assert set(tables["weekday"].values()) == {str(d) for d in range(1, 8)}


def test_first_words_of_a_pattern():
    assert first_words(r"(?:the )?(?:last|next) week") == {"the", "last", "next"}
    assert first_words(r"\d+ days") == {"#"}
    assert first_words(r"\w+ days") is None


def test_irregular_past_verbs_set_the_tense_of_a_weekday():
    dct = "2024-11-29"  # a Friday
    assert tag("The foreign minister said Friday that talks would resume.", dct) == [
        ("Friday", "2024-11-29")]
    assert tag("The ultimatum had been due to expire Thursday evening.", dct) == [
        ("Thursday evening", "2024-11-28TEV")]
    assert tag("Prices fell 3% from the previous Friday.", dct) == [
        ("the previous Friday", "2024-11-22")]


def test_future_tense_takes_the_next_month():
    dct = "2024-11-08"
    assert tag("The crew will fly a new mission in March.", dct) == [("March", "2025-03")]
    assert tag("The crew flew a mission in March.", dct) == [("March", "2024-03")]
    # a future cue does not push a date almost a year ahead
    assert tag("The Oct. 7 attacks, which would shape the war, killed many.", "2024-10-20") == [
        ("Oct. 7", "2024-10-07")]


def test_the_weekend_is_the_last_one_unless_the_sentence_looks_ahead():
    monday = "2024-12-09"
    assert tag("Over the weekend, protesters gathered in the capital.", monday) == [
        ("the weekend", "2024-W49-WE")]
    assert tag("Protesters will gather this weekend.", monday) == [("this weekend", "2024-W50-WE")]


def test_month_with_last_or_this_year_and_quarters_of_a_year():
    assert tag("The talks collapsed in June last year.") == [("June last year", "2023-06")]
    assert tag("It opened on March 5 this year.") == [("March 5 this year", "2024-03-05")]
    assert tag("Losses rose in the 2023 fourth quarter.") == [("the 2023 fourth quarter", "2023-Q4")]


def test_report_period_is_an_ended_quarter():
    text = ("Net income rose in the third quarter. The company expects a fourth-quarter "
            "charge. Sales in the latest quarter were flat, and in the 2023 period they fell.")
    assert tag(text, "2024-11-02") == [
        ("the third quarter", "2024-Q3"), ("fourth-quarter", "2024-Q4"),
        ("the latest quarter", "2024-Q3"), ("the 2023 period", "2023-Q3")]


def test_adjectival_durations_leave_the_determiner_out():
    assert tag("the 23-year occupation ended") == [("23-year", "P23Y")]
    assert tag("during the six months of talks") == [("the six months", "P6M")]
    assert tag("prices rose in recent years") == [("recent years", "PXY")]
    assert tag("Iraq imports about three-quarters of its food.") == []


def test_units_after_an_event_are_a_duration():
    assert tag("A month after the siege began, aid arrived.") == [("A month", "P1M")]
    assert tag("He was arrested 10 days before the attack.") == [("10 days", "P10D")]
    text = "The ceasefire began on May 2, 2024. Two days later, fighting resumed."
    assert tag(text) == [("May 2, 2024", "2024-05-02"), ("Two days later", "2024-05-04")]


def test_several_years_ago_is_a_year_and_hours_later_the_same_day():
    assert tag("The plant closed five years ago.") == [("five years ago", "2019")]
    assert tag("A year ago the town was quiet.") == [("A year ago", "2023-12")]
    text = "Shelling began on November 30, 2024. Two hours later, the town fell."
    assert tag(text)[1] == ("Two hours later", "2024-11-30")


def test_clock_time_takes_the_date_named_later_in_its_sentence():
    text = ("Officials spoke on Monday. The jet took off at 5:35 a.m. on Sunday, "
            "November 24, 2024, and vanished.")
    assert tag(text, "2024-11-26") == [
        ("Monday", "2024-11-25"), ("5:35 a.m.", "2024-11-24T05:35"),
        ("Sunday, November 24, 2024", "2024-11-24")]


def test_overnight_and_weekday_nights():
    assert tag("Explosions were heard overnight in the capital.") == [("overnight", "2024-12-07TNI")]
    assert tag("The convoy left late Saturday night.") == [("late Saturday night", "2024-12-07TNI")]


def test_until_a_weekday_and_by_a_month_look_ahead():
    dct = "2024-11-27"  # a Wednesday
    assert tag("The offer was extended until Friday.", dct) == [("Friday", "2024-11-29")]
    assert tag("Not until Wednesday did the minister speak.", dct) == [
        ("Wednesday", "2024-11-27")]
    assert tag("The bank must repay the loan by February.", dct) == [("February", "2025-02")]
    # a weekday in a future-tense sentence written on that weekday is the same day
    assert tag("The cabinet will meet on Wednesday.", dct) == [("Wednesday", "2024-11-27")]


def test_decades_and_centuries():
    assert tag("Crime fell through the nineties.") == [("the nineties", "199")]
    assert tag("Output peaked in the late '80s and in the 1970s.") == [
        ("the late '80s", "198"), ("the 1970s", "197")]
    assert tag("a fortress built in the 12th century") == [("the 12th century", "11")]
    assert tag("a twenty-first century army") == [("twenty-first century", "20")]
    assert tag("The driver was in his 30s.") == []


def test_halves_of_a_year():
    assert tag("Profits doubled in the first half of 2023.") == [
        ("the first half of 2023", "2023-H1")]
    assert tag("Growth will slow in the second half of next year.") == [
        ("the second half of next year", "2025-H2")]
    assert tag("Sales fell in last year's second half.") == [("last year's second half", "2023-H2")]


def test_ranges_halves_and_trading_days_are_one_duration():
    assert tag("Repairs will take two to three weeks.") == [("two to three weeks", "P2W")]
    assert tag("They spent 2 1/2 years in the camp.") == [("2 1/2 years", "P2Y6M")]
    assert tag("The talks lasted an hour and a half.") == [("an hour and a half", "PT1H30M")]
    assert tag("Eight trading days after the crash, shares recovered.") == [
        ("Eight trading days", "P8D")]
    assert tag("He left a week or so ago.") == [("a week or so ago", "2024-12-01")]


def test_vague_future_references():
    assert tag("Peace could one day return to the valley.") == [("one day", "FUTURE_REF")]
    assert tag("Prices will stay high in the near term.") == [("the near term", "FUTURE_REF")]
    assert tag("The credits will cut taxes in future years.") == [("future years", "FUTURE_REF")]
    assert tag("Investors fear the long-term costs.") == []


def test_report_periods_named_relative_to_last_year():
    text = ("Net income fell in the third quarter, compared with the corresponding period "
            "last year. This quarter's loss includes a charge; last year's quarter had none.")
    assert tag(text, "2024-11-02") == [
        ("the third quarter", "2024-Q3"), ("the corresponding period last year", "2023-Q3"),
        ("This quarter", "2024-Q3"), ("last year's quarter", "2023-Q3")]


def test_parts_of_the_day_told_and_programme_names():
    text = "On March 3, 2024, shelling resumed. By mid-afternoon the town had fallen."
    assert tag(text) == [("March 3, 2024", "2024-03-03"), ("mid-afternoon", "2024-03-03TAF")]
    assert tag('The minister said on "This Week" that talks would go on.') == []
    assert tag("This week the minister resigned.", "2024-11-27") == [("This week", "2024-W48")]


def test_the_previous_weekday_counts_from_the_day_being_told():
    text = "Shares fell on Nov. 22, 2024, down 3% from the previous Monday."
    assert tag(text) == [("Nov. 22, 2024", "2024-11-22"), ("the previous Monday", "2024-11-18")]


def test_a_clock_time_takes_the_day_named_later_in_its_own_sentence() -> None:
    """Regression: the loop index was overwritten by the sentence index, so with several
    sentences before it a clock time looked ahead from the wrong position."""
    from sitrep.analyse.pipeline import analyse
    from sitrep.model import Document, Meta

    text = ("Pesawat itu hilang. Tim SAR dikerahkan. Cuaca buruk. "
            "Pesawat lepas landas pukul 06.12 WIB, Minggu (28/12/2014).")
    analysis = analyse(Document(id="t", text=text, meta=Meta(published="2015-01-01", language="id")))
    values = {t.text: t.value for t in analysis.timexes}
    assert values["pukul 06.12 WIB"] == "2014-12-28T06:12"
