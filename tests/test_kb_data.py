"""Checks on the curated actor knowledge base (src/sitrep/data/kb/*.yaml).

Why: the KB is hand-written data that the entity linker trusts as ground truth. A typo in a
country code, a duplicated id, a missing script or an alias silently claimed by two actors
would mislink mentions across every corpus, so the invariants are enforced here.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pycountry
import pytest
import yaml

from sitrep.names import surface_key as normalise

KB_DIR = Path(__file__).resolve().parents[1] / "src" / "sitrep" / "data" / "kb"
TYPES = {"PER", "ORG"}
SECTORS = {
    "GOV", "MIL", "REB", "OPP", "PTY", "IGO", "NGO", "MED", "BUS", "COP", "SPY", "JUD",
    "LEG", "REL", "CRM", "INS",
}
REQUIRED = {"id", "type", "name", "country", "sector", "role", "aliases"}
REQUIRED_LANGS = ("en", "ar", "ru")
SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
LANG = re.compile(r"^[a-z]{2}$")
ARABIC = re.compile(r"[\u0600-\u06FF]")
CYRILLIC = re.compile(r"[\u0400-\u04FF]")
PERSIAN_ONLY = set("پچژگکی")  # letters that do not belong in Arabic spellings
ARABIC_ONLY = set("يك")  # Arabic yeh/kaf, written ی/ک in Persian


def _norm(alias: str) -> str:
    """Key under which two aliases count as the same surface form."""
    return " ".join(unicodedata.normalize("NFC", alias).casefold().split())


def _scripts(token: str) -> set[str]:
    """Scripts of the letters in a token (first word of the Unicode name: LATIN, CYRILLIC...)."""
    return {unicodedata.name(ch, "?").split()[0] for ch in token if ch.isalpha()}


class _UniqueKeyLoader(yaml.SafeLoader):
    """SafeLoader that rejects repeated mapping keys (PyYAML keeps the last one silently)."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        keys = [self.construct_object(k, deep=deep) for k, _ in node.value]
        dup = {k for k in keys if keys.count(k) > 1}
        if dup:
            raise yaml.constructor.ConstructorError(None, None, f"duplicate keys {dup}", node.start_mark)
        return super().construct_mapping(node, deep=deep)


def _load() -> list[tuple[str, dict[str, Any]]]:
    docs = []
    for path in sorted(KB_DIR.glob("*.yaml")):
        with path.open(encoding="utf-8") as fh:
            docs.append((path.name, yaml.load(fh, Loader=_UniqueKeyLoader)))
    return docs


DOCS = _load()
ENTRIES = [(name, e) for name, doc in DOCS for e in doc["entities"]]
BY_ID = {e["id"]: e for _, e in ENTRIES}


def test_files_exist_and_have_header() -> None:
    assert DOCS, f"no YAML files in {KB_DIR}"
    for name, doc in DOCS:
        assert isinstance(doc, dict), name
        assert set(doc) <= {"as_of", "entities", "ambiguous_aliases"}, name
        date.fromisoformat(doc["as_of"])
        assert isinstance(doc["entities"], list) and doc["entities"], name
        assert all(isinstance(a, str) for a in doc.get("ambiguous_aliases", [])), name


@pytest.mark.parametrize("fname,entry", ENTRIES, ids=[e["id"] for _, e in ENTRIES])
def test_entry_schema(fname: str, entry: dict[str, Any]) -> None:
    assert REQUIRED <= set(entry), (fname, REQUIRED - set(entry))
    assert SLUG.match(entry["id"]) and entry["id"].isascii()
    assert entry["type"] in TYPES
    assert entry["sector"] in SECTORS
    assert isinstance(entry["name"], str) and entry["name"].strip()
    assert isinstance(entry["role"], str) and entry["role"].strip()
    country = entry["country"]
    # Quoted in YAML where needed: a bare NO (Norway) would load as the boolean False.
    assert country is None or (
        isinstance(country, str) and pycountry.countries.get(alpha_2=country) is not None
    ), country
    aliases = entry["aliases"]
    assert isinstance(aliases, dict)
    for lang in REQUIRED_LANGS:
        assert aliases.get(lang), f"{entry['id']}: no {lang} aliases"
    for lang, forms in aliases.items():
        assert LANG.match(lang), lang
        assert isinstance(forms, list) and forms, (entry["id"], lang)
        assert all(isinstance(f, str) and f.strip() == f and f for f in forms), (entry["id"], lang)
        assert len({_norm(f) for f in forms}) == len(forms), (entry["id"], lang, "duplicate")
    for forms in aliases.values():
        for form in forms:
            # A word mixing scripts is a typo or a homoglyph (Latin "a" in a Cyrillic name).
            mixed = [w for w in form.split() if len(_scripts(w)) > 1]
            assert not mixed, (entry["id"], form)
    assert entry["name"] in aliases["en"], f"{entry['id']}: canonical name not an en alias"
    assert any(ARABIC.search(f) for f in aliases["ar"]), f"{entry['id']}: no Arabic script"
    assert any(CYRILLIC.search(f) for f in aliases["ru"]), f"{entry['id']}: no Cyrillic script"
    assert not any(PERSIAN_ONLY & set(f) for f in aliases["ar"]), f"{entry['id']}: Persian in ar"
    assert not any(ARABIC_ONLY & set(f) for f in aliases.get("fa", [])), f"{entry['id']}: Arabic in fa"


