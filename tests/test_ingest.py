"""Readers: every format yields Documents, every bad input a Skipped with a reason.

Why: a corpus gathered from the web always holds some broken files; the readers must
report them and carry on, and what they do read must keep its metadata (above all the
publication date, which anchors relative dates) and its text unaltered.
"""

from __future__ import annotations

import gzip
import io
import json
import os
from pathlib import Path

import pytest

from sitrep.ingest import Skipped, read_sources
from sitrep.model import Document, content_id

ARTICLE = (
    "Opposition fighters entered the city of Aleppo on Friday after a rapid advance from "
    "Idlib province, residents and a war monitor said.\n\n"
    "The Syrian army said it had withdrawn troops to protect civilians while it prepared a "
    "counter-offensive with the help of Russian air power.\n"
)
PAGE = """<!DOCTYPE html>
<html lang="en-GB"><head><meta charset="utf-8"><title>Rebels enter Aleppo | Example News</title>
<meta property="og:title" content="Rebels enter Aleppo">
<meta property="og:site_name" content="Example News">
<meta property="article:published_time" content="2024-11-30T09:15:00Z">
</head><body><nav><a href="/">Home</a> | <a href="/world">World</a></nav>
<article><h1>Rebels enter Aleppo</h1>
<p>Opposition fighters entered the city of Aleppo on Friday after a rapid advance from
Idlib province, residents and a war monitor said.</p>
<p>The Syrian army said it had withdrawn troops to protect civilians while it prepared a
counter-offensive with the help of Russian air power.</p>
<p>Thousands of families fled towards the north-east as the fighting reached the western
districts of the city late on Thursday.</p>
</article><footer>Copyright Example News</footer></body></html>
"""


def read(*paths: object, **kw: int) -> tuple[list[Document], list[Skipped]]:
    items = list(read_sources([str(p) for p in paths], **kw))
    docs = [x for x in items if isinstance(x, Document)]
    skipped = [x for x in items if isinstance(x, Skipped)]
    assert len(docs) + len(skipped) == len(items)
    return docs, skipped


def reasons(skipped: list[Skipped]) -> dict[str, str]:
    return {Path(s.source).name if "#" not in s.source else s.source: s.reason for s in skipped}


def test_plain_text_keeps_text_and_sets_id(tmp_path: Path) -> None:
    f = tmp_path / "a.txt"
    f.write_bytes(ARTICLE.replace("\n", "\r\n").encode("utf-8-sig"))
    docs, skipped = read(f)
    assert skipped == []
    (doc,) = docs
    assert doc.text == ARTICLE  # CRLF -> LF, BOM dropped, nothing else touched
    assert doc.id == content_id(ARTICLE)
    assert doc.source == str(f)
    assert doc.meta.published is None


def test_front_matter_is_metadata_and_offsets_start_after_it(tmp_path: Path) -> None:
    f = tmp_path / "a.md"
    f.write_text(
        "---\ntitle: Rebels enter Aleppo\npublished: 2024-11-30\nlanguage: en-GB\n"
        "outlet: Example News\nurl: https://example.com/aleppo\n---\n\n" + ARTICLE,
        encoding="utf-8",
    )
    (doc,), _ = read(f)
    assert doc.text == ARTICLE
    assert doc.meta.title == "Rebels enter Aleppo"
    assert doc.meta.published == "2024-11-30"
    assert doc.meta.language == "en"
    assert doc.meta.outlet == "Example News"
    assert doc.meta.url == "https://example.com/aleppo"


def test_markdown_rule_at_start_is_not_front_matter(tmp_path: Path) -> None:
    f = tmp_path / "a.md"
    text = "---\n\n" + ARTICLE
    f.write_text(text, encoding="utf-8")
    (doc,), _ = read(f)
    assert doc.text == text


@pytest.mark.parametrize("sidecar_name", ["a.meta.json", "a.txt.meta.json"])
def test_sidecar_metadata_and_sidecar_is_not_a_document(tmp_path: Path, sidecar_name: str) -> None:
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / sidecar_name).write_text(json.dumps({
        "url": "https://example.com/aleppo", "outlet": "Example News",
        "published": "Sat, 30 Nov 2024 09:15:00 GMT", "language": "English",
        "title": "Rebels enter Aleppo",
    }), encoding="utf-8")
    docs, skipped = read(tmp_path)
    assert skipped == []
    (doc,) = docs
    assert doc.meta.published == "2024-11-30T09:15:00+00:00"
    assert doc.meta.language == "en"
    assert doc.meta.url == "https://example.com/aleppo"


