"""The values a letter is filled with: declared in the template, checked and converted by type.

A letter to a vulnerable person must never go out with a blank or a wrong kind of value, so every
value is converted before rendering (money to ``Decimal``, dates to ``date``) and anything missing
or mistyped stops that letter with a message naming the field and the template line declaring it.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from guidance.kinds import Date, KindError, Text, read_decimal

FIELD_TYPES = ("text", "money", "date", "number", "choice", "list")
FIELD_NAME = r"^[a-z][a-z0-9_]*$"
MAX_TEXT = 4000  # the most a multi-line text field (a note) may hold
ONE_LINE = 200  # the most a one-line text field or a list item may hold, unless it declares its own
_LIST_SPLIT = re.compile(r"\s*(?:;|\n)\s*")


class FieldValueError(ValueError):
    """One value that does not fit its field; the caller adds the field name and line."""


class NeededWhen(BaseModel):
    """When a field that is not always required must be filled in: when another field (``field``)
    has a value (not empty, not zero), or, with ``is``, when that field has one of these values."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    field: str = Field(pattern=r"^[a-z][a-z0-9_]*$", description="the other field")
    is_: list[str] | None = Field(default=None, alias="is", min_length=1,
                                  description="the other field's values (a choice) that make this one needed")

    @field_validator("is_", mode="before")
    @classmethod
    def _one_or_more(cls, value):
        return [value] if isinstance(value, str) else value

    def applies(self, other) -> bool:
        """Whether the other field's converted value makes this field needed."""
        if self.is_ is None:
            return other not in (None, "", []) and other != 0
        return other in self.is_

    def words(self, other_label: str) -> str:
        """The condition in words, with the other field named as given: "'Sick pay offered' is
        'more than statutory'", "'Contribution paid in short' is filled in"."""
        if self.is_ is None:
            return f"{other_label} is filled in"
        return f"{other_label} is " + " or ".join(f"'{v}'" for v in self.is_)


class LetterField(BaseModel):
    """One blank in a letter: its type, whether it must be filled, and an example value."""

    model_config = ConfigDict(extra="forbid")

    type: Literal["text", "money", "date", "number", "choice", "list"]
    label: str | None = Field(default=None, description="what to fill in, for forms and the CSV header help")
    required: bool = True
    example: Any = None
    choices: list[str] | None = None
    session: str | None = Field(default=None, description="flow answer or result that fills this field, if named differently")
    multiline: bool = Field(default=False, description="a text field whose value may have several lines (a note); others refuse line breaks")
    max_length: int | None = Field(default=None, ge=1, le=MAX_TEXT, description=f"the most characters a value (each item of a list) may have: set it for each text and list field (a reference or a name is short, the caller's question or an advice point long); {ONE_LINE} for one-line text and list items, {MAX_TEXT} for a multiline note, when not given")
    deadline: bool = Field(default=False, description="a date field the reader must act by (reply by, pay by, the tribunal's response due): a letter dated after it is refused")
    needed_when: NeededWhen | None = Field(default=None, description="a field that is not always required but must be filled in when another field has a value, or one of the values given in 'is'")
    holds: Literal["period", "day_of_year"] | None = Field(default=None, description="a text or list field whose value (each item of a list) is a date in words, checked as one and written the one way: 'period' (a first day to a last day, such as '1 July 2026 to 7 July 2026', or one day), 'day_of_year' (a day and month with no year, such as '1 April')")
    not_before: str | None = Field(default=None, description="a date field that must be on or after the date field named here (a period's last day after its first)")

    @property
    def longest(self) -> int:
        """The most characters a value (each item of a list) may have."""
        if self.max_length is not None:
            return self.max_length
        return MAX_TEXT if self.multiline else ONE_LINE

    @model_validator(mode="after")
    def _consistent(self):
        if self.type == "choice" and not self.choices:
            raise ValueError("a choice field needs 'choices'")
        if self.type != "choice" and self.choices:
            raise ValueError("only a choice field takes 'choices'")
        if self.multiline and self.type != "text":
            raise ValueError("only a text field can be 'multiline'")
        if self.max_length is not None and self.type not in ("text", "list"):
            raise ValueError("only a text or list field takes 'max_length'")
        if self.deadline and self.type != "date":
            raise ValueError("only a date field can be a 'deadline'")
        if self.holds and self.type not in ("text", "list"):
            raise ValueError("only a text or list field 'holds' a period or a day of the year (a date field is a date already)")
        if self.not_before and self.type != "date":
            raise ValueError("only a date field can be 'not_before' another")
        if self.required and self.example is None:
            raise ValueError("a required field needs an 'example' so the letter can be checked")
        if self.needed_when is not None and self.required:
            raise ValueError("a field 'needed_when' another is given is not always needed: add 'required: false'")
        if self.example is not None:
            try:
                convert(self, self.example)
            except FieldValueError as exc:
                raise ValueError(f"the example {exc}") from None
        return self


