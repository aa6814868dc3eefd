"""Payments due under a plan: the council's payments and the person's contribution.

Each payment line is paid every 1, 2 or 4 weeks or every month from its ``from`` date (the first
payment is on that date) until the next line takes over or the audit ends. A payment is for the
cycle from its date to the day before the next; a cycle that overlaps a suspension is due less,
pro rata by day (days not suspended / days in the cycle), rounded to the penny.

The weekly equivalent of the council payment in force at the end of the audit sets the
contingency: ``contingency_weeks`` × weekly amount (a month is 12/52 of a year's weeks).
"""

from __future__ import annotations

import calendar
import datetime as dt
from typing import NamedTuple
from decimal import Decimal

from guidance.accounts.money import pence
from guidance.accounts.plan import Payment, Plan, Suspension

_record = tuple.__new__  # _record(Due, fields): a record made in one step
WEEKS = {"1 week": 1, "2 weeks": 2, "4 weeks": 4}
MAX_CYCLE_DAYS = 31  # the longest cycle a payment line has: a month


class Due(NamedTuple):
    """One payment due: ``date``, ``amount`` due (after any suspension), ``full`` amount of the
    line, the cycle's ``days`` and how many were ``suspended``; ``match`` words if the plan gives
    them. A named tuple, as ``Transaction`` is."""

    kind: str  # council or contribution
    date: dt.date
    amount: Decimal
    full: Decimal
    days: int
    suspended: int
    match: str | None

    @property
    def cycle_end(self) -> dt.date:
        return self.date + dt.timedelta(days=self.days - 1)


def add_months(start: dt.date, months: int) -> dt.date:
    """``start`` plus whole months, keeping its day (31 Jan + 1 month = 28 or 29 Feb)."""
    index = start.month - 1 + months
    year, month = start.year + index // 12, index % 12 + 1
    return dt.date(year, month, min(start.day, calendar.monthrange(year, month)[1]))


def payment_dates(line: Payment, until: dt.date) -> list[tuple[dt.date, dt.date]]:
    """Each payment date of ``line`` from its start up to and including ``until``, with the date
    of the payment after it."""
    out = []
    if line.every == "1 month":
        number, date = 0, line.start
        while date <= until:
            following = add_months(line.start, number + 1)
            out.append((date, following))
            number, date = number + 1, following
        return out
    step, date = dt.timedelta(weeks=WEEKS[line.every]), line.start
    while date <= until:
        following = date + step
        out.append((date, following))
        date = following
    return out


def suspended_days(start: dt.date, end: dt.date, suspensions: list[Suspension]) -> int:
    """Days from ``start`` to ``end`` (both included) inside any suspension (counted once)."""
    spans = sorted((max(start, s.start), min(end, s.end)) for s in suspensions if s.start <= end and s.end >= start)
    if not spans:
        return 0
    total, reached = 0, None
    for first, last in spans:
        if reached is not None and first <= reached:
            first = reached + dt.timedelta(days=1)  # overlapping suspensions count each day once
        if last >= first:
            total += (last - first).days + 1
            reached = last if reached is None else max(reached, last)
    return total


DUES_KEPT = 1024  # schedules whose payments due are kept (see ``dues``)
_DUES: dict[tuple, tuple[Due, ...]] = {}


def dues(lines: list[Payment], plan: Plan, kind: str, later: int = 0) -> tuple[Due, ...]:
    """Every payment due in the audit period from ``lines`` (council_payments or contribution);
    with ``later`` (days), instead every payment due on the ``later`` days after the period ends
    (a payment that may come in early, inside the period: for matching credits only, as it is
    not due in the period).

    Plans with the same period, suspensions and payment lines (a batch of audits over one
    period at the council's rates) have the same payments due: they are worked out once and
    kept (up to DUES_KEPT schedules; the key holds everything the result depends on)."""
    key = (kind, plan.period.start, plan.period.end, later, tuple((s.start, s.end) for s in plan.suspensions),
           tuple((line.start, str(line.amount), line.every, line.match) for line in lines))
    found = _DUES.get(key)
    if found is None:
        if len(_DUES) >= DUES_KEPT:
            _DUES.clear()
        if later:
            after = plan.period.end + dt.timedelta(days=1)
            found = tuple(_dues(lines, plan, kind, after, plan.period.end + dt.timedelta(days=later)))
        else:
            found = _dues(lines, plan, kind, plan.period.start, plan.period.end)
        _DUES[key] = found
    return found


def _dues(lines: list[Payment], plan: Plan, kind: str, first: dt.date, end: dt.date) -> tuple[Due, ...]:
    """``dues`` worked out: the payments due from ``first`` to ``end`` (both included)."""
    out = []
    one = dt.timedelta(days=1)
    spans = [(s.start, s.end) for s in plan.suspensions]
    for index, line in enumerate(lines):
        stop = lines[index + 1].start - one if index + 1 < len(lines) else end
        full, whole, match = line.amount, pence(line.amount), line.match
        for date, following in payment_dates(line, min(stop, end)):
            if date < first:
                continue
            days, last = (following - date).days, following - one
            off = 0
            for a, b in spans:
                if a <= last and b >= date:
                    off = suspended_days(date, last, plan.suspensions)
                    break
            out.append(_record(Due, (kind, date, pence(full * (days - off) / days) if off else whole, full, days, off, match)))
    return tuple(out)


def weekly(line: Payment) -> Decimal:
    """The weekly equivalent of a payment line (not rounded)."""
    if line.every == "1 month":
        return line.amount * 12 / 52
    return line.amount / WEEKS[line.every]


def line_in_force(lines: list[Payment], on: dt.date) -> Payment | None:
    current = None
    for line in lines:
        if line.start <= on:
            current = line
    return current


def contingency(plan: Plan) -> Decimal:
    """``contingency_weeks`` × the weekly equivalent of the council payment in force at the end
    of the audit, to the penny."""
    line = line_in_force(plan.council_payments, plan.period.end) or plan.council_payments[0]
    return pence(plan.contingency_weeks * weekly(line))
