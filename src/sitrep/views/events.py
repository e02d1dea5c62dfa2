"""Canonical events for people: the listing (``sitrep events``), one event with every report
(``sitrep event ID``), and the wording both share with the briefing.

The data are the store's rows (:meth:`~sitrep.store.Store.canonical_events`,
:meth:`~sitrep.store.Store.canonical_event`), which ``--json`` prints as they are; this
module only words and lays them out. Article data reach the terminal through
:func:`~sitrep.views.terminal.plain` inside ``Text`` objects, never as markup.
"""

from __future__ import annotations

from typing import Any

from rich.console import Console, Group
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from sitrep.views.terminal import plain

Row = dict[str, Any]


def kind(row: Row) -> str:
    """"ASSAULT (air strike)"."""
    return row["type"] + (f" ({row['subtype']})" if row.get("subtype") else "")


def participants(row: Row) -> str:
    """"HTS (3), SNA → Syrian army (2)": names with the number of sources naming them."""
    def names(items: list[Row]) -> str:
        return ", ".join(f"{p['name']} ({p['sources']})" if p["sources"] > 1 else p["name"] for p in items)

    who = names(row["actors"]) or "?"
    if row["targets"]:
        who += " → " + names(row["targets"])
    return who


def place(row: Row) -> str:
    parts = [row.get("place_name"), row.get("admin1") if row.get("admin1") != row.get("place_name") else None,
             row.get("country")]
    return ", ".join(p for p in parts if p)


def corroboration(row: Row) -> str:
    """"3 sources, 5 reports, en/ar"."""
    sources = f"{row['sources']} source{'s' if row['sources'] != 1 else ''}"
    reports = f"{row['reports']} report{'s' if row['reports'] != 1 else ''}"
    return f"{sources}, {reports}, {'/'.join(row['languages'])}"


def contradiction_text(c: Row) -> str:
    """"killed: 34 (Al Jazeera (civil defence)) vs 20 (Reuters)"."""
    return (f"{c['field']}: {c['value_a']} ({'; '.join(c['sources_a'])}) "
            f"vs {c['value_b']} ({'; '.join(c['sources_b'])})")


def render_listing(rows: list[Row], console: Console, omitted: int = 0) -> None:
    """A table of canonical events, then how many were left out."""
    if not rows:
        console.print("[yellow]No canonical events match.[/]")
    else:
        table = Table("id", "date", "event", "who → whom", "where", "killed", "sources", "contradictions")
        for r in rows:
            flags = Text("; ".join(plain(contradiction_text(c)) for c in r["contradiction_list"]), style="red")
            table.add_row(
                Text(plain(r["id"]), style="dim"), Text(plain(r.get("date") or "undated")),
                Text(plain(kind(r)), style="bold"), Text(plain(participants(r))), Text(plain(place(r))),
                Text("" if r.get("fatalities") is None else str(r["fatalities"])),
                Text(plain(corroboration(r))), flags,
            )
        console.print(table)
    if omitted:
        console.print(f"[yellow]{omitted} more event(s) not shown: raise --limit, or --limit 0 for all.[/]")


def render_detail(row: Row, console: Console) -> None:
    """One canonical event: its reconciled fields, contradictions, and every report with
    its sentence, outlet, language and date."""
    head = Text(plain(kind(row)), style="bold")
    head.append(f"  {plain(row.get('date') or 'undated')}", style="cyan")
    if place(row):
        head.append(f"  @ {plain(place(row))}", style="green")
    parts: list[Any] = [head, Text(plain(participants(row)))]
    facts = [corroboration(row)]
    if row.get("fatalities") is not None:
        facts.append(f"killed: {row['fatalities']}")
    if row.get("sub_event_type"):
        facts.append(f"ACLED: {row['acled_event_type']} / {row['sub_event_type']}")
    if row.get("first_reported"):
        facts.append(f"first reported {row['first_reported']}, last updated {row['last_updated']}")
    parts.append(Text(plain("; ".join(facts)), style="dim"))
    if row["contradiction_list"]:
        parts.append(Text("Sources disagree", style="bold red"))
        parts += [Text(f"  {plain(contradiction_text(c))}", style="red") for c in row["contradiction_list"]]
    parts.append(Text(f"Reports ({len(row['report_list'])})", style="bold"))
    for r in row["report_list"]:
        line = Text(f"  {plain(r.get('outlet') or r['source'])}", style="bold")
        sentence = r["sentence"] + 1 if r.get("sentence") is not None else "?"
        line.append(plain(f", {r.get('language') or '?'}, {r.get('published') or 'undated'}, "
                          f"{r['article_id']} sentence {sentence}"), style="dim")
        parts.append(line)
        parts.append(Text(f"    “{plain(' '.join((r.get('sentence_text') or r['evidence_text'] or '').split()))}”",
                          style="italic"))
    console.print(Panel(Group(*parts), title=Text(plain(row["id"]))))
