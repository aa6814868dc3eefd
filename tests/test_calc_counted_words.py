"""Calculator working says counts as people do ("1 hour", "2 days", never "1 hours" or "day(s)"),
and a holiday worked in hours shows the days it comes from as a sum, as every other line does."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from guidance.calculators.registry import calculate
from guidance.content.rates import load_rates
from guidance.problems import Problems

REPO = Path(__file__).resolve().parents[1]
ON = dt.date(2026, 6, 1)
#: A count of one with a plural noun, or a noun hedged with "(s)".
WRONG = re.compile(r"(?<![\d.,£])1 (hours|days|weeks|months|years|shifts|nights|minutes|qualifying days)\b|\w\(s\)")

CASES = [
    ("holiday", {"basis": "irregular-hours", "hours_worked": "5", "leave_year_start": "2026-04-01"}),
    ("holiday", {"basis": "irregular-hours", "hours_worked": "1", "leave_year_start": "2026-04-01"}),
    ("holiday", {"basis": "compressed-hours", "days_per_week": "4", "hours_per_week": "4.5"}),
    ("holiday", {"basis": "days-per-week", "days_per_week": "5", "leave_year_start": "2026-01-01",
                 "leaving_date": "2026-01-01"}),
    ("holiday", {"basis": "days-per-week", "days_per_week": "5", "leave_year_start": "2026-01-01",
                 "start_date": "2026-12-01"}),
    ("redundancy", {"age": "30", "years": "1", "weekly_pay": "300"}),
    ("redundancy", {"age": "30", "years": "3", "weekly_pay": "300"}),
    ("minimum-wage", {"age": "30", "pay": "20", "hours": "1", "accommodation_charge": "0", "nights": "1"}),
    ("employer-cost", {"hourly_rate": "13", "hours_per_week": "1", "age": "30"}),
    ("sick-pay", {"sick_start": "2026-06-01", "sick_end": "2026-06-12", "work_days": "mon",
                  "average_weekly_earnings": "300"}),
    ("tribunal-deadline", {"event_date": "2026-03-01", "acas_day_a": "2026-05-01", "acas_day_b": "2026-05-02"}),
]


@pytest.fixture(scope="module")
def rates():
    return load_rates(REPO / "content" / "rates.yaml", Problems())


@pytest.mark.parametrize("name, inputs", CASES)
def test_a_count_agrees_with_its_noun(rates, name, inputs):
    result = calculate(name, inputs, rates, ON)
    text = "\n".join(list(result["working"]) + list(result.get("warnings") or ()))
    assert not WRONG.search(text), WRONG.search(text).group(0)


def test_irregular_hours_rounds_up_to_1_hour(rates):
    result = calculate("holiday", CASES[0][1], rates, ON)
    assert any("(to 1 hour)" in line for line in result["working"])


@pytest.mark.parametrize("basis", ["hours-per-week", "compressed-hours"])
def test_a_starter_in_hours_is_shown_the_days_sum_first(rates, basis):
    inputs = {"basis": basis, "days_per_week": "2.5", "hours_per_week": "20", "leave_year_start": "2026-01-01",
              "start_date": "2026-04-01"}
    working = list(calculate("holiday", inputs, rates, ON)["working"])
    assert "5.6 weeks x 2.5 days a week = 14 days, at most 28: 14 days a full year." in working
    assert "14 days x 9/12 = 10.5 days." in working
    assert "10.5 days of holiday x 20 hours / 2.5 days a week = 84 hours." in working
