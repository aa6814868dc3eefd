"""The National Minimum Wage or National Living Wage for a worker, and whether pay reaches it.

Rule: National Minimum Wage Act 1998 and National Minimum Wage Regulations 2015: the hourly
rate depends on age (National Living Wage from 21, 18 to 20, under 18) and on being an apprentice
(under 19, or in the first year of the apprenticeship); rates change each 1 April, and a new rate
applies to pay reference periods beginning on or after the day it starts (each year's National
Minimum Wage (Amendment) Regulations), so pay is checked at the rate in force on the pay period's
first day. Given only a day in the period, the rate is used when every day the period could have
begun on has the same rate; across a change the first day is asked for, never guessed. Accommodation
the employer provides counts towards pay only up to the daily accommodation offset; a charge above
the offset reduces the pay that counts (regs 14-16). Figures: ``national_living_wage``,
``national_living_wage_age``, ``minimum_wage_21_to_nlw_age``, ``minimum_wage_18_20``, ``minimum_wage_under_18``,
``minimum_wage_apprentice``, ``accommodation_offset_daily``.

Method: as GOV.UK's minimum wage calculator (alphagov/smart-answers,
lib/smart_answer/calculators/minimum_wage_calculator.rb): pay for minimum wage purposes is the pay
for the period plus the accommodation adjustment, over the hours worked; the adjustment for free
accommodation is the offset x nights a week x weeks in the pay period, and for charged
accommodation above the offset it is (offset - charge) x nights a week x weeks in the pay period.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from guidance.calculators.common import (at_field, CalculatorError, Result, date_value, decimal, figure, figure_or_none, gbp,
                                         gbp_exact, pence, pence_up, q, quantity, whole, words, worked_money)
from guidance.words import counted as words_counted
from guidance.kinds import Date, Field, Money, Number, Whole, YesNo

FIELDS = (
    Field("age", "PA's age", Whole(minimum=0, maximum=120), unit="years", help="age on the day", required=True, example="25"),
    Field("apprentice", "Apprentice?", YesNo(), help="an apprentice under 19, or in the first year"),
    Field("on", "Date to work it out for", Date(), help="rates in force on this day (default today)"),
    Field("pay", "Pay for the pay period", Money(), unit="pounds", help="gross pay for the pay period, before tax", example="250.00"),
    Field("hours", "Hours worked in the pay period", Number(minimum=Decimal(0), maximum=Decimal(24 * 31)), unit="hours", example="16 or 37.5"),
    Field("pay_period_days", "Days in the pay period", Whole(minimum=1, maximum=31), unit="days", default=7, example="7 or 14"),
    Field("pay_period_start", "First day of the pay period", Date(),
          help="pay is checked at the rate in force on this day (a new rate applies to pay periods beginning on or after it starts)"),
    Field("accommodation_charge", "Accommodation charge a night", Money(), unit="pounds",
          help="charged per night (0 if free)", example="10.66"),
    Field("nights", "Nights of accommodation a week", Whole(minimum=0, maximum=7), unit="nights", example="5"),
)


@dataclass(frozen=True)
class MinimumWage(Result):
    """The minimum hourly rate on a day; with pay and hours, whether the pay reaches it.

    ``total_entitlement`` is hours x rate to the penny (shown); the check compares the pay that
    counts with the unrounded hours x rate, so 25.41 for 2 hours at 12.71 is short by 1p.
    """

    minimum_hourly_rate: Decimal
    band: str
    on: dt.date
    working: tuple[str, ...]
    pay: Decimal | None = None
    hours: Decimal | None = None
    accommodation_adjustment: Decimal | None = None
    pay_counted: Decimal | None = None
    hourly_rate_paid: Decimal | None = None
    total_entitlement: Decimal | None = None
    shortfall: Decimal | None = None
    minimum_wage_or_above: bool | None = None

    def as_dict(self) -> dict:
        data = super().as_dict()
        if self.pay is None:  # the rate alone: no pay-check keys, as before
            data = {k: data[k] for k in ("minimum_hourly_rate", "band", "on", "working")}
        return data

#: Every figure from content/rates.yaml this calculator reads; `guidance content check` makes sure
#: each exists and is in force on the day checked.
RATES_USED = (
    "national_living_wage",
    "national_living_wage_age",
    "minimum_wage_21_to_nlw_age",
    "minimum_wage_18_20",
    "minimum_wage_under_18",
    "minimum_wage_apprentice",
    "accommodation_offset_daily",
)


def minimum_hourly_rate(rates, on: dt.date, age: int, apprentice: bool = False) -> tuple[Decimal, str]:
    """The rate in force on ``on`` for a worker of ``age``, with the band's name."""
    if age < 16:
        raise at_field(FIELDS, "age", f"the minimum wage applies from school leaving age (16); got age {age}")
    if age > 120:
        raise CalculatorError(f"age {age} is not possible")
    if apprentice:
        # The apprentice rate applies to apprentices under 19, and to older ones in their first
        # year; the caller says which by passing apprentice=True only when it applies.
        return figure(rates, "minimum_wage_apprentice", on), "apprentice rate"
    # The National Living Wage started on 1 April 2016 at 25, then 23 (April 2021), then 21
    # (April 2024). Between 21 and that age, and for everyone 21 and over before it, the 21-and-over
    # National Minimum Wage rate applies.
    nlw_age = figure_or_none(rates, "national_living_wage_age", on)
    if nlw_age is not None and age >= nlw_age:
        return figure(rates, "national_living_wage", on), "National Living Wage"
    if age >= 21:
        band = "21 and over rate" if nlw_age is None else f"21 to {nlw_age - 1} rate"
        return figure(rates, "minimum_wage_21_to_nlw_age", on), band
    if age >= 18:
        return figure(rates, "minimum_wage_18_20", on), "18 to 20 rate"
    return figure(rates, "minimum_wage_under_18", on), "under 18 rate"


