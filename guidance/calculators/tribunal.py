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

Unsettled points, where we give both dates and say which is cautious for whom (the earlier date
is the safe last day for the PA to claim; the later is the last day the employer should assume a
claim may still be in time):

- Acas contacted before the act or dismissal. Read literally, s.207B(3) stops the clock for every
  day from the day after Day A to Day B, then (4) applies in turn (Luton Borough Council v Haque
  [2018] ICR 1388, EAT): the generous date. But the EAT held in HMRC v Serra Garau [2017] ICR 1121
  that conciliation which ends before time starts to run does not extend it, and that a second
  certificate for the same matter does not stop the clock again; on that reasoning only the days
  from the act onwards are not counted: the cautious date.
- The Employment Rights Act 2025 change to 6 months for most claims has no confirmed start date
  (expected no earlier than October 2026) and no known transitional rule. Until the rates record
  it (a 6-month period in ``tribunal_time_limit_months``), a 3-month limit that ends on or after the
  earliest expected start (``tribunal_time_limit_months_unconfirmed``) is shown with the 6-month
  date as well.
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass

from guidance.calculators.common import at_field, CalculatorError, Result, add_months, date_value, figure, raise_all, words
from guidance.words import counted as words_counted
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

#: Every figure from content/rates.yaml this calculator reads; `guidance content check` makes sure
#: each exists and is in force on the day checked.
RATES_USED = tuple(sorted(set(CLAIM_LIMITS.values()))) + ("et3_response_days",)


@dataclass(frozen=True)
class TribunalDeadline(Result):
    """The last day to claim (the cautious one for the PA when the law is unsettled, with each
    reading), and/or the day the ET3 response is due. Fields that do not apply are None and are
    left out of ``as_dict()``."""

    working: tuple[str, ...]
    claim_type: str | None = None
    event_date: dt.date | None = None
    time_limit_months: int | None = None
    limit_before_conciliation: dt.date | None = None
    last_day_to_claim: dt.date | None = None
    early_conciliation: dict | None = None
    readings: list | None = None
    latest_day_claim_may_be_in_time: dt.date | None = None
    unsettled: bool | None = None
    et1_sent: dt.date | None = None
    et3_due: dt.date | None = None

    def as_dict(self) -> dict:
        data = super().as_dict()
        keep = {"early_conciliation"} if self.event_date is not None else set()
        return {k: v for k, v in data.items() if v is not None or k in keep}


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
) -> TribunalDeadline:
    """The last day to claim from ``event_date`` (with early conciliation), and/or the ET3 due date."""
    raise_all(_date_problems(event_date, et1_sent, acas_day_a, acas_day_b))
    result: dict = {}
    working: list[str] = []
    if event_date not in (None, ""):
        result.update(_last_day(rates, date_value(event_date, "event date"), claim_type, acas_day_a, acas_day_b, working))
    if et1_sent not in (None, ""):
        sent = date_value(et1_sent, "ET1 sent")
        days = int(figure(rates, "et3_response_days", sent))
        due = sent + dt.timedelta(days=days)
        result.update(et1_sent=sent, et3_due=due)
        working.append(f"Claim sent {words(sent)}: the response (ET3) is due within {days} days, by {words(due)}.")
    return TribunalDeadline(working=tuple(working), **result)


def _last_day(rates, event: dt.date, claim_type: str, day_a, day_b, working: list[str]) -> dict:
    if claim_type not in CLAIM_LIMITS:
        raise CalculatorError(f"unknown claim type '{claim_type}': use one of {', '.join(sorted(CLAIM_LIMITS))}")
    months = int(figure(rates, CLAIM_LIMITS[claim_type], event))
    limit = months_less_one_day(event, months)
    working.append(
        f"{claim_type.replace('_', ' ').capitalize()}: {months} months beginning with {words(event)} ends {words(limit)}."
    )
    result = {
        "claim_type": claim_type,
        "event_date": event,
        "time_limit_months": months,
        "limit_before_conciliation": limit,
        "last_day_to_claim": limit,
        "early_conciliation": None,
    }
    a, b = _acas_days(day_a, day_b)
    if a is None:
        working.append("No early conciliation dates given: Acas must be contacted before this day, which also stops the clock.")
        readings = [_reading(months, "none", limit, None)]
    else:
        before_event = a < event and claim_type != "equal_pay"
        readings = _with_conciliation(limit, months, a, b, event if before_event else None, result, working)
    readings += _unconfirmed_limit(rates, claim_type, event, months, readings, a, b, working)
    return _settle(result, readings, working)


