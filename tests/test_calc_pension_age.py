"""Employer pension contributions stop at State Pension age: automatic enrolment is for eligible
jobholders aged 22 to State Pension age (Pensions Act 2008 s.3), and a jobholder is aged 16 to 74
(s.1). State Pension age is from the date of birth (Pensions Act 1995 Sch 4 as amended by the
Pensions Act 2014), checked against GOV.UK's State Pension age calculator's tests
(alphagov/smart-answers, test/unit/calculators/state_pension_age_calculator_test.rb)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest

from guidance.calculators.employer_cost import employer_cost
from guidance.calculators.pension_age import Reached, reached_at_age, state_pension_days
from guidance.content.rates import load_rates
from guidance.problems import Problems

REPO = Path(__file__).resolve().parents[1]
ON = dt.date(2026, 5, 1)


@pytest.fixture(scope="module")
def rates():
    return load_rates(REPO / "content" / "rates.yaml", Problems())


def cost(rates, on=ON, **kwargs):
    return employer_cost(hourly_rate="12.71", hours_per_week="20", rates=rates, on=on, **kwargs)


@pytest.mark.parametrize("birth, reached", [
    ("1960-04-06", "2026-05-06"),  # 66 years, 1 month
    ("1960-05-20", "2026-07-20"),  # 66 years, 2 months
    ("1960-07-01", "2026-10-01"),  # 66 years, 3 months
    ("1960-12-08", "2027-09-08"),  # 66 years, 9 months
    ("1961-02-28", "2028-01-28"),  # 66 years, 11 months
    ("1960-04-05", "2026-04-05"),  # 66
    ("1961-03-06", "2028-03-06"),  # 67
    ("1980-02-29", "2048-02-29"),  # 68
])
def test_state_pension_day_as_gov_uk_works_it_out(birth, reached):
    assert state_pension_days(dt.date.fromisoformat(birth)) == (dt.date.fromisoformat(reached),) * 2


@pytest.mark.parametrize("age", [67, 70, 74])
def test_over_state_pension_age_no_contribution_unless_they_opt_in(rates, age):
    result = cost(rates, age=age)
    assert result["employer_pension_yearly"] == Decimal("0")
    assert any("over State Pension age" in line and "the employer must enrol them and pay at least" in line
               for line in result["working"])
    assert result["total_yearly"] == result["yearly_wages"] + result["employer_ni_yearly"] + result["holiday_cover_yearly"]


@pytest.mark.parametrize("age", [75, 80])
def test_75_and_over_is_not_a_jobholder(rates, age):
    result = cost(rates, age=age)
    assert result["employer_pension_yearly"] == Decimal("0")
    assert any("not a jobholder" in line for line in result["working"])


def test_an_age_that_does_not_settle_it_is_said_never_guessed_silently(rates):
    assert reached_at_age(66, ON) is Reached.NOT_KNOWN
    result = cost(rates, age=66)
    assert result["employer_pension_yearly"] == Decimal("209.35")
    assert any("date of birth" in w and "Worked out as not yet reached" in w for w in result["warnings"])
    assert not cost(rates, age=30)["warnings"]


@pytest.mark.parametrize("age, on, reached", [
    (66, "2026-05-01", Reached.NOT_KNOWN),  # born 2 May 1959 to 1 May 1960: some reach it at 66, some at 66 and 1 month
    (67, "2026-05-01", Reached.YES),
    (65, "2026-05-01", Reached.NO),
    (66, "2028-06-01", Reached.NO),  # born June 1961 to June 1962: 67
    (67, "2028-06-01", Reached.YES),  # born June 1960 to June 1961: 66 and some months, or 67, all reached
])
def test_what_an_age_alone_says(age, on, reached):
    assert reached_at_age(age, dt.date.fromisoformat(on)) is reached
