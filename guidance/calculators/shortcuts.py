"""Shortcuts people type for some calculator inputs, made plain before the value is read, the
same in the app's form and on the command line.

- "still off" as the last day of sickness: the day the sum is worked out for.
- hours × hourly rate as weekly pay ("40 x 12.50", "16 hours @ £12.71"): the exact product.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

from guidance.kinds import KindError, Money, read_decimal
from guidance.values import too_large

STILL_OFF = "still off"
#: Inputs that take hours × rate as well as an amount.
WEEKLY_PAY = frozenset({"average_weekly_earnings", "weekly_pay"})
_PRODUCT = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(?:hours?|hrs?)?\s*[x×*@]\s*£?\s*(\d+(?:\.\d{1,2})?)\s*$",
                      re.IGNORECASE | re.ASCII)


def also_accepts(key: str) -> str | None:
    """The shortcut an input takes besides its kind's values, in words for its help (the
    command line's --help and the app's form say the same), or None."""
    if key == "sick_end":
        return f"or '{STILL_OFF}' if they have not come back yet"
    if key in WEEKLY_PAY:
        return "or hours x hourly rate, e.g. 30 x 12.71"
    return None


def still_off(inputs: dict) -> bool:
    """True when the PA has not come back: the last day of sickness was given as "still off", or
    the "still off sick" input as yes (the last day given is then not a day they came back)."""
    value = (inputs or {}).get("sick_end")
    return isinstance(value, str) and value.strip().lower() == STILL_OFF or _said_yes((inputs or {}).get("still_off"))


def still_off_words(day_words: str) -> str:
    """How an open-ended sickness is said wherever the inputs are shown back (case note, letter,
    command line): "still off (worked out to 2 December 2026)", never as a last day off."""
    return f"{STILL_OFF} (worked out to {day_words})"


def parse_pay(text: str) -> Decimal | None:
    """An amount, or hours × hourly rate worked out exactly: to the penny when it comes to whole
    pence, else unrounded (37.5 x 12.71 is 476.625), because the calculators compare it with
    limits (the SSP earnings limit) and rounding first could turn just below a limit into at it.
    None if neither."""
    try:
        return Money(places=2).parse(text)
    except KindError:
        pass
    found = _PRODUCT.match(str(text))
    if not found:
        return None
    try:
        hours, rate = read_decimal(found.group(1)), read_decimal(found.group(2))
    except KindError:  # far too large
        return None
    product = hours * rate
    if too_large(product):
        return None
    pence = product.quantize(Decimal("0.01"))
    return pence if pence == product else product.normalize()


def prepared_inputs(inputs: dict, day: dt.date) -> dict:
    """Every input with its shortcut made plain (see :func:`prepared`). A first day of sickness
    after ``day`` with "still off" is refused at that field: someone cannot be still off from a
    day that has not come (CalculatorError naming "First day off sick")."""
    from guidance.calculators.common import at_field, raise_all, words
    from guidance.calculators.sick_pay import FIELDS
    from guidance.kinds import read_date

    out = {key: prepared(key, value, day) for key, value in inputs.items()}
    if still_off(inputs) and "sick_start" in inputs:
        out["still_off"] = "yes"  # the working then says "still off; worked out to", never a last day
        if _blank(inputs.get("sick_end")):
            out["sick_end"] = day.isoformat()  # no day given: worked out to the day asked about
    if isinstance(inputs.get("sick_end"), str) and inputs["sick_end"].strip().lower() == STILL_OFF:
        start = read_date(inputs.get("sick_start"))
        if start is not None and start > day:
            problem = at_field(FIELDS, "sick_start",
                               f"{words(start)} is after today ({words(day)}), so they cannot be still off from it: "
                               "check the first day, or give the last day off sick")
            raise_all([problem] + _other_problems(out, "sick_start"))
    return out


def _said_yes(value) -> bool:
    """Whether a yes/no input was given as yes ("yes", "y", True)."""
    from guidance.kinds import KindError, YesNo

    try:
        return value is not None and YesNo().parse(value)
    except KindError:
        return False


def _blank(value) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _other_problems(inputs: dict, but: str) -> list:
    """The sick pay calculator's other input problems, so all are told with the one found here."""
    from guidance.calculators.common import CalculatorError
    from guidance.calculators.registry import CALCULATORS, read_inputs

    try:
        read_inputs(CALCULATORS["sick-pay"], {k: v for k, v in inputs.items() if k in CALCULATORS["sick-pay"].inputs})
    except CalculatorError as exc:
        return [p for p in exc.problems if p.field != but]
    return []


def prepared(key: str, value, day: dt.date):
    """``value`` with the shortcuts made plain (text in, text out; anything else as it is):
    "still off" for ``sick_end`` is ``day``; hours × rate for weekly pay is the amount; a date
    without a year takes the year nearest ``day``, for a date input only (its declared kind is
    a date), so a number such as 3.5 or 12.5 is never read as a day and month."""
    if not isinstance(value, str):
        return value
    text = value.strip()
    if key == "sick_end" and text.lower() == STILL_OFF:
        return day.isoformat()
    if key in WEEKLY_PAY:
        pay = parse_pay(text)
        return str(pay) if pay is not None else text
    if key in date_inputs():
        return _year_given(text, day)
    return text


def date_inputs() -> frozenset[str]:
    """The names of the calculators' inputs declared as a single date (kind :class:`Date`): the
    only inputs a day and month without a year is completed for."""
    from guidance.calculators.registry import CALCULATORS
    from guidance.kinds import Date

    return frozenset(item.name for calculator in CALCULATORS.values() for item in calculator.fields
                     if isinstance(item.kind, Date))


def _year_given(text: str, day: dt.date) -> str:
    """A day and month typed without a year ("23 november") as the full date nearest ``day``,
    so everything that shows the input back shows the year taken; any other text as it is."""
    from guidance.kinds import read_date

    if read_date(text) is None:
        found = read_date(text, day)
        if found is not None:
            return found.isoformat()
    return text
