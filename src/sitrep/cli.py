"""The sitrep command line: the verbs are the concepts (ingest, run, report, export, eval ...)."""

from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path
from typing import Annotated

os.environ.setdefault("HF_HUB_OFFLINE", "1")

import typer  # noqa: E402
from rich.console import Console  # noqa: E402
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn  # noqa: E402
from rich.table import Table  # noqa: E402

from sitrep.views.terminal import markup  # noqa: E402

app = typer.Typer(
    help="sitrep: turn a stream of news articles into an evidence-linked picture of what happened.",
    no_args_is_help=True,
    add_completion=False,
)
console = Console()
err = Console(stderr=True)

DbOption = Annotated[
    str, typer.Option("--db", envvar="SITREP_DB", help="SQLite file or postgresql:// URL of the store.")
]
WorkersOption = Annotated[
    int, typer.Option("--workers", "-w", min=1, help="Processes for per-document analysis.")
]
StatusesOption = Annotated[str, typer.Option(
    "--statuses", help="Event statuses that count as happened, comma-separated (reported, planned, threatened, "
                       "hypothetical, negated, denied, background); the others are stored but not counted.")]
StoryLanguageOption = Annotated[str, typer.Option(
    "--story-language", help="Stories take the title of a central article in this language where they have one.")]

EngineOption = Annotated[str, typer.Option(
    "--event-engine", help="trained: the lexicon's events re-read by the language's trained classifier where one "
                           "is shipped (models/EVENTS.md); lexicon: trigger lexicons and the parse alone.")]
MaxCharsOption = Annotated[int, typer.Option(
    "--max-chars", min=0, help="Analyse at most this many characters of one document (0: all); a longer one is "
                               "stored whole, its first part analysed, with a warning.")]


def _settings(statuses: str = "reported", story_language: str = "en", event_engine: str = "lexicon",
              max_chars: int | None = None):
    """Settings from the environment (SITREP_LANGUAGES) and the flags; a bad value exits 2."""
    from sitrep.config import Settings

    try:
        return Settings.from_env(event_statuses=tuple(s.strip() for s in statuses.split(",") if s.strip()),
                                 story_language=story_language.strip().lower(),
                                 event_engine=event_engine.strip().lower(), max_analysed_chars=max_chars)
    except ValueError as exc:
        err.print(f"[red]{markup(exc)}[/]")
        raise typer.Exit(2) from None


def _open_store(db: str, *, create: bool = False):
    """The store at ``db``; only the commands that write may create one (a mistyped
    ``--db`` for ``report`` must not leave an empty database behind and exit 0)."""
    from sitrep.store import Store
    from sitrep.store.dialect import NoStore, redact

    try:
        return Store.open(db, create=create)
    except NoStore as exc:
        err.print(f"[red]No sitrep store at {markup(redact(db, db))} ({markup(redact(str(exc), db))}): "
                  "check --db, or create one with `sitrep ingest`.[/]")
        raise typer.Exit(2) from None
    except Exception as exc:
        err.print(f"[red]Cannot open the store {markup(redact(db, db))}: {markup(redact(str(exc), db))}[/]")
        raise typer.Exit(2) from None


def _progress_factory(progress: Progress):
    def factory(total: int | None):
        task = progress.add_task("Analysing", total=total)
        return lambda n: progress.advance(task, n)

    return factory


def _ingest(paths: list[str], db: str, workers: int, quiet: bool = False, settings=None):
    from sitrep.ingest import read_sources
    from sitrep.runner import run_corpus

    store = _open_store(db, create=True)
    columns = [TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn()]
    with Progress(*columns, console=err, transient=True, disable=quiet or not err.is_terminal) as progress:
        summary = run_corpus(read_sources(paths), store, workers=workers, settings=settings or _settings(),
                             progress_factory=_progress_factory(progress))
    for source, reason in summary.skipped:
        err.print(f"[yellow]skipped[/] {markup(source)}: {markup(reason)}")
    _print_warnings(summary.warnings)
    err.print(
        f"Read {summary.read} article(s): {summary.stored} stored, {summary.already_stored} already stored, "
        f"{len(summary.skipped)} skipped; {summary.entities} entities, {summary.stories} stories "
        f"in {summary.seconds:.1f} s."
    )
    return store, summary


