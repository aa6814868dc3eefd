"""The true cost of employing a personal assistant, for the budget conversation.

Rule and figures, all from the rates in force on the day asked:
- wages: hourly rate x hours a week, x 52 for a year (paid holiday is inside the 52 weeks);
- employer National Insurance: ``employer_ni_rate`` on yearly pay above
  ``secondary_threshold_yearly`` (above ``upper_secondary_threshold_yearly`` for a PA under 21),
  less the ``employment_allowance``, which someone employing a care or support worker with a
  direct payment can claim (HMRC NIM06520; Social Security Contributions and Benefits Act 1992,
  National Insurance Contributions Act 2014 s.1);
- pension: automatic enrolment (Pensions Act 2008 s.3) for a PA aged from ``pension_age_lower`` to
  State Pension age earning over ``auto_enrolment_trigger_yearly``; a PA under 22, over State
  Pension age and under 75, or paid no more than the trigger, is not enrolled automatically, but
  one paid over ``qualifying_earnings_lower_yearly`` who opts in must be enrolled with the employer
  contribution (s.7), shown as a warning beside the nil; one paid less who asks to join must be
  put in a scheme, with no employer contribution due (s.9); a PA under 16 or
  aged 75 or over is not a jobholder at all (s.1). State Pension age comes from the date of
  birth (see :mod:`guidance.calculators.pension_age`): the age settles it except at 66 or 67
  from 2026 to 2028, when the contribution is included and a warning says so and why.
  Enrolled, the employer pays at least
  ``pension_minimum_employer_contribution`` of qualifying earnings (pay between
  ``qualifying_earnings_lower_yearly`` and ``qualifying_earnings_upper_yearly``);
- holiday cover: a replacement for the PA's ``holiday_weeks`` of paid leave, at the same rate.
This is a budgeting estimate for one PA on steady hours, not a payroll calculation: NI is worked
out on the year's pay, and the Employment Allowance is one per employer, shared by all their PAs.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from guidance.calculators.common import (at_field, CalculatorError, Result, decimal, figure, figure_or_none, gbp,
                                         gbp_exact, pence, quantity, whole, words, worked_money)
from guidance.calculators.minimum_wage import minimum_hourly_rate
from guidance.calculators.pension_age import Reached, reached_at_age
from guidance.kinds import Date, Field, Money, Number, Whole

FIELDS = (
    Field("hourly_rate", "Hourly rate", Money(), unit="pounds", help="pay an hour before tax", required=True, example="12.71"),
    Field("hours_per_week", "Hours worked a week", Number(minimum=Decimal(0), maximum=Decimal(168)), unit="hours",
          required=True, example="16 or 37.5"),
    Field("age", "PA's age", Whole(minimum=0, maximum=120), unit="years", example="25"),
    Field("on", "Date to work it out for", Date(), help="rates in force on this day (default today)"),
)


@dataclass(frozen=True)
class EmployerCost(Result):
    """The yearly and weekly cost of one PA (amounts in pounds), with any warnings."""

    on: dt.date
    hourly_rate: Decimal
    hours_per_week: Decimal
    weekly_wages: Decimal
    yearly_wages: Decimal
    employer_ni_before_allowance: Decimal
    employment_allowance: Decimal
    employer_ni_yearly: Decimal
    employer_pension_yearly: Decimal
    holiday_cover_yearly: Decimal
    total_yearly: Decimal
    total_weekly: Decimal
    minimum_hourly_rate: Decimal
    below_minimum_wage: bool
    warnings: tuple[str, ...]
    working: tuple[str, ...]

#: Every figure from content/rates.yaml this calculator reads; `guidance content check` makes sure
#: each exists and is in force on the day checked.
RATES_USED = (
    "employment_allowance",
    "holiday_weeks",
    "employer_ni_rate",
    "upper_secondary_threshold_yearly",
    "secondary_threshold_yearly",
    "pension_age_lower",
    "auto_enrolment_trigger_yearly",
    "qualifying_earnings_lower_yearly",
    "qualifying_earnings_upper_yearly",
    "pension_minimum_employer_contribution",
    "national_living_wage",
    "national_living_wage_age",
    "minimum_wage_18_20",
    "minimum_wage_under_18",
)

WEEKS_A_YEAR = Decimal(52)
#: Pensions Act 2008 s.1(1): a jobholder is aged at least 16 and under 75.
JOBHOLDER_FROM, JOBHOLDER_UNDER = 16, 75


def employer_cost(*, hourly_rate, hours_per_week, rates, on: dt.date, age=None) -> EmployerCost:
    """Weekly and yearly cost of one PA: wages, employer NI after the allowance, pension, cover.

    Yearly figures are worked from the exact hourly rate x hours x 52, not from a weekly figure
    rounded first; each amount is rounded to the penny only when shown.
    """
    rate = decimal(hourly_rate, "hourly rate")
    hours = decimal(hours_per_week, "hours per week")
    if rate <= 0:
        raise at_field(FIELDS, "hourly_rate", f"must be more than 0 (got {rate})")
    if hours <= 0:
        raise at_field(FIELDS, "hours_per_week", f"must be more than 0 (got {hours})")
    if hours > 168:
        raise at_field(FIELDS, "hours_per_week", f"cannot be more than 168 (got {hours})")
    age_n = whole(age, "age") if age not in (None, "") else None
    warnings: list[str] = []
    working: list[str] = []
    weekly_exact = rate * hours  # not rounded before it is multiplied or compared
    weekly = pence(weekly_exact)
    yearly_exact = weekly_exact * WEEKS_A_YEAR
    yearly = pence(yearly_exact)
    working.append(f"Wages a week: {gbp_exact(rate)} x {quantity(hours, 'hour')} = {worked_money(weekly_exact)}; "
                   f"a year: {gbp_exact(weekly_exact)} x 52 = {worked_money(yearly_exact)}.")
    assumed = age_n if age_n is not None else _assumed_age(rates, on)
    minimum, band = minimum_hourly_rate(rates, on, assumed)
    if age_n is None:
        warnings.append(f"No age given: worked out for a PA aged {assumed} or over.")
    if rate < minimum:
        warnings.append(f"{gbp(rate)} an hour is below the {band} of {gbp(minimum)} in force on {words(on)}: it must be raised.")
    ni_gross, ni_text = _employer_ni(rates, on, yearly_exact, age_n)
    allowance = figure(rates, "employment_allowance", on)
    ni = pence(max(Decimal(0), ni_gross - allowance))
    working.append(ni_text)
    working.append(f"Employment Allowance (up to {gbp(allowance)} a year for the employer) takes off {gbp(pence(min(ni_gross, allowance)))}: employer NI {gbp(ni)} a year.")
    pension, pension_text, opt_in = _pension(rates, on, yearly_exact, age_n)
    working.append(pension_text)
    if opt_in:
        warnings.append(opt_in)
    if pension and age_n is not None and reached_at_age(age_n, on) is Reached.NOT_KNOWN:
        warnings.append(
            f"At {age_n} on {words(on)} the PA may have reached State Pension age or not: it depends on the date of "
            "birth (66 to 67 for those born from 6 April 1960 to 5 March 1961). Worked out as not yet reached, so the "
            f"employer pension contribution ({gbp(pension)} a year) is included. Once they have reached it they are not "
            "enrolled automatically, but if they opt in the employer must enrol them and still pay it (Pensions Act "
            "2008 s.7): check their date of birth.")
    cover_weeks = figure(rates, "holiday_weeks", on)
    cover = pence(weekly_exact * cover_weeks)
    working.append(f"Holiday cover, a year for a replacement: {cover_weeks} weeks of paid leave x {gbp_exact(weekly_exact)} = "
                   f"{worked_money(weekly_exact * cover_weeks)}.")
    total = pence(yearly + ni + pension + cover)
    working.append(f"Total a year: {gbp(yearly)} + {gbp(ni)} + {gbp(pension)} + {gbp(cover)} = {gbp(total)}; "
                   f"a week: {gbp(total)} / 52 = {worked_money(total / WEEKS_A_YEAR)}.")
    return EmployerCost(
        on=on,
        hourly_rate=rate,
        hours_per_week=hours,
        weekly_wages=weekly,
        yearly_wages=yearly,
        employer_ni_before_allowance=ni_gross,
        employment_allowance=allowance,
        employer_ni_yearly=ni,
        employer_pension_yearly=pension,
        holiday_cover_yearly=cover,
        total_yearly=total,
        total_weekly=pence(total / WEEKS_A_YEAR),
        minimum_hourly_rate=minimum,
        below_minimum_wage=rate < minimum,
        warnings=tuple(warnings),
        working=tuple(working),
    )


def _assumed_age(rates, on: dt.date) -> int:
    """With no age given: old enough for the top minimum wage rate of the day (the National Living
    Wage age then: 25 until March 2021, 23, then 21 from April 2024; 21 before April 2016), for
    automatic enrolment (22) and for the employer NI secondary threshold (21)."""
    nlw_age = figure_or_none(rates, "national_living_wage_age", on)
    return max(int(nlw_age) if nlw_age is not None else 21, int(figure(rates, "pension_age_lower", on)))


def _employer_ni(rates, on, yearly: Decimal, age: int | None) -> tuple[Decimal, str]:
    share = figure(rates, "employer_ni_rate", on)
    if age is not None and age < 21:
        threshold = figure(rates, "upper_secondary_threshold_yearly", on)
        why = "upper secondary threshold (PA under 21)"
    else:
        threshold = figure(rates, "secondary_threshold_yearly", on)
        why = "secondary threshold"
    above = max(Decimal(0), yearly - threshold)
    ni = pence(above * share / 100)
    return ni, (f"Employer NI: {share}% of {gbp_exact(above)} (pay above the {gbp(threshold)} {why}) = "
                f"{worked_money(above * share / 100)}.")


def _pension(rates, on, yearly: Decimal, age: int | None) -> tuple[Decimal, str, str | None]:
    """The employer's yearly pension contribution, its working line, and a warning when it is nil
    only because the PA is not enrolled automatically but may ask to be (None otherwise).

    Pensions Act 2008: an eligible jobholder (22 to State Pension age, pay over the trigger) is
    enrolled automatically (s.3); a non-eligible jobholder (16 to 74, pay over the qualifying
    earnings lower limit: under 22, over State Pension age, or pay not over the trigger) who opts
    in must be enrolled and the employer must contribute (s.7); an entitled worker (16 to 74, pay
    not over the lower limit) who asks to join must be put in a pension scheme, but the employer
    need not contribute (s.9). Under 16 or 75 and over: not a jobholder, none of these apply."""
    youngest = figure(rates, "pension_age_lower", on)
    trigger = figure(rates, "auto_enrolment_trigger_yearly", on)
    if age is not None and not JOBHOLDER_FROM <= age < JOBHOLDER_UNDER:
        return Decimal(0), (f"Pension: aged {age}, the PA is not a jobholder (only those aged {JOBHOLDER_FROM} to "
                            f"{JOBHOLDER_UNDER - 1} are), so no automatic enrolment and no right to join."), None
    lower = figure(rates, "qualifying_earnings_lower_yearly", on)
    upper = figure(rates, "qualifying_earnings_upper_yearly", on)
    share = figure(rates, "pension_minimum_employer_contribution", on)
    band = max(Decimal(0), min(yearly, upper) - lower)
    due = band * share / 100
    sum_text = (f"{share}% of {gbp_exact(band)} (qualifying earnings: pay between {gbp(lower)} and {gbp(upper)}) = "
                f"{worked_money(due)}")
    reached = reached_at_age(age, on) if age is not None else Reached.NO  # the age assumed is under it
    if age is not None and age < youngest:
        why = f"under {youngest}"
    elif reached is Reached.YES:
        why = "over State Pension age"
    elif yearly <= trigger:
        why = f"pay of {gbp(pence(yearly))} is not over the {gbp(trigger)} trigger"
    else:
        return pence(due), f"Pension: {sum_text} ({_until_pension_age(reached)}).", None
    if yearly <= lower:
        text = (f"Pension: {why}, so not enrolled automatically: £0.00 a year. Pay of {gbp(pence(yearly))} is not over "
                f"the {gbp(lower)} qualifying earnings lower limit: if the PA asks to join, the employer must put them "
                "in a pension scheme but need not pay into it (Pensions Act 2008 s.9).")
        return Decimal(0), text, None
    text = (f"Pension: {why}, so not enrolled automatically: £0.00 a year unless the PA opts in. If they ask to "
            f"join (opt in), the employer must enrol them and pay at least {sum_text} a year "
            "(Pensions Act 2008 s.7).")
    warning = (f"Pension shown as £0.00: the PA is not enrolled automatically ({why}), but if they opt in the "
               f"employer must enrol them and pay at least {gbp(pence(due))} a year, making the total "
               "that much more.")
    return Decimal(0), text, warning


def _until_pension_age(reached: Reached) -> str:
    """When the contribution stops, in words for the pension line."""
    if reached is Reached.NOT_KNOWN:
        return "included as if the PA has not reached State Pension age, which at this age depends on the date of birth"
    return "not due once the PA reaches State Pension age"
