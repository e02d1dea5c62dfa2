"""IOB2 helpers: reading the training files and turning tag sequences into spans."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from pathlib import Path

Sentence = tuple[list[str], list[str]]


def read_iob(path: str | Path) -> Iterator[Sentence]:
    """Sentences of a ``token<TAB>TAG`` file with a blank line after each sentence."""
    tokens: list[str] = []
    tags: list[str] = []
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            line = line.rstrip("\n")
            if not line:
                if tokens:
                    yield tokens, tags
                tokens, tags = [], []
                continue
            token, _, tag = line.rpartition("\t")
            tokens.append(token)
            tags.append(tag or "O")
    if tokens:
        yield tokens, tags


def spans_from_tags(tags: Sequence[str]) -> list[tuple[int, int, str]]:
    """(start, end exclusive, label) of every entity; a stray ``I-X`` opens a new one."""
    spans: list[tuple[int, int, str]] = []
    start, label = -1, ""
    for i, tag in enumerate(tags):
        prefix, _, kind = tag.partition("-")
        if prefix == "I" and kind == label and start >= 0:
            continue
        if start >= 0:
            spans.append((start, i, label))
            start, label = -1, ""
        if prefix in ("B", "I") and kind:
            start, label = i, kind
    if start >= 0:
        spans.append((start, len(tags), label))
    return spans


def tags_from_spans(n: int, spans: Sequence[tuple[int, int, str]]) -> list[str]:
    """IOB2 tags of ``n`` tokens carrying ``spans``."""
    tags = ["O"] * n
    for start, end, label in spans:
        tags[start] = "B-" + label
        for i in range(start + 1, end):
            tags[i] = "I-" + label
    return tags