def test_sidecar_overrides_front_matter_and_broken_sidecar_is_reported(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("---\npublished: 2024-11-29\ntitle: Old\n---\n" + ARTICLE)
    (tmp_path / "a.meta.json").write_text('{"title": "New"}')
    (doc,), _ = read(tmp_path / "a.txt")
    assert (doc.meta.title, doc.meta.published) == ("New", "2024-11-29")
    (tmp_path / "a.meta.json").write_text('{"title": ')
    docs, skipped = read(tmp_path / "a.txt")
    assert docs[0].meta.title == "Old"
    assert skipped[0].source.endswith("a.meta.json") and "broken JSON" in skipped[0].reason


def test_html_page_text_title_date_and_sidecar_override(tmp_path: Path) -> None:
    f = tmp_path / "page.html"
    f.write_text(PAGE, encoding="utf-8")
    (doc,), skipped = read(f)
    assert skipped == []
    assert "Opposition fighters entered the city of Aleppo" in doc.text
    assert "Home" not in doc.text and "Copyright" not in doc.text
    assert doc.meta.title == "Rebels enter Aleppo"
    assert doc.meta.published == "2024-11-30"
    assert doc.meta.language == "en"
    (tmp_path / "page.meta.json").write_text('{"published": "2024-12-01", "outlet": "Wire"}')
    (doc,), _ = read(f)
    assert (doc.meta.published, doc.meta.outlet) == ("2024-12-01", "Wire")


def test_html_with_declared_legacy_charset(tmp_path: Path) -> None:
    f = tmp_path / "page.htm"
    f.write_bytes(PAGE.replace('charset="utf-8"', 'charset="windows-1252"')
                  .replace("north-east", "north-east of Alep près de Bâb").encode("cp1252"))
    (doc,), _ = read(f)
    assert "près de Bâb" in doc.text


def test_malformed_html_is_skipped(tmp_path: Path) -> None:
    (tmp_path / "broken.html").write_text("<html><body><div><<<>>></div><script>x=1</script>")
    (tmp_path / "empty.html").write_text("<html><head><title>Nothing</title></head></html>")
    docs, skipped = read(tmp_path)
    assert docs == []
    assert all("HTML" in s.reason for s in skipped) and len(skipped) == 2


def test_jsonl_with_broken_line(tmp_path: Path) -> None:
    lines = [
        json.dumps({"text": ARTICLE, "url": "https://example.com/1", "date": "2024-11-30"}),
        '{"text": "Government troops withdrew from Hama on Thursday.", "published": ',
        "",
        json.dumps({"content": "Rebels reached the outskirts of Homs on Saturday.",
                    "published_at": "2024-12-07T06:00:00+02:00", "lang": "en"}),
        json.dumps({"body": "<p>Crowds gathered in Umayyad Square.</p><p>Statues fell.</p>",
                    "meta": {"outlet": "Example", "title": "Damascus"}}),
        json.dumps({"headline": "No text here"}),
        json.dumps(["not", "an", "object"]),
    ]
    f = tmp_path / "articles.jsonl"
    f.write_text("\n".join(lines) + "\n", encoding="utf-8")
    docs, skipped = read(f)
    assert [d.source for d in docs] == [f"{f}:1", f"{f}:4", f"{f}:5"]
    assert docs[0].meta.published == "2024-11-30"
    assert docs[1].meta.published == "2024-12-07T06:00:00+02:00" and docs[1].meta.language == "en"
    assert docs[2].text == "Crowds gathered in Umayyad Square.\nStatues fell."
    assert docs[2].meta.outlet == "Example"
    by_source = {s.source: s.reason for s in skipped}
    assert by_source[f"{f}:2"].startswith("broken JSON")
    assert "no text field" in by_source[f"{f}:6"]
    assert by_source[f"{f}:7"] == "not a JSON object"


def test_json_object_array_and_broken(tmp_path: Path) -> None:
    (tmp_path / "one.json").write_text(json.dumps({"text": ARTICLE, "title": "Aleppo"}))
    (tmp_path / "many.json").write_text(json.dumps([
        {"text": "Rebels reached Homs.", "date": "7 December 2024"},
        {"text": "The president left Damascus by plane.", "date": "December 8, 2024"},
    ]))
    (tmp_path / "bad.json").write_text('{"text": "unterminated')
    docs, skipped = read(tmp_path)
    assert sorted(d.meta.published or "" for d in docs) == ["", "2024-12-07", "2024-12-08"]
    assert any(d.source.endswith("many.json[1]") for d in docs)
    assert reasons(skipped)["bad.json"].startswith("broken JSON")


RSS = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel><title>Example World News</title><link>https://example.com</link>
<language>en-us</language>
<item><title>Rebels enter Aleppo</title><link>https://example.com/aleppo</link>
<pubDate>Sat, 30 Nov 2024 09:15:00 GMT</pubDate>
<description>Short summary.</description>
<content:encoded><![CDATA[<p>Opposition fighters entered Aleppo on Friday.</p>
<p>The army said it had <b>withdrawn</b> troops.</p>]]></content:encoded></item>
<item><title>Empty</title><link>https://example.com/empty</link><description></description></item>
</channel></rss>
"""
ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Example Atom Desk</title>
<id>urn:example</id><updated>2024-12-08T10:00:00Z</updated>
<entry><title>Assad flees Damascus</title><link href="https://example.com/assad"/>
<id>urn:1</id><updated>2024-12-08T10:00:00Z</updated>
<summary type="html">&lt;p&gt;President Bashar al-Assad left Damascus, state media said.&lt;/p&gt;</summary>
</entry></feed>
"""


def test_rss_feed(tmp_path: Path) -> None:
    f = tmp_path / "world.rss"
    f.write_text(RSS, encoding="utf-8")
    docs, skipped = read(f)
    (doc,) = docs
    assert doc.text == "Opposition fighters entered Aleppo on Friday.\nThe army said it had withdrawn troops."
    assert doc.meta.title == "Rebels enter Aleppo"
    assert doc.meta.url == "https://example.com/aleppo"
    assert doc.meta.outlet == "Example World News"
    assert doc.meta.published == "2024-11-30T09:15:00+00:00"
    assert doc.meta.language == "en"
    assert doc.source == f"{f}#1"
    assert skipped == [Skipped(f"{f}#2", "feed entry has no text")]


def test_atom_feed_by_extension_and_by_sniffing(tmp_path: Path) -> None:
    (tmp_path / "desk.atom").write_text(ATOM, encoding="utf-8")
    (tmp_path / "desk-copy").write_text(ATOM.replace("Damascus,", "Damascus on Sunday,"))
    docs, skipped = read(tmp_path)
    assert skipped == []
    assert len(docs) == 2
    (doc,) = [d for d in docs if d.source == f"{tmp_path / 'desk.atom'}#1"]
    assert doc.text == "President Bashar al-Assad left Damascus, state media said."
    assert doc.meta.outlet == "Example Atom Desk"
    assert doc.meta.published == "2024-12-08T10:00:00+00:00"
    assert doc.meta.url == "https://example.com/assad"


def test_xml_that_is_not_a_feed(tmp_path: Path) -> None:
    (tmp_path / "data.xml").write_text("<?xml version='1.0'?><catalog><book/></catalog>")
    _, skipped = read(tmp_path)
    assert reasons(skipped)["data.xml"] == "XML file is not an RSS/Atom feed"


def _write_warc(path: Path) -> None:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with path.open("wb") as out:
        writer = WARCWriter(out, gzip=path.name.endswith(".gz"))
        records = [
            ("https://example.com/aleppo", "text/html; charset=utf-8", "200 OK", PAGE.encode()),
            ("https://example.com/logo.png", "image/png", "200 OK", b"\x89PNG\r\n\x1a\n\x00"),
            ("https://example.com/old", "text/html", "301 Moved Permanently", b""),
            ("https://example.com/blank", "text/html", "200 OK", b"<html><body></body></html>"),
        ]
        for uri, ctype, status, body in records:
            headers = StatusAndHeaders(status, [("Content-Type", ctype)], protocol="HTTP/1.1")
            record = writer.create_warc_record(uri, "response", payload=io.BytesIO(body),
                                               http_headers=headers)
            writer.write_record(record)


@pytest.mark.parametrize("name", ["crawl.warc.gz", "crawl.warc"])
def test_warc_html_responses_become_documents(tmp_path: Path, name: str) -> None:
    f = tmp_path / name
    _write_warc(f)
    docs, skipped = read(f)
    (doc,) = docs
    assert doc.meta.url == "https://example.com/aleppo"
    assert doc.meta.published == "2024-11-30"
    assert "withdrawn troops" in doc.text
    assert doc.source == f"{f}#https://example.com/aleppo"
    assert [s.source for s in skipped] == [f"{f}#https://example.com/blank"]


def test_broken_warc(tmp_path: Path) -> None:
    (tmp_path / "text.warc").write_text("this is not a web archive\n")
    (tmp_path / "garbage.warc.gz").write_bytes(b"\x1f\x8b\x08garbage")
    (tmp_path / "cut.warc.gz").write_bytes(gzip.compress(b"WARC/1.0\r\nWARC-Type: response\r\n"))
    docs, skipped = read(tmp_path)
    r = reasons(skipped)
    assert docs == [] and len(r) == 3
    assert r["text.warc"] == "not a WARC file"
    assert r["garbage.warc.gz"].startswith("broken WARC file")
    assert r["cut.warc.gz"].startswith("broken WARC file")


def test_bad_inputs_are_skipped_with_reasons(tmp_path: Path) -> None:
    (tmp_path / "binary.txt").write_bytes(b"\x00\x01\x02\x03" * 50)
    (tmp_path / "report.txt").write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj")
    (tmp_path / "latin1.txt").write_bytes("Le président a quitté Damas.".encode("latin-1"))
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "blank.md").write_text(" \n\t\n  \n")
    (tmp_path / "big.txt").write_text("Rebels advanced on Hama. " * 20)
    (tmp_path / "photo.jpg").write_bytes(b"\xff\xd8\xff\xe0\x00\x10JFIF")
    (tmp_path / "notes.docx").write_bytes(b"PK\x03\x04rest")
    docs, skipped = read(tmp_path, max_bytes=300)
    assert docs == []
    r = reasons(skipped)
    assert r["binary.txt"] == "binary file (contains NUL bytes)"
    assert r["report.txt"] == "binary file (PDF document)"
    assert r["latin1.txt"] == "not valid UTF-8 text"
    assert r["empty.txt"] == r["blank.md"] == "empty document"
    assert r["big.txt"].startswith("larger than max_bytes")
    assert r["photo.jpg"] == r["notes.docx"] == "unsupported file type"


