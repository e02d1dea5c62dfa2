"""Property-based fuzzing (Hypothesis): every reader, the date and front-matter parsing,
the analysis entry point, and the linear-time pieces against their plain definitions.

Small enough for CI (a few hundred examples per property); ``benchmarks/fuzz.py`` runs
10^5 inputs per reader. The properties: a reader never raises and hands out only
storable documents; one bad record among good ones costs that record only; the date
parser never raises and stays in bounds; the analysis of any text in any language with
any date never raises and every span points into the text; the fast look-ups (quotation
pairing, noise overlap, nearest town, sentence cuts, terminal escaping) agree with the
slow, obvious versions they replace.
"""

from __future__ import annotations

import math
import os
import re
import tempfile
from datetime import date, datetime
from pathlib import Path

import numpy
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

import hostile as H
from sitrep.ingest import read_sources
from sitrep.ingest.meta import MAX_YEAR, MIN_YEAR, normalise_date, split_front_matter
from sitrep.model import Document, Meta, NoiseSpan

FAST = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
SLOW = settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])

MULTI = [name for name, reader in H.READERS.items() if reader.many]


def read_bytes(data: bytes, suffix: str) -> list[object]:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder, "input" + suffix)
        path.write_bytes(data)
        return list(read_sources(path))


def assert_storable(items: list[object]) -> None:
    for item in items:
        if isinstance(item, Document):
            for value in (item.text, item.source, *(v for v in vars(item.meta).values() if v)):
                assert "\x00" not in value
                value.encode("utf-8")  # no lone surrogate


# -- readers ----------------------------------------------------------------------------


@FAST
@given(reader=st.sampled_from(sorted(H.READERS)), data=st.binary(max_size=3000))
def test_any_bytes_are_read_or_skipped(reader: str, data: bytes) -> None:
    assert_storable(read_bytes(data, H.READERS[reader].suffix))


@st.composite
def mutated(draw: st.DrawFn, reader: str) -> bytes:
    """A valid file of ``reader``'s format with a few bytes replaced, inserted or cut."""
    data = bytearray(H.READERS[reader].write([H.good(i) for i in range(2)]))
    for _ in range(draw(st.integers(1, 4))):
        at = draw(st.integers(0, len(data)))
        data[at:at + draw(st.integers(0, 8))] = draw(st.binary(max_size=8))
    return bytes(data)


@FAST
@given(data=st.data(), reader=st.sampled_from(sorted(H.READERS)))
def test_mutated_files_are_read_or_skipped(data: st.DataObject, reader: str) -> None:
    assert_storable(read_bytes(data.draw(mutated(reader)), H.READERS[reader].suffix))


def bad_record(reader: str) -> st.SearchStrategy[bytes]:
    """A hostile record of the catalogue, or a good record's bytes with a few changed."""
    spec = H.READERS[reader]
    own = spec.write([H.good(9)])
    if reader == "jsonl":
        own = own.strip()
    elif reader == "json":
        own = own.strip()[1:-1]
    elif reader == "feed":
        own = own[own.index(b"<entry>"):own.index(b"</feed>")]
    changed = st.tuples(st.integers(0, len(own)), st.binary(min_size=1, max_size=6)).map(
        lambda edit: (own[:edit[0]] + edit[1] + own[edit[0] + len(edit[1]):]).replace(b"\n", b" "))
    return st.one_of(st.sampled_from(spec.bad), changed)


@FAST
@given(data=st.data(), reader=st.sampled_from(MULTI))
def test_one_bad_record_costs_that_record_only(data: st.DataObject, reader: str) -> None:
    bad = data.draw(bad_record(reader))
    if reader == "warc":  # a changed record is its own gzip member: write it apart
        raw = H.warc([H.good(0)]) + bad + H.warc([H.good(1)])
    else:
        raw = H.READERS[reader].write([H.good(0), H.Record("", raw=bad, good=False), H.good(1)])
    items = read_bytes(raw, H.READERS[reader].suffix)
    assert_storable(items)
    kept = " ".join(x.text for x in items if isinstance(x, Document))
    assert "Report number 0." in kept or "Report number 1." in kept


# -- dates and front matter -------------------------------------------------------------

ANY_VALUE = st.one_of(
    st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=60), st.from_regex(r"\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}:\d{2}(Z|[+-]\d{2}:\d{2})?)?", fullmatch=True),
    st.datetimes(), st.dates(), st.lists(st.integers(), max_size=3),
)


@FAST
@given(ANY_VALUE)
def test_the_date_parser_never_raises_and_stays_in_bounds(value: object) -> None:
    parsed = normalise_date(value)
    if parsed is not None:
        year = (date.fromisoformat(parsed) if len(parsed) == 10 else datetime.fromisoformat(parsed)).year
        assert MIN_YEAR <= year <= MAX_YEAR


@FAST
@given(st.text(max_size=400), st.one_of(st.none(), ANY_VALUE.map(str)))
def test_front_matter_never_raises(body: str, date_value: str | None) -> None:
    notes: list[str] = []
    head = f"---\ntitle: x\ndate: {date_value}\n---\n" if date_value is not None else "---\n"
    fields, text = split_front_matter(head + body, notes)
    assert set(fields) <= {"url", "outlet", "published", "language", "title"}
    assert len(notes) <= 1


# -- the analysis entry point -----------------------------------------------------------

