"""Every calculator by name, with the inputs it takes, so flows, the CLI and the app call them the same way.

Each calculator declares its inputs once, as a tuple of :class:`guidance.kinds.Field` (name,
label, kind with its bounds and choices, unit, help, whether needed) in its own module
(``FIELDS``); the command-line options and the app's form are made from that declaration, and
``calculate`` reads every value through it before the calculator runs.

``calculate(name, inputs, rates, on)`` returns the result as a dict keeping Decimal and date values
(what flows compare); ``run_calculator(name, inputs, rates, on)`` returns the dict
``guidance calc NAME --json`` prints: amounts as decimal text ("123.25"), dates as ISO text.
Input keys are the field names (``days_per_week``, ``sick_start``). An unknown name or input is a
CalculatorError; every missing input ("Last day off sick: this is needed") and value that does not
fit its field is found at once, each a problem naming the field by its label (``.field`` holds
its name; several come together as ``CalculatorErrors``, see ``read_inputs``).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Callable

from guidance.calculators import average_earnings, employer_cost, holiday, minimum_wage, redundancy, sick_pay, tribunal
from guidance.calculators.common import CalculatorError, as_dict, jsonable, raise_all
from guidance.calculators.unusual import unusual_inputs
from guidance.kinds import Field, FieldError

#: Inputs that set the day the rates are read for, instead of the day it is run.
DAY_INPUTS = ("on", "date")


@dataclass(frozen=True)
class Calculator:
    name: str
    title: str
    function: Callable[..., object]
    fields: tuple[Field, ...]
    headline: tuple[str, ...]
    #: When each input that is not always needed is needed (the module's ``NEEDED_WHEN``).
    needed_when: dict = field(default_factory=dict)

    @property
    def inputs(self) -> tuple[str, ...]:
        """The input names, in the order they are asked for."""
        return tuple(f.name for f in self.fields)

    @property
    def required(self) -> tuple[str, ...]:
        return tuple(f.name for f in self.fields if f.required)

    def field(self, name: str) -> Field:
        for item in self.fields:
            if item.name == name:
                return item
        raise KeyError(name)

    def when_needed(self, name: str) -> str:
        """What a form adds to the input's label: "" (always needed), " (optional)", or when it
        is needed, naming each choice as the form shows it: " (needed when How the PA works is
        'days per week', 'hours per week' or 'compressed hours')"."""
        if self.field(name).required:
            return ""
        rule = self.needed_when.get(name)
        return f" ({rule.words(self.fields)})" if rule else " (optional)"


CALCULATORS: dict[str, Calculator] = {
    c.name: c
    for c in (
        Calculator(
            "holiday",
            "Statutory holiday entitlement",
            holiday.holiday_entitlement,
            holiday.FIELDS,
            ("entitlement_days", "entitlement_hours", "entitlement_shifts", "entitlement_weeks"),
            holiday.NEEDED_WHEN,
        ),
        Calculator(
            "sick-pay",
            "Statutory Sick Pay",
            sick_pay.statutory_sick_pay,
            sick_pay.FIELDS,
            ("ssp_total", "payable_days", "waiting_days"),
        ),
        Calculator(
            "redundancy",
            "Statutory redundancy pay",
            redundancy.redundancy_pay,
            redundancy.FIELDS,
            ("statutory_redundancy_pay", "weeks_of_pay"),
        ),
        Calculator(
            "minimum-wage",
            "Minimum wage",
            minimum_wage.minimum_wage,
            minimum_wage.FIELDS,
            ("minimum_hourly_rate", "total_entitlement", "minimum_wage_or_above"),
        ),
        Calculator(
            "tribunal-deadline",
            "Employment tribunal time limit",
            tribunal.tribunal_deadline,
            tribunal.FIELDS,
            ("last_day_to_claim", "latest_day_claim_may_be_in_time", "et3_due"),
        ),
        Calculator(
            "average-earnings",
            "Average weekly earnings",
            average_earnings.average_weekly_earnings,
            average_earnings.FIELDS,
            ("average_weekly_earnings", "relevant_period_start", "relevant_period_end", "weeks_counted",
             "at_or_above_limit"),
            average_earnings.NEEDED_WHEN,
        ),
        Calculator(
            "employer-cost",
            "Cost of employing a PA",
            employer_cost.employer_cost,
            employer_cost.FIELDS,
            ("weekly_wages", "yearly_wages", "employer_ni_yearly", "employer_pension_yearly", "holiday_cover_yearly",
             "total_yearly", "total_weekly"),
        ),
    )
}


