"""Quote extraction on sentences written for these tests (English, Indonesian, Arabic; crowds in es and fr)."""

from __future__ import annotations

import pytest

from sitrep.analyse.quotes import extract_quotes
from sitrep.model import Mention, NoiseSpan, Quote


def mentions(text: str, *names: tuple[str, str]) -> list[Mention]:
    """Mentions of the given (surface, label) pairs at every occurrence."""
    out = []
    for cluster, (surface, label) in enumerate(names):
        start = text.find(surface)
        while start >= 0:
            out.append(
                Mention(start=start, end=start + len(surface), text=surface, label=label, cluster=cluster)
            )
            start = text.find(surface, start + 1)
    return sorted(out, key=lambda m: m.start)


def quotes(text: str, language: str = "en", names=(), noise=()) -> tuple[list[Quote], list[Mention]]:
    found = mentions(text, *names)
    return extract_quotes(text, language, [], found, list(noise)), found


def one(found: list[Quote]) -> Quote:
    assert len(found) == 1, [(q.kind, q.text) for q in found]
    return found[0]


def test_direct_quote_with_inverted_cue() -> None:
    text = '"We will not surrender this city to anyone," said General Ahmed Musa.'
    quote = one(quotes(text, names=[("Ahmed Musa", "PER")])[0])
    assert quote.kind == "direct"
    assert quote.text == "We will not surrender this city to anyone"
    assert quote.speaker is not None and quote.speaker.text == "Ahmed Musa"
    assert quote.speaker.mention == 0
    assert quote.cue is not None and quote.cue.text == "said"
    assert text[quote.start : quote.end] == quote.text


def test_direct_quote_with_cue_before() -> None:
    text = "Ahmed Musa told reporters: \u201cWe will fight until the last street is free.\u201d"
    quote = one(quotes(text, names=[("Ahmed Musa", "PER")])[0])
    assert quote.kind == "direct" and quote.speaker.text == "Ahmed Musa"
    assert quote.text == "We will fight until the last street is free"


def test_indirect_speech_excludes_cue_and_complementizer() -> None:
    text = "Foreign Minister Ana Lopez said on Monday that the talks in Geneva had failed."
    quote = one(quotes(text, names=[("Ana Lopez", "PER"), ("Geneva", "LOC")])[0])
    assert quote.kind == "indirect"
    assert quote.speaker.text == "Ana Lopez"
    assert quote.text == "the talks in Geneva had failed"


def test_speaker_before_an_appositive() -> None:
    text = "Nadia Haddad, a spokeswoman for the Red Crescent, said the convoy reached the town."
    found, _ = quotes(text, names=[("Nadia Haddad", "PER"), ("Red Crescent", "ORG")])
    quote = one(found)
    assert quote.speaker.text == "Nadia Haddad"
    assert quote.text == "the convoy reached the town"


def test_told_someone_that() -> None:
    text = "Kemal Aydin told the state broadcaster TRT that the border would stay closed."
    quote = one(quotes(text, names=[("Kemal Aydin", "PER"), ("TRT", "ORG")])[0])
    assert quote.speaker.text == "Kemal Aydin"
    assert quote.text == "the border would stay closed"


def test_according_to_before_and_after() -> None:
    text = (
        "According to the refugee agency UNHCR, more than 10,000 people fled the fighting. "
        "Food prices have tripled since March, according to the World Food Programme."
    )
    found, _ = quotes(text, names=[("UNHCR", "ORG"), ("World Food Programme", "ORG")])
    assert [(q.kind, q.speaker.text, q.text) for q in found] == [
        ("attribution", "UNHCR", "more than 10,000 people fled the fighting"),
        ("attribution", "World Food Programme", "Food prices have tripled since March"),
    ]


def test_trailing_cue() -> None:
    text = "More than 200 people were killed in the floods, the Red Cross said."
    quote = one(quotes(text, names=[("Red Cross", "ORG")])[0])
    assert quote.speaker.text == "Red Cross"
    assert quote.text == "More than 200 people were killed in the floods"


