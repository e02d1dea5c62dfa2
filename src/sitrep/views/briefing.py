"""The briefing: per story, a dated timeline, key actors, places and quotes, every line cited.

``build_briefing`` reads the store into plain data; ``render_terminal`` (rich) and
``render_html`` (one self-contained file, no scripts or external assets) are thin layers
over it. Every line carries a citation: the article (outlet, date, title) and the index
and text of the sentence it rests on.
"""

from __future__ import annotations

import html
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rich.console import Console, Group
from rich.panel import Panel
from rich.text import Text

from sitrep.views.terminal import plain

Row = dict[str, Any]
MAX_ACTORS = 12
MAX_PLACES = 12


@dataclass(frozen=True)
class Citation:
    number: int
    article_id: str
    outlet: str | None
    published: str | None
    title: str | None
    sentence: int
    sentence_text: str

    @property
    def label(self) -> str:
        return f"[{self.number}]"


@dataclass
class TimelineLine:
    """One canonical event: the reconciled record, its evidence and every report's citation."""

    date: str | None
    type: str
    subtype: str | None
    actors: list[str]
    targets: list[str]
    place: str | None
    evidence: str
    citation: Citation  # the report the evidence comes from
    event_id: str = ""
    sources: int = 1  # independent sources (copies and translations counted once)
    reports: int = 1
    languages: list[str] = field(default_factory=list)
    fatalities: int | None = None
    contradictions: list[str] = field(default_factory=list)  # "killed: 34 (AJ) vs 20 (Reuters)"
    more_citations: list[Citation] = field(default_factory=list)  # the other reports in this story

    @property
    def corroboration(self) -> str:
        return f"{self.sources} source{'s' if self.sources != 1 else ''}"


@dataclass
class QuoteLine:
    speaker: str
    content: str
    citation: Citation


@dataclass
class StoryBriefing:
    id: str
    title: str
    articles: list[Row]
    timeline: list[TimelineLine] = field(default_factory=list)
    actors: list[tuple[str, str, int]] = field(default_factory=list)  # name, type, mentions
    places: list[tuple[str, str | None, int]] = field(default_factory=list)  # name, country, mentions
    quotes: list[QuoteLine] = field(default_factory=list)
    citations: list[Citation] = field(default_factory=list)


class _Citations:
    """Numbers citations per story, one number per (article, sentence)."""

    def __init__(self, articles: dict[str, Row]) -> None:
        self.articles = articles
        self.by_key: dict[tuple[str, int], Citation] = {}

    def cite(self, row: Row) -> Citation:
        key = (row["article_id"], row.get("sentence", -1))
        if key not in self.by_key:
            article = self.articles.get(row["article_id"], {})
            self.by_key[key] = Citation(
                number=len(self.by_key) + 1,
                article_id=row["article_id"],
                outlet=article.get("outlet"),
                published=article.get("published"),
                title=article.get("title"),
                sentence=row.get("sentence", -1),
                sentence_text=" ".join((row.get("sentence_text") or "").split()),
            )
        return self.by_key[key]


def _arg_names(args: list[Row]) -> list[str]:
    return [a.get("entity_name") or a["text"] for a in args]


def _timeline_line(event: Row, articles: dict[str, Row], cites: _Citations) -> TimelineLine | None:
    """A canonical event as a timeline line, cited by its reports inside the story."""
    from sitrep.views.events import contradiction_text

    reports = [r for r in event["report_list"] if r["article_id"] in articles]
    if not reports:
        return None
    lead = next((r for r in reports if (r.get("evidence_text") or "") == (event.get("notes") or "")), reports[0])
    citations = [cites.cite(r) for r in [lead, *(r for r in reports if r is not lead)]]
    return TimelineLine(
        date=event.get("date"), type=event["type"], subtype=event.get("subtype"),
        actors=[a["name"] for a in event["actors"]], targets=[t["name"] for t in event["targets"]],
        place=event.get("place_name"), evidence=lead.get("evidence_text") or "", citation=citations[0],
        event_id=event["id"], sources=event["sources"], reports=event["reports"], languages=event["languages"],
        fatalities=event.get("fatalities"),
        contradictions=[contradiction_text(c) for c in event["contradiction_list"]],
        more_citations=list(dict.fromkeys(c for c in citations[1:] if c != citations[0])),
    )


def _story_title(story: Row, actors: list[tuple[str, str, int]]) -> str:
    """The story's label (its most central article's title, in the preferred language),
    else its first title, else its main actors."""
    if story.get("label"):
        return story["label"]
    titles = [a["title"] for a in story["articles"] if a.get("title")]
    if titles:
        return titles[0]
    if actors:
        return ", ".join(name for name, _, _ in actors[:3])
    return story["id"]


