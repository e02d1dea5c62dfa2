"""People referred to by their role, once the article has named them.

"Defence Minister Ali Abbas ... the defence minister said" : the second phrase is Ali
Abbas. The entity stage drops titles from names; this stage reads them back (the title
words right before each person's first mention, from the language's ``entities.yaml``)
and points event participants and quote speakers that are only a role description at
the person who holds that role in the article. A role held by two people stays unlinked.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache

from sitrep import resources
from sitrep.model import Argument, Event, Mention, Quote, participants


@cache
def _titles(language: str) -> tuple[str, ...]:
    data = resources.load(language, "entities") or resources.load("en", "entities")
    return tuple(sorted({str(t).lower() for t in data.get("titles", [])}, key=len, reverse=True))


@cache
def _determiners(language: str) -> tuple[str, ...]:
    return tuple(f"{d.lower()} " for d in resources.load(language, "grammar").get("determiners") or ())


def _role_key(text: str, language: str) -> str:
    key = " ".join(text.lower().split())
    for det in _determiners(language):
        if key.startswith(det):
            return key[len(det):]
    return key


def role_holders(text: str, language: str, mentions: Sequence[Mention]) -> dict[str, int]:
    """Role phrase (lower case) → index of the one person mention it introduces."""
    holders: dict[str, set[int]] = {}
    first_of_cluster: dict[int, int] = {}
    for index, mention in enumerate(mentions):
        if mention.label != "PER":
            continue
        first_of_cluster.setdefault(mention.cluster, index)
        before = " ".join(text[max(0, mention.start - 60) : mention.start].lower().split())
        # "El nuevo presidente chileno, Ricardo Lagos": a title set off by a comma, an
        # adjective or two after it, introduces the name too
        apposition = " ".join(before.rstrip(" ,").split()[-3:]) if before.endswith(",") else ""
        for title in _titles(language):
            if before.endswith(title) or _has_word(apposition, title):
                holders.setdefault(title, set()).add(first_of_cluster[mention.cluster])
                break
    return {role: next(iter(ids)) for role, ids in holders.items() if len(ids) == 1}


def _has_word(phrase: str, words: str) -> bool:
    return f" {words} " in f" {phrase} "


def _link(arg: Argument, holders: dict[str, int], language: str) -> None:
    if arg.mention is None:
        key = _role_key(arg.text, language)
        index = holders.get(key)
        if index is None and len(key.split()) <= 3:  # "el presidente chileno", "the Chilean president"
            index = next((holders[title] for title in _titles(language) if title in holders and _has_word(key, title)),
                         None)
        if index is not None:
            arg.mention, arg.nominal = index, False


def link_roles(
    text: str, language: str, mentions: Sequence[Mention], events: Sequence[Event], quotes: Sequence[Quote]
) -> None:
    """Point role-only participants and speakers at the person holding the role (in place)."""
    holders = role_holders(text, language, mentions)
    if not holders:
        return
    for arg in participants(events, quotes):
        _link(arg, holders, language)
