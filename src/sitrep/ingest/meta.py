"""Article metadata from the many shapes sources give it: front matter, sidecars, JSON keys.

The publication date matters most: it anchors every relative time expression ("on
Saturday", "three days later"), so it is normalised to ISO whenever it can be parsed
without guessing, and left out (None) when it cannot. Every date a reader meets goes
through :func:`normalise_date`, which never raises and keeps dates within
``MIN_YEAR``..``MAX_YEAR``: export placeholders such as ``0001-01-01`` or
``9999-12-31``, a 400-digit epoch or ``2024-02-30`` cost the date, never the article.
"""

from __future__ import annotations

import email.utils
import json
import re
import time
from collections.abc import Mapping
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pycountry
import yaml

from sitrep.ingest.base import BadInput, decode_text, storable
from sitrep.model import Meta

# Accepted spellings of each Meta field, in order of preference.
ALIASES: dict[str, tuple[str, ...]] = {
    "url": ("url", "link", "canonical_url", "uri"),
    "outlet": ("outlet", "site", "sitename", "site_name", "publisher", "source_name"),
    "published": ("published", "date", "published_at", "publish_date", "pubdate", "datetime"),
    "language": ("language", "lang"),
    "title": ("title", "headline"),
}

# Unambiguous day-first/month-name formats; "03/04/2024" is not parsed on purpose.
_FORMATS: tuple[tuple[str, bool], ...] = (
    ("%Y/%m/%d", False),
    ("%d.%m.%Y", False),
    ("%d %B %Y", False),
    ("%d %b %Y", False),
    ("%B %d, %Y", False),
    ("%b %d, %Y", False),
    ("%B %d %Y", False),
    ("%b %d %Y", False),
    ("%Y-%m-%d %H:%M:%S", True),
    ("%Y-%m-%d %H:%M", True),
    ("%Y/%m/%d %H:%M:%S", True),
    ("%Y/%m/%d %H:%M", True),
)
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
# Publication dates outside these years are placeholders or garbage, not news; keeping
# them would also push the time arithmetic of the analysis off the calendar.
MIN_YEAR, MAX_YEAR = 1800, 2200
_DATE_CHARS = 100  # no date is longer; a longer string is not parsed at all


def normalise_date(value: Any) -> str | None:
    """ISO ``YYYY-MM-DD`` or ISO datetime for a parseable date in bounds, else None.

    The one date parser of the readers: it accepts whatever a source puts in a date
    field (strings, epoch seconds or milliseconds, datetimes, feedparser's struct_time)
    and never raises.
    """
    try:
        parsed = _parse_date(value)
    except (ValueError, OverflowError, OSError, TypeError, IndexError):
        return None
    if parsed is None or not MIN_YEAR <= parsed.year <= MAX_YEAR:
        return None
    return parsed.isoformat()


def _parse_date(value: Any) -> date | datetime | None:
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, datetime | date):
        return value
    if isinstance(value, time.struct_time):
        return datetime(*value[:6], tzinfo=UTC)
    if isinstance(value, int | float):
        if not -1e14 < value < 1e14:  # beyond year 5000 even in milliseconds
            return None
        seconds = value / 1000 if value > 1e11 else value  # epoch milliseconds
        return datetime.fromtimestamp(seconds, tz=UTC)
    text = " ".join(str(value).split())
    if not text or len(text) > _DATE_CHARS:
        return None
    try:
        if _ISO_DATE.fullmatch(text):
            return date.fromisoformat(text)
        return datetime.fromisoformat(text)
    except ValueError:
        pass
    try:
        return email.utils.parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError, OverflowError):
        pass
    for fmt, with_time in _FORMATS:
        try:
            parsed = datetime.strptime(text, fmt)
        except ValueError:
            continue
        return parsed if with_time else parsed.date()
    return None


def normalise_language(value: Any) -> str | None:
    """ISO 639-1 code from "en", "en-GB", "pt_BR", "ara" or "English"; else the raw code."""
    if not isinstance(value, str) or not value.strip():
        return None
    raw = value.strip()
    primary = re.split(r"[-_]", raw)[0].lower()
    if re.fullmatch(r"[a-z]{2}", primary):
        return primary
    try:
        found = pycountry.languages.lookup(raw if len(primary) != 3 else primary)
    except LookupError:
        return primary if re.fullmatch(r"[a-z]{3}", primary) else None
    return getattr(found, "alpha_2", None) or getattr(found, "alpha_3", None)


def _text_value(value: Any) -> str | None:
    if isinstance(value, str | int | float) and not isinstance(value, bool):
        text = " ".join(str(value).split())
        return text or None
    return None


