"""Presenting a ``score`` result: a rich table for people, a flat dict for ``--json``.

The table shows the counts behind every number so that a score can be checked by hand.
"""

from __future__ import annotations

from typing import Any

from rich.table import Table

from sitrep.evaluate.scorers import METRIC_KEYS


def _value(value: float | int | None) -> str:
    if value is None:
        return "-"
    if isinstance(value, int):
        return str(value)
    return f"{value:.3f}"


def _counts(counts: dict[str, Any] | None) -> str:
    if not counts:
        return ""
    if "items" in counts:
        return f"P {counts['precision']:.3f}  R {counts['recall']:.3f}  ({counts['items']} items)"
    if "count" in counts:
        return ", ".join(f"{k} {v}" for k, v in counts.items() if k != "count")
    text = f"{counts['tp']} / {counts['sys']} / {counts['gold']}"
    if "tp_sys" in counts:
        text += f"  (system-side hits {counts['tp_sys']})"
    if "labels" in counts:
        text += f"  ({counts['labels']} labels)"
    return text


def render(result: dict[str, Any], docs_per_second: float) -> Table:
    """A table of metric, value and tp / sys / gold, the speed in the caption."""
    table = Table(title="sitrep eval", caption=f"{docs_per_second:.1f} documents/s")
    table.add_column("metric")
    table.add_column("value", justify="right")
    table.add_column("tp / sys / gold")
    for key in METRIC_KEYS:
        value = result["metrics"].get(key)
        table.add_row(key, _value(value), _counts(result["counts"].get(key)))
    return table


def to_json(result: dict[str, Any], docs_per_second: float) -> dict[str, Any]:
    """Every metric key at top level with its value, plus ``counts`` and the speed."""
    flat: dict[str, Any] = {key: result["metrics"].get(key) for key in METRIC_KEYS}
    flat["counts"] = result["counts"]
    flat["docs_per_second"] = docs_per_second
    return flat
