"""Train a shipped NER model (linear-chain CRF) for one language.

Reads the training splits under ../shared/datasets/ner/<lang>/<source>/train.iob (never
copied into the repository) and writes src/sitrep/models/ner-<lang>.crfsuite with its
.json sidecar. Deterministic for fixed data and arguments. Usage:

    .venv/bin/python scripts/train_ner.py --lang en [--max-iterations N] [--c1 X] [--c2 X]

``--lang xx`` trains the multilingual model on an even sample of every source.
"""

from __future__ import annotations

import argparse
import itertools
import sys
from collections.abc import Iterator
from pathlib import Path

from sitrep.ner.iob import Sentence, read_iob
from sitrep.ner.train import drop_label, train

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "datasets" / "ner"
OUT = ROOT / "src" / "sitrep" / "models"

# News (CoNLL) twice, as a weight, plus an even sample of WikiANN for a wider range of
# names: on the dev sets this costs under a point on CoNLL against CoNLL alone, and
# gains 20-35 points on WikiANN (see MODELS.md).
SOURCES: dict[str, list[str]] = {
    "en": ["en/conll2003", "en/conll2003", "en/wikiann:6000"],
    "de": ["de/conll2003", "de/conll2003", "de/wikiann:6000"],
    "es": ["es/conll2002", "es/conll2002", "es/wikiann:6000"],
    "nl": ["nl/conll2002", "nl/conll2002", "nl/wikiann:6000"],
    "pl": ["pl/wikiann"],
    "ru": ["ru/wikiann", "ru/wikineural"],
    "id": ["id/nergrit"],
    "fr": ["fr/wikineural"],
    "pt": ["pt/wikineural"],
    "tr": ["tr/turkishwikiner"],
    "xx": [
        "en/conll2003", "de/conll2003", "es/conll2002", "nl/conll2002", "en/wikiann", "de/wikiann",
        "es/wikiann", "nl/wikiann", "pl/wikiann", "ru/wikiann", "id/nergrit",
    ],
}


# Per-language choices made on the dev sets (see the model cards); the rest use the defaults.
PARAMS: dict[str, dict[str, float]] = {
    "en": {"max_iterations": 150},
    "de": {"max_iterations": 150},
    "es": {"max_iterations": 150},
    "nl": {"max_iterations": 150},
    "id": {"c1": 0.02, "max_iterations": 150},
}


# Word-list features (sitrep/ner/lexicons.py) per language, where they helped on the dev
# sets (see MODELS.md): German capitalises every noun, so a given name needs the hint most.
LEXICONS: dict[str, tuple[str, ...]] = {
    "de": ("given-names",),
}


def sample(sentences: list[Sentence], limit: int | None) -> list[Sentence]:
    """An even, deterministic sample of at most ``limit`` sentences (every k-th one)."""
    if not limit or len(sentences) <= limit:
        return sentences
    step = len(sentences) / limit
    return [sentences[int(i * step)] for i in range(limit)]


def parse_source(spec: str, per_source: int | None) -> tuple[str, int | None]:
    """``lang/source`` or ``lang/source:N`` (an even sample of N sentences)."""
    name, _, limit = spec.partition(":")
    return name, int(limit) if limit else per_source


def corpus(sources: list[str], keep_misc: bool, per_source: int | None) -> Iterator[Sentence]:
    """Training sentences of every source; a source named twice is read twice (a weight)."""
    for spec in sources:
        source, limit = parse_source(spec, per_source)
        sentences = sample(list(read_iob(DATA / source / "train.iob")), limit)
        for tokens, tags in sentences:
            yield tokens, (tags if keep_misc else drop_label(tags, "MISC"))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--lang", required=True, choices=sorted(SOURCES))
    parser.add_argument("--sources", nargs="+", help="override the sources, e.g. en/conll2003 en/wikiann:5000")
    parser.add_argument("--max-iterations", type=int, help="L-BFGS iterations (default 100)")
    parser.add_argument("--c1", type=float, help="L1 coefficient (default 0.1)")
    parser.add_argument("--c2", type=float, help="L2 coefficient (default 0.01)")
    parser.add_argument("--minfreq", type=float, help="drop features seen fewer times (default 1)")
    parser.add_argument("--per-source", type=int, help="sentences per source (default: all; xx: 4000)")
    parser.add_argument("--no-misc", action="store_true", help="train MISC as O instead of dropping it at prediction")
    parser.add_argument("--no-gazetteer", action="store_true", help="leave out the known-names feature")
    parser.add_argument("--lexicons", nargs="*", help="word lists used as features (flag alone: none)")
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()

    sources = args.sources or SOURCES[args.lang]
    per_source = args.per_source or (4000 if args.lang == "xx" else None)
    missing = [s for s in sources if not (DATA / parse_source(s, None)[0] / "train.iob").is_file()]
    if missing:
        print(f"training data not found: {', '.join(missing)} under {DATA}", file=sys.stderr)
        return 1
    given = {"c1": args.c1, "c2": args.c2, "max_iterations": args.max_iterations, "feature.minfreq": args.minfreq}
    params = {**PARAMS.get(args.lang, {}), **{k: v for k, v in given.items() if v is not None}}
    config = {
        "lang": args.lang,
        "sources": sources,
        "per_source": per_source,
        "misc": "dropped at prediction" if not args.no_misc else "trained as O",
        "command": " ".join(itertools.chain(["scripts/train_ner.py"], sys.argv[1:])),
    }
    path = args.out / f"ner-{args.lang}.crfsuite"
    lexicons = tuple(args.lexicons) if args.lexicons is not None else LEXICONS.get(args.lang, ())
    meta = train(corpus(sources, not args.no_misc, per_source), path, params=params, gazetteer=not args.no_gazetteer,
                 lexicons=lexicons, config=config)
    print(f"{path}: {meta['size_bytes'] / 1e6:.2f} MB, {meta['train_sentences']} sentences, "
          f"{meta['train_tokens']} tokens, {meta['train_seconds']} s, {meta['active_features']} active features")
    return 0


if __name__ == "__main__":
    sys.exit(main())
