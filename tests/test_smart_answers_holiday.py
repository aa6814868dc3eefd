"""GOV.UK Smart Answers' published holiday entitlement tests, every case, against guidance.

The table (tests/data/smart_answers/holiday_entitlement.yaml) is GOV.UK's own test file read as
data; its header says where it came from and which cases are run differently, and why.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest

from guidance.calculators.registry import calculate
from guidance.content.rates import load_rates
from guidance.problems import Problems
from guidance.yamlio import load_yaml

REPO = Path(__file__).resolve().parents[1]
TABLE = REPO / "tests" / "data" / "smart_answers" / "holiday_entitlement.yaml"
ON = dt.date(2026, 11, 1)
#: GOV.UK's irregular-hours route is for leave years from 1 April 2024 (see the table's header).
IRREGULAR_LEAVE_YEAR = "2024-04-01"


def _cases():
    data = load_yaml(TABLE.read_text(encoding="utf-8")).data
    out = []
    for case in data["cases"]:
        bases = ["hours-per-week", "compressed-hours"] if case["basis"] == "hours-per-week" else [case["basis"]]
        for basis in bases:
            out.append(pytest.param(basis, case, id=f"{basis}: {case['name']}"))
    return out


@pytest.fixture(scope="module")
def rates():
    return load_rates(REPO / "content" / "rates.yaml", Problems())


@pytest.mark.parametrize("basis,case", _cases())
def test_guidance_agrees_with_gov_uk(rates, basis, case):
    inputs = {"basis": basis, **case["inputs"]}
    if basis == "irregular-hours":
        inputs.setdefault("leave_year_start", IRREGULAR_LEAVE_YEAR)
    result = calculate("holiday", inputs, rates, ON)
    expect = dict(case["expect"])
    assert expect, "a case with nothing to check"
    hours_and_minutes = expect.pop("entitlement_hours_and_minutes", None)
    if hours_and_minutes is not None and basis == "compressed-hours":
        assert list(result["entitlement_hours_and_minutes"]) == hours_and_minutes
    fraction = expect.pop("fraction_of_year", None)
    if fraction is not None:
        assert result["fraction_of_year"] == Decimal(fraction)
    for key, shown in expect.items():
        # GOV.UK rounds irregular hours to the nearest hour (7.48 to 7, down): shown here exactly, as
        # the least that builds up, with GOV.UK's figure kept beside it (see guidance.calculators.holiday).
        key = "entitlement_hours_nearest" if basis == "irregular-hours" and key == "entitlement_hours" else key
        assert str(result[key]) == str(shown), key


def _annualised_before_april_2024():
    """GOV.UK's annualised-hours cases, each with the leave year it falls in (a starting-and-leaving
    case's year begins on its start date, as GOV.UK's does), where that year began before 1 April 2024."""
    data = load_yaml(TABLE.read_text(encoding="utf-8")).data
    out = []
    for case in data["cases"]:
        if case["basis"] != "annualised-hours":
            continue
        inputs = dict(case["inputs"])
        inputs.setdefault("leave_year_start", inputs.get("start_date"))
        if inputs["leave_year_start"] and dt.date.fromisoformat(str(inputs["leave_year_start"])) < dt.date(2024, 4, 1):
            out.append(pytest.param(inputs, case, id=case["name"]))
    return out


ANNUALISED_BEFORE_2024 = _annualised_before_april_2024()


def test_annualised_cases_before_april_2024_include_the_leap_years():
    names = [p.id for p in ANNUALISED_BEFORE_2024]
    assert sum("for a leap year" in name for name in names) >= 9
    assert any(p.values[0].get("start_date") == "2024-02-29" for p in ANNUALISED_BEFORE_2024)


@pytest.mark.parametrize("inputs,case", ANNUALISED_BEFORE_2024)
def test_irregular_hours_before_april_2024_agree_with_gov_uk_annualised_cases(rates, inputs, case):
    """Irregular hours in a leave year that began before 1 April 2024 are worked out as annualised
    hours (GOV.UK's flow does the same), so GOV.UK's annualised cases, leap years included, hold."""
    result = calculate("holiday", {"basis": "irregular-hours", **inputs}, rates, ON)
    assert str(result["entitlement_weeks"]) == str(case["expect"]["entitlement_weeks"])
    if "fraction_of_year" in case["expect"]:
        assert result["fraction_of_year"] == Decimal(case["expect"]["fraction_of_year"])
