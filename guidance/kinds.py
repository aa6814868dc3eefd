"""Kinds of value people type, read once: money, numbers, whole numbers, dates, yes/no, choices,
days of the week and text.

Calculators, flows, letters and the app all read what people type through these kinds, so
"12,71", "1e5", "+5", "١٢٣", "1E+999999999", "31/02/2026" or a date in the year 9999 get the
same clear refusal everywhere. Each
kind parses (``parse``: what someone typed, or a value from a YAML/JSON file, to a Python value),
checks its bounds, shows a value to people (``show``) and writes it as JSON (``dump``).

A :class:`Field` is one named input: its label, kind, unit, help and whether it is needed.
Errors from a field name the field by its label ("Hourly rate: ..."), never a command-line flag;
the command line adds its option name itself.

Values: ``Decimal`` for money and numbers (never float), ``int`` for whole numbers,
``datetime.date`` for dates, ``bool`` for yes/no, ``str`` for a choice or text, and a tuple of
day names ("mon".."sun", in week order) for a day list.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

#: No amount, hours or count anyone types is near a trillion; beyond it Decimal arithmetic can
#: overflow, so such input is refused as "far too large" rather than half-computed.
TOO_LARGE = Decimal("1e12")
#: The most money any one input here can be (a year's care budget is far below it).
MONEY_LIMIT = Decimal("1000000000")
#: More decimal places than this is not a real amount, hours or count.
MOST_PLACES = 10
EARLIEST = dt.date(1900, 1, 1)
LATEST = dt.date(2100, 12, 31)
DAY_NAMES = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
MAX_TEXT = 4000


class KindError(ValueError):
    """A value that does not fit its kind; the message says what would (without the field name)."""


class FieldError(KindError):
    """A value that does not fit a named field; ``field`` is the field's name, the message starts
    with its label."""

    def __init__(self, field_name: str, message: str):
        super().__init__(message)
        self.field = field_name


def _quoted(raw: Any) -> str:
    text = str(raw).strip()
    return f"'{text[:40]}{'...' if len(text) > 40 else ''}'"


# -- numbers -------------------------------------------------------------------------------------

#: Dashes people (and word processors) type for a minus sign: en dash and the minus sign itself.
MINUS_SIGNS = "\u2013\u2212"
_PLAIN = re.compile(r"-?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?|-?\.\d+", re.ASCII)
_EXPONENT = re.compile(r"[+-]?\d+(?:\.\d+)?[eE][+-]?\d+", re.ASCII)
_DECIMAL_COMMA = re.compile(r"(-?\d+),(\d{1,2})", re.ASCII)


def read_decimal(raw: Any, what: str = "a number") -> Decimal:
    """``raw`` as an exact, finite Decimal, or KindError: the one reader of numbers and money.

    Accepts 1271, 1,271, 1,271.00, 1234.5, £12.50 (the £ is dropped), -5 (an en dash or minus
    sign "–5", "−5" is read as minus: bounds say where a negative is not allowed), ints, Decimals
    and floats (through their shortest text form, 12.5 not 12.4999...). Refuses with a message
    saying why: a decimal comma ("12,71": "use a point: 12.71"), a plus sign ("+5"), an exponent
    ("1e5"), an underscore ("1_000"), digits other than 0-9 (Arabic-Indic, full-width), infinity,
    NaN, yes/no, lists, and more than 10 decimal places; "1e400" as a float and 10,000 digits are
    "far too large" (never decimal.Overflow).
    """
    if isinstance(raw, bool) or raw is None or isinstance(raw, (dict, list, tuple, set)):
        raise KindError(f"must be {what}")
    if isinstance(raw, Decimal):
        value = raw
    elif isinstance(raw, int):
        value = Decimal(raw)
    elif isinstance(raw, float):
        value = Decimal(repr(raw)) if raw == raw else Decimal("NaN")  # shortest form; inf/nan checked below
    else:
        value = _text_decimal(str(raw), what)
    if not value.is_finite():
        raise KindError(f"{_quoted(raw)} is not {what}")
    if value != 0 and value.adjusted() >= TOO_LARGE.adjusted():
        raise KindError(f"{_quoted(raw)} is far too large: check the number")
    if _places(value) > MOST_PLACES:
        raise KindError(f"{_quoted(raw)} has more than {MOST_PLACES} decimal places")
    if value.as_tuple().exponent > 0:
        value = Decimal(f"{value:f}")  # 1e3 as 1000
    return value


def _text_decimal(raw: str, what: str) -> Decimal:
    """Typed text as a Decimal (see :func:`read_decimal`); KindError saying what is wrong."""
    text = raw.strip()
    if text[:1] in MINUS_SIGNS:
        text = "-" + text[1:]
    text = text.replace("£", "", 1).strip()
    if text[:1] in MINUS_SIGNS:
        text = "-" + text[1:]
    if any(ch.isdigit() and not ch.isascii() for ch in text):
        raise KindError(f"{_quoted(raw)} is not {what}: type it with the digits 0 to 9")
    if _PLAIN.fullmatch(text):
        return Decimal(text.replace(",", ""))
    slip = _DECIMAL_COMMA.fullmatch(text)
    if slip:
        raise KindError(f"{_quoted(raw)} has a comma where the decimal point goes: use a point: {slip[1]}.{slip[2]}")
    if text.startswith("+") and _PLAIN.fullmatch(text[1:]):
        raise KindError(f"{_quoted(raw)} is not {what}: leave out the + sign")
    if _EXPONENT.fullmatch(text):
        if Decimal(text).adjusted() >= TOO_LARGE.adjusted():
            raise KindError(f"{_quoted(raw)} is far too large: check the number")
        raise KindError(f"{_quoted(raw)} is not {what}: write the number out in full, without an 'e'")
    if "_" in text:
        raise KindError(f"{_quoted(raw)} is not {what}: leave out the _ (use a comma, e.g. 1,000, or nothing)")
    raise KindError(f"{_quoted(raw)} is not {what}")


def _places(value: Decimal) -> int:
    """Decimal places, not counting trailing zeros (no context arithmetic, so nothing can overflow)."""
    sign, digits, exponent = value.as_tuple()
    digits = list(digits)
    while exponent < 0 and len(digits) > 1 and digits[-1] == 0:
        digits.pop()
        exponent += 1
    return max(0, -exponent)


def _number_text(value: Decimal) -> str:
    text = f"{value:,f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text


@dataclass(frozen=True)
class Kind:
    """How one kind of value is read, checked, shown and written as JSON."""

    name = "text"
    metavar = "TEXT"
    hint = "some text"
    noun = "some text"

    def parse(self, raw: Any) -> Any:  # pragma: no cover - each kind has its own
        raise NotImplementedError

    def show(self, value: Any) -> str:
        return str(value)

    def dump(self, value: Any) -> Any:
        return value

    def load(self, data: Any) -> Any:
        return self.parse(data)


@dataclass(frozen=True)
class Number(Kind):
    """A decimal number within [minimum, maximum]; ``above`` makes the minimum exclusive."""

    minimum: Decimal | None = None
    maximum: Decimal | None = None
    above: bool = False
    name = "number"
    metavar = "N"
    hint = "a number, e.g. 16 or 37.5"
    what = "a number"
    noun = "a number"

    def parse(self, raw: Any) -> Decimal:
        return self._bounded(read_decimal(raw, self.what))

    def _bounded(self, value):
        low = None if self.minimum is None else Decimal(self.minimum)
        high = None if self.maximum is None else Decimal(self.maximum)
        if low is not None and (value <= low if self.above else value < low):
            if self.above:
                raise KindError(f"must be more than {self.show(low)} (got {self.show(value)})")
            if low == 0:
                raise KindError(f"cannot be negative (got {self.show(value)})")
            raise KindError(f"must be {self._range()} (got {self.show(value)})")
        if high is not None and value > high:
            raise KindError(f"must be {self._range()} (got {self.show(value)})")
        return value

    def _range(self) -> str:
        if self.minimum is not None and self.maximum is not None:
            if self.above:  # the lower bound itself is refused: "between 0 and 7" would offer 0
                return f"more than {self.show(Decimal(self.minimum))} and at most {self.show(Decimal(self.maximum))}"
            return f"between {self.show(Decimal(self.minimum))} and {self.show(Decimal(self.maximum))}"
        if self.minimum is not None:
            return f"{'more than' if self.above else 'at least'} {self.show(Decimal(self.minimum))}"
        return f"at most {self.show(Decimal(self.maximum))}"

    def show(self, value) -> str:
        return _number_text(Decimal(value))

    def dump(self, value) -> str:
        return f"{value:f}"


@dataclass(frozen=True)
class Whole(Number):
    """A whole number (``int``) within the bounds."""

    name = "whole"
    hint = "a whole number, e.g. 3"
    what = "a whole number"
    noun = "a whole number"

    def parse(self, raw: Any) -> int:
        value = read_decimal(raw, self.what)
        if value != value.to_integral_value():
            raise KindError(f"must be a whole number, not {_quoted(raw)}")
        return int(self._bounded(value))

    def show(self, value) -> str:
        return f"{int(value)}"

    def dump(self, value) -> int:
        return int(value)


@dataclass(frozen=True)
class Money(Number):
    """An amount in pounds: not negative, at most ``MONEY_LIMIT``, whole pence unless ``places``."""

    minimum: Decimal | None = Decimal(0)
    maximum: Decimal | None = MONEY_LIMIT
    places: int | None = None
    name = "money"
    metavar = "X"
    hint = "an amount in pounds and pence, e.g. 250 or 12.71"
    what = "an amount in pounds and pence, e.g. 250 or 12.71"
    noun = "an amount in pounds and pence"

    def parse(self, raw: Any) -> Decimal:
        value = self._bounded(read_decimal(raw, self.what))
        if self.places is not None and value != value.quantize(Decimal(1).scaleb(-self.places)):
            raise KindError(f"must be pounds and pence, e.g. 12.50 (not {_quoted(raw)})")
        return value

    def _range(self) -> str:
        if self.minimum is not None and Decimal(self.minimum) == 0 and self.maximum is not None and not self.above:
            return f"at most {self.show(Decimal(self.maximum))}"
        return super()._range()

    def show(self, value) -> str:
        value = Decimal(value)
        sign = "-" if value < 0 else ""
        return f"{sign}£{abs(value):,.2f}"


# -- dates ---------------------------------------------------------------------------------------

_YEAR_FIRST = re.compile(r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})", re.ASCII)
_DAY_MONTH_YEAR = re.compile(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4}|\d{2})", re.ASCII)
_WEEKDAY = re.compile(r"^(mon|tues?|wed(?:nes)?|thu(?:rs)?|fri|sat(?:ur)?|sun)(?:day)?\.?,?\s+", re.IGNORECASE | re.ASCII)
#: A day and month in figures without a year: "23/11", "23.11", "2-1".
_FIGURES_NO_YEAR = re.compile(r"(\d{1,2})[/.-](\d{1,2})", re.ASCII)
_WORDS = re.compile(r"(\d{1,2})(?:st|nd|rd|th)?(?:\s+|\s*-\s*)([A-Za-z]+)\.?,?(?:\s+|\s*-\s*)(\d{4}|\d{2})", re.ASCII)
_NO_YEAR = re.compile(r"(\d{1,2})(?:st|nd|rd|th)?(?:\s+|\s*-\s*)([A-Za-z]+)\.?", re.ASCII)
_MONTHS = {
    name: number
    for number, names in enumerate(
        [("jan", "january"), ("feb", "february"), ("mar", "march"), ("apr", "april"), ("may",),
         ("jun", "june"), ("jul", "july"), ("aug", "august"), ("sep", "sept", "september"),
         ("oct", "october"), ("nov", "november"), ("dec", "december")],
        start=1,
    )
    for name in names
}
_MONTH_NAMES = ("January", "February", "March", "April", "May", "June", "July", "August",
                "September", "October", "November", "December")
DATE_EXAMPLES = "write it like 31/01/2026, 31 Jan 2026 or 2026-01-31 (day first)"


def day_month_year(raw: Any, near: dt.date | None = None) -> dt.date:
    """A date as people in the UK write it, or KindError saying why not: the one reader of dates.

    Accepts a date object as it is, ISO 2026-01-31 (year first: four digits), and day first
    always: 31/01/2026, 31-1-2026, 31.1.26, 31 Jan 2026, 31 January 2026, 31-Jan-26,
    "Saturday 31st January 2026", "31 Jan, 2026". A two-digit year is 20yy. Never month first:
    "1/13/2026" is refused ("there is no month 13"). An impossible date says so ("31 February
    2026 does not exist"). Only the digits 0-9. No bounds are checked here: :class:`Date` does.

    A day and month without a year, in words or figures ("23 november", "Monday 23 Nov",
    "23/11") takes the year that puts the date nearest ``near`` (the day the answer is given or
    the sum worked out for, passed in, never the clock: "2/1" near 30 December 2026 is 2 January
    2027); without ``near`` it asks for the year.

    A weekday written before the date must be that date's weekday: "Monday 24 November 2026" is
    refused ("24 November 2026 is a Tuesday, not a Monday"), as one of the two is a slip.
    """
    if isinstance(raw, dt.datetime):
        return raw.date()
    if isinstance(raw, dt.date):
        return raw
    if not isinstance(raw, str):
        raise KindError(f"{_quoted(raw)} is not a date: {DATE_EXAMPLES}")
    weekday = _WEEKDAY.match(raw.strip())
    text = raw.strip()[weekday.end():] if weekday else raw.strip()
    value = _read_date_text(raw, text, near)
    if weekday:
        _check_weekday(weekday[1], value)
    return value


def _read_date_text(raw: str, text: str, near: dt.date | None) -> dt.date:
    """The date ``text`` (``raw`` without its weekday) stands for; KindError saying why not."""
    no_year = _NO_YEAR.fullmatch(text)
    if no_year and no_year[2].lower() in _MONTHS:
        return _nearest_year(raw, int(no_year[1]), _MONTHS[no_year[2].lower()], near)
    in_figures = _FIGURES_NO_YEAR.fullmatch(text)
    if in_figures:
        day, month = int(in_figures[1]), int(in_figures[2])
        _check_month(raw, month)
        return _nearest_year(raw, day, month, near)
    day, month, year = _date_parts(raw, text)
    _check_month(raw, month)
    try:
        return dt.date(year, month, day)
    except ValueError:
        raise KindError(f"{day} {_MONTH_NAMES[month - 1]} {year} does not exist") from None


def _check_month(raw: str, month: int) -> None:
    """KindError when ``month`` is no month (a month-first date such as 1/13/2026)."""
    if not 1 <= month <= 12:
        year_first = re.match(r"\s*\d{4}\s*-", raw)  # ISO: year, month, day
        hint = "(year, month, day: e.g. 2026-01-31)" if year_first else "(the day comes first, e.g. 31/01/2026)"
        raise KindError(f"{_quoted(raw)} is not a date: there is no month {month} {hint}")


def _check_weekday(written: str, value: dt.date) -> None:
    """KindError when the weekday written before a date is not the weekday that date falls on."""
    said = DAY_NAMES.index(written[:3].lower())
    if said != value.weekday():
        actual = _FULL_DAYS[value.weekday()].capitalize()
        raise KindError(
            f"{value.day} {_MONTH_NAMES[value.month - 1]} {value.year} is a {actual}, not a "
            f"{_FULL_DAYS[said].capitalize()}: check the day and the date"
        )


def _nearest_year(raw: str, day: int, month: int, near: dt.date | None) -> dt.date:
    """The day and month in the year (before, of or after ``near``'s) nearest ``near``."""
    if near is None:
        raise KindError(f"{_quoted(raw)} has no year: {DATE_EXAMPLES}")
    found = []
    for year in (near.year - 1, near.year, near.year + 1):
        try:
            found.append(dt.date(year, month, day))
        except ValueError:
            continue
    if not found:
        raise KindError(f"{day} {_MONTH_NAMES[month - 1]} does not exist")
    return min(found, key=lambda day_found: abs(day_found - near))


def _date_parts(raw: str, text: str) -> tuple[int, int, int]:
    """(day, month, year) from the text of a date; KindError when it is not written as one."""
    match = _YEAR_FIRST.fullmatch(text)
    if match:
        year, month, day = (int(g) for g in match.groups())
        return day, month, year
    match = _DAY_MONTH_YEAR.fullmatch(text)
    if match:
        day, month, year = (int(g) for g in match.groups())
        return day, month, year + (2000 if len(match[3]) == 2 else 0)
    match = _WORDS.fullmatch(text)
    if match and match[2].lower() in _MONTHS:
        year = int(match[3]) + (2000 if len(match[3]) == 2 else 0)
        return int(match[1]), _MONTHS[match[2].lower()], year
    raise KindError(f"{_quoted(raw)} is not a date: {DATE_EXAMPLES}")


def read_date(raw: Any, near: dt.date | None = None) -> dt.date | None:
    """:func:`day_month_year`, or None when ``raw`` is not a real date (for callers that say so
    themselves)."""
    try:
        return day_month_year(raw, near)
    except KindError:
        return None


@dataclass(frozen=True)
class Date(Kind):
    """A real date between ``earliest`` and ``latest`` (1 January 1900 to 31 December 2100)."""

    earliest: dt.date = EARLIEST
    latest: dt.date = LATEST
    name = "date"
    metavar = "DATE"
    hint = "a date, e.g. 16/03/2026 or 16 March 2026"
    noun = "a date"

    def parse(self, raw: Any, near: dt.date | None = None) -> dt.date:
        """``raw`` as a date within the bounds; ``near`` (the day it is answered) gives a year to
        a day and month typed without one (see :func:`day_month_year`)."""
        value = day_month_year(raw, near)
        if not self.earliest <= value <= self.latest:
            raise KindError(
                f"{self.show(value)} is out of range: it must be between {self.show(self.earliest)} and {self.show(self.latest)}"
            )
        return value

    def show(self, value: dt.date) -> str:
        """In words, as dates are shown to people everywhere: "6 April 2026" (never ISO)."""
        return f"{value.day} {_MONTH_NAMES[value.month - 1]} {value.year}"

    def dump(self, value: dt.date) -> str:
        return value.isoformat()


# -- yes/no, choices, day lists, text -------------------------------------------------------------

_YES = {"yes", "y", "true", "1"}
_NO = {"no", "n", "false", "0"}


@dataclass(frozen=True)
class YesNo(Kind):
    name = "yesno"
    metavar = "YES/NO"
    hint = "yes or no"

    def parse(self, raw: Any) -> bool:
        if isinstance(raw, bool):
            return raw
        text = str(raw).strip().lower()
        if text in _YES:
            return True
        if text in _NO:
            return False
        raise KindError(f"{_quoted(raw)} is not yes or no")

    def show(self, value: bool) -> str:
        return "Yes" if value else "No"


@dataclass(frozen=True)
class Choice(Kind):
    """One of ``choices`` (matched without regard to case)."""

    choices: tuple[str, ...] = ()
    name = "choice"
    metavar = "CHOICE"
    hint = "one of the choices"

    def parse(self, raw: Any) -> str:
        text = "" if isinstance(raw, (dict, list, tuple)) else str(raw).strip()
        for choice in self.choices:
            if text.lower() == choice.lower():
                return choice
        raise KindError(f"{_quoted(raw)} is not one of the choices: use one of {', '.join(self.choices)}")

    def show(self, value: str) -> str:
        return value.replace("-", " ").replace("_", " ")


@dataclass(frozen=True)
class DayList(Kind):
    """Days of the week: "mon,tue,wed", "Monday, Tuesday" or a list of them; a tuple of "mon".."sun"
    in week order. Anything else (a mapping such as ``{mon: 1}``, a number) is an error."""

    name = "days"
    metavar = "DAYS"
    hint = "days of the week, e.g. mon,tue,wed"

    def parse(self, raw: Any) -> tuple[str, ...]:
        if isinstance(raw, str):
            items = [part for part in re.split(r"[,\s]+", raw.strip()) if part]
        elif isinstance(raw, (list, tuple)):
            items = list(raw)
        else:
            raise KindError(f"must be a list of days of the week, e.g. mon,tue,wed (not {_quoted(raw)})")
        days = set()
        for item in items:
            if not isinstance(item, str):
                raise KindError(f"{_quoted(item)} is not a day of the week (use mon,tue,wed,thu,fri,sat,sun)")
            word = item.strip().lower()
            if word[:3] not in DAY_NAMES or not _day_word(word):
                raise KindError(f"{_quoted(item)} is not a day of the week (use mon,tue,wed,thu,fri,sat,sun)")
            days.add(word[:3])
        if not days:
            raise KindError("give at least one day of the week, e.g. mon,tue,wed")
        return tuple(day for day in DAY_NAMES if day in days)

    def show(self, value) -> str:
        """("mon", "tue", "wed") as "Monday, Tuesday and Wednesday"."""
        return and_list([_FULL_DAYS[DAY_NAMES.index(day)].capitalize() for day in value])

    def dump(self, value) -> list[str]:
        return list(value)


def and_list(items: list[str]) -> str:
    """"a", "a and b", "a, b and c"."""
    items = list(items)
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1] if items else ""


_FULL_DAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


def _day_word(word: str) -> bool:
    """mon, monday, and the common short forms (tues, thur, thurs, weds)."""
    return word in DAY_NAMES or word in _FULL_DAYS or word in ("tues", "weds", "thur", "thurs")


def weekday_numbers(days) -> frozenset[int]:
    """Day names from :class:`DayList` as Python weekday numbers (Monday 0)."""
    return frozenset(DAY_NAMES.index(day) for day in days)


@dataclass(frozen=True)
class DateList(Kind):
    """Dates: "2026-01-30; 2026-02-06" (separated by ;, commas or new lines) or a list of them; a
    tuple of dates sorted, each bad item named by its number."""

    name = "dates"
    metavar = "DATES"
    hint = "dates, e.g. 2026-01-30; 2026-02-06"

    def parse(self, raw: Any, near: dt.date | None = None) -> tuple[dt.date, ...]:
        """Each date read as :class:`Date` reads one (``near`` gives a year to "23/11"); a comma
        inside a date ("Monday, 23 November 2026", "23 Nov, 2026") does not split it."""
        if isinstance(raw, str):
            items = date_items(raw)
        elif isinstance(raw, (list, tuple)):
            items = list(raw)
        else:
            raise KindError(f"must be a list of dates, e.g. 2026-01-30; 2026-02-06 (not {_quoted(raw)})")
        days = set()
        for number, item in enumerate(items, start=1):
            try:
                days.add(Date().parse(item, near))
            except KindError as exc:
                raise KindError(f"item {number}: {exc}") from None
        return tuple(sorted(days))

    def show(self, value) -> str:
        return and_list([Date().show(day) for day in value])

    def dump(self, value) -> list[str]:
        return [day.isoformat() for day in value]


_LONE_WEEKDAY = re.compile(r"\s*(mon|tues?|wed(?:nes)?|thu(?:rs)?|fri|sat(?:ur)?|sun)(?:day)?\.?\s*", re.IGNORECASE | re.ASCII)
_LONE_YEAR = re.compile(r"\s*\d{4}\s*", re.ASCII)


def date_items(text: str) -> list[str]:
    """The dates in a list typed as text, split at ";", new lines and commas, but a comma after
    a weekday ("Monday, 23 November 2026") or before a year ("23 Nov, 2026") stays in its date."""
    items: list[str] = []
    joining = False
    for piece in re.split(r"[;\n]", text):
        for number, part in enumerate(piece.split(",")):
            if not part.strip():
                continue
            if items and number and (joining or _LONE_YEAR.fullmatch(part)):
                items[-1] += "," + part
            else:
                items.append(part)
            joining = bool(_LONE_WEEKDAY.fullmatch(part))
        joining = False
    return [item.strip() for item in items]


_ITEM_SPLIT = re.compile(r"[;\n]|,(?=\s*\d{4}-\d{2}-\d{2})")
_ITEM = re.compile(r"^\s*(\S+?)\s*(?:=|:|\s)\s*(.+?)\s*$")


@dataclass(frozen=True)
class DatedAmounts(Kind):
    """Dates with an amount of money each (paydays and gross pay): "2026-01-30=1000; 2026-02-27=1000"
    (also newlines, or commas before a date), or a list of [date, amount] pairs. A tuple of
    (date, Decimal) sorted by date; each bad item is named by its number; two for one date, or a
    negative amount, is an error."""

    name = "dated-amounts"
    metavar = "LIST"
    hint = "dates and amounts, e.g. 2026-01-30=1000; 2026-02-27=1000"

    def parse(self, raw: Any, near: dt.date | None = None) -> tuple[tuple[dt.date, Decimal], ...]:
        """Each item read (``near`` gives a year to a date typed without one)."""
        if blank(raw):
            raise KindError("give at least one payday and amount, e.g. 2026-01-30=1000")
        if isinstance(raw, str):
            items = [i for i in _ITEM_SPLIT.split(raw) if i.strip()]
        elif isinstance(raw, (list, tuple)):
            items = list(raw)
        else:
            raise KindError(f"must be dates and amounts, e.g. 2026-01-30=1000 (not {_quoted(raw)})")
        out, seen = [], {}
        for number, item in enumerate(items, start=1):
            if isinstance(item, str):
                match = _ITEM.match(item)
                if not match:
                    raise KindError(f"item {number} ({_quoted(item)}) is not DATE=AMOUNT")
                day_text, amount_text = match.groups()
            else:
                try:
                    day_text, amount_text = item
                except (TypeError, ValueError):
                    raise KindError(f"item {number} is not a [date, amount] pair") from None
            try:
                day = Date().parse(day_text, near)
            except KindError as exc:
                raise KindError(f"item {number} date: {exc}") from None
            try:
                amount = read_decimal(amount_text, "an amount in pounds, e.g. 12.71")
            except KindError as exc:
                raise KindError(f"item {number} amount: {exc}") from None
            if amount < 0:
                raise KindError(f"item {number} amount cannot be negative (got {amount})")
            if day in seen:
                raise KindError(f"items {seen[day]} and {number} are both for {day.isoformat()}: add them into one")
            seen[day] = number
            out.append((day, amount))
        return tuple(sorted(out))

    def show(self, value) -> str:
        return "; ".join(f"{Date().show(day)} {Money().show(amount)}" for day, amount in value)

    def dump(self, value) -> list:
        return [[day.isoformat(), f"{amount:f}"] for day, amount in value]


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


@dataclass(frozen=True)
class Text(Kind):
    """Text up to ``max_length`` characters; ``no_control`` refuses control characters other than
    tabs and line breaks (pasted escape codes cannot go into a letter)."""

    max_length: int = MAX_TEXT
    no_control: bool = False
    name = "text"
    metavar = "TEXT"
    hint = "some text"

    def parse(self, raw: Any) -> str:
        if isinstance(raw, (dict, list, tuple, bool)):
            raise KindError("must be text")
        text = str(raw).strip()
        if len(text) > self.max_length:
            raise KindError(f"is longer than {self.max_length} characters")
        if self.no_control:
            match = _CONTROL.search(text)
            if match:
                raise KindError(
                    f"contains a control character (code {ord(match.group())}) at character {match.start() + 1}: retype the value"
                )
        return text


# -- fields --------------------------------------------------------------------------------------


def blank(raw: Any) -> bool:
    return raw is None or (isinstance(raw, str) and not raw.strip()) or (isinstance(raw, (list, tuple)) and not raw)


@dataclass(frozen=True)
class Field:
    """One named input: declared once, read by calculators, the command line and the app's form.

    ``name`` is the Python name (``hours_per_week``), ``label`` what people see, ``kind`` how the
    value is read and checked (bounds and choices live on the kind), ``unit`` and ``help`` say
    more, ``required`` whether it must be given, ``default`` the value when it is not,
    ``exclusive`` names a group of fields of which at most one may be given, and ``example``
    what a typical answer to this input looks like ("25", "3 or 4.5"), said instead of the
    kind's own example (each alternative after "or" must itself be accepted by the field).
    """

    name: str
    label: str
    kind: Kind = field(default_factory=Text)
    unit: str = ""
    help: str = ""
    required: bool = False
    default: Any = None
    exclusive: str = ""
    example: str = ""

    @property
    def hint(self) -> str:
        """What the field accepts with an example that fits it: "a whole number, e.g. 25"."""
        if self.example:
            return f"{self.kind.noun}, e.g. {self.example}"
        return self.kind.hint

    @property
    def examples(self) -> tuple[str, ...]:
        """Each example the hint gives, as typed ("16", "37.5"); none for a kind without one."""
        _, said, example = self.hint.partition("e.g. ")
        return tuple(part.strip() for part in example.split(" or ")) if said else ()

    @property
    def option(self) -> str:
        """The command-line option for this field (``--hours-per-week``)."""
        return "--" + self.name.replace("_", "-")

    def parse(self, raw: Any, near: dt.date | None = None) -> Any:
        """``raw`` as this field's kind; None when blank and not required. FieldError names the
        label. ``near``: the day the answer is given, for a date typed without a year."""
        if blank(raw):
            if self.required:
                raise FieldError(self.name, f"{self.label}: this is needed")
            return None
        try:
            if near is not None and takes_dates(self.kind):
                return self.kind.parse(raw, near)
            return self.kind.parse(raw)
        except FieldError:
            raise
        except KindError as exc:
            raise FieldError(self.name, f"{self.label}: {exc}") from None

    def show(self, value: Any) -> str:
        return self.kind.show(value)

    def describe(self, also: str | None = None) -> str:
        """Help text from the declaration: the help, what the field accepts (the kind's example,
        the unit or the choices), ``also`` (a shortcut the field takes as well) and the default.
        A help ending in "(default today)" keeps that at the very end."""
        help_text, said_default = self.help or "", ""
        if help_text.endswith(")") and " (default" in help_text:
            help_text, said_default = help_text.rsplit(" (default", 1)
            said_default = " (default" + said_default
        parts = [help_text] if help_text else []
        if isinstance(self.kind, Choice):
            parts.append("one of " + ", ".join(self.kind.choices))
        elif "e.g." not in help_text:
            accepts = self.hint
            if self.unit and self.unit not in accepts:
                accepts += f" (in {self.unit})"
            parts.append(accepts + (f", {also}" if also else ""))
        elif also:
            parts.append(also)
        if self.default is not None:
            parts.append(f"default {self.default}")
        return "; ".join(parts) + said_default


def takes_dates(kind: Kind) -> bool:
    """Whether ``kind`` reads dates, so a day and month without a year need the day to put them
    nearest (a date, a list of dates, dated amounts)."""
    return isinstance(kind, (Date, DateList, DatedAmounts))


# -- lists a flow question can take (``kind: list`` with ``list_of: <name>``) ---------------------

#: The kinds of list a flow question may ask for, by the name its ``list_of`` gives.
LIST_KINDS: dict[str, type[Kind]] = {DatedAmounts.name: DatedAmounts, DateList.name: DateList}


def list_kind(name: str) -> Kind:
    """The kind that reads a list named ``name`` ("dated-amounts", "dates"); KindError names the
    kinds there are when there is no such list."""
    if name not in LIST_KINDS:
        raise KindError(f"'{name}' is not a kind of list: use one of {', '.join(sorted(LIST_KINDS))}")
    return LIST_KINDS[name]()


def list_text(value) -> str:
    """A list value written back as it is typed, so it can be read again unchanged:
    "2026-01-30=1000.00; 2026-02-27=1000.00" or "2026-01-30; 2026-02-06"."""
    parts = []
    for item in value or ():
        if isinstance(item, (list, tuple)):
            day, amount = item
            parts.append(f"{day.isoformat() if isinstance(day, dt.date) else day}={amount}")
        else:
            parts.append(item.isoformat() if isinstance(item, dt.date) else str(item))
    return "; ".join(parts)