def build_briefing(store, story_id: str | None = None) -> list[StoryBriefing]:
    """The briefing data for every story in the store, largest stories first (or for the
    one story ``story_id``: an empty list when there is none)."""
    out = []
    sources = {a["id"]: a.get("source") for a in store.articles()}
    for story in store.stories():
        if story_id is not None and story["id"] != story_id:
            continue
        for article in story["articles"]:
            article.setdefault("source", sources.get(article["id"]))
        articles = {a["id"]: a for a in story["articles"]}
        cites = _Citations(articles)
        canonical = store.canonical_events(story_id=story["id"], reports=True)
        mentions = store.mentions(story_id=story["id"])
        places = store.places(story_id=story["id"])
        quotes = store.quotes(story_id=story["id"])
        actor_counts: Counter[tuple[str, str]] = Counter(
            (m.get("entity_name") or m["text"], m["label"]) for m in mentions if m["label"] in ("PER", "ORG")
        )
        place_counts: Counter[tuple[str, str | None]] = Counter(
            (p.get("name") or p["text"], p.get("country_code")) for p in places
        )
        actors = [(n, t, c) for (n, t), c in actor_counts.most_common(MAX_ACTORS)]
        briefing = StoryBriefing(
            id=story["id"], title=_story_title(story, actors), articles=story["articles"], actors=actors,
            places=[(n, cc, c) for (n, cc), c in place_counts.most_common(MAX_PLACES)],
        )
        timeline = [_timeline_line(event, articles, cites) for event in canonical]
        timeline = [line for line in timeline if line is not None]
        timeline.sort(key=lambda line: (line.date is None, line.date or "", line.citation.published or ""))
        briefing.timeline = timeline
        briefing.quotes = [
            QuoteLine(
                speaker=(
                    q.get("speaker_entity_name") or q.get("speaker_text") or q.get("speaker_label") or "unnamed source"
                ),
                content=q["text"], citation=cites.cite(q),
            )
            for q in quotes
        ]
        briefing.citations = sorted(cites.by_key.values(), key=lambda c: c.number)
        out.append(briefing)
    return out


def _article_line(article: Row) -> str:
    parts = [article.get("outlet") or "unknown outlet", article.get("published") or "undated"]
    if article.get("language"):
        parts.append(article["language"])
    title = article.get("title") or Path(article.get("source") or article["id"]).name
    return f"{title} ({', '.join(parts)})"


def render_terminal(briefings: list[StoryBriefing], console: Console) -> None:
    """Print the briefing with rich. Every piece of article data goes into a ``Text``
    through :func:`~sitrep.views.terminal.plain`, never into markup: a title is printed
    as it reads, and escape sequences in it never reach the terminal."""
    if not briefings:
        console.print("[yellow]No stories yet: ingest some articles first.[/]")
        return
    for story in briefings:
        parts: list[Any] = [Text("Articles", style="bold")]
        parts += [Text(f"  • {plain(_article_line(a))}") for a in story.articles]
        if story.timeline:
            parts.append(Text("Timeline", style="bold"))
            for line in story.timeline:
                row = Text(f"  {plain(line.date or 'undated'):<10}  ", style="cyan")
                row.append(plain(line.type + (f" ({line.subtype})" if line.subtype else "")), style="bold")
                who = ", ".join(line.actors) or "?"
                if line.targets:
                    who += " → " + ", ".join(line.targets)
                row.append(f"  {plain(who)}")
                if line.place:
                    row.append(f"  @ {plain(line.place)}", style="green")
                if line.fatalities is not None:
                    row.append(f"  {line.fatalities} killed")
                row.append(f"  ({line.corroboration})", style="magenta" if line.sources > 1 else "dim")
                row.append(" " + "".join(c.label for c in [line.citation, *line.more_citations]), style="dim")
                if line.contradictions:
                    row.append("  ⚠ sources disagree", style="bold red")
                parts.append(row)
                parts.append(Text(f"              “{plain(line.evidence)}”", style="dim italic"))
                for disagreement in line.contradictions:
                    parts.append(Text(f"              ⚠ {plain(disagreement)}", style="red"))
        if story.actors:
            parts.append(Text("Key actors: ", style="bold").append(
                plain("; ".join(f"{n} ({t}, {c})" for n, t, c in story.actors))))
        if story.places:
            parts.append(Text("Places: ", style="bold").append(
                plain("; ".join(f"{n}{' ' + cc if cc else ''} ({c})" for n, cc, c in story.places))))
        if story.quotes:
            parts.append(Text("Quotes", style="bold"))
            for quote in story.quotes:
                parts.append(Text(f"  {plain(quote.speaker)}: “{plain(quote.content)}” {quote.citation.label}"))
        if story.citations:
            parts.append(Text("Sources", style="bold"))
            for c in story.citations:
                source = f"{c.outlet or 'unknown outlet'}, {c.published or 'undated'}, sentence {c.sentence + 1}"
                parts.append(Text(f"  {c.label} {plain(source)}: ", style="dim").append(
                    Text(f"“{plain(c.sentence_text)}”", style="dim italic")))
        console.print(Panel(Group(*parts), title=Text(plain(story.title), style="bold"),
                            subtitle=Text(plain(story.id))))


