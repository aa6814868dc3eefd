"""Inline validation for what people type: money, dates, numbers (British forms accepted).

Values are read by :mod:`guidance.kinds`, as calculators, flows and letters read them: "12,71" is
not an amount (it asks for a point), nor are "inf" or "1e400".
"""

from __future__ import annotations

from decimal import Decimal

from textual.validation import ValidationResult, Validator

from guidance.kinds import Date, KindError, Money, Number
from guidance.values import parse_date  # noqa: F401  (screens import it from here)


def parse_money(text: str) -> Decimal | None:
    """£1,234.50, 1234.5 or 12 -> Decimal with pence; None if not an amount."""
    try:
        return Money(places=2).parse(text)
    except KindError:
        return None


from guidance.calculators.shortcuts import parse_pay  # noqa: E402,F401  (hours x rate; screens import it from here)


def parse_number(text: str) -> Decimal | None:
    try:
        return Number().parse(text)
    except KindError:
        return None


class DateValidator(Validator):
    """A real date; ``near`` (the app's day) gives a year to "1 April" typed without one."""

    def __init__(self, near=None) -> None:
        super().__init__()
        self.near = near

    def validate(self, value: str) -> ValidationResult:
        try:
            Date().parse(value, self.near)
        except KindError as exc:
            return self.failure(f"Type a real date, e.g. 1/4/2026 ({exc})")
        return self.success()


class MoneyValidator(Validator):
    def __init__(self, hours_times_rate: bool = False):
        super().__init__()
        self.hours_times_rate = hours_times_rate

    def validate(self, value: str) -> ValidationResult:
        parsed = parse_pay(value) if self.hours_times_rate else parse_money(value)
        if parsed is None:
            example = "e.g. 380 or 30 x 12.71" if self.hours_times_rate else "e.g. 12.71"
            return self.failure(f"Type an amount in pounds, {example}")
        return self.success()


class NumberValidator(Validator):
    def __init__(self, minimum: Decimal | None = Decimal(0)):
        super().__init__()
        self.minimum = minimum

    def validate(self, value: str) -> ValidationResult:
        number = parse_number(value)
        if number is None:
            return self.failure("Type a number, e.g. 16")
        if self.minimum is not None and number < self.minimum:
            return self.failure(f"Must be {self.minimum} or more")
        return self.success()
