"""Reading what people type as values: one definition of "a number" for flows and letters."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation


def parse_decimal(raw) -> Decimal | None:
    """'1,234.50', '£12', 12 or 12.5 as an exact Decimal; None if it is not a finite number.

    Floats go through their shortest text form (12.5, not 12.4999...), and yes/no or lists are
    never numbers.
    """
    if isinstance(raw, (bool, dict, list, tuple)) or raw is None:
        return None
    if isinstance(raw, float):
        raw = repr(raw)
    text = str(raw).strip().replace(",", "").replace("£", "")
    try:
        value = Decimal(text)
    except InvalidOperation:
        return None
    return value if value.is_finite() else None
