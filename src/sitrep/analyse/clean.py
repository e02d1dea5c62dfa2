"""Boilerplate spans: text in an article file that is not the article.

Scraped news keeps the debris of the page around the story: "Read more:" link lists
with other stories' headlines, photo captions and credits, wire editors' notes and
signatures, newsletter and social prompts, pull quotes. Names and events in that debris belong to other stories,
so later stages must extract nothing from it. :func:`find_noise` marks it. A wire tag
naming the source of the report ("DAMASCUS (Reuters) -", "(AP / dpa)") is left alone:
the agency is a real participant of the text, not debris.

The cue phrases are data (``lang/<code>/boilerplate.yaml``); this engine is the same
for every language. It works on lines, because page debris is laid out in lines of its
own: a cue counts only at the start of a line, and a headline list after a cue ends at
the first line that reads like prose again.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import NamedTuple

from sitrep import resources
from sitrep.model import NoiseSpan

LANG_DIR = Path(__file__).resolve().parents[1] / "lang"
FILE_NAME = "boilerplate.yaml"
SHARED = "en"  # merged into every language: agencies, share buttons, English widgets
CATEGORIES = ("link", "caption", "promo", "credit", "byline", "standalone")
_KEYS = {"link": "link_cues", "caption": "caption_cues", "promo": "promo_cues",
         "credit": "credit_cues", "byline": "byline_cues", "standalone": "standalone"}

MAX_ITEMS = 8  # headlines in one link list; a longer run of short lines is something else
MAX_HEADLINE_CHARS = 160
MAX_HEADLINE_WORDS = 25
_BULLET = re.compile(r"[-•*▪►▶»›–—·(\[]\s*")  # list bullets, and "(" of "(Reporting by ...)"
# A one-word cue must be followed by a separator: "Photo: ..." is a caption, "Photos
# taken on Sunday show ..." is prose. A dash separates only captions and link cues
# ("Photo - Reuters"); a year only credits ("Copyright 2024").
_SEP = r"\s*(?:[:：|/]|$)"
_DASH = r"|\s+[–—-](?!\S)"
_WORD_CUE_END = {
    "link": rf"(?={_SEP}{_DASH})",
    "caption": rf"(?={_SEP}{_DASH})",
    "promo": rf"(?={_SEP})",
    "credit": rf"(?={_SEP}|\s+(?:©|\(c\)|\d{{4}}\b))",
}
_TERMINAL = frozenset(".!;,…:。؛،")
_QUESTION = frozenset("?？؟")
_CLOSERS = "\"'”’»›)]」』 "
_LINK_SEP = re.compile(r"\s*[:：|»›>]|\s+[–—-](?!\S)")  # "Related-party" is no separator
_QUOTE_ONLY = re.compile(r"[\"“„«‹「『]([^\"“”„«»]{2,300})[\"”“»›」』][.!?]?")
_TOKEN = re.compile(r"\w+")
# A signature closing the article: wire editors' initials "(aa-kjd)", "(pvs/vi/ji)" or an
# editor's name "(Jane Doe)" in parentheses at the very end.
_SIGNATURE = re.compile(r"\((?:([a-z]{1,4}(?:[-/][a-z]{1,4}){1,4})"
                        r"|([^\W\d_][\w.'’-]*(?:\s+[^\W\d_][\w.'’-]*){0,3}))\)\s*$")
_NAME_JOINERS = frozenset({"and", "&", "in", "dan", "y", "e", "et", "und", "en", "ve", "и", "di",
                           "de", "van", "der", "den", "al", "el", "bin", "ibn", "von", "da", ","})


@cache
def _load(code: str) -> dict[str, list[str]]:
    """One language's cue lists (empty when the language has no file)."""
    data = resources.load(code, "boilerplate")
    return {k: [str(v) for v in vs] for k, vs in data.items() if isinstance(vs, list)}


@cache
def languages() -> tuple[str, ...]:
    """Language codes that ship a boilerplate file."""
    return tuple(sorted(p.parent.name for p in LANG_DIR.glob(f"*/{FILE_NAME}")))


def _cue_pattern(cue: str, category: str | None) -> str:
    body = r"\s+".join(re.escape(part) for part in cue.split())
    if category in _WORD_CUE_END and re.fullmatch(r"\w+", cue):
        return body + _WORD_CUE_END[category]
    return body + r"(?!\w)" if re.search(r"\w$", cue) else body


def _alternation(cues: set[str], category: str | None = None) -> str:
    """Regex alternation of phrases, longest first; ``category`` for cues opening a line."""
    ordered = sorted(cues, key=lambda c: (-len(c), c))
    return "|".join(_cue_pattern(c, category) for c in ordered)


def _first_char(s: str) -> str:
    return s[:1].casefold()[:1]


