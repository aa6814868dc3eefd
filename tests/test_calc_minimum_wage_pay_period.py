"""Pay is checked at the minimum wage rate for the pay reference period: a new rate applies to
pay reference periods beginning on or after the day it starts (National Minimum Wage (Amendment)
Regulations 2026, under the National Minimum Wage Regulations 2015; GOV.UK "National Minimum Wage
and National Living Wage rates": £12.21 an hour from 1 April 2025, £12.71 from 1 April 2026).
A week from 28 March 2026 is paid at £12.21 throughout, though 3 April 2026 falls in it."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest

from guidance.calculators import CalculatorError
from guidance.calculators.registry import calculate
from guidance.cli import main
from guidance.content.rates import load_rates
from guidance.problems import Problems

REPO = Path(__file__).resolve().parents[1]
WEEK = {"age": "30", "pay": "350", "hours": "28", "pay_period_days": "7"}


@pytest.fixture(scope="module")
def rates():
    return load_rates(REPO / "content" / "rates.yaml", Problems())


def test_a_period_beginning_before_1_april_keeps_the_old_rate(rates):
    result = calculate("minimum-wage", {**WEEK, "pay_period_start": "2026-03-28"}, rates, dt.date(2026, 4, 3))
    assert result["minimum_hourly_rate"] == Decimal("12.21")
    assert result["total_entitlement"] == Decimal("341.88") and result["minimum_wage_or_above"] is True


def test_a_period_beginning_on_1_april_takes_the_new_rate(rates):
    result = calculate("minimum-wage", {**WEEK, "pay_period_start": "2026-04-01"}, rates, dt.date(2026, 4, 3))
    assert result["minimum_hourly_rate"] == Decimal("12.71")
    assert result["minimum_wage_or_above"] is False and result["shortfall"] == Decimal("5.88")


def test_a_day_in_a_period_that_may_straddle_1_april_asks_for_the_first_day(rates):
    with pytest.raises(CalculatorError) as caught:
        calculate("minimum-wage", {**WEEK, "on": "2026-04-03"}, rates, dt.date(2026, 4, 3))
    assert caught.value.field == "pay_period_start"
    assert "changed from £12.21 to £12.71 on 1 April 2026" in str(caught.value)


def test_a_day_whose_period_cannot_straddle_a_change_needs_no_first_day(rates):
    result = calculate("minimum-wage", {**WEEK, "on": "2026-04-07"}, rates, dt.date(2026, 4, 7))
    assert result["minimum_hourly_rate"] == Decimal("12.71")
    only_the_rate = calculate("minimum-wage", {"age": "30", "on": "2026-04-03"}, rates, dt.date(2026, 4, 3))
    assert only_the_rate["minimum_hourly_rate"] == Decimal("12.71")


def test_the_command_line_names_the_option(capsys):
    code = main(["calc", "minimum-wage", "--age", "30", "--pay", "350", "--hours", "28", "--on", "2026-04-03"])
    assert code != 0 and "(option --pay-period-start)" in capsys.readouterr().err
