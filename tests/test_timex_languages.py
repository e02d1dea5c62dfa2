"""The timex engine on the other languages' resource files, with sentences we wrote."""

from __future__ import annotations

from sitrep.analyse.timex import TimexTagger


def tag(lang: str, text: str, dct: str | None = "2024-11-30"):
    return [(t.text, t.value) for t in TimexTagger.for_language(lang).tag(text, dct)]


# ---- Indonesian -----------------------------------------------------------------


def test_indonesian_seed_like_sentences():
    text = ("Apa yang terjadi sekarang adalah pukulan besar bagi pemerintah. Pemberontakan "
            "itu dimulai pada tahun 2011. Mereka berhasil dalam waktu tiga hari yang singkat.")
    assert tag("id", text) == [("sekarang", "PRESENT_REF"), ("tahun 2011", "2011"),
                               ("tiga hari", "P3D")]


def test_indonesian_anaphoric_and_deictic():
    text = ("Pesawat itu hilang pada Minggu (28/12/2014) pagi. Tiga hari kemudian, puing "
            "ditemukan. Kemarin tim SAR bekerja, dan hari ini cuaca membaik.")
    assert tag("id", text, "2015-01-02") == [
        ("Minggu (28/12/2014) pagi", "2014-12-28TMO"), ("Tiga hari kemudian", "2014-12-31"),
        ("Kemarin", "2015-01-01"), ("hari ini", "2015-01-02")]


def test_indonesian_dates_months_and_weekdays():
    text = "Serangan pada 7 Oktober terhadap Israel. Sidang digelar Senin lalu, 26 Juni 1988."
    assert tag("id", text) == [("7 Oktober", "2024-10-07"), ("Senin lalu", "2024-11-25"),
                               ("26 Juni 1988", "1988-06-26")]
    assert tag("id", "Saat ini tahun ini bulan lalu pukul 07.55 WIB") == [
        ("Saat ini", "PRESENT_REF"), ("tahun ini", "2024"), ("bulan lalu", "2024-10"),
        ("pukul 07.55 WIB", "2024-11-30T07:55")]


def test_indonesian_minggu_is_a_week_in_lower_case():
    assert tag("id", "Dua minggu lalu dan minggu depan.") == [
        ("Dua minggu lalu", "2024-11-16"), ("minggu depan", "2024-W49")]


# ---- Spanish ----------------------------------------------------------------------


def test_spanish_dates_keep_the_article():
    text = "El presidente llegó el 19 de mayo de 1999 y volvió el sábado; hoy , jueves , habló."
    assert tag("es", text, "2000-06-01") == [("el 19 de mayo de 1999", "1999-05-19"),
                                            ("el sábado", "2000-05-27"),
                                            ("hoy , jueves", "2000-06-01")]


def test_spanish_deictic_and_durations():
    text = ("Ayer se reunieron; la semana pasada hubo protestas y el año pasado también. "
            "La huelga duró más de un año y ahora siguen hace dos días.")
    timexes = TimexTagger.for_language("es").tag(text, "2000-06-01")
    assert [(t.text, t.value, t.mod) for t in timexes] == [
        ("Ayer", "2000-05-31", None), ("la semana pasada", "2000-W21", None),
        ("el año pasado", "1999", None), ("más de un año", "P1Y", "MORE_THAN"),
        ("ahora", "PRESENT_REF", None), ("hace dos días", "2000-05-30", None)]


def test_spanish_weekdays_and_mañana():
    text = "El próximo lunes votará el Congreso; mañana habrá una marcha por la mañana."
    assert tag("es", text, "2000-06-01") == [("El próximo lunes", "2000-06-05"),
                                            ("mañana", "2000-06-02"),
                                            ("la mañana", "2000-06-02TMO")]


# ---- the other languages -----------------------------------------------------------


def test_french():
    text = ("Le 7 octobre 2023, le Hamas a attaqué Israël. Trois jours plus tard, l'armée "
            "a riposté. Il y a deux semaines, hier soir et samedi dernier.")
    assert tag("fr", text) == [("Le 7 octobre 2023", "2023-10-07"),
                               ("Trois jours plus tard", "2023-10-10"),
                               ("Il y a deux semaines", "2024-11-16"),
                               ("hier soir", "2024-11-29TEV"), ("samedi dernier", "2024-11-23")]


def test_german():
    text = ("Am 7. Oktober 2023 griff die Hamas Israel an. Drei Tage später reagierte die "
            "Armee. Vor zwei Wochen, gestern und letzte Woche kam es zu Kämpfen.")
    assert tag("de", text) == [("7. Oktober 2023", "2023-10-07"),
                               ("Drei Tage später", "2023-10-10"),
                               ("Vor zwei Wochen", "2024-11-16"), ("gestern", "2024-11-29"),
                               ("letzte Woche", "2024-W47")]
    assert tag("de", "Die Gespräche gehen morgen weiter, am Morgen.") == [("morgen", "2024-12-01")]


def test_russian():
    text = ("7 октября 2023 года ХАМАС напал на Израиль. Спустя три дня армия ответила. "
            "Две недели назад и вчера вечером, а на прошлой неделе в 2011 году.")
    assert tag("ru", text) == [("7 октября 2023 года", "2023-10-07"),
                               ("Спустя три дня", "2023-10-10"),
                               ("Две недели назад", "2024-11-16"),
                               ("вчера вечером", "2024-11-29TEV"),
                               ("прошлой неделе", "2024-W47"), ("2011 году", "2011")]