def test_ids_unique() -> None:
    seen: dict[str, str] = {}
    for fname, entry in ENTRIES:
        assert entry["id"] not in seen, f"{entry['id']} in {fname} and {seen[entry['id']]}"
        seen[entry["id"]] = fname


ALLOWED = [a for _, doc in DOCS for a in doc.get("ambiguous_aliases", [])]


def _owners(key: Callable[[str], str], by_type: bool) -> dict[tuple[str, str], set[str]]:
    owners: dict[tuple[str, str], set[str]] = defaultdict(set)
    for _, entry in ENTRIES:
        for forms in entry["aliases"].values():
            for form in forms:
                owners[(entry["type"] if by_type else "", key(form))].add(entry["id"])
    return owners


def test_aliases_not_shared_within_type_unless_allowed() -> None:
    allowed = {_norm(a) for a in ALLOWED}
    owners = _owners(_norm, by_type=True)
    clashes = {k: ids for k, ids in owners.items() if len(ids) > 1 and k[1] not in allowed}
    assert not clashes, clashes


def test_aliases_distinct_under_linker_key() -> None:
    """The linker looks names up by sitrep.names.surface_key (case and marks aside), across
    types: a clash there hands it two candidates, so it must be deliberate."""
    allowed = {normalise(a) for a in ALLOWED}
    owners = _owners(normalise, by_type=False)
    clashes = {k[1]: ids for k, ids in owners.items() if len(ids) > 1 and k[1] not in allowed}
    assert not clashes, clashes


def test_allow_list_entries_are_really_shared() -> None:
    shared = {k[1] for k, ids in _owners(_norm, by_type=True).items() if len(ids) > 1}
    shared |= {k[1] for k, ids in _owners(normalise, by_type=False).items() if len(ids) > 1}
    stale = [a for a in ALLOWED if _norm(a) not in shared and normalise(a) not in shared]
    assert not stale, stale


@pytest.mark.parametrize(
    "entity_id,lang,alias",
    [
        ("vladimir-putin", "ru", "Владимир Путин"),
        ("vladimir-putin", "ar", "فلاديمير بوتين"),
        ("bashar-al-assad", "ar", "بشار الأسد"),
        ("ahmed-al-sharaa", "en", "Abu Mohammed al-Julani"),
        ("ahmed-al-sharaa", "ar", "أحمد الشرع"),
        ("volodymyr-zelensky", "uk", "Володимир Зеленський"),
        ("benjamin-netanyahu", "fr", "Benyamin Netanyahou"),
        ("hamas", "ar", "حماس"),
        ("hezbollah", "fr", "Hezbollah"),
        ("houthis", "en", "Ansar Allah"),
        ("hayat-tahrir-al-sham", "en", "HTS"),
        ("united-nations", "ru", "ООН"),
        ("united-nations", "id", "PBB"),
        ("nato", "fr", "OTAN"),
        ("reuters", "ru", "Рейтер"),
        ("syrian-observatory-for-human-rights", "ar", "المرصد السوري لحقوق الإنسان"),
        ("rapid-support-forces", "ar", "قوات الدعم السريع"),
        ("irgc", "fa", "سپاه پاسداران انقلاب اسلامی"),
    ],
)
def test_well_known_entries(entity_id: str, lang: str, alias: str) -> None:
    assert entity_id in BY_ID
    assert alias in BY_ID[entity_id]["aliases"][lang]


def test_size() -> None:
    counts = defaultdict(int)
    for _, entry in ENTRIES:
        counts[entry["type"]] += 1
    assert counts["PER"] >= 150 and counts["ORG"] >= 150, dict(counts)
