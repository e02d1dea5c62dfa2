"""Speed of the time-expression stage alone, in articles per second on one core.

Reads the texts (and publication dates, languages) of every JSON Lines file in
../shared/eval/dev (relative to the repository root, or the folder given as the first
argument), tags them all a few times and prints the articles per second of the best
round. Loading the rules is timed apart: it happens once per process.

    python benchmarks/timex_speed.py [DEV_FOLDER] [ROUNDS]
"""

from __future__ import annotations

import json
import resource
import sys
import time
from pathlib import Path

from sitrep.analyse.timex import TimexTagger, available_languages

ROOT = Path(__file__).resolve().parent.parent


def articles(folder: Path) -> list[tuple[str, str | None, str]]:
    out = []
    for path in sorted(folder.glob("*.jsonl")):
        with path.open(encoding="utf-8") as fh:
            for line in fh:
                doc = json.loads(line)
                text = doc.get("text")
                if not text:
                    continue
                meta = doc.get("meta") or {}
                out.append((text, meta.get("published"), meta.get("language") or "en"))
    return out


def main() -> None:
    folder = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT.parent / "shared" / "eval" / "dev"
    rounds = int(sys.argv[2]) if len(sys.argv) > 2 else 3
    docs = articles(folder)
    if not docs:
        sys.exit(f"no articles under {folder}")
    start = time.perf_counter()
    taggers = {lang: TimexTagger.for_language(lang) for lang in available_languages()}
    load_s = time.perf_counter() - start
    best = float("inf")
    found = 0
    for _ in range(rounds):
        start = time.perf_counter()
        found = 0
        for text, dct, lang in docs:
            tagger = taggers.get(lang) or TimexTagger.for_language(lang)
            found += len(tagger.tag(text, dct))
        best = min(best, time.perf_counter() - start)
    chars = sum(len(t) for t, _, _ in docs)
    print(f"loaded {len(taggers)} languages in {load_s:.2f}s")
    print(f"{len(docs)} articles ({chars / len(docs):.0f} chars on average), {found} timexes")
    print(f"timex stage: {len(docs) / best:.0f} articles/s on one core")
    print(f"peak resident memory: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:,.0f} MB")


if __name__ == "__main__":
    main()