def test_unnamed_sources() -> None:
    text = "But, analysts say, the economy will shrink sharply this year."
    quote = one(quotes(text)[0])
    assert quote.speaker is None and quote.speaker_label == "analysts"
    assert quote.text == "the economy will shrink sharply this year"


def test_pronoun_speaker_resolves_to_last_person() -> None:
    text = "Maria Santos arrived in Geneva on Monday. She said the negotiations would resume soon."
    found, ments = quotes(text, names=[("Maria Santos", "PER"), ("Geneva", "LOC")])
    quote = one(found)
    assert quote.speaker.mention == 0 and quote.speaker.text == "Maria Santos"
    assert quote.text == "the negotiations would resume soon"


def test_scare_quotes_are_not_quotes() -> None:
    text = 'The so-called "peace plan" was published on Friday by the ministry.'
    assert quotes(text)[0] == []


def test_short_quote_with_a_cue_is_a_claim() -> None:
    text = 'The government described the protest as a "foreign plot" and closed the square.'
    quote = one(quotes(text)[0])
    assert quote.text == "foreign plot" and quote.speaker.text == "government"


def test_nothing_from_noise() -> None:
    text = 'Read more: "We will win," said Omar Farouk\nThe minister said the vote would go ahead.'
    noise = [NoiseSpan(start=0, end=text.index("\n"), text=text[: text.index("\n")], reason="links")]
    found, _ = quotes(text, names=[("Omar Farouk", "PER")], noise=noise)
    assert all(q.start > text.index("\n") for q in found)


# -- Indonesian --------------------------------------------------------------------


def test_menurut() -> None:
    text = "Menurut Joko Widodo, pemerintah akan membangun jalan baru di Papua."
    quote = one(quotes(text, "id", names=[("Joko Widodo", "PER"), ("Papua", "LOC")])[0])
    assert quote.kind == "attribution" and quote.speaker.text == "Joko Widodo"
    assert quote.text == "pemerintah akan membangun jalan baru di Papua"


def test_kata_after_direct_quote() -> None:
    text = '" Kami akan terus mencari para korban sampai ditemukan , " kata Budi Santoso.'
    quote = one(quotes(text, "id", names=[("Budi Santoso", "PER")])[0])
    assert quote.kind == "direct" and quote.speaker.text == "Budi Santoso"
    assert quote.text == "Kami akan terus mencari para korban sampai ditemukan"


def test_indonesian_indirect_and_pronoun() -> None:
    text = (
        "Bambang Soelistyo tiba di Pangkalan Bun pada Senin. "
        "Dia mengatakan bahwa pencarian akan dilanjutkan besok pagi."
    )
    found, _ = quotes(text, "id", names=[("Bambang Soelistyo", "PER"), ("Pangkalan Bun", "LOC")])
    quote = one(found)
    assert quote.speaker.text == "Bambang Soelistyo"
    assert quote.text == "pencarian akan dilanjutkan besok pagi"


# -- Arabic ------------------------------------------------------------------------


def test_arabic_qala_with_speaker_after_the_verb() -> None:
    text = "قال وزير الخارجية أحمد علي إن المفاوضات ستستأنف الأسبوع المقبل."
    quote = one(quotes(text, "ar", names=[("أحمد علي", "PER")])[0])
    assert quote.speaker.text == "أحمد علي"
    assert quote.text == "المفاوضات ستستأنف الأسبوع المقبل"


def test_arabic_unnamed_source() -> None:
    text = "قتل خمسة أشخاص في انفجار سيارة مفخخة، وفقا لمصادر أمنية."
    quote = one(quotes(text, "ar")[0])
    assert quote.speaker is None and quote.speaker_label.endswith("مصادر أمنية")
    assert quote.text.startswith("قتل خمسة أشخاص")


def analysed_quotes(text: str, language: str = "en"):
    """Quotes through the whole per-document path (entities, parse, speakers)."""
    from sitrep.analyse.pipeline import analyse
    from sitrep.model import Document, Meta

    analysis = analyse(Document(id="t", text=text, source="t", meta=Meta(language=language, published="2014-12-29")))
    return analysis.quotes, analysis.mentions


