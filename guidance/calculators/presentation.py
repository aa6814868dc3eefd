"""How a calculator's headline results are said to people: labels, pounds and dates.

Shared by ``guidance calc`` and the app, so both show "Wages a year: £13,520.00" the same way.
"""

from __future__ import annotations

import datetime as dt

from guidance.content.formatting import long_date, money

#: headline result key -> (label, is money)
RESULTS = {
    "entitlement_days": ("Holiday entitlement in days", False),
    "entitlement_hours": ("Holiday entitlement in hours", False),
    "entitlement_shifts": ("Holiday entitlement in shifts", False),
    "entitlement_weeks": ("Holiday entitlement in weeks", False),
    "ssp_total": ("Statutory Sick Pay due", True),
    "payable_days": ("Days SSP is paid for", False),
    "waiting_days": ("Waiting days (unpaid)", False),
    "statutory_redundancy_pay": ("Statutory redundancy pay", True),
    "weeks_of_pay": ("Weeks of pay", False),
    "minimum_hourly_rate": ("Minimum hourly rate", True),
    "total_entitlement": ("Minimum pay for the period", True),
    "minimum_wage_or_above": ("Paid at least the minimum wage?", False),
    "last_day_to_claim": ("Last day to make a claim", False),
    "et3_due": ("Response (ET3) due by", False),
    "latest_day_claim_may_be_in_time": ("Latest day a claim may still be in time", False),
    "weekly_wages": ("Wages a week", True),
    "yearly_wages": ("Wages a year", True),
    "employer_ni_yearly": ("Employer National Insurance a year (after the Employment Allowance)", True),
    "employer_pension_yearly": ("Employer pension contribution a year", True),
    "holiday_cover_yearly": ("Holiday cover a year", True),
    "total_yearly": ("Total cost a year", True),
    "total_weekly": ("Total cost a week", True),
    "average_weekly_earnings": ("Average weekly earnings", True),
    "relevant_period_start": ("Relevant period from", False),
    "relevant_period_end": ("Relevant period to", False),
    "weeks_counted": ("Weeks with pay counted", False),
    "at_or_above_limit": ("At or above the earnings limit?", False),
}


#: Labels used instead when the result says the law is unsettled (``unsettled`` is true): each of
#: the two dates says whom it is the cautious one for, so neither is shown without the other.
UNSETTLED_LABELS = {
    "last_day_to_claim": "Last day to claim (cautious for the PA)",
    "latest_day_claim_may_be_in_time": "May still be in time until (cautious for the employer)",
}
#: Shown only when the law is unsettled; otherwise it is the same as another headline figure.
ONLY_WHEN_UNSETTLED = frozenset({"latest_day_claim_may_be_in_time"})


def label(key: str, result: dict) -> str:
    """What a headline result is called, for this result (the unsettled-law labels when it is)."""
    if result.get("unsettled") and key in UNSETTLED_LABELS:
        return UNSETTLED_LABELS[key]
    return RESULTS.get(key, (key.replace("_", " ").capitalize(), False))[0]


def shows(key: str, result: dict) -> bool:
    """Whether a headline result is shown for this result (given, and not a repeat)."""
    if result.get(key) in (None, "", []):
        return False
    return key not in ONLY_WHEN_UNSETTLED or bool(result.get("unsettled"))


def headline(calculator, result: dict) -> list[tuple[str, str]]:
    """(label, value as shown) for each headline result the calculator produced. Where the law is
    unsettled (the tribunal time limit) both readings' dates are shown, each saying whom it is
    cautious for."""
    lines = []
    for key in calculator.headline:
        if not shows(key, result):
            continue
        is_money = RESULTS.get(key, ("", False))[1]
        lines.append((label(key, result), _shown(result[key], is_money)))
    return lines


def _shown(value, is_money: bool) -> str:
    if is_money:
        return money(value, pence=True)
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, str) and len(value) == 10:
        try:
            return long_date(dt.date.fromisoformat(value))
        except ValueError:
            pass
    return str(value)
