"""Fuzzing every reader with generated and mutated inputs (10^5 per reader by default).

Each input is one file, read with ``sitrep.ingest.read_sources``. A third of the inputs
hold good records around one bad record (a hostile record of ``tests/hostile.py``, the
cases of issue 13, or a good record with its bytes mutated); a third are a whole valid
file mutated anywhere (bytes flipped, inserted, deleted, repeated, cut short); a third
are generated (random bytes, random text, a valid file with random records). For
single-record formats (text, HTML) the "bad record" is a bad field: hostile front
matter or page metadata around a good text.

Printed per reader: inputs; records skipped; batch crashes (an exception out of
read_sources, an input that ran over --timeout, or a document the store could not
take: text, metadata or source with a lone surrogate or NUL), which must be 0; whole
files lost to one bad record (an input of good records plus one bad one from which no
good record came out), which must be 0; and the slowest input. Usage:

    .venv/bin/python benchmarks/fuzz.py [--inputs N] [--readers jsonl,json,...] [--seed S] [--workers N]

Exits 1 when there is a crash or a lost file.
"""

from __future__ import annotations

import argparse
import os
import random
import signal
import sys
import tempfile
import time
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

import hostile as H  # noqa: E402
from sitrep.ingest import Skipped, read_sources  # noqa: E402
from sitrep.model import Document  # noqa: E402

_SPICE = (b"\x00", b"\xff", b"\xed\xa0\x80", b"\\ud800", b"&#xD800;", b"\n", b"\r", b'"', b"[", b"{", b"}", b"]",
          b"<", b">", b"</entry>", b"]]>", b"9" * 400, b"0000-00-00", b"\x1b[2J", b"WARC/1.0\r\n", b"\x1f\x8b\x08")


class Timeout(BaseException):
    """Raised by the alarm: a BaseException, so that no reader's guard swallows it."""


def _alarm(signum: int, frame: object) -> None:
    raise Timeout


