"""Per-language resource files: languages are data, the engine is code.

Each language has a folder ``sitrep/lang/<code>/`` with a ``manifest.yaml`` (name,
script facts such as whether the script has capital letters) and YAML resource files
(``entities.yaml``, ``events.yaml``, ``actors.yaml``, ``quotes.yaml``,
``boilerplate.yaml``) plus the time-expression folder ``timex/``. Every file is checked
against :data:`SCHEMA` when it is loaded: a misspelt key or a value of the wrong shape is
a :class:`ResourceError` naming the file and the key, never a silent default. A language
without a file gets an empty dict, and the stage that needed it says so (see
:func:`coverage`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

import yaml

LANG_ROOT = resources.files("sitrep") / "lang"

# The shape of every resource file: key -> expected type (list, dict, str, int, bool).
_TRIGGERS_DOC = "PLOVER type -> list of patterns or {p, sub, noun, territory, verb, requires, unless, pos}"
SCHEMA: dict[str, dict[str, type | tuple[type, ...]]] = {
    "manifest": {
        "code": str, "name": str, "cased": bool, "verb_first": bool, "verb_final": bool, "mood_after": bool,
        "parser": bool,
        "notes": str,
    },
    "events": {
        "triggers": dict, "letters": dict, "prefix": str, "suffix": str, "verb_prefix": str,
        "hypothetical": list, "negation": list, "obligation": list, "intention": list,
        "threat_frames": list, "denial": list, "background": list, "not_event_date": list, "light_verbs": list,
        "responsibility": list, "withheld_speech": list, "ongoing_since": list,
        "agent_markers": list, "target_markers": list, "place_relation": str,
        "cooperative": list, "exclusions": dict, "clause_break": str, "passive": list,
        "passive_aux": list, "passive_trigger": str, "active_form": str,
        "place_prepositions": list, "territory": list, "anaphora": list, "relatives": list,
        "cue_window": int, "verb_first": bool, "acled": dict, "casualties": dict,
        "qualifiers": dict, "numbers": dict, "future_form": str, "genitive_markers": list,
    },
    "actors": {
        "nominal": dict, "demonyms": dict, "letters": dict, "prefix": str, "modifiers": list,
        "pronouns": list, "relatives": list, "unnamed_sources": list, "person_pronouns": list,
        "group_pronouns": list, "weapons": list,
    },
    "quotes": {
        "speaker_first": list, "speaker_after": list, "complementizer": list,
        "skip_after_cue": str, "quote_pairs": list, "min_quote_words": int, "letters": dict,
        "prefix": str, "suffix": str, "speaker_suffix": str, "drops_subjects": bool,
        "speaker_before_quote": bool,
    },
    "entities": {
        "admin_after": list, "admin_before": list, "demonyms_are_names": bool, "event_words": list,
        "given_name_references": bool,
        "hyphen_particles": list, "name_connectors": list, "name_particles": list, "not_names": list,
        "org_before": list, "org_first_words": list, "org_words": list, "person_role_words": list,
        "possessive_endings": list, "site_words": list, "titles": list,
    },
    "grammar": {"determiners": list, "demonym_inflection": list, "toponym_cases": list},
    "boilerplate": {
        "agencies": list, "byline_cues": list, "caption_cues": list, "credit_cues": list,
        "editor_notes": list, "link_cues": list, "promo_cues": list, "social": list,
        "standalone": list, "stopwords": list,
    },
}
TRIGGER_KEYS = frozenset(
    {"p", "sub", "noun", "territory", "verb", "requires", "unless", "pos", "possessor", "genitive", "modal"}
)


class ResourceError(ValueError):
    """A language resource file that does not follow its schema."""


def _check(name: str, where: str, data: Any) -> dict[str, Any]:
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise ResourceError(f"{where}: expected a mapping at the top level, got {type(data).__name__}")
    schema = SCHEMA[name]
    for key, value in data.items():
        if key not in schema:
            known = ", ".join(sorted(schema))
            raise ResourceError(f"{where}: unknown key {key!r} (known keys: {known})")
        if value is not None and not isinstance(value, schema[key]):
            expected = schema[key].__name__ if isinstance(schema[key], type) else str(schema[key])
            raise ResourceError(f"{where}: {key!r} must be a {expected}, got {type(value).__name__}")
        if isinstance(value, list):
            for item in value:
                if isinstance(item, bool) or item is None:
                    # YAML reads a bare no/yes/on/off/null as a boolean or null: a word must be quoted
                    raise ResourceError(f"{where}: {key!r} holds {item!r}; quote words such as \"no\" or \"on\"")
    if name == "events":
        _check_triggers(where, data.get("triggers") or {})
    return data


def _check_triggers(where: str, triggers: dict[str, Any]) -> None:
    from sitrep.model import PLOVER_TYPES

    for plover_type, items in triggers.items():
        if plover_type not in PLOVER_TYPES:
            raise ResourceError(f"{where}: triggers: {plover_type!r} is not a PLOVER root type")
        if not isinstance(items, list):
            raise ResourceError(f"{where}: triggers.{plover_type} must be a list ({_TRIGGERS_DOC})")
        for item in items:
            if isinstance(item, str):
                continue
            if not isinstance(item, dict) or "p" not in item:
                raise ResourceError(f"{where}: triggers.{plover_type}: {item!r} has no pattern 'p'")
            unknown = set(item) - TRIGGER_KEYS
            if unknown:
                raise ResourceError(
                    f"{where}: triggers.{plover_type}: unknown key(s) {sorted(unknown)} in {item!r}"
                )


@cache
def load(language: str, name: str) -> dict[str, Any]:
    """The parsed and checked ``lang/<language>/<name>.yaml``, or ``{}`` when the language lacks it."""
    if name not in SCHEMA:
        raise ResourceError(f"unknown resource {name!r} (known: {', '.join(sorted(SCHEMA))})")
    path = LANG_ROOT / language / f"{name}.yaml"
    if not path.is_file():
        return {}
    with path.open(encoding="utf-8") as handle:
        return _check(name, f"lang/{language}/{name}.yaml", yaml.safe_load(handle))


@cache
def determiners(language: str) -> frozenset[str]:
    """One-word determiners of ``grammar.yaml``, lower case ("the", "el", "les")."""
    return frozenset(str(d).casefold() for d in load(language, "grammar").get("determiners") or () if " " not in str(d))


@cache
def common_words(language: str) -> frozenset[str]:
    """Everyday words of a language as gazetteer keys (:func:`sitrep.geo.names.norm`): the
    treebank-derived ``lang/<language>/common_words.txt`` (scripts/build_common_words.py)
    and every word the language's own lexicons use (weekdays, months, numbers, titles, event
    and actor words): none of them names a place on its own."""
    from sitrep.geo.names import norm

    words: set[str] = set()
    path = LANG_ROOT / language / "common_words.txt"
    if path.is_file():
        words.update(line.strip() for line in path.read_text(encoding="utf-8").splitlines()
                     if line.strip() and not line.startswith("#"))

    def collect(value: Any) -> None:
        if isinstance(value, str):
            words.update(norm(w) for w in re.findall(r"[^\W\d_]{2,}", value))
        elif isinstance(value, dict):
            for key, item in value.items():
                collect(key)
                collect(item)
        elif isinstance(value, list):
            for item in value:
                collect(item)

    def yaml_files(folder: Any) -> list[Any]:
        found = []
        for entry in folder.iterdir():
            if entry.is_dir():
                found += yaml_files(entry)
            elif entry.name.endswith(".yaml"):
                found.append(entry)
        return found

    folder = LANG_ROOT / language
    for yaml_path in yaml_files(folder) if folder.is_dir() else ():
        with yaml_path.open(encoding="utf-8") as handle:
            collect(yaml.safe_load(handle))
    return frozenset(w for w in words if w)


@cache
def languages_with(name: str) -> tuple[str, ...]:
    """Codes of the languages that ship ``<name>.yaml``."""
    return tuple(
        sorted(d.name for d in LANG_ROOT.iterdir() if d.is_dir() and (d / f"{name}.yaml").is_file())
    )


@cache
def languages() -> tuple[str, ...]:
    """Codes of every language that has a manifest."""
    return languages_with("manifest")


@dataclass(frozen=True)
class Manifest:
    """Facts about a language that the engines need."""

    code: str
    name: str
    cased: bool = True  # the script has capital letters (names start with one)
    verb_first: bool = False  # clause-initial verbs are common (VSO): the subject follows the verb
    verb_final: bool = False  # SOV: subject first, object right before the verb, mood after it
    mood_after: bool = False  # negation and mood words may follow the verb ("griff ... nicht an")
    parser: bool = True  # event participants from the dependency parse (False: the parse is too weak)


@cache
def manifest(language: str) -> Manifest:
    """The language's manifest; a language without one is treated as a cased script."""
    data = load(language, "manifest")
    if not data:
        return Manifest(code=language, name=language)
    return Manifest(
        code=data.get("code", language), name=data.get("name", language),
        cased=bool(data.get("cased", True)), verb_first=bool(data.get("verb_first", False)),
        verb_final=bool(data.get("verb_final", False)), mood_after=bool(data.get("mood_after", False)),
        parser=bool(data.get("parser", True)),
    )


def is_cased(language: str) -> bool:
    """Whether names in the language's script start with a capital letter."""
    return manifest(language).cased