def speaker_text(quote: Quote, found: list[Mention]) -> str | None:
    if quote.speaker is None:
        return None
    return found[quote.speaker.mention].text if quote.speaker.mention is not None else quote.speaker.text


def speakers_by_quote(found: list[Quote], ments: list[Mention]) -> dict[str, str | None]:
    return {q.text: speaker_text(q, ments) for q in found}


def test_a_speech_verb_with_a_noun_object_reports_no_speech() -> None:
    found, _ = analysed_quotes("Just a week ago, the regime still maintained control over significant "
                               "portions of the country.")
    assert found == []
    kept, _ = analysed_quotes("The minister maintained that the army still controlled most of the country.")
    assert [q.text for q in kept] == ["the army still controlled most of the country"]


def test_a_title_and_a_name_both_parsed_as_subjects_give_the_name() -> None:
    found, ments = analysed_quotes(
        "Director of the U.S. Federal Bureau of Investigation (FBI) Louis Freeh said here Friday that the "
        "air raid on Afghanistan is not directly linked with the probe.")
    assert [speaker_text(q, ments) for q in found] == ["Louis Freeh"]


def test_officials_and_spokesmen_speak_for_the_organisation_that_qualifies_them() -> None:
    found, ments = analysed_quotes(
        "Officials of the Immigration and Naturalization Service said they did not plan to remove the boy.")
    assert len(found) == 1 and found[0].speaker_label is None
    assert speaker_text(found[0], ments) == "Immigration and Naturalization Service"
    found, ments = analysed_quotes("A Justice Department spokesman said the ruling changes things for the family.")
    assert [speaker_text(q, ments) for q in found] == ["Justice Department"]


def test_indonesian_cue_with_enclitic_speaker_and_given_name() -> None:
    text = ("Kapten Irianto dikenal sebagai penerbang andal, ujar Marsma TNI Yadi Indrayadi, Senin (29/12/2014). \n\n"
            "Yadi menuturkan, Irianto bergabung dengan TNI AU selama 10 tahun. \n\n"
            '" Seingat saya dulu di Adam Air dan Lion, lalu AirAsia, " tandasnya. ')
    found, ments = analysed_quotes(text, "id")
    by_text = speakers_by_quote(found, ments)
    assert by_text["Seingat saya dulu di Adam Air dan Lion, lalu AirAsia"] in ("Yadi", "Yadi Indrayadi")
    yadi = [m for m in ments if m.text == "Yadi"]
    full = [m for m in ments if m.text == "Yadi Indrayadi"]
    assert yadi and full and yadi[0].cluster == full[0].cluster  # the given name is the person


def test_he_stands_for_the_subject_of_the_last_sentence_that_names_a_person() -> None:
    text = ("Nhek Bunchhay, who had been closely involved in the search for Christopher Howes, appeared "
            "confident he would find Howes' remains. He said he received information from Khmer Rouge "
            "guerrillas on where the body was buried.")
    found, ments = analysed_quotes(text)
    assert [speaker_text(q, ments) for q in found] == ["Nhek Bunchhay"]


def test_a_spanish_speech_verb_without_subject_goes_to_the_last_speaker() -> None:
    text = ("El ministro de Defensa, Federico Trillo, dijo ayer que el Gobierno mantendrá las sanciones "
            "previstas para los insumisos.\n"
            "`` La insumisión va a seguir estando vigente el año próximo `` , añadió .")
    found, ments = analysed_quotes(text, "es")
    by_text = speakers_by_quote(found, ments)
    assert by_text.get("La insumisión va a seguir estando vigente el año próximo") == "Federico Trillo", by_text
    # English writes the subject: a bare "added" is not attributed to whoever spoke last
    text = ('Minister Ali Hassan said the army would stay in the city for a month.\n'
            '"We will not leave the people of this city alone in the coming weeks," added.')
    found, ments = analysed_quotes(text)
    assert all(speaker_text(q, ments) != "Ali Hassan" or q.start < 60 for q in found)


