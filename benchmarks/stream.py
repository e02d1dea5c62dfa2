"""A growing store: batches of real dev articles ingested one after another into one store.

Each batch runs in a fresh process, as a stream of ``sitrep ingest`` calls would: the
articles are analysed and stored, then the incremental corpus stage takes them in
(entities, copies and translations, stories, canonical events). Per batch it prints the
seconds of each part and the process's peak RSS (``wait4``'s figure for that process
alone), so that growth with the store shows: the corpus stage must cost what the batch
brings, not what the store holds. The articles are every dev set's texts (news articles,
snippets, NER documents), shuffled once with a fixed seed so that every batch has the
same mix of languages and kinds (otherwise a batch that first meets a language pays for
loading its models); past the last one they start again with their publication dates
moved on by three years a round and a line added (new ids: republished copies).

    .venv/bin/python benchmarks/stream.py [--batches 20] [--size 500] [--db URL-or-path]

PostgreSQL: start a throwaway server with ``scripts/pg_test_server.sh start`` and pass its
URL as ``--db``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

DEV = Path(__file__).resolve().parents[1].parent / "shared" / "eval" / "dev"


def dev_articles() -> list[dict]:
    """Every dev text once, with its language and publication date."""
    out = []
    for path in sorted(DEV.glob("*.jsonl")):
        for line in path.open(encoding="utf-8"):
            raw = json.loads(line)
            if raw.get("text"):
                meta = raw.get("meta") or {}
                out.append({"text": raw["text"], "language": meta.get("language"),
                            "published": meta.get("published"), "outlet": meta.get("outlet") or path.stem})
    random.Random(0).shuffle(out)
    return out


def _shifted(published: str | None, years: int) -> str | None:
    if not published or years == 0:
        return published
    try:
        day = dt.date.fromisoformat(published[:10])
    except ValueError:
        return published
    return day.replace(year=day.year + years, day=min(day.day, 28)).isoformat()


def batch(articles: list[dict], index: int, size: int) -> list[dict]:
    """Batch ``index`` of the endless stream of dev articles."""
    out = []
    for position in range(index * size, (index + 1) * size):
        article = dict(articles[position % len(articles)])
        rounds = position // len(articles)
        if rounds:
            article["published"] = _shifted(article["published"], 3 * rounds)
            article["text"] = f"{article['text']}\n\n(Republished, round {rounds}.)"
        out.append(article)
    return out


def child(db: str, path: str) -> None:
    """One batch, in this process: analyse and store, then the corpus stage; prints JSON."""
    from sitrep.ingest import read_sources
    from sitrep.resolve.corpus import update_corpus
    from sitrep.runner import Failed, RunSummary, _new_documents, analyse_many
    from sitrep.store import Store

    store = Store.open(db)
    started = time.perf_counter()
    summary = RunSummary()
    stored = 0
    for result in analyse_many(_new_documents(read_sources([path]), store, summary)):
        if not isinstance(result, Failed):
            stored += store.save_analysis(result)
    analysed = time.perf_counter()
    corpus = update_corpus(store)  # what resolve_corpus does, with the seconds of each step
    store.prune_entities(corpus.written)
    store.close()
    print(json.dumps({"stored": stored, "analyse_s": analysed - started,
                      "corpus_s": time.perf_counter() - analysed, "steps": corpus.steps}))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--batches", type=int, default=20)
    parser.add_argument("--size", type=int, default=500)
    parser.add_argument("--db", default=None, help="store path or postgresql:// URL (default: a new SQLite file)")
    parser.add_argument("--child", nargs=2, metavar=("DB", "BATCH_FILE"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(*args.child)
        return
    articles = dev_articles()
    if not articles:
        raise SystemExit(f"no dev articles under {DEV}")
    work = Path(tempfile.mkdtemp(prefix="sitrep-stream-"))
    db = args.db or str(work / "stream.db")
    print(f"{len(articles)} dev articles; {args.batches} batches of {args.size} into {db.split('@')[-1]}")
    print(f"{'batch':>5} {'store':>7} {'seconds':>8} {'analyse':>8} {'corpus':>7} {'peak RSS MB':>11}  "
          f"corpus steps (s)")
    rows = []
    for index in range(args.batches):
        path = work / f"batch-{index:03d}.jsonl"
        with path.open("w", encoding="utf-8") as f:
            for article in batch(articles, index, args.size):
                f.write(json.dumps(article, ensure_ascii=False) + "\n")
        started = time.perf_counter()
        process = subprocess.Popen([sys.executable, __file__, "--child", db, str(path)],
                                   stdout=subprocess.PIPE, text=True)
        output = process.stdout.read() if process.stdout else ""
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - started
        if status != 0:
            raise SystemExit(f"batch {index} failed (status {status})")
        result = json.loads(output.strip().splitlines()[-1])
        rss = usage.ru_maxrss / 1024
        rows.append((seconds, result["corpus_s"], rss))
        print(f"{index + 1:>5} {(index + 1) * args.size:>7} {seconds:>8.1f} {result['analyse_s']:>8.1f} "
              f"{result['corpus_s']:>7.1f} {rss:>11.0f}  "
              + " ".join(f"{step} {s:.1f}" for step, s in result["steps"].items()), flush=True)
    (first, first_corpus, first_rss), (last, last_corpus, last_rss) = rows[0], rows[-1]
    print(f"last/first: seconds {last / first:.2f} (target <= 1.25), corpus stage {last_corpus / first_corpus:.2f}, "
          f"peak RSS {last_rss / first_rss:.2f} (target <= 1.2)")


if __name__ == "__main__":
    main()
