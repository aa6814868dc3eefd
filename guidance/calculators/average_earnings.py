"""Average weekly earnings from paydays and gross amounts: for SSP, for SMP/SPP/SAP, and a week's pay for holiday.

SSP (``purpose="ssp"``): Statutory Sick Pay (General) Regulations 1982 reg 19 and SSCBA 1992
s.163(2); HMRC Statutory Payments Manual SPM170200-SPM170400. The relevant period ends with the
last normal payday *before* the first day of the period of incapacity for work (for linked
periods, the first day of the first one) and begins the day after the last normal payday falling
at least 8 weeks before that one. All gross earnings paid in it count.

SMP, SPP, SAP (``purpose="family"``): Statutory Maternity Pay (General) Regulations 1986 reg 21
(and the Statutory Paternity and Adoption Pay (General) Regulations 2002 reg 40); HMRC SPM171100.
The same, but the period ends with the last normal payday *on or before* the Saturday of the
qualifying week: the 15th week (Sunday to Saturday) before the expected week of childbirth, or
for adoption the matching week (give its Saturday as ``qualifying_week_end``). If the baby was
born before or during the qualifying week, the period ends with the last payday on or before the
Saturday of the week before the birth (HMRC SPM171100): give that Saturday as
``qualifying_week_end``.

The average (HMRC SPM170300, SPM170400; never rounded before it is compared with a limit):
weekly and multiples of a week, the total over the number of weeks in the period; monthly, the
total over the number of calendar months in it (odd days rounded: February 14 or fewer down, other
months 15 or fewer down), times 12, over 52; irregular, the total over the days in the period,
times 7. Someone paid for less than 8 weeks: the period starts with the first day of employment
(``employment_start``) and the days rule applies.

Week's pay for holiday (``purpose="holiday"``): Employment Rights Act 1996 ss.221-224 as amended
from 6 April 2020 by the Employment Rights (Employment Particulars and Paid Annual Leave)
(Amendment) Regulations 2018, applied by Working Time Regulations 1998 reg 16. For pay that varies,
the average over the 52 weeks with pay ending with the last complete week before the first day of
leave (or with that week if leave starts the day after it ends); weeks with no pay are skipped
and earlier weeks used instead, going back no more than 104 weeks; with fewer weeks, the weeks
there are. Each entry is a week's end date and the pay for that week. Weeks in which the worker
was paid only Statutory Sick Pay or statutory family leave pay (``skip_weeks``) are skipped the
same way (GOV.UK, "Calculating holiday pay for workers without fixed hours or pay", and Acas).

Payments are text, ``"2026-01-30=1000; 2026-02-27=1000"`` (also newlines, or commas before a
date), or a list of ``[date, amount]`` pairs. List every normal payday, with 0 where nothing was
paid: the dates fix the relevant period.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass
from decimal import Decimal

from guidance.calculators.common import (
    at_field,
    words,
    NeededWhen,
    Result,
    CalculatorError,
    add_months,
    date_value,
    figure_or_none,
    floor_to,
    gbp,
    gbp_exact,
    pence,
    q,
    quantity,
    worked_money,
)
from guidance.kinds import Choice, Date, DatedAmounts, DateList, Field, KindError
from guidance.words import counted as words_counted

PURPOSES = ("ssp", "family", "holiday")
FREQUENCIES = ("weekly", "fortnightly", "four-weekly", "monthly", "irregular")
RELEVANT_PERIOD_DAYS = 56  # "at least 8 weeks earlier" (reg 19(3)(b); reg 21(3)(b))
HOLIDAY_WEEKS, HOLIDAY_LOOKBACK_WEEKS = 52, 104  # ERA 1996 s.224(2)-(3), as amended from 6 April 2020


@dataclass(frozen=True)
class AverageEarnings(Result):
    """Average weekly earnings (pounds) with the period it was worked out over; for SSP and family
    pay, the earnings limit it was compared with (unrounded). Fields that do not apply are None and
    are left out of ``as_dict()``."""

    purpose: str
    average_weekly_earnings: Decimal
    average_weekly_earnings_unrounded: Decimal
    total_earnings: Decimal
    working: tuple[str, ...]
    frequency: str | None = None
    relevant_period_start: dt.date | None = None
    relevant_period_end: dt.date | None = None
    payments_counted: list | None = None
    divisor: str | None = None
    earnings_limit: Decimal | None = None
    at_or_above_limit: bool | None = None
    reference_period_start: dt.date | None = None
    reference_period_end: dt.date | None = None
    weeks_counted: int | None = None
    weeks_without_pay_skipped: int | None = None

    def as_dict(self) -> dict:
        data = super().as_dict()
        keep = {"frequency", "earnings_limit", "at_or_above_limit"} if self.purpose != "holiday" else set()
        return {k: v for k, v in data.items() if v is not None or k in keep}

    @classmethod
    def of(cls, values: dict) -> "AverageEarnings":
        return cls(**{**values, "working": tuple(values["working"])})


def parse_payments(value, name: str = "payments") -> list[tuple[dt.date, Decimal]]:
    """[(date, gross amount)] sorted by date, from text or pairs (read as
    :class:`guidance.kinds.DatedAmounts`); each bad item is named."""
    try:
        return list(DatedAmounts().parse(value))
    except KindError as exc:
        raise CalculatorError(f"{name}: {exc}") from None


def qualifying_week_end(due_date: dt.date) -> dt.date:
    """The Saturday ending the 15th week (Sunday-Saturday) before the expected week of childbirth."""
    week_start = due_date - dt.timedelta(days=(due_date.weekday() + 1) % 7)
    return week_start - dt.timedelta(weeks=15) + dt.timedelta(days=6)


def whole_months(first: dt.date, last: dt.date) -> tuple[int, int, int]:
    """(rounded months, whole months, odd days) in ``first``..``last`` (HMRC SPM170400)."""
    months = 0
    while _month_end(first, months + 1) <= last:
        months += 1
    odd = (last - _month_end(first, months)).days if months else (last - first).days + 1
    odd_start = _month_end(first, months) + dt.timedelta(days=1) if months else first
    limit = 14 if odd_start.month == 2 else 15
    return months + (1 if odd > limit else 0), months, odd


def _month_end(first: dt.date, months: int) -> dt.date:
    """The last day of ``months`` calendar months beginning with ``first``."""
    if months == 0:
        return first - dt.timedelta(days=1)
    later = add_months(first, months)
    if later.day < first.day:  # no such day that month (31 January + 1 month): the month's end
        return dt.date(later.year, later.month, calendar.monthrange(later.year, later.month)[1])
    return later - dt.timedelta(days=1)


def average_weekly_earnings(
    *,
    rates,
    on: dt.date | None = None,
    payments,
    purpose: str = "ssp",
    frequency: str | None = None,
    sick_start=None,
    due_date=None,
    qualifying_week_end=None,
    holiday_start=None,
    employment_start=None,
    skip_weeks=None,
) -> AverageEarnings:
    """Average weekly earnings for ``purpose`` (ssp, family or holiday); amounts in £, Decimal.

    Returns the relevant (or reference) period, the payments counted, the total, the divisor, the
    average to the penny and unrounded, and for ssp/family the earnings limit it is compared with.
    Raises CalculatorError for a missing or impossible input, naming the field.
    """
    if purpose not in PURPOSES:
        raise CalculatorError(f"purpose: '{purpose}' is not one of {', '.join(PURPOSES)}")
    paid = parse_payments(payments)
    if purpose == "holiday":
        if holiday_start in (None, ""):
            raise at_field(FIELDS, "holiday_start", _needed("holiday_start", purpose) + ": give the first day of the leave (the calculation date)")
        return _holiday_pay(paid, date_value(holiday_start, "holiday start"), _skip_weeks(skip_weeks, paid))
    if frequency in (None, ""):
        raise at_field(FIELDS, "frequency", _needed("frequency", purpose) + ": give how often the PA is paid")
    if frequency not in FREQUENCIES:
        raise CalculatorError(f"frequency: '{frequency}' is not one of {', '.join(FREQUENCIES)}")
    reference, working = _reference_day(purpose, sick_start, due_date, qualifying_week_end)
    return _statutory_average(rates, purpose, frequency, paid, reference, employment_start, working)


def _reference_day(purpose, sick_start, due_date, week_end) -> tuple[dt.date, list[str]]:
    """The last day a payday can fall on to end the relevant period, and the working so far."""
    if purpose == "ssp":
        if sick_start in (None, ""):
            raise at_field(FIELDS, "sick_start", _needed("sick_start", purpose)
                           + ": give the first day of sickness (of the first linked period, if linked)")
        start = date_value(sick_start, "sick start")
        return start - dt.timedelta(days=1), [
            f"SSP: the relevant period ends with the last normal payday before {words(start)}, the first day of "
            "sickness (for linked periods, of the first one) (SSP (General) Regulations 1982 reg 19)."
        ]
    if week_end not in (None, ""):
        saturday = date_value(week_end, "qualifying week end")
        if saturday.weekday() != 5:
            raise at_field(FIELDS, "qualifying_week_end", f"{words(saturday)} is not a Saturday")
        lines = []
    elif due_date not in (None, ""):
        due = date_value(due_date, "due date")
        saturday = qualifying_week_end(due)
        lines = [f"Baby due {words(due)}: the qualifying week (15th week before the week it is due) ends "
                 f"{words(saturday)}."]
    else:
        raise at_field(FIELDS, "due_date", _needed("due_date", purpose)
                       + ": give the date the baby is due, or the qualifying (matching) week's Saturday")
    lines.append(
        f"SMP/SPP/SAP: the relevant period ends with the last normal payday on or before {words(saturday)} "
        "(Statutory Maternity Pay (General) Regulations 1986 reg 21)."
    )
    return saturday, lines


def _statutory_average(rates, purpose, frequency, paid, reference, employment_start, working) -> AverageEarnings:
    before = [day for day, _ in paid if day <= reference]
    if not before:
        raise at_field(
            FIELDS, "payments", f"no payday on or before {words(reference)}; someone not yet paid has average weekly "
            "earnings worked out from what they were due (ask HMRC or use GOV.UK's calculator)"
        )
    last = before[-1]
    earlier = [day for day in before if day <= last - dt.timedelta(days=RELEVANT_PERIOD_DAYS)]
    if earlier:
        first = earlier[-1] + dt.timedelta(days=1)
        working.append(f"Last payday {words(last)}; the last payday at least 8 weeks before it was "
                        f"{words(earlier[-1])}, so the relevant period is {words(first)} to {words(last)}.")
        rule = frequency
    else:
        if employment_start in (None, ""):
            raise at_field(
                FIELDS, "employment_start", f"no payday listed 8 weeks or more before {words(last)}; if the PA started "
                "less than 8 weeks before, give the first day of employment (otherwise list the earlier paydays)"
            )
        first = date_value(employment_start, "employment start")
        if first > last:
            raise at_field(FIELDS, "employment_start", f"{words(first)} is after the last payday {words(last)}")
        working.append(f"Paid for less than 8 weeks: the relevant period runs from the start of employment, "
                       f"{words(first)}, to the last payday, {words(last)}; averaged by days.")
        rule = "irregular"
    counted = [(day, amount) for day, amount in paid if first <= day <= last]
    total = sum((amount for _, amount in counted), Decimal(0))
    days = (last - first).days + 1
    average, divisor = _divide(rule, total, first, last, days, working)
    if purpose == "family":
        average = floor_to(average, 7)  # HMRC-agreed: cut at 7 places (GOV.UK's maternity calculator)
    result = {
        "purpose": purpose,
        "frequency": frequency,
        "relevant_period_start": first,
        "relevant_period_end": last,
        "payments_counted": [[day, amount] for day, amount in counted],
        "total_earnings": pence(total),
        "divisor": divisor,
        "average_weekly_earnings": pence(average),
        "average_weekly_earnings_unrounded": q(average, 10),
    }
    working.append(f"Average weekly earnings: {gbp(pence(average))} (unrounded {q(average, 6)}).")
    result.update(_limit(rates, purpose, reference, average, working))
    result["working"] = working
    return AverageEarnings.of(result)


def _divide(rule, total, first, last, days, working) -> tuple[Decimal, str]:
    if rule == "monthly":
        months, whole, odd = whole_months(first, last)
        if months == 0:
            raise at_field(FIELDS, "payments", "the relevant period is under half a month; check the paydays")
        note = f" ({whole} whole and {words_counted(odd, 'odd day')}, rounded)" if odd else ""
        working.append(f"Monthly pay: {gbp(total)} / {quantity(months, 'month')}{note} x 12 / 52 (HMRC SPM170300).")
        return total / months * 12 / 52, quantity(months, "month")
    if rule in ("weekly", "fortnightly", "four-weekly") and days % 7 == 0:
        weeks = days // 7
        working.append(f"Paid {rule}: {gbp(total)} / {words_counted(weeks, 'week')} in the relevant period.")
        return total / weeks, words_counted(weeks, "week")
    if rule != "irregular":
        working.append(f"The relevant period is {words_counted(days, 'day')}, not whole weeks (a moved payday?): averaged by days.")
    working.append(f"{gbp(total)} / {words_counted(days, 'day')} x 7.")
    return total / days * 7, words_counted(days, "day")


#: Figures read only when on record for the day (the SSP limit went from 6 April 2026); each
#: must exist, so a deleted one is named by `guidance content check` rather than silently skipped.
RATES_USED: tuple[str, ...] = ()
RATES_IF_IN_FORCE = (
    "ssp_earnings_threshold_weekly",
    "family_pay_earnings_threshold_weekly",
)


def _limit(rates, purpose, reference, average, working) -> dict:
    key = "ssp_earnings_threshold_weekly" if purpose == "ssp" else "family_pay_earnings_threshold_weekly"
    day = reference + dt.timedelta(days=1) if purpose == "ssp" else reference
    limit = figure_or_none(rates, key, day)
    if limit is None:
        working.append(f"No earnings limit on record for {words(day)}: compare it with the limit yourself.")
        return {"earnings_limit": None, "at_or_above_limit": None}
    if limit == 0:
        working.append(f"No earnings limit for SSP on {words(day)} (removed from 6 April 2026).")
        return {"earnings_limit": None, "at_or_above_limit": None}
    meets = average >= limit
    working.append(f"Earnings limit {gbp(limit)}: the unrounded average is {'at or above' if meets else 'below'} it.")
    return {"earnings_limit": limit, "at_or_above_limit": meets}


def _skip_weeks(value, paid) -> set[dt.date]:
    """Week end dates paid only SSP or statutory leave pay; each must be one of the weeks given."""
    if value in (None, ""):
        return set()
    items = [i for i in re.split(r"[;,\n]", value) if i.strip()] if isinstance(value, str) else list(value)
    weeks = {day for day, _ in paid}
    days = set()
    for number, item in enumerate(items, start=1):
        day = date_value(item, f"skip weeks item {number}")
        if day not in weeks:
            raise at_field(FIELDS, "skip_weeks", f"item {number} ({words(day)}) is not one of the weeks in the paydays")
        days.add(day)
    return days


def _holiday_pay(paid, start: dt.date, skip: set[dt.date] = frozenset()) -> AverageEarnings:
    """A week's pay for holiday: ERA 1996 s.224 (52 weeks with pay, up to 104 weeks back)."""
    oldest = start - dt.timedelta(weeks=HOLIDAY_LOOKBACK_WEEKS)
    in_range = [(day, amount) for day, amount in paid if oldest < day <= start]
    with_pay = [(day, amount) for day, amount in in_range if amount > 0 and day not in skip]
    counted = with_pay[-HOLIDAY_WEEKS:]
    if not counted:
        raise at_field(
            FIELDS, "payments", f"no week with pay ending on or before {words(start)} in the {HOLIDAY_LOOKBACK_WEEKS} weeks before"
        )
    total = sum((amount for _, amount in counted), Decimal(0))
    average = total / len(counted)
    skipped = [day for day, amount in in_range if (amount == 0 or day in skip) and day >= counted[0][0]]
    working = [
        f"Leave starts {words(start)}: weeks ending on or before it, back no further than {words(oldest)} "
        f"({HOLIDAY_LOOKBACK_WEEKS} weeks) (Employment Rights Act 1996 s.224, from 6 April 2020).",
        f"{words_counted(len(counted), 'week')} with pay counted, {words(counted[0][0])} to {words(counted[-1][0])}; "
        f"{words_counted(len(skipped), 'week')} without pay, or with only SSP or statutory leave pay, skipped.",
    ]
    if len(counted) < HOLIDAY_WEEKS:
        working.append(f"Fewer than {HOLIDAY_WEEKS} weeks with pay: the average is over the {len(counted)} there are.")
    working.append(f"A week's pay: {gbp_exact(total)} / {len(counted)} = {worked_money(average)}.")
    return AverageEarnings.of({
        "purpose": "holiday",
        "reference_period_start": counted[0][0],
        "reference_period_end": counted[-1][0],
        "weeks_counted": len(counted),
        "weeks_without_pay_skipped": len(skipped),
        "total_earnings": pence(total),
        "average_weekly_earnings": pence(average),
        "average_weekly_earnings_unrounded": q(average, 10),
        "working": working,
    })