def _print_warnings(warnings: list[tuple[str, str]]) -> None:
    """Per-article notes; a stage's missing language resources are said once per run."""
    from collections import Counter

    from sitrep.analyse.docs import NO_RESOURCES

    coverage = Counter(w for _, w in warnings if NO_RESOURCES in w)
    for source, warning in warnings:
        if NO_RESOURCES not in warning:
            err.print(f"[dim]note[/] {markup(source)}: {markup(warning)}")
    for warning, count in coverage.items():
        err.print(f"[yellow]note[/] {markup(warning)} ({count} article{'s' if count > 1 else ''})")


@app.command()
def ingest(
    paths: Annotated[
        list[str], typer.Argument(help="Files, folders or globs (.txt .md .html .json .jsonl feeds .warc).")
    ],
    db: DbOption = "sitrep.db",
    workers: WorkersOption = 1,
    statuses: StatusesOption = "reported",
    story_language: StoryLanguageOption = "en",
    event_engine: EngineOption = "lexicon",
    max_chars: MaxCharsOption = 200_000,
) -> None:
    """Read, analyse and store articles, then take them into the corpus picture: entities,
    copies and translations, stories and canonical events."""
    store, summary = _ingest(paths, db, workers,
                             settings=_settings(statuses, story_language, event_engine, max_chars))
    store.close()
    if summary.skipped:
        raise typer.Exit(1)


@app.command()
def run(
    paths: Annotated[list[str], typer.Argument(help="Files, folders or globs to read.")],
    db: DbOption = "sitrep.db",
    workers: WorkersOption = 1,
    html_out: Annotated[Path, typer.Option("--html", help="Where to write the HTML briefing.")] = Path(
        "briefing.html"
    ),
    statuses: StatusesOption = "reported",
    story_language: StoryLanguageOption = "en",
    event_engine: EngineOption = "lexicon",
    max_chars: MaxCharsOption = 200_000,
) -> None:
    """The main job: ingest PATHS and print the briefing (also written as HTML)."""
    from sitrep.views.briefing import build_briefing, render_html, render_terminal

    store, summary = _ingest(paths, db, workers,
                             settings=_settings(statuses, story_language, event_engine, max_chars))
    briefings = build_briefing(store)
    store.close()
    render_terminal(briefings, console)
    html_out.write_text(render_html(briefings), encoding="utf-8")
    err.print(f"HTML briefing written to {markup(html_out)}")
    if summary.skipped:
        raise typer.Exit(1)


@app.command()
def report(
    db: DbOption = "sitrep.db",
    html_out: Annotated[Path | None, typer.Option("--html", help="Also write the briefing as HTML.")] = None,
) -> None:
    """Print the briefing of what is in the store."""
    from sitrep.views.briefing import build_briefing, render_html, render_terminal

    store = _open_store(db)
    briefings = build_briefing(store)
    store.close()
    render_terminal(briefings, console)
    if html_out:
        html_out.write_text(render_html(briefings), encoding="utf-8")
        err.print(f"HTML briefing written to {markup(html_out)}")


@app.command()
def export(
    fmt: Annotated[str, typer.Option("--format", "-f", help=(
        "jsonl, csv or parquet (every table); acled (canonical events as ACLED-style CSV, with their "
        "reports), plover (PLOVER JSON) or geojson (one point per canonical event)."))] = "jsonl",
    out: Annotated[Path, typer.Option("--out", "-o", help="Folder for the exported files.")] = Path("export"),
    db: DbOption = "sitrep.db",
) -> None:
    """Write entities, events, canonical events and their reports, places, time expressions,
    quotes and stories as files."""
    from sitrep.views.export import FORMATS
    from sitrep.views.export import export as export_store

    if fmt not in FORMATS:
        err.print(f"[red]Unknown format {markup(repr(fmt))}: use {', '.join(FORMATS)}.[/]")
        raise typer.Exit(2)
    store = _open_store(db)
    notes: list[str] = []
    written = export_store(store, out, fmt, notes)  # type: ignore[arg-type]
    store.close()
    for path in written:
        err.print(f"wrote {markup(path)}")
    for note in notes:
        err.print(f"[yellow]note[/] {markup(note)}")


