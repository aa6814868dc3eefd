"""Effective-dated figures: every number a page, calculator or letter quotes.

Each figure has a list of periods, each with the date it took effect. ``Rates.value(key, on)``
returns the value in force on that day. A date before the first period is an error, not a guess:
we would rather refuse than quote an old minimum wage to a caller.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from guidance.content.formatting import format_value
from guidance.problems import Problems
from guidance.yamlio import ContentYamlError, load_yaml, pydantic_problems

Unit = Literal["money", "percent", "weeks", "days", "months", "years", "hours", "number", "yes-no"]

#: A ``yes-no`` rule (does the duty apply on this day?) is stored as 1 (yes) or 0 (no).
_YES_NO = {"yes": Decimal(1), "no": Decimal(0), True: Decimal(1), False: Decimal(0)}


class RateError(LookupError):
    """A figure that is unknown, or not in force on the date asked."""


class Period(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    start: dt.date = Field(alias="from")
    value: Decimal
    #: The instrument or page that set this period's value (an SI, an up-rating order, GOV.UK).
    source: str | None = Field(default=None, min_length=3)

    @field_validator("value", mode="before")
    @classmethod
    def _no_floats(cls, value):
        # yes/no rules: YAML reads a bare yes/no as true/false; both spellings are accepted.
        if isinstance(value, bool) or (isinstance(value, str) and value.strip().lower() in ("yes", "no")):
            return _YES_NO[value if isinstance(value, bool) else value.strip().lower()]
        # YAML floats such as 12.21 are binary approximations; go through their text form.
        return str(value) if isinstance(value, (int, float)) else value


class Rate(BaseModel):
    """One figure and its history."""

    model_config = ConfigDict(extra="forbid")

    label: str = Field(min_length=3)
    unit: Unit
    source: str = Field(min_length=3)
    url: str | None = None
    periods: list[Period] = Field(min_length=1)

    def in_force(self, on: dt.date) -> Period:
        current = None
        for period in self.periods:
            if period.start <= on:
                current = period
        if current is None:
            raise RateError(f"no value before {self.periods[0].start.isoformat()}")
        return current


@dataclass(frozen=True)
class Figure:
    """A rate's value on a day, which prints itself the way a reader expects (£12.71, 15%)."""

    key: str
    value: Decimal
    unit: str
    since: dt.date

    def __str__(self) -> str:
        return format_value(self.value, self.unit)

    @property
    def rule(self) -> Decimal | bool:
        """The value for a condition in a text: True/False for a yes-no rule, else the number."""
        return self.value != 0 if self.unit == "yes-no" else self.value


class Rates:
    """All figures, loaded from ``content/rates.yaml``."""

    def __init__(self, rates: dict[str, Rate], path: str = "rates.yaml"):
        self.rates = rates
        self.path = path

    def keys(self) -> list[str]:
        return sorted(self.rates)

    def __contains__(self, key: str) -> bool:
        return key in self.rates

    def get(self, key: str) -> Rate:
        try:
            return self.rates[key]
        except KeyError:
            raise RateError(f"unknown rate '{key}'") from None

    def figure(self, key: str, on: dt.date) -> Figure:
        rate = self.get(key)
        try:
            period = rate.in_force(on)
        except RateError as exc:
            raise RateError(f"rate '{key}' has {exc} (asked for {on.isoformat()})") from None
        return Figure(key, period.value, rate.unit, period.start)

    def value(self, key: str, on: dt.date) -> Decimal:
        return self.figure(key, on).value

    def boundaries(self, key: str) -> list[dt.date]:
        """The days ``key`` changed (each period's start), oldest first. Raises RateError."""
        return [period.start for period in self.get(key).periods]

    def period_source(self, key: str, on: dt.date) -> str:
        """The source of the value in force on ``on``: the period's own, else the figure's."""
        rate = self.get(key)
        try:
            period = rate.in_force(on)
        except RateError as exc:
            raise RateError(f"rate '{key}' has {exc} (asked for {on.isoformat()})") from None
        return period.source or rate.source

    def in_force(self, on: dt.date) -> list[tuple[str, Rate, Figure]]:
        """Every figure that has a value on ``on``, for `guidance rates`."""
        out = []
        for key in self.keys():
            try:
                out.append((key, self.rates[key], self.figure(key, on)))
            except RateError:
                continue
        return out


def _check_periods(key: str, rate: Rate, doc, path: str, problems: Problems) -> bool:
    ok = True
    for index in range(1, len(rate.periods)):
        before, after = rate.periods[index - 1], rate.periods[index]
        if after.start <= before.start:
            problems.error(
                path,
                doc.line_of(key, "periods", index),
                f"rate '{key}': periods must be in date order with no two on the same day "
                f"({after.start.isoformat()} follows {before.start.isoformat()})",
            )
            ok = False
    if rate.unit == "percent" and any(p.value > 100 for p in rate.periods):
        problems.error(path, doc.line_of(key), f"rate '{key}': a percentage above 100")
        ok = False
    if any(p.value < 0 for p in rate.periods):
        problems.error(path, doc.line_of(key), f"rate '{key}': a negative value")
        ok = False
    if rate.unit == "yes-no" and any(p.value not in (0, 1) for p in rate.periods):
        problems.error(path, doc.line_of(key), f"rate '{key}': a yes-no rule takes only yes or no")
        ok = False
    return ok


def load_rates(path: Path, problems: Problems, display: str | None = None) -> Rates:
    """Load and check the rates file. Bad entries are reported and left out; the rest load."""
    shown = display or str(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        problems.error(shown, None, "rates file is missing")
        return Rates({}, shown)
    except UnicodeDecodeError as exc:
        problems.error(shown, None, f"not UTF-8 text (byte {exc.start}); save the file as UTF-8")
        return Rates({}, shown)
    try:
        doc = load_yaml(text)
    except ContentYamlError as exc:
        problems.error(shown, exc.line, exc.message)
        return Rates({}, shown)
    if not isinstance(doc.data, dict):
        problems.error(shown, 1, "rates file must be a mapping of rate keys to figures")
        return Rates({}, shown)
    rates: dict[str, Rate] = {}
    for key, raw in doc.data.items():
        try:
            rate = Rate.model_validate(raw)
        except ValidationError as exc:
            for line, msg in pydantic_problems(exc, doc, (key,)):
                problems.error(shown, line, f"rate '{key}': {msg}")
            continue
        if _check_periods(str(key), rate, doc, shown, problems):
            rates[str(key)] = rate
    return Rates(rates, shown)

