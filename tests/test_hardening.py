"""Regression tests for issue 13: bad input never costs more than itself.

One section per defect class of the issue. Each test failed on the code before the fix
(a crash, a lost file, a hang, a leaked escape sequence, a quadratic count) and states
the guarantee that replaced it.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

import hostile as H
from sitrep.cli import app
from sitrep.ingest import Skipped, read_sources
from sitrep.model import Document, Meta, content_id
from sitrep.runner import run_corpus
from sitrep.store import Store

cli = CliRunner()


def read(*paths: object) -> tuple[list[Document], list[Skipped]]:
    items = list(read_sources([str(p) for p in paths]))
    return [x for x in items if isinstance(x, Document)], [x for x in items if isinstance(x, Skipped)]


def texts(docs: list[Document]) -> str:
    return " | ".join(d.text for d in docs)


def flat(output: str) -> str:
    """CLI output with Rich's line wrapping undone."""
    return " ".join(output.split())


# -- 1. a lone surrogate crashed the whole ingest; the batch was read whole first -------


def test_1_lone_surrogate_costs_nothing_and_the_other_files_are_stored(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    H.write(folder, "a", "jsonl", [H.Record("", raw=H.BAD_JSON[0], good=False), H.good(1)])
    (folder / "b.txt").write_text(H.good(2).text, encoding="utf-8")
    with Store.open(tmp_path / "kb.db") as store:
        summary = run_corpus(read_sources(folder), store)
        stored = {a["source"] for a in store.articles()}
    assert summary.stored == 3 and not summary.skipped
    assert stored == {f"{folder / 'a.jsonl'}:1", f"{folder / 'a.jsonl'}:2", str(folder / "b.txt")}


def test_1_reading_and_storing_are_streamed(tmp_path: Path) -> None:
    """A reader that fails late costs what it had not read yet, not what it had."""
    first = Document(id=content_id(H.good(0).text), text=H.good(0).text, meta=Meta(language="en"), source="first")

    def sources():
        yield first
        raise RuntimeError("the disk went away")

    with Store.open(tmp_path / "kb.db") as store:
        summary = run_corpus(sources(), store)
        assert store.has_article(first.id)
    assert summary.stored == 1
    assert summary.skipped == [("(input)", "reading stopped: RuntimeError: the disk went away")]


# -- 2. one bad record dropped the rest of its file -------------------------------------

ONE_BAD = [
    ("jsonl", H.BAD_JSON[3]),  # nested 50,000 deep
    ("jsonl", H.BAD_JSON[4]),  # a 5,000-digit number
    ("jsonl", H.BAD_JSON[5]),  # a 400-digit epoch date
    ("json", H.BAD_JSON[3]),
    ("json", H.BAD_JSON[4]),
    ("json", H.BAD_JSON[11]),  # an unterminated string
    ("feed", H.BAD_ENTRIES[0]),  # <updated>0000-00-00T00:00:00Z</updated>
    ("warc", H.BAD_PAGES[0]),  # a page that declares charset "undefined"
]


@pytest.mark.parametrize(("reader", "bad"), ONE_BAD, ids=[f"{r}-{i}" for i, (r, _) in enumerate(ONE_BAD)])
def test_2_one_bad_record_costs_that_record_only(tmp_path: Path, reader: str, bad: bytes) -> None:
    path = H.write(tmp_path, "mixed", reader, [H.good(0), H.Record("", raw=bad, good=False), H.good(1)])
    docs, skipped = read(path)
    assert "Report number 0." in texts(docs) and "Report number 1." in texts(docs)
    assert all(s.source != str(path) for s in skipped), skipped  # nothing skipped the whole file


# -- 3. an impossible date in front matter lost the article -----------------------------


@pytest.mark.parametrize("date", ["2024-02-30", "2024-01-01T25:00:00"])
def test_3_bad_front_matter_date_is_dropped_with_a_warning(tmp_path: Path, date: str) -> None:
    f = tmp_path / "a.md"
    f.write_text(f"---\ntitle: Talks\ndate: {date}\n---\n{H.good(0).text}\n", encoding="utf-8")
    (doc,), skipped = read(f)
    assert skipped == []
    assert doc.meta.title == "Talks" and doc.meta.published is None
    assert doc.warnings == [f"unusable date {date!r} in 'date' dropped"]


def test_3_the_warning_reaches_the_run_and_the_store(tmp_path: Path) -> None:
    f = tmp_path / "a.md"
    f.write_text(f"---\ndate: 2024-02-30\n---\n{H.good(0).text}\n", encoding="utf-8")
    with Store.open(tmp_path / "kb.db") as store:
        summary = run_corpus(read_sources(f), store)
        (article,) = store.articles()
    assert (str(f), "unusable date '2024-02-30' in 'date' dropped") in summary.warnings
    assert "unusable date '2024-02-30' in 'date' dropped" in article["warnings"]


# -- 4. feedparser raised; a bogus charset was not passed over; zlib's words leaked -----


@pytest.mark.parametrize("bad", [H.BAD_ENTRIES[1], H.BAD_ENTRIES[2]], ids=["surrogate", "beyond-unicode"])
def test_4_character_references_feedparser_cannot_encode(tmp_path: Path, bad: bytes) -> None:
    path = H.write(tmp_path, "feed", "feed", [H.good(0), H.Record("", raw=bad, good=False)])
    docs, skipped = read(path)
    assert len(docs) == 2 and skipped == []
    assert all("\ud800" not in d.text + (d.meta.title or "") for d in docs)


def test_4_feed_declaring_an_undefined_encoding(tmp_path: Path) -> None:
    f = tmp_path / "feed.atom"
    f.write_bytes(H.atom([H.good(0), H.good(1)], encoding="undefined"))
    docs, skipped = read(f)
    assert len(docs) == 2 and skipped == []


def test_4_html_with_an_undefined_charset_falls_back_to_utf8(tmp_path: Path) -> None:
    f = tmp_path / "page.html"
    f.write_bytes(H.BAD_PAGES[0])
    (doc,), skipped = read(f)
    assert skipped == [] and "Rebels took Homs" in doc.text


def test_4_corrupt_gzip_is_reported_in_words(tmp_path: Path) -> None:
    f = tmp_path / "crawl.warc.gz"
    f.write_bytes(H.corrupt_gzip())
    docs, (skip,) = read(f)
    assert docs == [] and skip.source == str(f)
    assert skip.reason.startswith("broken WARC file") and "Error -3" not in skip.reason


# -- 5. date arithmetic overflowed at the ends of the calendar --------------------------


@pytest.mark.parametrize(("published", "text"), [
    ("0001-01-01T00:00:00Z", "Rebels took the town yesterday, and the army left on Monday."),
    ("9999-12-31", "Talks will resume tomorrow, and next week the envoy returns."),
])
def test_5_relative_dates_at_the_ends_of_the_calendar(published: str, text: str) -> None:
    from sitrep.analyse.pipeline import analyse

    analysis = analyse(Document(id="x", text=text, meta=Meta(language="en", published=published)))
    assert analysis.document.text == text  # no OverflowError; the impossible date is just not given


# -- 6. quadratic analysis: quotes and place proximity ----------------------------------


def _quote_seconds(marks: int) -> float:
    from sitrep.analyse.quotes import extract_quotes

    text = "\u201c " * marks  # opening marks that never close, on one line
    best = float("inf")
    for _ in range(3):
        started = time.perf_counter()
        extract_quotes(text, "en", [], [], [])
        best = min(best, time.perf_counter() - started)
    return best


def test_6_unclosed_quotation_marks_cost_linear_time() -> None:
    small, large = _quote_seconds(4000), _quote_seconds(16_000)
    assert large < 2  # 3.5 s before, on an idle machine
    assert large / max(small, 1e-3) < 8  # 4x the marks; quadratic would be 16x


def test_6_place_proximity_is_an_index_lookup(monkeypatch: pytest.MonkeyPatch) -> None:
    """Distances computed per document grow with the names, not with their square."""
    from sitrep.geo import resolver

    calls = 0
    real = resolver._km

    def counted(a, b):
        nonlocal calls
        calls += 1
        return real(a, b)

    monkeypatch.setattr(resolver, "_km", counted)
    place_resolver = resolver.PlaceResolver()
    counts = []
    for repeats in (100, 400):
        text = "Damascus, Syria - Aleppo, Syria - Homs, Syria - " * repeats
        spans = [(i, i + len(name)) for i in range(len(text)) for name in ("Damascus", "Aleppo", "Homs")
                 if text.startswith(name, i)]
        calls = 0
        place_resolver.resolve(text, spans, language="en")
        counts.append(calls)
    assert counts[1] <= 4.5 * counts[0]


def test_6_a_run_on_sentence_is_cut_into_bounded_sentences() -> None:
    from sitrep.analyse.pipeline import get_nlp
    from sitrep.analyse.sentences import MAX_SENTENCE_TOKENS

    doc = get_nlp("en")("the army shelled the town, and rebels answered " * 300 + ". A short one.")
    lengths = [len(s) for s in doc.sents]
    assert max(lengths) <= MAX_SENTENCE_TOKENS and lengths[-1] == 4 and sum(lengths) == len(doc)


# -- 7. terminal output: markup and escape sequences from the data ----------------------

HOSTILE_TITLE = "Syria [/] report [bold]x \x1b[2J\x1b]0;pwned\x07"


def test_7_hostile_titles_and_file_names_print_as_they_read(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "Syria [update] report.txt").write_text(
        f"---\ntitle: {json.dumps(HOSTILE_TITLE)}\n---\n{H.good(0).text}\n", encoding="utf-8")
    (folder / "Syria [update] empty.txt").write_text(" ", encoding="utf-8")
    db = tmp_path / "kb.db"
    ran = cli.invoke(app, ["run", str(folder), "--db", str(db), "--html", str(tmp_path / "b.html")])
    assert ran.exit_code == 1, ran.output  # one file skipped, and no MarkupError
    assert "Syria [update] empty.txt: empty document" in flat(ran.output)
    for command in (["report"], ["search", "Aleppo"]):
        result = cli.invoke(app, [*command, "--db", str(db)])
        assert result.exit_code == 0, result.output
        assert "Syria [/] report [bold]x" in flat(result.output)
    assert "\x1b" not in ran.output + result.output and "\x07" not in ran.output + result.output


# -- 8. globs followed link loops; unreadable and empty folders passed without a word ---


def test_8_a_link_loop_under_a_recursive_glob_ends(tmp_path: Path) -> None:
    d = tmp_path / "d" / "sub"
    d.mkdir(parents=True)
    (d / "a.txt").write_text(H.good(0).text)
    os.symlink("..", d / "up")
    os.symlink(".", d / "here")
    os.symlink("../..", d / "top")
    code = ("import sys; from sitrep.ingest import read_sources; "
            "print(sum(1 for x in read_sources(sys.argv[1]) if hasattr(x, 'text')))")
    done = subprocess.run([sys.executable, "-c", code, str(tmp_path / "d" / "**" / "*.txt")],
                          capture_output=True, text=True, timeout=60)
    assert done.stdout.strip() == "1", done.stderr


def test_8_unreadable_and_empty_folders_are_reported(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "locked").mkdir()
    (tmp_path / "empty").mkdir()
    (tmp_path / "a.txt").write_text(H.good(0).text)
    real = os.scandir

    def scandir(path=".", *args):
        if Path(path).name == "locked":
            raise PermissionError(13, "Permission denied", str(path))
        return real(path, *args)

    monkeypatch.setattr(os, "scandir", scandir)
    docs, skipped = read(tmp_path, tmp_path / "empty")
    assert len(docs) == 1
    assert Skipped(str(tmp_path / "locked"), "cannot read folder: Permission denied") in skipped
    assert Skipped(str(tmp_path / "empty"), "no files in folder") in skipped


# -- 9. read-only commands created databases; passwords were printed; URLs -------------


@pytest.mark.parametrize("command", [["report"], ["search", "x"], ["entities"], ["entity", "x"],
                                     ["export", "--out", "OUT"]])
def test_9_read_only_commands_create_no_database(tmp_path: Path, command: list[str]) -> None:
    db = tmp_path / "typo" / "kb.db"
    args = [str(tmp_path / "out") if a == "OUT" else a for a in command]
    result = cli.invoke(app, [*args, "--db", str(db)])
    assert result.exit_code == 2
    assert "No sitrep store" in flat(result.output)
    assert not (tmp_path / "typo").exists() and not (tmp_path / "out").exists()


def test_9_a_postgresql_password_is_never_printed() -> None:
    result = cli.invoke(app, ["report", "--db", "postgresql://bob:hunter22@127.0.0.1:1/news"])
    assert result.exit_code == 2
    assert "Cannot open the store postgresql://bob:***@127.0.0.1:1/news" in flat(result.output)
    assert "hunter22" not in result.output


def test_9_urls_are_answered_with_what_sitrep_reads(tmp_path: Path) -> None:
    result = cli.invoke(app, ["ingest", "https://example.com/news/aleppo.html", "--db", str(tmp_path / "kb.db")])
    assert result.exit_code == 1
    assert "sitrep reads files, not URLs" in flat(result.output)


# -- 10. entities left with no mention after re-resolution stayed listed ---------------


def test_10_entities_without_mentions_are_not_listed_after_re_resolution(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Protesters gathered in Nairobi on Monday. Wekesa said the talks with the "
                                    "unions had failed and that more strikes would follow.\n")
    (tmp_path / "b.txt").write_text("Governor Peter Wekesa met union leaders in Kisumu on Tuesday. "
                                    "Peter Wekesa said a deal was close.\n")
    with Store.open(tmp_path / "kb.db") as store:
        run_corpus(read_sources(tmp_path / "a.txt"), store)
        assert any(e["name"] == "Wekesa" for e in store.entities())
        run_corpus(read_sources(tmp_path), store)
        listed = store.entities()
    assert listed and all(e["mention_count"] > 0 or e["id"].startswith("actor:") for e in listed)
    assert not any(e["name"] == "Wekesa" for e in listed)