_CSS = """
body{font-family:system-ui,sans-serif;max-width:70rem;margin:2rem auto;padding:0 1rem;color:#222}
h1{font-size:1.6rem} h2{font-size:1.3rem;border-bottom:2px solid #ccc;padding-bottom:.2rem}
h3{font-size:1.05rem;margin-bottom:.3rem} table{border-collapse:collapse;width:100%}
th,td{border-bottom:1px solid #ddd;padding:.3rem .4rem;text-align:left;vertical-align:top}
.evidence{color:#555;font-style:italic} .cite{font-size:.8rem;vertical-align:super}
.sources li{color:#555;font-size:.9rem;margin-bottom:.3rem} .story{margin-bottom:3rem}
.type{font-weight:600} td:first-child{white-space:nowrap} .disagree{color:#b00020;font-size:.9rem}
"""


def _e(value: Any) -> str:
    return html.escape(str(value if value is not None else ""))


def render_html(briefings: list[StoryBriefing], title: str = "sitrep briefing") -> str:
    """The briefing as one self-contained HTML page."""
    out = [f"<!doctype html><html><head><meta charset='utf-8'><title>{_e(title)}</title>",
           f"<style>{_CSS}</style></head><body><h1>{_e(title)}</h1>"]
    if not briefings:
        out.append("<p>No stories yet: ingest some articles first.</p>")
    for story in briefings:
        sid = _e(story.id)
        out.append(f"<section class='story' id='{sid}'><h2>{_e(story.title)}</h2><h3>Articles</h3><ul>")
        out += [f"<li>{_e(_article_line(a))}</li>" for a in story.articles]
        out.append("</ul>")
        if story.timeline:
            out.append("<h3>Timeline</h3><table><tr><th>Date</th><th>Event</th><th>Who → whom</th>"
                       "<th>Where</th><th>Sources</th></tr>")
            for line in story.timeline:
                who = ", ".join(line.actors) or "?"
                if line.targets:
                    who += " → " + ", ".join(line.targets)
                cite = "".join(f"<a class='cite' href='#{sid}-c{c.number}'>{c.label}</a>"
                               for c in [line.citation, *line.more_citations])
                subtype = f" ({_e(line.subtype)})" if line.subtype else ""
                killed = f"<div>{line.fatalities} killed</div>" if line.fatalities is not None else ""
                disagree = "".join(f"<div class='disagree'>⚠ {_e(c)}</div>" for c in line.contradictions)
                out.append(
                    f"<tr id='{_e(line.event_id)}'><td>{_e(line.date or 'undated')}</td>"
                    f"<td><span class='type'>{_e(line.type)}</span>"
                    f"{subtype}<div class='evidence'>“{_e(line.evidence)}”{cite}</div>{disagree}</td>"
                    f"<td>{_e(who)}</td><td>{_e(line.place)}{killed}</td>"
                    f"<td>{_e(line.corroboration)}, {line.reports} report{'s' if line.reports != 1 else ''}"
                    f" ({_e('/'.join(line.languages))})</td></tr>"
                )
            out.append("</table>")
        if story.actors:
            out.append("<h3>Key actors</h3><p>" + "; ".join(
                f"{_e(n)} ({_e(t)}, {c})" for n, t, c in story.actors) + "</p>")
        if story.places:
            out.append("<h3>Places</h3><p>" + "; ".join(
                f"{_e(n)}{' ' + _e(cc) if cc else ''} ({c})" for n, cc, c in story.places) + "</p>")
        if story.quotes:
            out.append("<h3>Quotes</h3><ul>")
            for q in story.quotes:
                out.append(f"<li><b>{_e(q.speaker)}</b>: “{_e(q.content)}”"
                           f"<a class='cite' href='#{sid}-c{q.citation.number}'>{q.citation.label}</a></li>")
            out.append("</ul>")
        if story.citations:
            out.append("<h3>Sources</h3><ol class='sources'>")
            for c in story.citations:
                out.append(
                    f"<li id='{sid}-c{c.number}'>{_e(c.outlet or 'unknown outlet')}, "
                    f"{_e(c.published or 'undated')}, {_e(c.title or c.article_id)}, sentence {c.sentence + 1}: "
                    f"“{_e(c.sentence_text)}”</li>"
                )
            out.append("</ol>")
        out.append("</section>")
    out.append("</body></html>")
    return "\n".join(out)
