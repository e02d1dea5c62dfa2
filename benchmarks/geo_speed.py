"""Speed and memory of the places stage: gazetteer load, span resolution, toponym finding.

Reads every document with ``places`` from the JSON Lines gold files given (default: the
LGL dev set and the seeds under ../shared/eval, relative to the repository root), then
resolves their gold spans (the gold-span protocol) and scans their texts for toponyms,
a few rounds each, and prints places resolved per second and documents scanned per
second of the best round, the gazetteer's load time and the process's peak resident
memory. Building the gazetteer cache, when it is missing, is timed apart.

    python benchmarks/geo_speed.py [GOLD.jsonl ...] [--rounds N]
"""

from __future__ import annotations

import argparse
import json
import resource
import time
from pathlib import Path

from sitrep.geo import Gazetteer, PlaceResolver, find_toponyms

ROOT = Path(__file__).resolve().parent.parent
DEFAULT = [ROOT.parent / "shared/eval/dev/geo-en-lgl.gold.jsonl",
           ROOT.parent / "shared/eval/seeds.gold.jsonl"]


def documents(paths: list[Path]) -> list[tuple[str, str, list[tuple[int, int]]]]:
    docs = []
    for path in paths:
        for line in path.open(encoding="utf-8"):
            doc = json.loads(line)
            text = doc.get("text")
            if text is None and doc.get("text_file"):
                text = (path.parent / doc["text_file"]).read_text(encoding="utf-8")
            if not text or "places" not in doc:
                continue
            spans = []
            for p in doc["places"]:
                start = p["start"] if "start" in p else text.find(p["mention"])
                if start >= 0:
                    spans.append((start, start + len(p["mention"])))
            docs.append((text, (doc.get("meta") or {}).get("language") or "en", spans))
    return docs


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("gold", nargs="*", type=Path)
    ap.add_argument("--rounds", type=int, default=3)
    args = ap.parse_args()
    docs = documents([p for p in (args.gold or DEFAULT) if p.exists()])
    if not docs:
        raise SystemExit("no documents with places")
    cache = Gazetteer.cache_path()
    if not cache.exists():
        t0 = time.perf_counter()
        Gazetteer.load(progress=lambda msg: print("  build:", msg, flush=True))
        print(f"gazetteer build: {time.perf_counter() - t0:.1f} s")
        Gazetteer._instances.clear()
    t0 = time.perf_counter()
    gaz = Gazetteer.load()
    print(f"gazetteer load: {time.perf_counter() - t0:.3f} s ({cache.stat().st_size >> 20} MB file)")
    resolver = PlaceResolver(gaz)
    n_places = sum(len(spans) for _, _, spans in docs)
    best_resolve = best_scan = float("inf")
    for _ in range(args.rounds):
        gaz.lookup.cache_clear()  # every round pays for its own lookups
        t0 = time.perf_counter()
        for text, language, spans in docs:
            resolver.resolve(text, spans, language=language)
        best_resolve = min(best_resolve, time.perf_counter() - t0)
        t0 = time.perf_counter()
        for text, language, _spans in docs:
            find_toponyms(text, language, gaz)
        best_scan = min(best_scan, time.perf_counter() - t0)
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"{len(docs)} documents, {n_places} gold places")
    print(f"resolve (gold spans): {n_places / best_resolve:,.0f} places/s, "
          f"{len(docs) / best_resolve:,.0f} documents/s")
    print(f"find_toponyms: {len(docs) / best_scan:,.0f} documents/s")
    print(f"peak resident memory: {peak_mb:,.0f} MB")


if __name__ == "__main__":
    main()
