"""Statutory holiday entitlement, worked out the way GOV.UK's holiday entitlement calculator does.

Rule: Working Time Regulations 1998 regs 13 and 13A: 5.6 weeks' leave a year, at most 28 days;
for leave years from 1 April 2024, irregular-hours and part-year workers accrue 12.07% of the
hours worked in each pay period (reg 15B). Figures: ``holiday_weeks``, ``holiday_days_cap``,
``irregular_hours_accrual_percent`` in the rates file.

Method and rounding: a port of GOV.UK's calculator (alphagov/smart-answers,
lib/smart_answer/calculators/holiday_entitlement.rb and calculate_your_holiday_entitlement_flow.rb):

- fraction of the leave year: someone *starting* gets whole months left in the leave year / 12
  (a month counts if the leave year's last day-of-month is on or after the start's); someone
  *leaving* gets (days from the leave year's start to the leaving day) / 365, or 366 when the
  leave year holds a 29 February; *starting and leaving* gets (days worked) / the days in the year
  beginning on the start date;
- days: 5.6 x days a week, capped at 28 (more than 5 days a week always counts as 28), times the
  fraction; someone starting is rounded up to the next half day;
- hours (and compressed hours): 5.6 x min(days, 5) x hours a day; for a full year or someone
  starting, the (half-day rounded) days x hours a day; someone leaving gets the fraction of it;
- shifts: shifts a week = shifts in the pattern / days in the pattern x 7, then as days;
- annualised hours (and irregular hours before April 2024): 5.6 weeks x the fraction;
- irregular hours from April 2024: 12.07% of the hours worked in the pay period, shown exactly
  (62 hours: 7.4834 hours), with the whole hours it may be rounded up to. Reg 15B sets the leave
  at 12.07% of the hours worked and provides no rounding, so a figure rounded down would be less
  than the statutory leave: the employer "can choose to round up the holiday entitlement, but
  cannot round it down" (GOV.UK's holiday entitlement calculator, alphagov/smart-answers,
  app/flows/calculate_your_holiday_entitlement_flow/outcomes/_your_employer_with_rounding.erb).
  This differs from GOV.UK's own irregular-hours figure on purpose: it rounds to the nearest
  hour (lib/smart_answer/calculators/holiday_entitlement.rb, ``irregular_hours_entitlement``),
  so 7.4834 hours is shown there as 7, which is rounded down; its figure is kept as
  ``entitlement_hours_nearest`` for comparison only;
- what is shown is rounded *up* at one decimal (two for weeks, and for shifts when leaving).

Rounding and comparing: the only figure rounded before it is used again is a starter's days (or
shifts), rounded up to the next half day as Working Time Regulations 1998 reg 15A(2) rounds leave
accrued in the first year; their hours are those rounded days x hours a day, as GOV.UK works them.
Nothing is compared after rounding: the 28-day cap and 5 days a week are compared unrounded.

One difference, on purpose: where GOV.UK's web form refuses a start or leaving date outside the
leave year given, this uses the leave year with the same start day and month that holds the date
(as GOV.UK's calculator itself does).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import ROUND_CEILING, ROUND_HALF_UP, Decimal

from guidance.calculators.common import (
    at_field,
    words,
    CalculatorError,
    NeededWhen,
    missing_for_choice,
    Result,
    add_years,
    ceil_to,
    date_value,
    decimal,
    figure,
    figure_or_none,
    q,
    quantity,
    raise_all,
    round10,
    worked,
)

from guidance.kinds import Choice, Date, Field, Number, Whole

#: Every figure from content/rates.yaml this calculator reads; `guidance content check` makes sure
#: each exists and is in force on the day checked.
RATES_USED = (
    "holiday_weeks",
    "holiday_days_cap",
)
#: Figures read only when in force (the rule they belong to started later); each must exist.
RATES_IF_IN_FORCE = (
    "irregular_hours_accrual_percent",
)

BASES = ("days-per-week", "hours-per-week", "compressed-hours", "shifts", "annualised-hours", "irregular-hours")
HOURS_BASES = ("hours-per-week", "compressed-hours")
#: Each input not always needed, and when it is: the form says so at the field from the start,
#: and leaving it out is that problem at the field.
NEEDED_WHEN = {
    "days_per_week": NeededWhen("basis", ("days-per-week", "hours-per-week", "compressed-hours")),
    "hours_per_week": NeededWhen("basis", HOURS_BASES),
    "shifts_per_pattern": NeededWhen("basis", ("shifts",)),
    "days_per_pattern": NeededWhen("basis", ("shifts",)),
    "hours_worked": NeededWhen("basis", ("irregular-hours",)),
    "leave_year_start": NeededWhen("basis", ("irregular-hours",),
                                   ", or when the job starts or ends part way through the leave year (not both)"),
}
#: The inputs each basis works from, besides the dates (from ``NEEDED_WHEN``).
NEEDED_FOR_BASIS = {
    basis: names
    for basis in BASES[:4]
    if (names := tuple(name for name, rule in NEEDED_WHEN.items()
                       if basis in rule.values and name not in ("hours_worked", "leave_year_start")))
}
MONTHS = Decimal(12)

FIELDS = (
    Field("basis", "How the PA works", Choice(BASES), required=True),
    Field("days_per_week", "Days worked a week", Number(minimum=Decimal(0), above=True, maximum=Decimal(7)), unit="days", example="3 or 4.5"),
    Field("hours_per_week", "Hours worked a week", Number(minimum=Decimal(0), above=True, maximum=Decimal(168)), unit="hours", example="16 or 37.5"),
    Field("shifts_per_pattern", "Shifts in the shift pattern", Whole(minimum=0, maximum=1000), unit="shifts", example="8"),
    Field("days_per_pattern", "Days in the shift pattern", Number(minimum=Decimal(0), above=True, maximum=Decimal(1000)), unit="days", example="14 or 28"),
    Field("hours_worked", "Hours worked in the pay period", Number(minimum=Decimal(0), above=True, maximum=Decimal(24 * 31)),
          unit="hours", help="hours worked in the pay period (irregular hours)", example="40 or 62.5"),
    Field("leave_year_start", "Leave year starts", Date(), help="the first day of the leave year"),
    Field("start_date", "Job started (if this leave year)", Date(), help="for someone starting part way through the leave year"),
    Field("leaving_date", "Job ends (if this leave year)", Date(), help="for someone leaving part way through the leave year"),
)


@dataclass(frozen=True)
class Holiday(Result):
    """Statutory holiday as GOV.UK's calculator shows it: each entitlement as the text shown
    (rounded up as GOV.UK rounds), for the basis asked; the others are None."""

    basis: str
    period: str
    entitlement_days: str | None
    entitlement_hours: str | None
    entitlement_shifts: str | None
    entitlement_weeks: str | None
    working: tuple[str, ...]
    fraction_of_year: Decimal | None = None
    leave_year: dict | None = None
    shifts_per_week: Decimal | None = None
    entitlement_hours_and_minutes: tuple[int, int] | None = None
    daily_hours_and_minutes: tuple[int, int] | None = None
    entitlement_hours_exact: Decimal | None = None
    entitlement_hours_rounded_up: Decimal | None = None
    entitlement_hours_nearest: Decimal | None = None
    accrual_percent: Decimal | None = None

    def as_dict(self) -> dict:
        # Only the keys this basis produced, as the JSON output has always had them.
        always = ("basis", "period", "entitlement_days", "entitlement_hours", "entitlement_shifts", "entitlement_weeks", "working")
        return {k: v for k, v in super().as_dict().items() if k in always or v is not None}


def _finish(result: dict, working: list[str]) -> Holiday:
    values = {k: tuple(v) if isinstance(v, list) else v for k, v in result.items() if k != "working"}
    return Holiday(working=tuple(working), **values)


@dataclass(frozen=True)
class LeaveYear:
    begins_on: dt.date
    ends_on: dt.date

    @classmethod
    def beginning(cls, begins_on: dt.date) -> "LeaveYear":
        # GOV.UK's YearRange: a year from the day, ending on 29 February when that day exists.
        ends_on = add_years(begins_on - dt.timedelta(days=1), 1)
        if ends_on.month == 2 and ends_on.day == 28 and _leap(ends_on.year):
            ends_on += dt.timedelta(days=1)
        return cls(begins_on, ends_on)

    @classmethod
    def resetting_on(cls, reset: dt.date, including: dt.date) -> "LeaveYear":
        """The leave year starting on ``reset``'s day and month that holds ``including``.

        As GOV.UK's YearRangeWithFixedStartDate#including (changed 3 February 2025 for 29
        February): the year starting in ``including``'s year, where a 29 February start becomes
        1 March in a common year; if that year has not begun by ``including``, the year before,
        beginning a calendar year earlier (1 March stays 1 March; 29 February becomes 28 February).
        """
        month, day = reset.month, reset.day
        if (month, day) == (2, 29) and not _leap(including.year):
            month, day = 3, 1
        year = cls.beginning(dt.date(including.year, month, day))
        if year.begins_on <= including <= year.ends_on:
            return year
        return cls.beginning(add_years(year.begins_on, -1))

    @property
    def days(self) -> int:
        """366 when the year holds a 29 February, else 365."""
        day = self.begins_on
        while day <= self.ends_on:
            if day.month == 2 and day.day == 29:
                return 366
            day += dt.timedelta(days=1)
        return 365


def _leap(year: int) -> bool:
    return year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)


def _display(value: Decimal, places: int = 1) -> str:
    """GOV.UK's ``format_number``: round up at ``places`` decimals, drop a trailing ".0"."""
    text = f"{ceil_to(value, places):f}"
    if "." in text and set(text.split(".")[1]) == {"0"}:
        text = text.split(".")[0]
    return text


