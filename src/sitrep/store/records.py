"""What the resolve stage writes into the store, beside the per-article analyses."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(kw_only=True)
class Alias:
    """One name an entity goes by, in one language (``None`` when unknown)."""

    name: str
    language: str | None = None


@dataclass(kw_only=True)
class EntityRecord:
    """A real-world entity seen across articles and languages.

    ``evidence`` says why mentions were merged into it (which alias, which rule, what
    score), so that a merge can be checked and undone; it is stored as JSON.
    """

    id: str
    name: str
    type: str  # PER, ORG or LOC
    kb_id: str | None = None
    aliases: list[Alias] = field(default_factory=list)
    evidence: list[dict[str, Any]] = field(default_factory=list)


@dataclass(kw_only=True)
class EntityAssignment:
    """Mention ``mention`` (index into the article's mentions) refers to ``entity_id``;
    ``None`` clears an earlier assignment."""

    article_id: str
    mention: int
    entity_id: str | None