def _date_problems(event_date, et1_sent, day_a, day_b) -> list[CalculatorError]:
    """Every problem across the dates at once, each at its field: a date to count from, the Acas
    dates without one, one Acas date without the other, Day B before Day A."""
    problems = []
    given = {name: value not in (None, "") for name, value in
             (("event", event_date), ("et1", et1_sent), ("a", day_a), ("b", day_b))}
    if not given["event"] and not given["et1"]:
        problems.append(CalculatorError(
            "give the date of dismissal or the act complained of, or the date the claim was sent to you", "event_date"))
    elif not given["event"] and (given["a"] or given["b"]):
        problems.append(CalculatorError("Acas dates need the date of dismissal or the act complained of too", "event_date"))
    try:
        _acas_days(day_a, day_b)
    except CalculatorError as exc:
        problems.append(exc)
    return problems


def _acas_days(day_a, day_b):
    if day_a in (None, "") and day_b in (None, ""):
        return None, None
    if day_a in (None, "") or day_b in (None, ""):
        raise CalculatorError(
            "early conciliation needs both Acas contacted (Day A) and Acas certificate (Day B)",
            "acas_day_b" if day_b in (None, "") else "acas_day_a",
        )
    a = date_value(day_a, "Acas Day A")
    b = date_value(day_b, "Acas Day B")
    if b < a:
        raise at_field(FIELDS, "acas_day_b", f"{words(b)} cannot be before Day A, when Acas was contacted ({words(a)})")
    return a, b


def _reading(months: int, conciliation: str, last: dt.date, why: str | None) -> dict:
    return {"time_limit_months": months, "early_conciliation": conciliation, "last_day": last, "why": why}


def extend(limit: dt.date, a: dt.date, b: dt.date, counted_from: dt.date | None = None) -> tuple[dt.date, int, dt.date]:
    """(last day, days not counted, limit after the clock stop) under s.207B(3) then (4).

    ``counted_from``: on the cautious reading, the first day the clock runs (the act); days of
    conciliation before it are not taken off. Callers check first that Acas was contacted on or
    before ``limit`` (contact after the limit has passed extends nothing).
    """
    start = max(a, counted_from - dt.timedelta(days=1)) if counted_from else a
    stopped = max(0, (b - start).days)
    moved = limit + dt.timedelta(days=stopped)
    month_after_b = add_months(b, 1)
    last = month_after_b if a <= moved <= month_after_b else moved
    return last, stopped, moved


