"""The cost of employing a PA, worked by hand on the 2026-27 figures."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest

from guidance.calculators import CalculatorError
from guidance.calculators.employer_cost import employer_cost
from guidance.content.rates import load_rates
from guidance.problems import Problems

REPO = Path(__file__).resolve().parents[1]
ON = dt.date(2026, 11, 1)


@pytest.fixture(scope="module")
def rates():
    return load_rates(REPO / "content" / "rates.yaml", Problems())


def test_typical_pa(rates):
    # £13 x 30 = £390 a week, £20,280 a year. NI 15% of £15,280 = £2,292, all covered by the
    # £10,500 Employment Allowance. Pension 3% of (20,280 - 6,240) = £421.20. Cover 5.6 x 390.
    result = employer_cost(hourly_rate="13.00", hours_per_week=30, age=30, rates=rates, on=ON)
    assert result["weekly_wages"] == Decimal("390.00")
    assert result["yearly_wages"] == Decimal("20280.00")
    assert result["employer_ni_before_allowance"] == Decimal("2292.00")
    assert result["employer_ni_yearly"] == Decimal("0.00")
    assert result["employer_pension_yearly"] == Decimal("421.20")
    assert result["holiday_cover_yearly"] == Decimal("2184.00")
    assert result["total_yearly"] == Decimal("22885.20")
    assert result["warnings"] == []


def test_ni_above_the_allowance_and_pension_band_cap(rates):
    # £40 x 50 = £2,000 a week, £104,000 a year: NI 15% of 99,000 = 14,850 less 10,500 = 4,350;
    # pension 3% of (50,270 - 6,240) = 1,320.90.
    result = employer_cost(hourly_rate=40, hours_per_week=50, age=45, rates=rates, on=ON)
    assert result["employer_ni_yearly"] == Decimal("4350.00")
    assert result["employer_pension_yearly"] == Decimal("1320.90")


def test_under_21_pays_no_ni_below_upper_threshold(rates):
    result = employer_cost(hourly_rate="12.00", hours_per_week=40, age=20, rates=rates, on=ON)
    assert result["employer_ni_before_allowance"] == Decimal("0.00")
    assert result["employer_pension_yearly"] == Decimal("0.00")  # under 22: not enrolled automatically


def test_below_trigger_no_pension(rates):
    result = employer_cost(hourly_rate="12.71", hours_per_week=10, age=40, rates=rates, on=ON)
    assert result["yearly_wages"] == Decimal("6609.20")
    assert result["employer_pension_yearly"] == Decimal("0.00")


def test_warns_below_minimum_wage_for_age(rates):
    result = employer_cost(hourly_rate="12.00", hours_per_week=20, age=30, rates=rates, on=ON)
    assert result["below_minimum_wage"] is True
    assert any("below the National Living Wage" in w for w in result["warnings"])
    young = employer_cost(hourly_rate="12.00", hours_per_week=20, age=19, rates=rates, on=ON)
    assert young["below_minimum_wage"] is False


@pytest.mark.parametrize(
    "kwargs,message",
    [
        ({"hourly_rate": "-1", "hours_per_week": 10}, "more than 0"),
        ({"hourly_rate": "12", "hours_per_week": -5}, "more than 0"),
        ({"hourly_rate": "12", "hours_per_week": 200}, "168"),
        ({"hourly_rate": "twelve", "hours_per_week": 10}, "not a number"),
    ],
)
def test_impossible_input_is_refused(rates, kwargs, message):
    with pytest.raises(CalculatorError, match=message):
        employer_cost(rates=rates, on=ON, **kwargs)


def test_yearly_wages_are_not_worked_from_a_rounded_week(rates):
    # £12.71 x 37.5 hours = £476.625 a week: a year is £24,784.50, not 52 x £476.63 = £24,784.76.
    result = employer_cost(hourly_rate="12.71", hours_per_week="37.5", age=30, rates=rates, on=ON)
    assert result["weekly_wages"] == Decimal("476.63")
    assert result["yearly_wages"] == Decimal("24784.50")


@pytest.mark.parametrize("on, assumed, minimum, below", [
    ("2015-06-01", 22, "6.50", False),  # before the National Living Wage: the 21 and over rate
    ("2019-06-01", 25, "8.21", True),   # National Living Wage from 25
    ("2022-06-01", 23, "9.50", True),   # from 23
    ("2026-06-01", 22, "12.71", True),  # from 21 (22 for automatic enrolment)
])
def test_no_age_means_the_national_living_wage_age_of_the_day(rates, on, assumed, minimum, below):
    """With no age the check is against the top rate in force that day, not the rate for 21s."""
    result = employer_cost(hourly_rate="8.00", hours_per_week=20, rates=rates, on=dt.date.fromisoformat(on))
    assert result["minimum_hourly_rate"] == Decimal(minimum)
    assert result["below_minimum_wage"] is below
    assert result["warnings"][0] == f"No age given: worked out for a PA aged {assumed} or over."