def _quiet() -> None:
    """Worker start-up: warcio writes a warning to stderr for every bad record; mute it."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 2)


def mutate(data: bytes, rng: random.Random) -> bytes:
    """``data`` with one to four random edits: flip, insert, delete, repeat, spice, cut."""
    out = bytearray(data)
    for _ in range(rng.randint(1, 4)):
        at = rng.randrange(len(out) + 1)
        kind = rng.randrange(6)
        if kind == 0 and out:
            out[min(at, len(out) - 1)] = rng.randrange(256)
        elif kind == 1:
            out[at:at] = bytes(rng.randrange(256) for _ in range(rng.randint(1, 8)))
        elif kind == 2:
            del out[at:at + rng.randint(1, 64)]
        elif kind == 3:
            out[at:at] = out[at:at + rng.randint(1, 256)] * rng.randint(2, 50)
        elif kind == 4:
            out[at:at] = rng.choice(_SPICE) * rng.randint(1, 3)
        else:
            del out[at:]
    return bytes(out)


def _random_text(rng: random.Random) -> str:
    alphabet = "abcdefghij ABCDEFG \n\t.,;:\"'[]{}<>&#\\/-_0123456789\u00e9\u0627\u201c\u201d\u00ab\u00bb\ufeff\u202e"
    return "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 400)))


@dataclass
class Case:
    data: bytes
    kind: str  # what the input is, for the "slowest input" line
    must_keep: list[str] = field(default_factory=list)  # markers of good records that must come out


def one_bad(reader: str, rng: random.Random, number: int) -> Case:
    """Good records around one bad one (multi-record formats), or a bad field around a good
    text (text, HTML)."""
    spec = H.READERS[reader]
    if not spec.many:
        record = H.good(number)
        if reader == "text":
            front = rng.choice(H.BAD_FRONT)
            return Case(H.text_file(record, front), f"front matter {front[:30]!r}", [f"Report number {number}."])
        page = H.html_page(H.Record(record.text, rng.choice(("T \x1b[2J", "[/]", "x" * 5000)),
                                    rng.choice(("0000-00-00", "9" * 400, "2024-02-30T25:00"))))
        page = page.replace(b"charset='utf-8'", b"charset='" + rng.choice((b"undefined", b"x-bogus", b"utf-8")) + b"'")
        return Case(page, "html with bad metadata", [f"Report number {number}."])
    if rng.random() < 0.5:
        index = rng.randrange(len(spec.bad))
        bad, kind = spec.bad[index], f"hostile record {index}"
    else:
        bad, kind = mutate(spec.write([H.good(number + 2)]), rng), "mutated record"
        if reader == "jsonl":
            bad = bad.strip(b"\n")
        elif reader == "json":
            bad = bad.strip()[1:-1]  # the element, without the array brackets
        elif reader == "feed":
            body = H.atom([H.good(number + 2)])
            bad = mutate(body[body.index(b"<entry>"):body.index(b"</feed>")], rng)
    records = [H.good(number), H.Record("", raw=bad, good=False), H.good(number + 1)]
    if reader == "warc" and kind == "mutated record":  # each record is its own gzip member
        data = spec.write(records[:1]) + bad + spec.write(records[2:])
    else:
        data = spec.write(records)
    return Case(data, f"one bad: {kind}", [f"Report number {number}.", f"Report number {number + 1}."])


def whole_mutated(reader: str, rng: random.Random, number: int) -> Case:
    valid = H.READERS[reader].write([H.good(number + i) for i in range(rng.randint(1, 3))])
    return Case(mutate(valid, rng), "mutated file")


def generated(reader: str, rng: random.Random, number: int) -> Case:
    choice = rng.randrange(3)
    if choice == 0:
        return Case(bytes(rng.randrange(256) for _ in range(rng.randint(0, 600))), "random bytes")
    if choice == 1:
        return Case(_random_text(rng).encode("utf-8", "surrogatepass"), "random text")
    records = [H.Record(_random_text(rng), _random_text(rng)[:40], _random_text(rng)[:30]) for _ in range(3)]
    spec = H.READERS[reader]
    try:
        data = spec.write(records if spec.many else records[:1])
    except Exception:  # a writer that cannot take the random record (warcio headers)
        data = spec.write([H.good(number)])
    return Case(data, "random records")


MAKERS: tuple[Callable[[str, random.Random, int], Case], ...] = (one_bad, whole_mutated, generated)


def storable(doc: Document) -> bool:
    fields = [doc.text, doc.source, *(v for v in vars(doc.meta).values() if v is not None)]
    try:
        return all("\x00" not in f and f.encode("utf-8") is not None for f in fields)
    except UnicodeEncodeError:
        return False


@dataclass
class Tally:
    inputs: int = 0
    skipped: int = 0
    crashes: int = 0
    lost: int = 0
    slowest: float = 0.0
    slowest_kind: str = ""
    examples: list[str] = field(default_factory=list)

    def add(self, other: Tally) -> None:
        self.inputs += other.inputs
        self.skipped += other.skipped
        self.crashes += other.crashes
        self.lost += other.lost
        if other.slowest > self.slowest:
            self.slowest, self.slowest_kind = other.slowest, other.slowest_kind
        self.examples += other.examples[: max(0, 5 - len(self.examples))]


def run_chunk(reader: str, seed: int, start: int, stop: int, timeout: int) -> Tally:
    """Inputs ``start``..``stop`` of one reader (each from its own seeded generator)."""
    signal.signal(signal.SIGALRM, _alarm)
    tally = Tally()
    with tempfile.TemporaryDirectory(prefix="sitrep-fuzz-") as folder:
        for number in range(start, stop):
            rng = random.Random(f"{seed}:{reader}:{number}")
            case = MAKERS[number % len(MAKERS)](reader, rng, number)
            path = Path(folder, f"input{H.READERS[reader].suffix}")
            path.write_bytes(case.data)
            started = time.perf_counter()
            signal.alarm(timeout)
            try:
                items = list(read_sources(path))
                problem = next((f"unstorable document from {case.kind}" for x in items
                                if isinstance(x, Document) and not storable(x)), None)
            except Timeout:
                items, problem = [], f"over {timeout} s: {case.kind}"
            except Exception as exc:
                items, problem = [], f"{type(exc).__name__} from {case.kind}: {str(exc)[:100]}"
            finally:
                signal.alarm(0)
            seconds = time.perf_counter() - started
            tally.inputs += 1
            tally.skipped += sum(isinstance(x, Skipped) for x in items)
            if problem:
                tally.crashes += 1
                tally.examples.append(f"input {number}: {problem}")
            kept = " ".join(x.text for x in items if isinstance(x, Document))
            if case.must_keep and not problem and not any(marker in kept for marker in case.must_keep):
                tally.lost += 1
                tally.examples.append(f"input {number}: whole file lost ({case.kind})")
            if seconds > tally.slowest:
                tally.slowest, tally.slowest_kind = seconds, f"{case.kind} ({len(case.data):,} bytes)"
    return tally


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--inputs", type=int, default=100_000, help="inputs per reader")
    parser.add_argument("--readers", default=",".join(H.READERS), help="comma-separated: " + ", ".join(H.READERS))
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--timeout", type=int, default=60, help="seconds an input may take before it counts as a crash")
    args = parser.parse_args()
    chunk = 1000
    totals: dict[str, Tally] = {}
    started = time.perf_counter()
    with ProcessPoolExecutor(max_workers=args.workers, initializer=_quiet) as pool:
        for reader in args.readers.split(","):
            total = totals[reader] = Tally()
            jobs = [pool.submit(run_chunk, reader, args.seed, s, min(s + chunk, args.inputs), args.timeout)
                    for s in range(0, args.inputs, chunk)]
            for job in jobs:
                total.add(job.result())
                print(f"  {reader}: {total.inputs:,}/{args.inputs:,} inputs, {total.skipped:,} skipped, "
                      f"{total.crashes} crashes, {total.lost} lost, {time.perf_counter() - started:,.0f} s",
                      file=sys.stderr, flush=True)
    print(f"{'reader':<7} {'inputs':>8} {'skipped':>9} {'crashes':>8} {'lost':>5}  slowest input")
    for reader, t in totals.items():
        print(f"{reader:<7} {t.inputs:>8,} {t.skipped:>9,} {t.crashes:>8} {t.lost:>5}  "
              f"{t.slowest:.2f} s: {t.slowest_kind}")
    for reader, t in totals.items():
        for example in t.examples:
            print(f"{reader}: {example}")
    sys.exit(1 if any(t.crashes or t.lost for t in totals.values()) else 0)


if __name__ == "__main__":
    main()
