"""Throughput on real-length articles: dev texts joined to about 2,500 characters.

The dev sets hold many short texts (single sentences, snippets); news articles are longer,
and the per-article costs (language identification, model start, parse batching) weigh
differently on them. This joins consecutive dev texts of the same language and outlet set
into articles of about ``--chars`` characters, runs the whole per-document analysis on
one core, and prints articles per second and peak memory. Usage:

    .venv/bin/python benchmarks/articles.py [--chars 2500] [--limit N]
"""

from __future__ import annotations

import argparse
import resource
import time
from collections import defaultdict

from sitrep.model import Document, Meta, content_id
from sitrep.runner import Failed, analyse_many, warm_up
from throughput import load_documents


def articles(chars: int, limit: int | None) -> list[Document]:
    """Dev texts of one language joined paragraph by paragraph into articles of ~``chars``."""
    by_language: dict[str, list[Document]] = defaultdict(list)
    for doc in load_documents(None):
        by_language[doc.meta.language or "en"].append(doc)
    out: list[Document] = []
    for language, docs in sorted(by_language.items()):
        parts: list[str] = []
        published = None
        for doc in docs:
            parts.append(doc.text.strip())
            published = published or doc.meta.published
            if sum(len(p) for p in parts) >= chars:
                text = "\n\n".join(parts)
                out.append(Document(id=content_id(text), text=text, source=f"{language}-article-{len(out)}",
                                    meta=Meta(language=language, published=published)))
                parts, published = [], None
    return out[:limit] if limit else out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--chars", type=int, default=2500, help="target article length in characters")
    parser.add_argument("--limit", type=int, default=None, help="use only the first N articles")
    args = parser.parse_args()
    docs = articles(args.chars, args.limit)
    mean = sum(len(d.text) for d in docs) / len(docs)
    print(f"{len(docs)} articles of {mean:.0f} characters on average "
          f"({', '.join(sorted({d.meta.language for d in docs}))})")
    warm_up(tuple(sorted({d.meta.language for d in docs})))
    started = time.perf_counter()
    failed = sum(isinstance(r, Failed) for r in analyse_many(docs, workers=1))
    rate = len(docs) / (time.perf_counter() - started)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"one core: {rate:.1f} articles/s, {failed} failed, peak RSS {peak:.0f} MB")


if __name__ == "__main__":
    main()