@app.command()
def search(
    query: Annotated[str, typer.Argument(help="Full-text query (FTS5 syntax on SQLite).")],
    db: DbOption = "sitrep.db",
    limit: Annotated[int, typer.Option(help="Most results to show.")] = 20,
) -> None:
    """Full-text search over stored articles."""
    store = _open_store(db)
    hits = store.search(query, limit=limit)
    store.close()
    for article_id, title, snippet in hits:
        console.print(f"[bold]{markup(title or article_id)}[/] [dim]{markup(article_id)}[/]\n  {markup(snippet)}")
    if not hits:
        err.print("No match.")


LimitOption = Annotated[
    int, typer.Option("--limit", min=0, help="Most rows to show; 0 (the default) shows all.")
]


def _limited(rows: list, limit: int) -> tuple[list, int]:
    """The rows to show and how many are left out; a cut is always said (on stderr)."""
    shown = rows[:limit] if limit else rows
    omitted = len(rows) - len(shown)
    if omitted:
        err.print(f"[yellow]{omitted} more row(s) not shown: raise --limit, or --limit 0 for all.[/]")
    return shown, omitted


@app.command()
def entities(
    db: DbOption = "sitrep.db",
    limit: LimitOption = 0,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")] = False,
) -> None:
    """List resolved entities with aliases, languages, article counts and first/last seen."""
    store = _open_store(db)
    rows = store.entities()
    store.close()
    if as_json:
        rows, _ = _limited(rows, limit)
        print(json.dumps(rows, ensure_ascii=False, indent=1, default=str))
        return
    table = Table("id", "name", "type", "articles", "languages", "first seen", "last seen", "aliases")
    shown = rows[:limit] if limit else rows
    for r in shown:
        aliases = ", ".join(sorted({a["name"] for a in r["aliases"]}))
        cells = (r["id"], r["name"], r["type"], r["article_count"], ",".join(r["languages"]),
                 r["first_seen"] or "", r["last_seen"] or "", aliases)
        table.add_row(*map(markup, cells))
    console.print(table)
    if len(rows) > len(shown):
        console.print(f"[yellow]{len(rows) - len(shown)} more entities not shown: raise --limit, "
                      "or --limit 0 for all.[/]")


@app.command("events")
def events_command(
    db: DbOption = "sitrep.db",
    story: Annotated[str | None, typer.Option("--story", help="Only events reported in this story.")] = None,
    since: Annotated[str | None, typer.Option(
        "--since", help="Only events dated (or, undated, first reported) on or after this ISO date.")] = None,
    min_sources: Annotated[int, typer.Option("--min-sources", min=1,
                                             help="Only events told by at least this many independent sources.")] = 1,
    contradictions: Annotated[bool, typer.Option(
        "--contradictions", help="Only events whose sources disagree.")] = False,
    limit: LimitOption = 0,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")] = False,
) -> None:
    """List canonical events (one per real-world event, across outlets and languages), newest
    first, with independent-source counts and every contradiction between sources."""
    import datetime as dt

    from sitrep.views.events import render_listing

    if since is not None:
        try:
            dt.date.fromisoformat(since[:10] if len(since) >= 10 else f"{since}-01-01"[:10])
        except ValueError:
            err.print(f"[red]--since wants an ISO date (2024-12-08, 2024-12 or 2024), not {markup(repr(since))}.[/]")
            raise typer.Exit(2) from None
    store = _open_store(db)
    rows = store.canonical_events(story_id=story, since=since, min_sources=min_sources, contradictions=contradictions)
    store.close()
    if as_json:
        rows, _ = _limited(rows, limit)
        print(json.dumps(rows, ensure_ascii=False, indent=1, default=str))
        return
    shown = rows[:limit] if limit else rows
    render_listing(shown, console, omitted=len(rows) - len(shown))


def _one(db: str, read, missing: str):
    """One record read from the store, or exit 1 saying what is missing."""
    store = _open_store(db)
    row = read(store)
    store.close()
    if row is None:
        err.print(f"[red]{markup(missing)}[/]")
        raise typer.Exit(1)
    return row


