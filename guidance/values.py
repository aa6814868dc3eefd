"""Reading what people type as values: one definition of "a number" for flows and letters."""

from __future__ import annotations

import datetime as dt
import re
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


_DAY_MONTH_YEAR = re.compile(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4}|\d{2})")
_ORDINAL = re.compile(r"\b(\d{1,2})(st|nd|rd|th)\b", re.IGNORECASE)
_WEEKDAY = re.compile(r"^(mon|tues?|wed(nes)?|thu(rs)?|fri|sat(ur)?|sun)(day)?,?\s+", re.IGNORECASE)


def parse_date(raw) -> dt.date | None:
    """A date as people write it: 2026-04-01, 1/4/2026, 1/4/26, 01.04.2026, 1 April 2026,
    "Wednesday 1st April 2026" or "1 Apr, 2026" (British day-first order; a two-digit year is
    20yy); a date object as it is. None if it is not a real date."""
    if isinstance(raw, dt.datetime):
        return raw.date()
    if isinstance(raw, dt.date):
        return raw
    text = str(raw).strip()
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        pass
    text = _ORDINAL.sub(r"\1", _WEEKDAY.sub("", text)).replace(",", " ")
    text = " ".join(text.split())
    match = _DAY_MONTH_YEAR.fullmatch(text)
    if match:
        day, month, year = (int(g) for g in match.groups())
        year += 2000 if len(match.group(3)) == 2 else 0
        try:
            return dt.date(year, month, day)
        except ValueError:
            return None
    for fmt in ("%Y-%m-%d", "%d %B %Y", "%d %b %Y"):
        try:
            return dt.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    return None