def test_the_agency_that_quotes_is_not_the_speaker() -> None:
    text = ("Boris Yeltsin met Leonid Kuchma in Moscow. ``We have covered the entire list of questions and "
            "discussed how we will be tackling them,'' Yeltsin was quoted as saying by the ITAR-Tass news agency.")
    found, ments = analysed_quotes(text)
    assert [speaker_text(q, ments) for q in found if q.kind == "direct"] in (["Yeltsin"], ["Boris Yeltsin"])


def test_a_weekday_the_parse_took_for_a_subject_never_speaks() -> None:
    text = ("Kopp's stepmother, who married Kopp's father when Kopp was in his 30s, said Thursday from her home "
            "in Irving, Texas: ``I would like to see him come forward and clear his name.''")
    found, ments = analysed_quotes(text)
    assert found and all(speaker_text(q, ments) != "Thursday" for q in found)


def test_a_quotation_right_after_an_attributed_one_continues_it() -> None:
    text = ('Tanzanian Foreign Minister Jakaya Kikwete spoke to reporters in Dar es Salaam. '
            '"The bomb blast has not generated any hatred against Americans in Tanzania," he said.\n\n"We are friends."'
            '\n\nLater that day the minister flew to Nairobi for a meeting about the "new situation".')
    found, ments = analysed_quotes(text)
    speakers = speakers_by_quote(found, ments)
    assert speakers.get("We are friends") == speakers["The bomb blast has not generated any hatred against "
                                                        "Americans in Tanzania"] == "Jakaya Kikwete", speakers
    assert "new situation" not in speakers  # far from any attributed quotation, and short


@pytest.mark.parametrize("language, text, speaker", [
    ("en", "``Stop the bloodshed in Kosovo now,'' the protesters chanted outside the consulate.", "protesters"),
    ("es", "«Queremos elecciones libres ya mismo», gritaron los manifestantes frente al palacio.", "manifestantes"),
    ("fr", "« Nous voulons la paix maintenant et partout », scandaient les manifestants devant l'ambassade.",
     "manifestants"),
    ("id", "\"Tolak kenaikan harga BBM sekarang juga,\" meneriakkan para demonstran.", "demonstran"),
])
def test_a_crowd_chanting_is_speaking(language: str, text: str, speaker: str) -> None:
    found, ments = analysed_quotes(text, language)
    assert [speaker in (speaker_text(q, ments) or "") for q in found] == [True], speakers_by_quote(found, ments)


@pytest.mark.parametrize(("language", "text", "quoted", "speaker"), [
    ("en", '"We will not give up!", said Vitali Klitschko on Monday.', "We will not give up!", "Vitali Klitschko"),
    ("de", "„Wir werden nicht aufgeben!“, sagte Vitali Klitschko am Montag.", "Wir werden nicht aufgeben!",
     "Vitali Klitschko"),
    ("es", "«¡No nos rendiremos!», dijo Vitali Klitschko el lunes.", "¡No nos rendiremos!", "Vitali Klitschko"),
    ("fr", "« Nous ne céderons pas ! », a déclaré Vitali Klitschko lundi.", "Nous ne céderons pas !",
     "Vitali Klitschko"),
    ("pt", '"Não vamos desistir!", disse Vitali Klitschko na segunda-feira.', "Não vamos desistir!",
     "Vitali Klitschko"),
    ("ru", "«Мы не сдадимся!», — заявил Виталий Кличко в понедельник.", "Мы не сдадимся!", "Виталий Кличко"),
    ("id", '"Kami tidak akan menyerah!", kata Vitali Klitschko pada Senin.', "Kami tidak akan menyerah!",
     "Vitali Klitschko"),
    ("ar", "«لن نستسلم!»، قال فيتالي كليتشكو يوم الاثنين.", "لن نستسلم!", "فيتالي كليتشكو"),
])
def test_exclaimed_quote_keeps_its_speaker(language: str, text: str, quoted: str, speaker: str) -> None:
    """A "!" before the closing quote and comma does not end the sentence (spaCy's sentencizer
    would cut there and leave the quote without its speaker)."""
    found, names = analysed_quotes(text, language)
    assert [(q.text, speaker_text(q, names)) for q in found] == [(quoted, speaker)]


