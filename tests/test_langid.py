from sitrep.analyse.langid import detect_language


def test_detects_indonesian_and_english():
    text = "Pemerintah Suriah telah menggambarkan apa yang terjadi sebagai serangan teroris."
    assert detect_language(text)[0] == "id"
    assert detect_language("The government said the rebels had taken the city overnight.")[0] == "en"


def test_declared_language_is_kept_unless_clearly_contradicted():
    lang, warnings = detect_language("The government said the rebels had taken the city overnight.", "en")
    assert lang == "en" and not warnings
    lang, warnings = detect_language(
        "Pemerintah Suriah telah menggambarkan apa yang terjadi sebagai serangan teroris skala besar.", "en"
    )
    assert lang == "id" and warnings
