"""Answers: turning what someone typed (or wrote in an answers file) into a checked value.

Values are plain Python: ``bool`` for yes/no, ``Decimal`` for numbers and money (never float),
``date`` for dates, ``str`` for a choice or text, a list of ``str`` for several-of and checklists.
They are stored as JSON with dates and decimals tagged, so a session reads back exactly.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from decimal import Decimal

from guidance.content.formatting import long_date, money
from guidance.flows.schema import Checklist, Info, Question
from guidance.kinds import DAY_NAMES, Date, DayList, KindError, YesNo, and_list, list_kind, read_decimal


class AnswerError(ValueError):
    """An answer that does not fit the question: the message says what would. ``node``: the
    question whose answer is at fault, when it is not the one just answered (a calculation that
    runs after a later answer can fail on an earlier date)."""

    def __init__(self, message: str, node: str | None = None):
        super().__init__(message)
        self.node = node


MAX_TEXT = 4000


def parse_answer(node, raw, applicable_items: list[str] | None = None, on: dt.date | None = None):
    """Check ``raw`` against the node and return the value to keep. ``on``, the day the answer
    is given, gives a year to a date typed without one ("23 november")."""
    if isinstance(node, Info):
        return True
    if isinstance(node, Checklist):
        return _parse_items(raw, applicable_items or [item.id for item in node.items], "item")
    if not isinstance(node, Question):
        raise AnswerError("this step takes no answer")
    if node.kind == "date":
        return _date(node, raw, on)
    if node.kind == "list":
        return _list(node, raw, on)
    parser = _PARSERS[node.kind]
    return parser(node, raw)


def _yes_no(node, raw) -> bool:
    try:
        return YesNo().parse(raw)
    except KindError:
        raise AnswerError("answer yes or no") from None


def _choice(node, raw) -> str:
    text = ("yes" if raw else "no") if isinstance(raw, bool) else str(raw).strip()  # a bare YAML yes/no is a bool
    for number, option in enumerate(node.options, start=1):
        if text == option.value or text.lower() == option.label.lower() or text == str(number):
            return option.value
    choices = ", ".join(f"{n} ({o.value})" for n, o in enumerate(node.options, start=1))
    raise AnswerError(f"choose one of: {choices}")


def _several(node, raw) -> list[str]:
    values = [o.value for o in node.options]
    _a_list(raw, values)
    if isinstance(raw, str):
        raw = [part for part in re.split(r"[,\s]+", raw.strip()) if part]
        if raw in (["none"], ["-"]):
            raw = []
    chosen = []
    for part in raw or []:
        text = str(part).strip()
        if text.isdigit() and 1 <= int(text) <= len(values):
            text = values[int(text) - 1]
        if text not in values:
            raise AnswerError(f"'{text}' is not one of: {', '.join(values)}")
        if text not in chosen:
            chosen.append(text)
    return [v for v in values if v in chosen]


def _a_list(raw, allowed: list[str]) -> None:
    """Several answers come as a list or 'a, b' text; a mapping ({mon: 1}) or a number is not
    read as its keys or digits but refused."""
    if raw is not None and not isinstance(raw, (str, list, tuple)):
        raise AnswerError(f"give a list of the answers that apply, e.g. [{', '.join(allowed[:2])}], not {type(raw).__name__} '{str(raw)[:40]}'")


def _parse_items(raw, allowed: list[str], what: str) -> list[str]:
    if raw is None:
        return []
    _a_list(raw, allowed)
    if isinstance(raw, str):
        raw = [part for part in re.split(r"[,\s]+", raw.strip()) if part and part not in ("none", "-")]
    chosen = []
    for part in raw:
        text = str(part).strip()
        if text.isdigit() and 1 <= int(text) <= len(allowed):
            text = allowed[int(text) - 1]
        if text not in allowed:
            raise AnswerError(f"'{text}' is not an {what} here: use {', '.join(allowed) or 'none'}")
        if text not in chosen:
            chosen.append(text)
    return [v for v in allowed if v in chosen]


def _decimal(raw, what: str) -> Decimal:
    """Read through :func:`guidance.kinds.read_decimal`: "12,71", "inf" and "1e400" are refused."""
    try:
        return read_decimal(raw, what)
    except KindError as exc:
        raise AnswerError(f"give {what}, e.g. 12.50: {exc}") from None


def _in_range(node, value: Decimal, shown) -> Decimal:
    if node.min is not None and value < node.min:
        raise AnswerError(f"the lowest answer allowed is {shown(node.min)}")
    if node.max is not None and value > node.max:
        raise AnswerError(f"the highest answer allowed is {shown(node.max)}")
    return value


def _number(node, raw) -> Decimal:
    value = _decimal(raw, "a number")
    if node.whole and value != value.to_integral_value():
        raise AnswerError("give a whole number")
    return _in_range(node, value, str)


def _money(node, raw) -> Decimal:
    value = _decimal(raw, "an amount in pounds")
    if value < 0:
        raise AnswerError("an amount cannot be negative")
    if value != value.quantize(Decimal("0.01")):
        raise AnswerError("give pounds and pence, e.g. 12.50")
    return _in_range(node, value, money)


def _date(node, raw, on: dt.date | None = None) -> dt.date:
    try:
        return Date().parse(raw, on)
    except KindError as exc:
        raise AnswerError(str(exc)) from None  # the kind's message already shows how to write one


def _text(node, raw) -> str:
    if isinstance(raw, bool):  # a bare yes/no in an answers file: never kept as "True"
        raise AnswerError('this question takes words, but the answer is a bare yes/no (read as true/false): '
                          'put it in quotes, e.g. "yes"')
    text = "" if raw is None else str(raw).strip()
    if not text and not node.optional:
        raise AnswerError("please write an answer")
    if len(text) > MAX_TEXT:
        raise AnswerError(f"keep it under {MAX_TEXT} characters")
    return text


def _list(node, raw, on: dt.date | None = None) -> tuple:
    """A list of the kind ``node.list_of`` names (dated amounts: ((date, Decimal), ...)); ``on``
    gives a year to a date in it typed without one."""
    try:
        return list_kind(node.list_of).parse(raw, on)
    except KindError as exc:
        raise AnswerError(str(exc)) from None


_PARSERS = {
    "yes_no": _yes_no,
    "choice": _choice,
    "several": _several,
    "number": _number,
    "money": _money,
    "date": _date,
    "text": _text,
    "list": _list,
}


def _several(labels: dict, value) -> str:
    """Options picked, by kind: days of the week as DayList shows them ("Monday, Tuesday and
    Wednesday"), others by label joined the same way (never by ";", which separates answers)."""
    if value and all(str(v) in DAY_NAMES for v in value):
        return DayList().show(DayList().parse(list(value)))
    return and_list([labels.get(v, v) for v in value])


def display(node, value) -> str:
    """An answer written the way a person reads it back."""
    if isinstance(node, Question):
        labels = {o.value: o.label for o in node.options}
        if node.kind == "yes_no":
            return "Yes" if value else "No"
        if node.kind == "choice":
            return labels.get(value, str(value))
        if node.kind == "several":
            return _several(labels, value) or "None of these"
        if node.kind == "money":
            return money(value, pence=True)
        if node.kind == "date":
            return long_date(value)
        if node.kind == "list":
            return list_kind(node.list_of).show(value) or "None"
        return str(value)
    if isinstance(node, Checklist):
        texts = {item.id: item.text for item in node.items}
        return "; ".join(texts.get(v, v) for v in value) or "Nothing ticked yet"
    return "Seen"


def to_json_value(value):
    """Tag dates and decimals so they come back as the same types."""
    if isinstance(value, bool) or value is None:
        return value
    if isinstance(value, dt.date):
        return {"$date": value.isoformat()}
    if isinstance(value, Decimal):
        return {"$decimal": str(value)}
    if isinstance(value, dict):
        return {str(k): to_json_value(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [to_json_value(v) for v in value]
    return value


def from_json_value(value):
    if isinstance(value, dict):
        if set(value) == {"$date"}:
            return dt.date.fromisoformat(value["$date"])
        if set(value) == {"$decimal"}:
            return Decimal(value["$decimal"])
        return {k: from_json_value(v) for k, v in value.items()}
    if isinstance(value, list):
        return [from_json_value(v) for v in value]
    return value


def dumps(value) -> str:
    return json.dumps(to_json_value(value), ensure_ascii=False, separators=(",", ":"), sort_keys=True)


def loads(text: str):
    return from_json_value(json.loads(text))
