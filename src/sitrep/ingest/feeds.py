"""RSS and Atom feed files: every entry is an article.

Feeds carry the article (or its summary) as HTML in the entry, the feed's own title is
the outlet, and dates come pre-parsed by feedparser as UTC.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import feedparser

from sitrep.ingest.base import BadInput, Raw, Skipped
from sitrep.ingest.html import fragment_to_text
from sitrep.ingest.meta import make_meta, meta_fields, normalise_date

_FEED_ROOT = re.compile(rb"<(?:rss|feed|rdf:RDF)\b", re.I)


def looks_like_feed(head: bytes) -> bool:
    """Content sniffing: an RSS, Atom or RDF root element near the start of the file."""
    return bool(_FEED_ROOT.search(head[:4096]))


def _entry_html(entry: Any) -> str:
    """The fullest text the entry offers: its longest content block, else its summary."""
    contents = [c.get("value", "") for c in entry.get("content", []) if c.get("value")]
    if contents:
        return max(contents, key=len)
    return entry.get("summary", "") or ""


def read_feed(name: str, data: bytes) -> Iterator[Raw | Skipped]:
    parsed = feedparser.parse(data)
    if not parsed.entries:
        if not parsed.get("version"):
            raise BadInput("not an RSS/Atom feed")
        raise BadInput("feed has no entries")
    feed = parsed.feed
    feed_meta = meta_fields({"outlet": feed.get("title"), "language": feed.get("language")})
    for number, entry in enumerate(parsed.entries, 1):
        source = f"{name}#{number}"
        text = fragment_to_text(_entry_html(entry))
        if not text:
            yield Skipped(source, "feed entry has no text")
            continue
        fields = meta_fields({"title": entry.get("title"), "link": entry.get("link")})
        published = entry.get("published_parsed") or entry.get("updated_parsed")
        date = normalise_date(published) or normalise_date(entry.get("published"))
        if date:
            fields["published"] = date
        yield Raw(text, make_meta(feed_meta, fields), source)