def _shown_up(value: Decimal, shown: str, unit: str, places: int, working: list[str]) -> None:
    """Say the figure shown is rounded up, as GOV.UK shows it, when it is not the one worked out."""
    if Decimal(shown) != round10(value):
        where = "one decimal place" if places == 1 else f"{places} decimal places"
        working.append(f"Shown rounded up at {where}, as GOV.UK shows it: {shown} {unit}.")


def _share(fraction: Decimal) -> str:
    """The fraction of the leave year as the sum it comes from: months of 12 ("8/12"), or days of
    the year ("237/365", "100/366"); as a decimal only if it is neither."""
    for whole in (12, 365, 366):
        part = round10(fraction * whole)
        if part == part.to_integral_value():
            return f"{part:.0f}/{whole}"
    return f"{round10(fraction).normalize():f}"


def _ceil_half(value: Decimal) -> Decimal:
    return (round10(value) * 2).to_integral_value(rounding=ROUND_CEILING) / 2


def _period(start_date, leaving_date) -> str:
    if start_date and leaving_date:
        return "starting-and-leaving"
    if start_date:
        return "starting"
    if leaving_date:
        return "leaving"
    return "full-year"


def _fraction(period: str, start: dt.date | None, leaving: dt.date | None, year: LeaveYear | None) -> Decimal:
    if period == "full-year":
        return Decimal(1)
    if period == "starting":
        months = MONTHS * (year.ends_on.year - start.year) + year.ends_on.month - start.month
        if year.ends_on.day >= start.day:
            months += 1
        return months / MONTHS
    if period == "starting-and-leaving":
        return Decimal((leaving - start).days + 1) / year.days
    return Decimal((leaving - year.begins_on).days + 1) / year.days


