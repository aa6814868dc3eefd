"""Statutory redundancy pay, as GOV.UK's redundancy pay calculator works it out.

Rule: Employment Rights Act 1996 ss.135, 155 and 162: after 2 years' continuous service, for each
full year of service (counting back from the dismissal, at most 20 years) half a week's pay for
a year worked under age 22, one week's pay from 22 to 40, one and a half weeks' pay from 41;
a week's pay is capped (Employment Rights (Increase of Limits) Order, each April).
Figures: ``redundancy_week_pay_cap``, ``redundancy_max_years``, ``redundancy_qualifying_years``,
``redundancy_half_week_below_age``, ``redundancy_week_and_half_from_age``.

Method: a port of GOV.UK's calculator (alphagov/smart-answers,
lib/smart_answer/calculators/redundancy_calculator.rb): take the age at redundancy, count back
one year at a time for each year of service (the year ending at age 22 is a year worked at 21),
and add the capped week's pay times the weeks for that year.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from guidance.calculators.common import at_field, CalculatorError, Result, decimal, figure, gbp, gbp_exact, pence, whole, words, worked_money
from guidance.words import counted as words_counted
from guidance.kinds import Date, Field, Money, Whole

FIELDS = (
    Field("age", "PA's age", Whole(minimum=0, maximum=120), unit="years", help="age on the day of redundancy", required=True, example="45"),
    Field("years", "Full years worked", Whole(minimum=0, maximum=100), unit="years",
          help="full years of continuous service", required=True, example="5"),
    Field("weekly_pay", "Weekly pay before tax", Money(), unit="pounds", help="a week's pay before tax", required=True, example="250.00"),
    Field("date", "Date of dismissal", Date(), help="date of redundancy: the cap in force then (default today)",
          exclusive="cap"),
    Field("weekly_cap", "Weekly pay cap", Money(), unit="pounds",
          help="use this cap on a week's pay instead of the law's", exclusive="cap", example="719.00"),
)

#: Every figure from content/rates.yaml this calculator reads; `guidance content check` makes sure
#: each exists and is in force on the day checked.
RATES_USED = (
    "redundancy_week_pay_cap",
    "redundancy_qualifying_years",
    "redundancy_max_years",
    "redundancy_half_week_below_age",
    "redundancy_week_and_half_from_age",
)


@dataclass(frozen=True)
class RedundancyPay(Result):
    """Statutory redundancy pay and how it was reached (amounts in pounds, weeks as a number)."""

    statutory_redundancy_pay: Decimal
    weeks_of_pay: Decimal
    week_pay_counted: Decimal
    weekly_cap: Decimal
    years_of_service: int
    years_counted: int
    entitled: bool
    working: tuple[str, ...]


def redundancy_pay(*, age, years, weekly_pay, rates=None, on: dt.date | None = None, weekly_cap=None) -> RedundancyPay:
    """Statutory redundancy pay; the weekly cap comes from the rates on ``on`` unless given.

    Nothing is rounded before the end: a week's pay (capped) x the weeks, then to the penny.
    """
    age_n = whole(age, "age")
    years_n = whole(years, "years of service")
    pay = decimal(weekly_pay, "weekly pay")
    if pay < 0:
        raise CalculatorError(f"weekly pay cannot be negative (got {pay})")
    if years_n < 0:
        raise CalculatorError(f"years of service cannot be negative (got {years_n})")
    if not 16 <= age_n <= 100:
        raise at_field(FIELDS, "age", f"must be between 16 and 100 (got {age_n})")
    if years_n > age_n - 15:
        raise at_field(FIELDS, "years", f"{words_counted(years_n, 'year')} of service is not possible at age {age_n}: nobody can be employed before 16")
    if rates is None or on is None:
        raise CalculatorError("the rates and a date are needed for the statutory figures")
    if weekly_cap not in (None, ""):
        cap = decimal(weekly_cap, "weekly cap")
        if cap <= 0:
            raise at_field(FIELDS, "weekly_cap", f"must be more than 0 (got {cap})")
        cap_source = "given"
    else:
        cap = figure(rates, "redundancy_week_pay_cap", on)
        cap_source = f"in force on {words(on)}"
    qualifying = int(figure(rates, "redundancy_qualifying_years", on))
    most_years = int(figure(rates, "redundancy_max_years", on))
    young = int(figure(rates, "redundancy_half_week_below_age", on))
    older = int(figure(rates, "redundancy_week_and_half_from_age", on))
    week = min(cap, pay)
    working = [f"A week's pay: {gbp(pay)}, capped at {gbp(cap)} ({cap_source}): {gbp(week)} counts."]
    if years_n < qualifying:
        working.append(f"{words_counted(years_n, 'full year')} of service is under the {qualifying} years needed: no statutory redundancy pay.")
        return _result(Decimal(0), Decimal(0), week, cap, years_n, 0, False, working)
    counted = min(years_n, most_years)
    if counted < years_n:
        working.append(f"Only the last {most_years} years count.")
    weeks = Decimal(0)
    for year in range(counted):
        age_at_end = age_n - year
        ratio = Decimal("0.5") if age_at_end <= young else Decimal("1.5") if age_at_end > older else Decimal(1)
        weeks += ratio
    halves = sum(1 for y in range(counted) if age_n - y <= young)
    ones = sum(1 for y in range(counted) if young < age_n - y <= older)
    more = counted - halves - ones
    working.append(
        f"{words_counted(counted, 'year')} counted back from age {age_n}: {more} x 1.5 weeks (years aged {older} or over) "
        f"+ {ones} x 1 week + {halves} x 0.5 weeks (years under {young}) = {weeks.normalize():f} weeks."
    )
    total = pence(week * weeks)
    working.append(f"{weeks.normalize():f} weeks x {gbp_exact(week)} = {worked_money(week * weeks)}")
    return _result(total, weeks, week, cap, years_n, counted, True, working)


def _result(total, weeks, week, cap, years, counted, entitled, working) -> RedundancyPay:
    return RedundancyPay(
        statutory_redundancy_pay=pence(total),
        weeks_of_pay=weeks.normalize() if weeks else Decimal(0),
        week_pay_counted=pence(week),
        weekly_cap=pence(cap),
        years_of_service=years,
        years_counted=counted,
        entitled=entitled,
        working=tuple(working),
    )
