"""Build ``lang/<code>/common_words.txt``: the language's everyday words, from a Universal
Dependencies treebank.

In a script without capital letters (Arabic) the entity stage finds place names by looking
words up in the gazetteer, and GeoNames holds towns named like everyday words ("revolution",
"statement", "the new", "Thursday"). A word that the treebank's annotators tagged as
something other than a proper noun more often than as one is written here; the entity
stage then takes it for a place only with a place word before it ("the city of ...").

    .venv/bin/python scripts/build_common_words.py ar ../shared/datasets/ud/ar/pud/test.conllu.gz

Data: UD treebanks, CC BY-SA (see ../shared/datasets/ud/README.md); the list names the
treebank it was read from in its header.
"""

from __future__ import annotations

import argparse
import gzip
import re
from collections import Counter
from pathlib import Path

from sitrep.geo.names import norm

OUT = Path(__file__).resolve().parents[1] / "src" / "sitrep" / "lang"
_LETTERS = re.compile(r"^\w+$")


def common_words(paths: list[Path]) -> list[str]:
    other: Counter[str] = Counter()
    proper: Counter[str] = Counter()
    for path in paths:
        opener = gzip.open if path.suffix == ".gz" else open
        with opener(path, "rt", encoding="utf-8") as lines:
            for line in lines:
                if not line.strip() or line.startswith("#"):
                    continue
                cols = line.rstrip("\n").split("\t")
                if "-" in cols[0] or "." in cols[0]:  # multiword token lines, empty nodes
                    continue
                form = norm(cols[1])
                if not _LETTERS.match(form) or form.isdigit():
                    continue
                (proper if cols[3] == "PROPN" else other)[form] += 1
    return sorted(w for w, n in other.items() if n > proper[w])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("language")
    parser.add_argument("treebanks", nargs="+", type=Path, help="CoNLL-U files (.conllu or .conllu.gz)")
    args = parser.parse_args()
    words = common_words(args.treebanks)
    out = OUT / args.language / "common_words.txt"
    sources = ", ".join(f"{p.parent.parent.name}/{p.parent.name}/{p.name}" for p in args.treebanks)
    header = (f"# Everyday words of '{args.language}' (tagged other than PROPN more often than PROPN), "
              f"normalised as gazetteer keys.\n# Built by scripts/build_common_words.py from Universal "
              f"Dependencies {sources} (CC BY-SA).\n")
    out.write_text(header + "\n".join(words) + "\n", encoding="utf-8")
    print(f"{len(words)} words -> {out}")


if __name__ == "__main__":
    main()