def read_inputs(calculator: Calculator, inputs: dict, on: dt.date | None = None) -> dict:
    """Every given input read through its field: typed values, blanks left out; ``on``, the day
    the sum is worked out for, gives a year to a date typed without one ("23 november").

    CalculatorError for an unknown input. Every missing input, value that does not fit its field
    and second one of an ``exclusive`` group is found before anything is raised: one problem is a
    CalculatorError, more a :class:`CalculatorErrors` holding each (each message names its field
    by its label, and ``.field`` holds its name).
    """
    given = {k: v for k, v in (inputs or {}).items() if v is not None}
    unknown = sorted(set(given) - set(calculator.inputs))
    if unknown:
        raise CalculatorError(
            f"{calculator.name}: unknown {'inputs' if len(unknown) > 1 else 'input'} {', '.join(unknown)}; it takes {', '.join(calculator.inputs)}"
        )
    values, problems = {}, []
    for item in calculator.fields:
        if item.name not in given and not item.required:
            continue
        try:
            value = item.parse(given.get(item.name), on)
        except FieldError as exc:
            problems.append(CalculatorError(str(exc), exc.field))
            continue
        if value is not None:
            values[item.name] = value
    problems += _exclusive_problems(calculator, values)
    raise_all(problems)
    return values


def _exclusive_problems(calculator: Calculator, values: dict) -> list[CalculatorError]:
    """A problem for each group of ``exclusive`` fields given more than one value."""
    groups: dict[str, list[Field]] = {}
    for item in calculator.fields:
        if item.exclusive and item.name in values:
            groups.setdefault(item.exclusive, []).append(item)
    return [CalculatorError(f"give only one of: {', '.join(f.label for f in together)}", together[1].name)
            for together in groups.values() if len(together) > 1]


def calculate(name: str, inputs: dict, rates, on: dt.date) -> dict:
    """Run a calculator by name on ``inputs``; the result as a dict keeping Decimal and date values."""
    return as_dict(calculate_result(name, inputs, rates, on))


def calculate_result(name: str, inputs: dict, rates, on: dt.date):
    """Run a calculator by name on ``inputs``; its typed result (a frozen dataclass)."""
    calculator = _named(name)
    return _run(calculator, read_inputs(calculator, inputs, on), rates, on)


def _named(name: str) -> Calculator:
    calculator = CALCULATORS.get(name)
    if calculator is None:
        raise CalculatorError(f"unknown calculator '{name}': use one of {', '.join(CALCULATORS)}")
    return calculator


def _run(calculator: Calculator, values: dict, rates, on: dt.date):
    kwargs = dict(values)
    for key in DAY_INPUTS:
        if key in kwargs:
            on = kwargs.pop(key)
    return calculator.function(rates=rates, on=on, **kwargs)


def _rates_day(values: dict, on: dt.date) -> dt.date:
    """The day the rates are read for: a day input when given, else ``on``."""
    return next((values[key] for key in DAY_INPUTS if key in values), on)


def _latest_day(values: dict, on: dt.date) -> dt.date:
    """The latest day a calculation reads figures for: the rates' day or any date given."""
    days = [_rates_day(values, on)]
    for value in values.values():
        items = value if isinstance(value, tuple) else (value,)
        for item in items:
            item = item[0] if isinstance(item, tuple) and item else item  # (payday, amount)
            if isinstance(item, dt.date):
                days.append(item)
    return max(days)


def figures_note(rates, values: dict, on: dt.date) -> dict:
    """``figures_known_until`` (ISO, or None when the rates file does not say) and
    ``figures_may_change``: the warning, in words, when a day the calculation reads figures for
    is after it (None otherwise)."""
    known = getattr(rates, "known_until", None)
    return {"figures_known_until": known.isoformat() if known else None,
            "figures_may_change": rates.may_change(_latest_day(values, on)) if known else None}


def run_calculator(name: str, inputs: dict, rates, on: dt.date, unusual=None) -> dict:
    """Run a calculator by name; the JSON-able result (amounts as decimal text, dates ISO).

    ``unusual`` (the settings' bounds, :class:`guidance.content.settings.UnusualModel`) adds
    ``unusual``: a ``{"field", "warning"}`` for each input outside them, read out beside the
    figures (a warning, never a refusal; see :mod:`guidance.calculators.unusual`); and
    ``figures_known_until`` with ``figures_may_change``, the warning when the sum reads figures
    for a day after they are known to be right (see :func:`figures_note`)."""
    calculator = _named(name)
    values = read_inputs(calculator, inputs, on)
    result = jsonable(as_dict(_run(calculator, values, rates, on)))
    result["calculator"] = name
    result["unusual"] = unusual_inputs(calculator, values, on, unusual)
    result.update(figures_note(rates, values, on))
    return result
