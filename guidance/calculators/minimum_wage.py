"""The National Minimum Wage or National Living Wage for a worker, and whether pay reaches it.

Rule: National Minimum Wage Act 1998 and National Minimum Wage Regulations 2015: the hourly
rate depends on age (National Living Wage from 21, 18 to 20, under 18) and on being an apprentice
(under 19, or in the first year of the apprenticeship); rates change each 1 April. Accommodation
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
from decimal import Decimal

from guidance.calculators.common import CalculatorError, decimal, figure, figure_or_none, pence, whole, gbp

#: Every figure from content/rates.yaml this calculator reads; `guidance content check` makes sure
#: each exists and is in force on the day checked.
RATES_USED = (
    "national_living_wage",
    "national_living_wage_age",
    "minimum_wage_18_20",
    "minimum_wage_under_18",
    "minimum_wage_apprentice",
    "accommodation_offset_daily",
)


def minimum_hourly_rate(rates, on: dt.date, age: int, apprentice: bool = False) -> tuple[Decimal, str]:
    """The rate in force on ``on`` for a worker of ``age``, with the band's name."""
    if age < 16:
        raise CalculatorError(f"the minimum wage applies from school leaving age (16); got age {age}")
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
) -> dict:
    """The minimum hourly rate; with ``pay`` and ``hours``, whether the pay reaches it."""
    age_n = whole(age, "age")
    rate, band = minimum_hourly_rate(rates, on, age_n, bool(apprentice))
    working = [f"On {on.isoformat()}, age {age_n}{' (apprentice)' if apprentice else ''}: the {band}, {gbp(rate)} an hour."]
    result = {"minimum_hourly_rate": rate, "band": band, "on": on}
    if pay in (None, "") and hours in (None, ""):
        if accommodation_charge not in (None, "") or nights not in (None, ""):
            raise CalculatorError("accommodation needs --pay and --hours too")
        result["working"] = working
        return result
    if pay in (None, "") or hours in (None, ""):
        raise CalculatorError("give both --pay and --hours to check pay against the minimum wage")
    pay_d = decimal(pay, "pay")
    hours_d = decimal(hours, "hours")
    days = whole(pay_period_days, "pay period days")
    if pay_d < 0:
        raise CalculatorError(f"pay cannot be negative (got {pay_d})")
    if hours_d <= 0:
        raise CalculatorError(f"hours must be more than 0 (got {hours_d})")
    if not 1 <= days <= 31:
        raise CalculatorError(f"the pay period must be 1 to 31 days (got {days})")
    if hours_d > 24 * days:
        raise CalculatorError(f"{hours_d} hours is more than there are in {days} days")
    adjustment = _accommodation(rates, on, accommodation_charge, nights, days, working)
    counted = pay_d + adjustment
    hourly = pence(counted / hours_d)
    entitlement = pence(rate * hours_d)
    ok = hourly >= rate
    working.append(
        f"Pay that counts {gbp(pence(counted))} over {hours_d.normalize():f} hours = {gbp(hourly)} an hour; "
        f"the minimum for those hours is {gbp(entitlement)}."
    )
    working.append("That is the minimum wage or above." if ok else f"That is below the minimum wage: {gbp(pence(entitlement - counted))} short.")
    result.update(
        pay=pence(pay_d),
        hours=hours_d,
        accommodation_adjustment=pence(adjustment),
        pay_counted=pence(counted),
        hourly_rate_paid=hourly,
        total_entitlement=entitlement,
        shortfall=pence(max(Decimal(0), entitlement - counted)),
        minimum_wage_or_above=ok,
        working=working,
    )
    return result


def _accommodation(rates, on, charge, nights, days: int, working: list[str]) -> Decimal:
    if charge in (None, "") and nights in (None, ""):
        return Decimal(0)
    if charge in (None, "") or nights in (None, ""):
        raise CalculatorError("accommodation needs both --accommodation-charge (per night; 0 if free) and --nights (a week)")
    charge_d = decimal(charge, "accommodation charge")
    nights_n = whole(nights, "nights")
    if charge_d < 0:
        raise CalculatorError(f"the accommodation charge cannot be negative (got {charge_d})")
    if not 0 <= nights_n <= 7:
        raise CalculatorError(f"nights a week must be 0 to 7 (got {nights_n})")
    offset = figure(rates, "accommodation_offset_daily", on)
    weeks = Decimal(days) / 7
    if charge_d == 0:
        adjustment = pence(offset * nights_n * weeks)
        working.append(f"Free accommodation counts as pay: {gbp(offset)} x {nights_n} nights a week x {days}/7 weeks = {gbp(adjustment)}.")
    elif charge_d > offset:
        adjustment = pence((offset - charge_d) * nights_n * weeks)
        working.append(
            f"Accommodation charged at {gbp(charge_d)} a night, above the {gbp(offset)} offset: the excess reduces pay by {gbp(-adjustment)}."
        )
    else:
        adjustment = Decimal(0)
        working.append(f"Accommodation charged at {gbp(charge_d)} a night, within the {gbp(offset)} offset: no change to pay.")
    return adjustment