def _pattern_problems(days_per_week: Decimal, hours_per_week: Decimal | None) -> list[CalculatorError]:
    """Every problem with the working pattern, each at its field (days, hours, hours against days)."""
    problems = []
    days_fit = Decimal("0.5") <= days_per_week <= 7
    if not days_fit:
        problems.append(at_field(FIELDS, "days_per_week", f"must be between 0.5 and 7 (got {days_per_week})"))
    if hours_per_week is not None:
        if hours_per_week <= 0:
            problems.append(at_field(FIELDS, "hours_per_week", f"must be more than 0 (got {hours_per_week})"))
        elif hours_per_week > 168:
            problems.append(at_field(FIELDS, "hours_per_week", f"cannot be more than 168, the hours in a week (got {hours_per_week})"))
        elif days_fit and hours_per_week / days_per_week > 24:
            problems.append(at_field(FIELDS, "hours_per_week",
                                     f"{hours_per_week} hours over {days_per_week} days is more than 24 hours a day: check both figures"))
    return problems


def _dates_problems(period: str, start: dt.date | None, leaving: dt.date | None) -> list[CalculatorError]:
    """The leaving date against the start date (before it, or more than a leave year on)."""
    if period != "starting-and-leaving":
        return []
    if leaving <= start:
        return [at_field(FIELDS, "leaving_date", f"{words(leaving)} must be after the day the job started ({words(start)})")]
    first = LeaveYear.beginning(start)
    if leaving > first.ends_on:
        return [at_field(FIELDS, "leaving_date",
                         f"{words(leaving)} is more than a year after the job started: it must be by {words(first.ends_on)} "
                         "(work out each leave year separately)")]
    return []


