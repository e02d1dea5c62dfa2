"""HTML to article text: whole pages through trafilatura, fragments through the stdlib.

Whole pages carry navigation, footers and comments that trafilatura knows how to drop.
Feed summaries and JSON ``content`` fields are already the article (or a part of it),
where trafilatura's boilerplate heuristics would throw short texts away, so fragments
are only flattened to text, block elements becoming line breaks.
"""

from __future__ import annotations

import codecs
import re
import warnings
from datetime import UTC, datetime
from html.parser import HTMLParser

import trafilatura

from sitrep.ingest.base import BadInput, decode_text
from sitrep.ingest.meta import normalise_date, normalise_language

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
_HTML_LANG = re.compile(r"""<html\b[^>]*?\blang\s*=\s*["']?([A-Za-z]{2,3}(?:[-_][A-Za-z0-9]+)?)""",
                        re.I)
_LOOKS_HTML = re.compile(
    r"\s*<(?:!doctype|html|body|article|div|p|section|h[1-6]|span|ul|ol|table|figure)\b", re.I
)


def decode_html(data: bytes, declared: str | None = None) -> str:
    """Decode an HTML page: BOM, then the HTTP charset, then ``<meta charset>``, then UTF-8.

    A declared charset that is wrong or no charset at all ("undefined", which Python
    knows as a codec that always fails) is passed over for the next candidate.
    """
    if data.startswith((codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return decode_text(data)
    candidates = [declared] if declared else []
    m = _META_CHARSET.search(data[:4096])
    if m:
        candidates.append(m.group(1).decode("ascii"))
    for charset in candidates:
        try:
            return data.decode(charset)
        except (LookupError, UnicodeError):
            continue
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        raise BadInput("not valid UTF-8 text and no usable charset declared") from None


def _date_params() -> dict[str, object]:
    """htmldate settings: the page's own date markup (meta tags, JSON-LD, ``<time>``,
    URL), without the extensive search, which hands odd strings to dateparser and took
    8 s on one fuzzed 2 KB page."""
    return {"original_date": True, "extensive_search": False,
            "max_date": datetime.now(UTC).strftime("%Y-%m-%d")}


def extract_page(html: str, url: str | None = None) -> tuple[str, dict[str, str]]:
    """Main text and metadata (title, published, outlet, url, language) of a web page.

    Raises BadInput when no article text can be found.
    """
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            result = trafilatura.bare_extraction(
                html, url=url, with_metadata=True, include_comments=False, as_dict=True,
                date_extraction_params=_date_params(),
            )
    except Exception as exc:  # trafilatura/lxml raise many kinds on broken markup
        raise BadInput(f"malformed HTML: {type(exc).__name__}") from None
    text = (result or {}).get("text") or ""
    if not any(ch.isalpha() for ch in text):  # markup debris such as "<<<>>>" is no text
        raise BadInput("no article text found in HTML")
    meta: dict[str, str] = {}
    for field, key in (("title", "title"), ("outlet", "sitename"), ("url", "url")):
        value = result.get(key)
        if isinstance(value, str) and value.strip():
            meta[field] = value.strip()
    published = normalise_date(result.get("date"))
    if published:
        meta["published"] = published
    m = _HTML_LANG.search(html[:4096])
    language = normalise_language(m.group(1)) if m else None
    if language:
        meta["language"] = language
    return text, meta


class _TextCollector(HTMLParser):
    """Collects text, turning block-level tags into line breaks and dropping scripts."""

    BLOCK = frozenset({
        "p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote",
        "tr", "table", "section", "article", "header", "footer", "figure", "figcaption", "pre",
        "hr", "dd", "dt", "dl", "aside", "main",
    })
    SKIP = frozenset({"script", "style", "noscript", "template", "head"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skipping = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self.SKIP:
            self._skipping += 1
        elif tag in self.BLOCK:
            self.parts.append("\n")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self.BLOCK:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in self.SKIP:
            self._skipping = max(0, self._skipping - 1)
        elif tag in self.BLOCK:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self._skipping:
            self.parts.append(data)


def fragment_to_text(fragment: str) -> str:
    """Plain text of an HTML fragment: one line per block, whitespace inside lines collapsed."""
    collector = _TextCollector()
    collector.feed(fragment)
    collector.close()
    lines = (" ".join(line.split()) for line in "".join(collector.parts).split("\n"))
    return "\n".join(line for line in lines if line)


def looks_like_html(text: str) -> bool:
    """True when a text field holds markup (starts with a block-level tag) rather than prose."""
    return bool(_LOOKS_HTML.match(text)) and "</" in text
