"""Statutory Sick Pay: GOV.UK's worked cases (2012 figures) and the April 2026 change.

The 2012 cases come from alphagov/smart-answers
test/unit/calculators/statutory_sick_pay_calculator_test.rb, run on that year's figures; the
2026 cases are worked by hand below from the rules in the Employment Rights Act 2025.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest

from guidance.calculators import CalculatorError
from guidance.calculators.sick_pay import daily_rate, statutory_sick_pay
from guidance.content.rates import Period, Rate, Rates, load_rates
from guidance.problems import Problems

REPO = Path(__file__).resolve().parents[1]
MON_FRI = "mon,tue,wed,thu,fri"


@pytest.fixture(scope="module")
def rates():
    return load_rates(REPO / "content" / "rates.yaml", Problems())


def _rate(unit, *periods):
    return Rate(label="test figure", unit=unit, source="test source",
                periods=[Period(start=dt.date.fromisoformat(d), value=Decimal(v)) for d, v in periods])


@pytest.fixture(scope="module")
def rates_2012():
    """The SSP figures of 2011-13, as GOV.UK's tests used them."""
    return Rates({
        "ssp_weekly_rate": _rate("money", ("2011-04-06", "81.60"), ("2012-04-06", "85.85")),
        "ssp_waiting_days": _rate("days", ("2011-04-06", "3")),
        "ssp_earnings_threshold_weekly": _rate("money", ("2011-04-06", "102"), ("2012-04-06", "107")),
        "ssp_max_weeks": _rate("weeks", ("2011-04-06", "28")),
        "ssp_linking_weeks": _rate("weeks", ("2011-04-06", "8")),
        "ssp_piw_minimum_days": _rate("days", ("2011-04-06", "4")),
    })


def ssp(rates, start, end, days=MON_FRI, awe="500", **kwargs):
    return statutory_sick_pay(sick_start=start, sick_end=end, work_days=days, average_weekly_earnings=awe,
                              rates=rates, **kwargs)


# --- GOV.UK's cases -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "weekly,days,expected",
    [("85.85", 5, "17.1700"), ("85.85", 3, "28.6166"), ("85.85", 7, "12.2642"), ("85.85", 6, "14.3083"),
     ("85.85", 2, "42.9250"), ("81.60", 5, "16.3200"), ("87.55", 5, "17.5100")],
)
def test_daily_rate_is_cut_to_four_places_like_hmrc_tables(weekly, days, expected):
    assert daily_rate(Decimal(weekly), days) == Decimal(expected)


def test_linked_period_with_five_days_leaves_no_waiting_days(rates_2012):
    result = ssp(rates_2012, "2012-10-01", "2012-10-07", linked_start="2012-09-01", linked_end="2012-09-07")
    assert result["waiting_days"] == 0
    assert result["qualifying_days"] == 5
    assert result["ssp_total"] == Decimal("85.85")


def test_linked_period_with_one_day_leaves_two_waiting_days(rates_2012):
    result = ssp(rates_2012, "2012-04-06", "2012-04-17", days="mon,tue,wed",
                 linked_start="2012-02-20", linked_end="2012-02-23")
    # 20-23 Feb 2012 holds Mon-Wed: 3 qualifying days, so none left to wait.
    assert result["waiting_days"] == 0
    one_day = ssp(rates_2012, "2012-04-06", "2012-04-17", days="mon,tue,wed",
                  linked_start="2012-02-23", linked_end="2012-02-27")
    # 23-27 Feb 2012 (Thu-Mon) holds one qualifying day (Mon 27th): two waiting days remain.
    assert one_day["waiting_days"] == 2
    assert one_day["qualifying_days"] == 5
    assert one_day["payable_days"] == 3


def test_three_waiting_days_with_nothing_left_to_pay(rates_2012):
    result = ssp(rates_2012, "2012-04-06", "2012-04-12", days="mon,tue,wed")
    assert (result["waiting_days"], result["payable_days"], result["qualifying_days"]) == (3, 0, 3)
    assert result["ssp_total"] == Decimal("0.00")
    assert result["entitled"] is False


