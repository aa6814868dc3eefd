"""An input a choice makes needed says so from the start, naming the choice as the form shows it
("needed when How the PA works is 'days per week'", as letter forms do), never "(optional)"; and
leaving it out is told in the same words, for every calculator with such an input."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from guidance.calculators import CalculatorError
from guidance.calculators.registry import CALCULATORS, calculate
from guidance.content.rates import load_rates
from guidance.problems import Problems

REPO = Path(__file__).resolve().parents[1]
ON = dt.date(2026, 6, 1)
DECLARED = [(c.name, name) for c in CALCULATORS.values() for name in c.needed_when]


@pytest.fixture(scope="module")
def rates():
    return load_rates(REPO / "content" / "rates.yaml", Problems())


def test_every_calculator_with_a_choice_dependent_input_declares_it():
    assert {name for name, _ in DECLARED} == {"holiday", "average-earnings"}
    assert {field for name, field in DECLARED if name == "holiday"} >= {
        "days_per_week", "hours_per_week", "shifts_per_pattern", "days_per_pattern", "hours_worked"}


@pytest.mark.parametrize("calculator, name", DECLARED)
def test_the_label_says_when_it_is_needed_with_choices_as_the_form_shows_them(calculator, name):
    calc = CALCULATORS[calculator]
    note = calc.when_needed(name)
    rule = calc.needed_when[name]
    choice = calc.field(rule.choice)
    assert note.startswith(f" (needed when {choice.label} is '") and "optional" not in note
    for value in rule.values:
        assert f"'{choice.kind.show(value)}'" in note
    assert "-" not in note.split(" is ", 1)[1].split(",")[0]


def test_the_holiday_days_a_week_label():
    assert CALCULATORS["holiday"].when_needed("days_per_week") == (
        " (needed when How the PA works is 'days per week', 'hours per week' or 'compressed hours')")
    assert CALCULATORS["holiday"].when_needed("start_date") == " (optional)"
    assert CALCULATORS["holiday"].when_needed("basis") == ""


@pytest.mark.parametrize("inputs, field, said", [
    ({"basis": "irregular-hours", "leave_year_start": "2026-04-01"}, "hours_worked",
     "Hours worked in the pay period: needed when How the PA works is 'irregular hours'"),
    ({"basis": "irregular-hours", "hours_worked": "10"}, "leave_year_start",
     "Leave year starts: needed when How the PA works is 'irregular hours'"),
    ({"basis": "days-per-week"}, "days_per_week", "Days worked a week: needed when How the PA works is 'days per week'"),
])
def test_holiday_left_out_is_told_with_the_choice_as_shown(rates, inputs, field, said):
    with pytest.raises(CalculatorError) as caught:
        calculate("holiday", inputs, rates, ON)
    (problem,) = caught.value.problems
    assert problem.field == field and str(problem).startswith(said)


@pytest.mark.parametrize("inputs, field, said", [
    ({"payments": "2026-01-30=1000", "purpose": "family", "due_date": "2026-09-01"}, "frequency",
     "How often the PA is paid: needed when What the average is for is 'family'"),
    ({"payments": "2026-01-30=1000", "purpose": "family", "frequency": "monthly"}, "due_date",
     "Date the baby is due: needed when What the average is for is 'family'"),
])
def test_average_earnings_left_out_is_told_with_the_choice_as_shown(rates, inputs, field, said):
    with pytest.raises(CalculatorError) as caught:
        calculate("average-earnings", inputs, rates, ON)
    (problem,) = caught.value.problems
    assert problem.field == field and str(problem).startswith(said)
