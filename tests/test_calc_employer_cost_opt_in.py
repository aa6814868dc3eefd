"""A PA not enrolled automatically is never a silent nil: a non-eligible jobholder (under 22, over
State Pension age, or paid over the qualifying earnings lower limit but not over the trigger) who
opts in must be enrolled with the employer contribution (Pensions Act 2008 s.7); an entitled worker
(paid no more than the lower limit) who asks to join must be put in a scheme, with no employer
contribution due (s.9)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest

from guidance.calculators.employer_cost import employer_cost
from guidance.content.rates import load_rates
from guidance.problems import Problems

REPO = Path(__file__).resolve().parents[1]
ON = dt.date(2026, 11, 1)


@pytest.fixture(scope="module")
def rates():
    return load_rates(REPO / "content" / "rates.yaml", Problems())


def _pension_line(result) -> str:
    (line,) = [line for line in result["working"] if line.startswith("Pension:")]
    return line


@pytest.mark.parametrize("age, hours, why, due", [
    (70, "20", "over State Pension age", "209.35"),   # £12.71 x 20 x 52 = £13,218.40; 3% of £6,978.40
    (19, "20", "under 22", "209.35"),
    (40, "14", "is not over the £10,000.00 trigger", "90.39"),  # £9,252.88 a year; 3% of £3,012.88
])
def test_a_non_eligible_jobholder_who_opts_in_gets_the_employer_contribution(rates, age, hours, why, due):
    result = employer_cost(hourly_rate="12.71", hours_per_week=hours, age=age, rates=rates, on=ON)
    line = _pension_line(result)
    assert result["employer_pension_yearly"] == Decimal("0")
    assert why in line and "opt in" in line and "the employer must enrol them and pay at least" in line
    assert "s.7" in line and "can ask to join" not in line
    assert any(f"must enrol them and pay at least £{due} a year" in w for w in result["warnings"])


def test_an_entitled_worker_who_asks_to_join_is_put_in_a_scheme_with_nothing_due(rates):
    result = employer_cost(hourly_rate="12.71", hours_per_week="5", age=70, rates=rates, on=ON)  # £3,304.60 a year
    line = _pension_line(result)
    assert "the employer must put them in a pension scheme but need not pay into it" in line and "s.9" in line
    assert not any("Pension" in w for w in result["warnings"])


def test_at_66_the_warning_says_opting_in_keeps_the_contribution(rates):
    result = employer_cost(hourly_rate="12.71", hours_per_week="20", age=66, rates=rates, on=ON)
    (warning,) = [w for w in result["warnings"] if "State Pension age" in w]
    assert "there is none" not in warning and "if they opt in the employer must enrol them and still pay it" in warning
