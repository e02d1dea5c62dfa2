"""Speed of the entity stage: feature extraction plus CRF tagging, tokens per second.

Reads the texts of ../shared/eval/dev/*.jsonl (nothing is copied), splits them into
tokens on whitespace and into sentences at line breaks and after ``.``, ``!`` and
``?`` tokens, and tags every document with the shipped model of its language (the
multilingual one where a language has none; texts in scripts no model covers are
skipped). One process, one core; model loading is outside the timing. Usage:

    .venv/bin/python benchmarks/ner_speed.py [--limit N] [--repeat N]
"""

from __future__ import annotations

import argparse
import json
import time
from collections import defaultdict
from pathlib import Path

from sitrep.ner import NerTagger
from sitrep.ner.features import _CACHE

DEV = Path(__file__).resolve().parents[1].parent / "shared" / "eval" / "dev"
ENDS = frozenset({".", "!", "?"})


def language(path: Path, raw: dict) -> str:
    meta = raw.get("meta") or {}
    if meta.get("language"):
        return str(meta["language"])
    parts = path.name.split("-")
    return parts[1] if len(parts) > 2 else ""


def tokenise(text: str) -> tuple[list[str], list[bool]]:
    tokens: list[str] = []
    starts: list[bool] = []
    for line in text.splitlines():
        new = True
        for token in line.split():
            tokens.append(token)
            starts.append(new)
            new = token in ENDS
    return tokens, starts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--limit", type=int, help="at most this many documents per file")
    parser.add_argument("--repeat", type=int, default=1, help="tag everything this many times (warm word cache)")
    args = parser.parse_args()

    docs: dict[str, list[tuple[list[str], list[bool]]]] = defaultdict(list)
    for path in sorted(DEV.glob("*.jsonl")):
        for n, line in enumerate(path.open(encoding="utf-8")):
            if args.limit and n >= args.limit:
                break
            raw = json.loads(line)
            if raw.get("text"):
                docs[language(path, raw)].append(tokenise(raw["text"]))

    total_tokens, total_seconds = 0, 0.0
    _CACHE.clear()
    for lang, items in sorted(docs.items()):
        tagger = NerTagger.for_language(lang)
        if tagger is None:
            print(f"{lang:4} no model, skipped ({len(items)} documents)")
            continue
        tokens = sum(len(t) for t, _ in items) * args.repeat
        started = time.perf_counter()
        for _ in range(args.repeat):
            for toks, starts in items:
                tagger.tag(toks, starts)
        seconds = time.perf_counter() - started
        total_tokens += tokens
        total_seconds += seconds
        print(f"{lang:4} {tagger.lang:3} {len(items):6} docs {tokens:9} tokens {tokens / seconds:10,.0f} tokens/s")
    rate = total_tokens / total_seconds
    print(f"all  {total_tokens} tokens in {total_seconds:.2f} s: {rate:,.0f} tokens/s (one core)")


if __name__ == "__main__":
    main()
