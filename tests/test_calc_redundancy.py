"""Statutory redundancy pay: GOV.UK's test cases and worked examples on the 2025-26 and 2026-27 caps."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest

from guidance.calculators import CalculatorError
from guidance.calculators.redundancy import redundancy_pay
from guidance.content.rates import load_rates
from guidance.problems import Problems

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def rates():
    return load_rates(REPO / "content" / "rates.yaml", Problems())


@pytest.mark.parametrize(
    "age,years,pay,cap,total,weeks",
    [
        # alphagov/smart-answers test/unit/calculators/redundancy_calculator_test.rb (cap £430)
        (45, 12, 350, 430, "4900.00", "14"),
        (42, 22, 500, 430, "8815.00", "20.5"),
        (42, 4, 1500, 430, "1935.00", "4.5"),
    ],
)
def test_gov_uk_cases(rates, age, years, pay, cap, total, weeks):
    result = redundancy_pay(age=age, years=years, weekly_pay=pay, weekly_cap=cap, rates=rates, on=dt.date(2026, 5, 1))
    assert result["statutory_redundancy_pay"] == Decimal(total)
    assert result["weeks_of_pay"] == Decimal(weeks)


@pytest.mark.parametrize(
    "on,cap",
    [(dt.date(2026, 4, 5), Decimal("719.00")), (dt.date(2026, 4, 6), Decimal("751.00"))],
)
def test_cap_comes_from_the_rates_on_the_date(rates, on, cap):
    # Aged 61 with 20 years' service, all after 41: 30 weeks at the cap, the published maximum.
    result = redundancy_pay(age=61, years=20, weekly_pay=2000, rates=rates, on=on)
    assert result["weekly_cap"] == cap
    assert result["weeks_of_pay"] == 30
    assert result["statutory_redundancy_pay"] == rates.value("redundancy_pay_maximum", on)


def test_young_worker_years_count_half(rates):
    # Age 21 with 3 years: each year worked under 22 is half a week: 1.5 weeks x £300.
    result = redundancy_pay(age=21, years=3, weekly_pay=300, rates=rates, on=dt.date(2026, 6, 1))
    assert result["weeks_of_pay"] == Decimal("1.5")
    assert result["statutory_redundancy_pay"] == Decimal("450.00")


def test_age_boundaries_22_and_41(rates):
    # Age 23, 2 years: the year to 23 (aged 22) is 1 week, the year to 22 (aged 21) half: 1.5 weeks.
    assert redundancy_pay(age=23, years=2, weekly_pay=100, rates=rates, on=dt.date(2026, 6, 1))["weeks_of_pay"] == Decimal("1.5")
    # Age 42, 2 years: the year aged 41 is 1.5 weeks, the year aged 40 is 1: 2.5 weeks.
    assert redundancy_pay(age=42, years=2, weekly_pay=100, rates=rates, on=dt.date(2026, 6, 1))["weeks_of_pay"] == Decimal("2.5")


def test_under_two_years_gets_nothing(rates):
    result = redundancy_pay(age=40, years=1, weekly_pay=500, rates=rates, on=dt.date(2026, 6, 1))
    assert result["statutory_redundancy_pay"] == Decimal("0.00")
    assert result["entitled"] is False


@pytest.mark.parametrize(
    "kwargs,message",
    [
        ({"age": 30, "years": -1, "weekly_pay": 300}, "cannot be negative"),
        ({"age": 30, "years": 2, "weekly_pay": -300}, "cannot be negative"),
        ({"age": 20, "years": 10, "weekly_pay": 300}, "not possible"),
        ({"age": 12, "years": 0, "weekly_pay": 300}, "between 16 and 100"),
        ({"age": "thirty", "years": 2, "weekly_pay": 300}, "not a number"),
        ({"age": 30, "years": 2.5, "weekly_pay": 300}, "whole number"),
        ({"age": 30, "years": 2, "weekly_pay": 300, "weekly_cap": 0}, "more than 0"),
    ],
)
def test_impossible_input_is_refused(rates, kwargs, message):
    with pytest.raises(CalculatorError, match=message):
        redundancy_pay(rates=rates, on=dt.date(2026, 6, 1), **kwargs)


def test_a_weeks_pay_is_not_rounded_before_it_is_multiplied(rates):
    # £381.555 a week x 17.5 weeks (age 48, 14 years) = £6,677.2125, to the penny £6,677.21;
    # rounding the week first (£381.56) would give £6,677.30.
    result = redundancy_pay(age=48, years=14, weekly_pay="381.555", rates=rates, on=dt.date(2026, 6, 1))
    assert result["statutory_redundancy_pay"] == Decimal("6677.21")


def test_the_result_is_typed(rates):
    from guidance.calculators.redundancy import RedundancyPay

    result = redundancy_pay(age=45, years=10, weekly_pay=800, rates=rates, on=dt.date(2025, 3, 1))
    assert isinstance(result, RedundancyPay)
    assert result.statutory_redundancy_pay == Decimal("8400.00") and result.weekly_cap == Decimal("700.00")
    with pytest.raises(Exception):
        result.statutory_redundancy_pay = Decimal(0)  # frozen