@app.command("event")
def event_command(
    event_id: Annotated[str, typer.Argument(help="A canonical event id from `sitrep events`.")],
    db: DbOption = "sitrep.db",
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON instead of text.")] = False,
) -> None:
    """Show one canonical event with every report behind it: sentence, outlet, language, date."""
    from sitrep.views.events import render_detail

    row = _one(db, lambda store: store.canonical_event(event_id),
               f"No canonical event {event_id!r}: see `sitrep events`.")
    if as_json:
        print(json.dumps(row, ensure_ascii=False, indent=1, default=str))
        return
    render_detail(row, console)


@app.command()
def entity(
    entity_id: Annotated[str, typer.Argument(help="An id from `sitrep entities`.")],
    db: DbOption = "sitrep.db",
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON instead of text.")] = False,
) -> None:
    """Show one entity with every mention in context."""
    row = _one(db, lambda store: store.entity(entity_id), f"No entity {entity_id!r}: see `sitrep entities`.")
    if as_json:
        print(json.dumps(row, ensure_ascii=False, indent=1, default=str))
        return
    console.print(f"[bold]{markup(row['name'])}[/] ({markup(row['type'])}) [dim]{markup(row['id'])}[/]")
    console.print("Aliases: " + markup(", ".join(sorted({a["name"] for a in row["aliases"]}))))
    for m in row["mentions"]:
        context = " ".join((m["sentence_text"] or "").split())
        console.print(f"  [cyan]{markup(m['text'])}[/] in {markup(m['article_id'])} "
                      f"({markup(m['published'] or 'undated')}), sentence {m['sentence'] + 1}: "
                      f"[dim]{markup(context)}[/]")


