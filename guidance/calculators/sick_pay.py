"""Statutory Sick Pay for a period of sickness, under the rules in force on each day.

Rule: Social Security Contributions and Benefits Act 1992 (SSCBA) ss.151-163 and the SSP (General)
Regulations 1982. SSP is paid for qualifying days (the days the employee normally works) in a
period of incapacity for work (PIW), up to 28 weeks in one linked PIW; two PIWs not more than 8
weeks apart link into one (s.152(3)).

Until 5 April 2026 a PIW was at least 4 days in a row, counting days not normally worked (old
s.152(2)); the first 3 qualifying days of a linked PIW were unpaid waiting days (s.155(1)); and
average weekly earnings had to reach the lower earnings limit. From 6 April 2026 the Employment
Rights Act 2025 s.10 (commenced by S.I. 2026/373) makes a PIW "a period of one day which is, or
of two or more consecutive days each of which is," a day of incapacity for work (s.152(2) as
amended by s.10(3)(b); s.152(1) repealed by s.10(3)(a)), repeals the waiting days (s.155(1), by
s.10(6); s.156(2)(b), by s.10(7)) and the earnings threshold, and pays the lower of the flat
weekly rate or 80% of average weekly earnings. So a 1, 2 or 3 day absence from 6 April 2026 is
paid, and single days off sick 8 weeks or less apart link.
Figures: ``ssp_weekly_rate``, ``ssp_earnings_percent``, ``ssp_waiting_days``,
``ssp_earnings_threshold_weekly``, ``ssp_max_weeks``, ``ssp_linking_weeks``,
``ssp_piw_minimum_days`` (4, then 1 from 6 April 2026).

Method and rounding: a port of GOV.UK's SSP calculator (alphagov/smart-answers,
lib/smart_answer/calculators/statutory_sick_pay_calculator.rb): the daily rate is the weekly rate
divided by the number of qualifying days in the week, cut (not rounded) to 4 decimal places as in
HMRC's daily rate tables; each week ending on a Saturday is paid the sum of its daily rates rounded
up to the penny; the total is the sum of the weeks; weeks with nothing to pay at the end are left
out. The maximum is 28 x the qualifying days in a week, less the days already paid in a linked
period.

Where the law changed part-way, each day follows the rules and figures in force on that day,
except for the flat-rate protection below. The day-by-day reading is ours; the protection follows
the DWP guidance as reported (GOV.UK's own calculator refuses absences that run over 6 April 2026
and points to its guidance "Sickness absences that start before and end on or after 6 April
2026"); if that guidance says otherwise, change ``_period_days``, the waiting-day loop or
``flat_rate_protected_from`` to match it.
- a day belongs to a PIW when its spell of consecutive sick days is long enough under the
  minimum in force on that day. A spell wholly before 6 April 2026 is therefore judged by the
  4-day rule and one wholly after by the 1-day rule, so a 1-3 day spell before 6 April 2026 was
  never a PIW and cannot be linked to, while one after can. A spell of 4 days or more is a PIW
  throughout; a shorter spell that runs into 6 April 2026 (say Saturday 4 to Monday 6 April) is a
  PIW only from 6 April, the days before it not having been one under the law of their day;
- a waiting day is owed only while the waiting days in force on that day have not yet been
  served in the linked PIW, and the earnings threshold and 80% cap are those of that day. So a
  PIW running over 6 April 2026 is paid from 6 April even if the waiting days were not yet served.

Transitional protection (DWP guidance to payroll developers on absences running over 6 April
2026, Dec 2025 and Feb 2026, as reported by CIPP and payroll bureaux: "someone already getting SSP
at the flat rate keeps the flat rate for that continuous absence"): when one continuous absence began before the day the earnings percentage
first applies (``ssp_earnings_percent``'s first period, 6 April 2026) and runs into it, and on the
day before it the employee was already entitled at the flat rate (waiting days all served in the
linked PIW and average weekly earnings at or above that day's threshold), every day of that
absence from the change is paid at the flat rate in force on the day (£123.25 in 2026/27), never
80% of earnings. Someone still serving waiting days, or below the old threshold, on 5 April is
paid from 6 April under the new rules. A later spell that links to it is a new absence: it is
paid under the new rules, with the first spell's average weekly earnings (the relevant period of
a linked PIW is that of its first spell, SSP (General) Regulations 1982 reg 19), which is what
``average_weekly_earnings`` must then be; ``guidance calc average-earnings`` works it out.

Years before 2026: the rules above with that year's flat rate and lower earnings limit, back to
6 April 2015 (figures from ``content/rates.yaml``). Not modelled: the coronavirus rules of
13 March 2020 to 24 March 2022 (SSP from day one for absences because of coronavirus, Statutory
Sick Pay (General) (Coronavirus Amendment) Regulations 2020), which need the reason for absence.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import ROUND_FLOOR, Decimal

from guidance.calculators.common import (
    at_field,
    words,
    Result,
    gbp,
    CalculatorError,
    date_value,
    decimal,
    figure,
    figure_or_none,
    pence_up,
    plain,
    q,
    raise_all,
    round10,
)
from guidance.words import counted as words_counted
from guidance.kinds import Date, DayList, Field, KindError, Money, YesNo, weekday_numbers

#: Every figure from content/rates.yaml this calculator reads; `guidance content check` makes sure
#: each exists and is in force on the day checked.
RATES_USED = (
    "ssp_weekly_rate",
    "ssp_piw_minimum_days",
    "ssp_linking_weeks",
    "ssp_max_weeks",
    "ssp_earnings_threshold_weekly",
    "ssp_waiting_days",
)
#: Figures read only when in force (the rule they belong to started later); each must exist.
RATES_IF_IN_FORCE = (
    "ssp_earnings_percent",
)

DAY_NAMES = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
MAX_PIW_YEARS = 3  # SSCBA 1992 s.153: entitlement ends when a (linked) PIW has lasted 3 years


def _add_years(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February, or past the last year a date can have
        return dt.date(min(day.year + years, dt.MAXYEAR), 2, 28) if day.month == 2 else dt.date.max


@dataclass(frozen=True)
class SickPay(Result):
    """SSP due for a sickness: the total (pounds), the days, each week's payment, and the rules
    that applied to which days."""

    ssp_total: Decimal
    weekly_payments: list
    payable_days: int
    waiting_days: int
    qualifying_days: int
    days_paid_in_linked_period: int
    maximum_days: int
    maximum_reached: bool
    days_below_earnings_threshold: int
    daily_rates: list
    flat_rate_protected_from: dt.date | None
    rules_by_day: list
    entitled: bool
    working: tuple[str, ...]

    @classmethod
    def of(cls, values: dict) -> "SickPay":
        return cls(**{**values, "working": tuple(values["working"])})


def parse_work_days(value) -> frozenset[int]:
    """Weekdays worked, as Python weekday numbers (Monday 0), from "mon,tue,..." or a list
    (read as :class:`guidance.kinds.DayList`: a mapping or a number is an error)."""
    try:
        return weekday_numbers(DayList().parse(value))
    except KindError as exc:
        raise CalculatorError(f"work days: {exc}") from None


def _dates(start: dt.date, end: dt.date):
    day = start
    while day <= end:
        yield day
        day += dt.timedelta(days=1)


def daily_rate(weekly: Decimal, pattern_days: int) -> Decimal:
    """The weekly rate over the qualifying days, cut to 4 places (HMRC's unrounded daily rates)."""
    return q(q(weekly / pattern_days * 10000, 6).to_integral_value(rounding=ROUND_FLOOR) / 10000, 4)


def weekly_rate(rates, day: dt.date, awe: Decimal) -> Decimal:
    flat = figure(rates, "ssp_weekly_rate", day)
    share = figure_or_none(rates, "ssp_earnings_percent", day)
    if not share:  # no earnings rule on that day (before 6 April 2026)
        return flat
    return min(flat, awe * share / 100)


def earnings_rule_start(rates) -> dt.date | None:
    """The first day SSP is the lower of the flat rate or a share of earnings (6 April 2026), if any."""
    if "ssp_earnings_percent" not in rates:
        return None
    return next((p.start for p in rates.get("ssp_earnings_percent").periods if p.value > 0), None)


def relevant_limit(rates, piw_days: list[dt.date]) -> Decimal:
    """The earnings limit of the first day of the (linked) PIW, which holds for the whole series.

    HMRC SPM170100: SSP is paid only if average weekly earnings in the relevant period before the
    start of the PIW or series of linked PIWs reach the lower earnings limit; a new tax year's
    limit part-way through does not change that. The limit stops applying from 6 April 2026.
    """
    return figure(rates, "ssp_earnings_threshold_weekly", piw_days[0])


def flat_rate_protected_from(rates, period: list[dt.date], awe: Decimal, served_days: list[dt.date],
                             limit: Decimal | None = None):
    """The change day if this continuous absence keeps the flat rate over it (see the module docstring), else None.

    ``period`` is the absence's days in a PIW; ``served_days`` every waiting day served in the
    linked PIW. Protected when the PIW began before the change, runs into it, and on the day before
    the employee was entitled at the flat rate: waiting days all served, earnings not below the
    threshold.
    """
    change = earnings_rule_start(rates)
    if change is None or not period or not period[0] < change <= period[-1]:
        return None
    eve = change - dt.timedelta(days=1)
    if awe < (figure(rates, "ssp_earnings_threshold_weekly", eve) if limit is None else limit):
        return None
    if sum(1 for day in served_days if day < change) < figure(rates, "ssp_waiting_days", eve):
        return None
    return change


def _day_rate(rates, day: dt.date, awe: Decimal, protected_from: dt.date | None) -> Decimal:
    """The weekly rate for ``day``: the flat rate when protected, else the rule of the day."""
    if protected_from is not None and day >= protected_from:
        return figure(rates, "ssp_weekly_rate", day)
    return weekly_rate(rates, day, awe)


def _rule_of(change: dt.date | None, day: dt.date, protected_from) -> str:
    if protected_from is not None and day >= protected_from:
        return "flat rate kept (already getting SSP before the change)"
    if change is None or day < change:
        return "rules before 6 April 2026 (waiting days, earnings threshold, flat rate)"
    return "rules from 6 April 2026 (no waiting days or threshold; lower of flat rate or 80% of earnings)"


def _rule_spans(rates, days: list[dt.date], protected_from) -> list[list]:
    """[first day, last day, rule] for each run of qualifying days under one rule."""
    change = earnings_rule_start(rates)
    spans: list[list] = []
    for day in days:
        rule = _rule_of(change, day, protected_from)
        if spans and spans[-1][2] == rule:
            spans[-1][1] = day
        else:
            spans.append([day, day, rule])
    return spans


def rules_applied(rates, days, waiting, below, payable, protected_from, awe, linked: bool) -> list[str]:
    """Working lines saying which rule applied to which qualifying days."""
    lines = []
    payable, waiting, below = set(payable), set(waiting), set(below)
    for first, last, rule in _rule_spans(rates, days, protected_from):
        span = [d for d in days if first <= d <= last]
        paid = sum(1 for d in span if d in payable)
        unpaid = sum(1 for d in span if d in waiting)
        low = sum(1 for d in span if d in below)
        lines.append(
            f"{words(first)} to {words(last)}: {rule}; {words_counted(len(span), 'qualifying day')}, {paid} paid, "
            f"{unpaid} waiting, {low} below the earnings threshold."
        )
    if protected_from is not None:
        flat = figure(rates, "ssp_weekly_rate", protected_from)
        share = figure(rates, "ssp_earnings_percent", protected_from)
        lines.append(
            f"Already entitled to SSP at the flat rate on {words((protected_from - dt.timedelta(days=1)))}, so "
            f"this continuous absence keeps the flat rate ({gbp(flat)} a week from {words(protected_from)}) "
            f"instead of {plain(share)}% of average weekly earnings ({gbp(q(awe * share / 100, 2))})."
        )
    if linked:
        lines.append(
            "Linked periods: the average weekly earnings are those of the first period in the linked series."
        )
    return lines


def _period_days(rates, start: dt.date, end: dt.date) -> list[dt.date]:
    """The days of the spell ``start``..``end`` that are in a PIW under the rule in force on each day.

    The spell's whole length (counting days not normally worked) is set against the minimum in
    force on each of its days, so the 4-day rule governs days before 6 April 2026 and the 1-day
    rule days from then on (see the module docstring).
    """
    length = (end - start).days + 1
    return [day for day in _dates(start, end) if length >= figure(rates, "ssp_piw_minimum_days", day)]


def _too_short(rates, start: dt.date, end: dt.date) -> str:
    minimum = int(figure(rates, "ssp_piw_minimum_days", start))
    days = (end - start).days + 1
    return (
        f"{words(start)} to {words(end)} ({days} day{'s' if days != 1 else ''}) is under {minimum} days "
        f"in a row (counting days not normally worked), the rule in force on {words(start)}"
    )


def _linked(rates, sick_start, period_start, linked_start, linked_end):
    """The earlier PIW's days, judged by the rules in force on its own days, not on this sickness's."""
    if linked_start in (None, "") and linked_end in (None, ""):
        return None
    if linked_start in (None, "") or linked_end in (None, ""):
        raise at_field(FIELDS, "linked_end" if linked_end in (None, "") else "linked_start",
                       "needed too: an earlier linked sickness needs both its first day and its last day")
    first = date_value(linked_start, "linked start")
    last = date_value(linked_end, "linked end")
    if last < first:
        raise at_field(FIELDS, "linked_end", f"{words(last)} is before the first day of the earlier sickness ({words(first)})")
    if (sick_start - last).days - 1 < 1:
        raise at_field(FIELDS, "linked_end",
                       f"{words(last)} leaves no day between it and this sickness, which began {words(sick_start)}: "
                       "if it ran on, give one period")
    days = _period_days(rates, first, last)
    if not days:
        raise at_field(FIELDS, "linked_start",
                       f"{_too_short(rates, first, last)}, so it was not a period of incapacity for work and cannot link")
    gap = (period_start - last).days - 1
    weeks = int(figure(rates, "ssp_linking_weeks", period_start))
    if gap > weeks * 7:
        raise at_field(
            FIELDS, "linked_end",
            f"the earlier sickness ended {words_counted(gap, 'day')} before this one: periods more than {weeks} weeks apart do not link"
        )
    return days


def _input_problems(start: dt.date, end: dt.date, awe) -> list[CalculatorError]:
    """Every problem with the inputs at once, each at its field: the earnings, and the last day
    off sick against the first."""
    problems = []
    if awe < 0:
        problems.append(CalculatorError(f"average weekly earnings cannot be negative (got {awe})", "average_weekly_earnings"))
    if end < start:
        problems.append(CalculatorError(
            f"Last day off sick: {words(end)} is before the first day off sick ({words(start)})", "sick_end"))
    elif end > _add_years(start, MAX_PIW_YEARS) or end.year >= dt.MAXYEAR:
        problems.append(CalculatorError(
            f"Last day off sick: {words(end)} is more than {MAX_PIW_YEARS} years after {words(start)}; SSP is never "
            f"due once a period of incapacity has lasted {MAX_PIW_YEARS} years (SSCBA 1992 s.153): check the dates",
            "sick_end"))
    return problems


def statutory_sick_pay(
    *,
    sick_start,
    sick_end,
    work_days,
    average_weekly_earnings,
    rates,
    on: dt.date | None = None,
    linked_start=None,
    linked_end=None,
    still_off=False,
) -> SickPay:
    """SSP due for ``sick_start``..``sick_end`` (the ``on`` date is not needed: each day has its figures).
    ``still_off``: the PA has not come back, so ``sick_end`` is only the day it is worked out to
    and the working says so ("Sick since 23 November 2026, still off; worked out to ...")."""
    start = date_value(sick_start, "sick start")
    end = date_value(sick_end, "sick end")
    pattern = parse_work_days(work_days)
    awe = decimal(average_weekly_earnings, "average weekly earnings")
    raise_all(_input_problems(start, end, awe))
    period = _period_days(rates, start, end)
    linked_period = _linked(rates, start, period[0] if period else start, linked_start, linked_end)
    if not period:
        return _not_a_piw(rates, start, end, bool(still_off))
    linked = (linked_period[0], linked_period[-1]) if linked_period else None
    working: list[str] = []
    if period[0] != start:
        working.append(
            f"{_too_short(rates, start, end)}: the days before {words(period[0])} were not a period of "
            f"incapacity for work; from {words(period[0])} one day is enough, so SSP is worked out from then."
        )
    pattern_days = len(pattern)
    max_days = int(round10(figure(rates, "ssp_max_weeks", start) * pattern_days))
    linked_days = [d for d in linked_period if d.weekday() in pattern] if linked_period else []
    current_days = [d for d in period if d.weekday() in pattern]
    served = paid_before = 0
    waiting, payable, below_threshold = [], [], []
    served_days = []
    limit = relevant_limit(rates, linked_period or period)
    for index, day in enumerate(linked_days + current_days):
        in_current = index >= len(linked_days)
        if figure(rates, "ssp_earnings_threshold_weekly", day) > 0 and awe < limit:
            if in_current:
                below_threshold.append(day)
            continue
        if served < figure(rates, "ssp_waiting_days", day):
            served += 1
            served_days.append(day)
            if in_current:
                waiting.append(day)
            continue
        if paid_before + len(payable) >= max_days:
            continue
        if in_current:
            payable.append(day)
        else:
            paid_before += 1
    protected_from = flat_rate_protected_from(rates, period, awe, served_days, limit)
    rates_by_day = {day: daily_rate(_day_rate(rates, day, awe, protected_from), pattern_days) for day in payable}
    weeks = _weekly_payments(start, end, rates_by_day)
    total = pence_up(sum((amount for _, amount in weeks), Decimal(0)))
    working.append(f"{sick_days(start, end, bool(still_off))}; {words_counted(pattern_days, 'qualifying day')} a week.")
    working.extend(_explain(start, end, pattern_days, linked, linked_days, paid_before, waiting, payable,
                            below_threshold, max_days, rates_by_day, weeks, total, awe, rates, protected_from, limit))
    working.extend(rules_applied(rates, current_days, waiting, below_threshold, payable, protected_from, awe,
                                 linked is not None))
    return SickPay.of({
        "ssp_total": total,
        "weekly_payments": [[saturday, amount] for saturday, amount in weeks],
        "payable_days": len(payable),
        "waiting_days": len(waiting),
        "qualifying_days": len(current_days),
        "days_paid_in_linked_period": paid_before,
        "maximum_days": max_days,
        "maximum_reached": paid_before + len(payable) >= max_days,
        "days_below_earnings_threshold": len(below_threshold),
        "daily_rates": _rate_changes(rates_by_day),
        "flat_rate_protected_from": protected_from,
        "rules_by_day": _rule_spans(rates, current_days, protected_from),
        "entitled": total > 0,
        "working": working,
    })


def _weekly_payments(start: dt.date, end: dt.date, rates_by_day: dict) -> list[tuple[dt.date, Decimal]]:
    """Weeks ending on Saturdays from the first day of sickness to the Saturday on or after the last."""
    first_saturday = start + dt.timedelta(days=(5 - start.weekday()) % 7)
    last_saturday = end + dt.timedelta(days=(5 - end.weekday()) % 7)
    weeks = []
    saturday = first_saturday
    while saturday <= last_saturday:
        week = [rates_by_day[d] for d in _dates(saturday - dt.timedelta(days=6), saturday) if d in rates_by_day]
        weeks.append((saturday, pence_up(sum(week, Decimal(0)))))
        saturday += dt.timedelta(days=7)
    while weeks and weeks[-1][1] == 0:
        weeks.pop()
    return weeks


def _rate_changes(rates_by_day: dict) -> list[list]:
    """[first day, daily rate] each time the daily rate changes (a new tax year, the 2026 change)."""
    changes, last = [], None
    for day in sorted(rates_by_day):
        if rates_by_day[day] != last:
            last = rates_by_day[day]
            changes.append([day, last])
    return changes


def sick_days(start: dt.date, end: dt.date, still_off: bool = False) -> str:
    """The days of sickness worked out, in words: "Sick 23 November 2026 to 3 December 2026", or
    for a PA not yet back "Sick since 23 November 2026, still off; worked out to 3 December 2026"
    (never a last day off that is only the day the sum was done)."""
    if still_off:
        return f"Sick since {words(start)}, still off; worked out to {words(end)}"
    return f"Sick {words(start)} to {words(end)}"


def _not_a_piw(rates, start, end, still_off: bool = False) -> SickPay:
    return SickPay.of({
        "ssp_total": Decimal("0.00"),
        "weekly_payments": [],
        "payable_days": 0,
        "waiting_days": 0,
        "qualifying_days": 0,
        "days_paid_in_linked_period": 0,
        "maximum_days": 0,
        "maximum_reached": False,
        "days_below_earnings_threshold": 0,
        "daily_rates": [],
        "flat_rate_protected_from": None,
        "rules_by_day": [],
        "entitled": False,
        "working": ([f"{sick_days(start, end, True)}."] if still_off else []) + [
            f"Off sick {_too_short(rates, start, end)}, so it is not a period of incapacity for work and no SSP "
            "is due" + (" yet." if still_off else ".")
        ],
    })


def _explain(start, end, pattern_days, linked, linked_days, paid_before, waiting, payable, below, max_days,
             rates_by_day, weeks, total, awe, rates, protected_from=None, limit=None) -> list[str]:
    lines = []
    if linked:
        lines.append(
            f"Linked to {words(linked[0])} to {words(linked[1])}: {len(linked_days)} qualifying days, "
            f"{paid_before} of them already paid."
        )
    if below:
        threshold = figure(rates, "ssp_earnings_threshold_weekly", below[0]) if limit is None else limit
        lines.append(
            f"Average weekly earnings of {gbp(awe)} are below the {gbp(threshold)} needed before 6 April 2026 (the "
            f"limit when the period of incapacity began): {words_counted(len(below), 'day')} not paid."
        )
    if waiting:
        lines.append(f"Waiting days (unpaid): {', '.join(words(d) for d in waiting)}.")
    lines.append(f"Payable days: {len(payable)} (at most {max_days} in one linked period, 28 weeks).")
    for rate in sorted(set(rates_by_day.values())):
        days = [d for d, r in rates_by_day.items() if r == rate]
        weekly = _day_rate(rates, min(days), awe, protected_from)
        lines.append(
            f"Daily rate {gbp(rate)} (weekly {gbp(q(weekly, 2))} / {pattern_days}, cut to 4 places) for {words_counted(len(days), 'day')} "
            f"from {words(min(days))}."
        )
    for saturday, amount in weeks:
        lines.append(f"Week ending {words(saturday)}: {gbp(amount)}")
    lines.append(f"Total SSP: {gbp(total)}")
    return lines


FIELDS = (
    Field("sick_start", "First day off sick", Date(), required=True),
    Field("sick_end", "Last day off sick", Date(), required=True),
    Field("work_days", "Days they normally work", DayList(), help="days normally worked, e.g. mon,tue,wed", required=True),
    Field("average_weekly_earnings", "Average weekly pay", Money(), unit="pounds", required=True, example="250.00"),
    Field("linked_start", "Earlier linked sickness: first day", Date(), help="an earlier sickness within 8 weeks"),
    Field("linked_end", "Earlier linked sickness: last day", Date()),
    Field("still_off", "Still off sick", YesNo(),
          help="they have not come back yet: the last day off sick is then only the day it is worked out to"),
)