def _leave_year(period, start, leaving, leave_year_start) -> LeaveYear | None:
    if period == "full-year":
        return None
    if period == "starting-and-leaving":
        raise_all(_dates_problems(period, start, leaving))
        # GOV.UK takes the leave year resetting on the start date that holds the leaving date: the
        # same year, except after a 29 February start (then 1 March to 28 February, 365 days).
        return LeaveYear.resetting_on(start, leaving)
    if leave_year_start is None:
        raise CalculatorError(
            f"Leave year starts: needed for someone {period} part way through a leave year", "leave_year_start"
        )
    return LeaveYear.resetting_on(leave_year_start, start or leaving)


def holiday_entitlement(
    *,
    basis: str,
    rates,
    on: dt.date,
    days_per_week=None,
    hours_per_week=None,
    shifts_per_pattern=None,
    days_per_pattern=None,
    hours_worked=None,
    leave_year_start=None,
    start_date=None,
    leaving_date=None,
) -> Holiday:
    """Statutory holiday for one leave year (or part of one), as GOV.UK's calculator shows it."""
    if basis not in BASES:
        raise CalculatorError(f"unknown basis '{basis}': use one of {', '.join(BASES)}")
    start = date_value(start_date, "start date") if start_date not in (None, "") else None
    leaving = date_value(leaving_date, "leaving date") if leaving_date not in (None, "") else None
    reset = date_value(leave_year_start, "leave year start") if leave_year_start not in (None, "") else None
    period = _period(start, leaving)
    _check_across_fields(basis, period, start, leaving, days_per_week, hours_per_week, shifts_per_pattern, days_per_pattern)
    working: list[str] = []
    result = {
        "basis": basis,
        "period": period,
        "entitlement_days": None,
        "entitlement_hours": None,
        "entitlement_shifts": None,
        "entitlement_weeks": None,
    }
    if basis == "irregular-hours":
        if reset is None:
            raise at_field(FIELDS, "leave_year_start", NEEDED_WHEN["leave_year_start"].words(FIELDS, basis)
                           + ": the rules changed for leave years from 1 April 2024")
        percent = figure_or_none(rates, "irregular_hours_accrual_percent", reset)
        if percent is not None:
            return _finish(_irregular_accrual(result, percent, hours_worked, reset, working), working)
        working.append(f"The leave year began on {words(reset)}, before the 12.07% accrual rules, so the weeks are worked out as for annualised hours.")
    figures_on = reset or start or leaving or on
    weeks = figure(rates, "holiday_weeks", figures_on)
    cap = figure(rates, "holiday_days_cap", figures_on)
    standard_days = cap / weeks
    year = _leave_year(period, start, leaving, reset)
    fraction = _fraction(period, start, leaving, year)
    result["fraction_of_year"] = round10(fraction)
    if year:
        result["leave_year"] = {"start": year.begins_on, "end": year.ends_on}
        working.append(_fraction_text(period, start, leaving, year, fraction))
    if basis in ("annualised-hours", "irregular-hours"):
        _weeks(result, weeks, fraction, period, working)
    elif basis == "days-per-week":
        dpw = decimal(days_per_week, "days per week")
        _days(result, dpw, weeks, cap, standard_days, fraction, period, working)
    elif basis in HOURS_BASES:
        dpw = decimal(days_per_week, "days per week")
        hpw = decimal(hours_per_week, "hours per week")
        _hours(result, basis, dpw, hpw, weeks, cap, standard_days, fraction, period, working)
    else:
        _shifts(result, shifts_per_pattern, days_per_pattern, weeks, standard_days, fraction, period, working)
    return _finish(result, working)


def _missing_for_basis(basis: str, given: dict) -> list[CalculatorError]:
    """A problem at each input the basis works from that was left out, saying it is needed for
    that basis (the command line adds the option's name, the app shows it at the field)."""
    needed = {name: rule for name, rule in NEEDED_WHEN.items() if name in given}
    return missing_for_choice(FIELDS, needed, basis, given)