def convert(field: LetterField, raw: Any, near: dt.date | None = None) -> Any:
    """The value ``raw`` as the field's type, or FieldValueError saying what would fit. The
    message never repeats the value (it may be a person's name: a merge prints it for the row).
    ``near``: the letter's date, which gives a year to a date typed without one ("23/11")."""
    from guidance.references import without_value

    if _blank(raw):
        if field.required:
            raise FieldValueError("is required but was not given")
        return [] if field.type == "list" else None
    try:
        if field.type == "date":
            return _date(field, raw, near)
        value = _CONVERTERS[field.type](field, raw)
        return _held(field, value, near) if field.holds else value
    except _ItemError:
        raise
    except FieldValueError as exc:
        raise FieldValueError(without_value(str(exc), raw)) from None


CUT_NOTE = " [cut to fit: the rest is in the call notes]"


def cut_to_fit(field: LetterField, value: Any) -> Any:
    """A value filled in for the officer (from a call) made to fit ``field``'s limit: a text (each
    item of a list) too long is cut at a word, with ``CUT_NOTE`` saying so where it was cut;
    anything else as it is."""
    if field.type not in ("text", "list"):
        return value
    if isinstance(value, list):
        return [cut_to_fit(field, item) for item in value]
    if not isinstance(value, str) or len(value) <= field.longest:
        return value
    room = max(field.longest - len(CUT_NOTE), 0)
    kept = value[:room + 1].rsplit(None, 1)[0] if " " in value[:room + 1] else value[:room]
    kept = kept[:room].rstrip(" ,;:-")
    return (kept + CUT_NOTE)[:field.longest] if room else value[:field.longest]


def check_deadline(field: LetterField, value: Any, on: dt.date) -> None:
    """FieldValueError when ``field`` is a deadline and ``value`` (a date) is before ``on``, the
    letter's date: a letter must never ask someone to act by a day already gone."""
    if field.deadline and isinstance(value, dt.date) and value < on:
        shown = Date().show
        raise FieldValueError(f"is {shown(value)}, before the date of the letter ({shown(on)}): "
                              "a date to act by must be on or after the day the letter is sent")


def _blank(raw: Any) -> bool:
    return raw is None or (isinstance(raw, str) and not raw.strip()) or (isinstance(raw, (list, tuple)) and not raw)


def _text(field: LetterField, raw: Any) -> str:
    if isinstance(raw, bool):
        raise FieldValueError("is yes/no (a bare yes, no, true or false in a YAML file), but the field takes text: "
                              "put the words in quotes, e.g. \"yes\"")
    try:
        text = Text(max_length=MAX_TEXT, no_control=True).parse(raw)
    except KindError as exc:
        raise FieldValueError(str(exc)) from None
    if len(text) > field.longest:
        raise FieldValueError(f"is {len(text):,} characters long, more than the {field.longest:,} it may have: shorten it")
    if not (field.multiline and field.type == "text"):
        _one_line(text)
    return text


_LINE_BREAK = re.compile(r"[\r\n\u0085\u2028\u2029]")


def _one_line(text: str) -> None:
    """A name, reference or list item is one line: a line break would start a new paragraph,
    heading or list in the letter (a value is always printed as text, see blocks.markdown_text)."""
    match = _LINE_BREAK.search(text)
    if match:
        raise FieldValueError(f"must be one line, but has a line break after character {match.start()}: retype the value on one line")


def _decimal(raw: Any, what: str) -> Decimal:
    """Read through :func:`guidance.kinds.read_decimal`: "12,71", "inf" and "1e400" are refused."""
    try:
        return read_decimal(raw, what)
    except KindError as exc:
        said = str(exc)
        if said == f"must be {what}" or said.endswith(f" is not {what}"):  # the reason is the 'must be' itself: once
            raise FieldValueError(f"must be {what}") from None
        raise FieldValueError(f"must be {what}: {said}") from None


def _money(field: LetterField, raw: Any) -> Decimal:
    value = _decimal(raw, "an amount in pounds, for example 1234.50")
    if value < 0:
        raise FieldValueError("must not be negative")
    if value != value.quantize(Decimal("0.01")):
        raise FieldValueError("must be pounds and pence, for example 1234.50")
    return value.quantize(Decimal("0.01"))


def _number(field: LetterField, raw: Any) -> Decimal | int:
    value = _decimal(raw, "a number")
    return int(value) if value == value.to_integral_value() else value