def minimum_wage(
    *,
    age,
    rates,
    on: dt.date,
    apprentice: bool = False,
    pay=None,
    hours=None,
    pay_period_days=7,
    accommodation_charge=None,
    nights=None,
    pay_period_start=None,
) -> MinimumWage:
    """The minimum hourly rate; with ``pay`` and ``hours``, whether the pay reaches it.

    Rule: pay that counts for the pay reference period must be at least hours x rate (NMW
    Regulations 2015 reg 7). Nothing is rounded before that comparison: the figures shown are
    rounded to the penny, the shortfall up to the next penny.
    """
    age_n = whole(age, "age")
    start = date_value(pay_period_start, "first day of the pay period") if pay_period_start not in (None, "") else None
    if pay in (None, "") and hours in (None, ""):
        if accommodation_charge not in (None, "") or nights not in (None, ""):
            raise at_field(FIELDS, "pay", "needed with the accommodation (and the hours worked too)")
        rate, band, working = _rate(rates, start or on, age_n, apprentice, start)
        return MinimumWage(rate, band, start or on, tuple(working))
    if pay in (None, "") or hours in (None, ""):
        missing = "pay" if pay in (None, "") else "hours"
        raise at_field(FIELDS, missing, "needed with the other, to check pay against the minimum wage")
    pay_d = decimal(pay, "pay")
    hours_d = decimal(hours, "hours")
    days = whole(7 if pay_period_days in (None, "") else pay_period_days, "pay period days")
    if pay_d < 0:
        raise CalculatorError(f"pay cannot be negative (got {pay_d})")
    if hours_d <= 0:
        raise at_field(FIELDS, "hours", f"must be more than 0 (got {hours_d})")
    if not 1 <= days <= 31:
        raise CalculatorError(f"the pay period must be 1 to 31 days (got {days})")
    if hours_d > 24 * days:
        raise at_field(FIELDS, "hours", f"{quantity(hours_d, 'hour')} is more than there are in {words_counted(days, 'day')}")
    _accommodation_given(accommodation_charge, nights)  # every input checked before the day is asked for
    if start is None:
        _check_one_rate(rates, on, age_n, bool(apprentice), days)
    on = start or on
    rate, band, working = _rate(rates, on, age_n, apprentice, start)
    adjustment = _accommodation(rates, on, accommodation_charge, nights, days, working)
    counted = pay_d + adjustment
    due = rate * hours_d  # exact: compared before any rounding
    ok = counted >= due
    short = max(Decimal(0), due - counted)
    working.append(
        f"Pay that counts {gbp_exact(counted) if counted == q(counted, 4) else worked_money(counted)} for {quantity(hours_d, 'hour')}; "
        f"the minimum for those hours is {hours_d.normalize():f} x {gbp(rate)} = {gbp_exact(due)}."
    )
    working.append("That is the minimum wage or above." if ok else f"That is below the minimum wage: {gbp(pence_up(short))} short.")
    return MinimumWage(
        rate, band, on, tuple(working),
        pay=pence(pay_d),
        hours=hours_d,
        accommodation_adjustment=pence(adjustment),
        pay_counted=pence(counted),
        hourly_rate_paid=pence(counted / hours_d),
        total_entitlement=pence(due),
        shortfall=pence_up(short),
        minimum_wage_or_above=ok,
    )


