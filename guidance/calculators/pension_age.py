"""State Pension age: the day someone reaches it from their date of birth, and what can be said
from an age alone.

Rule: Pensions Act 1995 Schedule 4, as amended by the Pensions Acts 2007, 2011 and 2014: 66 for
those born 6 October 1954 to 5 April 1960; rising by a month for each month of birth from 6 April
1960 to 5 March 1961 (66 years and 1 month to 66 years and 11 months, reached from May 2026 to
2028); 67 for those born 6 March 1961 to 5 April 1977; 68 for those born from 6 April 1978.
Method and dates as GOV.UK's State Pension age calculator (alphagov/smart-answers,
lib/state_pension_date_query.rb; test/unit/calculators/state_pension_age_calculator_test.rb:
born 6 April 1960, State Pension age on 6 May 2026; born 28 February 1961, on 28 January 2028).

Those born before 6 October 1954 reached it by their 66th birthday, at an age that depended on
sex and date of birth (60 to 66); those born 6 April 1977 to 5 April 1978 reach it between 67 and
68. For them only the earliest and latest day are known here, and an answer that depends on
which is told as not known, never guessed.
"""

from __future__ import annotations

import datetime as dt
from enum import Enum

from guidance.calculators.common import add_months, add_years

#: The first birthday of each step of the rise from 66 to 67: born on or after it (and before the
#: next), State Pension age is 66 years and the months given.
_MONTHS_OVER_66 = tuple((dt.date(1960 + (2 + n) // 12, (2 + n) % 12 + 1, 6), n) for n in range(1, 12))
_FROM_66 = dt.date(1954, 10, 6)
_FROM_67 = dt.date(1961, 3, 6)
_RISE_TO_68 = dt.date(1977, 4, 6)
_FROM_68 = dt.date(1978, 4, 6)


class Reached(Enum):
    """Whether State Pension age has been reached on a day."""

    YES = "yes"
    NO = "no"
    NOT_KNOWN = "not known"


def _after(birth: dt.date, years: int, months: int = 0) -> dt.date:
    """The day ``years`` and ``months`` after ``birth``; a 29 February birthday falling in a
    common year is 1 March (as GOV.UK's calculator adjusts it)."""
    day = add_months(add_years(birth, years), months)
    if (birth.month, birth.day) == (2, 29) and (day.month, day.day) != (2, 29):
        day += dt.timedelta(days=1)
    return day


def state_pension_days(birth: dt.date) -> tuple[dt.date, dt.date]:
    """The earliest and the latest day someone born on ``birth`` reaches State Pension age (the
    same day, where the date of birth alone settles it)."""
    if birth < _FROM_66:
        return _after(birth, 60), _after(birth, 66)
    if birth < _MONTHS_OVER_66[0][0]:
        return (_after(birth, 66),) * 2
    if birth < _FROM_67:
        months = next(n for start, n in reversed(_MONTHS_OVER_66) if birth >= start)
        return (_after(birth, 66, months),) * 2
    if birth < _RISE_TO_68:
        return (_after(birth, 67),) * 2
    if birth < _FROM_68:
        return _after(birth, 67), _after(birth, 68)
    return (_after(birth, 68),) * 2


def reached_on_birth(birth: dt.date, on: dt.date) -> Reached:
    """Whether someone born on ``birth`` has reached State Pension age on ``on``."""
    earliest, latest = state_pension_days(birth)
    if on >= latest:
        return Reached.YES
    if on < earliest:
        return Reached.NO
    return Reached.NOT_KNOWN


def births_for_age(age: int, on: dt.date) -> tuple[dt.date, dt.date]:
    """The first and last date of birth of someone aged ``age`` on ``on``."""
    return _after_day(add_years(on, -(age + 1))), add_years(on, -age)


def _after_day(day: dt.date) -> dt.date:
    return day + dt.timedelta(days=1)


def reached_at_age(age: int, on: dt.date) -> Reached:
    """Whether someone aged ``age`` on ``on`` has reached State Pension age: YES or NO when it is
    so whatever their date of birth, else NOT_KNOWN (the date of birth is needed)."""
    first, last = births_for_age(age, on)
    seen = set()
    day = first
    while day <= last:
        seen.add(reached_on_birth(day, on))
        day += dt.timedelta(days=1)
    return seen.pop() if len(seen) == 1 else Reached.NOT_KNOWN