def _with_conciliation(limit, months, a, b, event_before, result, working) -> list[dict]:
    if a > limit:
        working.append(
            f"Acas was contacted on {words(a)}, after the time limit had passed: early conciliation does not extend it. "
            "A tribunal can accept a late claim only in narrow cases; get advice."
        )
        result["early_conciliation"] = {"day_a": a, "day_b": b, "days_not_counted": 0, "extended": False}
        return [_reading(months, "after the limit", limit, None)]
    last, stopped, moved = extend(limit, a, b)
    month_after_b = add_months(b, 1)
    working.append(f"Day A {words(a)}, Day B {words(b)}: {words_counted(stopped, 'day')} from the day after Day A to Day B do not count, so the limit moves to {words(moved)}.")
    if last != moved:
        working.append(f"That falls before one month after Day B, so the last day becomes {words(last)}.")
    else:
        working.append(f"That is after one month after Day B ({words(month_after_b)}), so it stands.")
    result["early_conciliation"] = {
        "day_a": a,
        "day_b": b,
        "days_not_counted": stopped,
        "limit_after_clock_stop": moved,
        "one_month_after_day_b": month_after_b,
        "extended": True,
    }
    if event_before is None:
        return [_reading(months, "all days", last, None)]
    cautious, counted, _ = extend(limit, a, b, event_before)
    generous_why = ("every day from the day after Day A to Day B is not counted, as s.207B(3) reads "
                    "(Luton Borough Council v Haque [2018] ICR 1388)")
    cautious_why = ("only days from the act or dismissal are not counted: conciliation before time starts to run "
                    "does not extend it (HMRC v Serra Garau [2017] ICR 1121)")
    working.append(
        f"Acas was contacted before the act or dismissal ({words(event_before)}), and tribunals have read the rule "
        f"differently. Generous reading: {generous_why}; last day {words(last)}. Cautious reading: {cautious_why}, "
        f"{words_counted(counted, 'day')}; last day {words(cautious)}. A second Acas certificate for the same matter would not "
        "stop the clock again (Garau)."
    )
    result["early_conciliation"]["days_not_counted_cautious"] = counted
    return [_reading(months, "all days", last, generous_why), _reading(months, "days from the act", cautious, cautious_why)]


def _unconfirmed_limit(rates, claim_type, event, months, readings, a, b, working) -> list[dict]:
    """Readings under the Employment Rights Act 2025 six-month limit while its start is unconfirmed."""
    key = CLAIM_LIMITS[claim_type]
    if key != "tribunal_time_limit_months" or "tribunal_time_limit_months_unconfirmed" not in rates:
        return []
    new = rates.get("tribunal_time_limit_months_unconfirmed")
    new_months, earliest = int(new.periods[0].value), new.periods[0].start
    confirmed = any(int(p.value) >= new_months for p in rates.get(key).periods)
    if confirmed or months >= new_months or max(r["last_day"] for r in readings) < earliest:
        return []
    limit = months_less_one_day(event, new_months)
    why = (f"the Employment Rights Act 2025 makes the limit {new_months} months, but its start date is not confirmed "
           f"(expected no earlier than {words(earliest)}) nor whether it covers acts before then")
    extra = []
    for reading in readings:
        last = limit
        if a is not None and a <= limit:
            counted_from = event if reading["early_conciliation"] == "days from the act" else None
            last = extend(limit, a, b, counted_from)[0]
        extra.append(_reading(new_months, reading["early_conciliation"], last, why))
    working.append(
        f"The {months}-month limit ends after {words(earliest)}: {why}. With {new_months} months the last day "
        f"would be {words(max(r['last_day'] for r in extra))}."
    )
    return extra


def _settle(result: dict, readings: list[dict], working: list[str]) -> dict:
    """The earliest last day is the PA's safe date; the latest, the date the employer should allow for."""
    earliest = min(r["last_day"] for r in readings)
    latest = max(r["last_day"] for r in readings)
    result["last_day_to_claim"] = earliest
    result["readings"] = readings
    result["latest_day_claim_may_be_in_time"] = latest
    result["unsettled"] = earliest != latest
    if earliest != latest:
        working.append(
            f"Cautious for the PA (claimant): make the claim by {words(earliest)}. Cautious for the employer: a "
            f"claim may still be in time until {words(latest)}, so do not treat it as late before then."
        )
    return result


FIELDS = (
    Field("event_date", "Date of dismissal or the act complained of", Date(),
          help="the act complained of, or the effective date of termination"),
    Field("claim_type", "Type of claim", Choice(tuple(CLAIM_LIMITS)), default="unfair_dismissal"),
    Field("acas_day_a", "Acas contacted (Day A)", Date(), help="the day Acas was contacted"),
    Field("acas_day_b", "Acas certificate (Day B)", Date(), help="the day the certificate was received"),
    Field("et1_sent", "Date the claim was sent to you", Date(), help="the day the claim was sent: gives the ET3 due date"),
)
