"""Figures back to 6 April 2015, each against the official figure for its period.

The expected values are the published rates (GOV.UK minimum wage rates, HMRC rates and thresholds,
the up-rating and increase-of-limits orders), as also held in GOV.UK Smart Answers' dated rates
files (alphagov/smart-answers config/smart_answers/rates/*.yml and their history).
"""

import datetime as dt
import json
from decimal import Decimal
from pathlib import Path

import pytest

from guidance.calculators.minimum_wage import minimum_hourly_rate
from guidance.cli import main
from guidance.content.rates import RateError, load_rates
from guidance.problems import Problems

REPO = Path(__file__).resolve().parents[1]
D = dt.date


@pytest.fixture(scope="module")
def rates():
    problems = Problems()
    loaded = load_rates(REPO / "content" / "rates.yaml", problems)
    assert not problems, [str(p) for p in problems]
    return loaded


# (key, day, official value)
OFFICIAL = [
    # minimum wage: October changes until 2016, then 1 April; NLW from 1 April 2016
    ("minimum_wage_21_to_nlw_age", D(2015, 4, 6), "6.50"),
    ("minimum_wage_21_to_nlw_age", D(2015, 10, 1), "6.70"),
    ("minimum_wage_21_to_nlw_age", D(2016, 9, 30), "6.70"),
    ("minimum_wage_21_to_nlw_age", D(2016, 10, 1), "6.95"),
    ("minimum_wage_21_to_nlw_age", D(2020, 6, 1), "8.20"),
    ("minimum_wage_21_to_nlw_age", D(2021, 4, 1), "8.36"),
    ("minimum_wage_21_to_nlw_age", D(2023, 4, 1), "10.18"),
    ("national_living_wage", D(2016, 4, 1), "7.20"),
    ("national_living_wage", D(2017, 3, 31), "7.20"),
    ("national_living_wage", D(2017, 4, 1), "7.50"),
    ("national_living_wage", D(2019, 4, 1), "8.21"),
    ("national_living_wage", D(2020, 4, 1), "8.72"),
    ("national_living_wage", D(2022, 4, 1), "9.50"),
    ("national_living_wage", D(2023, 4, 1), "10.42"),
    ("national_living_wage", D(2024, 6, 1), "11.44"),
    ("national_living_wage_age", D(2016, 4, 1), "25"),
    ("national_living_wage_age", D(2021, 3, 31), "25"),
    ("national_living_wage_age", D(2021, 4, 1), "23"),
    ("national_living_wage_age", D(2024, 3, 31), "23"),
    ("national_living_wage_age", D(2024, 4, 1), "21"),
    ("minimum_wage_18_20", D(2015, 4, 6), "5.13"),
    ("minimum_wage_18_20", D(2018, 4, 1), "5.90"),
    ("minimum_wage_18_20", D(2024, 4, 1), "8.60"),
    ("minimum_wage_under_18", D(2015, 10, 1), "3.87"),
    ("minimum_wage_under_18", D(2022, 4, 1), "4.81"),
    ("minimum_wage_apprentice", D(2015, 4, 6), "2.73"),
    ("minimum_wage_apprentice", D(2015, 10, 1), "3.30"),
    ("minimum_wage_apprentice", D(2023, 4, 1), "5.28"),
    ("accommodation_offset_daily", D(2015, 4, 6), "5.08"),
    ("accommodation_offset_daily", D(2016, 10, 1), "6.00"),
    ("accommodation_offset_daily", D(2024, 4, 1), "9.99"),
    # SSP and the lower earnings limit (6 April); SSP frozen in 2016
    ("ssp_weekly_rate", D(2015, 4, 6), "88.45"),
    ("ssp_weekly_rate", D(2016, 6, 1), "88.45"),
    ("ssp_weekly_rate", D(2017, 4, 6), "89.35"),
    ("ssp_weekly_rate", D(2020, 4, 6), "95.85"),
    ("ssp_weekly_rate", D(2023, 4, 6), "109.40"),
    ("ssp_weekly_rate", D(2024, 4, 6), "116.75"),
    ("ssp_weekly_rate", D(2026, 3, 16), "118.75"),
    ("lower_earnings_limit_weekly", D(2015, 4, 6), "112"),
    ("lower_earnings_limit_weekly", D(2019, 4, 6), "118"),
    ("lower_earnings_limit_weekly", D(2022, 4, 6), "123"),
    ("ssp_earnings_threshold_weekly", D(2026, 3, 16), "125"),
    ("ssp_earnings_threshold_weekly", D(2026, 4, 6), "0"),
    ("ssp_waiting_days", D(2015, 4, 6), "3"),
    ("ssp_waiting_days", D(2026, 4, 5), "3"),
    ("ssp_waiting_days", D(2026, 4, 6), "0"),
    # statutory family pay: first Sunday in April
    ("family_pay_weekly_rate", D(2015, 4, 5), "139.58"),
    ("family_pay_weekly_rate", D(2017, 4, 1), "139.58"),
    ("family_pay_weekly_rate", D(2017, 4, 2), "140.98"),
    ("family_pay_weekly_rate", D(2020, 4, 5), "151.20"),
    ("family_pay_weekly_rate", D(2024, 4, 7), "184.03"),
    ("family_pay_weekly_rate", D(2026, 4, 5), "194.32"),
    # redundancy: dismissals on or after 6 April
    ("redundancy_week_pay_cap", D(2015, 4, 6), "475"),
    ("redundancy_week_pay_cap", D(2016, 4, 6), "479"),
    ("redundancy_week_pay_cap", D(2018, 4, 6), "508"),
    ("redundancy_week_pay_cap", D(2025, 3, 1), "700"),
    ("redundancy_pay_maximum", D(2025, 3, 1), "21000"),
    ("redundancy_pay_maximum", D(2015, 4, 6), "14250"),
    # employer NI
    ("employer_ni_rate", D(2015, 4, 6), "13.8"),
    ("employer_ni_rate", D(2022, 6, 1), "15.05"),
    ("employer_ni_rate", D(2022, 11, 6), "13.8"),
    ("employer_ni_rate", D(2025, 4, 6), "15"),
    ("secondary_threshold_weekly", D(2015, 4, 6), "156"),
    ("secondary_threshold_weekly", D(2022, 7, 1), "175"),
    ("secondary_threshold_yearly", D(2024, 4, 6), "9100"),
    ("employment_allowance", D(2015, 4, 6), "2000"),
    ("employment_allowance", D(2016, 4, 6), "3000"),
    ("employment_allowance", D(2020, 4, 6), "4000"),
    ("employment_allowance", D(2022, 4, 6), "5000"),
    ("employment_allowance", D(2025, 4, 5), "5000"),
    # pensions
    ("auto_enrolment_trigger_yearly", D(2015, 4, 6), "10000"),
    ("qualifying_earnings_lower_yearly", D(2015, 4, 6), "5824"),
    ("qualifying_earnings_upper_yearly", D(2019, 4, 6), "50000"),
    ("pension_minimum_total_contribution", D(2017, 4, 6), "2"),
    ("pension_minimum_total_contribution", D(2018, 4, 6), "5"),
    ("pension_minimum_employer_contribution", D(2018, 4, 6), "2"),
    ("pension_minimum_employer_contribution", D(2019, 4, 6), "3"),
    # rules
    ("early_conciliation_max_weeks", D(2025, 11, 30), "6"),
    ("early_conciliation_max_weeks", D(2025, 12, 1), "12"),
    ("unfair_dismissal_qualifying_months", D(2026, 12, 31), "24"),
    ("unfair_dismissal_qualifying_months", D(2027, 1, 1), "6"),
    ("right_to_work_covers_workers", D(2026, 9, 30), "0"),
    ("right_to_work_covers_workers", D(2026, 10, 1), "1"),
]


