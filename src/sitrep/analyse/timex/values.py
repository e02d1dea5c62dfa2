"""Calendar arithmetic behind the value templates of the timex rules.

Rule files write values as templates such as ``@shift(dct,D,-1)`` or
``@md({m:month},{d:day})T{p:pod}``; the engine substitutes the captured groups and
then calls the ``@functions`` defined here. Keeping the arithmetic in one small module
(and out of the per-language files) is what lets a new language be pure data.

Every function takes a :class:`Anchors` (what the reader knows at this point of the
article) and returns the TimeML value, or ``None`` when the expression cannot be a
date (31 February); it records on the anchors which kind of anchor it used. A date
pushed off the calendar (before year 1 or after 9999: "yesterday" in an article dated
0001-01-01) raises ValueError like every other impossible date, never OverflowError.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

_UNANCHORED = {
    "D": "XXXX-XX-XX", "W": "XXXX-WXX", "M": "XXXX-XX", "Y": "XXXX", "Q": "XXXX-QX",
    "H": "XXXX-XX-XX", "DE": "XXX", "CE": "XX",
}


@dataclass
class Anchors:
    """The reader's state while going through an article.

    ``dct`` is the publication date; ``ref`` the narrative anchor (the last fully
    specified day the text has set, else the dct); ``tense`` is -1 (past), 0 or +1
    (future) for the sentence being read; ``used`` is set by each function call to the
    anchor kind it needed (absolute, dct, narrative, unanchored).
    """

    dct: dt.date | None
    ref: dt.date | None = None
    ref_from_text: bool = False
    tense: int = 0
    used: str = "absolute"
    period: str | None = None  # the last quarter the text spoke of (2024-Q3): a report's period

    def base(self, which: str) -> dt.date | None:
        if which == "ref" and self.ref is not None:
            self._use("narrative" if self.ref_from_text else "dct")
            return self.ref
        if self.dct is None:
            self._use("unanchored")
            return None
        self._use("dct")
        return self.dct

    def _use(self, kind: str) -> None:
        order = ("absolute", "dct", "narrative", "unanchored")
        if order.index(kind) > order.index(self.used):
            self.used = kind


def add_days(day: dt.date, days: int) -> dt.date:
    """``day`` moved by ``days``; ValueError (not OverflowError) when that leaves the
    calendar, so that callers treat it as the impossible date it is."""
    try:
        return day + dt.timedelta(days=days)
    except OverflowError:
        raise ValueError(f"{day} moved by {days} days is not a date") from None


def add_months(day: dt.date, months: int) -> dt.date:
    """Calendar month arithmetic, clamping the day (31 March - 1 month = 28/29 Feb)."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    month += 1
    for d in (day.day, 30, 29, 28):
        try:
            return dt.date(year, month, d)
        except ValueError:
            continue
    raise ValueError(day)


def fmt(day: dt.date, gran: str) -> str:
    """A day written at a TimeML granularity: D, W, M, Y, Q, DE (decade), CE (century)."""
    if gran == "W":
        iso = day.isocalendar()
        return f"{iso[0]:04d}-W{iso[1]:02d}"
    if gran == "M":
        return f"{day.year:04d}-{day.month:02d}"
    if gran == "Y":
        return f"{day.year:04d}"
    if gran == "Q":
        return f"{day.year:04d}-Q{(day.month - 1) // 3 + 1}"
    if gran == "DE":
        return f"{day.year:04d}"[:3]
    if gran == "CE":
        return f"{day.year:04d}"[:2]
    return day.isoformat()


def move(day: dt.date, unit: str, n: int) -> dt.date:
    if unit in ("D", "H"):
        return add_days(day, n)
    if unit == "W":
        return add_days(day, 7 * n)
    if unit == "M":
        return add_months(day, n)
    if unit == "Q":
        return add_months(day, 3 * n)
    if unit == "Y":
        return add_months(day, 12 * n)
    if unit == "DE":
        return add_months(day, 120 * n)
    if unit == "CE":
        return add_months(day, 1200 * n)
    raise ValueError(unit)


def shift(a: Anchors, base: str, unit: str, n: str, gran: str = "") -> str | None:
    """``base`` (dct or ref) moved by ``n`` units, written at ``gran`` (default: unit)."""
    gran = gran or unit
    day = a.base(base)
    if day is None:
        return _UNANCHORED.get(gran, "XXXX")
    return fmt(move(day, unit, int(n or 0)), gran)


