"""Statutory Sick Pay: GOV.UK's worked cases (2012 figures) and the April 2026 change.

The 2012 cases come from alphagov/smart-answers
test/unit/calculators/statutory_sick_pay_calculator_test.rb, run on that year's figures; the
2026 cases are worked by hand below from the rules in the Employment Rights Act 2025 s.10 (no
waiting days, no earnings threshold, and from 6 April 2026 one day off sick is a period of
incapacity for work).
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
        ({"start": "2026-05-01", "end": "2026-05-10", "linked_start": "2026-04-01"}, "needs both its first day and its last day"),
        ({"start": "2026-05-01", "end": "2026-05-10", "linked_start": "2026-04-20", "linked_end": "2026-04-30"}, "Earlier linked sickness: last day: 30 April 2026 leaves no day between it and this sickness"),
        # 20-21 March 2026: two days before the change were not a period, so cannot link.
        ({"start": "2026-05-01", "end": "2026-05-10", "linked_start": "2026-03-20", "linked_end": "2026-03-21"}, "under 4 days"),
        ({"start": "2026-05-01", "end": "2026-05-10", "linked_start": "2026-03-21", "linked_end": "2026-03-20"}, "before the first"),
    ],
)
def test_impossible_input_is_refused(rates, kwargs, message):
    kwargs = dict(kwargs)
    start, end = kwargs.pop("start"), kwargs.pop("end")
    with pytest.raises(CalculatorError, match=message):
        ssp(rates, start, end, **kwargs)


def test_under_four_days_before_april_2026_is_not_a_period_of_incapacity(rates):
    # Mon 2 to Wed 4 March 2026: 3 days, under the 4 days in a row needed before 6 April 2026.
    result = ssp(rates, "2026-03-02", "2026-03-04")
    assert result["ssp_total"] == Decimal("0.00")
    assert result["entitled"] is False
    assert "under 4 days" in result["working"][0]


# --- One day is a period of incapacity from 6 April 2026 (ERA 2025 s.10(3)) -----------------


def test_single_day_after_april_2026_pays_one_day(rates):
    # Tue 10 Nov 2026, Mon-Fri, earning £250: 80% is £200, above the flat £123.25, so the
    # weekly rate is £123.25 and one day is 123.25 / 5 = 24.65.
    result = ssp(rates, "2026-11-10", "2026-11-10", awe="250")
    assert (result["qualifying_days"], result["waiting_days"], result["payable_days"]) == (1, 0, 1)
    assert result["daily_rates"] == [[dt.date(2026, 11, 10), Decimal("24.6500")]]
    assert result["weekly_payments"] == [[dt.date(2026, 11, 14), Decimal("24.65")]]
    assert result["ssp_total"] == Decimal("24.65")
    assert result["entitled"] is True


def test_two_and_three_day_absences_after_april_2026_are_paid(rates):
    # Mon 4 - Tue 5 May 2026 and Mon 4 - Wed 6 May 2026 at £400 a week: 24.65 a day.
    assert ssp(rates, "2026-05-04", "2026-05-05", awe="400")["ssp_total"] == Decimal("49.30")
    assert ssp(rates, "2026-05-04", "2026-05-06", awe="400")["ssp_total"] == Decimal("73.95")


def test_two_single_days_within_8_weeks_link(rates):
    # Tue 6 Oct and Tue 10 Nov 2026: 34 days apart, so one linked period; the earlier day was
    # paid, and counts towards the 28 weeks.
    result = ssp(rates, "2026-11-10", "2026-11-10", awe="250", linked_start="2026-10-06", linked_end="2026-10-06")
    assert result["days_paid_in_linked_period"] == 1
    assert result["payable_days"] == 1
    assert result["ssp_total"] == Decimal("24.65")


def test_single_days_more_than_8_weeks_apart_do_not_link(rates):
    # Tue 8 Sep and Tue 10 Nov 2026: 62 days between them.
    with pytest.raises(CalculatorError, match="more than 8 weeks apart"):
        ssp(rates, "2026-11-10", "2026-11-10", linked_start="2026-09-08", linked_end="2026-09-08")


def test_single_day_at_the_28_week_maximum_is_not_paid(rates):
    # A linked Mon-Fri period 4 May - 13 Nov 2026 holds 140 qualifying days, all paid: a single
    # day off on Tue 5 Jan 2027 (52 days between them) links, and nothing is left to pay.
    result = ssp(rates, "2027-01-05", "2027-01-05", awe="400", linked_start="2026-05-04", linked_end="2026-11-13")
    assert result["days_paid_in_linked_period"] == 140
    assert result["payable_days"] == 0
    assert result["maximum_reached"] is True
    assert result["entitled"] is False


def test_short_spell_running_into_6_april_2026_is_paid_from_6_april(rates):
    # Sat 4 - Mon 6 April 2026: 3 days, not a period under the 4-day rule of 4-5 April, but
    # Mon 6 April is one under the new rule: one day at 123.25 / 5 = 24.65.
    result = ssp(rates, "2026-04-04", "2026-04-06", awe="400")
    assert (result["waiting_days"], result["payable_days"]) == (0, 1)
    assert result["ssp_total"] == Decimal("24.65")
    assert "6 April 2026" in result["working"][0]


def test_short_spell_over_6_april_2026_pays_only_days_from_6_april(rates):
    # Seven-day worker, Sun 5 - Tue 7 April 2026: Sunday 5th is not in a period (old rule), so
    # not a waiting day either; 6th and 7th at 123.25 / 7 = 17.6071 -> 35.2142, up to 35.22.
    result = ssp(rates, "2026-04-05", "2026-04-07", days="mon,tue,wed,thu,fri,sat,sun", awe="400")
    assert (result["qualifying_days"], result["waiting_days"], result["payable_days"]) == (2, 0, 2)
    assert result["ssp_total"] == Decimal("35.22")


def test_short_earlier_spell_is_judged_by_the_rule_of_its_own_days(rates):
    # A 3-day spell Mon 2 - Wed 4 March 2026 was not a period (refused above); a 3-day spell
    # Mon 13 - Wed 15 April 2026 is, and links to Mon 4 May 2026 (18 days between them).
    result = ssp(rates, "2026-05-04", "2026-05-04", awe="400", linked_start="2026-04-13", linked_end="2026-04-15")
    assert result["days_paid_in_linked_period"] == 3
    assert result["ssp_total"] == Decimal("24.65")
    with pytest.raises(CalculatorError, match="rule in force on 2 March 2026"):
        ssp(rates, "2026-04-20", "2026-04-20", linked_start="2026-03-02", linked_end="2026-03-04")


# --- Transitional protection over 6 April 2026 (DWP guidance; worked by hand) --------------


def test_flat_rate_kept_by_someone_already_getting_ssp_on_6_april_2026(rates):
    # £140 a week, Mon 30 March to Mon 6 April 2026: 30 March - 1 April waiting days; 2-3 April
    # at 118.75 / 5 = 23.75 (47.50); 6 April keeps the flat rate, 123.25 / 5 = 24.65, not
    # 80% of £140 = £112 / 5 = 22.40. Total 72.15, not 69.90.
    result = ssp(rates, "2026-03-30", "2026-04-06", awe="140")
    assert result["ssp_total"] == Decimal("72.15")
    assert result["weekly_payments"] == [[dt.date(2026, 4, 4), Decimal("47.50")], [dt.date(2026, 4, 11), Decimal("24.65")]]
    assert result["flat_rate_protected_from"] == dt.date(2026, 4, 6)
    assert [span[:2] for span in result["rules_by_day"]] == [
        [dt.date(2026, 3, 30), dt.date(2026, 4, 3)], [dt.date(2026, 4, 6), dt.date(2026, 4, 6)]]
    assert "flat rate kept" in result["rules_by_day"][1][2]
    assert any("keeps the flat rate" in line for line in result["working"])


def test_still_serving_waiting_days_on_6_april_2026_gets_the_new_rules(rates):
    # £140 a week, Thu 2 to Wed 8 April 2026: Thu 2 and Fri 3 are waiting days, so not yet
    # getting SSP on 5 April; from 6 April 80% of £140 = £112 / 5 = 22.40 a day, 3 days = 67.20.
    result = ssp(rates, "2026-04-02", "2026-04-08", awe="140")
    assert result["flat_rate_protected_from"] is None
    assert (result["waiting_days"], result["payable_days"]) == (2, 3)
    assert result["ssp_total"] == Decimal("67.20")


def test_below_old_threshold_on_6_april_2026_gets_80_percent_from_then(rates):
    # £120 a week (under the £125 limit), Mon 30 March to Fri 10 April 2026: nothing before
    # 6 April; then 80% of £120 = £96 / 5 = 19.20 a day, 5 days = 96.00.
    result = ssp(rates, "2026-03-30", "2026-04-10", awe="120")
    assert result["flat_rate_protected_from"] is None
    assert result["days_below_earnings_threshold"] == 5
    assert result["ssp_total"] == Decimal("96.00")


def test_entitled_through_a_linked_period_keeps_the_flat_rate_over_6_april_2026(rates):
    # Linked Mon 2 - Fri 6 March 2026 served the 3 waiting days. Sat 4 - Tue 7 April 2026 is a
    # 4-day period under the old rule, entitled on 5 April: Mon 6 and Tue 7 at 24.65 = 49.30.
    result = ssp(rates, "2026-04-04", "2026-04-07", awe="140", linked_start="2026-03-02", linked_end="2026-03-06")
    assert result["flat_rate_protected_from"] == dt.date(2026, 4, 6)
    assert result["ssp_total"] == Decimal("49.30")


def test_linked_spell_starting_after_6_april_2026_uses_the_new_rules(rates):
    # First spell Mon 16 - Fri 27 March 2026 (paid at the flat rate); a new absence Mon 13 -
    # Fri 17 April 2026 links to it but is not the same continuous absence: 80% of the first
    # spell's £140 = 22.40 a day, 5 days = 112.00.
    result = ssp(rates, "2026-04-13", "2026-04-17", awe="140", linked_start="2026-03-16", linked_end="2026-03-27")
    assert result["flat_rate_protected_from"] is None
    assert result["ssp_total"] == Decimal("112.00")
    assert any("first period in the linked series" in line for line in result["working"])


def test_high_earner_over_6_april_2026_is_paid_the_same_either_way(rates):
    # £400 a week: 80% is £320, above the flat rate, so protection changes nothing (294.00 above).
    result = ssp(rates, "2026-03-30", "2026-04-17", awe="400")
    assert result["flat_rate_protected_from"] == dt.date(2026, 4, 6)
    assert result["ssp_total"] == Decimal("294.00")


def test_sickness_to_the_end_of_time_is_refused_not_a_crash(rates):
    with pytest.raises(CalculatorError, match="^Last day off sick: 31 December 2099 is more than 3 years") as caught:
        ssp(rates, "2026-05-04", "2099-12-31")
    assert caught.value.field == "sick_end"
    # Dates beyond 2100 are refused as dates before the calculator sees them.
    with pytest.raises(CalculatorError, match="sick end: 31 December 9999 is out of range"):
        ssp(rates, "2026-05-04", "9999-12-31")
    with pytest.raises(CalculatorError, match="sick start: 20 December 9999 is out of range"):
        ssp(rates, "9999-12-20", "9999-12-31")


def test_earnings_limit_is_the_one_in_force_when_the_period_began(rates_2012):
    # £105 a week, Mon 26 March - Fri 13 April 2012 (GOV.UK's scenario 1 dates): the limit on
    # 26 March was £102, so SSP is due for the whole period even though it rose to £107 on
    # 6 April (HMRC SPM170100: earnings before the start of the PIW or linked series): 200.94.
    result = ssp(rates_2012, "2012-03-26", "2012-04-13", awe="105")
    assert result["days_below_earnings_threshold"] == 0
    assert result["ssp_total"] == Decimal("200.94")
    # £101 is below the £102 of 26 March: nothing at all.
    assert ssp(rates_2012, "2012-03-26", "2012-04-13", awe="101")["ssp_total"] == Decimal("0.00")


def test_linked_series_keeps_the_limit_of_its_first_period(rates_2012):
    # First period Mon 19 - Fri 30 March 2012 (limit £102); linked spell Mon 16 - Fri 20 April
    # 2012 (limit then £107). £105 a week: entitled, 5 days at 85.85 / 5 = 17.17 = 85.85.
    result = ssp(rates_2012, "2012-04-16", "2012-04-20", awe="105", linked_start="2012-03-19", linked_end="2012-03-30")
    assert result["ssp_total"] == Decimal("85.85")
