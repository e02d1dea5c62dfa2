"""The temporal tagger: one engine, every language's rules.

Finding: each language's rules are compiled once into regexes, plus one "trigger"
regex (a lookahead over all of them) that finds the positions where some rule may
start, so the text is scanned once and the rules are only tried where they can match.
Of overlapping matches the longest span wins (ties: the rule listed first).

Normalising: the matches are read in text order, as a careful reader would. Deictic
expressions (yesterday, last week, Saturday) are anchored on the publication date
(dct); anaphoric ones (three days later, the next day, that day) on the narrative
anchor, the last fully specified day the text has mentioned (else the dct); dates
without a year take the year nearest that anchor (see :mod:`.values`). The sentence's
tense (per-language cue words) decides whether a bare weekday or month lies before or
after the dct. Without a dct nothing relative is invented: values stay ``XXXX``-style
and ``anchor`` is ``"unanchored"``.
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from functools import cache

from sitrep.analyse.timex import values
from sitrep.analyse.timex.heads import DIGIT, WORD, fold
from sitrep.analyse.timex.resources import Resources, Rule, available_languages, load
from sitrep.model import Timex

_GROUP = re.compile(r"\{(\w+)(?::(\w+))?\}")
_CALL = re.compile(r"@(\w+)\(([^()]*)\)")
_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})")
_QUARTER = re.compile(r"^\d{4}-Q[1-4]$")
_SENTENCE_END = re.compile(r"[.!?\n]\s")
_ORDINAL_SUFFIX = re.compile(r"(?<=\d)(?:st|nd|rd|th|º|ª|er|e|\.)$", re.IGNORECASE)


def normalise_precision(value: str | None) -> int | None:
    """ACLED time precision of a TimeML value: 1 a day, 2 a week or a range, 3 vaguer.

    Durations, sets, ``*_REF`` values and values with unresolved (``X``) parts give
    ``None``: they do not say when something happened.
    """
    if not value or "X" in value or value.startswith("P") or value.endswith("_REF"):
        return None
    if "/" in value:
        return 2
    if _DAY.match(value):
        return 1
    if re.match(r"^\d{4}-W\d{2}(?:-WE)?$", value):
        return 2
    if re.match(r"^\d{2,4}", value):
        return 3
    return None


def _parse_dct(dct: str | None) -> dt.date | None:
    if not dct:
        return None
    m = _DAY.match(dct.strip())
    if not m:
        return None
    try:
        return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        return None


class TimexTagger:
    """Finds and normalises time expressions in one language.

    Use :meth:`for_language`; an unknown language falls back to English (logged in the
    ``language`` attribute, which then says ``en``), because English numeric dates and
    month names are the commonest in any news stream.
    """

    def __init__(self, resources: Resources) -> None:
        self.resources = resources
        self.language = resources.lang
        self._tables = resources.tables
        # proclitics written on the next word (Arabic wa-, fa-, bi-, li-, wa-bi-...):
        # a rule may start right after them; longest first ("وب" before "و")
        self._clitics = tuple(sorted((str(c) for c in resources.options.get("clitics", ())),
                                     key=len, reverse=True))

    @classmethod
    def for_language(cls, lang: str) -> TimexTagger:
        return _tagger((lang or "en").lower().split("-")[0].split("_")[0])

    # -- finding -----------------------------------------------------------------

    def _candidates(self, text: str) -> list[tuple[int, int, Rule, re.Match[str]]]:
        found = []
        index, always = self.resources.index, self.resources.always
        for word in WORD.finditer(text):
            s = word.start()
            w = word.group()
            rules = index.get(DIGIT if w[0].isdigit() else fold(w), ())
            if not rules and self._clitics:
                s, rules = self._after_clitic(s, w)
                if not rules:
                    continue
            for rule in (*rules, *always) if always else rules:
                m = rule.regex.match(text, s)
                if m and m.end() > s:
                    found.append((s, m.end(), rule, m))
        found.sort(key=lambda c: (c[0] - c[1], c[2].priority, c[0]))
        chosen: list[tuple[int, int, Rule, re.Match[str]]] = []
        for cand in found:
            if all(cand[1] <= c[0] or cand[0] >= c[1] for c in chosen):
                chosen.append(cand)
        chosen.sort(key=lambda c: c[0])
        return chosen

    def _after_clitic(self, s: int, word: str) -> tuple[int, list[Rule]]:
        """Where a rule may start in a word carrying proclitics, and the rules that may:
        "وبالأمس" -> "الأمس". The shortest remainder that some rule starts with wins,
        so "ولل" is tried before "ول" and "و"."""
        index = self.resources.index
        for clitic in self._clitics:
            if word.startswith(clitic) and len(word) > len(clitic) + 1:
                rules = index.get(fold(word[len(clitic):]))
                if rules:
                    return s + len(clitic), rules
        return s, []

    # -- normalising -------------------------------------------------------------

    def _norm(self, kind: str, raw: str) -> str | None:
        key = " ".join(fold(raw).split()).rstrip(".")
        table = self._tables.get(kind, {})
        if kind == "num":
            return self._number(key)
        if kind in ("day", "month"):
            digits = _ORDINAL_SUFFIX.sub("", key)
            if digits.isdigit():
                return f"{int(digits):02d}"
            hit = table.get(key) or (self._number(key) if kind == "day" else None)
            return f"{int(hit):02d}" if hit is not None else None
        if kind == "decade":
            return key[:3] if key[:4].isdigit() else None
        if kind == "year":
            digits = key.lstrip("'’")
            return digits if digits.isdigit() else table.get(key)
        hit = table.get(key)
        if hit is None and key.isdigit():
            return str(int(key))
        return hit

    def _number(self, key: str) -> str | None:
        digits = key.replace(",", "").replace(" ", "")
        if digits.isdigit():
            return str(int(digits))
        table = self._tables.get("num", {})
        if key in table:
            return table[key]
        total = 0
        for part in re.split(r"[\s\-]+", key):
            if part in table:
                total += int(table[part])
            elif part not in self._tables.get("num_joiner", {}):
                return None
        return str(total) if total else None

    def _value(self, template: str, m: re.Match[str], anchors: values.Anchors) -> str | None:
        """The template with the match's groups filled in and its @functions called."""
        failed = False

        def group(g: re.Match[str]) -> str:
            nonlocal failed
            raw = m.group(g.group(1))
            if raw is None:
                return ""
            if not g.group(2):
                return raw
            out = self._norm(g.group(2), raw)
            if out is None:
                failed = True
                return ""
            return out

        text = _GROUP.sub(group, template)
        if failed:
            return None
        while "@" in text:
            call = _CALL.search(text)
            if call is None:
                return None
            fn = values.FUNCTIONS[call.group(1)]
            args = [a.strip() for a in call.group(2).split(",")] if call.group(2) else []
            try:
                out = fn(anchors, *args)
            except (ValueError, TypeError):
                return None
            if out is None:
                return None
            text = text[:call.start()] + out + text[call.end():]
        day = _DAY.match(text)
        if day and _parse_dct(day.group(0)) is None:
            return None
        return text

    def _tense(self, text: str, bounds: tuple[int, int], start: int, end: int) -> int:
        """Tense of the clause around a match: the nearest cue word before it decides
        (else the first one after it); +1 future, -1 past, 0 none."""
        cues = self.resources.cues
        if cues is None:
            return 0
        last = None
        for m in cues.finditer(text, bounds[0], start):
            last = m
        if last is None:
            last = cues.search(text, end, bounds[1])
        if last is None:
            return 0
        return 1 if last.lastgroup == "future" else -1

    def _sentence_day(self, found: list[tuple[int, int, Rule, re.Match[str]]], i: int,
                      limit: int, anchors: values.Anchors) -> dt.date | None:
        """The day named later in the same sentence as a clock time ("pukul 06.12 WIB,
        Minggu (28/12/2014)", "at 9 a.m. on March 3"): the time is on that day, not on
        the narrative anchor read so far. Used only when the sentence has not named a
        day before the time; only the next date counts, and only one the text fixes by
        itself (absolute or from the dct, not from the anchor)."""
        for start, _, rule, m in found[i + 1:]:
            if start >= limit:
                break
            if rule.type != "DATE":
                continue
            probe = values.Anchors(dct=anchors.dct, ref=anchors.ref, tense=anchors.tense)
            value = self._value(rule.value, m, probe)
            day = _DAY.match(value or "")
            if day and probe.used in ("absolute", "dct"):
                return _parse_dct(day.group(0))
            return None  # only the next date of the sentence can be the time's day
        return None

    # -- the public call ---------------------------------------------------------

    def tag(self, text: str, dct: str | None,
            sentences: list[tuple[int, int]] | None = None) -> list[Timex]:
        """Time expressions of ``text`` with TimeML values, in text order."""
        dct_date = _parse_dct(dct)
        anchors = values.Anchors(dct=dct_date, ref=dct_date)
        starts = [s for s, _ in sentences] if sentences else []
        out: list[Timex] = []
        found = self._candidates(text)
        ref_at = -1  # where the text last set the narrative anchor
        for i, (start, end, rule, m) in enumerate(found):
            sent_index = -1
            if sentences:
                s_at = bisect.bisect_right(starts, start) - 1
                if s_at >= 0 and start < sentences[s_at][1]:
                    sent_index = s_at
            bounds = sentences[sent_index] if sent_index >= 0 else _window(text, start, end)
            anchors.tense = self._tense(text, bounds, start, end)
            anchors.used = "absolute"
            saved = anchors.ref, anchors.ref_from_text
            day_here = self._sentence_day(found, i, bounds[1], anchors) if (
                rule.type == "TIME" and "(ref," in rule.value and ref_at < bounds[0]) else None
            if day_here is not None:
                anchors.ref, anchors.ref_from_text = day_here, True
            value = self._value(rule.value, m, anchors)
            if day_here is not None:
                anchors.ref, anchors.ref_from_text = saved
            if not value:
                continue
            mod = self._value(rule.mod, m, anchors) if rule.mod and "{" in rule.mod else rule.mod
            out.append(Timex(start=start, end=end, text=text[start:end], sentence=sent_index,
                             type=rule.type, value=value, mod=mod or None, anchor=anchors.used,
                             precision=normalise_precision(value)))
            if (_QUARTER.match(value) and anchors.used in ("absolute", "dct")
                    and _ended(value, dct_date)):
                anchors.period = value
            day = _DAY.match(value)
            if day and rule.type in ("DATE", "TIME"):
                anchors.ref = _parse_dct(day.group(0))
                anchors.ref_from_text = True
                ref_at = start
        return out


def _ended(quarter: str, dct: dt.date | None) -> bool:
    """Whether a quarter (2024-Q3) had ended by the dct: only an ended quarter can be
    the period a report is about ("a fourth-quarter charge" in October is a forecast)."""
    if dct is None:
        return True
    return (int(quarter[:4]), int(quarter[-1])) < (dct.year, (dct.month - 1) // 3 + 1)


def _window(text: str, start: int, end: int) -> tuple[int, int]:
    """The sentence around a match when the caller gave no sentence spans."""
    left = max(text.rfind(". ", 0, start), text.rfind("\n", 0, start)) + 1
    m = _SENTENCE_END.search(text, end)
    return left, m.start() + 1 if m else len(text)


@cache
def _tagger(lang: str) -> TimexTagger:
    if lang not in available_languages():
        lang = "en"
    return TimexTagger(load(lang))
