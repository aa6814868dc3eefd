"""The last day to bring an employment tribunal claim, and the day an ET3 response is due.

Rule: the claim must be presented within 3 months "beginning with" the act complained of or the
effective date of termination (Employment Rights Act 1996 s.111; Equality Act 2010 s.123), 6 months
for statutory redundancy pay (ERA s.164) and equal pay (EqA s.129, from the end of employment).
So the last day is the day before the corresponding date 3 (or 6) months on, or the last day of
that month when it has no corresponding date (Dodds v Walker [1981] 1 WLR 1027; Pruden v Cunard
Ellerman [1993] IRLR 317): dismissed 15 January, last day 14 April; dismissed 31 August, last day
30 November.

Acas early conciliation (ERA s.207B; EqA s.140B): Day A is the day Acas is contacted, Day B the day
the certificate is received. (3) The days from the day after Day A to Day B do not count, so the
limit moves on by that many days. (4) If the limit (as moved) would fall between Day A and one
month after Day B, it becomes one month after Day B. Contacting Acas after the limit has passed
does not revive it. The response (ET3) is due 28 days from the day the claim was sent to the
employer (Employment Tribunal Procedure Rules). Figures: ``tribunal_time_limit_months``,
``tribunal_redundancy_pay_time_limit_months``, ``tribunal_equal_pay_time_limit_months``,
``et3_response_days``; the change to 6 months for all claims is one new period in the rates.
"""

from __future__ import annotations

import calendar
import datetime as dt

from guidance.calculators.common import CalculatorError, add_months, date_value, figure
from guidance.kinds import Choice, Date, Field

CLAIM_LIMITS = {
    "unfair_dismissal": "tribunal_time_limit_months",
    "discrimination": "tribunal_time_limit_months",
    "unlawful_deductions": "tribunal_time_limit_months",
    "holiday_pay": "tribunal_time_limit_months",
    "breach_of_contract": "tribunal_time_limit_months",
    "whistleblowing": "tribunal_time_limit_months",
    "written_statement": "tribunal_time_limit_months",
    "redundancy_pay": "tribunal_redundancy_pay_time_limit_months",
    "equal_pay": "tribunal_equal_pay_time_limit_months",
}


def months_less_one_day(start: dt.date, months: int) -> dt.date:
    """The last day of a period of ``months`` beginning with ``start``."""
    index = start.month - 1 + months
    year, month = start.year + index // 12, index % 12 + 1
    last = calendar.monthrange(year, month)[1]
    if start.day > last:
        return dt.date(year, month, last)
    return dt.date(year, month, start.day) - dt.timedelta(days=1)


def tribunal_deadline(
    *,
    rates,
    on: dt.date | None = None,
    event_date=None,
    claim_type: str = "unfair_dismissal",
    acas_day_a=None,
    acas_day_b=None,
    et1_sent=None,
) -> dict:
    """The last day to claim from ``event_date`` (with early conciliation), and/or the ET3 due date."""
    if event_date in (None, "") and et1_sent in (None, ""):
        raise CalculatorError("give --event-date (the act or dismissal) or --et1-sent (the day the claim was sent)")
    result: dict = {}
    working: list[str] = []
    if event_date not in (None, ""):
        result.update(_last_day(rates, date_value(event_date, "event date"), claim_type, acas_day_a, acas_day_b, working))
    elif acas_day_a not in (None, "") or acas_day_b not in (None, ""):
        raise CalculatorError("Acas dates need --event-date too")
    if et1_sent not in (None, ""):
        sent = date_value(et1_sent, "ET1 sent")
        days = int(figure(rates, "et3_response_days", sent))
        due = sent + dt.timedelta(days=days)
        result.update(et1_sent=sent, et3_due=due)
        working.append(f"Claim sent {sent.isoformat()}: the response (ET3) is due within {days} days, by {due.isoformat()}.")
    result["working"] = working
    return result


def _last_day(rates, event: dt.date, claim_type: str, day_a, day_b, working: list[str]) -> dict:
    if claim_type not in CLAIM_LIMITS:
        raise CalculatorError(f"unknown claim type '{claim_type}': use one of {', '.join(sorted(CLAIM_LIMITS))}")
    months = int(figure(rates, CLAIM_LIMITS[claim_type], event))
    limit = months_less_one_day(event, months)
    working.append(
        f"{claim_type.replace('_', ' ').capitalize()}: {months} months beginning with {event.isoformat()} ends {limit.isoformat()}."
    )
    result = {
        "claim_type": claim_type,
        "event_date": event,
        "time_limit_months": months,
        "limit_before_conciliation": limit,
        "last_day_to_claim": limit,
        "early_conciliation": None,
    }
    if day_a in (None, "") and day_b in (None, ""):
        working.append("No early conciliation dates given: Acas must be contacted before this day, which also stops the clock.")
        return result
    if day_a in (None, "") or day_b in (None, ""):
        raise CalculatorError("early conciliation needs both --acas-day-a (Acas contacted) and --acas-day-b (certificate received)")
    a = date_value(day_a, "Acas Day A")
    b = date_value(day_b, "Acas Day B")
    if b < a:
        raise CalculatorError(f"Day B ({b.isoformat()}) cannot be before Day A ({a.isoformat()})")
    if a < event and claim_type != "equal_pay":
        working.append("Acas was contacted before the event date; the dates are used as given.")
    if a > limit:
        working.append(
            f"Acas was contacted on {a.isoformat()}, after the time limit had passed: early conciliation does not extend it. "
            "A tribunal can accept a late claim only in narrow cases; get advice."
        )
        result["early_conciliation"] = {"day_a": a, "day_b": b, "days_not_counted": 0, "extended": False}
        return result
    stopped = (b - a).days
    moved = limit + dt.timedelta(days=stopped)
    month_after_b = add_months(b, 1)
    last = month_after_b if a <= moved <= month_after_b else moved
    working.append(f"Day A {a.isoformat()}, Day B {b.isoformat()}: {stopped} day(s) from the day after Day A to Day B do not count, so the limit moves to {moved.isoformat()}.")
    if last != moved:
        working.append(f"That falls before one month after Day B, so the last day becomes {last.isoformat()}.")
    else:
        working.append(f"That is after one month after Day B ({month_after_b.isoformat()}), so it stands.")
    result["early_conciliation"] = {
        "day_a": a,
        "day_b": b,
        "days_not_counted": stopped,
        "limit_after_clock_stop": moved,
        "one_month_after_day_b": month_after_b,
        "extended": True,
    }
    result["last_day_to_claim"] = last
    return result


FIELDS = (
    Field("event_date", "Date of dismissal or the act complained of", Date(),
          help="the act complained of, or the effective date of termination"),
    Field("claim_type", "Type of claim", Choice(tuple(CLAIM_LIMITS)), default="unfair_dismissal"),
    Field("acas_day_a", "Acas contacted (Day A)", Date(), help="the day Acas was contacted"),
    Field("acas_day_b", "Acas certificate (Day B)", Date(), help="the day the certificate was received"),
    Field("et1_sent", "Date the claim was sent to you", Date(), help="the day the claim was sent: gives the ET3 due date"),
)
