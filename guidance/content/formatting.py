"""How figures and dates are written for British readers: £1,234.50, 15%, 1 April 2026."""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal

from guidance.kinds import Date, Money

MONEY = Money()
DATE = Date()

_UNIT_WORDS = {
    "weeks": ("week", "weeks"),
    "days": ("day", "days"),
    "months": ("month", "months"),
    "years": ("year", "years"),
    "hours": ("hour", "hours"),
}


def _plain_number(value: Decimal) -> str:
    """Drop needless trailing zeros (5.60 -> 5.6, 28.0 -> 28) and group thousands."""
    normal = value.normalize()
    if normal == normal.to_integral_value():
        return f"{int(normal):,}"
    return f"{normal:,f}"


def money(value, pence: bool = True) -> str:
    """£1,234.50, and £8.00 (never £8): rounded to the penny, shown as the money kind shows it
    (:class:`guidance.kinds.Money`). ``pence`` is accepted so templates written
    ``money(true)`` still work; money is always shown with its pence."""
    amount = Decimal(str(value)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    return MONEY.show(amount)


def percent(value) -> str:
    return f"{_plain_number(Decimal(str(value)))}%"


def format_value(value: Decimal, unit: str) -> str:
    if unit == "money":
        return money(value)
    if unit == "percent":
        return percent(value)
    if unit == "yes-no":
        return "yes" if value else "no"
    text = _plain_number(value)
    if unit in _UNIT_WORDS:
        one, many = _UNIT_WORDS[unit]
        return f"{text} {one if value == 1 else many}"
    return text


def long_date(value: dt.date | str) -> str:
    """1 April 2026 (no leading zero, as GOV.UK writes dates)."""
    if isinstance(value, str):
        value = dt.date.fromisoformat(value)
    return DATE.show(value)
