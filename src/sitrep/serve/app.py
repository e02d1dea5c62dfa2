"""The explorer's web application: a read-only JSON API over the store, and the page.

The page (``static/``) uses nothing but this API, so whatever it shows a script can fetch
too; the API is described at ``/api/docs`` from the OpenAPI document FastAPI derives from
these signatures. Every response carries a Content-Security-Policy that allows scripts
from this server only, and the store's connections are opened read-only, so neither a
hostile article nor a bug in the page can run code or change the store.
"""

from __future__ import annotations

import json
import re
from dataclasses import asdict
from pathlib import Path
from typing import Annotated, Any

from fastapi import Depends, FastAPI, HTTPException, Query, Request
from fastapi.responses import FileResponse, JSONResponse, RedirectResponse
from fastapi.staticfiles import StaticFiles
from sqlalchemy import event, select

from sitrep.store import Store
from sitrep.store import explore as ex
from sitrep.store.schema import articles, event_reports

STATIC = Path(__file__).with_name("static")
CSP = ("default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
       "connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; "
       "frame-ancestors 'none'")
_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")

Row = dict[str, Any]


class JSON(JSONResponse):
    """JSON written straight from the query's dicts. FastAPI's own encoding walks every
    value first, which costs more than the query itself on a timeline of 5,000 days."""

    def render(self, content: Any) -> bytes:
        return json.dumps(content, ensure_ascii=False, separators=(",", ":"), default=str).encode("utf-8")


def _read_only(store: Store) -> None:
    """Every connection the server opens refuses to write."""
    def on_connect(dbapi_connection: Any, _record: Any) -> None:
        cursor = dbapi_connection.cursor()
        if store.dialect == "sqlite":
            cursor.execute("PRAGMA query_only = ON")
        else:
            cursor.execute("SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY")
        cursor.close()
        if store.dialect != "sqlite":
            dbapi_connection.commit()

    store.engine.dispose()  # connections opened before this hook would still write
    event.listen(store.engine, "connect", on_connect)


def _date(value: str | None, name: str) -> str | None:
    if value in (None, ""):
        return None
    if not _DATE.match(value):
        raise HTTPException(422, f"{name} must be a date written YYYY, YYYY-MM or YYYY-MM-DD, not {value!r}")
    return value


def _list(value: str | None) -> tuple[str, ...]:
    return tuple(v.strip() for v in (value or "").split(",") if v.strip())


def _bbox(value: str | None) -> tuple[float, float, float, float] | None:
    if not value:
        return None
    try:
        west, south, east, north = (float(v) for v in value.split(","))
    except ValueError:
        raise HTTPException(422, "bbox must be four numbers: west,south,east,north") from None
    if not (-90 <= south <= north <= 90):
        raise HTTPException(422, "bbox: south and north must be latitudes with south <= north")
    return west, south, east, north


def event_filter(
    since: Annotated[str | None, Query(description="Events on or after this date (YYYY[-MM[-DD]]).")] = None,
    until: Annotated[str | None, Query(description="Events on or before this date (YYYY[-MM[-DD]]).")] = None,
    type: Annotated[str | None, Query(description="PLOVER event types, comma-separated.")] = None,
    country: Annotated[str | None, Query(description="ISO 3166-1 alpha-2 country codes, comma-separated.")] = None,
    actor: Annotated[str | None, Query(description="An entity id (or agent code) as actor or target.")] = None,
    story: Annotated[str | None, Query(description="A story id.")] = None,
    language: Annotated[str | None, Query(description="A language some report is written in (ISO 639-1).")] = None,
    min_sources: Annotated[int, Query(ge=1, description="At least this many independent sources.")] = 1,
    bbox: Annotated[str | None, Query(description="west,south,east,north in degrees.")] = None,
    q: Annotated[str | None, Query(description="Words that an article reporting the event contains.")] = None,
    contradictions: Annotated[bool, Query(description="Only events whose sources disagree.")] = False,
) -> ex.EventFilter:
    return ex.EventFilter(
        since=_date(since, "since"), until=_date(until, "until"), types=_list(type), countries=_list(country),
        actor=actor or None, story=story or None, language=language or None, min_sources=min_sources,
        bbox=_bbox(bbox), q=(q or "").strip() or None, contradictions=contradictions,
    )


