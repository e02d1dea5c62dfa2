"""Everything that differs between SQLite and PostgreSQL, kept in one place.

The rest of the store is plain SQLAlchemy Core. What remains here: turning a path or
URL into an engine (with SQLite's per-connection pragmas), ``INSERT ... ON CONFLICT``
(both dialects spell it the same way, but through their own ``insert``), and full-text
search: an FTS5 table over title and text in SQLite, an expression GIN index over a
``simple`` tsvector in PostgreSQL (``simple`` because articles come in any language).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any
from urllib.parse import unquote

from sqlalchemy import Connection, Engine, Table, create_engine, event, text
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import make_url

# Marks around matched words in search snippets.
MARK_START = "["
MARK_END = "]"

_FTS_TABLE = "articles_fts"
_PG_TSVECTOR = "to_tsvector('simple', coalesce(title, '') || ' ' || text)"


class NoStore(LookupError):
    """There is no database at the path (and it was not to be created)."""


def engine_for(url_or_path: str, *, create: bool = True) -> Engine:
    """An engine for a bare path (an SQLite file) or a database URL.

    With ``create=False`` an SQLite file that does not exist raises :class:`NoStore`
    instead of being created (with its folders) by the first connection.
    """
    if "://" not in url_or_path:
        path = Path(url_or_path).expanduser()
        if create:
            path.parent.mkdir(parents=True, exist_ok=True)
        url = make_url(f"sqlite:///{path}")
    else:
        url = make_url(url_or_path)
        if url.drivername in ("postgres", "postgresql"):
            # psycopg 3 is what sitrep installs; SQLAlchemy's default would be psycopg2.
            url = url.set(drivername="postgresql+psycopg")
    if not create and url.get_backend_name() == "sqlite" and url.database not in (None, "", ":memory:"):
        if not Path(url.database).is_file():
            raise NoStore(f"no such database file: {url.database}")
    engine = create_engine(url)
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_pragmas)
    return engine


_URL_PASSWORD = re.compile(r"(?P<head>\b[A-Za-z][A-Za-z0-9+.-]*://[^/:@\s]*:)(?P<secret>[^@/\s]*)@")
_QUERY_PASSWORD = re.compile(r"(?P<head>\bpassword=)(?P<secret>[^&\s]*)", re.I)


def redact(text: str, url: str = "") -> str:
    """``text`` with the password of ``url`` (and of any URL in the text) shown as ***:
    an error message about a PostgreSQL store must not print its password in clear."""
    for pattern in (_URL_PASSWORD, _QUERY_PASSWORD):
        for m in pattern.finditer(url):
            secret = m.group("secret")
            if len(secret) >= 3:  # shorter ones would mask letters all over the message
                text = text.replace(secret, "***").replace(unquote(secret), "***")
        text = pattern.sub(r"\g<head>***" + ("@" if pattern is _URL_PASSWORD else ""), text)
    return text


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    """WAL lets readers (the web view) work while a run writes; SQLite checks foreign keys
    only when asked, on every connection."""
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def insert(conn: Connection, table: Table) -> Any:
    """The dialect's own ``insert`` construct, which has ``on_conflict_do_*``."""
    module = postgresql if conn.dialect.name == "postgresql" else sqlite
    return module.insert(table)


def create_fulltext(conn: Connection) -> None:
    """Create the full-text index over article titles and texts if it is missing."""
    if conn.dialect.name == "postgresql":
        conn.execute(text(
            f"CREATE INDEX IF NOT EXISTS articles_fulltext ON articles USING gin ({_PG_TSVECTOR})"
        ))
    else:
        conn.execute(text(
            f"CREATE VIRTUAL TABLE IF NOT EXISTS {_FTS_TABLE} USING fts5("
            "title, text, content='articles', content_rowid='seq', "
            "tokenize='unicode61 remove_diacritics 2')"
        ))


def index_article(conn: Connection, seq: int, title: str | None, body: str) -> None:
    """Add one article to the full-text index (PostgreSQL's index maintains itself)."""
    if conn.dialect.name != "postgresql":
        conn.execute(
            text(f"INSERT INTO {_FTS_TABLE}(rowid, title, text) VALUES (:seq, :title, :text)"),
            {"seq": seq, "title": title or "", "text": body},
        )


def search(conn: Connection, query: str, limit: int) -> list[tuple[str, str | None, str]]:
    """``(article_id, title, snippet)`` of articles containing every word of ``query``,
    best first. Words are taken literally (no query syntax), so any user input is safe."""
    words = re.findall(r"\w+", query)
    if not words:
        return []
    if conn.dialect.name == "postgresql":
        rows = conn.execute(text(
            "SELECT id, title, ts_headline('simple', text, q, :opts) FROM articles, "
            f"plainto_tsquery('simple', :q) AS q WHERE {_PG_TSVECTOR} @@ q "
            f"ORDER BY ts_rank({_PG_TSVECTOR}, q) DESC, seq LIMIT :limit"
        ), {
            "q": " ".join(words), "limit": limit,
            "opts": f"StartSel={MARK_START}, StopSel={MARK_END}, MaxWords=24, MinWords=8",
        })
    else:
        match = " ".join('"' + w.replace('"', '""') + '"' for w in words)
        rows = conn.execute(text(
            f"SELECT a.id, a.title, snippet({_FTS_TABLE}, -1, :start, :end, '…', 16) "
            f"FROM {_FTS_TABLE} JOIN articles a ON a.seq = {_FTS_TABLE}.rowid "
            f"WHERE {_FTS_TABLE} MATCH :match ORDER BY rank, a.seq LIMIT :limit"
        ), {"match": match, "start": MARK_START, "end": MARK_END, "limit": limit})
    return [(r[0], r[1], r[2]) for r in rows]