@dataclass(frozen=True)
class _Rules:
    """Compiled patterns for one language (or the union of all)."""

    by_char: dict[str, re.Pattern[str]]  # line-start cues, bucketed by first character
    social: re.Pattern[str]
    credit_line: re.Pattern[str]
    inline: re.Pattern[str]  # parenthesised links and photo credits inside a line
    notes: re.Pattern[str] | None  # wire editors' notes ("3rd graf pvs")
    only_agencies: re.Pattern[str]  # "(AP / dpa)": a wire tag naming sources, content
    agencies: re.Pattern[str]
    stopwords: frozenset[str]

    def classify(self, line: str) -> re.Match[str] | None:
        pattern = self.by_char.get(_first_char(line))
        return pattern.match(line) if pattern else None


@cache
def _rules(codes: tuple[str, ...]) -> _Rules:
    lists: dict[str, set[str]] = {}
    for code in codes:
        for key, values in _load(code).items():
            lists.setdefault(key, set()).update(v.strip() for v in values if v.strip())
    buckets: dict[str, dict[str, set[str]]] = {}
    for category in CATEGORIES:
        for cue in lists.get(_KEYS[category], ()):
            buckets.setdefault(_first_char(cue), {}).setdefault(category, set()).add(cue)
    by_char = {}
    for char, cats in buckets.items():
        parts = []
        for category in CATEGORIES:
            if category not in cats:
                continue
            alt = _alternation(cats[category], category)
            if category == "standalone":
                parts.append(rf"(?P<standalone>(?:{alt}))[\s.:!]*$")
            elif category == "byline":  # "By Jane Doe", never "by" inside a fragment
                parts.append(rf"(?P<byline>(?-i:{alt}))\s+(?=\S)")
            else:
                parts.append(rf"(?P<{category}>(?:{alt}))")
        by_char[char] = re.compile("|".join(parts), re.I)
    agencies = _alternation(lists.get("agencies", set()) or {"Reuters"})
    captions = _alternation(lists.get("caption_cues", set()) or {"Photo"})
    links = _alternation(lists.get("link_cues", set()) or {"Read more"})
    notes = sorted(lists.get("editor_notes", ()))
    name = r"[\w.'’-]+(?:\s+[\w.'’-]+){0,3}"
    social = _alternation(lists.get("social", set()) or {"Share"})
    return _Rules(
        by_char=by_char,
        social=re.compile(rf"(?:(?:{social})(?:\s*[|·•,/]\s*|\s+|$))+", re.I),
        credit_line=re.compile(
            rf"[(\[]?\s*(?:{name}\s*/\s*)?(?:{agencies})"
            rf"(?:\s*/\s*{name}|\s+via\s+(?:{agencies}))*\s*[)\]]?",
            re.I,
        ),
        inline=re.compile(
            rf"(?P<link>\(\s*(?:{links})\s*[:：][^()\n]{{1,200}}\))"
            rf"|(?P<credit>\(\s*(?:{captions})\s*[:：/][^()\n]{{0,120}}\)"
            rf"|\([^()\n]{{0,60}}(?:/|\bvia\s)\s*(?:{agencies})[^()\n]{{0,40}}\)"
            rf"|\(\s*(?:{agencies})\s*/[^()\n]{{1,60}}\))",
            re.I,
        ),
        notes=re.compile("|".join(notes)) if notes else None,
        only_agencies=re.compile(rf"[(\[]?\s*(?:{agencies})(?:\s*[/,]\s*(?:{agencies}))*\s*[)\]]?",
                                 re.I),
        agencies=re.compile(rf"(?:{agencies})$", re.I),
        stopwords=frozenset(w.casefold() for w in lists.get("stopwords", ())),
    )


def rules_for(language: str | None) -> _Rules:
    """Patterns for ``language`` plus the shared English file; unknown: all languages."""
    code = re.split(r"[-_]", (language or "").strip().lower())[0]
    if code in languages():
        return _rules(tuple(sorted({code, SHARED})))
    return _rules(languages())


class _Line(NamedTuple):  # a tuple: built for every line, so it must be cheap
    start: int  # offset of the first non-blank character
    end: int  # offset after the last non-blank character
    text: str  # the line without surrounding whitespace ("" for a blank line)


def _lines(text: str) -> list[_Line]:
    lines = []
    pos = 0
    for raw in text.split("\n"):
        content = raw.strip()
        start = pos + (len(raw) - len(raw.lstrip())) if content else pos
        lines.append(_Line(start, start + len(content), content))
        pos += len(raw) + 1
    return lines