Filter = Annotated[ex.EventFilter, Depends(event_filter)]
Limit = Annotated[int, Query(ge=0, le=ex.MAX_PAGE, description="Rows per page.")]
Offset = Annotated[int, Query(ge=0, description="Rows to skip.")]


def create_app(store: Store) -> FastAPI:
    """The explorer over ``store``, which it reads and never writes."""
    _read_only(store)
    api = FastAPI(title="sitrep explorer API", version="1", docs_url=None, redoc_url=None, default_response_class=JSON,
                  openapi_url="/api/openapi.json",
                  description="Read-only access to a sitrep store: canonical events with their reports and "
                              "sources, stories, entities, and full-text search. Every list is paged and says "
                              "its total.")
    api.state.store = store

    def read(query: Any, *args: Any) -> Any:
        with store.engine.connect() as conn:
            return query(conn, *args)

    @api.middleware("http")
    async def security_headers(request: Request, call_next: Any) -> Any:
        response = await call_next(request)
        response.headers["Content-Security-Policy"] = CSP
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["Referrer-Policy"] = "no-referrer"
        response.headers["X-Frame-Options"] = "DENY"
        return response

    @api.get("/api/meta", tags=["filters"], summary="What the store holds: counts, filter values, date range")
    def meta() -> JSON:
        facts = read(ex.facets)
        facts["stories"] = store.count_stories()
        facts["entities"] = store.count_entities()
        facts["dialect"] = store.dialect
        return JSON(facts)

    @api.get("/api/events", tags=["events"], summary="Canonical events matching the filters, newest first")
    def events(f: Filter, limit: Limit = 100, offset: Offset = 0) -> JSON:
        page = read(ex.events_page, f, limit, offset)
        page["filter"] = f.as_dict()
        return JSON(page)

    @api.get("/api/events/{event_id}", tags=["events"],
             summary="One canonical event: every report with its sentence in its paragraph, outlet, language, "
                     "date and URL, and the contradictions between sources")
    def event_detail(event_id: str) -> JSON:
        found = read(ex.event_detail, event_id)
        if found is None:
            raise HTTPException(404, f"no event {event_id!r}")
        return JSON(found)

    @api.get("/api/timeline", tags=["events"], summary="Events per day and type for the filters")
    def timeline(f: Filter) -> JSON:
        return JSON(read(ex.timeline, f))

    @api.get("/api/map", tags=["events"],
             summary="Located events for the map; grid cells (sized by zoom) when there are many")
    def map_points(f: Filter, zoom: Annotated[int, Query(ge=0, le=18)] = 2) -> JSON:
        return JSON(read(ex.map_points, f, zoom))

    @api.get("/api/graph", tags=["events"], summary="Actor → target edges with event counts for the filters")
    def graph(f: Filter, max_edges: Annotated[int, Query(ge=1, le=1000)] = ex.GRAPH_EDGES) -> JSON:
        return JSON(read(ex.graph, f, max_edges))

    @api.get("/api/stories", tags=["stories"], summary="Stories, largest first, with their articles")
    def stories(limit: Limit = 100, offset: Offset = 0) -> JSON:
        rows = store.stories()
        return JSON({"total": len(rows), "limit": limit, "offset": offset, "stories": rows[offset:offset + limit]})

    @api.get("/api/stories/{story_id}", tags=["stories"],
             summary="One story's briefing: timeline of canonical events, actors, places, quotes, citations")
    def story(story_id: str) -> JSON:
        from sitrep.views.briefing import build_briefing

        found = build_briefing(store, story_id=story_id)
        if not found:
            raise HTTPException(404, f"no story {story_id!r}")
        return JSON(asdict(found[0]))

    @api.get("/api/entities", tags=["entities"], summary="Entities, most widely reported first")
    def entities(q: Annotated[str | None, Query(description="Part of a name or alias.")] = None,
                 type: Annotated[str | None, Query(description="PER, ORG or LOC.")] = None,
                 limit: Limit = 100, offset: Offset = 0) -> JSON:
        rows = store.entities()
        if type:
            rows = [r for r in rows if r["type"] == type]
        if q:
            needle = q.casefold()
            rows = [r for r in rows if needle in r["name"].casefold()
                    or any(needle in a["name"].casefold() for a in r["aliases"])]
        for r in rows:
            r.pop("evidence", None)
        return JSON({"total": len(rows), "limit": limit, "offset": offset, "entities": rows[offset:offset + limit]})

    @api.get("/api/entities/{entity_id}", tags=["entities"],
             summary="One entity: aliases across languages, mentions in context, the events it takes part in")
    def entity(entity_id: str) -> JSON:
        found = store.entity(entity_id)
        if found is None:
            raise HTTPException(404, f"no entity {entity_id!r}")
        found["events"] = read(ex.events_page, ex.EventFilter(actor=entity_id), 100, 0)
        return JSON(found)

    @api.get("/api/articles/{article_id}", tags=["articles"],
             summary="One article: its metadata and text, and the canonical events it reports")
    def article(article_id: str) -> JSON:
        with store.engine.connect() as conn:
            found = conn.execute(select(articles).where(articles.c.id == article_id)).first()
            if found is None:
                raise HTTPException(404, f"no article {article_id!r}")
            row = {k: v for k, v in found._mapping.items() if k not in ("seq", "warnings")}
            row["events"] = sorted({r[0] for r in conn.execute(
                select(event_reports.c.canonical_id).where(event_reports.c.article_id == article_id))})
        return JSON(row)

    @api.get("/api/search", tags=["search"],
             summary="Full-text search over articles (FTS5 on SQLite, tsvector on PostgreSQL), with the events "
                     "each article reports and the entities whose names match")
    def search(q: Annotated[str, Query(min_length=1, description="Words, all of which must occur.")],
               limit: Annotated[int, Query(ge=1, le=500)] = 50) -> JSON:
        hits = store.search(q, limit)
        ids = [article_id for article_id, _, _ in hits]
        with store.engine.connect() as conn:
            meta = {r.id: r for r in conn.execute(
                select(articles.c.id, articles.c.outlet, articles.c.published, articles.c.language, articles.c.url)
                .where(articles.c.id.in_(ids or [""])))}
            reported: dict[str, list[str]] = {}
            for article_id, canonical_id in conn.execute(
                    select(event_reports.c.article_id, event_reports.c.canonical_id).distinct()
                    .where(event_reports.c.article_id.in_(ids or [""]))
                    .order_by(event_reports.c.article_id, event_reports.c.canonical_id)):
                reported.setdefault(article_id, []).append(canonical_id)
            names = ex.names_matching(conn, q)
        found = [{"id": article_id, "title": title, "snippet": snippet, "outlet": meta[article_id].outlet,
                  "published": meta[article_id].published, "language": meta[article_id].language,
                  "url": meta[article_id].url, "events": reported.get(article_id, [])}
                 for article_id, title, snippet in hits if article_id in meta]
        return JSON({"q": q, "articles": found, "entities": names})

    @api.exception_handler(HTTPException)
    async def http_error(_request: Request, exc: HTTPException) -> JSONResponse:
        return JSONResponse({"error": exc.detail}, status_code=exc.status_code)

    @api.get("/api/docs", include_in_schema=False)
    def docs() -> FileResponse:
        return FileResponse(STATIC / "docs.html")

    @api.get("/", include_in_schema=False)
    def index() -> FileResponse:
        return FileResponse(STATIC / "index.html")

    @api.get("/api", include_in_schema=False)
    def api_root() -> RedirectResponse:
        return RedirectResponse("/api/docs")

    api.mount("/static", StaticFiles(directory=STATIC), name="static")
    return api
