"""Cluster comparison: B-cubed and pairwise F1 of system labels against gold labels.

Used for stories (items are documents) and for cross-document entity ids (items are
matched mention occurrences). Each item carries one gold and one system label; a
``None`` system label is a cluster of its own.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Hashable, Sequence

from sitrep.evaluate.align import prf


def _labels(items: Sequence[tuple[Hashable, Hashable | None]]) -> list[tuple[Hashable, Hashable]]:
    return [(g, ("__single__", i) if s is None else s) for i, (g, s) in enumerate(items)]


def b_cubed(items: Sequence[tuple[Hashable, Hashable | None]]) -> dict[str, float]:
    """B-cubed precision, recall and F1 averaged over items (``items``: their count)."""
    pairs = _labels(items)
    n = len(pairs)
    if n == 0:
        return {"precision": 1.0, "recall": 1.0, "f1": 1.0, "items": 0}
    both = Counter(pairs)
    gold = Counter(g for g, _ in pairs)
    system = Counter(s for _, s in pairs)
    p = sum(both[(g, s)] / system[s] for g, s in pairs) / n
    r = sum(both[(g, s)] / gold[g] for g, s in pairs) / n
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": p, "recall": r, "f1": f, "items": n}


def _pairs(counter: Counter) -> int:
    return sum(c * (c - 1) // 2 for c in counter.values())


def pairwise(items: Sequence[tuple[Hashable, Hashable | None]]) -> dict[str, float]:
    """Pairwise F1: item pairs put together by the system (``sys``) and by the gold
    (``gold``), ``tp`` the pairs together in both; 1 when neither puts any pair together."""
    pairs = _labels(items)
    tp = _pairs(Counter(pairs))
    n_sys = _pairs(Counter(s for _, s in pairs))
    n_gold = _pairs(Counter(g for g, _ in pairs))
    p, r, f = prf(tp, n_sys, tp, n_gold)
    return {"precision": p, "recall": r, "f1": f, "tp": tp, "sys": n_sys, "gold": n_gold}