def _check_across_fields(basis, period, start, leaving, days_per_week, hours_per_week,
                         shifts_per_pattern=None, days_per_pattern=None) -> None:
    """Every problem across fields at once (an input the basis needs left out, the dates against
    each other, the hours against the days), each at its field: all are told together, not one
    per try."""
    missing = _missing_for_basis(basis, {"days_per_week": days_per_week, "hours_per_week": hours_per_week,
                                         "shifts_per_pattern": shifts_per_pattern, "days_per_pattern": days_per_pattern})
    problems = [] if basis == "irregular-hours" else _dates_problems(period, start, leaving)
    if missing:
        raise_all(missing + problems)
    if basis == "days-per-week" or basis in HOURS_BASES:
        days = decimal(days_per_week, "days per week")
        hours = decimal(hours_per_week, "hours per week") if basis in HOURS_BASES else None
        problems += _pattern_problems(days, hours)
    raise_all(problems)


def _fraction_text(period, start, leaving, year: LeaveYear, fraction: Decimal) -> str:
    span = f"leave year {words(year.begins_on)} to {words(year.ends_on)}"
    if period == "starting":
        return f"Starting {words(start)} in the {span}: {quantity(int(round10(fraction * 12)), 'month')} of 12, {_share(fraction)} of the year."
    days = (leaving - (start or year.begins_on)).days + 1
    text = f"Working {quantity(days, 'day')} of the {year.days} in the {span}: {_share(fraction)} of the year."
    if start and start < year.begins_on:
        text += (f" A job starting on {words(start)} is counted, as GOV.UK counts it, against the year from "
                 f"{words(year.begins_on)}, which holds no 29 February.")
    return text


def _days(result, dpw, weeks, cap, standard_days, fraction, period, working) -> Decimal:
    shown = _days_worked(dpw, weeks, cap, standard_days, fraction, period, working)
    result["entitlement_days"] = _display(shown)
    _shown_up(shown, result["entitlement_days"], "days", 1, working)
    return shown


def _days_worked(dpw, weeks, cap, standard_days, fraction, period, working) -> Decimal:
    """The days of holiday (a starter's rounded up to the next half day), each step of the sum
    it comes from added to ``working``: 5.6 weeks x days a week, at most the cap, x the share."""
    days = weeks * dpw
    actual = cap if dpw > standard_days else min(cap, days)
    entitlement = round10(actual * fraction)
    shown = _ceil_half(entitlement) if period == "starting" else entitlement
    working.append(f"{weeks} weeks x {dpw.normalize():f} days a week = {worked(days, 'days')}, at most {cap}: "
                   f"{worked(actual, 'days')} a full year.")
    if period != "full-year":
        working.append(f"{worked(actual, 'days')} x {_share(fraction)} = {worked(entitlement, 'days')}.")
    if shown != entitlement:  # a starter's part-day rounded up (nothing said when already a half day)
        working.append(f"Rounded up to the next half day: {shown.normalize():f}.")
    return shown


