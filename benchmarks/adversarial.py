"""Analysis time on adversarial documents: it must stay bounded and grow linearly.

Each case is built at three sizes, 1x, 4x and 16x, where 16x is the size the bound is
stated for: 10,000 quotations (with speakers, cues and stray opening marks), a place
list ("Damascus, Syria - " repeated to 576 KB), a 5 MB sentence without a full stop and
1 MB of one token. Every document goes through the whole per-document analysis
(``sitrep.analyse.pipeline.analyse``) in this one process, so on one core; the table
gives seconds per size and the growth from 1x to 16x (16 is linear). With the default
settings only a document's first ``max_analysed_chars`` (200,000) are analysed, so the
time stops growing there; ``--max-chars 0`` analyses everything and shows how the
analysis itself grows. Usage:

    .venv/bin/python benchmarks/adversarial.py [--limit SECONDS] [--cases quotes,places,...] [--max-chars N]

Exits 1 when a 16x document takes longer than the limit (default 10 s).
"""

from __future__ import annotations

import argparse
import itertools
import sys
import time
from collections.abc import Callable

from sitrep.analyse.pipeline import analyse
from sitrep.config import DEFAULT, Settings
from sitrep.model import Document, Meta, content_id
from sitrep.runner import warm_up

_SPEAKERS = ("Ahmed Hassan", "the defence minister", "a spokesman for the army", "officials", "she")
_WORDS = (
    "the rebels attacked the town of Aleppo and government forces shelled Idlib while officials in Damascus "
    "said that talks with Turkey would continue on Monday, according to a war monitor, and thousands of "
    "families fled towards the border as the United Nations called for a ceasefire"
).split()


def quotes(n: int) -> str:
    """``n`` quotations on one line, with speakers, cues and a stray opening mark each."""
    parts = []
    for i, speaker in zip(range(n), itertools.cycle(_SPEAKERS), strict=False):
        parts.append(f"“We will hold position {i} until the end,” {speaker} said, “and ")
    return "".join(parts)


def places(n: int) -> str:
    """A place list: ``n`` times "Damascus, Syria - "."""
    return "Damascus, Syria - " * n


def sentence(n: int) -> str:
    """``n`` characters of news words and commas, without a full stop."""
    out, size = [], 0
    for i, word in enumerate(itertools.cycle(_WORDS)):
        piece = word + ("," if i % 17 == 16 else "") + " "
        out.append(piece)
        size += len(piece)
        if size >= n:
            break
    return "".join(out)[:n]


def token(n: int) -> str:
    """One token of ``n`` letters."""
    return "Aleppo" * (n // 6)


# name -> (builder, argument at 16x, what the 16x document is)
CASES: dict[str, tuple[Callable[[int], str], int, str]] = {
    "quotes": (quotes, 10_000, "10,000 quotations"),
    "places": (places, 32_000, "576 KB place list"),
    "sentence": (sentence, 5_000_000, "5 MB single sentence"),
    "token": (token, 1_000_000, "1 MB of one token"),
}


def seconds(text: str, settings: Settings = DEFAULT) -> float:
    document = Document(id=content_id(text), text=text, meta=Meta(language="en", published="2024-12-01"))
    started = time.perf_counter()
    analyse(document, settings=settings)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=float, default=10.0, help="seconds allowed for a 16x document")
    parser.add_argument("--cases", default=",".join(CASES), help="comma-separated: " + ", ".join(CASES))
    parser.add_argument("--max-chars", type=int, default=DEFAULT.max_analysed_chars,
                        help="characters of one document analysed (0: all, to see how the analysis itself grows)")
    args = parser.parse_args()
    settings = Settings(max_analysed_chars=args.max_chars)
    warm_up()
    print(f"{'case (16x)':<24} {'chars 16x':>11} {'1x s':>7} {'4x s':>7} {'16x s':>7} {'16x/1x':>7}  bound")
    failed = False
    for name in args.cases.split(","):
        build, full, label = CASES[name]
        times = []
        for factor in (1, 4, 16):
            text = build(full * factor // 16)
            times.append(seconds(text, settings))
            print(f"  {name} {factor}x: {len(text):,} chars, {times[-1]:.2f} s", file=sys.stderr, flush=True)
        ok = times[-1] <= args.limit
        failed |= not ok
        growth = times[2] / times[0] if times[0] > 0 else float("inf")
        print(f"{label:<24} {len(text):>11,} {times[0]:>7.2f} {times[1]:>7.2f} {times[2]:>7.2f} {growth:>7.1f}  "
              f"{'ok' if ok else 'OVER'} (<= {args.limit:g} s)", flush=True)
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