def test_maximum_of_28_weeks_for_five_days_a_week(rates_2012):
    result = ssp(rates_2012, "2012-04-06", "2012-12-06")
    assert result["payable_days"] == 140
    assert result["qualifying_days"] == 175
    assert result["ssp_total"] == Decimal("2403.80")  # 28 x 85.85
    assert result["maximum_reached"] is True


def test_maximum_of_28_weeks_for_three_days_a_week(rates_2012):
    result = ssp(rates_2012, "2012-04-06", "2012-12-06", days="tue,wed,thu")
    assert result["payable_days"] == 84
    assert result["qualifying_days"] == 105
    assert result["ssp_total"] == Decimal("2403.80")


def test_scenario_1_crossing_tax_years(rates_2012):
    result = ssp(rates_2012, "2012-03-26", "2012-04-13")
    assert (result["waiting_days"], result["payable_days"], result["qualifying_days"]) == (3, 12, 15)
    assert result["ssp_total"] == Decimal("200.94")


def test_scenario_2_linked_period_crossing_tax_years(rates_2012):
    result = ssp(rates_2012, "2012-02-28", "2012-04-07", days="tue,wed,thu,fri",
                 linked_start="2012-01-03", linked_end="2012-01-12")
    assert result["qualifying_days"] == 24
    assert result["payable_days"] == 24
    assert result["ssp_total"] == Decimal("490.67")


def test_below_lower_earnings_limit_before_april_2026_gets_nothing(rates_2012):
    result = ssp(rates_2012, "2012-10-01", "2012-10-19", awe="100")
    assert result["ssp_total"] == Decimal("0.00")
    assert result["days_below_earnings_threshold"] == 15


# --- The April 2026 change (worked by hand) -------------------------------------------------


def test_from_6_april_2026_paid_from_day_one_at_flat_rate(rates):
    # Mon 4 May to Fri 15 May 2026, Mon-Fri, earning £400: 80% is £320, so the flat £123.25.
    # 10 days at 123.25 / 5 = 24.65: two weeks of £123.25.
    result = ssp(rates, "2026-05-04", "2026-05-15", awe="400")
    assert result["waiting_days"] == 0
    assert result["payable_days"] == 10
    assert result["weekly_payments"] == [[dt.date(2026, 5, 9), Decimal("123.25")], [dt.date(2026, 5, 16), Decimal("123.25")]]
    assert result["ssp_total"] == Decimal("246.50")


def test_from_6_april_2026_low_earner_gets_80_percent(rates):
    # Earning £100 a week (below the old £125 limit): 80% = £80 a week, £16 a day over 5 days.
    # Wed 6 May to Tue 12 May 2026: Wed-Fri (3 days, £48) then Mon-Tue (2 days, £32).
    result = ssp(rates, "2026-05-06", "2026-05-12", awe="100")
    assert result["daily_rates"] == [[dt.date(2026, 5, 6), Decimal("16.0000")]]
    assert [amount for _, amount in result["weekly_payments"]] == [Decimal("48.00"), Decimal("32.00")]
    assert result["ssp_total"] == Decimal("80.00")


def test_80_percent_daily_rate_is_cut_not_rounded(rates):
    # £101 a week: 80% = £80.80; over 3 days 26.9333... is cut to 26.9333; 3 days = 80.7999 -> £80.80.
    result = ssp(rates, "2026-06-01", "2026-06-07", days="mon,wed,fri", awe="101")
    assert result["daily_rates"][0][1] == Decimal("26.9333")
    assert result["ssp_total"] == Decimal("80.80")


def test_before_april_2026_the_same_sickness_had_waiting_days(rates):
    # The same Mon-Fri fortnight a year earlier: 3 waiting days, 7 paid at 118.75 / 5 = 23.75.
    result = ssp(rates, "2025-05-05", "2025-05-16", awe="400")
    assert result["waiting_days"] == 3
    assert result["payable_days"] == 7
    assert result["ssp_total"] == Decimal("166.25")


