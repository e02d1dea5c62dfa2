"""Name keys: spellings that travel between scripts meet, different people stay apart."""

from sitrep.names import initials, normalise, variant_key, words


def test_transliteration_variants_of_one_name_share_a_key():
    spellings = ["Abu Mohammed al-Julani", "Abu Mohammed al Jolani", "Abu Muhammad al-Joulani"]
    assert len({variant_key(s) for s in spellings}) == 1
    assert variant_key("al-Golani") == variant_key("al-Julani")


def test_arabic_articles_and_given_name_spellings_fold():
    assert variant_key("Bashar al-Assad") == variant_key("Bashar al Asad")
    assert words("Mohamed el-Sisi") == words("Muhammad al-Sisi")


def test_people_sharing_a_surname_keep_different_keys():
    assert variant_key("Mahmoud Abbas") != variant_key("Ali Abbas")
    assert variant_key("Mahmoud Abbas") != variant_key("Muhammad Abbas")


def test_normalise_ignores_case_punctuation_and_script_marks():
    assert normalise("Hayat Tahrir al-Sham") == normalise("hayat tahrir al sham")
    assert normalise("Erdoğan") == "erdogan"


def test_initials_give_the_acronym():
    assert initials("Hayat Tahrir al-Sham") == "HTS"
    assert initials("Islamic Revolutionary Guard Corps") == "IRGC"