@app.command()
def serve(
    db: DbOption = "sitrep.db",
    host: Annotated[str, typer.Option("--host", help="Address to listen on; 0.0.0.0 exposes the store to the "
                                                     "network.")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", min=1, max=65535, help="Port to listen on.")] = 8765,
    open_browser: Annotated[bool, typer.Option("--open", help="Open the explorer in the default browser.")] = False,
) -> None:
    """Explore the store in a browser: map, timeline, actor graph, evidence, stories, search.

    Read-only and offline: the page loads nothing from the network, and a JSON API
    (documented at /api/docs) serves everything it shows."""
    import ipaddress

    import uvicorn

    from sitrep.serve.app import create_app
    from sitrep.store.dialect import redact

    store = _open_store(db)
    try:
        loopback = host == "localhost" or ipaddress.ip_address(host).is_loopback
    except ValueError:
        loopback = False
    if not loopback:
        err.print(f"[yellow]Warning: listening on {markup(host)} lets anyone who can reach this machine read the "
                  "whole store (there is no login). Use --host 127.0.0.1 to keep it local.[/]")
    url = f"http://{'127.0.0.1' if host in ('0.0.0.0', '::') else host}:{port}/"
    console.print(f"sitrep explorer on [bold]{markup(url)}[/] over {markup(redact(db, db))} "
                  f"(API: {markup(url)}api/docs). Ctrl+C stops it.")
    if open_browser:
        import threading
        import webbrowser

        threading.Timer(1.0, webbrowser.open, args=(url,)).start()
    try:
        uvicorn.run(create_app(store), host=host, port=port, log_level="warning")
    finally:
        store.close()


@app.command("eval")
def evaluate(
    gold: Annotated[Path, typer.Argument(help="Gold JSONL file in the format of SCHEMA.md.")],
    as_json: Annotated[bool, typer.Option("--json", help="Print the figures as JSON.")] = False,
    workers: WorkersOption = 1,
    event_engine: EngineOption = "lexicon",
) -> None:
    """Run the whole pipeline on a gold file's documents and score it."""
    from sitrep.evaluate.report import render, to_json
    from sitrep.evaluation import evaluate_gold

    if not gold.is_file():
        err.print(f"[red]No such gold file: {markup(gold)}[/]")
        raise typer.Exit(2)
    settings = _settings(event_engine=event_engine)
    started = time.perf_counter()
    result, docs_per_second, warnings = evaluate_gold(gold, workers=workers, settings=settings)
    for warning in [*warnings, *result.get("warnings", [])]:
        err.print(f"[yellow]{markup(warning)}[/]")
    if as_json:
        print(json.dumps(to_json(result, docs_per_second), indent=1))
    else:
        console.print(render(result, docs_per_second))
        err.print(f"{time.perf_counter() - started:.1f} s in all")


@app.command()
def langs(
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")] = False,
) -> None:
    """Per language, which stages sitrep covers (own resources, another language's, or none)."""
    from sitrep.views.languages import STAGE_NOTES, all_coverage

    rows = all_coverage()
    if as_json:
        print(json.dumps([row.to_dict() for row in rows], ensure_ascii=False, indent=1))
        return
    stages = list(rows[0].stages) if rows else []
    table = Table("lang", *stages)
    for row in rows:
        table.add_row(row.code, *[_coverage_cell(row.stages[s]) for s in stages])
    console.print(table)
    console.print("yes: own resources; a code: that language's resources stand in; no: nothing extracted")
    for stage in stages:
        console.print(f"  [b]{stage}[/]: {STAGE_NOTES.get(stage, '')}")


def _coverage_cell(value: str) -> str:
    if value == "yes":
        return "[green]yes[/]"
    if value.startswith("fallback: "):
        return f"[yellow]{value.removeprefix('fallback: ')}[/]"
    return "[red]no[/]"


geo_app = typer.Typer(help="The place gazetteer: import full GeoNames dumps, show what is cached.",
                      no_args_is_help=True)
app.add_typer(geo_app, name="geo")


@geo_app.command("import")
def geo_import(
    files: Annotated[list[Path], typer.Argument(
        help="GeoNames dumps in any order: allCountries.zip or a country file (SY.zip, .txt), "
             "optionally alternateNamesV2.zip and admin1CodesASCII.txt.", exists=True, dir_okay=False)],
) -> None:
    """Add every record of GeoNames dumps, with all its names, to the gazetteer (idempotent)."""
    from rich.progress import DownloadColumn

    from sitrep.geo.importer import import_files, user_db_path

    columns = [TextColumn("{task.description}"), BarColumn(), DownloadColumn(), TextColumn("{task.fields[counts]}"),
               TimeRemainingColumn()]
    with Progress(*columns, console=err, transient=True, disable=not err.is_terminal) as progress:
        tasks: dict[Path, int] = {}

        def advance(report, done: int, total: int) -> None:
            if report.path not in tasks:
                tasks[report.path] = progress.add_task(report.path.name, total=total, counts="")
            progress.update(tasks[report.path], completed=done, counts=report.counts())

        try:
            reports = import_files(files, advance)
        except ValueError as exc:
            err.print(f"[red]{markup(exc)}[/]")
            raise typer.Exit(2) from exc
    for report in reports:
        name = markup(report.path.name)
        for bad in report.bad:
            err.print(f"[yellow]bad line[/] {markup(bad)}")
        if report.bad_count > len(report.bad):
            err.print(f"[yellow]... and {report.bad_count - len(report.bad)} more bad lines in {name}[/]")
        err.print(f"{name} ({report.kind}): {report.lines} lines; {report.counts()}")
    err.print(f"User gazetteer: {markup(user_db_path())}")


@geo_app.command("info")
def geo_info() -> None:
    """Where the gazetteer cache is and how many records it has, by source and kind."""
    from sitrep.geo import Gazetteer
    from sitrep.geo.importer import kind_counts, user_db_path

    base = Gazetteer.load(progress=lambda msg: err.print(f"[dim]building the gazetteer: {msg}[/]")).path
    console.print(f"Cache dir: {markup(base.parent)}")
    table = Table("source", "file", "kind", "records")
    for source, path in (("built", base), ("GeoNames import", user_db_path())):
        counts = kind_counts(path)
        for kind, n in counts.items():
            table.add_row(source, path.name, kind, str(n))
        table.add_row(source, path.name if path.exists() else "(none)", "[b]all[/]", f"[b]{sum(counts.values())}[/]")
    console.print(table)


def main() -> None:  # pragma: no cover - entry point for python -m
    app()


if __name__ == "__main__":  # pragma: no cover
    sys.exit(app())