@pytest.mark.parametrize("key, day, expected", OFFICIAL, ids=[f"{k}-{d}" for k, d, _ in OFFICIAL])
def test_official_figure_for_the_period(rates, key, day, expected):
    assert rates.value(key, day) == Decimal(expected)


FROM_APRIL_2015 = D(2015, 4, 6)


def test_every_figure_a_text_or_calculator_uses_has_a_value_from_april_2015(rates):
    """Except the rules that began later (nothing to quote before them)."""
    began_later = {"national_living_wage", "national_living_wage_age", "ssp_earnings_percent", "irregular_hours_accrual_percent", "written_statement_later_months",
                   "holiday_pay_lookback_weeks",
                   "tribunal_time_limit_months_unconfirmed"}  # the six-month limit expected from October 2026
    missing = []
    for key in rates.keys():
        if key in began_later:
            continue
        try:
            rates.value(key, FROM_APRIL_2015)
        except RateError:
            missing.append(key)
    assert missing == []


def test_rules_that_began_later_refuse_earlier_dates(rates):
    with pytest.raises(RateError, match="no value before 2026-04-06"):
        rates.value("ssp_earnings_percent", D(2026, 4, 5))


@pytest.mark.parametrize(
    "age, day, expected, band",
    [
        (24, D(2024, 6, 1), "11.44", "National Living Wage"),  # NLW from 21 since April 2024
        (24, D(2020, 6, 1), "8.20", "21 to 24 rate"),  # NLW was 25 and over
        (22, D(2022, 6, 1), "9.18", "21 to 22 rate"),  # NLW was 23 and over
        (30, D(2015, 6, 1), "6.50", "21 and over rate"),  # before the NLW
        (30, D(2016, 4, 1), "7.20", "National Living Wage"),
        (19, D(2019, 6, 1), "6.15", "18 to 20 rate"),
    ],
)
def test_the_band_for_an_age_follows_the_nlw_age_of_the_day(rates, age, day, expected, band):
    assert minimum_hourly_rate(rates, day, age) == (Decimal(expected), band)


