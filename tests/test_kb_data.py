"""Checks on the curated actor knowledge base (src/sitrep/data/kb/*.yaml).

Why: the KB is hand-written data that the entity linker trusts as ground truth. A typo in a
country code, a duplicated id, a missing script or an alias silently claimed by two actors
would mislink mentions across every corpus, so the invariants are enforced here.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from datetime import date
from pathlib import Path
from typing import Any

import pycountry
import pytest
import yaml

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


def _norm(alias: str) -> str:
    """Key under which two aliases count as the same surface form."""
    return " ".join(unicodedata.normalize("NFC", alias).casefold().split())


def _load() -> list[tuple[str, dict[str, Any]]]:
    docs = []
    for path in sorted(KB_DIR.glob("*.yaml")):
        with path.open(encoding="utf-8") as fh:
            docs.append((path.name, yaml.safe_load(fh)))
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
    assert country is None or pycountry.countries.get(alpha_2=country) is not None, country
    aliases = entry["aliases"]
    assert isinstance(aliases, dict)
    for lang in REQUIRED_LANGS:
        assert aliases.get(lang), f"{entry['id']}: no {lang} aliases"
    for lang, forms in aliases.items():
        assert LANG.match(lang), lang
        assert isinstance(forms, list) and forms, (entry["id"], lang)
        assert all(isinstance(f, str) and f.strip() == f and f for f in forms), (entry["id"], lang)
        assert len({_norm(f) for f in forms}) == len(forms), (entry["id"], lang, "duplicate")
    assert entry["name"] in aliases["en"], f"{entry['id']}: canonical name not an en alias"
    assert any(ARABIC.search(f) for f in aliases["ar"]), f"{entry['id']}: no Arabic script"
    assert any(CYRILLIC.search(f) for f in aliases["ru"]), f"{entry['id']}: no Cyrillic script"


def test_ids_unique() -> None:
    seen: dict[str, str] = {}
    for fname, entry in ENTRIES:
        assert entry["id"] not in seen, f"{entry['id']} in {fname} and {seen[entry['id']]}"
        seen[entry["id"]] = fname


def test_aliases_not_shared_within_type_unless_allowed() -> None:
    allowed = {_norm(a) for _, doc in DOCS for a in doc.get("ambiguous_aliases", [])}
    owners: dict[tuple[str, str], set[str]] = defaultdict(set)
    for _, entry in ENTRIES:
        for forms in entry["aliases"].values():
            for form in forms:
                owners[(entry["type"], _norm(form))].add(entry["id"])
    clashes = {
        key: ids for key, ids in owners.items() if len(ids) > 1 and key[1] not in allowed
    }
    assert not clashes, clashes
    used = {key[1] for key, ids in owners.items() if len(ids) > 1}
    assert allowed <= used, f"allow-listed but not shared: {allowed - used}"


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
