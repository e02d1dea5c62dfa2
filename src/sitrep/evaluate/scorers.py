"""Score system output against gold (../shared/eval/SCHEMA.md), independent of the pipeline.

``score`` compares two plain structures: the gold documents (as ``load_gold`` reads
them) and, per gold id, the system's document in the same shape with offsets (a missing
id means the system produced nothing there). A metric is scored over the gold documents
that carry its key, an empty list included; it is ``None`` when no document carries it.

Decisions the schema leaves open, taken here:

* Text comparison ignores case, punctuation and spacing (``align.norm``). Gold items
  without offsets are placed on the text at the first occurrence of their text that no
  other item of the same list holds (longer strings first, word-bounded occurrences
  preferred); system items without offsets are placed the same way.
* Entities: a system entity is linked to every gold entity it shares a mention with,
  nominal gold entities included; events and quotes compare participants through this
  link. System entities flagged nominal count for detection precision only when they
  match a gold entity. ``entities.span_f1`` covers the documents whose gold entities
  carry ``spans`` (and, in such a file, documents with no entity at all).
  ``entities.xdoc_b3_f1`` clusters every matched mention occurrence of the file by gold
  id and by system id.
* Timexes follow TempEval-3; places, events, quotes: see places.py, events.py,
  quotes.py. All matchings are one to one and maximise the number of pairs.
  ``places.resolution_*`` need the system's ``resolved_places`` (the gold-span
  protocol) and are ``None`` when no system document carries that key.
* An F1 with neither system nor gold items is 1 (silence is right on an empty list).
* Stories: documents with a gold ``story``; a system document without a story is a
  cluster of its own.
* ``noise.leaks`` counts system entity occurrences, events and quotes whose
  [start, end) lies inside an occurrence of a gold noise string.

The result is ``{"metrics": {key: value}, "counts": {key: {...}}, "warnings": [...]}``;
counts are tp/sys/gold for F1 metrics (``tp_sys`` where system-side hits differ from
gold items found), precision/recall/items for B-cubed, and the count itself for leaks.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from sitrep.evaluate.align import Span, Tally, locate, prf
from sitrep.evaluate.clusters import b_cubed, pairwise
from sitrep.evaluate.entities import (
    carries_spans,
    detection,
    entity_spans,
    link,
    span_counts,
    xdoc_items,
)
from sitrep.evaluate.events import event_counts, weighted_label_f1, xdoc_pairwise
from sitrep.evaluate.places import e2e_counts, resolution_counts
from sitrep.evaluate.quotes import quote_counts
from sitrep.evaluate.timex import timex_counts

METRIC_KEYS: tuple[str, ...] = (
    "entities.mention_f1",
    "entities.typed_f1",
    "entities.span_f1",
    "entities.xdoc_b3_f1",
    "timex.span_f1_strict",
    "timex.span_f1_relaxed",
    "timex.value_f1",
    "places.resolution_acc161",
    "places.resolution_exact",
    "places.e2e_f1_161",
    "events.f1",
    "events.type_f1",
    "events.xdoc_pairwise_f1",
    "event_types.weighted_f1",
    "quotes.speaker_f1",
    "story.b3_f1",
    "story.pairwise_f1",
    "noise.leaks",
)

Doc = dict[str, Any]
Pairs = list[tuple[Doc, Doc]]


class _Result:
    """Collects metric values and their counts under the schema keys."""

    def __init__(self) -> None:
        self.metrics: dict[str, float | int | None] = dict.fromkeys(METRIC_KEYS)
        self.counts: dict[str, dict[str, Any]] = {}
        self.warnings: list[str] = []

    def tally(self, key: str, tally: Tally) -> None:
        self.metrics[key] = tally.f1()
        self.counts[key] = tally.counts()

    def accuracy(self, key: str, tally: Tally) -> None:
        self.metrics[key] = tally.tp / tally.gold if tally.gold else None
        self.counts[key] = tally.counts()


def _entities(pairs: Pairs, out: _Result) -> None:
    mention, typed = Tally(tp_sys=0), Tally(tp_sys=0)
    items: list[tuple[str, str]] = []
    n_named = 0
    for g, s in pairs:
        gold_e, sys_e = g["entities"], s.get("entities") or []
        for tally, is_typed in ((mention, False), (typed, True)):
            found, counted, right, n_gold = detection(gold_e, sys_e, is_typed)
            tally.add(found, counted, n_gold, right)
        n_named += sum(1 for e in gold_e if not e.get("nominal"))
        items += xdoc_items(g["text"], gold_e, sys_e)
    out.tally("entities.mention_f1", mention)
    out.tally("entities.typed_f1", typed)

    if any(carries_spans(g["entities"]) for g, _ in pairs):
        span = Tally()
        for g, s in pairs:
            if carries_spans(g["entities"]) or not g["entities"]:
                span.add(*span_counts(g["entities"], s.get("entities") or []))
        out.tally("entities.span_f1", span)

    b3 = b_cubed(items)
    if not items:  # nothing matched: right only if there was nothing to match
        silent = prf(0, 0, 0, n_named)[2]
        b3.update(precision=silent, recall=silent, f1=silent)
    out.metrics["entities.xdoc_b3_f1"] = b3["f1"]
    out.counts["entities.xdoc_b3_f1"] = {k: b3[k] for k in ("precision", "recall", "items")}


def _timexes(pairs: Pairs, out: _Result) -> None:
    strict, relaxed, value = Tally(), Tally(), Tally()
    for g, s in pairs:
        st, rt, vt, missing = timex_counts(g["text"], g["timexes"], s.get("timexes") or [])
        strict.add(st.tp, st.sys, st.gold)
        relaxed.add(rt.tp, rt.sys, rt.gold)
        value.add(vt.tp, vt.sys, vt.gold)
        out.warnings += [f"{g['id']}: gold timex {t!r} not found in the text" for t in missing]
    out.tally("timex.span_f1_strict", strict)
    out.tally("timex.span_f1_relaxed", relaxed)
    out.tally("timex.value_f1", value)


def _places(pairs: Pairs, out: _Result) -> None:
    e2e = Tally()
    for g, s in pairs:
        t = e2e_counts(g["text"], g["places"], s.get("places") or [])
        e2e.add(t.tp, t.sys, t.gold)
    out.tally("places.e2e_f1_161", e2e)
    if not any("resolved_places" in s for _, s in pairs):
        return
    near, exact = Tally(), Tally()
    for g, s in pairs:
        n, x = resolution_counts(g["text"], g["places"], s.get("resolved_places") or [])
        near.add(n.tp, n.sys, n.gold)
        exact.add(x.tp, x.sys, x.gold)
    out.accuracy("places.resolution_acc161", near)
    out.accuracy("places.resolution_exact", exact)


def _events(pairs: Pairs, out: _Result) -> None:
    full, types = Tally(), Tally()
    matched: list[tuple[str, str | None, str | None, str]] = []
    for g, s in pairs:
        links = link(g.get("entities") or [], s.get("entities") or [])
        found: list[tuple[int, int]] = []
        system_events = s.get("events") or []
        f, t = event_counts(g["events"], system_events, links, g.get("places") or [], found)
        full.add(f.tp, f.sys, f.gold)
        types.add(t.tp, t.sys, t.gold)
        for si, gi in found:
            matched.append((g["id"], g["events"][gi].get("id"), system_events[si].get("id"), f"{g['id']}#{si}"))
    out.tally("events.f1", full)
    out.tally("events.type_f1", types)
    value, counts = xdoc_pairwise(matched, _has_cross_document_ids(g for g, _ in pairs))
    out.metrics["events.xdoc_pairwise_f1"] = value
    out.counts["events.xdoc_pairwise_f1"] = counts


def _has_cross_document_ids(golds: Iterable[dict[str, Any]]) -> bool:
    """Whether two gold events in different documents carry the same ``id``."""
    documents: dict[str, set[str]] = {}
    for g in golds:
        for event in g.get("events") or []:
            if event.get("id"):
                documents.setdefault(str(event["id"]), set()).add(str(g["id"]))
    return any(len(docs) > 1 for docs in documents.values())


def _quotes(pairs: Pairs, out: _Result) -> None:
    tally = Tally()
    for g, s in pairs:
        links = link(g.get("entities") or [], s.get("entities") or [])
        t = quote_counts(g["text"], g["quotes"], s.get("quotes") or [], links)
        tally.add(t.tp, t.sys, t.gold)
    out.tally("quotes.speaker_f1", tally)


def _noise_spans(text: str, noise: list[Any]) -> list[Span]:
    spans: list[Span] = []
    for piece in noise:
        pattern = re.escape(str(piece))
        found = list(re.finditer(pattern, text)) or list(re.finditer(pattern, text, re.I))
        spans += [(m.start(), m.end()) for m in found if m.end() > m.start()]
    return spans


def _noise(pairs: Pairs, out: _Result) -> None:
    leaks = {"mentions": 0, "events": 0, "quotes": 0}
    for g, s in pairs:
        noise = _noise_spans(g["text"], g["noise"])
        missing = [p for p in g["noise"] if not _noise_spans(g["text"], [p])]
        out.warnings += [f"{g['id']}: noise string {p!r} not found in the text" for p in missing]
        if not noise:
            continue

        def inside(span: Span | None, noise: list[Span] = noise) -> bool:
            return span is not None and any(a <= span[0] and span[1] <= b for a, b in noise)

        leaks["mentions"] += sum(
            inside(sp) for e in s.get("entities") or [] for sp in entity_spans(e)
        )
        for key in ("events", "quotes"):
            items = s.get(key) or []
            leaks[key] += sum(inside(sp) for sp in locate(g["text"], items, "evidence"))
    total = sum(leaks.values())
    out.metrics["noise.leaks"] = total
    out.counts["noise.leaks"] = {"count": total, **leaks}


def _stories(pairs: Pairs, out: _Result) -> None:
    items = [(g["story"], s.get("story")) for g, s in pairs]
    b3, pw = b_cubed(items), pairwise(items)
    out.metrics["story.b3_f1"] = b3["f1"]
    out.counts["story.b3_f1"] = {k: b3[k] for k in ("precision", "recall", "items")}
    out.metrics["story.pairwise_f1"] = pw["f1"]
    out.counts["story.pairwise_f1"] = {k: pw[k] for k in ("tp", "sys", "gold")}


def score(gold_docs: list[Doc], system_docs: dict[str, Doc]) -> dict[str, Any]:
    """Every metric of SCHEMA.md over ``gold_docs``; see the module docstring."""
    out = _Result()
    pairs: Pairs = [
        ({**g, "text": g.get("text") or ""}, system_docs.get(g["id"]) or {}) for g in gold_docs
    ]

    def having(key: str) -> Pairs:
        return [(g, s) for g, s in pairs if isinstance(g.get(key), list)]

    steps = (
        ("entities", _entities),
        ("timexes", _timexes),
        ("places", _places),
        ("events", _events),
        ("quotes", _quotes),
        ("noise", _noise),
    )
    for key, step in steps:
        if chosen := having(key):
            step(chosen, out)
    if labelled := having("event_types"):
        value, counts = weighted_label_f1(
            [(g["event_types"], s.get("event_types") or []) for g, s in labelled]
        )
        out.metrics["event_types.weighted_f1"] = value
        out.counts["event_types.weighted_f1"] = counts
    if storied := [(g, s) for g, s in pairs if isinstance(g.get("story"), str)]:
        _stories(storied, out)
    return {"metrics": out.metrics, "counts": out.counts, "warnings": out.warnings}
