"""Per-language resource files: languages are data, the engine is code.

Each language has a folder ``sitrep/lang/<code>/`` of YAML files (``entities.yaml``,
``events.yaml``, ``quotes.yaml`` ...). Stages ask for a resource by language and name and
get a dict; a language without the file gets an empty dict, so a stage degrades to what
its language-independent code can do instead of failing.
"""

from __future__ import annotations

from functools import cache
from importlib import resources
from typing import Any

import yaml

LANG_ROOT = resources.files("sitrep") / "lang"


@cache
def load(language: str, name: str) -> dict[str, Any]:
    """The parsed ``lang/<language>/<name>.yaml``, or ``{}`` when the language lacks it."""
    path = LANG_ROOT / language / f"{name}.yaml"
    if not path.is_file():
        return {}
    with path.open(encoding="utf-8") as handle:
        return yaml.safe_load(handle) or {}


@cache
def languages_with(name: str) -> tuple[str, ...]:
    """Codes of the languages that ship ``<name>.yaml``."""
    return tuple(
        sorted(d.name for d in LANG_ROOT.iterdir() if d.is_dir() and (d / f"{name}.yaml").is_file())
    )