def test_sickness_running_over_6_april_2026(rates):
    # Mon 30 March to Fri 17 April 2026: waiting days 30, 31 March and 1 April (old rules);
    # 2-3 April at 23.75; from 6 April at 24.65 (new rate, no waiting days).
    result = ssp(rates, "2026-03-30", "2026-04-17", awe="400")
    assert result["waiting_days"] == 3
    assert result["weekly_payments"] == [
        [dt.date(2026, 4, 4), Decimal("47.50")],
        [dt.date(2026, 4, 11), Decimal("123.25")],
        [dt.date(2026, 4, 18), Decimal("123.25")],
    ]
    assert result["ssp_total"] == Decimal("294.00")


def test_low_earner_over_6_april_2026_paid_only_from_6_april(rates):
    # £100 a week: below the £125 limit until 5 April, so nothing before; 80% after.
    result = ssp(rates, "2026-03-30", "2026-04-10", awe="100")
    assert result["days_below_earnings_threshold"] == 5
    assert result["payable_days"] == 5
    assert result["ssp_total"] == Decimal("80.00")


def test_waiting_days_not_served_before_april_are_not_owed_after(rates):
    # Thu 2 April to Wed 8 April 2026: Thu and Fri are waiting days; from Mon 6 April all paid.
    result = ssp(rates, "2026-04-02", "2026-04-08", awe="400")
    assert result["waiting_days"] == 2
    assert result["payable_days"] == 3
    assert result["ssp_total"] == Decimal("73.95")


# --- Linked periods and the 28-week maximum under the 2026 rules ----------------------------


def test_linked_period_counts_towards_28_weeks(rates):
    # A linked Mon-Fri period 1 June - 30 Nov 2026 had 131 qualifying days, all paid (no waiting
    # days from April 2026); 140 - 131 = 9 days are left for the new spell.
    result = ssp(rates, "2027-01-04", "2027-01-29", awe="400", linked_start="2026-06-01", linked_end="2026-11-30")
    assert result["days_paid_in_linked_period"] == 131
    assert result["payable_days"] == 9
    assert result["maximum_reached"] is True


def test_maximum_28_weeks_under_2026_rules(rates):
    result = ssp(rates, "2026-05-04", "2027-01-29", awe="400")
    assert result["payable_days"] == 140
    assert result["ssp_total"] == Decimal("3451.00")  # 28 x 123.25


def test_unlinked_gap_over_8_weeks_is_refused(rates):
    with pytest.raises(CalculatorError, match="more than 8 weeks apart"):
        ssp(rates, "2026-09-01", "2026-09-10", linked_start="2026-06-01", linked_end="2026-07-05")


def test_gap_of_exactly_8_weeks_links(rates):
    # Linked period ends 6 July; 56 days between it and 1 September 2026.
    result = ssp(rates, "2026-09-01", "2026-09-10", linked_start="2026-07-01", linked_end="2026-07-06")
    assert result["days_paid_in_linked_period"] == 4


# --- Impossible input ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "kwargs,message",
    [
        ({"start": "2026-05-10", "end": "2026-05-01"}, "before the first"),
        ({"start": "2026-05-01", "end": "2026-05-10", "days": "mon,funday"}, "not a day of the week"),
        ({"start": "2026-05-01", "end": "2026-05-10", "days": ""}, "at least one day"),
        ({"start": "2026-05-01", "end": "2026-05-10", "awe": "-5"}, "cannot be negative"),
        ({"start": "2026-05-01", "end": "2026-05-10", "linked_start": "2026-04-01"}, "both --linked-start"),
        ({"start": "2026-05-01", "end": "2026-05-10", "linked_start": "2026-04-20", "linked_end": "2026-04-30"}, "at least one day before"),
        ({"start": "2026-05-01", "end": "2026-05-10", "linked_start": "2026-04-20", "linked_end": "2026-04-21"}, "under 4 days"),
    ],
)
def test_impossible_input_is_refused(rates, kwargs, message):
    kwargs = dict(kwargs)
    start, end = kwargs.pop("start"), kwargs.pop("end")
    with pytest.raises(CalculatorError, match=message):
        ssp(rates, start, end, **kwargs)


def test_under_four_days_is_not_a_period_of_incapacity(rates):
    result = ssp(rates, "2026-05-04", "2026-05-06")
    assert result["ssp_total"] == Decimal("0.00")
    assert result["entitled"] is False
    assert "under 4 days" in result["working"][0]
