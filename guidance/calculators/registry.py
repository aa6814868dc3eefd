"""Every calculator by name, with the inputs it takes, so flows and the CLI call them the same way.

``run_calculator(name, inputs, rates, on)`` returns the dict ``guidance calc NAME --json`` prints:
amounts as decimal text ("123.25"), dates as ISO text. Input keys are the CLI option names with
underscores (``days_per_week``, ``sick_start``). An unknown name or input is a CalculatorError.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Callable

from guidance.calculators.average_earnings import average_weekly_earnings
from guidance.calculators.common import CalculatorError, date_value, jsonable
from guidance.calculators.employer_cost import employer_cost
from guidance.calculators.holiday import holiday_entitlement
from guidance.calculators.minimum_wage import minimum_wage
from guidance.calculators.redundancy import redundancy_pay
from guidance.calculators.sick_pay import statutory_sick_pay
from guidance.calculators.tribunal import tribunal_deadline


@dataclass(frozen=True)
class Calculator:
    name: str
    title: str
    function: Callable[..., dict]
    inputs: tuple[str, ...]
    required: tuple[str, ...]
    headline: tuple[str, ...]


CALCULATORS: dict[str, Calculator] = {
    c.name: c
    for c in (
        Calculator(
            "holiday",
            "Statutory holiday entitlement",
            holiday_entitlement,
            ("basis", "days_per_week", "hours_per_week", "shifts_per_pattern", "days_per_pattern", "hours_worked",
             "leave_year_start", "start_date", "leaving_date"),
            ("basis",),
            ("entitlement_days", "entitlement_hours", "entitlement_shifts", "entitlement_weeks"),
        ),
        Calculator(
            "sick-pay",
            "Statutory Sick Pay",
            statutory_sick_pay,
            ("sick_start", "sick_end", "work_days", "average_weekly_earnings", "linked_start", "linked_end"),
            ("sick_start", "sick_end", "work_days", "average_weekly_earnings"),
            ("ssp_total", "payable_days", "waiting_days"),
        ),
        Calculator(
            "redundancy",
            "Statutory redundancy pay",
            redundancy_pay,
            ("age", "years", "weekly_pay", "date", "weekly_cap"),
            ("age", "years", "weekly_pay"),
            ("statutory_redundancy_pay", "weeks_of_pay"),
        ),
        Calculator(
            "minimum-wage",
            "Minimum wage",
            minimum_wage,
            ("age", "apprentice", "on", "pay", "hours", "pay_period_days", "accommodation_charge", "nights"),
            ("age",),
            ("minimum_hourly_rate", "total_entitlement", "minimum_wage_or_above"),
        ),
        Calculator(
            "tribunal-deadline",
            "Employment tribunal time limit",
            tribunal_deadline,
            ("event_date", "claim_type", "acas_day_a", "acas_day_b", "et1_sent"),
            (),
            ("last_day_to_claim", "et3_due"),
        ),
        Calculator(
            "average-earnings",
            "Average weekly earnings",
            average_weekly_earnings,
            ("purpose", "frequency", "payments", "sick_start", "due_date", "qualifying_week_end", "holiday_start",
             "employment_start", "skip_weeks"),
            ("payments",),
            ("average_weekly_earnings", "relevant_period_start", "relevant_period_end", "weeks_counted",
             "at_or_above_limit"),
        ),
        Calculator(
            "employer-cost",
            "Cost of employing a PA",
            employer_cost,
            ("hourly_rate", "hours_per_week", "age", "on"),
            ("hourly_rate", "hours_per_week"),
            ("weekly_wages", "yearly_wages", "employer_ni_yearly", "employer_pension_yearly", "holiday_cover_yearly",
             "total_yearly", "total_weekly"),
        ),
    )
}


def _truthy(value) -> bool:
    if isinstance(value, bool):
        return value
    text = str(value).strip().lower()
    if text in ("yes", "true", "1", "y"):
        return True
    if text in ("no", "false", "0", "n", ""):
        return False
    raise CalculatorError(f"apprentice: '{value}' is not yes or no")


def calculate(name: str, inputs: dict, rates, on: dt.date) -> dict:
    """Run a calculator by name on ``inputs``; results keep Decimal and date values."""
    calculator = CALCULATORS.get(name)
    if calculator is None:
        raise CalculatorError(f"unknown calculator '{name}': use one of {', '.join(CALCULATORS)}")
    given = {k: v for k, v in (inputs or {}).items() if v is not None}
    unknown = sorted(set(given) - set(calculator.inputs))
    if unknown:
        raise CalculatorError(f"{name}: unknown input(s) {', '.join(unknown)}; it takes {', '.join(calculator.inputs)}")
    missing = [key for key in calculator.required if given.get(key) in (None, "")]
    if missing:
        raise CalculatorError(f"{name}: missing input(s) {', '.join(missing)}")
    kwargs = dict(given)
    if "on" in kwargs:
        on = date_value(kwargs.pop("on"), "on")
    if "date" in kwargs:
        on = date_value(kwargs.pop("date"), "date")
    if "apprentice" in kwargs:
        kwargs["apprentice"] = _truthy(kwargs["apprentice"])
    return calculator.function(rates=rates, on=on, **kwargs)


def run_calculator(name: str, inputs: dict, rates, on: dt.date) -> dict:
    """Run a calculator by name; the JSON-able result (amounts as decimal text, dates ISO)."""
    result = jsonable(calculate(name, inputs, rates, on))
    result["calculator"] = name
    return result
