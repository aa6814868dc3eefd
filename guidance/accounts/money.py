"""Amounts and dates as statements write them, and how money is rounded.

Money is ``Decimal`` to the penny. Statements write amounts as ``-12.50``, ``£1,234.56``,
``-£12.00``, ``(12.00)`` or ``12.00 DR``; dates as ``31/01/2026``, ``31 Jan 2026``, ISO, or as
spreadsheet date cells. The general readers in ``guidance.values`` do the work; this module only
adds what bank exports add on top (signs around the pound sign, brackets, CR/DR, a time of day).
"""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from guidance.kinds import MINUS_SIGNS, KindError, day_month_year, read_decimal
from guidance.values import too_large

PENNY = Decimal("0.01")
ZERO = Decimal("0.00")

_TIME_OF_DAY = re.compile(r"^(\d{4}-\d{2}-\d{2})[T ]\d{1,2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$", re.ASCII)
_DAY_FIRST_TIME = re.compile(r"^(\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4})\s+\d{1,2}:\d{2}(:\d{2})?$", re.ASCII)


def pence(value: Decimal) -> Decimal:
    """``value`` rounded to the penny, halves away from zero (as banks and councils round)."""
    return value.quantize(PENNY, rounding=ROUND_HALF_UP)


# Fast paths for the forms most cells take; only the digits 0-9 (re.ASCII), as the kinds read them.
_PLAIN = re.compile(r"-?\d{1,12}\.\d\d", re.ASCII)
_POUNDS = re.compile(r"(-?)£?(-?)(\d{1,3}(?:,\d{3}){0,3}|\d{1,12})\.(\d\d)", re.ASCII)


#: -1234.56, £1,234.56, -£12.00. The digits are an atomic group: once one form of them matches, the other is
#: never tried after it (it could not match either: only the first takes a comma, and a point must follow).
_COMMON = re.compile(r"-?£?(?>\d{1,3}(?:,\d{3}){1,3}|\d{1,12})\.\d\d", re.ASCII)

#: Amount and date texts already read (text -> Decimal or date; each is immutable, so one can be shared).
#: Emptied when it holds ``READ_LIMIT`` texts, so memory stays small over a long batch.
READ_AMOUNTS: dict[str, Decimal] = {}
READ_DATES: dict[str, dt.date] = {}
READ_LIMIT = 50_000


def statement_amount(raw) -> Decimal | None:
    """One amount cell as a signed Decimal; None for an empty cell.

    Raises ValueError (with the text) when the cell holds something that is not an amount.
    """
    if raw.__class__ is str:
        value = READ_AMOUNTS.get(raw)
        if value is not None:  # statements repeat amounts (wages, payments): each text is read once
            return value
        if not raw:
            return None
        if _COMMON.fullmatch(raw):  # most cells: read straight away
            value = Decimal(raw.replace(",", "").replace("£", ""))
        else:
            value = _text_amount(raw)
        if value is not None:
            if len(READ_AMOUNTS) >= READ_LIMIT:
                READ_AMOUNTS.clear()
            READ_AMOUNTS[raw] = value
        return value
    return _amount(raw)


#: The common form, one on each line (the lines with a line break after them taken possessively: the last has none).
_COMMON_LINES = re.compile(f"(?:{_COMMON.pattern}\n)*+{_COMMON.pattern}", re.ASCII)


def common_amounts(texts: list[str], remember: bool = True) -> list[Decimal | None] | None:
    """The amounts of many texts at once (a statement's balances), each as ``statement_amount``
    gives it, when every text is empty (None) or in the common form it reads straight away
    (``-1234.56``, ``£1,234.56``, ``-£12.00``); None when any is not (then read each in turn).
    ``remember=False``: the texts are not kept among those already read (a column of balances,
    each one different, would only push out the texts that do repeat)."""
    filled = [text for text in texts if text]
    joined = "\n".join(filled)
    if filled and not _COMMON_LINES.fullmatch(joined):
        return None
    parts = joined.replace(",", "").replace("£", "").split("\n") if filled else []
    if len(parts) != len(filled):
        return None  # a text with a line break in it
    if not remember:
        if len(filled) == len(texts):
            return list(map(Decimal, parts))  # every text filled in (a column of balances)
        values = iter(map(Decimal, parts))
        return [next(values) if text else None for text in texts]
    read = dict(zip(filled, map(Decimal, parts)))
    if len(READ_AMOUNTS) + len(read) >= READ_LIMIT:
        READ_AMOUNTS.clear()
    READ_AMOUNTS.update(read)
    return [read.get(text) for text in texts]


@lru_cache(maxsize=8192)
def _text_amount(raw: str) -> Decimal | None:
    """Statements repeat the same amounts (wages, payments): each text is read once."""
    if _PLAIN.fullmatch(raw):
        return Decimal(raw)
    pounds = _POUNDS.fullmatch(raw)
    if pounds and not (pounds.group(1) and pounds.group(2)):
        sign = "-" if pounds.group(1) or pounds.group(2) else ""
        return Decimal(f"{sign}{pounds.group(3).replace(',', '')}.{pounds.group(4)}")
    return _amount(raw)


