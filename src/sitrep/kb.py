"""The knowledge base of known actors: curated data files, indexed for name lookup.

The curated entries live in ``sitrep/data/kb/*.yaml`` (people and organisations with
aliases in many languages and scripts, and an ``as_of`` date). This module loads them
once per process and answers "which known actors could this name be?" through the script-preserving
key of :func:`sitrep.names.surface_key`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from importlib import resources

import yaml

from sitrep.names import surface_key


@dataclass(frozen=True, kw_only=True)
class KbEntry:
    id: str
    type: str  # PER or ORG
    name: str
    country: str | None = None
    sector: str | None = None
    role: str | None = None
    aliases: tuple[tuple[str, str], ...] = field(default=())  # (language, alias)


@dataclass
class KnowledgeBase:
    entries: dict[str, KbEntry]
    by_alias: dict[str, tuple[KbEntry, ...]]
    max_alias_words: int
    first_words: frozenset[str] = frozenset()  # first word of every alias key: a cheap pre-check

    def lookup(self, name: str) -> tuple[KbEntry, ...]:
        """Known actors one of whose aliases is ``name`` (case, script and punctuation aside)."""
        return self.by_alias.get(surface_key(name), ())


def _read_entries() -> list[KbEntry]:
    root = resources.files("sitrep") / "data" / "kb"
    entries: list[KbEntry] = []
    if not root.is_dir():
        return entries
    for path in sorted(root.iterdir(), key=lambda p: p.name):
        if not path.name.endswith((".yaml", ".yml")):
            continue
        with path.open(encoding="utf-8") as handle:
            data = yaml.safe_load(handle) or {}
        for raw in data.get("entities", []):
            aliases = tuple(
                (lang, alias)
                for lang, names in (raw.get("aliases") or {}).items()
                for alias in (names or [])
                if alias
            )
            entries.append(
                KbEntry(
                    id=raw["id"],
                    type=raw["type"],
                    name=raw["name"],
                    country=raw.get("country"),
                    sector=raw.get("sector"),
                    role=raw.get("role"),
                    aliases=((("en", raw["name"]),) + aliases),
                )
            )
    return entries


@cache
def load_kb() -> KnowledgeBase:
    """The curated knowledge base, loaded once per process."""
    entries = _read_entries()
    index: dict[str, list[KbEntry]] = {}
    longest = 1
    for entry in entries:
        seen: set[str] = set()
        for _lang, alias in entry.aliases:
            key = surface_key(alias)
            if not key or key in seen:
                continue
            seen.add(key)
            index.setdefault(key, []).append(entry)
            longest = max(longest, len(key.split()))
    return KnowledgeBase(
        entries={e.id: e for e in entries},
        by_alias={k: tuple(v) for k, v in index.items()},
        max_alias_words=min(longest, 8),
        first_words=frozenset(key.split()[0] for key in index),
    )