def find_noise(text: str, language: str | None) -> list[NoiseSpan]:
    """Spans of ``text`` that are page debris rather than article content, in text order.

    ``language`` (ISO 639-1, region suffixes ignored) picks the cue file; None or a
    language without a file uses the cues of all languages.
    """
    rules = rules_for(language)
    lines = _lines(text)
    found: list[tuple[_Line, str]] = []
    i = 0
    while i < len(lines):
        line = lines[i]
        if not line.text:
            i += 1
            continue
        reason, block_end = _classify(lines, i, rules)
        if reason:
            found.append((line, reason))
            for j in range(i + 1, block_end):
                if lines[j].text:
                    found.append((lines[j], "link list"))
            i = max(i + 1, block_end)
            continue
        found.extend(_inline(line, rules))
        i += 1
    last = next((ln for ln in reversed(lines) if ln.text), None)
    m = _SIGNATURE.search(last.text) if last else None
    if last and m and _is_signature(m, last.text):
        sig = _Line(last.start + m.start(), last.start + m.end(), m.group())
        if not any(ln.start < sig.end and sig.start < ln.end for ln, _ in found):
            found.append((sig, "signature"))
    found.sort(key=lambda item: item[0].start)
    return [NoiseSpan(start=ln.start, end=ln.end, text=text[ln.start:ln.end], reason=reason)
            for ln, reason in found]


def _is_signature(m: re.Match[str], line: str) -> bool:
    """Editors' initials, or a capitalised name that is no acronym, after a finished sentence."""
    before = line[:m.start()].rstrip()
    if before and before[-1] not in ".!?\"”’»":
        return False  # "... the Syrian Democratic Forces (SDF)" names an entity
    if m.group(1):
        return True
    words = m.group(2).split()
    return all(w[0].isupper() and not w.isupper() for w in words)


def _inline(line: _Line, rules: _Rules) -> list[tuple[_Line, str]]:
    """Debris inside a line of content: "(Baca juga: ...)", "(Photo: ...)", editors' notes."""
    out = []
    if "(" in line.text:
        for m in rules.inline.finditer(line.text):
            if m.lastgroup == "credit" and rules.only_agencies.fullmatch(m.group()):
                continue  # "(AP / dpa)" names the sources of the report: content
            span = _Line(line.start + m.start(), line.start + m.end(), m.group())
            out.append((span, "link" if m.lastgroup == "link" else "credit"))
    note = rules.notes.search(line.text) if rules.notes else None
    if note:
        start = max(line.text.rfind(p, 0, note.start()) for p in (". ", "! ", "? "))
        start = start + 2 if start >= 0 else 0
        ends = [e for e in (line.text.find(p, note.end()) for p in ".!?") if e >= 0]
        end = min(ends) + 1 if ends else len(line.text)
        out.append((_Line(line.start + start, line.start + end, line.text[start:end]),
                    "editor note"))
    return out


def _classify(lines: list[_Line], i: int, rules: _Rules) -> tuple[str | None, int]:
    """Why line ``i`` is noise (None if it is not), and the end of the block it opens."""
    s = lines[i].text
    bullet = _BULLET.match(s)
    body = s[bullet.end():] if bullet else s
    # "(Reporting by ...)" is a credit line; "(Photo: AFP) Rebels entered ..." is content
    # with an inline credit, left to _inline
    wrapped = s[0] in "([" and not s.endswith((")", "]"))
    m = None if wrapped else rules.classify(body)
    if m:
        category = m.lastgroup
        rest = body[m.end():]
        if category == "link":
            kind = _link_kind(rest, len(body))
            if kind == "inline":
                return "link", i + 1
            if kind == "bare":
                return "link list", _link_block(lines, i, rules)
        elif category == "byline":
            if _is_byline(rest, rules):
                return "byline", i + 1
        elif category in ("caption", "credit") and len(s) <= 500:
            return category, i + 1
        elif category == "promo" and len(s) <= 300:
            return "promo", i + 1
        elif category == "standalone":
            return "widget", i + 1
    if len(s) > 300 or s[-1] in _TERMINAL:
        return None, i + 1  # prose: no credit, share bar or pull quote looks like this
    if len(s) <= 100 and rules.credit_line.fullmatch(s) and not rules.only_agencies.fullmatch(s):
        return "credit", i + 1
    if len(s) <= 200 and rules.social.fullmatch(s):
        return "social", i + 1
    if _is_pull_quote(lines, i):
        return "pull quote", i + 1
    return None, i + 1


def _link_kind(rest: str, line_len: int) -> str | None:
    """After a link cue: "bare" (a list follows), "inline" (headline on this line) or None."""
    r = rest.strip()
    if not r:
        return "bare"
    sep = _LINK_SEP.match(rest)
    if sep:
        return "inline" if rest[sep.end():].strip() else "bare"
    head, colon, after = r.replace("：", ":").partition(":")
    if colon and len(head.split()) <= 5 and not _TERMINAL.intersection(head):
        return "inline" if after.strip() else "bare"  # "Read more from Sky News:"
    if not colon and len(r.split()) <= 4 and line_len <= 60 and _headline_kind(r) == "item":
        return "bare"  # "More on Syria"
    return None