def _date(field: LetterField, raw: Any, near: dt.date | None = None) -> dt.date:
    try:
        return Date().parse(raw, near)
    except KindError as exc:
        raise FieldValueError(f"must be a real date such as 2026-04-01 or 1/4/2026: {exc}") from None


_PERIOD_SPLIT = re.compile(r"\s+(?:to|until|till)\s+|\s+[-\u2013\u2014]\s+", re.IGNORECASE)


def _held(field: LetterField, value: Any, near: dt.date | None) -> Any:
    """A text (each item of a list) that holds a period or a day of the year, checked as one
    and written the one way; a list's bad item is named by its number."""
    read = _period if field.holds == "period" else _day_of_year
    if not isinstance(value, list):
        return read(value, near)
    out = []
    for number, item in enumerate(value, start=1):
        try:
            out.append(read(item, near))
        except FieldValueError as exc:
            from guidance.references import without_value

            raise _ItemError(f"item {number} {without_value(str(exc), item)}") from None
    return out


class _ItemError(FieldValueError):
    """A list item's problem with that item's value already taken out (so the other items'
    values, which may read like the message's own example, are not taken out of it)."""


def _period(text: str, near: dt.date | None) -> str:
    """A period as the letters write it: "1 July 2026 to 7 July 2026", or one day "1 July 2026".
    Refused: a side that is not a real date, and a last day before the first."""
    sides = _PERIOD_SPLIT.split(text.strip())
    if len(sides) > 2:
        raise FieldValueError("must be one period, a first day to a last day, such as 1 July 2026 to 7 July 2026")
    days = []
    for which, side in zip(("its first day is", "its last day is") if len(sides) == 2 else ("it is",), sides):
        try:
            days.append(Date().parse(side, near))
        except KindError as exc:
            raise FieldValueError(f"must be a period, a first day to a last day, such as 1 July 2026 to 7 July 2026, "
                                  f"or one day: {which} not a date ({exc})") from None
    first, last = days[0], days[-1]
    shown = Date().show
    if last < first:
        raise FieldValueError(f"ends ({shown(last)}) before it starts ({shown(first)}): write the first day, then 'to', then the last day")
    return shown(first) if first == last else f"{shown(first)} to {shown(last)}"


_SOME_LEAP_YEAR_DAY = dt.date(2024, 7, 1)  # the year nearest it is a leap year, so 29 February is a day of the year


def _day_of_year(text: str, near: dt.date | None = None) -> str:
    """A day of the year ("1 April", "1/4"), written "1 April"; refused with a year (it is the
    same day every year) or when it is not a real day and month."""
    try:
        day = Date().parse(text, _SOME_LEAP_YEAR_DAY)
    except KindError:
        raise FieldValueError("must be a day and month, such as 1 April") from None
    try:
        Date().parse(text)
    except KindError:
        return Date().show(day).rsplit(" ", 1)[0]
    raise FieldValueError("gives a year, but it is the same day every year: write the day and month only, such as 1 April")


def check_order(fields: dict[str, LetterField], values: dict) -> list[tuple[str, str]]:
    """(field name, problem) for each date field before the date field it is ``not_before``
    (a period's last day before its first); fields without a value are not compared."""
    shown = Date().show
    problems = []
    for name, field in fields.items():
        earlier = values.get(field.not_before) if field.not_before else None
        value = values.get(name)
        if isinstance(value, dt.date) and isinstance(earlier, dt.date) and value < earlier:
            problems.append((name, f"is {shown(value)}, before '{field.not_before}' ({shown(earlier)}): "
                                   f"it must be on or after it"))
    return problems


def _choice(field: LetterField, raw: Any) -> str:
    text = ("yes" if raw else "no") if isinstance(raw, bool) else str(raw).strip()  # a bare YAML yes/no is a bool
    for choice in field.choices or []:
        if text.lower() == choice.lower():
            return choice
    raise FieldValueError(f"must be one of: {', '.join(field.choices or [])}")


def _list(field: LetterField, raw: Any) -> list[str]:
    items = _LIST_SPLIT.split(raw.strip()) if isinstance(raw, str) else raw
    if not isinstance(items, (list, tuple)):
        raise FieldValueError("must be a list (in a spreadsheet, separate the items with ';')")
    out = [_text(field, item) for item in items if not _blank(item)]
    if field.required and not out:
        raise FieldValueError("is required but the list is empty")
    return out


_CONVERTERS = {
    "text": _text,
    "money": _money,
    "date": _date,
    "number": _number,
    "choice": _choice,
    "list": _list,
}


def to_plain(value: Any) -> Any:
    """A converted value as JSON-ready data that converts back to the same value."""
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, list):
        return [to_plain(item) for item in value]
    return value
