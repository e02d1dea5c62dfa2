"""kill -9 during an ingest loses nothing and duplicates nothing.

An ingest runs as a child process and is killed with SIGKILL at several points: after
the first article is stored, half-way, and once every article is stored (during the
corpus resolution). After each kill the SQLite file must pass ``integrity_check``;
after a re-run it must hold exactly what an uninterrupted run stores: the same rows in
every table (the ingestion time and row key aside) and the same full-text search hits.
"""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

import hostile as H
from sitrep.store import Store

ARTICLES = 8
VOLATILE = {"articles": ("seq", "ingested_at")}  # differ between any two runs


def corpus(folder: Path) -> Path:
    folder.mkdir()
    places = ("Aleppo", "Idlib", "Homs", "Hama", "Damascus", "Nairobi", "Kisumu", "Mombasa")
    for i in range(ARTICLES):
        record = H.good(i)
        (folder / f"{i:02d}.md").write_text(
            f"---\ntitle: {record.title}\ndate: 2024-12-0{1 + i % 7}\n---\n{record.text} "
            f"Officials in {places[i]} said on Monday that talks would resume, Ahmed Hassan told reporters.\n",
            encoding="utf-8")
    return folder


def ingest(folder: Path, db: Path) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "sitrep.cli", "ingest", str(folder), "--db", str(db)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def stored(db: Path) -> int:
    try:
        with sqlite3.connect(db, timeout=1) as conn:
            return conn.execute("SELECT count(*) FROM articles").fetchone()[0]
    except sqlite3.Error:  # not created yet, or the schema is being written
        return -1


def kill_when(folder: Path, db: Path, articles: int) -> int:
    """Start an ingest, SIGKILL it as soon as ``articles`` articles are stored; its exit status."""
    child = ingest(folder, db)
    deadline = time.monotonic() + 300
    while child.poll() is None and stored(db) < articles and time.monotonic() < deadline:
        time.sleep(0.005)
    if child.poll() is None:
        os.kill(child.pid, signal.SIGKILL)
    return child.wait()


def dump(db: Path) -> dict[str, list[tuple]]:
    """Every row of every sitrep table, volatile columns left out, in a stable order."""
    with sqlite3.connect(db) as conn:
        tables = [r[0] for r in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
            "AND name NOT LIKE 'articles_fts%'")]
        out = {}
        for table in tables:
            columns = [r[1] for r in conn.execute(f"PRAGMA table_info({table})")
                       if r[1] not in VOLATILE.get(table, ())]
            rows = conn.execute(f"SELECT {', '.join(map(repr, columns))} FROM {table}").fetchall()
            out[table] = sorted(rows, key=repr)
    return out


def integrity(db: Path) -> str:
    with sqlite3.connect(db) as conn:
        check = conn.execute("PRAGMA integrity_check").fetchone()[0]
        conn.execute("INSERT INTO articles_fts(articles_fts) VALUES ('integrity-check')")
        return check


def hits(db: Path) -> list[list[str]]:
    with Store.open(db, create=False) as store:
        return [sorted(hit[0] for hit in store.search(word)) for word in ("Aleppo", "talks", "families", "Nairobi")]


@pytest.fixture(scope="module")
def reference(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, list[tuple]], list[list[str]]]:
    base = tmp_path_factory.mktemp("crash")
    folder = corpus(base / "in")
    db = base / "reference.db"
    assert ingest(folder, db).wait() == 0
    data = dump(db)
    assert len(data["articles"]) == ARTICLES and data["entities"] and data["stories"]
    return folder, data, hits(db)


@pytest.mark.parametrize("after", [1, ARTICLES // 2, ARTICLES], ids=["first-article", "half-way", "resolution"])
def test_kill_9_then_rerun_stores_what_an_uninterrupted_run_stores(tmp_path: Path, reference, after: int) -> None:
    folder, expected, expected_hits = reference
    db = tmp_path / "killed.db"
    assert kill_when(folder, db, after) == -signal.SIGKILL  # killed, not finished
    assert stored(db) >= after
    assert integrity(db) == "ok"
    assert ingest(folder, db).wait() == 0
    assert integrity(db) == "ok"
    got = dump(db)
    assert {t: len(rows) for t, rows in got.items()} == {t: len(rows) for t, rows in expected.items()}
    assert got == expected
    assert hits(db) == expected_hits
