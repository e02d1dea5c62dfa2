"""Name normalisation shared by the gazetteer index and the lookups.

A toponym is written in many ways ("Ḩalab", "HALAB", "al-Raqqa", "the Gaza Strip",
"Syria's", "U.S."); the index and the queries must meet on one key. Keys are case-folded,
stripped of diacritics and punctuation, and Arabic letter variants are folded. Articles
that news writing adds or drops ("the", Arabic al-/el-/ال) are removed as extra variants.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_APOSTROPHES = "'’‘`´ʼʻ"
_ARABIC_FOLD = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ة": "ه", "ى": "ي",
                              "ـ": None, "ؤ": "و", "ئ": "ي"})
_PUNCT = re.compile(r"[^\w\s]+", re.UNICODE)
_SPACES = re.compile(r"\s+")
# Latin transcriptions of the Arabic article, assimilated or not (al-Raqqa, ar-Raqqah, as-Suwayda).
_AR_ARTICLE = re.compile(r"^(?:al|el|ar|as|ad|ash|at|az|an|adh|ath|ad-d)\s+(?=\w{3,})")
_SUFFIX = re.compile(r"['’`´ʼ]\w{0,5}$")
_SAINT = re.compile(r"^(?:saint|st|ste|sainte|san|santa)\s")


@lru_cache(maxsize=200_000)
def norm(text: str) -> str:
    """The index key of a name: case-folded, no diacritics, no punctuation, single spaces."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if unicodedata.category(ch) != "Mn")
    text = text.casefold().translate(_ARABIC_FOLD)
    for ch in _APOSTROPHES:
        text = text.replace(ch, "")
    text = text.replace(".", "")
    text = _PUNCT.sub(" ", text)
    text = _SPACES.sub(" ", text).strip()
    if text.startswith("the "):
        text = text[4:]
    return text


def article_variants(key: str) -> list[str]:
    """Keys without a leading Arabic article (Latin or Arabic script), if there is one."""
    out = []
    stripped = _AR_ARTICLE.sub("", key)
    if stripped != key:
        out.append(stripped)
    if key.startswith("ال") and len(key) > 4:
        out.append(key[2:])
    return out


def with_and_without_article(key: str) -> list[str]:
    """A key's forms with and without the Arabic article: the article stripped
    (:func:`article_variants`), or added to an Arabic word that has none ("ثورة" and "الثورة")."""
    stripped = article_variants(key)
    if stripped or not key or not "\u0600" <= key[0] <= "\u06ff":
        return stripped
    return ["ال" + key]


def query_keys(text: str) -> list[str]:
    """Keys to try for a surface form, best first: without a possessive or case suffix
    ("Syria's", Turkish "Suriye'de"), then the form itself, then without article."""
    keys = [norm(text)]
    suffix = _SUFFIX.search(text)
    if suffix and suffix.start() >= 2:
        keys.insert(0, norm(text[:suffix.start()]))
    for key in list(keys):
        keys.extend(article_variants(key))
        if _SAINT.match(key):
            keys.append("st " + key.split(" ", 1)[1])
    seen: list[str] = []
    for key in keys:
        if key and key not in seen:
            seen.append(key)
    return seen


def inflect(form: str, language: str) -> set[str]:
    """Regular inflections of a demonym/adjective so that one base form in the data file
    covers plural, feminine and case forms ("Syrian" -> "Syrians"; "sirio" -> "sirias").
    The rules are the language's ``demonym_inflection`` (``lang/<code>/grammar.yaml``)."""
    out = {form}
    for rule in _inflection_rules(language):
        ends = rule.get("ends")
        if ends and not form.endswith(tuple(ends)):
            continue
        stem = form[: len(form) - int(rule.get("drop", 0))]
        out |= {template.replace("{}", stem) for template in rule.get("forms", ())}
        break
    return out


@lru_cache(maxsize=64)
def _inflection_rules(language: str) -> tuple[dict, ...]:
    from sitrep.resources import load

    return tuple(load(language, "grammar").get("demonym_inflection") or ())


def base_forms(surface: str, language: str) -> list[str]:
    """Dictionary forms a case-inflected place name may come from, by the language's
    ``toponym_cases`` (``lang/<code>/grammar.yaml``): Russian "в Сирии" is "Сирия", "в
    Лондоне" "Лондон", "в Афинах" "Афины"; Arabic "بدمشق" (in Damascus) is "دمشق". A rule
    replaces an ending (``ends``) or a prefix (``starts``) by each of its ``bases``. Every
    word of the name is tried (at most 16 combinations); the surface itself is not among them."""
    rules = _case_rules(language)
    if not rules:
        return []
    options = []
    for word in surface.split():
        forms = [word]
        for starts, ends, bases in rules:
            if ends and word.endswith(ends) and len(word) - len(ends) >= 3:
                forms += [word[: len(word) - len(ends)] + base for base in bases]
            if starts and word.startswith(starts) and len(word) - len(starts) >= 3:
                forms += [base + word[len(starts):] for base in bases]
        options.append(list(dict.fromkeys(forms)))
    out: list[str] = [""]
    for forms in options:
        out = [f"{head} {form}".strip() for head in out for form in forms][:16]
    return [form for form in out if form != surface]


@lru_cache(maxsize=64)
def _case_rules(language: str) -> tuple[tuple[str, str, tuple[str, ...]], ...]:
    from sitrep.resources import load

    rules = load(language, "grammar").get("toponym_cases") or ()
    return tuple((str(r.get("starts", "")), str(r.get("ends", "")), tuple(str(b) for b in r.get("bases", ())))
                 for r in rules)
