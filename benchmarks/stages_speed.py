"""Time spent in each per-document stage, on real news text.

Runs the pipeline component by component over the texts of ../shared/eval/dev/*.jsonl
(the NER sentence lists left out) and prints, per stage, articles per second and tokens
per second on one core. Usage:

    .venv/bin/python benchmarks/stages_speed.py [--limit N]
"""

from __future__ import annotations

import argparse
import time
from collections import defaultdict

from sitrep.analyse.langid import detect_language
from sitrep.analyse.pipeline import get_nlp
from sitrep.runner import warm_up
from throughput import load_documents


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=None, help="use only the first N documents")
    args = parser.parse_args()
    docs = load_documents(args.limit)
    languages = tuple(sorted({d.meta.language or "en" for d in docs}))
    warm_up(languages)
    spent: dict[str, float] = defaultdict(float)
    tokens = 0
    for document in docs:
        started = time.perf_counter()
        language, _ = detect_language(document.text, document.meta.language)
        spent["language id"] += time.perf_counter() - started
        nlp = get_nlp(language)
        started = time.perf_counter()
        doc = nlp.make_doc(document.text)
        spent["tokenizer"] += time.perf_counter() - started
        doc._.sitrep_language, doc._.sitrep_dct, doc._.sitrep_text = language, document.meta.published, document.text
        tokens += len(doc)
        for name, component in nlp.pipeline:
            started = time.perf_counter()
            doc = component(doc)
            spent[name] += time.perf_counter() - started
    total = sum(spent.values())
    print(f"{len(docs)} documents, {tokens} tokens; all stages {len(docs) / total:.1f} documents/s on one core")
    for name, seconds in spent.items():
        print(f"  {name:<20} {len(docs) / seconds:>10.0f} documents/s  {tokens / seconds:>12.0f} tokens/s")


if __name__ == "__main__":
    main()