def test_every_period_names_its_source(rates):
    in_range = []
    for key in rates.keys():
        for period in rates.get(key).periods:
            if period.start >= D(2015, 4, 6) and len(rates.get(key).periods) > 1:
                in_range.append((key, period.start, period.source))
    assert in_range, "expected dated periods"
    assert [(k, d) for k, d, s in in_range if not s] == []


def test_rates_on_2016_06_01_lists_them(capsys):
    assert main(["--root", str(REPO), "rates", "--on", "2016-06-01", "--json"]) == 0
    rows = {row["key"]: row for row in json.loads(capsys.readouterr().out)["rates"]}
    assert rows["national_living_wage"]["value"] == "7.20"
    assert rows["minimum_wage_21_to_nlw_age"]["value"] == "6.70"
    assert rows["ssp_weekly_rate"]["value"] == "88.45"
    assert rows["redundancy_week_pay_cap"]["value"] == "479"
    assert rows["employment_allowance"]["value"] == "3000"
    assert rows["ssp_weekly_rate"]["period_source"] == "Social Security Benefits Up-rating Order 2015 (unchanged in 2016)"
    assert rows["right_to_work_covers_workers"]["shown"] == "no"


# GOV.UK Smart Answers' minimum wage rates file (config/smart_answers/rates/minimum_wage.yml and
# its history in alphagov/smart-answers): start, under 18, 18-20, 21 up to the NLW age, NLW,
# apprentice, accommodation offset per day, NLW age (None before the NLW).
SMART_ANSWERS_MINIMUM_WAGE = [
    (D(2014, 10, 1), "3.79", "5.13", "6.50", None, "2.73", "5.08", None),
    (D(2015, 10, 1), "3.87", "5.30", "6.70", None, "3.30", "5.35", None),
    (D(2016, 4, 1), "3.87", "5.30", "6.70", "7.20", "3.30", "5.35", 25),
    (D(2016, 10, 1), "4.00", "5.55", "6.95", "7.20", "3.40", "6.00", 25),
    (D(2017, 4, 1), "4.05", "5.60", "7.05", "7.50", "3.50", "6.40", 25),
    (D(2018, 4, 1), "4.20", "5.90", "7.38", "7.83", "3.70", "7.00", 25),
    (D(2019, 4, 1), "4.35", "6.15", "7.70", "8.21", "3.90", "7.55", 25),
    (D(2020, 4, 1), "4.55", "6.45", "8.20", "8.72", "4.15", "8.20", 25),
    (D(2021, 4, 1), "4.62", "6.56", "8.36", "8.91", "4.30", "8.36", 23),
    (D(2022, 4, 1), "4.81", "6.83", "9.18", "9.50", "4.81", "8.70", 23),
    (D(2023, 4, 1), "5.28", "7.49", "10.18", "10.42", "5.28", "9.10", 23),
    (D(2024, 4, 1), "6.40", "8.60", "11.44", "11.44", "6.40", "9.99", 21),
    (D(2025, 4, 1), "7.55", "10.00", "12.21", "12.21", "7.55", "10.66", 21),
    (D(2026, 4, 1), "8.00", "10.85", "12.71", "12.71", "8.00", "11.10", 21),
]