def weekday(a: Anchors, wd: str, direction: str = "auto", base: str = "dct") -> str | None:
    """A weekday named without a date.

    News reading: ``-1`` (last Friday) the latest one before the dct, ``+1`` (next
    Friday) the first after it, ``0`` the one in the dct's week; ``auto`` follows the
    sentence's tense: future -> the first on or after the dct (a weekday named on that
    very day is today: news writes "on Friday" for the day of publication), otherwise
    the most recent on or before it (news mostly reports what has happened).
    ``base`` ``ref`` counts from the narrative anchor instead ("the previous Friday":
    the one before the day being told).
    """
    target = int(wd)
    day = a.base(base)
    if day is None:
        return f"XXXX-WXX-{target}"
    diff = target - day.isoweekday()
    if direction == "auto":
        direction = "+0" if a.tense > 0 else "-0"
    if direction == "0":
        return add_days(day, diff).isoformat()
    if direction in ("+1", "+0"):
        ahead = diff % 7
        if ahead == 0 and direction == "+1":
            ahead = 7
        return add_days(day, ahead).isoformat()
    back = (-diff) % 7
    if back == 0 and direction == "-1":
        back = 7
    return add_days(day, -back).isoformat()


def weekend(a: Anchors) -> str | None:
    """"The weekend" without last/next: in a future-tense sentence the weekend of the
    dct's week (still ahead, or today), otherwise the latest one that has begun by the
    dct (on a Monday, "over the weekend" is the day before yesterday)."""
    day = a.base("dct")
    if day is None:
        return "XXXX-WXX-WE"
    if a.tense <= 0 and day.isoweekday() < 6:
        day = add_days(day, -7)
    return f"{fmt(day, 'W')}-WE"


def _pick(candidates: list[tuple[int, str]], tense: int, horizon: int = 366) -> str:
    """Nearest candidate to the anchor (offsets in days or months; 0 = same).

    Past tense takes the latest one on or before the anchor, future the first on or
    after it, when such a candidate lies within a year (within ``horizon`` for a
    future read from the tense alone); otherwise the nearest wins,
    a future date counting twice its distance (news reports the past more than it
    announces the future: "March" read in November is the last March unless the next
    one is less than half as far).
    """
    if tense < 0:
        past = [c for c in candidates if c[0] <= 0]
        if past:
            return max(past)[1]
    if tense > 0:
        future = [c for c in candidates if 0 <= c[0] <= horizon]
        if future:
            return min(future)[1]
    return min(candidates, key=lambda c: (2 * c[0] if c[0] > 0 else -c[0], c[0] > 0))[1]


def _future(a: Anchors) -> int:
    """+1 when the sentence speaks of the future ("will meet in March"), else 0: a
    past-tense cue is a weaker signal than the distance to the dct, a future one is not
    (news announces dates within the coming months)."""
    return 1 if a.tense > 0 else 0


def monthday(a: Anchors, month: str, day: str, direction: str = "") -> str | None:
    """Month and day without a year: the year that puts the date nearest the dct.

    A future-tense sentence takes the next such date; otherwise the nearest year wins:
    in news a date without a year is nearly always within a few months of publication.
    ``direction`` (-1 last, +1 next) applies when the text says it.
    """
    m, d = int(month), int(day)
    tense = int(direction) if direction else _future(a)
    base = a.base("dct")
    if base is None:
        return f"XXXX-{m:02d}-{d:02d}" if _valid(2000, m, d) else None
    cands = []
    for y in (base.year - 1, base.year, base.year + 1):
        if _valid(y, m, d):
            date = dt.date(y, m, d)
            cands.append(((date - base).days, date.isoformat()))
    if not cands:
        return None
    near = [c for c in cands if abs(c[0]) <= 366]
    return _pick(near or cands, tense, 366 if direction else 183)


def month(a: Anchors, month_: str, direction: str = "") -> str | None:
    """A month without a year, in the year that puts it nearest the dct.

    ``direction``: -1 (last April: strictly before the dct's month), +1 (next April:
    strictly after), 0 (this April: the dct's year); empty: the next one in a
    future-tense sentence, else the nearest.
    """
    m = int(month_)
    tense = int(direction) if direction and direction != "0" else _future(a)
    base = a.base("dct")
    if base is None:
        return f"XXXX-{m:02d}"
    if direction == "0":
        return f"{base.year:04d}-{m:02d}"
    cands = []
    for y in (base.year - 1, base.year, base.year + 1):
        offset = (y * 12 + m) - (base.year * 12 + base.month)
        if abs(offset) <= 11 and not (direction and offset == 0):
            cands.append((offset, f"{y:04d}-{m:02d}"))
    return _pick(cands, tense, 12 if direction else 6)


_AGO_GRANULARITY = {"D": "D", "H": "D", "W": "D", "M": "M", "Q": "Q", "Y": "M", "DE": "Y",
                    "CE": "DE"}


def ago(a: Anchors, base: str, unit: str, n: str) -> str | None:
    """A point ``n`` units from ``base`` (a week ago, three days later, a year earlier).

    One unit back is written one step finer, as precisely as a reader can place it (a
    year ago is the same month a year before); several months or years back only at
    the unit's own granularity (five years ago: a year), as TimeBank does. Weeks are
    always counted in days (two weeks ago: a day), which an event date can use.
    """
    if unit in ("H", "MIN", "S"):
        return shift(a, base, "D", "0")  # hours later: the same day, as far as a date goes
    gran = _AGO_GRANULARITY.get(unit, unit) if abs(int(n or 0)) == 1 or unit in ("D", "W") else unit
    return shift(a, base, unit, n, "D" if gran == "H" else gran)


