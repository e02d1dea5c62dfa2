"""What sitrep covers in each language: the data model behind ``sitrep langs``.

A stage either has resources for a language (its own lexicon, rules or model), falls back
to another language's (named), or has none and extracts nothing there. The run output
says so once per language; this view lists it all.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

from sitrep import resources
from sitrep.analyse.syntax import Parser
from sitrep.analyse.timex.resources import available_languages as timex_languages
from sitrep.config import DEFAULT_LANGUAGES
from sitrep.ner.tagger import LATIN_CYRILLIC, MULTILINGUAL, models_dir

# stage -> the resource file that gives it its language knowledge
_STAGE_FILES = (
    ("clean", "boilerplate"),
    ("cues", "entities"),
    ("events", "events"),
    ("actors", "actors"),
    ("quotes", "quotes"),
)
STAGE_NOTES = {
    "ner": "statistical name tagger (models/ner-<code>)",
    "parser": "dependency parser for event participants (models/parse-<code>); without it, word order",
    "timex": "time-expression rules (lang/<code>/timex)",
    "clean": "link lists, captions, credits (lang/<code>/boilerplate.yaml)",
    "cues": "titles, organisation words, particles (lang/<code>/entities.yaml)",
    "events": "event trigger lexicon (lang/<code>/events.yaml)",
    "actors": "unnamed actors and demonyms (lang/<code>/actors.yaml)",
    "quotes": "speech cues (lang/<code>/quotes.yaml)",
}


@dataclass(frozen=True)
class LanguageCoverage:
    code: str
    name: str
    stages: dict[str, str]  # stage -> "yes", "fallback: <code>" or "no"

    def to_dict(self) -> dict:
        return asdict(self)


def coverage(code: str) -> LanguageCoverage:
    """The coverage of every stage in one language."""
    stages: dict[str, str] = {}
    if (models_dir() / f"ner-{code}.crfsuite").is_file():
        stages["ner"] = "yes"
    elif code in LATIN_CYRILLIC:
        stages["ner"] = f"fallback: {MULTILINGUAL}"
    else:
        stages["ner"] = "no"
    stages["parser"] = "yes" if Parser.available(code) else "no"
    stages["timex"] = "yes" if code in timex_languages() else "fallback: en"
    for stage, name in _STAGE_FILES:
        present = bool(resources.load(code, name))
        if present:
            stages[stage] = "yes"
        elif name in ("entities", "boilerplate"):  # the stages read English cues instead
            stages[stage] = "fallback: en"
        else:
            stages[stage] = "no"
    return LanguageCoverage(code=code, name=resources.manifest(code).name, stages=stages)


def all_coverage() -> list[LanguageCoverage]:
    """Coverage of every language with a manifest, the default languages first."""
    codes = list(dict.fromkeys([*DEFAULT_LANGUAGES, *resources.languages()]))
    return [coverage(code) for code in codes]
