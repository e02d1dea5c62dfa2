"""Article metadata from the many shapes sources give it: front matter, sidecars, JSON keys.

The publication date matters most: it anchors every relative time expression ("on
Saturday", "three days later"), so it is normalised to ISO whenever it can be parsed
without guessing, and left out (None) when it cannot.
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

from sitrep.ingest.base import BadInput, decode_text
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


def normalise_date(value: Any) -> str | None:
    """ISO ``YYYY-MM-DD`` or ISO datetime for a parseable date, else None."""
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, time.struct_time):
        return datetime(*value[:6], tzinfo=UTC).isoformat()
    if isinstance(value, int | float):
        seconds = value / 1000 if value > 1e11 else value  # epoch milliseconds
        try:
            return datetime.fromtimestamp(seconds, tz=UTC).isoformat()
        except (OverflowError, OSError, ValueError):
            return None
    text = " ".join(str(value).split())
    if not text:
        return None
    try:
        if _ISO_DATE.fullmatch(text):
            return date.fromisoformat(text).isoformat()
        return datetime.fromisoformat(text).isoformat()
    except ValueError:
        pass
    try:
        return email.utils.parsedate_to_datetime(text).isoformat()
    except (TypeError, ValueError, IndexError):
        pass
    for fmt, with_time in _FORMATS:
        try:
            parsed = datetime.strptime(text, fmt)
        except ValueError:
            continue
        return parsed.isoformat() if with_time else parsed.date().isoformat()
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


def meta_fields(mapping: Mapping[str, Any]) -> dict[str, str]:
    """The Meta fields found in ``mapping`` (any alias), normalised, missing ones left out."""
    lowered = {str(k).lower(): v for k, v in mapping.items()}
    found: dict[str, str] = {}
    for name, keys in ALIASES.items():
        for key in keys:
            value = lowered.get(key)
            if value is None:
                continue
            if name == "published":
                norm = normalise_date(value)
            elif name == "language":
                norm = normalise_language(value)
            else:
                norm = _text_value(value)
            if norm is not None:
                found[name] = norm
                break
    return found


def make_meta(*layers: Mapping[str, str]) -> Meta:
    """Meta from field dicts; later layers override earlier ones."""
    merged: dict[str, str] = {}
    for layer in layers:
        merged.update(layer)
    return Meta(**merged)


_FRONT = re.compile(r"---[ \t]*\n(.*?\n)?(?:---|\.\.\.)[ \t]*(?:\n|$)", re.DOTALL)


def split_front_matter(text: str) -> tuple[dict[str, str], str]:
    """Metadata from a leading YAML front matter block, and the text after it.

    A leading ``---`` that does not open a YAML mapping (a Markdown rule, say) is text.
    """
    if not text.startswith("---"):
        return {}, text
    m = _FRONT.match(text)
    if not m:
        return {}, text
    try:
        data = yaml.safe_load(m.group(1) or "")
    except yaml.YAMLError:
        return {}, text
    if not isinstance(data, dict):
        return {}, text
    return meta_fields(data), text[m.end():].lstrip("\n")


def sidecar_for(path: Path) -> Path | None:
    """The ``x.meta.json`` (or ``x.txt.meta.json``) file beside ``x.txt``, if there is one."""
    for candidate in (path.with_name(path.stem + ".meta.json"),
                      path.with_name(path.name + ".meta.json")):
        if candidate.is_file():
            return candidate
    return None


def read_sidecar(path: Path) -> dict[str, str]:
    """Meta fields from a JSON sidecar; raises BadInput with the reason when it is unusable."""
    try:
        data = json.loads(decode_text(path.read_bytes()))
    except json.JSONDecodeError as exc:
        raise BadInput(f"broken JSON in metadata sidecar: {exc.msg} (line {exc.lineno})") from None
    except OSError as exc:
        raise BadInput(f"cannot read metadata sidecar: {exc.strerror or exc}") from None
    if not isinstance(data, dict):
        raise BadInput("metadata sidecar is not a JSON object")
    return meta_fields(data)


def is_sidecar(path: Path) -> bool:
    return path.name.lower().endswith(".meta.json")
