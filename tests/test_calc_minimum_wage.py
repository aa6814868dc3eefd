"""Minimum wage bands by age and date, and the pay check with accommodation (worked cases)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest

from guidance.calculators import CalculatorError
from guidance.calculators.minimum_wage import minimum_wage
from guidance.content.rates import load_rates
from guidance.problems import Problems

REPO = Path(__file__).resolve().parents[1]
APRIL_2026 = dt.date(2026, 4, 1)


@pytest.fixture(scope="module")
def rates():
    return load_rates(REPO / "content" / "rates.yaml", Problems())


@pytest.mark.parametrize(
    "age,apprentice,on,rate",
    [
        (30, False, APRIL_2026, "12.71"),
        (21, False, APRIL_2026, "12.71"),
        (20, False, APRIL_2026, "10.85"),
        (18, False, APRIL_2026, "10.85"),
        (17, False, APRIL_2026, "8.00"),
        (25, True, APRIL_2026, "8.00"),
        (30, False, dt.date(2026, 3, 31), "12.21"),
        (19, False, dt.date(2026, 3, 31), "10.00"),
    ],
)
def test_rate_for_age_on_the_date(rates, age, apprentice, on, rate):
    assert minimum_wage(age=age, apprentice=apprentice, rates=rates, on=on)["minimum_hourly_rate"] == Decimal(rate)


def test_pay_at_or_above(rates):
    # 30 hours at £12.71 = £381.30: paying exactly that is the minimum wage.
    result = minimum_wage(age=40, rates=rates, on=APRIL_2026, pay_period_start=APRIL_2026, pay="381.30", hours=30)
    assert result["total_entitlement"] == Decimal("381.30")
    assert result["minimum_wage_or_above"] is True


def test_pay_below_shows_shortfall(rates):
    result = minimum_wage(age=40, rates=rates, on=APRIL_2026, pay_period_start=APRIL_2026, pay="360", hours=30)
    assert result["minimum_wage_or_above"] is False
    assert result["shortfall"] == Decimal("21.30")


def test_accommodation_charge_above_offset_reduces_pay(rates):
    # Charged £15 a night, 5 nights, weekly pay period: (11.10 - 15) x 5 = -19.50.
    result = minimum_wage(age=40, rates=rates, on=APRIL_2026, pay_period_start=APRIL_2026, pay="400", hours=30, accommodation_charge="15", nights=5)
    assert result["accommodation_adjustment"] == Decimal("-19.50")
    assert result["pay_counted"] == Decimal("380.50")
    assert result["minimum_wage_or_above"] is False


def test_free_accommodation_counts_as_pay(rates):
    # Free, 7 nights, fortnightly (14 days): 11.10 x 7 x 2 = 155.40 counts towards pay.
    result = minimum_wage(age=40, rates=rates, on=APRIL_2026, pay_period_start=APRIL_2026, pay="620", hours=60, pay_period_days=14,
                          accommodation_charge="0", nights=7)
    assert result["accommodation_adjustment"] == Decimal("155.40")
    assert result["minimum_wage_or_above"] is True


def test_charge_within_offset_changes_nothing(rates):
    result = minimum_wage(age=40, rates=rates, on=APRIL_2026, pay_period_start=APRIL_2026, pay="400", hours=30, accommodation_charge="10", nights=5)
    assert result["accommodation_adjustment"] == Decimal("0.00")


@pytest.mark.parametrize(
    "kwargs,message",
    [
        ({"age": 15}, "school leaving age"),
        ({"age": 30, "pay": "100"}, "Hours worked in the pay period: needed with the other"),
        ({"age": 30, "pay": "100", "hours": "0"}, "more than 0"),
        ({"age": 30, "pay": "-100", "hours": "10"}, "cannot be negative"),
        ({"age": 30, "pay": "100", "hours": "10", "pay_period_days": 40}, "1 to 31"),
        ({"age": 30, "pay": "100", "hours": "200"}, "more than there are"),
        ({"age": 30, "pay": "100", "hours": "10", "accommodation_charge": "5"}, "the nights a week"),
        ({"age": 30, "pay": "100", "hours": "10", "accommodation_charge": "5", "nights": 9}, "0 to 7"),
    ],
)
def test_impossible_input_is_refused(rates, kwargs, message):
    with pytest.raises(CalculatorError, match=message):
        minimum_wage(rates=rates, on=APRIL_2026, **kwargs)


def test_before_any_rate_is_an_error_not_a_guess(rates):
    with pytest.raises(CalculatorError, match="no figure"):
        minimum_wage(age=30, rates=rates, on=dt.date(2014, 9, 30))


# Rounding before comparing: pay is compared with hours x rate, unrounded.

def test_one_penny_short_is_an_underpayment(rates):
    # 2 hours at £12.71 = £25.42: £25.41 is 1p short.
    result = minimum_wage(age=30, rates=rates, on=dt.date(2026, 6, 1), pay="25.41", hours=2)
    assert result["minimum_wage_or_above"] is False
    assert result["total_entitlement"] == Decimal("25.42")
    assert result["shortfall"] == Decimal("0.01")
    assert minimum_wage(age=30, rates=rates, on=dt.date(2026, 6, 1), pay="25.42", hours=2)["minimum_wage_or_above"] is True


def test_a_fraction_of_a_penny_short_is_still_short(rates):
    # 2.5 hours at £12.71 = £31.775: £31.77 does not reach it, and the shortfall rounds up to 1p.
    short = minimum_wage(age=30, rates=rates, on=APRIL_2026, pay_period_start=APRIL_2026, pay="31.77", hours="2.5")
    assert short["minimum_wage_or_above"] is False and short["shortfall"] == Decimal("0.01")
    assert minimum_wage(age=30, rates=rates, on=APRIL_2026, pay_period_start=APRIL_2026, pay="31.78", hours="2.5")["minimum_wage_or_above"] is True


def test_accommodation_is_not_rounded_before_it_is_added(rates):
    # Free, 1 night a week, 30-day period: 11.10 x 30/7 = 47.5714... counts, not 47.57.
    result = minimum_wage(age=30, rates=rates, on=APRIL_2026, pay_period_start=APRIL_2026, pay="79.53", hours="10.0001", pay_period_days=30,
                          accommodation_charge="0", nights=1)
    # due 127.101271; counted 79.53 + 47.571428... = 127.101428...: enough only unrounded.
    assert result["minimum_wage_or_above"] is True
    assert result["accommodation_adjustment"] == Decimal("47.57")


def test_cli_says_no_for_one_penny_short(capsys):
    from guidance.cli import main

    assert main(["calc", "minimum-wage", "--age", "30", "--on", "2026-06-01", "--pay", "25.41", "--hours", "2"]) == 0
    out = capsys.readouterr().out
    assert "Paid at least the minimum wage?: no" in out
    assert "£0.01 short" in out
