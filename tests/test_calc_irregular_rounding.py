"""Irregular-hours and part-year holiday (Working Time Regulations 1998 reg 15B: 12.07% of the
hours worked) is shown exactly, never rounded down: the employer "can choose to round up the
holiday entitlement, but cannot round it down" (GOV.UK's holiday entitlement calculator,
alphagov/smart-answers, app/flows/calculate_your_holiday_entitlement_flow/outcomes/
_your_employer_with_rounding.erb)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest

from guidance.calculators.registry import calculate
from guidance.content.rates import load_rates
from guidance.problems import Problems

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def rates():
    return load_rates(REPO / "content" / "rates.yaml", Problems())


def irregular(rates, hours):
    return calculate("holiday", {"basis": "irregular-hours", "hours_worked": hours, "leave_year_start": "2026-04-01"},
                     rates, dt.date(2026, 5, 1))


@pytest.mark.parametrize("hours, exact, up", [("62", "7.4834", 8), ("60", "7.242", 8), ("12", "1.4484", 2), ("100", "12.07", 13)])
def test_never_rounded_down(rates, hours, exact, up):
    result = irregular(rates, hours)
    assert result["entitlement_hours"] == exact
    assert Decimal(result["entitlement_hours"]) == Decimal(hours) * Decimal("0.1207")
    assert result["entitlement_hours_rounded_up"] == up
    assert any(f"may round this up (to {up} hours), never down" in line for line in result["working"])


def test_no_figure_is_said_to_the_nearest_hour(rates):
    result = irregular(rates, "200")
    assert result["entitlement_hours"] == "24.14"
    assert not any("nearest hour" in line for line in result["working"])