@pytest.mark.parametrize("row", SMART_ANSWERS_MINIMUM_WAGE, ids=[r[0].isoformat() for r in SMART_ANSWERS_MINIMUM_WAGE])
def test_minimum_wage_matches_smart_answers_for_every_period_and_age(rates, row):
    start, under_18, band_18_20, band_21, nlw, apprentice, offset, nlw_age = row
    for day in (start, start + dt.timedelta(days=100)):
        assert minimum_hourly_rate(rates, day, 17)[0] == Decimal(under_18)
        assert minimum_hourly_rate(rates, day, 19)[0] == Decimal(band_18_20)
        assert minimum_hourly_rate(rates, day, 19, apprentice=True)[0] == Decimal(apprentice)
        for age in (21, 22, 23, 24, 25, 40):
            expected = nlw if nlw_age is not None and age >= nlw_age else band_21
            assert minimum_hourly_rate(rates, day, age)[0] == Decimal(expected), (day, age)
        assert rates.value("accommodation_offset_daily", day) == Decimal(offset)


# Smart Answers statutory_sick_pay.yml and redundancy_pay.yml (tax years from 6 April):
# year, SSP weekly rate, lower earnings limit (SSP threshold; none from 2026), week's pay cap, maximum.
SMART_ANSWERS_TAX_YEARS = [
    (2015, "88.45", "112", "475", "14250"),
    (2016, "88.45", "112", "479", "14370"),
    (2017, "89.35", "113", "489", "14670"),
    (2018, "92.05", "116", "508", "15240"),
    (2019, "94.25", "118", "525", "15750"),
    (2020, "95.85", "120", "538", "16140"),
    (2021, "96.35", "120", "544", "16320"),
    (2022, "99.35", "123", "571", "17130"),
    (2023, "109.40", "123", "643", "19290"),
    (2024, "116.75", "123", "700", "21000"),
    (2025, "118.75", "125", "719", "21570"),
    (2026, "123.25", "0", "751", "22530"),
]


@pytest.mark.parametrize("row", SMART_ANSWERS_TAX_YEARS, ids=[str(r[0]) for r in SMART_ANSWERS_TAX_YEARS])
def test_ssp_and_redundancy_match_smart_answers_for_every_tax_year(rates, row):
    year, ssp, threshold, cap, maximum = row
    for day in (D(year, 4, 6), D(year + 1, 4, 5)):
        assert rates.value("ssp_weekly_rate", day) == Decimal(ssp)
        assert rates.value("ssp_earnings_threshold_weekly", day) == Decimal(threshold)
        assert rates.value("redundancy_week_pay_cap", day) == Decimal(cap)
        assert rates.value("redundancy_pay_maximum", day) == Decimal(maximum)
    assert rates.value("redundancy_pay_maximum", D(year, 4, 6)) == rates.value("redundancy_week_pay_cap", D(year, 4, 6)) * 30
