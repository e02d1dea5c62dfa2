"""RSS and Atom feed files: every entry is an article.

Feeds carry the article (or its summary) as HTML in the entry, the feed's own title is
the outlet, and dates come pre-parsed by feedparser as UTC. feedparser is tolerant of
broken XML but raises on a few things a feed can hold (a character reference to a
surrogate, a declared encoding that is no text encoding); those are mended before it
reads the feed, and a failure inside one entry costs that entry only.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import feedparser

from sitrep.ingest.base import BadInput, Raw, Skipped, reason_for
from sitrep.ingest.html import fragment_to_text
from sitrep.ingest.meta import make_meta, meta_fields, normalise_date

_FEED_ROOT = re.compile(rb"<(?:rss|feed|rdf:RDF)\b", re.I)
_CHARREF = re.compile(rb"&#(?:[xX]([0-9a-fA-F]{1,16})|([0-9]{1,16}));")
_XML_ENCODING = re.compile(rb"""(<\?xml[^>]*?)\s+encoding\s*=\s*["'][^"']*["']""")


def looks_like_feed(head: bytes) -> bool:
    """Content sniffing: an RSS, Atom or RDF root element near the start of the file."""
    return bool(_FEED_ROOT.search(head[:4096]))


def _entry_html(entry: Any) -> str:
    """The fullest text the entry offers: its longest content block, else its summary."""
    contents = [c.get("value", "") for c in entry.get("content", []) if c.get("value")]
    if contents:
        return max(contents, key=len)
    return entry.get("summary", "") or ""


def _charref(m: re.Match[bytes]) -> bytes:
    """A numeric character reference Python can encode, else U+FFFD in its place."""
    code = int(m.group(1), 16) if m.group(1) else int(m.group(2))
    return m.group(0) if code <= 0x10FFFF and not 0xD800 <= code <= 0xDFFF else b"&#xFFFD;"


def _parse(data: bytes) -> feedparser.FeedParserDict:
    """feedparser on mended bytes; when a declared encoding still breaks it, once more
    without the declaration (read as UTF-8)."""
    data = _CHARREF.sub(_charref, data)
    try:
        return feedparser.parse(data)
    except Exception as exc:  # feedparser raises on encodings that are no text encoding
        undeclared = _XML_ENCODING.sub(rb"\1", data, count=1)
        if undeclared == data:
            raise BadInput(f"unreadable feed: {reason_for(exc)}") from None
    try:
        return feedparser.parse(undeclared)
    except Exception as exc:
        raise BadInput(f"unreadable feed: {reason_for(exc)}") from None


def read_feed(name: str, data: bytes) -> Iterator[Raw | Skipped]:
    parsed = _parse(data)
    if not parsed.entries:
        if not parsed.get("version"):
            raise BadInput("not an RSS/Atom feed")
        raise BadInput("feed has no entries")
    feed = parsed.feed
    feed_meta = meta_fields({"outlet": feed.get("title"), "language": feed.get("language")})
    for number, entry in enumerate(parsed.entries, 1):
        source = f"{name}#{number}"
        try:
            yield _entry(entry, feed_meta, source)
        except Exception as exc:  # one strange entry costs that entry
            yield Skipped(source, reason_for(exc))


def _entry(entry: Any, feed_meta: dict[str, str], source: str) -> Raw | Skipped:
    text = fragment_to_text(_entry_html(entry))
    if not text:
        return Skipped(source, "feed entry has no text")
    fields = meta_fields({"title": entry.get("title"), "link": entry.get("link")})
    published = entry.get("published_parsed") or entry.get("updated_parsed")
    date = normalise_date(published) or normalise_date(entry.get("published"))
    if date:
        fields["published"] = date
    return Raw(text, make_meta(feed_meta, fields), source)
