"""Score the shipped NER models on the NER dev gold sets (entities.typed_f1, span_f1).

Reads ../shared/eval/dev/ner-<lang>-<source>-dev.gold.jsonl at run time (nothing is
copied). Each document's text is one sentence per line, tokens separated by single
spaces; every line is tagged as one sentence and each predicted span becomes one system
entity with its character offsets, as the gold has one entity per span. Usage:

    .venv/bin/python scripts/eval_ner.py [--files ner-en-conll2003-dev ...] [--model PATH] [--json OUT]

``--model`` scores one model file (e.g. a candidate under /tmp) instead of the shipped
model of each file's language.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path
from typing import Any

from sitrep.evaluate.gold import load_gold
from sitrep.evaluate.scorers import score
from sitrep.ner import NerTagger

DEV = Path(__file__).resolve().parents[1].parent / "shared" / "eval" / "dev"


def system_doc(doc: dict[str, Any], tagger: NerTagger) -> dict[str, Any]:
    """The tagger's entities for one gold document, one entity per predicted span."""
    text: str = doc["text"]
    entities = []
    offset = 0
    for line in text.split("\n"):
        tokens = line.split(" ") if line else []
        starts, pos = [], offset
        for token in tokens:
            starts.append(pos)
            pos += len(token) + 1
        for start, end, label in tagger.spans(tokens):
            a, b = starts[start], starts[end - 1] + len(tokens[end - 1])
            name = text[a:b]
            entities.append({"id": f"{doc['id']}#s{len(entities)}", "type": label, "name": name,
                             "mentions": [name], "spans": [[a, b]], "nominal": False})
        offset += len(line) + 1
    return {"id": doc["id"], "entities": entities}


def evaluate(path: Path, tagger: NerTagger) -> dict[str, Any]:
    gold = load_gold(path)
    started = time.perf_counter()
    system = {doc["id"]: system_doc(doc, tagger) for doc in gold}
    seconds = time.perf_counter() - started
    tokens = sum(len(doc["text"].split()) for doc in gold)
    result = score(gold, system)
    metrics = result["metrics"]
    return {"file": path.name.removesuffix(".gold.jsonl"), "typed_f1": metrics["entities.typed_f1"],
            "span_f1": metrics["entities.span_f1"], "mention_f1": metrics["entities.mention_f1"],
            "span_counts": result["counts"].get("entities.span_f1"), "tokens_per_s": round(tokens / seconds)}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--files", nargs="+", help="dev file stems (default: every ner-*-dev file)")
    parser.add_argument("--model", type=Path, help="score this .crfsuite model instead of the shipped ones")
    parser.add_argument("--json", type=Path, help="also write the figures here")
    args = parser.parse_args()

    if args.files:
        paths = [DEV / f"{stem}.gold.jsonl" for stem in args.files]
    else:
        paths = sorted(DEV.glob("ner-*-dev.gold.jsonl"))
    fixed = NerTagger.load(args.model) if args.model else None
    rows = []
    for path in paths:
        lang = path.name.split("-")[1]
        tagger = fixed or NerTagger.for_language(lang)
        if tagger is None:
            print(f"{path.name}: no model for {lang}", file=sys.stderr)
            continue
        row = evaluate(path, tagger)
        row["model"] = str(args.model) if fixed else f"ner-{tagger.lang}"
        rows.append(row)
        print(f"{row['file']:28} typed_f1 {row['typed_f1']:.4f}  span_f1 {row['span_f1']:.4f}  "
              f"mention_f1 {row['mention_f1']:.4f}  ({row['model']}, {row['tokens_per_s']} tok/s)", flush=True)
    if args.json:
        args.json.write_text(json.dumps(rows, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
