"""Every calculator input's example (the "e.g." its placeholder and help show) is an answer that
input accepts, inside its bounds and inside the ``unusual:`` bounds in content/settings.yaml: an
age like 25, days a week like 3 or 4.5, weekly pay like 250.00, never "an age, e.g. 3"."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest

from guidance.calculators.registry import CALCULATORS
from guidance.calculators.unusual import unusual_inputs
from guidance.content.settings import load_settings
from guidance.kinds import Choice, Field, Number, Whole, YesNo
from guidance.problems import Problems

REPO = Path(__file__).resolve().parents[1]
ON = dt.date(2026, 6, 1)
INPUTS = [(calc, item) for calc in CALCULATORS.values() for item in calc.fields
          if not isinstance(item.kind, (Choice, YesNo))]


def _unusual():
    problems = Problems()
    settings = load_settings(REPO / "content", "content", problems)
    assert not problems.errors
    return settings.unusual


@pytest.mark.parametrize("calc,item", INPUTS, ids=[f"{c.name}-{i.name}" for c, i in INPUTS])
def test_example_is_accepted_and_usual(calc, item):
    examples = item.examples
    assert examples, f"{item.label} shows no example"
    unusual = _unusual()
    for example in examples:
        value = item.parse(example)
        if isinstance(item.kind, Number):
            assert not unusual_inputs(calc, {item.name: value}, ON, unusual), (item.label, example)


def test_named_examples_fit_what_they_ask():
    fields = {(c.name, i.name): i for c, i in INPUTS}
    assert fields[("employer-cost", "age")].examples == ("25",)
    assert fields[("holiday", "days_per_week")].examples == ("3", "4.5")
    assert fields[("sick-pay", "average_weekly_earnings")].examples == ("250.00",)
    assert fields[("employer-cost", "hourly_rate")].examples == ("12.71",)
    assert fields[("holiday", "hours_per_week")].examples == ("16", "37.5")
    assert "e.g. 25" in fields[("minimum-wage", "age")].describe()


def test_an_example_outside_the_bounds_is_caught():
    item = Field("age", "PA's age", Whole(minimum=0, maximum=120), example="3")
    calc = CALCULATORS["employer-cost"]
    assert unusual_inputs(calc, {"age": item.parse(item.examples[0])}, ON, _unusual())
    assert Field("x", "X", Number(maximum=Decimal(7)), example="16").examples == ("16",)
    with pytest.raises(Exception):
        Field("x", "X", Number(maximum=Decimal(7)), example="16").parse("16")


WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
DAY_INPUTS = [(c, i) for c, i in INPUTS if any(day in i.label for day in WEEKDAYS)]


@pytest.mark.parametrize("calc,item", DAY_INPUTS, ids=[f"{c.name}-{i.name}" for c, i in DAY_INPUTS])
def test_a_date_example_falls_on_the_day_its_input_asks_for(calc, item):
    (wanted,) = [day for day in WEEKDAYS if day in item.label]
    for example in item.examples:
        assert item.parse(example).strftime("%A") == wanted, (item.label, example)
