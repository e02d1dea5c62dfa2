"""Per-language timex resources: loading the YAML files and compiling the rules.

A language folder ``sitrep/lang/<code>/timex/`` holds three files, as in HeidelTime:

``repattern.yaml``
    named regex pieces (``month: [January, Jan\\.?, ...]``); a piece may use other
    pieces as ``%name``. Case-sensitive pieces (English ``May``) are written
    ``(?-i:May)``: everything else matches in any case.
``normalization.yaml``
    tables from surface form to value (``month: {january: 1}``); keys are lower case.
``rules.yaml``
    ``rules: [{name, type, pattern, value, mod?}]``. ``pattern`` is a regex built from
    the pieces: ``%{g:piece}`` captures the piece as group ``g``, ``%piece`` matches it
    without capturing. ``value`` is a template: ``{g}`` is the text of group ``g``,
    ``{g:table}`` its normalised value, and ``@fn(args)`` calls a function of
    :mod:`sitrep.analyse.timex.values` (``@shift(dct,D,-1)``).

``sitrep/lang/common/timex/`` holds the numeric formats every language shares
(ISO dates, clock times, years); its tables and pieces are merged under each
language's own, and its rules come after the language's rules.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from importlib import resources as importlib_resources
from pathlib import Path

import yaml

from sitrep.analyse.timex.heads import first_words

_PLACEHOLDER = re.compile(r"%\{(\w+):(\w+)\}|%(\w+)")


@dataclass(frozen=True)
class Rule:
    name: str
    type: str
    regex: re.Pattern[str]
    value: str
    mod: str | None = None
    priority: int = 0


@dataclass
class Resources:
    """One language's compiled rules, tables and tense cues."""

    lang: str
    rules: list[Rule]
    tables: dict[str, dict[str, str]]
    index: dict[str, list[Rule]]  # first word (lower case, "#" = digits) -> rules
    always: list[Rule]  # rules whose first word is not known: tried at every word
    cues: re.Pattern[str] | None = None  # tense cue words: groups "future" and "past"
    options: dict[str, object] = field(default_factory=dict)


def lang_dir(code: str) -> Path:
    return Path(str(importlib_resources.files("sitrep") / "lang" / code / "timex"))


@cache
def available_languages() -> tuple[str, ...]:
    """Codes of the languages that have timex rules."""
    root = lang_dir("en").parent.parent
    return tuple(sorted(p.name for p in root.iterdir()
                        if (p / "timex" / "rules.yaml").exists() and p.name != "common"))


def read_yaml(folder: Path, name: str) -> dict:
    """A timex resource file of a folder, or {} when it is missing."""
    path = folder / f"{name}.yaml"
    if not path.exists():
        return {}
    with path.open(encoding="utf-8") as fh:
        return yaml.safe_load(fh) or {}


def _alternation(items: list[object]) -> str:
    alts = sorted({str(i) for i in items}, key=len, reverse=True)
    return "(?:" + "|".join(alts) + ")"


def _expand(pattern: str, pieces: dict[str, str], capture: bool, depth: int = 0) -> str:
    if depth > 5:
        raise ValueError(f"pieces nest too deep in {pattern!r}")

    def sub(m: re.Match[str]) -> str:
        name = m.group(2) or m.group(3)
        if name not in pieces:
            raise KeyError(f"unknown timex piece %{name} in {pattern!r}")
        body = _expand(pieces[name], pieces, False, depth + 1)
        if m.group(1) and capture:
            return f"(?P<{m.group(1)}>{body})"
        return f"(?:{body})"

    return _PLACEHOLDER.sub(sub, pattern)


def load(code: str) -> Resources:
    """Read and compile the resources of one language (plus the shared ones)."""
    common, own = lang_dir("common"), lang_dir(code)
    if not (own / "rules.yaml").exists():
        raise LookupError(f"no timex resources for language {code!r}")
    pieces_raw = {**read_yaml(common, "repattern"), **read_yaml(own, "repattern")}
    pieces = {k: _alternation(v) if isinstance(v, list) else str(v)
              for k, v in pieces_raw.items()}
    tables: dict[str, dict[str, str]] = {}
    for folder in (common, own):
        for name, table in read_yaml(folder, "normalization").items():
            tables.setdefault(name, {}).update({str(k).lower(): str(v) for k, v in table.items()})
    own_rules = read_yaml(own, "rules")
    specs = own_rules.get("rules", []) + read_yaml(common, "rules").get("rules", [])
    flags = re.IGNORECASE
    # proclitics written on the next word (Arabic wa-, fa-, bi-, li- and their
    # combinations): a rule may also start right after one at the start of a word
    clitics = [str(c) for c in own_rules.get("options", {}).get("clitics", [])]
    boundary = "(?:(?<!\\w)" + "".join(f"|(?<=(?<!\\w){re.escape(c)})" for c in clitics) + ")"
    rules: list[Rule] = []
    index: dict[str, list[Rule]] = {}
    always: list[Rule] = []
    for i, spec in enumerate(specs):
        body = _expand(spec["pattern"], pieces, True)
        regex = re.compile(rf"{boundary}(?:{body})(?!\w)", flags)
        rule = Rule(spec["name"], spec["type"], regex, str(spec["value"]), spec.get("mod"),
                    priority=i)
        rules.append(rule)
        heads = first_words(_expand(spec["pattern"], pieces, False), flags)
        if heads is None:
            always.append(rule)
        else:
            for word in heads:
                index.setdefault(word, []).append(rule)

    cues = None
    if "tense_future" in pieces and "tense_past" in pieces:
        cues = re.compile(rf"(?<!\w)(?:(?P<future>{pieces['tense_future']})"
                          rf"|(?P<past>{pieces['tense_past']}))(?!\w)", flags)
    return Resources(code, rules, tables, index, always, cues, own_rules.get("options", {}))
