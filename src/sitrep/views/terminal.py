"""Data on the terminal: article text, titles and file names are inert when printed.

Everything sitrep prints comes, in the end, from the articles it read: a title holding
``[/]`` is Rich markup that makes ``console.print`` raise (for every later ``report``
too, since the title is stored), ``[update]`` silently disappears as an unknown style,
and escape sequences (``\\x1b[2J``, ``\\x1b]0;title\\x07``) would clear the screen or
retitle the window. So data passes through :func:`plain` (control characters out)
before it becomes a Rich ``Text``, and through :func:`markup` (plain, then markup
escaped) before it is put into a markup string.
"""

from __future__ import annotations

import re
from typing import Any

# C0 controls but tab and newline, DEL and C1 controls, bidirectional overrides and
# isolates (they reorder what the reader sees), and lone surrogates (unprintable: the
# terminal's UTF-8 encoder raises on them).
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
_SURROGATE = re.compile("[\ud800-\udfff]")


def plain(value: Any) -> str:
    """``value`` as text with control characters removed (None is the empty string)."""
    text = "" if value is None else str(value)
    return _SURROGATE.sub("\ufffd", _CONTROL.sub("", text))


# a "[" with the backslashes before it, and whether what follows reads as a Rich tag
_BRACKET = re.compile(r"(\\*)\[(?=([a-z#/@][^\[]*?\])?)")
_TRAILING = re.compile(r"(\\+)$")


def markup(value: Any) -> str:
    """``value`` safe to embed in a Rich markup string: printed exactly as it reads.

    Rich reads ``\\[`` as an escaped bracket everywhere, and the backslashes before a
    tag-like ``[b]`` as escapes in pairs; so every ``[`` gets an escaping backslash, the
    backslashes before a tag-like one are doubled, and so are backslashes at the end,
    which would otherwise escape the tag that follows the value."""

    def bracket(match: re.Match[str]) -> str:
        slashes = match.group(1)
        return (slashes * 2 if match.group(2) else slashes) + "\\["

    return _TRAILING.sub(lambda m: m.group(1) * 2, _BRACKET.sub(bracket, plain(value)))