def quarter(a: Anchors, base: str, q: str, direction: str = "") -> str | None:
    """Quarter ``q`` of the anchor's year, or of the year before when it has not begun yet."""
    day = a.base(base)
    if day is None:
        return f"XXXX-Q{q}"
    current = (day.month - 1) // 3 + 1
    y = day.year + (int(direction) if direction else 0)
    if not direction and int(q) > current and a.tense <= 0:
        y -= 1
    return f"{y:04d}-Q{q}"


def year_ago(a: Anchors, base: str) -> str | None:
    """"A year ago / a year earlier": in a text that reports on a quarter, the same
    quarter a year before (earnings-report style); otherwise the month a year back."""
    if a.period:
        a._use("narrative")
        return f"{int(a.period[:4]) - 1:04d}-{a.period[5:]}"
    return ago(a, base, "Y", "-1")


def period(a: Anchors) -> str | None:
    """"The quarter": the quarter the text spoke of last, else the one before the dct."""
    if a.period:
        a._use("narrative")
        return a.period
    return shift(a, "dct", "Q", "-1")


def period_of(a: Anchors, year: str) -> str | None:
    """"The 1988 period": the report's quarter in that year, else the year."""
    if a.period:
        a._use("narrative")
        return f"{year}-{a.period[5:]}"
    return year


_SEASON_START = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}


def last_season(a: Anchors, season: str) -> str | None:
    """"This past summer": the latest such season that has ended by the dct (in
    December, the summer of the same year; in July, the one before). A bare "last
    summer" is left to the rules: TimeBank reads it as last year's."""
    day = a.base("dct")
    if day is None:
        return f"XXXX-{season}"
    ended = day.month >= _SEASON_START[season] + 3
    return f"{day.year - (0 if ended else 1):04d}-{season}"


def century(a: Anchors, ordinal: str) -> str | None:
    """The nth century as TimeML writes it: its first two digits (20th -> "19")."""
    n = int(ordinal)
    return f"{n - 1:02d}" if n > 0 else None


def hm(a: Anchors, hour: str, minute: str = "", half: str = "") -> str | None:
    """Clock time as HH:MM; ``half`` is am/pm (or a part of day) when the text gives one."""
    h = int(hour)
    mi = int(minute) if minute else 0
    half = half.lower().replace(".", "").replace(" ", "")
    if half in ("pm", "p", "af", "ev", "ni") and h < 12:
        h += 12
    elif half in ("am", "a", "mo") and h == 12:
        h = 0
    if h > 24 or mi > 59:
        return None
    return f"{h:02d}:{mi:02d}"


def duration(a: Anchors, n: str, unit: str) -> str | None:
    """ISO duration: P3D, PT2H, P10Y; an unknown amount (``X``) gives PXY and the like."""
    if unit in ("H", "MIN", "S"):
        return f"PT{n}{'M' if unit == 'MIN' else unit}"
    if unit == "DE" and n.isdigit():
        return f"P{10 * int(n)}Y"  # two decades: P20Y, as TimeBank writes them
    return f"P{n}{unit}"


_HALF = {"Y": "P{n}Y6M", "M": "P{n}M15D", "D": "P{n}DT12H", "H": "PT{n}H30M",
         "MIN": "PT{n}M30S"}


def duration_half(a: Anchors, n: str, unit: str) -> str | None:
    """"Two and a half years": the half in the next smaller unit (P2Y6M, PT1H30M,
    P3DT12H), or as a decimal where no smaller unit is exact (P2.5W)."""
    return _HALF.get(unit, "P{n}.5" + unit).format(n=n)


def day_of_month(a: Anchors, base: str, day: str) -> str | None:
    """A day number alone ("el día 13", "tanggal 24"): that day of the anchor's month."""
    anchor = a.base(base)
    d = int(day)
    if anchor is None:
        return f"XXXX-XX-{d:02d}"
    if not _valid(anchor.year, anchor.month, d):
        return None
    return dt.date(anchor.year, anchor.month, d).isoformat()


def _valid(y: int, m: int, d: int) -> bool:
    try:
        dt.date(y, m, d)
    except ValueError:
        return False
    return True


FUNCTIONS = {
    "shift": shift,
    "wd": weekday,
    "we": weekend,
    "md": monthday,
    "mon": month,
    "hm": hm,
    "ago": ago,
    "q": quarter,
    "dom": day_of_month,
    "yearago": year_ago,
    "period": period,
    "lastseason": last_season,
    "periodof": period_of,
    "dur": duration,
    "cent": century,
    "durhalf": duration_half,
}
