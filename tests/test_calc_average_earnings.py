"""Average weekly earnings: published worked examples and the rules of the regulations.

Sources: HMRC Statutory Payments Manual SPM170200-SPM170400 and SPM10655 (SSP), SPM171100 (SMP);
GOV.UK Smart Answers (alphagov/smart-answers at 6fb9aab, test/unit/calculators/
maternity_pay_calculator_test.rb and statutory_sick_pay_calculator_test.rb); Employment Rights
Act 1996 s.224 as amended from 6 April 2020 (holiday). Cases marked "by hand" are worked below.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest

from guidance.calculators import CalculatorError
from guidance.calculators.average_earnings import average_weekly_earnings, qualifying_week_end, whole_months
from guidance.calculators.registry import run_calculator
from guidance.content.rates import load_rates
from guidance.problems import Problems

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def rates():
    return load_rates(REPO / "content" / "rates.yaml", Problems())


def awe(rates, payments, **kwargs):
    kwargs.setdefault("purpose", "ssp")
    return average_weekly_earnings(rates=rates, payments=payments, **kwargs)


def every(start: str, days: int, count: int, amount: str) -> str:
    first = dt.date.fromisoformat(start)
    return "; ".join(f"{first + dt.timedelta(days=days * i)}={amount}" for i in range(count))


# --- SSP (SSP (General) Regulations 1982 reg 19) -------------------------------------------


def test_monthly_pay_with_two_paydays_is_not_divided_by_8(rates):
    # £1,000 a month, paid 30 Jan, 27 Feb, 31 Mar 2026, sick from 10 April: the period is
    # 31 Jan - 31 Mar (2 months), £2,000 / 2 x 12 / 52 = £230.77, not £2,000 / 8 = £250.
    result = awe(rates, "2026-01-30=1000; 2026-02-27=1000; 2026-03-31=1000", frequency="monthly",
                 sick_start="2026-04-10")
    assert result["average_weekly_earnings"] == Decimal("230.77")
    assert (result["relevant_period_start"], result["relevant_period_end"]) == (dt.date(2026, 1, 31), dt.date(2026, 3, 31))
    assert result["total_earnings"] == Decimal("2000.00")
    assert result["divisor"] == "2 months"


def test_hmrc_irregular_pay_example(rates):
    # HMRC SPM10655: PIW from 12 May 2012, last payday Fri 4 May, the payday 8 weeks back 9 March,
    # so 10 March - 4 May; £1,500. HMRC's page counts "46 days" (£228.26), but 10 March to 4 May
    # inclusive is 56 days (22 + 30 + 4): £1,500 / 56 x 7 = £187.50.
    result = awe(rates, "2012-03-09=0; 2012-05-04=1500", frequency="irregular", sick_start="2012-05-12")
    assert (result["relevant_period_start"], result["relevant_period_end"]) == (dt.date(2012, 3, 10), dt.date(2012, 5, 4))
    assert result["divisor"] == "56 days"
    assert result["average_weekly_earnings"] == Decimal("187.50")


@pytest.mark.parametrize("frequency,days,count,amount,expected", [
    # GOV.UK's SSP tests: £800 in the period is £100 a week paid weekly, fortnightly or four-weekly.
    ("weekly", 7, 9, "100", "100.00"),
    ("fortnightly", 14, 5, "200", "100.00"),
    ("four-weekly", 28, 3, "400", "100.00"),
])
def test_weekly_and_multiples_of_a_week(rates, frequency, days, count, amount, expected):
    # Paydays up to Fri 24 April 2026, sick from Mon 27 April: 8 weeks back is 27 Feb (excluded).
    last = dt.date(2026, 4, 24)
    start = last - dt.timedelta(days=days * (count - 1))
    result = awe(rates, every(start.isoformat(), days, count, amount), frequency=frequency, sick_start="2026-04-27")
    assert result["average_weekly_earnings"] == Decimal(expected)
    assert result["divisor"] == "8 weeks"
    assert result["total_earnings"] == Decimal("800.00")


def test_payday_on_the_first_day_of_sickness_is_not_in_the_period(rates):
    # Paid weekly on Mondays; sick from Mon 27 April 2026: the last payday *before* is 20 April.
    result = awe(rates, every("2026-02-16", 7, 11, "100"), frequency="weekly", sick_start="2026-04-27")
    assert result["relevant_period_end"] == dt.date(2026, 4, 20)


@pytest.mark.parametrize("start,pay,expected", [
    # GOV.UK's SSP tests (total_earnings_awe): £532 over 42 days is £88.67; £600 over 43 days £97.67.
    ("2026-03-02", "532", "88.67"),
    ("2026-03-01", "600", "97.67"),
])
def test_paid_for_less_than_8_weeks_averages_from_the_start_of_employment(rates, start, pay, expected):
    result = awe(rates, f"2026-04-12={pay}", frequency="weekly", sick_start="2026-04-13", employment_start=start)
    assert result["average_weekly_earnings"] == Decimal(expected)
    with pytest.raises(CalculatorError, match="^First day of employment: no payday listed 8 weeks"):
        awe(rates, f"2026-04-12={pay}", frequency="weekly", sick_start="2026-04-13")


def test_the_limit_is_compared_with_the_unrounded_average(rates):
    # 2025/26: £999.99 over 8 weeks is £124.99875, shown as £125.00 but under the £125 limit.
    result = awe(rates, every("2025-05-02", 7, 9, "124.99875").replace("124.99875", "125")
                 .replace("2025-06-27=125", "2025-06-27=124.99"), frequency="weekly", sick_start="2025-06-30")
    assert result["total_earnings"] == Decimal("999.99")
    assert result["average_weekly_earnings"] == Decimal("125.00")
    assert result["earnings_limit"] == Decimal("125")
    assert result["at_or_above_limit"] is False


def test_no_limit_for_ssp_from_6_april_2026(rates):
    result = awe(rates, every("2026-04-03", 7, 9, "50"), frequency="weekly", sick_start="2026-06-01")
    assert result["earnings_limit"] is None and result["at_or_above_limit"] is None


@pytest.mark.parametrize("first,last,expected", [
    ("2026-02-01", "2026-03-31", (2, 2, 0)),
    ("2026-01-26", "2026-03-25", (2, 2, 0)),
    # HMRC SPM170400: odd days, 15 or fewer rounded down, 16 or more up (February 14 / 15).
    ("2026-01-10", "2026-03-24", (2, 2, 15)),
    ("2026-01-10", "2026-03-25", (3, 2, 16)),
    ("2026-01-01", "2026-03-14", (2, 2, 14)),
    ("2025-12-01", "2026-02-15", (3, 2, 15)),
])
def test_calendar_months_with_odd_days(first, last, expected):
    assert whole_months(dt.date.fromisoformat(first), dt.date.fromisoformat(last)) == expected


# --- SMP, SPP, SAP (SMP (General) Regulations 1986 reg 21) ---------------------------------


@pytest.mark.parametrize("due,saturday", [
    # GOV.UK's maternity calculator tests ("qualifying_week tests").
    ("2012-04-09", "2011-12-31"), ("2012-07-18", "2012-04-07"), ("2012-09-14", "2012-06-02"),
])
def test_qualifying_week(due, saturday):
    assert qualifying_week_end(dt.date.fromisoformat(due)) == dt.date.fromisoformat(saturday)


@pytest.mark.parametrize("frequency,days,count,amount,expected", [
    # GOV.UK's maternity calculator tests: weekly £5,321.20 in 8 weeks = £665.15; fortnightly
    # £3,194.56 = £399.32; four-weekly £3,056.48 = £382.06.
    ("weekly", 7, 9, None, "665.15"),
    ("fortnightly", 14, 5, None, "399.32"),
    ("four-weekly", 28, 3, None, "382.06"),
])
def test_family_pay_weekly_patterns(rates, frequency, days, count, amount, expected):
    total = {"weekly": "5321.20", "fortnightly": "3194.56", "four-weekly": "3056.48"}[frequency]
    share = Decimal(total) / (count - 1)
    # Due Mon 9 April 2012: qualifying week ends Sat 31 December 2011; paid on Fridays.
    last = dt.date(2011, 12, 30)
    start = last - dt.timedelta(days=days * (count - 1))
    result = awe(rates, every(start.isoformat(), days, count, str(share)), purpose="family", frequency=frequency,
                 due_date="2012-04-09")
    assert result["average_weekly_earnings"] == Decimal(expected)


@pytest.mark.parametrize("paydays,total,expected", [
    # GOV.UK's maternity calculator "HMRC scenarios": monthly £1,600 -> 184.6153846; £1,250.75 ->
    # 144.3173076 (2 months x 12 / 52, cut at 7 places).
    (("2012-08-31", "2012-09-30", "2012-10-31"), "1600", "184.6153846"),
    (("2012-08-26", "2012-09-26", "2012-10-26"), "1250.75", "144.3173076"),
])
def test_family_pay_monthly_cut_at_7_places(rates, paydays, total, expected):
    half = Decimal(total) / 2
    payments = [[paydays[0], "0"], [paydays[1], str(half)], [paydays[2], str(half)]]
    result = awe(rates, payments, purpose="family", frequency="monthly", qualifying_week_end="2012-11-03")
    assert result["average_weekly_earnings_unrounded"] == Decimal(expected)


def test_family_period_includes_a_payday_on_the_qualifying_saturday(rates):
    result = awe(rates, every("2011-11-05", 7, 9, "200"), purpose="family", frequency="weekly",
                 qualifying_week_end="2011-12-31")
    assert result["relevant_period_end"] == dt.date(2011, 12, 31)


# --- A week's pay for holiday (ERA 1996 s.224, from 6 April 2020), by hand ------------------


def _weeks(last: str, amounts: list[str]) -> list:
    end = dt.date.fromisoformat(last)
    return [[end - dt.timedelta(weeks=len(amounts) - 1 - i), a] for i, a in enumerate(amounts)]


def test_holiday_52_weeks_with_pay(rates):
    # 60 weeks ending Sat 30 May 2026: 8 oldest at £100, 52 latest at £200: only the 52 count.
    result = awe(rates, _weeks("2026-05-30", ["100"] * 8 + ["200"] * 52), purpose="holiday", holiday_start="2026-06-01")
    assert result["weeks_counted"] == 52
    assert result["average_weekly_earnings"] == Decimal("200.00")


def test_holiday_weeks_without_pay_are_skipped_and_earlier_weeks_used(rates):
    # 60 weeks: 4 oldest at £100, 4 at £300, then 4 weeks off unpaid (£0), then 48 at £200.
    # The 52 weeks with pay are 4 x £300 + 48 x £200 = £10,800 / 52 = £207.69.
    amounts = ["100"] * 4 + ["300"] * 4 + ["0"] * 4 + ["200"] * 48
    result = awe(rates, _weeks("2026-05-30", amounts), purpose="holiday", holiday_start="2026-06-01")
    assert (result["weeks_counted"], result["weeks_without_pay_skipped"]) == (52, 4)
    assert result["total_earnings"] == Decimal("10800.00")
    assert result["average_weekly_earnings"] == Decimal("207.69")


def test_holiday_goes_back_no_more_than_104_weeks(rates):
    # 110 weeks ending Sat 30 May 2026: the 104 weeks counted back from it start with the week
    # ending 8 June 2024, so the oldest 6 (at £500) are out; of the rest, 64 unpaid and 40 at
    # £100: 40 weeks count, average £100.
    amounts = ["500"] * 6 + ["0"] * 64 + ["100"] * 40
    result = awe(rates, _weeks("2026-05-30", amounts), purpose="holiday", holiday_start="2026-06-01")
    assert result["weeks_counted"] == 40
    assert result["average_weekly_earnings"] == Decimal("100.00")
    assert any("Fewer than 52" in line for line in result["working"])


def test_holiday_week_not_yet_complete_is_left_out(rates):
    # Leave starts Wed 3 June 2026: the week ending Sat 6 June is not complete, so not counted.
    result = awe(rates, _weeks("2026-06-06", ["100"] * 52 + ["900"]), purpose="holiday", holiday_start="2026-06-03")
    assert result["weeks_counted"] == 52
    assert result["average_weekly_earnings"] == Decimal("100.00")


# --- Bad input ---------------------------------------------------------------------------


@pytest.mark.parametrize("kwargs,message", [
    ({"payments": "2026-01-30=1000; 2026-02-30=1000", "frequency": "monthly", "sick_start": "2026-04-10"},
     "item 2 date"),
    ({"payments": "2026-01-30=1000; 2026-02-27 lots", "frequency": "monthly", "sick_start": "2026-04-10"},
     "item 2 amount"),
    ({"payments": "2026-01-30=1000; 2026-01-30=5", "frequency": "monthly", "sick_start": "2026-04-10"},
     "items 1 and 2"),
    ({"payments": "2026-01-30=-5", "frequency": "monthly", "sick_start": "2026-04-10"}, "negative"),
    ({"payments": "", "frequency": "monthly", "sick_start": "2026-04-10"}, "at least one payday"),
    ({"payments": "2026-05-30=100", "frequency": "monthly", "sick_start": "2026-04-10"}, "no payday on or before"),
    ({"payments": "2026-01-30=1000", "frequency": "yearly", "sick_start": "2026-04-10"}, "frequency"),
    ({"payments": "2026-01-30=1000", "sick_start": "2026-04-10"}, "^How often the PA is paid: needed"),
    ({"payments": "2026-01-30=1000", "frequency": "monthly"}, "^First day off sick: needed when What the average is for is 'ssp'"),
    ({"payments": "2026-01-30=1000", "frequency": "monthly", "purpose": "family"}, "^Date the baby is due: needed"),
    ({"payments": "2026-01-30=1000", "frequency": "monthly", "purpose": "family", "qualifying_week_end": "2026-02-06"},
     "not a Saturday"),
    ({"payments": "2026-01-30=1000", "purpose": "holiday"}, "^First day of the leave: needed when What the average is for is 'holiday'"),
    ({"payments": "2026-01-30=1000", "purpose": "pension"}, "purpose"),
])
def test_bad_input_is_named(rates, kwargs, message):
    with pytest.raises(CalculatorError, match=message):
        average_weekly_earnings(rates=rates, **kwargs)


def test_registry_and_json(rates):
    result = run_calculator("average-earnings", {"payments": "2026-01-30=1000, 2026-02-27=1000, 2026-03-31=1000",
                                                 "frequency": "monthly", "sick_start": "2026-04-10"},
                            rates, dt.date(2026, 4, 10))
    assert result["average_weekly_earnings"] == "230.77"
    assert result["relevant_period_start"] == "2026-01-31"


def test_family_pay_limit_is_the_family_pay_threshold(rates):
    # Qualifying week ending Sat 26 Sep 2026 (2026/27: £129); £128.99 a week is below it.
    result = awe(rates, every("2026-07-31", 7, 9, "128.99"), purpose="family", frequency="weekly",
                 qualifying_week_end="2026-09-26")
    assert result["earnings_limit"] == Decimal("129")
    assert result["at_or_above_limit"] is False


def test_holiday_weeks_of_only_sick_pay_are_skipped_too(rates):
    # 54 weeks ending 30 May 2026: 2 oldest at £300, then 52 at £200 of which the latest 2 were
    # paid only SSP (£123.25): those 2 are replaced by the 2 oldest: (2 x 300 + 50 x 200) / 52
    # = £10,600 / 52 = £203.85 (GOV.UK and Acas guidance on the reference period).
    weeks = _weeks("2026-05-30", ["300"] * 2 + ["200"] * 50 + ["123.25"] * 2)
    result = awe(rates, weeks, purpose="holiday", holiday_start="2026-06-01", skip_weeks="2026-05-23; 2026-05-30")
    assert (result["weeks_counted"], result["weeks_without_pay_skipped"]) == (52, 2)
    assert result["average_weekly_earnings"] == Decimal("203.85")
    with pytest.raises(CalculatorError, match="^Weeks paid only SSP or statutory leave pay: item 1"):
        awe(rates, weeks, purpose="holiday", holiday_start="2026-06-01", skip_weeks="2026-05-24")


def test_absurd_amount_is_a_message_not_a_crash(rates):
    with pytest.raises(CalculatorError, match="item 1 amount"):
        awe(rates, "2026-04-01=1E+999999999", frequency="weekly", sick_start="2026-05-01")


def test_the_sick_pay_family_pay_and_holiday_pay_pages_offer_the_average_earnings_calculator():
    from guidance.content.base import ContentBase

    base = ContentBase.load(REPO, use_cache=False)
    for page_id in ("statutory-sick-pay", "maternity-leave-and-pay", "holiday-pay"):
        page = base.pages[page_id]
        assert "average-earnings" in base.settings.calculators_for(page.meta.covers), page_id