def _needed(name: str, purpose: str) -> str:
    """Why the input ``name`` left out is needed: "needed when What the average is for is 'ssp'"."""
    return NEEDED_WHEN[name].words(FIELDS, purpose)


#: Each input not always needed, and when it is (see :class:`NeededWhen`).
NEEDED_WHEN = {
    "frequency": NeededWhen("purpose", ("ssp", "family")),
    "sick_start": NeededWhen("purpose", ("ssp",)),
    "due_date": NeededWhen("purpose", ("family",), ", unless the Saturday of the matching week is given"),
    "qualifying_week_end": NeededWhen("purpose", ("family",), ", unless the date the baby is due is given"),
    "holiday_start": NeededWhen("purpose", ("holiday",)),
}

FIELDS = (
    Field("purpose", "What the average is for", Choice(PURPOSES), default="ssp",
          help="ssp, family (SMP/SPP/SAP) or holiday (a week's pay)"),
    Field("frequency", "How often the PA is paid", Choice(FREQUENCIES)),
    Field("payments", "Paydays and gross pay", DatedAmounts(), required=True,
          help="every payday and its gross pay, e.g. '2026-01-30=1000; 2026-02-27=1000' (0 where nothing was "
               "paid); for holiday, each week's end date and that week's pay"),
    Field("sick_start", "First day off sick", Date(), help="SSP: first day of sickness (of the first linked period)"),
    Field("due_date", "Date the baby is due", Date(), help="SMP/SPP: the date the baby is due"),
    Field("qualifying_week_end", "Saturday of the matching week", Date(), help="SAP: the Saturday of the matching week",
          example="14/03/2026 or 14 March 2026"),
    Field("holiday_start", "First day of the leave", Date(), help="holiday: the first day of the leave"),
    Field("employment_start", "First day of employment", Date(), help="if paid for less than 8 weeks"),
    Field("skip_weeks", "Weeks paid only SSP or statutory leave pay", DateList(),
          help="holiday: the end dates of weeks in the payments that were paid only SSP or statutory leave pay"),
)
