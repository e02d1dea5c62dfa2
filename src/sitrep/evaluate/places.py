"""Toponym resolution on gold spans (the Mordecai 3 protocol) and end-to-end geoparsing.

Resolution: the pipeline is handed the gold place spans and answers in
``resolved_places``; each gold place counts as right when the answer for its exact span
is within 161 km (haversine), or has the right ISO code for a gold country;
``resolution_exact`` requires the GeoNames id, over the gold places that give one.

End to end: a system place matches a gold place when the spans overlap (or, for a gold
place without offsets, the mention matches) and it resolves correctly, one to one. The
whole-picture gold lists one place per distinct surface form, so a system place that
repeats the mention of a gold place and resolves correctly is left out of precision
instead of being charged as false; and where the gold follows that convention (no form
listed twice, some listed form occurring more than once), only the first occurrence of
each system surface form is scored, as the gold would list it. Gold that lists every
occurrence (LGL) is scored occurrence by occurrence.
"""

from __future__ import annotations

from typing import Any

from sitrep.evaluate.align import (
    Tally,
    geo_agrees,
    geo_scorable,
    locate,
    match,
    norm,
    offsets,
    overlaps,
)


def resolution_counts(
    text: str, gold: list[dict[str, Any]], resolved: list[dict[str, Any]]
) -> tuple[Tally, Tally]:
    """acc161 and exact tallies for one document: tp right answers, sys answers given,
    gold places scored."""
    answers = {sp: r for r in resolved if (sp := offsets(r)) is not None}
    near, exact = Tally(), Tally()
    for g, sp in zip(gold, locate(text, gold, "mention"), strict=True):
        if sp is None or not geo_scorable(g):
            continue
        answer = answers.get(sp)
        near.add(int(geo_agrees(answer, g)), int(answer is not None), 1)
        if g.get("geonameid") is not None:
            right = answer is not None and str(answer.get("geonameid")) == str(g["geonameid"])
            exact.add(int(right), int(answer is not None), 1)
    return near, exact


def lists_distinct_forms(text: str, gold: list[dict[str, Any]]) -> bool:
    """Whether the gold lists one place per distinct surface form (the whole-picture
    convention) rather than every occurrence (LGL): no form is listed twice, and some
    listed form occurs more than once in the text."""
    forms = [str(g.get("mention") or "") for g in gold]
    if len({f.casefold() for f in forms}) < len(forms):
        return False
    lowered = text.casefold()
    return any(f and lowered.count(f.casefold()) > 1 for f in forms)


def _first_of_each_form(system: list[dict[str, Any]], spans: list, forms: list[str]) -> list[int]:
    """Indices of the system places that are the first occurrence of their surface form."""
    order = sorted(range(len(system)), key=lambda i: (spans[i] or (10**12,))[0])
    seen: set[str] = set()
    keep = []
    for i in order:
        if forms[i] not in seen:
            seen.add(forms[i])
            keep.append(i)
    return sorted(keep)


def e2e_counts(text: str, gold: list[dict[str, Any]], system: list[dict[str, Any]]) -> Tally:
    """End-to-end tally for one document (see the module docstring)."""
    if system and lists_distinct_forms(text, gold):
        forms = [norm(s.get("mention")) for s in system]
        system = [system[i] for i in _first_of_each_form(system, locate(text, system, "mention"), forms)]
    g_spans = locate(text, gold, "mention")
    s_spans = locate(text, system, "mention")
    g_forms = [norm(g.get("mention")) for g in gold]
    s_forms = [norm(s.get("mention")) for s in system]

    def same_place(s: int, g: int) -> bool:
        a, b = s_spans[s], g_spans[g]
        if a is not None and b is not None and overlaps(a, b):
            return True
        return offsets(gold[g]) is None and bool(g_forms[g]) and s_forms[s] == g_forms[g]

    def weight(s: int, g: int) -> float:
        return 1.0 if same_place(s, g) and geo_agrees(system[s], gold[g]) else 0.0

    pairs = match(len(system), len(gold), weight)
    matched = {s for s, _ in pairs}
    repeats = sum(
        1
        for s in range(len(system))
        if s not in matched
        and any(
            s_forms[s] and s_forms[s] == g_forms[g] and geo_agrees(system[s], gold[g])
            for g in range(len(gold))
        )
    )
    return Tally(len(pairs), len(system) - repeats, len(gold))
