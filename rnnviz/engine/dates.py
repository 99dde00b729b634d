"""Dates written the ways the book's ``date.txt`` writes them (DLFS2 ch. 7, date normalisation).

The book's file holds ten formats: a full month, an abbreviated month or a weekday + full month,
each in Title, lower or UPPER case (``August 19, 2003``, ``sep 22, 2012``, ``TUESDAY, SEPTEMBER
25, 1984``), and ``m/d/yy`` without zero padding (``2/10/93``). Roughly a quarter of the lines use
each family and, within one, half are Title case and a quarter each lower and UPPER;
:data:`DATE_FORMATS` carries those proportions as weights.

Month and weekday names are spelled out here rather than taken from :mod:`calendar`, whose names
follow the process locale. :func:`parse_date` reads every format back, so a question can be checked
against its answer (and a GUI can say what the right answer to a typed date is).
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December")
MONTH_ABBRS = tuple(name[:3] for name in MONTHS)
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")

CASES = ("title", "lower", "upper")
# Two-digit years are unambiguous only inside one century-long window; generated dates stay in it.
FIRST_DATE = dt.date(1970, 1, 1)
LAST_DATE = dt.date(2029, 12, 31)
_PIVOT_YY = FIRST_DATE.year % 100          # yy >= 70 -> 19yy, yy < 70 -> 20yy


@dataclass(frozen=True)
class DateFormat:
    """One way of writing a date: a :meth:`str.format` pattern, a letter case and a weight."""

    pattern: str        # fields: {month} {mon} {weekday} {d} {m} {yy} {yyyy}
    case: str           # "title" | "lower" | "upper"; the names are stored in Title case
    weight: float       # relative frequency in a generated set

    @property
    def name(self) -> str:
        """A readable label such as ``"{month} {d}, {yyyy} (upper)"`` or ``"{m}/{d}/{yy}"``."""
        named = any(field in self.pattern for field in ("{month}", "{mon}", "{weekday}"))
        return f"{self.pattern} ({self.case})" if named else self.pattern

    def render(self, date: dt.date) -> str:
        """The date written in this format."""
        text = self.pattern.format(
            month=MONTHS[date.month - 1], mon=MONTH_ABBRS[date.month - 1],
            weekday=WEEKDAYS[date.weekday()], d=date.day, m=date.month,
            yy=f"{date.year % 100:02d}", yyyy=f"{date.year:04d}")
        if self.case == "lower":
            return text.lower()
        if self.case == "upper":
            return text.upper()
        return text


_CASE_WEIGHTS = {"title": 0.5, "lower": 0.25, "upper": 0.25}
DATE_FORMATS: tuple[DateFormat, ...] = (
    *(DateFormat("{month} {d}, {yyyy}", case, 0.25 * w) for case, w in _CASE_WEIGHTS.items()),
    *(DateFormat("{mon} {d}, {yyyy}", case, 0.25 * w) for case, w in _CASE_WEIGHTS.items()),
    *(DateFormat("{weekday}, {month} {d}, {yyyy}", case, 0.25 * w)
      for case, w in _CASE_WEIGHTS.items()),
    DateFormat("{m}/{d}/{yy}", "title", 0.25),     # no letters, so the case does not matter
)

_MONTH_NUMBER = {name.lower(): i + 1 for i, name in enumerate(MONTHS)}
_MONTH_NUMBER.update({abbr.lower(): i + 1 for i, abbr in enumerate(MONTH_ABBRS)})
_WEEKDAY_NUMBER = {name.lower(): i for i, name in enumerate(WEEKDAYS)}
_NAMED = re.compile(r"(?:(?P<weekday>[a-z]+), )?(?P<month>[a-z]+) (?P<d>\d{1,2}), (?P<yyyy>\d{4})")
_SLASHED = re.compile(r"(?P<m>\d{1,2})/(?P<d>\d{1,2})/(?P<yy>\d{2})")


def parse_date(text: str) -> dt.date:
    """Read a date written in any of :data:`DATE_FORMATS` (any letter case).

    Parameters
    ----------
    text : str
        The date, with or without surrounding spaces (a padded question is fine).

    Returns
    -------
    datetime.date
        Two-digit years map into 1970-2069 (``73`` -> 1973, ``16`` -> 2016).

    Raises
    ------
    ValueError
        If the text matches no format, names an unknown month or weekday, is not a real date, or
        gives a weekday that does not fall on that date.
    """
    text = text.strip()
    slashed = _SLASHED.fullmatch(text)
    if slashed:
        yy = int(slashed["yy"])
        year = (1900 if yy >= _PIVOT_YY else 2000) + yy
        return dt.date(year, int(slashed["m"]), int(slashed["d"]))
    named = _NAMED.fullmatch(text.lower())
    if named is None:
        raise ValueError(f"{text!r} is not a date in any of the book's formats")
    month = _MONTH_NUMBER.get(named["month"])
    if month is None:
        raise ValueError(f"{text!r}: {named['month']!r} is not a month name")
    date = dt.date(int(named["yyyy"]), month, int(named["d"]))
    if named["weekday"] is not None:
        weekday = _WEEKDAY_NUMBER.get(named["weekday"])
        if weekday is None:
            raise ValueError(f"{text!r}: {named['weekday']!r} is not a weekday name")
        if weekday != date.weekday():
            raise ValueError(f"{text!r}: {date.isoformat()} is a {WEEKDAYS[date.weekday()]}")
    return date