def _amount(raw) -> Decimal | None:
    """A cell no fast path reads: what bank exports add (CR/DR, brackets, GBP, a leading + or
    a sign before the £) is taken off here, and the number itself is read by
    :func:`guidance.kinds.read_decimal`, as every other number is."""
    if raw is None:
        return None
    if isinstance(raw, (int, float, Decimal)) and not isinstance(raw, bool):
        value = _read(raw, raw)
    else:
        text = str(raw).strip().replace("\u00a0", "").replace(" ", "")
        if not text or text in {"-", "—"}:
            return None
        sign = 1
        upper = text.upper()
        if upper.endswith("CR"):
            text = text[:-2]
        elif upper.endswith("DR"):
            text, sign = text[:-2], -1
        text = text.replace("£", "").replace("GBP", "")
        if text.startswith("(") and text.endswith(")"):
            text, sign = text[1:-1], -sign
        if text[:1] in "-" + MINUS_SIGNS:
            text, sign = text[1:], -sign
        elif text.startswith("+"):
            text = text[1:]
        if text.startswith(("-", "+")) or text[:1] in MINUS_SIGNS:
            raise ValueError(f"'{raw}' is not an amount")
        value = sign * _read(text, raw)
    if too_large(value):
        raise ValueError(f"'{raw}' is far too large to be an amount")
    return pence(value)


def _read(text, raw) -> Decimal:
    """The number in ``text`` (what is left of the cell ``raw``); ValueError naming the cell."""
    try:
        return read_decimal(text, "an amount")
    except KindError as exc:
        if "far too large" in str(exc):
            raise ValueError(f"'{raw}' is far too large to be an amount") from None
        reason = str(exc).partition(": ")[2]
        raise ValueError(f"'{raw}' is not an amount" + (f": {reason}" if reason else "")) from None


def statement_date(raw) -> dt.date:
    """One date cell. Raises ValueError naming the text when it is not a real date.

    Day-first, as UK banks write dates: 01/02/2026 is 1 February.
    """
    if raw.__class__ is str:
        value = READ_DATES.get(raw)
        if value is None:
            value = _text_date(raw)  # raises for a text that is not a date: never remembered
            if len(READ_DATES) >= READ_LIMIT:
                READ_DATES.clear()
            READ_DATES[raw] = value
        return value
    if isinstance(raw, (dt.date, dt.datetime)):
        return day_month_year(raw)
    return _text_date(str(raw or ""))


@lru_cache(maxsize=8192)
def _text_date(raw: str) -> dt.date:
    """A date cell's text read by :func:`guidance.kinds.day_month_year` (day first, 2-digit years
    as 20yy, "31-Jan-26"), after any time of day a bank export adds is taken off."""
    text = raw.strip()
    for pattern in (_TIME_OF_DAY, _DAY_FIRST_TIME):
        match = pattern.match(text)
        if match:
            text = match.group(1)
    try:
        return day_month_year(text)
    except KindError as exc:
        reason = str(exc).partition(" is not a date: ")[2] or str(exc)  # "no month 13", "does not exist"
        raise ValueError(f"'{raw}' is not a date: {reason}") from None


def money_text(value: Decimal) -> str:
    """``1234.5`` as ``£1,234.50``; negative as ``-£12.00`` (the money kind's way, to the penny).

    Each amount is written once and remembered (``MONEY_TEXTS``): equal amounts are written alike
    (the text is of the value rounded to the penny; -0.00 is written as 0.00), and flags, notes
    and reports repeat the same amounts."""
    try:
        text = MONEY_TEXTS.get(value)
    except TypeError:  # a value that cannot be remembered
        return _money_writer()(value)
    if text is None:
        text = _money_writer()(value)
        if len(MONEY_TEXTS) >= READ_LIMIT:
            MONEY_TEXTS.clear()
        MONEY_TEXTS[value] = text
    return text


#: Amounts already written by ``money_text`` (value -> text).
MONEY_TEXTS: dict = {}


@lru_cache(maxsize=1)
def _money_writer():
    from guidance.content.formatting import money  # imported when first needed

    return money


def recorded_money(value) -> str:
    """A recorded amount (decimal text) as the product shows money ("£1,234.56"); text that is
    not an amount as it is."""
    try:
        return money_text(Decimal(str(value)))
    except (InvalidOperation, ValueError):
        return str(value)


def recorded_surplus(summary: dict) -> str:
    """A recorded audit's surplus (its summary: ``surplus``, ``surplus_provisional``) as money,
    marked "(not final)" when it is provisional (the statements stop early, or the last balance
    shown is not certain): the command line's and the app's lists of audits say it alike."""
    return recorded_money(summary["surplus"]) + (" (not final)" if summary.get("surplus_provisional") else "")