def test_utf16_with_bom_is_text(tmp_path: Path) -> None:
    (tmp_path / "u16.txt").write_bytes(ARTICLE.encode("utf-16"))
    (doc,), _ = read(tmp_path)
    assert doc.text == ARTICLE


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root reads anything")
def test_unreadable_file(tmp_path: Path) -> None:
    f = tmp_path / "secret.txt"
    f.write_text(ARTICLE)
    f.chmod(0)
    try:
        _, skipped = read(f)
    finally:
        f.chmod(0o644)
    assert skipped[0].reason.startswith("cannot read file")


def test_unreadable_file_reported_not_raised(tmp_path: Path, monkeypatch) -> None:
    f = tmp_path / "secret.txt"
    f.write_text(ARTICLE)
    real = Path.read_bytes

    def deny(self: Path) -> bytes:
        if self.name == "secret.txt":
            raise PermissionError(13, "Permission denied")
        return real(self)

    monkeypatch.setattr(Path, "read_bytes", deny)
    docs, skipped = read(tmp_path)
    assert docs == []
    assert skipped == [Skipped(str(f), "cannot read file: Permission denied")]


def test_duplicates_glob_folder_and_missing_paths(tmp_path: Path) -> None:
    sub = tmp_path / "sub" / "deeper"
    sub.mkdir(parents=True)
    (tmp_path / "a.txt").write_text(ARTICLE)
    (sub / "b.txt").write_text(ARTICLE.replace("\n\n", "\n"))  # same words: same article
    (sub / "c.md").write_text("Turkish-backed factions took Manbij on Monday.")
    (tmp_path / ".hidden.txt").write_text("Hidden files are not articles.")
    docs, skipped = read(tmp_path, str(tmp_path / "**" / "*.md"), tmp_path / "nothing.txt",
                         str(tmp_path / "*.nomatch"))
    assert [Path(d.source).name for d in docs] == ["a.txt", "c.md"]
    r = {s.source: s.reason for s in skipped}
    assert r[str(sub / "b.txt")] == f"duplicate of {tmp_path / 'a.txt'}"
    assert r[str(tmp_path / "nothing.txt")] == "no such file or directory"
    assert r[str(tmp_path / "*.nomatch")] == "no files match the pattern"
    assert len(skipped) == 3  # c.md matched twice (folder and glob) is read once


def test_glob_selects_files(tmp_path: Path) -> None:
    for name in ("x1.txt", "x2.txt", "y.txt"):
        (tmp_path / name).write_text(f"Article {name} reports shelling near Idlib.")
    docs, skipped = read(str(tmp_path / "x*.txt"))
    assert [Path(d.source).name for d in docs] == ["x1.txt", "x2.txt"] and skipped == []


def test_single_path_string_and_iterator_never_raises(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(ARTICLE)
    docs = list(read_sources(str(tmp_path / "a.txt")))
    assert len(docs) == 1 and isinstance(docs[0], Document)
