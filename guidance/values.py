"""Reading what people type as values: thin names over :mod:`guidance.kinds`, kept for callers
that want None rather than an error."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from guidance.kinds import TOO_LARGE, KindError, read_date, read_decimal

__all__ = ["TOO_LARGE", "too_large", "parse_decimal", "parse_date"]


def too_large(value: Decimal) -> bool:
    """True for a number too big to be a real amount, hours or count (see ``TOO_LARGE``)."""
    return abs(value) >= TOO_LARGE


def parse_decimal(raw) -> Decimal | None:
    """'1,234.50', '£12', 12 or 12.5 as an exact Decimal; None if it is not a number we accept
    (see :func:`guidance.kinds.read_decimal`: "12,71", "inf", "1e400" are None)."""
    try:
        return read_decimal(raw)
    except KindError:
        return None


def parse_date(raw, near: dt.date | None = None) -> dt.date | None:
    """A date as people write it: 2026-04-01, 1/4/2026, 01.04.2026, 1 Apr 2026 or 1 April 2026
    (British day-first order); a date object as it is; "1 April" in the year nearest ``near``.
    None if it is not a real date."""
    return read_date(raw, near)