def _rate(rates, day: dt.date, age: int, apprentice, start: dt.date | None) -> tuple[Decimal, str, list[str]]:
    """The rate in force on ``day`` with its band, and the working's first line."""
    rate, band = minimum_hourly_rate(rates, day, age, bool(apprentice))
    said = f"Pay period from {words(start)}" if start else f"On {words(day)}"
    return rate, band, [f"{said}, age {age}{' (apprentice)' if apprentice else ''}: the {band}, {gbp(rate)} an hour."]


def _accommodation_given(charge, nights) -> tuple[Decimal, int] | None:
    """The accommodation charge a night and nights a week, checked; None when neither is given."""
    if charge in (None, "") and nights in (None, ""):
        return None
    if charge in (None, "") or nights in (None, ""):
        raise at_field(FIELDS, "nights" if nights in (None, "") else "accommodation_charge",
                       "needed too: accommodation needs both the accommodation charge (per night; 0 if free) and the nights a week")
    charge_d = decimal(charge, "accommodation charge")
    nights_n = whole(nights, "nights")
    if charge_d < 0:
        raise CalculatorError(f"the accommodation charge cannot be negative (got {charge_d})")
    if not 0 <= nights_n <= 7:
        raise CalculatorError(f"nights a week must be 0 to 7 (got {nights_n})")
    return charge_d, nights_n


def _check_one_rate(rates, on: dt.date, age: int, apprentice: bool, days: int) -> None:
    """Refuse, at the pay period's first day, a pay check whose rate depends on it: a pay period of
    ``days`` days holding ``on`` may have begun on any of the ``days`` days up to ``on``, and a new
    rate applies only to pay periods beginning on or after the day it starts."""
    first = on - dt.timedelta(days=days - 1)
    old, _ = minimum_hourly_rate(rates, first, age, apprentice)
    day = first
    while day < on:
        day += dt.timedelta(days=1)
        new, _ = minimum_hourly_rate(rates, day, age, apprentice)
        if new != old:
            raise at_field(FIELDS, "pay_period_start",
                           f"needed: the rate changed from {gbp(old)} to {gbp(new)} on {words(day)}, and a pay period of "
                           f"{words_counted(days, 'day')} holding {words(on)} may have begun before that day (then the old rate applies "
                           "to the whole period): give the first day of the pay period")


def _accommodation(rates, on, charge, nights, days: int, working: list[str]) -> Decimal:
    given = _accommodation_given(charge, nights)
    if given is None:
        return Decimal(0)
    charge_d, nights_n = given
    offset = figure(rates, "accommodation_offset_daily", on)
    # Not rounded here: the adjustment is added to pay and compared with the minimum unrounded.
    if charge_d == 0:
        adjustment = offset * nights_n * days / 7
        working.append(f"Free accommodation counts as pay: {gbp(offset)} x {words_counted(nights_n, 'night')} a week x {days} / 7 weeks = "
                       f"{worked_money(adjustment)}.")
    elif charge_d > offset:
        adjustment = (offset - charge_d) * nights_n * days / 7
        working.append(
            f"Accommodation charged at {gbp(charge_d)} a night, above the {gbp(offset)} offset: the excess reduces pay by "
            f"({gbp(charge_d)} - {gbp(offset)}) x {words_counted(nights_n, 'night')} a week x {days} / 7 weeks = {worked_money(-adjustment)}."
        )
    else:
        adjustment = Decimal(0)
        working.append(f"Accommodation charged at {gbp(charge_d)} a night, within the {gbp(offset)} offset: no change to pay.")
    return adjustment
