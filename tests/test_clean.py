"""Boilerplate spans: page debris is marked, article content never is.

Why: names and events in "Read more" lists, captions and wire credits belong to other
stories or to nobody; if later stages extract them, the knowledge base fills with false
facts. Marking a real sentence is as bad: its facts are lost. Both directions are
checked on the seeds and on texts written for these tests in several languages.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from sitrep.analyse.clean import LANG_DIR, find_noise, languages
from sitrep.model import NoiseSpan

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
GOLD = SHARED / "eval" / "seeds.gold.jsonl"


def seeds() -> list[tuple[str, str, str | None, list[str]]]:
    if not GOLD.is_file():
        return []
    out = []
    for line in GOLD.read_text(encoding="utf-8").splitlines():
        item = json.loads(line)
        text = item.get("text") or (GOLD.parent / item["text_file"]).read_text(encoding="utf-8")
        out.append((item["id"], text, item["meta"].get("language"), item.get("noise", [])))
    return out


def noise_texts(text: str, language: str | None) -> list[str]:
    spans = find_noise(text, language)
    for span in spans:
        assert isinstance(span, NoiseSpan)
        assert span.text == text[span.start:span.end] and span.sentence == -1 and span.reason
    return [s.text for s in spans]


def covered(text: str, spans: list[NoiseSpan], needle: str) -> bool:
    start = text.find(needle)
    assert start >= 0, needle
    return any(s.start <= start and start + len(needle) <= s.end for s in spans)


def touched(text: str, spans: list[NoiseSpan], needle: str) -> bool:
    start = text.find(needle)
    assert start >= 0, needle
    return any(s.start < start + len(needle) and start < s.end for s in spans)


@pytest.mark.skipif(not GOLD.is_file(), reason="seed gold not available")
@pytest.mark.parametrize("language_override", [False, True])
def test_seed_gold_noise_is_covered_and_nothing_else(language_override: bool) -> None:
    for seed_id, text, language, gold in seeds():
        spans = find_noise(text, None if language_override else language)
        for needle in gold:
            assert covered(text, spans, needle), (seed_id, needle)
        for span in spans:  # nothing outside the gold noise is marked
            assert any(span.text in g or g in span.text for g in gold), (seed_id, span.text)


@pytest.mark.skipif(not GOLD.is_file(), reason="seed gold not available")
def test_seed_content_stays_clean() -> None:
    texts = {seed_id[:3]: (text, lang) for seed_id, text, lang, _ in seeds()}
    text, lang = texts["002"]
    spans = find_noise(text, lang)
    for sentence in (
        "Putin must be in crisis mode",
        "Vladimir Putin must surely be in crisis mode",
        "Both will be under threat unless the Kremlin",
        "Turkey could emerge as an important ally",
        "Trump may be left with little choice",
        "Previously linked to al Qaeda",
        "But the movement has sought to distance itself",
        "Now, having achieved such stunning success",
    ):
        assert not touched(text, spans, sentence), sentence
    text, lang = texts["001"]
    spans = find_noise(text, lang)
    for sentence in ("Tentu saja ada pertanyaan yang lebih luas", "Pemerintah Suriah telah",
                     "Presiden Assad kemungkinan besar"):
        assert not touched(text, spans, sentence), sentence
    text, lang = texts["000"]
    spans = find_noise(text, lang)
    for sentence in ("Named Operation Deterrence of Aggression", "HTS – led by Abu Mohammed",
                     "Has the whole government fled?", "No, Prime Minister al-Jalali"):
        assert not touched(text, spans, sentence), sentence


ENGLISH = (
    'DAMASCUS, Dec 8 (Reuters) - Syrian rebels said on Sunday they had entered the '
    'capital Damascus without meeting resistance from the army.\n'
    'By Jane Doe and Omar Khalil\n'
    '\n'
    'Image caption, Fighters celebrated in Umayyad Square on Sunday morning\n'
    'Abdulaziz Ketaz/AFP via Getty Images\n'
    '\n'
    'Thousands of residents gathered in the main squares, waving the green '
    'opposition flag (Photo by Louai Beshara/AFP). A statue of Hafez al-Assad was '
    'toppled (AP Photo/Omar Sanadiki).\n'
    '\n'
    'Advertisement\n'
    '\n'
    '"The dark era has ended," the rebel commander said in a statement read on state '
    'television.\n'
    '\n'
    'Related:\n'
    'Who is Abu Mohammed al-Julani?\n'
    'Timeline: Thirteen years of war in Syria\n'
    '\n'
    "Russia's bases on alert\n"
    "Moscow said Russia's bases in Syria were on high alert but faced no immediate "
    'threat.\n'
    '\n'
    'The commander addressed the crowd from the steps of the mosque. "We will not '
    'take revenge," he said. "Syria is for all Syrians.\n'
    '\n'
    '"Our doors are open to everyone who laid down their arms."\n'
    '\n'
    'By Sunday evening, the army had withdrawn from its positions around the '
    'airport.\n'
    'Photos taken on Sunday showed crowds in the streets of Homs.\n'
    'Sources, speaking on condition of anonymity, said talks would continue in Doha.\n'
    '\n'
    '"The dark era has ended"\n'
    '\n'
    'Follow us on Facebook and X for the latest updates\n'
    'Sign up for our Middle East newsletter\n'
    'Share | Facebook | Twitter | WhatsApp\n'
    '(Reporting by Jane Doe in Beirut; Editing by John Smith)\n'
)


def test_english_debris_is_marked() -> None:
    found = noise_texts(ENGLISH, "en")
    for debris in (
        "By Jane Doe and Omar Khalil",
        "Image caption, Fighters celebrated in Umayyad Square on Sunday morning",
        "Abdulaziz Ketaz/AFP via Getty Images",
        "(Photo by Louai Beshara/AFP)",
        "(AP Photo/Omar Sanadiki)",
        "Advertisement",
        "Related:",
        "Who is Abu Mohammed al-Julani?",
        "Timeline: Thirteen years of war in Syria",
        '"The dark era has ended"',
        "Follow us on Facebook and X for the latest updates",
        "Sign up for our Middle East newsletter",
        "Share | Facebook | Twitter | WhatsApp",
        "(Reporting by Jane Doe in Beirut; Editing by John Smith)",
    ):
        assert debris in found, debris
    assert len(found) == 14


def test_english_content_is_not_marked() -> None:
    spans = find_noise(ENGLISH, "en")
    for content in (
        "DAMASCUS, Dec 8 (Reuters) -",  # the agency reports the story: content
        "Syrian rebels said on Sunday",
        "Thousands of residents gathered",
        '"The dark era has ended," the rebel commander said',
        "Russia's bases on alert",  # a subheading after the list: it introduces its section
        "Moscow said Russia's bases",
        '"Our doors are open to everyone',  # continues the quote opened before it
        "By Sunday evening, the army had withdrawn",
        "Photos taken on Sunday",
        "Sources, speaking on condition of anonymity",
    ):
        assert not touched(ENGLISH, spans, content), content


def test_link_list_separated_by_blank_lines() -> None:
    text = ("The army withdrew from Hama on Thursday.\n\nMore on this story\n\n"
            "Rebels seize Aleppo in surprise offensive\n\nIran recalls its advisers\n\n"
            "The opposition said it would protect all religious minorities in the city.\n")
    found = noise_texts(text, "en")
    assert found == ["More on this story", "Rebels seize Aleppo in surprise offensive",
                     "Iran recalls its advisers"]


def test_tight_link_list_ends_at_blank_line() -> None:
    text = ("Read more from Example News:\nIsrael strikes weapons depots\nWhy Iran lost Syria?\n\n"
            "What comes next for Syria\nAnalysts expect weeks of bargaining.\n")
    assert noise_texts(text, "en") == ["Read more from Example News:",
                                       "Israel strikes weapons depots", "Why Iran lost Syria?"]


INDONESIAN = (
    'JAKARTA, KOMPAS.com - Pemerintah Indonesia meminta warganya di Suriah untuk '
    'tetap waspada menyusul jatuhnya Damaskus ke tangan kelompok oposisi.\n'
    'Baca juga: Rusia Berikan Suaka kepada Assad dan Keluarganya\n'
    'Kementerian Luar Negeri menyatakan bahwa seluruh warga negara Indonesia di '
    'Damaskus dalam keadaan aman.\n'
    'Foto: ANTARA FOTO/Nama Fotografer\n'
    'Baca juga:\n'
    'Israel Serang Gudang Senjata di Suriah\n'
    'Turki Sambut Pemerintahan Baru Damaskus\n'
    'Duta Besar Indonesia untuk Suriah mengatakan pihaknya terus memantau situasi di '
    'lapangan.\n'
    'Iklan\n'
    'Editor: Siti Rahma\n'
    'Ikuti berita terkini dari kami di Google News\n'
)


def test_indonesian_debris() -> None:
    found = noise_texts(INDONESIAN, "id")
    assert found == [
        "Baca juga: Rusia Berikan Suaka kepada Assad dan Keluarganya",
        "Foto: ANTARA FOTO/Nama Fotografer",
        "Baca juga:",
        "Israel Serang Gudang Senjata di Suriah",
        "Turki Sambut Pemerintahan Baru Damaskus",
        "Iklan",
        "Editor: Siti Rahma",
        "Ikuti berita terkini dari kami di Google News",
    ]


ARABIC = (
    'دمشق (رويترز) - قالت فصائل المعارضة السورية يوم الأحد إنها دخلت العاصمة دمشق '
    'دون مقاومة تذكر من الجيش.\n'
    'اقرأ أيضا:\n'
    'روسيا تمنح الأسد وعائلته حق اللجوء\n'
    'تركيا ترحب بالتغيير في سوريا\n'
    'وقال رئيس الوزراء محمد غازي الجلالي إنه مستعد للتعاون مع أي قيادة يختارها '
    'الشعب.\n'
    'صورة: مقاتلون من المعارضة في ساحة الأمويين\n'
    'إعلان\n'
    'تابعونا على تلغرام\n'
    'المصدر: رويترز\n'
)


def test_arabic_debris() -> None:
    found = noise_texts(ARABIC, "ar")
    assert found == [
        "اقرأ أيضا:",
        "روسيا تمنح الأسد وعائلته حق اللجوء",
        "تركيا ترحب بالتغيير في سوريا",
        "صورة: مقاتلون من المعارضة في ساحة الأمويين",
        "إعلان",
        "تابعونا على تلغرام",
        "المصدر: رويترز",
    ]
    assert not touched(ARABIC, find_noise(ARABIC, "ar"), "وقال رئيس الوزراء")


@pytest.mark.parametrize(("language", "text", "debris"), [
    ("fr", "Les rebelles sont entrés à Damas dimanche.\nLire aussi : Qui sont les rebelles "
           "syriens ?\nPhoto : AFP\nLe président a quitté le pays.", 2),
    ("es", "Los rebeldes entraron en Damasco el domingo.\nLeer más: La caída de Asad\n"
           "Publicidad\nEl presidente abandonó el país.", 2),
    ("de", "Die Rebellen sind am Sonntag in Damaskus eingerückt.\nLesen Sie auch:\n"
           "Was Assads Sturz für Russland bedeutet\nDer Präsident hat das Land verlassen.", 2),
    ("pt", "Os rebeldes entraram em Damasco no domingo.\nLeia também: Quem são os rebeldes\n"
           "O presidente deixou o país.", 1),
    ("ru", "Повстанцы вошли в Дамаск в воскресенье.\nЧитайте также:\nРоссия предоставила "
           "убежище Асаду\nПрезидент покинул страну.", 2),
    ("tr", "Muhalifler pazar günü Şam'a girdi.\nİlgili Haberler\nEsad Moskova'ya kaçtı\n"
           "Cumhurbaşkanı ülkeyi terk etti.", 2),
    ("nl", "De rebellen trokken zondag Damascus binnen.\nLees ook: Wie zijn de rebellen?\n"
           "De president heeft het land verlaten.", 1),
])
def test_other_languages(language: str, text: str, debris: int) -> None:
    found = noise_texts(text, language)
    assert len(found) == debris
    lines = text.splitlines()
    assert lines[0] not in found and lines[-1] not in found
    assert noise_texts(text, None) == found  # unknown language: the union of all files


def test_debris_inside_lines_and_at_the_end() -> None:
    text = (
        "BEIRUT (AP) -- Israeli jets struck targets near Damascus on Tuesday, the army said.\n"
        "Rescue teams searched the rubble for survivors. (Baca juga: Gempa Guncang Sumatera "
        "Barat) Officials said the toll could rise.\n"
        "The court ruled the sanctions lawful. The ruling, 3rd graf pvs.\n"
        "Talks resumed in Geneva ( AP / dpa ) on Wednesday.\n"
        "AFP / Reuters\n"
        "Both sides said they would meet again next month. (aa-kjd)\n"
    )
    found = noise_texts(text, None)
    assert found == ["(Baca juga: Gempa Guncang Sumatera Barat)", "The ruling, 3rd graf pvs.",
                     "(aa-kjd)"]
    text = "(Photo: AFP) Rebels entered Hama on Thursday after the army withdrew.\n"
    assert noise_texts(text, "en") == ["(Photo: AFP)"]
    signed = "Ratusan warga mengungsi ke masjid terdekat, kata petugas. (Hendra Gunawan) \n"
    assert noise_texts(signed, "id") == ["(Hendra Gunawan)"]
    assert noise_texts("The army fired on the crowd (warna merah)\n", "id") == []


def test_prose_lines_that_start_like_cues_are_content() -> None:
    text = ("Related talks in Geneva collapsed on Monday.\n"
            "Read more about the ceasefire terms in the annex published by the United Nations on Monday.\n"
            "Subscribers to the agency's service received the alert first.\n"
            "Share prices in Istanbul rose after the announcement.\n"
            "Watching the news from Beirut, refugees said they hoped to return.\n"
            "Related-party loans to the central bank were frozen.\n"
            "Photo-sharing sites were blocked in Damascus.\n"
            "Source — a senior official in Ankara — said the talks had failed.\n"
            "Listen 2024, the rebels' anthem, was sung in the square.\n"
            "The studio said the game (video edition) would be delayed.\n"
            "by the end of the week the ministry had reopened the airport\n")
    assert noise_texts(text, "en") == []


def test_every_required_language_ships_cues() -> None:
    required = {"en", "id", "ar", "es", "fr", "de", "pt", "ru", "tr", "nl"}
    assert required <= set(languages())
    for code in required:
        data = yaml.safe_load((LANG_DIR / code / "boilerplate.yaml").read_text(encoding="utf-8"))
        for key in ("link_cues", "caption_cues", "promo_cues", "standalone"):
            assert data.get(key), (code, key)
            assert all(isinstance(cue, str) and cue.strip() for cue in data[key]), (code, key)
