"""Events (full match and type alone) and document-level event classification.

A system event matches a gold event when the PLOVER root types agree, at least one
system actor is linked to a gold actor or one system target to a gold target (entity
linking, see entities.py; waived when the gold names neither), and, where the gold gives
a date or a place, the dates are within one day or the places agree. Places agree when
the system's place entity is linked to the gold place entity, or when the system's
``place_geo`` lies within 161 km of (or, for a country, has the code of) the gold
``places`` item whose ``entity`` is the gold place. Matching is one to one; optional
gold events are matched too, and a system event that lands on one is left out of
precision (neither right nor wrong), as the optional gold event is left out of recall.

Type alone (``events.type_f1``) compares, per document, the multiset of system types
with the multiset of required gold types; system events beyond the required count of a
type are absorbed by optional gold events of that type before they count as false.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from typing import Any

from sitrep.evaluate.align import Tally, geo_agrees, match
from sitrep.evaluate.entities import Link


def event_type(item: dict[str, Any]) -> str:
    """Root type without a ``PLOVER:`` prefix, upper case."""
    t = str(item.get("type") or "").strip().upper()
    return t.removeprefix("PLOVER:")


def _day(value: Any) -> dt.date | None:
    try:
        return dt.date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def _linked(ids: Any, link: Link) -> set[str]:
    return set().union(*(link.get(str(i), set()) for i in ids or [] if i is not None))


def _participants_agree(s: dict[str, Any], g: dict[str, Any], link: Link) -> bool:
    g_actors, g_targets = set(g.get("actors") or []), set(g.get("targets") or [])
    if not g_actors and not g_targets:
        return True
    return bool(
        _linked(s.get("actors"), link) & g_actors or _linked(s.get("targets"), link) & g_targets
    )


def _when_where_agree(
    s: dict[str, Any], g: dict[str, Any], link: Link, gold_geo: dict[str, dict[str, Any]]
) -> bool:
    g_day, g_place = _day(g.get("date")), g.get("place")
    if g_day is None and not g_place:
        return True
    s_day = _day(s.get("date"))
    if g_day is not None and s_day is not None and abs((s_day - g_day).days) <= 1:
        return True
    if not g_place:
        return False
    if s.get("place") is not None and g_place in link.get(str(s["place"]), set()):
        return True
    geo = gold_geo.get(str(g_place))
    return geo is not None and geo_agrees(s.get("place_geo"), geo)


def event_counts(
    gold: list[dict[str, Any]],
    system: list[dict[str, Any]],
    link: Link,
    gold_places: list[dict[str, Any]],
    pairs_out: list[tuple[int, int]] | None = None,
) -> tuple[Tally, Tally]:
    """Full-match and type-alone tallies for one document; ``pairs_out`` receives the
    matched (system index, gold index) pairs, optional gold events included."""
    gold_geo: dict[str, dict[str, Any]] = {}
    for p in gold_places:
        if p.get("entity") is not None:
            gold_geo.setdefault(str(p["entity"]), p)

    def weight(s: int, g: int) -> float:
        se, ge = system[s], gold[g]
        ok = (
            event_type(se) == event_type(ge)
            and _participants_agree(se, ge, link)
            and _when_where_agree(se, ge, link, gold_geo)
        )
        return 0.0 if not ok else (0.5 if ge.get("optional") else 1.0)

    pairs = match(len(system), len(gold), weight)
    if pairs_out is not None:
        pairs_out.extend(pairs)
    required = [g for g in gold if not g.get("optional")]
    on_optional = sum(1 for _, g in pairs if gold[g].get("optional"))
    tp = len(pairs) - on_optional
    full = Tally(tp, len(system) - on_optional, len(required))

    req = Counter(event_type(g) for g in required)
    opt = Counter(event_type(g) for g in gold if g.get("optional"))
    types = Tally(0, 0, len(required))
    for t, n in Counter(event_type(s) for s in system).items():
        hit = min(n, req[t])
        types.add(hit, hit + max(0, n - req[t] - opt[t]), 0)
    return full, types


def _labels(values: Any) -> set[str]:
    return {str(v).strip().casefold() for v in values or [] if str(v).strip()}


def weighted_label_f1(pairs: list[tuple[list[Any], list[Any]]]) -> tuple[float, dict[str, int]]:
    """Per-label F1 weighted by gold support over (gold labels, system labels) per document,
    as scikit-learn's ``average="weighted"`` (CASE 2021 task 2). Labels compare
    case-insensitively. Documents with no gold label count for precision. When no gold
    label occurs at all the score is 1 if the system gave no label either, else 0.
    Counts: micro tp over the gold labels, all system labels, all gold labels."""
    gold_sets = [_labels(g) for g, _ in pairs]
    sys_sets = [_labels(s) for _, s in pairs]
    support = Counter(label for labels in gold_sets for label in labels)
    counts = {
        "tp": sum(len(g & s) for g, s in zip(gold_sets, sys_sets, strict=True)),
        "sys": sum(len(s) for s in sys_sets),
        "gold": sum(support.values()),
        "labels": len(support),
    }
    if not support:
        return (0.0 if counts["sys"] else 1.0), counts
    total = 0.0
    for label, n in support.items():
        tp = sum(1 for g, s in zip(gold_sets, sys_sets, strict=True) if label in g and label in s)
        predicted = sum(1 for s in sys_sets if label in s)
        total += n * (2 * tp / (predicted + n))
    return total / counts["gold"], counts


def xdoc_pairwise(
    matched: list[tuple[str, str | None, str | None, str]], file_has_pairs: bool = True
) -> tuple[float | None, dict[str, int]]:
    """Cross-document event identity (SCHEMA.md ``events.xdoc_pairwise_f1``).

    ``matched`` holds one item per gold event matched to a system event: (document id,
    gold ``id`` or None, the system event's canonical id or None, a unique key of the
    system event). Over every pair of such items in different documents: gold-same when
    both gold ids are set and equal, system-same when both canonical ids are set and
    equal (an event without one is its own). Returns F1 and the counts. F1 is None when
    the file has no gold-same pair (``file_has_pairs`` false), and 0 when it has some but
    the system matched none of their events: missing every shared event is a failure,
    not an absence of data."""
    both = gold_same = system_same = 0
    for i, (doc_a, gold_a, sys_a, key_a) in enumerate(matched):
        for doc_b, gold_b, sys_b, key_b in matched[i + 1:]:
            if doc_a == doc_b:
                continue
            g = gold_a is not None and gold_a == gold_b
            s = (sys_a or key_a) == (sys_b or key_b)
            gold_same += g
            system_same += s
            both += g and s
    counts = {"tp": both, "sys": system_same, "gold": gold_same}
    if not gold_same:
        return (0.0 if file_has_pairs else None), counts
    precision = both / system_same if system_same else 0.0
    recall = both / gold_same
    return (2 * precision * recall / (precision + recall) if precision + recall else 0.0), counts
