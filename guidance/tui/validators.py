"""Inline validation for what people type: money, dates, numbers (British forms accepted)."""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from textual.validation import ValidationResult, Validator

from guidance.values import parse_date  # noqa: F401  (screens import it from here)


def parse_money(text: str) -> Decimal | None:
    """£1,234.50, 1234.5 or 12 -> Decimal with pence; None if not an amount."""
    cleaned = re.sub(r"[£,\s]", "", text.strip())
    if not re.fullmatch(r"\d+(\.\d{1,2})?", cleaned):
        return None
    try:
        return Decimal(cleaned)
    except InvalidOperation:
        return None


def parse_number(text: str) -> Decimal | None:
    cleaned = text.strip().replace(",", "")
    if not re.fullmatch(r"-?\d+(\.\d+)?", cleaned):
        return None
    return Decimal(cleaned)


class DateValidator(Validator):
    def validate(self, value: str) -> ValidationResult:
        if parse_date(value) is None:
            return self.failure("Type a real date, e.g. 1/4/2026")
        return self.success()


class MoneyValidator(Validator):
    def validate(self, value: str) -> ValidationResult:
        if parse_money(value) is None:
            return self.failure("Type an amount in pounds, e.g. 12.71")
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
