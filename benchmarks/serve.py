"""The explorer on a big store: API latency at 100,000 canonical events, and page load time.

The store is built from real analyses: a batch of dev articles (benchmarks/stream.py's mix
of every dev set) goes through `sitrep ingest`, and its canonical events are then copied
until the store holds ``--events`` of them, each copy with its date moved by whole weeks
and its place moved by up to half a degree, so that the filters, the timeline and the map
meet a realistic spread. (The copies have no reports of their own: the story and word
filters only reach the real ones.) Then `sitrep serve` runs in its own process and every
query below is asked ``--repeat`` times over HTTP; the table gives the median and the 95th
percentile in milliseconds. Where Chromium is installed, the page is opened too, and the
time until its map, timeline and event list are drawn is reported.

    .venv/bin/python benchmarks/serve.py [--events 100000] [--articles 500] [--repeat 40] [--db PATH]

Target (issue 12): /api/events and /api/timeline <= 200 ms at the 95th percentile on the
2-core machine; the page usable <= 2 s after opening.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent))
from stream import dev_articles  # noqa: E402

QUERIES = [
    ("/api/events", {}),
    ("/api/events", {"type": "ASSAULT"}),
    ("/api/events", {"since": "MID", "until": "MID+90"}),  # a quarter in the middle of the store's dates
    ("/api/events", {"country": "US"}),
    ("/api/events", {"min_sources": 2}),
    ("/api/events", {"bbox": "30,10,60,40"}),
    ("/api/events", {"language": "es"}),
    ("/api/events", {"offset": 50000}),
    ("/api/timeline", {}),
    ("/api/timeline", {"type": "PROTEST"}),
    ("/api/timeline", {"country": "US", "min_sources": 2}),
    ("/api/map", {"zoom": 2}),
    ("/api/map", {"zoom": 6, "type": "ASSAULT"}),
    ("/api/graph", {}),
    ("/api/meta", {}),
]


def build(db: str, articles: int, events: int) -> None:
    """Ingest ``articles`` dev articles, then copy canonical events up to ``events``."""
    from sqlalchemy import func, select

    from sitrep.store import Store
    from sitrep.store.schema import canonical_events

    work = Path(tempfile.mkdtemp(prefix="sitrep-serve-"))
    source = work / "articles.jsonl"
    with source.open("w", encoding="utf-8") as f:
        for article in dev_articles()[:articles]:
            f.write(json.dumps(article, ensure_ascii=False) + "\n")
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "sitrep.cli", "ingest", str(source), "--db", db, "--workers", "2"],
                          stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    if done.returncode not in (0, 1):  # 1: some article was skipped (said on stderr), the rest stored
        raise SystemExit(f"sitrep ingest failed (status {done.returncode})")
    print(f"ingested {articles} dev articles in {time.perf_counter() - started:.0f} s")
    rng = random.Random(0)
    with Store.open(db) as store, store.engine.begin() as conn:
        real = [dict(r._mapping) for r in conn.execute(select(canonical_events))]
        if not real:
            raise SystemExit("the dev articles gave no canonical events")
        have = len(real)
        rows = []
        copy = 0
        while have + len(rows) < events:
            base = dict(real[len(rows) % len(real)])
            copy += 1
            weeks = rng.randint(-150, 150)
            for key in ("date", "first_reported", "last_updated"):
                value = base.get(key)
                if value and len(value) >= 10:
                    try:
                        day = dt.date.fromisoformat(value[:10]) + dt.timedelta(weeks=weeks)
                        base[key] = day.isoformat() + value[10:]
                    except ValueError:
                        pass
            if base.get("lat") is not None:
                base["lat"] = max(-89.9, min(89.9, base["lat"] + rng.uniform(-0.5, 0.5)))
                base["lon"] = ((base["lon"] + rng.uniform(-0.5, 0.5) + 180) % 360) - 180
            base["id"] = f"{base['id']}-copy{copy}"
            rows.append(base)
        for i in range(0, len(rows), 5000):
            conn.execute(canonical_events.insert(), rows[i:i + 5000])
        total = conn.execute(select(func.count()).select_from(canonical_events)).scalar_one()
    print(f"{have} real canonical events, copied to {total}")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def measure(base: str, repeat: int) -> list[tuple[str, float, float, int]]:
    out = []
    with httpx.Client(base_url=base, timeout=60) as client:
        days = [d["day"] for d in client.get("/api/timeline").json()["days"]]
        middle = dt.date.fromisoformat(days[len(days) // 2])  # the median day with events
        dates = {"MID": middle.isoformat(), "MID+90": (middle + dt.timedelta(days=90)).isoformat()}
        for path, params in QUERIES:
            params = {k: dates.get(v, v) if isinstance(v, str) else v for k, v in params.items()}
            client.get(path, params=params).raise_for_status()  # warm the page cache
            times = []
            for _ in range(repeat):
                started = time.perf_counter()
                response = client.get(path, params=params)
                times.append((time.perf_counter() - started) * 1000)
                response.raise_for_status()
            body = response.json()
            size = body.get("total", body.get("located", len(body.get("days", body.get("edges", [])))))
            label = path + ("?" + "&".join(f"{k}={v}" for k, v in params.items()) if params else "")
            p95 = statistics.quantiles(times, n=20)[18] if len(times) >= 20 else max(times)
            out.append((label, statistics.median(times), p95, size))
    return out


def page_load(base: str) -> float | None:
    """Seconds from navigation until the map, timeline and list are drawn."""
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        return None
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, args=["--no-sandbox", "--disable-gpu"])
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        times = []
        for _ in range(3):
            started = time.perf_counter()
            page.goto(base)
            page.wait_for_selector("body[data-ready=true]", timeout=60000)
            page.wait_for_selector("#event-list li", timeout=60000)
            page.wait_for_selector("path.event-marker, path.cluster-marker", timeout=60000)
            times.append(time.perf_counter() - started)
            page.goto("about:blank")
        browser.close()
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--articles", type=int, default=500)
    parser.add_argument("--repeat", type=int, default=40)
    parser.add_argument("--db", default=None, help="reuse (or create) this SQLite store")
    args = parser.parse_args()
    db = args.db or str(Path(tempfile.mkdtemp(prefix="sitrep-serve-")) / "big.db")
    if not Path(db).exists():
        build(db, args.articles, args.events)
    port = _free_port()
    base = f"http://127.0.0.1:{port}/"
    server = subprocess.Popen([sys.executable, "-m", "sitrep.cli", "serve", "--db", db, "--port", str(port)],
                              stdout=subprocess.DEVNULL, env={**os.environ, "PYTHONUNBUFFERED": "1"})
    try:
        deadline = time.time() + 60
        while True:
            try:
                httpx.get(base + "api/meta", timeout=5).raise_for_status()
                break
            except httpx.HTTPError:
                if time.time() > deadline or server.poll() is not None:
                    raise SystemExit("the server did not start") from None
                time.sleep(0.2)
        print(f"{'query':<48} {'median ms':>9} {'p95 ms':>8} {'rows':>8}")
        for label, median, p95, size in measure(base, args.repeat):
            print(f"{label:<48} {median:>9.1f} {p95:>8.1f} {size:>8}")
        seconds = page_load(base)
        if seconds is None:
            print("page load: Chromium not installed, not measured")
        else:
            print(f"page usable (map, timeline, list drawn) after {seconds:.2f} s (median of 3)")
    finally:
        server.terminate()
        server.wait(timeout=10)


if __name__ == "__main__":
    main()
