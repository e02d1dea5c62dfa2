"""Throughput of the full per-document pipeline on real news text.

Reads the texts of ../shared/eval/dev/*.jsonl (over a thousand news documents), runs the
whole per-document analysis on them with one worker and with all workers, and prints
documents per second and peak resident memory. Usage:

    .venv/bin/python benchmarks/throughput.py [--limit N] [--workers N]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import time
from pathlib import Path

from sitrep.model import Document, Meta, content_id
from sitrep.runner import Failed, analyse_many, warm_up

DEV = Path(__file__).resolve().parents[1].parent / "shared" / "eval" / "dev"


def load_documents(limit: int | None) -> list[Document]:
    docs: list[Document] = []
    for path in sorted(DEV.glob("*.jsonl")):
        if path.name.startswith("ner-"):  # sentence lists, not news articles
            continue
        for line in path.open(encoding="utf-8"):
            raw = json.loads(line)
            text = raw.get("text")
            if not text:
                continue
            meta = raw.get("meta") or {}
            docs.append(Document(id=content_id(text), text=text, source=raw.get("id", ""),
                                 meta=Meta(language=meta.get("language"), published=meta.get("published"))))
    return docs[:limit] if limit else docs


def peak_mb() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return max(own, children) / 1024


def measure(docs: list[Document], workers: int) -> tuple[float, int]:
    started = time.perf_counter()
    failed = sum(isinstance(r, Failed) for r in analyse_many(docs, workers=workers))
    return len(docs) / (time.perf_counter() - started), failed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=None, help="use only the first N documents")
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1, help="workers for the parallel run")
    args = parser.parse_args()
    docs = load_documents(args.limit)
    if not docs:
        raise SystemExit(f"no documents found under {DEV}")
    chars = sum(len(d.text) for d in docs)
    print(f"{len(docs)} documents, {chars / len(docs):.0f} characters on average, from {DEV}")
    warm_up()
    for workers in sorted({1, args.workers}):
        rate, failed = measure(docs, workers)
        print(f"workers={workers}: {rate:.1f} documents/s ({rate / workers:.1f} per core), "
              f"{failed} failed, peak RSS {peak_mb():.0f} MB")


if __name__ == "__main__":
    main()