def _hours(result, basis, dpw, hpw, weeks, cap, standard_days, fraction, period, working) -> None:
    hours_a_day = hpw / dpw
    full_hours = weeks * min(dpw, standard_days) * hours_a_day
    if period in ("starting", "full-year"):
        days = _days_worked(dpw, weeks, cap, standard_days, fraction, period, working)
        hours = days * hpw / dpw
        working.append(
            f"{days.normalize():f} days of holiday x {hpw.normalize():f} hours / {dpw.normalize():f} days a week = "
            f"{worked(hours, 'hours')}."
        )
    else:
        hours = fraction * full_hours
        working.append(
            f"{weeks} weeks x {min(dpw, standard_days).normalize():f} days x {hpw.normalize():f} hours / "
            f"{dpw.normalize():f} days a week = {worked(full_hours, 'hours')} a full year; "
            f"x {_share(fraction)} = {worked(hours, 'hours')}."
        )
    shown = _display(hours)
    result["entitlement_hours"] = shown
    _shown_up(hours, shown, "hours", 1, working)
    if basis == "compressed-hours":
        seconds = int(Decimal(shown) * 3600)
        minutes = (seconds // 60) % 60 + (0 if seconds % 60 < 30 else 1)
        result["entitlement_hours_and_minutes"] = [seconds // 3600, minutes]
        daily = (hpw / dpw * 60).to_integral_value(rounding=ROUND_CEILING)
        result["daily_hours_and_minutes"] = [int(daily) // 60, int(daily) % 60]
        working.append(
            f"That is {quantity(seconds // 3600, 'hour')} {quantity(minutes, 'minute')}; instead of a day off, "
            f"{quantity(int(daily) // 60, 'hour')} {quantity(int(daily) % 60, 'minute')} for each day otherwise worked."
        )


def _shifts(result, shifts_per_pattern, days_per_pattern, weeks, standard_days, fraction, period, working) -> None:
    shifts = decimal(shifts_per_pattern, "shifts per pattern")
    pattern_days = decimal(days_per_pattern, "days per pattern")
    if shifts <= 0 or shifts != shifts.to_integral_value():
        raise at_field(FIELDS, "shifts_per_pattern", f"must be a whole number more than 0 (got {shifts})")
    if pattern_days < shifts:
        raise at_field(FIELDS, "days_per_pattern",
                       f"the pattern must have at least as many days as shifts ({shifts} shifts over {pattern_days} days)")
    per_week = round10(shifts / pattern_days * 7)
    entitlement = weeks * fraction * min(per_week, standard_days)
    counted = (f"{standard_days.normalize():f}" if per_week > standard_days
               else f"{shifts.normalize():f} / {pattern_days.normalize():f} x 7")
    share = "" if period == "full-year" else f" x {_share(fraction)}"
    working.append(
        f"{shifts.normalize():f} shifts / {pattern_days.normalize():f} days x 7 = {worked(per_week, 'shifts a week')}, "
        f"counted at most {standard_days.normalize():f}: {weeks} weeks x {counted} shifts{share} = "
        f"{worked(entitlement, 'shifts')}."
    )
    if period == "starting" and _ceil_half(entitlement) != entitlement:
        entitlement = _ceil_half(entitlement)
        working.append(f"Rounded up to the next half shift: {entitlement.normalize():f}.")
    places = 2 if period in ("leaving", "starting-and-leaving") else 1
    result["shifts_per_week"] = per_week
    result["entitlement_shifts"] = _display(entitlement, places)
    _shown_up(entitlement, result["entitlement_shifts"], "shifts", places, working)


def _weeks(result, weeks, fraction, period, working) -> None:
    if period == "full-year":
        result["entitlement_weeks"] = _display(weeks)
        working.append(f"A full leave year: {weeks} weeks.")
        return
    value = weeks * fraction
    result["entitlement_weeks"] = _display(value, 2)
    working.append(f"{weeks} weeks x {_share(fraction)} = {worked(value, 'weeks')}; shown rounded up at two places: "
                   f"{_display(value, 2)} weeks.")


def _irregular_accrual(result, percent: Decimal, hours_worked, reset: dt.date, working) -> dict:
    if hours_worked in (None, ""):
        raise at_field(FIELDS, "hours_worked", NEEDED_WHEN["hours_worked"].words(FIELDS, "irregular-hours"))
    hours = decimal(hours_worked, "hours worked")
    if hours <= 0:
        raise at_field(FIELDS, "hours_worked", f"must be more than 0 (got {hours})")
    exact = round10(hours * percent / 100)  # hours and the percentage have few places: exact
    up = q(exact, 0, ROUND_CEILING)
    result.update(
        period="pay-period",
        entitlement_hours=f"{exact.normalize():f}",
        entitlement_hours_exact=exact,
        entitlement_hours_rounded_up=up,
        entitlement_hours_nearest=q(exact, 0, ROUND_HALF_UP),
        accrual_percent=percent,
    )
    working.extend(
        [
            f"Leave year from {words(reset)}: irregular-hours and part-year workers build up {percent}% of the hours worked.",
            f"{quantity(hours, 'hour')} x {percent}% = {quantity(exact, 'hour')}.",
            (f"The employer may round this up (to {quantity(up, 'hour')}), never down: {quantity(exact, 'hour')} is the leave "
             "that builds up." if up != exact else "A whole number of hours: nothing to round."),
            "No more than 5.6 weeks (28 days) can build up over the leave year.",
        ]
    )
    result["working"] = working
    return result
