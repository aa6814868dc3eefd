"""Reading what people type as values: one definition of "a number" for flows and letters."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

# No amount, hours or count anyone types is near a trillion; beyond it Decimal rounding to pence
# fails outright, so such input is refused with a clear message rather than half-computed.
TOO_LARGE = Decimal("1e12")


def too_large(value: Decimal) -> bool:
    """True for a number too big to be a real amount, hours or count (see ``TOO_LARGE``)."""
    return abs(value) >= TOO_LARGE


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