def meta_fields(mapping: Mapping[str, Any], notes: list[str] | None = None) -> dict[str, str]:
    """The Meta fields found in ``mapping`` (any alias), normalised, missing ones left out.

    A date that is there but cannot be used is noted in ``notes`` (when given): the
    article goes on without it, and the user learns why its dates stay unresolved.
    """
    lowered = {str(k).lower(): v for k, v in mapping.items()}
    found: dict[str, str] = {}
    unusable: list[str] = []
    for name, keys in ALIASES.items():
        for key in keys:
            value = lowered.get(key)
            if value is None:
                continue
            if name == "published":
                norm = normalise_date(value)
                if norm is None and str(value).strip():
                    unusable.append(f"unusable date {_shown(value)} in {key!r} dropped")
            elif name == "language":
                norm = normalise_language(value)
            else:
                norm = _text_value(value)
            if norm is not None:
                found[name] = norm
                break
    if notes is not None and "published" not in found:
        notes.extend(unusable)
    return found


def _shown(value: Any, limit: int = 40) -> str:
    """A value quoted for a message, cut short (it may be a 400-digit number)."""
    text = repr(value) if isinstance(value, str) else str(value)
    return text if len(text) <= limit else text[:limit] + "..."


def make_meta(*layers: Mapping[str, str]) -> Meta:
    """Meta from field dicts; later layers override earlier ones; values made storable."""
    merged: dict[str, str] = {}
    for layer in layers:
        merged.update(layer)
    return Meta(**{name: storable(value) for name, value in merged.items()})


_FRONT = re.compile(r"---[ \t]*\n(.*?\n)?(?:---|\.\.\.)[ \t]*(?:\n|$)", re.DOTALL)


class _FrontMatterLoader(yaml.SafeLoader):
    """YAML without implicit timestamps: PyYAML builds ``date: 2024-02-30`` into a
    datetime itself and raises ValueError, so the date would cost the whole article;
    as a string it goes through :func:`normalise_date` like every other date."""


_FrontMatterLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


_MAX_NESTING = 32  # metadata is flat; PyYAML recurses per level and needs seconds to fail on thousands


def _nesting(block: str) -> int:
    """The deepest nesting of flow brackets in a YAML block (quotes ignored: an upper bound)."""
    depth = deepest = 0
    for ch in block:
        if ch in "[{":
            depth += 1
            deepest = max(deepest, depth)
        elif ch in "]}":
            depth = max(0, depth - 1)
    return deepest


def split_front_matter(text: str, notes: list[str] | None = None) -> tuple[dict[str, str], str]:
    """Metadata from a leading YAML front matter block, and the text after it.

    A leading ``---`` that does not open a YAML mapping (a Markdown rule, say) is text,
    and so is a block that is not valid YAML or is nested deeper than metadata ever is.
    """
    if not text.startswith("---"):
        return {}, text
    m = _FRONT.match(text)
    if not m or _nesting(m.group(1) or "") > _MAX_NESTING:
        return {}, text
    try:
        data = yaml.load(m.group(1) or "", Loader=_FrontMatterLoader)
    except (yaml.YAMLError, ValueError, RecursionError):
        return {}, text
    if not isinstance(data, dict):
        return {}, text
    return meta_fields(data, notes), text[m.end():].lstrip("\n")


def sidecar_for(path: Path) -> Path | None:
    """The ``x.meta.json`` (or ``x.txt.meta.json``) file beside ``x.txt``, if there is one."""
    for candidate in (path.with_name(path.stem + ".meta.json"),
                      path.with_name(path.name + ".meta.json")):
        if candidate.is_file():
            return candidate
    return None


def read_sidecar(path: Path, notes: list[str] | None = None) -> dict[str, str]:
    """Meta fields from a JSON sidecar; raises BadInput with the reason when it is unusable."""
    try:
        data = json.loads(decode_text(path.read_bytes()), parse_int=bounded_int)
    except json.JSONDecodeError as exc:
        raise BadInput(f"broken JSON in metadata sidecar: {exc.msg} (line {exc.lineno})") from None
    except RecursionError:
        raise BadInput("metadata sidecar is nested too deeply") from None
    except OSError as exc:
        raise BadInput(f"cannot read metadata sidecar: {exc.strerror or exc}") from None
    if not isinstance(data, dict):
        raise BadInput("metadata sidecar is not a JSON object")
    return meta_fields(data, notes)


def bounded_int(digits: str) -> int | float:
    """``parse_int`` for json: Python refuses to convert more than 4,300 digits (a
    ValueError that would cost the whole file), so such a number becomes a float (inf)."""
    return int(digits) if len(digits) <= 100 else float(digits)


def is_sidecar(path: Path) -> bool:
    return path.name.lower().endswith(".meta.json")