def test_a_question_and_its_answer_stay_two_sentences() -> None:
    from sitrep.analyse.pipeline import analyse
    from sitrep.model import Document, Meta

    text = "Is the siege over? No. The shelling goes on, residents said."
    sentences = analyse(Document(id="t", text=text, meta=Meta(language="en"))).sentences
    assert [text[s.start:s.end] for s in sentences] == [
        "Is the siege over?", "No.", "The shelling goes on, residents said."]


def test_according_to_an_unnamed_source_whose_adjective_the_parse_made_the_head() -> None:
    # the Spanish parse hangs "según" on the adjective "comunitarias"; the speaker is the
    # unnamed source the adjective belongs to, not a word of it
    found, names = analysed_quotes(
        'La fuerza tendrá "más de 60.000 soldados", según fuentes comunitarias.', "es")
    assert [(q.text, q.speaker, q.speaker_label) for q in found] == [
        ("más de 60.000 soldados", None, "fuentes comunitarias")]


@pytest.mark.parametrize(("text", "quoted", "speaker"), [
    ('Vitali Kliçko, "Kiev asla teslim olmayacak ve direnmeye devam edecek" dedi.',
     "Kiev asla teslim olmayacak ve direnmeye devam edecek", "Vitali Kliçko"),
    ('Dışişleri Bakanı Hakan Fidan, "Ateşkesin bir an önce sağlanması gerekiyor" diye konuştu.',
     "Ateşkesin bir an önce sağlanması gerekiyor", "Hakan Fidan"),
])
def test_turkish_speaker_before_the_quotation_verb_after_it(text: str, quoted: str, speaker: str) -> None:
    """Turkish puts the speech verb last: the subject stands before the quotation."""
    found, names = analysed_quotes(text, "tr")
    assert [(q.text, speaker_text(q, names)) for q in found] == [(quoted, speaker)]


@pytest.mark.parametrize(("text", "language", "quoted"), [
    ('El nuevo presidente chileno, Ricardo Lagos, felicitó hoy a Aznar. "Le felicitaré por el gran respaldo '
     'popular a su mandato", concluyó el presidente chileno.', "es",
     "Le felicitaré por el gran respaldo popular a su mandato"),
    ('The new Chilean president, Ricardo Lagos, congratulated Aznar on Monday. "We will improve our '
     'relations with Spain," the Chilean president said.', "en", "We will improve our relations with Spain"),
])
def test_a_role_set_off_by_a_comma_before_a_name_is_that_persons_later(text: str, language: str,
                                                                       quoted: str) -> None:
    """"El presidente chileno, Ricardo Lagos, ..." then "concluyó el presidente chileno": Lagos."""
    found, names = analysed_quotes(text, language)
    assert speakers_by_quote(found, names).get(quoted) == "Ricardo Lagos"


@pytest.mark.parametrize(("language", "text", "label"), [
    ("en", "Officials said six people were in custody for questioning about the bombing.", "Officials"),
    ("en", "Authorities said the weapon may have been buried before the shooting.", "Authorities"),
    ("es", "Las autoridades dijeron que seis personas fueron detenidas tras el atentado.", "Las autoridades"),
    ("fr", "Les autorités ont déclaré que six personnes avaient été arrêtées après l'attentat.", "Les autorités"),
    ("pt", "As autoridades disseram que seis pessoas foram detidas depois do atentado.", "autoridades"),
])
def test_officials_of_no_one_in_particular_are_an_unnamed_source(language: str, text: str, label: str) -> None:
    found, _ = analysed_quotes(text, language)
    assert [(q.speaker, q.speaker_label) for q in found] == [(None, label)]


@pytest.mark.parametrize(("text", "speaker"), [
    ("Israeli officials said the talks would resume next week.", "Israeli officials"),
    ("The police said the talks would resume next week.", "police"),
])
def test_officials_of_a_country_and_the_police_are_a_speaker(text: str, speaker: str) -> None:
    found, ments = analysed_quotes(text)
    assert [speaker_text(q, ments) for q in found] == [speaker]