def _headline_kind(s: str) -> str | None:
    """ "item" for a headline-like line, "question" for a headline-like question, else None."""
    if len(s) > MAX_HEADLINE_CHARS or len(s.split()) > MAX_HEADLINE_WORDS or s[0].islower():
        return None
    tail = s.rstrip(_CLOSERS)
    last = tail[-1:] or s[-1]
    if last in _TERMINAL:
        return None
    return "question" if last in _QUESTION else "item"


def _link_block(lines: list[_Line], i: int, rules: _Rules) -> int:
    """End (exclusive line index) of the headline list that the cue on line ``i`` opens.

    Items are headline-like lines; when the first item follows the cue directly, a blank
    line ends the list. When prose follows the list, two kinds of line at its end are
    given back to the article: questions (a question just before prose reads as
    the article's own rhetorical question) and a subheading, recognised by sharing most
    of its words with the paragraph after it (a link to another story does not).
    """
    items: list[tuple[int, str]] = []
    j = i + 1
    prose_follows = False
    tight = True  # no blank line between cue and first item: a blank line ends the list
    while j < len(lines):
        s = lines[j].text
        if not s:
            if items and tight:
                break
            j += 1
            continue
        if not items:
            tight = j == i + 1
        bullet = _BULLET.match(s)
        m = rules.classify(s[bullet.end():] if bullet else s)
        kind = None if m and m.lastgroup == "link" else _headline_kind(s)
        if kind is None or len(items) == MAX_ITEMS:
            prose_follows = True
            break
        items.append((j, kind))
        j += 1
    if prose_follows:
        while items and items[-1][1] == "question":
            items.pop()
        if items and _is_subheading(lines, items[-1][0], rules.stopwords):
            items.pop()
    return items[-1][0] + 1 if items else i + 1


def _content_stems(s: str, stopwords: frozenset[str]) -> set[str]:
    return {t[:5] for t in _TOKEN.findall(s.casefold()) if len(t) >= 4 and t not in stopwords}


def _is_subheading(lines: list[_Line], k: int, stopwords: frozenset[str]) -> bool:
    """A short line whose words mostly recur in the next few lines introduces them."""
    own = _content_stems(lines[k].text, stopwords)
    if not own:
        return False
    window = [ln.text for ln in lines[k + 1:k + 12] if ln.text][:3]
    after = _content_stems(" ".join(window), stopwords)
    shared = len(own & after)
    return shared >= min(2, len(own)) and shared * 2 >= len(own)


def _is_byline(rest: str, rules: _Rules) -> bool:
    """ "By Jane Smith and John Doe": a few capitalised names, or an agency."""
    r = rest.strip()
    if rules.agencies.match(r):
        return True
    words = r.replace(",", " , ").split()
    names = [w for w in words if w.casefold() not in _NAME_JOINERS]
    return (2 <= len(names) <= 6 and all(w[0].isupper() for w in names)
            and not any(ch.isdigit() for ch in r) and r[-1] not in _TERMINAL)


def _quotes_balanced(s: str) -> bool:
    return s.count('"') % 2 == 0 and s.count("“") <= s.count("”") and s.count("«") <= s.count("»")


def _is_pull_quote(lines: list[_Line], i: int) -> bool:
    """A paragraph that is only a quotation, set apart and attributed to no one.

    A quote paragraph that continues the speaker of the paragraph before (an open quote
    there, or a colon introducing it) is article content; a pull quote repeats words
    from the story or stands set apart at its end.
    """
    s = lines[i].text
    m = _QUOTE_ONLY.fullmatch(s)
    if not m:
        return False
    before_blank = i == 0 or not lines[i - 1].text
    after_blank = i + 1 >= len(lines) or not lines[i + 1].text
    if not (before_blank and after_blank):
        return False
    prev = next((ln.text for ln in reversed(lines[:i]) if ln.text), "")
    if prev.endswith((":", "：")) or not _quotes_balanced(prev):
        return False
    nxt = next((ln.text for ln in lines[i + 1:] if ln.text), "")
    if nxt and (nxt[0] in "-–—" or nxt[0].islower()):
        return False  # "— the minister" / "he said": attributed
    wide_gap = (i >= 2 and not lines[i - 2].text) or (i + 2 < len(lines) and not lines[i + 2].text)
    repeated = sum(m.group(1) in ln.text for ln in lines) > 1
    return not nxt or wide_gap or repeated
