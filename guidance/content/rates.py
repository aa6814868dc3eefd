"""Effective-dated figures: every number a page, calculator or letter quotes.

Each figure has a list of periods, each with the date it took effect. ``Rates.value(key, on)``
returns the value in force on that day. A date before the first period is an error, not a guess:
we would rather refuse than quote an old minimum wage to a caller. A date after
``figures_known_until`` (the file's one entry that is not a figure) gets the latest figures, and
``Rates.may_change(day)`` says in words that they may change.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from guidance.content.formatting import format_value, long_date
from guidance.problems import Problems
from guidance.values import too_large
from guidance.yamlio import ContentYamlError, load_yaml, pydantic_problems, read_text

Unit = Literal["money", "percent", "weeks", "days", "months", "years", "hours", "number", "yes-no"]

#: A ``yes-no`` rule (does the duty apply on this day?) is stored as 1 (yes) or 0 (no).
_YES_NO = {"yes": Decimal(1), "no": Decimal(0), True: Decimal(1), False: Decimal(0)}


#: Figures are kept from the start of tax year 2015 to 2016 (some rules began later).
FIGURES_FROM = dt.date(2015, 4, 6)
#: The rates file's one entry that is not a figure: the last day every figure in it is known to
#: be right (the day before the next April's changes, whose figures are not yet all published).
KNOWN_UNTIL = "figures_known_until"


def before_figures(day: dt.date) -> str:
    """Why nothing can be worked out for ``day``, a day before ``FIGURES_FROM``, in plain words."""
    return f"figures are kept from {FIGURES_FROM.day} {FIGURES_FROM:%B %Y}, so none can be shown for {day.day} {day:%B %Y}"


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
    #: Figures that change together (the minimum wage bands): each new period of one should
    #: start on the same date in all of them, or a year was only half entered.
    group: str | None = Field(default=None, pattern=r"^[a-z][a-z0-9_]*$")
    periods: list[Period] = Field(min_length=1)

    def in_force(self, on: dt.date) -> Period:
        current = None
        for period in self.periods:
            if period.start <= on:
                current = period
        if current is None:
            raise RateError(f"no value before {self.periods[0].start.isoformat()}")
        return current


class RatesFile(BaseModel):
    """The rates file's shape, for editors' schemas: each figure by its key, and the last day
    they are all known to be right (``figures_known_until``)."""

    model_config = ConfigDict(extra="allow")

    figures_known_until: dt.date | None = Field(
        default=None, description="the last day every figure is known to be right (the day before next April's changes)"
    )
    __pydantic_extra__: dict[str, Rate]


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

    def __init__(self, rates: dict[str, Rate], path: str = "rates.yaml", broken: bool = False, lines: dict | None = None,
                 known_until: dt.date | None = None):
        self.rates = rates
        #: The last day every figure is known to be right (``figures_known_until`` in the file);
        #: None when the file does not say, and then no figure is said to be unconfirmed.
        self.known_until = known_until
        self.path = path
        self.lines = lines or {}
        #: Keys in the file that were left out because something in them is wrong.
        self.invalid: set[str] = set()
        #: True when the file could not be read at all (missing, not YAML): every figure is absent.
        self.broken = broken

    def keys(self) -> list[str]:
        return sorted(self.rates)

    def line_of(self, key: str) -> int | None:
        """Line of ``key`` in the rates file, for problems about a figure."""
        return self.lines.get((key,))

    def __contains__(self, key: str) -> bool:
        return key in self.rates

    def get(self, key: str) -> Rate:
        try:
            return self.rates[key]
        except KeyError:
            from guidance.content.suggest import did_you_mean

            raise RateError(f"unknown rate '{key}'{did_you_mean(key, self.rates)}") from None

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

    def may_change(self, day: dt.date) -> str | None:
        """For a day after the figures are known to be right: what to tell people beside them
        (the latest figures are used, and may change); None for a day they are known for."""
        if self.known_until is None or day <= self.known_until:
            return None
        return (f"The figures are known to be right until {long_date(self.known_until)}; for {long_date(day)} "
                "these are the latest on record and may change when new figures are published.")

    def not_known_yet(self, key: str, day: dt.date) -> str | None:
        """Plain words for a user when ``key`` is needed from ``day`` but that day is after the
        figures are known (``figures_known_until``); None for a day they are known for.

        The one wording for a figure not published yet, wherever it is missing (a letter, a
        calculator, a page); the file and key are for ``content check``, not for this message."""
        if self.known_until is None or day <= self.known_until:
            return None
        name = self.rates[key].label if key in self.rates else key.replace("_", " ")
        name = name.split(" (")[0].split(",")[0].strip()
        return (f"The {name} from {long_date(day)} is not published in guidance yet: figures are known up to "
                f"{long_date(self.known_until)}. Ask your team leader to add it when it is announced.")

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
    for index, period in enumerate(rate.periods):
        try:
            if not period.value.is_finite() or too_large(period.value):
                raise ValueError("not a usable amount")
            format_value(period.value, rate.unit)
        except (ArithmeticError, ValueError):
            problems.error(
                path,
                doc.line_of(key, "periods", index),
                f"rate '{key}': the period from {period.start.isoformat()} has a value that cannot be written out "
                f"({str(period.value)[:20]}); give it as a plain number such as 12.71",
            )
            ok = False
    return ok


def load_rates(path: Path, problems: Problems, display: str | None = None) -> Rates:
    """Load and check the rates file. Bad entries are reported and left out; the rest load."""
    shown = display or str(path)
    try:
        doc = load_yaml(read_text(path))
    except FileNotFoundError:
        problems.error(shown, None, "rates file is missing")
        return Rates({}, shown, broken=True)
    except ContentYamlError as exc:
        problems.error(shown, exc.line, exc.message)
        return Rates({}, shown, broken=True)
    if not isinstance(doc.data, dict):
        problems.error(shown, 1, "rates file must be a mapping of rate keys to figures")
        return Rates({}, shown, broken=True)
    rates: dict[str, Rate] = {}
    invalid: set[str] = set()
    known_until = _known_until(doc, shown, problems)
    for key, raw in doc.data.items():
        if key == KNOWN_UNTIL:
            continue
        try:
            rate = Rate.model_validate(raw)
        except ValidationError as exc:
            for line, msg in pydantic_problems(exc, doc, (key,)):
                problems.error(shown, line, f"rate '{key}': {msg}")
            invalid.add(str(key))
            continue
        if _check_periods(str(key), rate, doc, shown, problems):
            rates[str(key)] = rate
        else:
            invalid.add(str(key))
    _check_groups(rates, doc, shown, problems)
    loaded = Rates(rates, shown, lines=doc.lines, known_until=known_until)
    loaded.invalid = invalid
    return loaded


def _known_until(doc, path: str, problems: Problems) -> dt.date | None:
    """``figures_known_until`` as a date; absent is None, a slip an error at its line."""
    if KNOWN_UNTIL not in doc.data:
        return None
    raw = doc.data[KNOWN_UNTIL]
    try:
        day = raw if isinstance(raw, dt.date) else dt.date.fromisoformat(str(raw).strip())
    except ValueError:
        day = None
    if day is None or not FIGURES_FROM <= day <= dt.date(2100, 12, 31):
        problems.error(path, doc.line_of(KNOWN_UNTIL),
                       f"{KNOWN_UNTIL} must be a real date written year first, e.g. 2027-03-31, "
                       f"from {long_date(FIGURES_FROM)} on (not {str(raw)[:30]!r})")
        return None
    return day


def _check_groups(rates: dict[str, Rate], doc, path: str, problems: Problems) -> None:
    """Warn when figures in one group do not all have a period starting on the same dates.

    A new April's National Living Wage entered without the 18-20, under-18 and apprentice
    rates would otherwise pass, and the calculator would quote last year's youth rates. Only
    dates after the last date all of the group's figures share are compared: before that, the
    figures really did change on different days (the National Living Wage began in April 2016,
    the other minimum wage rates changed that October).
    """
    groups: dict[str, list[str]] = {}
    for key, rate in rates.items():
        if rate.group:
            groups.setdefault(rate.group, []).append(key)
    for group, keys in groups.items():
        starts = {key: {p.start for p in rates[key].periods} for key in keys}
        latest_first = max(min(s) for s in starts.values())  # only dates every figure could have
        shared = set.intersection(*starts.values())
        after = max(shared) if shared else None
        every = set().union(*starts.values())
        for key in keys:
            missing = sorted(d for d in every - starts[key] if d >= latest_first and (after is None or d > after))
            if not missing:
                continue
            others = sorted(k for k in keys if missing[0] in starts[k])
            problems.warning(
                path,
                doc.line_of(key, "periods"),
                f"rate '{key}' (group '{group}') has no period from {missing[0].isoformat()}, "
                f"but {', '.join(others)} {'does' if len(others) == 1 else 'do'}: was the new year only half entered?",
            )

