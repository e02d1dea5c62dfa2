"""Entity detection, CoNLL span F1, and the entity linking the other scorers rely on.

Inside one document a system entity is linked to every gold entity with which it shares
a mention (normalised: case, punctuation and spacing ignored), nominal gold entities
included. Event actors, targets and places and quote speakers are compared through this
link, so a system that finds "the regime" and calls it the actor of an attack gets the
credit the gold gives to ``syrian-government``.
"""

from __future__ import annotations

from typing import Any

from sitrep.evaluate.align import norm

Link = dict[str, set[str]]  # system entity id -> linked gold entity ids


def _forms(entity: dict[str, Any]) -> set[str]:
    return {n for n in (norm(m) for m in entity.get("mentions") or []) if n}


def link(gold_entities: list[dict[str, Any]], sys_entities: list[dict[str, Any]]) -> Link:
    """System entity id -> ids of the gold entities it shares a mention with."""
    gold_forms = [(str(g.get("id")), _forms(g)) for g in gold_entities]
    out: Link = {}
    for s in sys_entities:
        forms = _forms(s)
        out.setdefault(str(s.get("id")), set()).update(
            gid for gid, gforms in gold_forms if forms & gforms
        )
    return out


def _type(entity: dict[str, Any]) -> str:
    return str(entity.get("type") or "").upper()


def detection(
    gold_entities: list[dict[str, Any]],
    sys_entities: list[dict[str, Any]],
    typed: bool,
) -> tuple[int, int, int, int]:
    """(gold found, system counted, system right, gold) for one document.

    A gold entity (nominal ones excepted) is found when a system entity shares one of its
    mentions (and, if ``typed``, its type). A system entity is wrong only when it shares
    no mention with any gold entity (of its type); system entities flagged nominal are
    counted only when they are right, as gold nominals are never missed.
    """
    gold = [(g, _forms(g)) for g in gold_entities]
    named = [(g, f) for g, f in gold if not g.get("nominal")]
    system = [(s, _forms(s)) for s in sys_entities]

    def agree(s: dict[str, Any], sf: set[str], g: dict[str, Any], gf: set[str]) -> bool:
        return bool(sf & gf) and (not typed or _type(s) == _type(g))

    found = sum(1 for g, gf in named if any(agree(s, sf, g, gf) for s, sf in system))
    counted = right = 0
    for s, sf in system:
        ok = any(agree(s, sf, g, gf) for g, gf in gold)
        if ok or not s.get("nominal"):
            counted += 1
            right += ok
    return found, counted, right, len(named)


def carries_spans(gold_entities: list[dict[str, Any]]) -> bool:
    """Whether a document's gold entities give their occurrences (``spans``)."""
    return any("spans" in g for g in gold_entities)


def entity_spans(entity: dict[str, Any]) -> set[tuple[int, int]]:
    """The well-formed ``[start, end]`` pairs of an entity's ``spans``."""
    out = set()
    for sp in entity.get("spans") or []:
        if isinstance(sp, list | tuple) and len(sp) == 2 and all(isinstance(x, int) for x in sp):
            out.add((sp[0], sp[1]))
    return out


def span_counts(
    gold_entities: list[dict[str, Any]], sys_entities: list[dict[str, Any]]
) -> tuple[int, int, int]:
    """(tp, system, gold) of CoNLL exact-span exact-type matching for one document.

    Occurrences are (start, end, type) triples; repeated ones count once. Gold nominal
    spans are not gold; a system span that lands on one is not counted, and spans of
    system entities flagged nominal count only when they are right.
    """
    gold, nominal = set(), set()
    for g in gold_entities:
        if g.get("nominal"):
            nominal |= entity_spans(g)
        else:
            gold |= {(a, b, _type(g)) for a, b in entity_spans(g)}
    system = set()
    for s in sys_entities:
        for a, b in entity_spans(s):
            occ = (a, b, _type(s))
            if occ in gold or not ((a, b) in nominal or s.get("nominal")):
                system.add(occ)
    return len(gold & system), len(system), len(gold)


def xdoc_items(
    text: str,
    gold_entities: list[dict[str, Any]],
    sys_entities: list[dict[str, Any]],
) -> list[tuple[str, str]]:
    """(gold id, system id) for every matched mention occurrence of one document.

    A system occurrence (a span of a system entity) is matched when its text equals a
    mention of a named gold entity (normalised) and, where that gold entity lists its
    ``spans``, lies exactly on one of them. A system entity without spans contributes
    one item per mention form it shares with a gold entity. These pairs feed the
    cross-document B-cubed score of ids.
    """
    by_form: dict[str, list[dict[str, Any]]] = {}
    for g in gold_entities:
        if not g.get("nominal"):
            for form in _forms(g):
                by_form.setdefault(form, []).append(g)

    def gold_at(form: str, span: tuple[int, int]) -> dict[str, Any] | None:
        """The gold entity of that form whose spans hold ``span`` (or that lists none)."""
        fits = [g for g in by_form.get(form, []) if "spans" not in g or span in entity_spans(g)]
        return fits[0] if fits else None

    items: dict[Any, tuple[str, str]] = {}
    for s in sys_entities:
        sid = str(s.get("id"))
        spans = entity_spans(s)
        if not spans:
            for form in _forms(s):
                if form in by_form:
                    items[(sid, form)] = (str(by_form[form][0].get("id")), sid)
            continue
        for a, b in spans:
            g = gold_at(norm(text[a:b]), (a, b))
            if g is not None:
                items.setdefault((a, b), (str(g.get("id")), sid))
    return list(items.values())