NEWSY = st.lists(st.sampled_from([
    "Rebels", "attacked", "Aleppo", "on", "Monday", ",", "said", "the", "army", ".", "\u201c", "\u201d", '"',
    "yesterday", "tomorrow", "Damascus", "Syria", "-", "according", "to", "officials", "Ahmed", "Hassan",
    "\n", "[/]", "\x1b[2J", "\ud800", "3", "March", "2024", "next", "week", "ago",
]), max_size=120).map(" ".join)


@SLOW
@given(text=st.one_of(NEWSY, st.text(max_size=300)), language=st.sampled_from(["en", "id", "ar", "es", "xx", None]),
       published=st.one_of(st.none(), st.sampled_from(["0001-01-01T00:00:00Z", "9999-12-31", "2024-02-29"]),
                           st.dates().map(str)))
def test_analysis_of_any_text_never_raises(text: str, language: str | None, published: str | None) -> None:
    from sitrep.analyse.pipeline import analyse

    assume(text.strip())
    analysis = analyse(Document(id="x", text=text, meta=Meta(language=language, published=published)))
    analysed = analysis.document.text  # lone surrogates become U+FFFD, one for one
    assert len(analysed) == len(text)
    for span in (*analysis.mentions, *analysis.timexes, *analysis.places, *analysis.quotes, *analysis.events):
        assert 0 <= span.start <= span.end <= len(text) and span.text == analysed[span.start:span.end]


# -- the linear-time pieces against their plain definitions -----------------------------


@FAST
@given(st.text(alphabet='ab \n"\u201c\u201d`\'\u2018\u2019', max_size=80))
def test_quotation_pairing_equals_the_regex(text: str) -> None:
    from sitrep.analyse.quotes import quotations, quote_lexicon

    pairs = quote_lexicon("en").pairs
    regex = re.compile("|".join(f"{re.escape(o)}(?P<q{i}>[^\\n]+?){re.escape(c)}" for i, (o, c) in enumerate(pairs)))
    expected = [(m.start(), m.end(), *m.span(m.lastgroup)) for m in regex.finditer(text)]
    assert list(quotations(text, pairs)) == expected


@FAST
@given(st.lists(st.tuples(st.integers(0, 60), st.integers(0, 20)), max_size=12), st.integers(0, 70),
       st.integers(0, 20))
def test_noise_overlap_equals_a_pass_over_all_spans(spans: list[tuple[int, int]], start: int, width: int) -> None:
    from sitrep.analyse.quotes import _NoiseIndex

    noise = [NoiseSpan(start=s, end=s + w, text="", reason="x") for s, w in spans]
    expected = any(start < n.end and n.start < start + width for n in noise)
    assert _NoiseIndex(noise).overlaps(start, start + width) == expected


@FAST
@given(st.lists(st.tuples(st.sampled_from("abc"), st.floats(-89, 89), st.floats(-179, 179)), min_size=1, max_size=15),
       st.floats(-89, 89), st.floats(-179, 179), st.sampled_from("abcd"))
def test_nearest_town_equals_the_closest_of_all(points: list[tuple[str, float, float]], lat: float, lon: float,
                                                key: str) -> None:
    from sitrep.geo.gazetteer import GeoRecord
    from sitrep.geo.resolver import _km, _NearestTowns

    def record(pid: int, la: float, lo: float) -> GeoRecord:
        return GeoRecord(pid, pid, "x", "city", "PPL", "SY", None, None, la, lo, 0)

    towns = [(k, record(i, la, lo)) for i, (k, la, lo) in enumerate(points)]
    here = record(-1, lat, lon)
    distances = [_km(here, rec) for k, rec in towns if k != key]
    found = _NearestTowns(towns).nearest_km(here, key)
    if not distances:
        assert found is None
    else:
        assert found is not None and math.isclose(found, min(distances), abs_tol=1e-6)


@FAST
@given(st.lists(st.booleans(), min_size=1, max_size=400), st.lists(st.integers(0, 399), max_size=20),
       st.integers(4, 60))
def test_sentence_cuts_bound_every_sentence_and_keep_the_others(starts: list[bool], commas: list[int],
                                                                limit: int) -> None:
    from sitrep.analyse.sentences import cut_points

    words = ["w"] * len(starts)
    for i in commas:
        if i < len(words):
            words[i] = ","
    flags = numpy.array([1 if s or i == 0 else 0 for i, s in enumerate(starts)], dtype="uint64")
    cuts = cut_points(flags, words.__getitem__, limit)
    bounds = sorted({0, *numpy.flatnonzero(flags == 1).tolist(), *cuts, len(words)})
    assert all(b - a <= limit for a, b in zip(bounds, bounds[1:], strict=False))
    assert not set(cuts) & set(numpy.flatnonzero(flags == 1).tolist())


@FAST
@given(st.text(max_size=120))
def test_terminal_text_prints_as_it_reads(value: str) -> None:
    from rich.console import Console

    from sitrep.views.terminal import markup, plain

    with open(os.devnull, "w") as sink:
        console = Console(record=True, width=1000, color_system=None, file=sink)
        console.print(f"[bold]{markup(value)}[/]", end="", soft_wrap=True, highlight=False, emoji=False)
    printed = console.export_text(clear=True)
    assert printed.split() == plain(value).split()  # Rich expands tabs by cell width
    assert not re.search("[\x00-\x08\x0b-\x1f\x7f-\x9f]", printed)
