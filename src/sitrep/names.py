"""How names travel between spellings, scripts and languages.

Two keys are computed for a name. ``normalise`` is the exact-match key (case, diacritics,
punctuation and script removed through anyascii). ``variant_key`` is looser and is used
only to link names that already agree on type and shape: it drops Arabic articles
(al-, el-, ad- ...), unifies the common spellings of frequent Arabic given names and
folds each word's open spelling choices (vowel quality, doubled letters), so that al-Julani, al Jolani and el-Joulani
meet. Mahmoud Abbas and Ali Abbas keep different keys because every word counts.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from anyascii import anyascii

_FOLD = str.maketrans({"o": "u", "e": "i", "y": "i", "g": "j", "q": "k"})
_PUNCT = re.compile(r"[^\w\s]", re.UNICODE)
_SPACE = re.compile(r"\s+")
ARABIC_ARTICLES = frozenset(
    "al el ad ed as es ash esh at et an en ar er az ez ul al-".split()
)
# Spellings of the same Arabic given names, folded to one form before skeletons are made.
_GIVEN_NAME_VARIANTS = {
    "mohammed": "muhammad", "mohammad": "muhammad", "mohamed": "muhammad", "muhammed": "muhammad",
    "mohamad": "muhammad", "muhamad": "muhammad", "mehmet": "muhammad", "mehmed": "muhammad",
    "ahmad": "ahmed", "ahmet": "ahmed", "mahmood": "mahmoud", "mahmud": "mahmoud",
    "hussein": "husayn", "husain": "husayn", "hussain": "husayn", "hossein": "husayn",
    "hassan": "hasan", "omar": "umar", "osama": "usama", "oussama": "usama", "yusuf": "yousef",
    "youssef": "yousef", "yusef": "yousef", "abdel": "abd", "abdul": "abd", "abdal": "abd",
    "abdol": "abd",
}


@lru_cache(maxsize=65536)
def surface_key(name: str) -> str:
    """Exact-match key that keeps the script: case, accents, vowel marks and punctuation aside.

    Used for knowledge-base aliases, which exist per script already: transliterating them
    (as :func:`normalise` does) would make Arabic حماس ("hms") match the Latin "HMS".
    """
    text = unicodedata.normalize("NFD", unicodedata.normalize("NFKC", name).casefold())
    text = "".join(c for c in text if not unicodedata.combining(c)).replace("\u0640", "")  # tatweel
    text = text.replace("'s", " ").replace("’s", " ")
    text = _PUNCT.sub(" ", text)
    return _SPACE.sub(" ", text).strip()


@lru_cache(maxsize=65536)
def normalise(name: str) -> str:
    """Exact-match key: ascii, lower case, punctuation and hyphens as spaces."""
    text = anyascii(unicodedata.normalize("NFC", name)).lower()
    text = text.replace("'s", " ").replace("`", "")
    text = _PUNCT.sub(" ", text)
    return _SPACE.sub(" ", text).strip()


def _skeleton(word: str) -> str:
    """Fold the spelling choices transliteration leaves open.

    o/u and e/i are one vowel each (Jolani, Julani), doubled letters are single (Assad,
    Asad), g/j and q/k fold together (ج and ق are written both ways), dh/th lose the h.
    Vowels are kept otherwise, so Mahmoud and Muhammad stay apart.
    """
    word = word.replace("ou", "u").replace("oo", "u").replace("ee", "i").replace("ei", "i")
    word = word.replace("dh", "d").replace("th", "t")
    word = word.translate(_FOLD)
    return re.sub(r"(.)\1+", r"\1", word)


@lru_cache(maxsize=65536)
def words(name: str) -> tuple[str, ...]:
    """Content words of a name: normalised, Arabic articles dropped, given names unified."""
    out = []
    for word in normalise(name).split():
        if word in ARABIC_ARTICLES:
            continue
        out.append(_GIVEN_NAME_VARIANTS.get(word, word))
    return tuple(out)


@lru_cache(maxsize=65536)
def variant_key(name: str) -> str:
    """Loose key that survives transliteration differences; see the module docstring."""
    return " ".join(_skeleton(w) for w in words(name) if w)


def initials(name: str) -> str:
    """Acronym a name would have: initials of its capitalised words (Hayat Tahrir al-Sham → HTS)."""
    letters = []
    for part in re.split(r"[\s\-]+", name):
        if part and part[0].isupper():
            letters.append(part[0])
    return "".join(letters)