def test_turkish():
    text = "Hamas 7 Ekim 2023 tarihinde saldırdı. Üç gün sonra ordu karşılık verdi. Dün ve Salı günü."
    assert tag("tr", text) == [("7 Ekim 2023 tarihinde", "2023-10-07"),
                               ("Üç gün sonra", "2023-10-10"), ("Dün", "2024-11-29"),
                               ("Salı günü", "2024-11-26")]
    assert tag("tr", "İki hafta önce geldi.") == [("İki hafta önce", "2024-11-16")]


def test_portuguese():
    text = ("Em 7 de outubro de 2023, o Hamas atacou Israel. Três dias depois, o exército "
            "respondeu. Há duas semanas, ontem e na semana passada.")
    assert tag("pt", text) == [("7 de outubro de 2023", "2023-10-07"),
                               ("Três dias depois", "2023-10-10"),
                               ("Há duas semanas", "2024-11-16"), ("ontem", "2024-11-29"),
                               ("semana passada", "2024-W47")]


def test_dutch():
    text = ("Op 7 oktober 2023 viel Hamas Israël aan. Drie dagen later reageerde het leger. "
            "Twee weken geleden, gisteren en vorige week.")
    assert tag("nl", text) == [("7 oktober 2023", "2023-10-07"),
                               ("Drie dagen later", "2023-10-10"),
                               ("Twee weken geleden", "2024-11-16"), ("gisteren", "2024-11-29"),
                               ("vorige week", "2024-W47")]


def test_arabic():
    text = "هاجمت حماس إسرائيل في 7 أكتوبر 2023. وبعد ثلاثة أيام ردّ الجيش. أمس والأسبوع الماضي."
    assert tag("ar", text) == [("7 أكتوبر 2023", "2023-10-07"),
                               ("بعد ثلاثة أيام", "2023-10-10"), ("أمس", "2024-11-29"),
                               ("الأسبوع الماضي", "2024-W47")]
    assert tag("ar", "في 7 تشرين الأول وقبل أسبوعين") == [("7 تشرين الأول", "2024-10-07"),
                                                          ("قبل أسبوعين", "2024-11-16")]


def test_arabic_weekday_follows_the_future_prefix_not_words_that_begin_like_it():
    # "سيطر" (seized), "ستة" (six), "سيارة" (a car) are no future tense; "سيهاجم" (will attack) is
    assert tag("ar", "سيطر المتمردون على مدينة غوما يوم الأحد.") == [("يوم الأحد", "2024-11-24")]
    assert tag("ar", "قتل ستة أشخاص في انفجار سيارة يوم الاثنين.") == [("يوم الاثنين", "2024-11-25")]
    assert tag("ar", "سيهاجم المتمردون المدينة يوم الاثنين.") == [("يوم الاثنين", "2024-12-02")]


def test_other_languages_without_dct():
    assert tag("fr", "Hier, le 3 mars 2020.", None) == [("Hier", "XXXX-XX-XX"),
                                                        ("le 3 mars 2020", "2020-03-03")]
    assert tag("de", "Am Montag.", None) == [("Montag", "XXXX-WXX-1")]


def test_arabic_proclitics_stay_outside_the_span():
    dct = "2024-12-08"
    assert tag("ar", "ووصل الوفد بالأمس إلى دمشق", dct) == [("الأمس", "2024-12-07")]
    assert tag("ar", "وارتفعت الأسعار مقارنة بالعام الماضي", dct) == [("العام الماضي", "2023")]
    assert tag("ar", "وهو أعلى مستوى للعام الماضي", dct) == [("لعام الماضي", "2023")]
    assert tag("ar", "وعقد الاجتماع فيوم الأحد الماضي", dct) == [("يوم الأحد الماضي", "2024-12-01")]
    assert tag("ar", "وسقطت القذائف مساء السبت", dct) == [("مساء السبت", "2024-12-07TEV")]


def test_indonesian_clock_time_takes_the_date_of_its_sentence():
    text = ("Presiden berbicara pada Senin (2/12/2024). Kapal itu berangkat pukul 06.12 WIB, "
            "Minggu (1/12/2024), dari Surabaya.")
    assert tag("id", text, "2024-12-03") == [
        ("Senin (2/12/2024)", "2024-12-02"), ("pukul 06.12 WIB", "2024-12-01T06:12"),
        ("Minggu (1/12/2024)", "2024-12-01")]
    assert tag("id", "Kapal itu berangkat pada Minggu pagi itu.", "2024-12-03") == [
        ("Minggu pagi itu", "2024-12-01TMO")]
    assert tag("id", "posisi 08 derajat 50 menit 43 detik", "2024-12-03") == []


def test_spanish_units_after_an_event_are_a_duration():
    assert tag("es", "Dos días después del partido , el técnico dimitió .") == [
        ("Dos días", "P2D")]
    assert tag("es", "La votación empezó a las 10.00 GMT .") == [("las 10.00 GMT", "2024-11-30T10:00Z")]


def test_french_night_of_a_weekday():
    assert tag("fr", "Des frappes ont eu lieu dans la nuit de samedi à dimanche.", "2024-12-08") == [
        ("la nuit de samedi à dimanche", "2024-12-07TNI")]
