"""Holiday entitlement against GOV.UK's published test cases.

Each case is taken from alphagov/smart-answers test/unit/calculators/holiday_entitlement_test.rb
(the "dept test" rows are the department's own worked examples); the expected text is what
GOV.UK's calculator shows.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from decimal import Decimal

from guidance.calculators import CalculatorError
from guidance.calculators.holiday import LeaveYear, holiday_entitlement
from guidance.content.rates import load_rates
from guidance.problems import Problems

REPO = Path(__file__).resolve().parents[1]
ON = dt.date(2026, 11, 1)


@pytest.fixture(scope="module")
def rates():
    return load_rates(REPO / "content" / "rates.yaml", Problems())


def run(rates, **kwargs):
    return holiday_entitlement(rates=rates, on=ON, **kwargs)


DAYS = [
    # (days a week, start, leaving, leave year start, shown)
    (5, None, None, None, "28"),
    (7, None, None, None, "28"),
    (3.5, None, None, None, "19.6"),
    (2, None, None, None, "11.2"),
    (1, None, None, None, "5.6"),
    (0.5, None, None, None, "2.8"),
    (5, "2019-06-01", None, "2019-01-01", "16.5"),
    (3, "2019-11-23", None, "2019-04-01", "7"),
    (6, "2019-11-14", None, "2019-01-01", "5"),
    (5, "2020-06-01", None, "2020-01-01", "16.5"),
    (3, "2021-02-09", None, "2020-08-01", "8.5"),
    (5, "2019-09-23", None, "2019-05-01", "19"),
    (1, "2020-02-13", None, "2019-07-01", "2.5"),
    (1, "2018-10-28", None, "2018-04-01", "3"),
    (2, "2019-05-10", None, "2018-06-06", "1"),
    (4, "2020-03-03", None, "2020-03-01", "22.5"),
    (5, None, "2019-06-01", "2019-01-01", "11.7"),
    (3, None, "2018-11-23", "2018-04-01", "11"),
    (5, None, "2020-06-01", "2020-01-01", "11.8"),
    (3, None, "2019-11-23", "2019-04-01", "10.9"),
    (6, None, "2020-08-22", "2020-01-01", "18"),
    (5, None, "2020-10-20", "2020-05-01", "13.3"),
    (6, None, "2020-06-18", "2019-12-01", "15.4"),
    (7, None, "2020-03-17", "2019-06-01", "22.3"),
    (6, None, "2019-09-06", "2019-03-01", "14.6"),
    (3, None, "2018-05-05", "2018-02-01", "4.4"),
    (4, None, "2020-06-04", "2019-11-01", "13.3"),
    (5, "2019-01-20", "2019-07-18", None, "13.9"),
    (3, "2018-11-23", "2019-04-07", None, "6.3"),
    (6, "2018-08-22", "2019-07-31", None, "26.4"),
    (5, "2020-01-20", "2020-07-18", None, "13.9"),
    (6, "2019-08-22", "2020-07-31", None, "26.4"),
    (2, "2019-08-09", "2020-01-01", None, "4.5"),
    (6, "2019-11-01", "2020-05-27", None, "16"),
    (6, "2019-10-04", "2020-06-23", None, "20.2"),
    (1, "2019-10-03", "2020-05-26", None, "3.7"),
    (7, "2018-06-04", "2018-11-13", None, "12.6"),
]


@pytest.mark.parametrize("days,start,leaving,year,shown", DAYS)
def test_days_per_week_matches_gov_uk(rates, days, start, leaving, year, shown):
    result = run(rates, basis="days-per-week", days_per_week=days, start_date=start, leaving_date=leaving, leave_year_start=year)
    assert result["entitlement_days"] == shown


HOURS = [
    # (basis, hours, days, start, leaving, leave year start, shown, [hours, minutes] or None)
    ("compressed-hours", 68, 7, None, None, None, "272", [272, 0]),
    ("compressed-hours", 57, 5, None, None, None, "319.2", [319, 12]),
    ("compressed-hours", 80, 6, None, None, None, "373.4", [373, 24]),
    ("compressed-hours", 38, 5, None, None, None, "212.8", [212, 48]),
    ("compressed-hours", 40, 4, None, None, None, "224", [224, 0]),
    ("compressed-hours", 26, 2, "2020-07-14", None, "2019-11-01", "52", [52, 0]),
    ("compressed-hours", 49, 5, "2018-09-12", None, "2018-04-01", "161.7", [161, 42]),
    ("compressed-hours", 35, 3, "2019-11-08", None, "2019-04-01", "81.7", [81, 42]),
    ("compressed-hours", 33, 3, None, "2019-07-10", "2018-11-01", "127.6", [127, 36]),
    ("compressed-hours", 73, 7, None, "2020-03-18", "2019-10-01", "135.7", [135, 42]),
    ("compressed-hours", 35, 3, "2018-05-10", "2018-12-04", None, "112.3", [112, 18]),
    ("compressed-hours", 29, 2, "2018-04-02", "2019-03-08", None, "151.8", [151, 48]),
    ("compressed-hours", 47, 6, "2019-11-23", "2020-06-07", None, "118.7", [118, 42]),
    ("compressed-hours", 25, 6, "2019-10-30", "2020-10-12", None, "111.3", [111, 18]),
    ("compressed-hours", 37.5, 5, "2020-03-01", "2020-06-01", None, "53.6", [53, 36]),
    ("hours-per-week", 40, 5, None, None, None, "224", None),
    ("hours-per-week", 25, 3, None, None, None, "140", None),
    ("hours-per-week", 36, 6, None, None, None, "168", None),
    ("hours-per-week", 80, 7, None, None, None, "320", None),
    ("hours-per-week", 49, 4, None, None, None, "274.4", None),
    ("hours-per-week", 76, 6, None, None, None, "354.7", None),
    ("hours-per-week", 55, 3, None, None, None, "308", None),
    ("hours-per-week", 13, 2, None, None, None, "72.8", None),
    ("hours-per-week", 40, 5, "2019-06-01", None, "2019-01-01", "132", None),
    ("hours-per-week", 25, 3, "2020-11-23", None, "2020-04-01", "58.4", None),
    ("hours-per-week", 36, 6, "2019-11-14", None, "2019-01-01", "30", None),
    ("hours-per-week", 69, 6, "2020-08-21", None, "2019-11-01", "80.5", None),
    ("hours-per-week", 50, 6, "2020-07-28", None, "2020-01-01", "116.7", None),
    ("hours-per-week", 14, 5, "2020-02-03", None, "2019-11-01", "58.8", None),
    ("hours-per-week", 50, 6, "2021-03-04", None, "2020-08-03", "100", None),
    ("hours-per-week", 40, 5, None, "2019-06-01", "2019-01-01", "93.3", None),
    ("hours-per-week", 25, 3, None, "2020-11-23", "2020-04-01", "91", None),
    ("hours-per-week", 36, 6, None, "2019-08-22", "2019-01-01", "107.8", None),
    ("hours-per-week", 40, 5, None, "2020-06-01", "2020-01-01", "93.7", None),
    ("hours-per-week", 25, 3, None, "2019-11-23", "2019-04-01", "90.7", None),
    ("hours-per-week", 36, 6, None, "2020-08-22", "2020-01-01", "107.9", None),
    ("hours-per-week", 34, 2, None, "2020-02-11", "2019-06-01", "133.2", None),
    ("hours-per-week", 47, 2, None, "2019-06-26", "2018-10-01", "194", None),
    ("hours-per-week", 71, 7, None, "2020-04-19", "2019-10-01", "156.8", None),
    ("hours-per-week", 63, 5, None, "2020-04-30", "2019-06-01", "323", None),
    ("hours-per-week", 40, 5, "2019-01-20", "2019-07-18", None, "110.5", None),
    ("hours-per-week", 25, 3, "2018-11-23", "2019-04-07", None, "52.2", None),
    ("hours-per-week", 36, 6, "2018-08-22", "2019-07-31", None, "158.4", None),
    ("hours-per-week", 32, 4, "2018-01-03", "2018-04-04", None, "45.2", None),
]


@pytest.mark.parametrize("basis,hours,days,start,leaving,year,shown,hm", HOURS)
def test_hours_and_compressed_hours_match_gov_uk(rates, basis, hours, days, start, leaving, year, shown, hm):
    result = run(rates, basis=basis, hours_per_week=hours, days_per_week=days, start_date=start,
                 leaving_date=leaving, leave_year_start=year)
    assert result["entitlement_hours"] == shown
    if hm is not None:
        assert result["entitlement_hours_and_minutes"] == hm


def test_compressed_hours_daily_average(rates):
    # GOV.UK: 20.5 hours over 3 days is 6 hours 50 minutes for each day otherwise worked.
    result = run(rates, basis="compressed-hours", hours_per_week="20.5", days_per_week=3)
    assert result["daily_hours_and_minutes"] == [6, 50]


SHIFTS = [
    # (shifts, pattern days, start, leaving, leave year start, shown)
    (4, 9, None, None, None, "17.5"),
    (9, 12, None, None, None, "28"),
    (4, 6, None, None, None, "26.2"),
    (5, 5, None, None, None, "28"),
    (1, 18, None, None, None, "2.2"),
    (8, 14, None, None, None, "22.4"),
    (7, 10, None, None, None, "27.5"),
    (8, 12, "2020-08-31", None, "2020-02-01", "13.5"),
    (8, 14, "2020-07-22", None, "2020-01-01", "11.5"),
    (3, 9, "2020-06-20", None, "2019-09-01", "3.5"),
    (6, 7, "2019-06-12", None, "2019-03-19", "23.5"),
    (8, 10, "2020-12-08", None, "2020-04-08", "9.5"),
    (12, 14, "2019-11-14", None, "2019-01-01", "5"),
    (12, 15, None, "2020-10-13", "2020-01-01", "21.96"),
    (10, 15, None, "2020-12-01", "2020-05-01", "15.40"),
    (3, 8, None, "2019-08-19", "2019-05-01", "4.46"),
    (6, 10, None, "2019-09-17", "2018-12-01", "18.76"),
    (1, 10, None, "2019-04-01", "2019-03-01", "0.35"),
    (2, 15, None, "2020-12-25", "2020-09-01", "1.67"),
    (8, 14, None, "2020-06-01", "2020-01-01", "9.37"),
    (7, 10, None, "2019-11-23", "2019-04-01", "17.77"),
    (12, 14, None, "2020-11-14", "2020-01-01", "24.41"),
    (3, 6, "2018-12-08", "2019-05-09", None, "8.22"),
    (7, 10, "2020-01-07", "2020-10-17", None, "21.37"),
    (3, 6, "2018-02-19", "2018-04-12", None, "2.85"),
    (6, 8, "2019-07-07", "2020-03-11", None, "19.05"),
    (10, 11, "2019-12-03", "2020-09-09", None, "21.58"),
    (8, 14, "2019-01-20", "2019-07-18", None, "11.05"),
    (12, 14, "2019-08-22", "2020-07-31", None, "26.40"),
]


@pytest.mark.parametrize("shifts,pattern,start,leaving,year,shown", SHIFTS)
def test_shifts_match_gov_uk(rates, shifts, pattern, start, leaving, year, shown):
    result = run(rates, basis="shifts", shifts_per_pattern=shifts, days_per_pattern=pattern, start_date=start,
                 leaving_date=leaving, leave_year_start=year)
    assert result["entitlement_shifts"] == shown


WEEKS = [
    (None, None, None, "5.6"),
    ("2019-06-01", None, "2019-01-01", "3.27"),
    ("2020-11-23", None, "2020-04-01", "2.34"),
    ("2019-11-14", None, "2019-01-01", "0.94"),
    ("2020-05-20", None, "2019-10-01", "2.34"),
    ("2020-09-07", None, "2020-01-01", "1.87"),
    ("2018-12-14", None, "2018-03-01", "1.40"),
    ("2018-08-11", None, "2019-01-01", "2.34"),
    ("2018-05-01", None, "2018-02-26", "4.67"),
    ("2019-09-07", None, "2019-07-05", "4.67"),
    (None, "2019-06-01", "2019-01-01", "2.34"),
    (None, "2020-11-23", "2020-04-01", "3.64"),
    (None, "2019-08-22", "2019-01-01", "3.60"),
    (None, "2020-06-01", "2020-01-01", "2.35"),
    (None, "2019-11-23", "2019-04-01", "3.63"),
    ("2024-05-01", None, "2024-01-01", "3.74"),
]


@pytest.mark.parametrize("start,leaving,year,shown", WEEKS)
def test_annualised_hours_weeks_match_gov_uk(rates, start, leaving, year, shown):
    result = run(rates, basis="annualised-hours", start_date=start, leaving_date=leaving, leave_year_start=year)
    assert result["entitlement_weeks"] == shown


def test_irregular_hours_before_april_2024_uses_weeks(rates):
    result = run(rates, basis="irregular-hours", start_date="2019-06-01", leave_year_start="2019-01-01")
    assert result["entitlement_weeks"] == "3.27"
    assert result["entitlement_hours"] is None


@pytest.mark.parametrize(
    "hours,shown",
    [("100", "12.07"), ("29", "3.5003"), ("4.1", "0.49487"), ("4.15", "0.500905"), ("37.5", "4.52625"), ("160", "19.312")],
)
def test_irregular_hours_from_april_2024_accrue_12_07_percent(rates, hours, shown):
    # Shown exactly: reg 15B gives 12.07% of the hours worked, which may be rounded up, never down.
    result = run(rates, basis="irregular-hours", hours_worked=hours, leave_year_start="2025-04-01")
    assert result["entitlement_hours"] == shown
    assert result["period"] == "pay-period"


def test_irregular_hours_leave_year_starting_1_april_2024_is_the_first_under_new_rules(rates):
    new = run(rates, basis="irregular-hours", hours_worked=100, leave_year_start="2024-04-01")
    old = run(rates, basis="irregular-hours", leave_year_start="2024-03-31")
    assert new["entitlement_hours"] == "12.07"
    assert old["entitlement_weeks"] == "5.6"


@pytest.mark.parametrize(
    "begins,ends,days",
    [
        ("2019-04-01", "2020-03-31", 366),
        ("2019-03-01", "2020-02-29", 366),
        ("2020-03-01", "2021-02-28", 365),
        ("2018-02-01", "2019-01-31", 365),
    ],
)
def test_leave_year_length_counts_29_february(begins, ends, days):
    year = LeaveYear.beginning(dt.date.fromisoformat(begins))
    assert year.ends_on == dt.date.fromisoformat(ends)
    assert year.days == days


def test_starting_month_counts_when_last_day_of_year_on_or_after_start_day(rates):
    # Leave year ends 31 December: starting on the 31st still counts December.
    result = run(rates, basis="days-per-week", days_per_week=5, start_date="2019-12-31", leave_year_start="2019-01-01")
    assert result["fraction_of_year"] == Decimal("0.0833333333")
    assert result["entitlement_days"] == "2.5"


@pytest.mark.parametrize(
    "kwargs,message",
    [
        ({"basis": "fortnightly"}, "unknown basis"),
        ({"basis": "days-per-week", "days_per_week": 8}, "between 0.5 and 7"),
        ({"basis": "days-per-week", "days_per_week": -1}, "between 0.5 and 7"),
        ({"basis": "hours-per-week", "days_per_week": 5, "hours_per_week": -4}, "more than 0"),
        ({"basis": "hours-per-week", "days_per_week": 5, "hours_per_week": 170}, "168"),
        ({"basis": "hours-per-week", "days_per_week": 1, "hours_per_week": 43}, "24 hours a day"),
        ({"basis": "days-per-week", "days_per_week": 5, "start_date": "2020-07-14", "leaving_date": "2019-10-14"}, "must be after"),
        ({"basis": "days-per-week", "days_per_week": 5, "start_date": "2020-01-01", "leaving_date": "2021-06-01"}, "Job ends \\(if this leave year\\): 1 June 2021 is more than a year after the job started"),
        ({"basis": "days-per-week", "days_per_week": 5, "start_date": "2020-07-14"}, "Leave year starts: needed"),
        ({"basis": "shifts", "shifts_per_pattern": 5, "days_per_pattern": 4}, "at least as many days"),
        ({"basis": "shifts", "shifts_per_pattern": 0, "days_per_pattern": 4}, "more than 0"),
        ({"basis": "irregular-hours", "leave_year_start": "2025-04-01"}, "Hours worked in the pay period: needed"),
        ({"basis": "irregular-hours", "leave_year_start": "2025-04-01", "hours_worked": -3}, "more than 0"),
        ({"basis": "days-per-week", "days_per_week": "lots"}, "not a number"),
        ({"basis": "days-per-week", "days_per_week": 5, "start_date": "2020-02-30", "leave_year_start": "2020-01-01"}, "30 February 2020 does not exist"),
    ],
)
def test_impossible_input_is_refused_with_a_clear_message(rates, kwargs, message):
    with pytest.raises(CalculatorError, match=message):
        run(rates, **kwargs)


def test_working_explains_the_result(rates):
    result = run(rates, basis="days-per-week", days_per_week=5, start_date="2019-06-01", leave_year_start="2019-01-01")
    text = " ".join(result["working"])
    assert "7 months of 12" in text and "half day" in text


# 29 February: GOV.UK's change of 3 February 2025 (alphagov/smart-answers c6572e6b9d) counts a job
# that starts on 29 February 2024 and ends on 29 January 2025 as 336 of 365 days, in every basis.

@pytest.mark.parametrize(
    "basis,inputs,key,shown",
    [
        ("days-per-week", {"days_per_week": 5}, "entitlement_days", "25.8"),  # 28 x 336/365 = 25.775
        ("hours-per-week", {"days_per_week": 5, "hours_per_week": "37.5"}, "entitlement_hours", "193.4"),  # 210 x 336/365
        ("compressed-hours", {"days_per_week": 4, "hours_per_week": 37}, "entitlement_hours", "190.8"),  # 207.2 x 336/365
        ("shifts", {"shifts_per_pattern": 4, "days_per_pattern": 7}, "entitlement_shifts", "20.63"),  # 22.4 x 336/365
        ("annualised-hours", {}, "entitlement_weeks", "5.16"),  # GOV.UK's own case
        ("irregular-hours", {"leave_year_start": "2019-03-01"}, "entitlement_weeks", "5.16"),  # before April 2024: as annualised
    ],
)
def test_a_job_starting_on_29_february_in_every_basis(rates, basis, inputs, key, shown):
    result = run(rates, basis=basis, start_date="2024-02-29", leaving_date="2025-01-29", **inputs)
    assert result["fraction_of_year"] == Decimal("0.9205479452")
    assert result[key] == shown


def test_a_leave_year_resetting_on_29_february():
    # In a common year it begins on 1 March; the year before a leap-year date begins 28 February.
    assert LeaveYear.resetting_on(dt.date(2024, 2, 29), dt.date(2025, 6, 1)) == LeaveYear(dt.date(2025, 3, 1), dt.date(2026, 2, 28))
    assert LeaveYear.resetting_on(dt.date(2024, 2, 29), dt.date(2025, 1, 29)) == LeaveYear(dt.date(2024, 3, 1), dt.date(2025, 2, 28))
    assert LeaveYear.resetting_on(dt.date(2024, 2, 29), dt.date(2024, 12, 31)).days == 366


@pytest.mark.parametrize(
    "inputs,key,shown,rounded",
    [
        ({"basis": "days-per-week", "days_per_week": 5}, "entitlement_days", "14", False),  # 28 x 6/12 = 14: nothing to round
        ({"basis": "days-per-week", "days_per_week": 1}, "entitlement_days", "3", True),  # 5.6 x 6/12 = 2.8, up to 3
        ({"basis": "shifts", "shifts_per_pattern": 5, "days_per_pattern": 7}, "entitlement_shifts", "14", False),
        ({"basis": "shifts", "shifts_per_pattern": 1, "days_per_pattern": 7}, "entitlement_shifts", "3", True),
        ({"basis": "hours-per-week", "days_per_week": 5, "hours_per_week": 40}, "entitlement_hours", "112", False),
    ],
)
def test_a_starter_is_told_of_rounding_up_only_when_something_was_rounded(rates, inputs, key, shown, rounded):
    """A starter's holiday is rounded up to the next half day (or shift); the working says so only
    when the sum was not a half day already (6 months of 12 of 28 days is 14, not 'rounded up')."""
    result = run(rates, start_date="2019-07-01", leave_year_start="2019-01-01", **inputs)
    assert result[key] == shown
    assert any(line.startswith("Rounded up") for line in result["working"]) == rounded
