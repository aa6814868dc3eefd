"""GOV.UK's Statutory Sick Pay calculator tests, every year they cover, as a table.

The cases and yearly figures are in tests/data/smart_answers/ssp.yaml (from alphagov/smart-answers,
with the commit and the cases that cannot apply noted there). The cases run on GOV.UK's own yearly
figures, so they test our method; ``test_content_rates_agree_with_govuk`` checks that
content/rates.yaml gives the same figures for every year it covers.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest

from guidance.calculators.sick_pay import statutory_sick_pay
from guidance.content.rates import Period, Rate, Rates, load_rates
from guidance.problems import Problems
from guidance.yamlio import load_yaml

REPO = Path(__file__).resolve().parents[1]
TABLE = load_yaml((REPO / "tests" / "data" / "smart_answers" / "ssp.yaml").read_text(encoding="utf-8")).data
DAYS = {"mon-fri": "mon,tue,wed,thu,fri"}
# The SSP rules that did not change from 2010 until 6 April 2026 (SSCBA 1992 ss.152-155).
RULES_FROM_2010 = ("ssp_waiting_days", "ssp_max_weeks", "ssp_linking_weeks", "ssp_piw_minimum_days")


def _date(text) -> dt.date:
    return dt.date.fromisoformat(str(text))


@pytest.fixture(scope="module")
def content_rates():
    return load_rates(REPO / "content" / "rates.yaml", Problems())


def _yearly(key: str, unit: str) -> Rate:
    return Rate(label=key, unit=unit, source="GOV.UK Smart Answers rates file",
                periods=[Period(start=_date(y["from"]), value=Decimal(y[key])) for y in TABLE["years"]])


@pytest.fixture(scope="module")
def govuk_rates(content_rates):
    """Content's SSP rules, with GOV.UK's yearly rate and limit, the unchanged rules back to 2010."""
    rates = dict(content_rates.rates)
    rates["ssp_weekly_rate"] = _yearly("rate", "money")
    rates["ssp_earnings_threshold_weekly"] = _yearly("lel", "money")
    start = _date(TABLE["years"][0]["from"])
    for key in RULES_FROM_2010:
        periods = content_rates.get(key).periods
        if periods[0].start > start:
            periods = [Period(start=start, value=periods[0].value), *periods]
        rates[key] = content_rates.get(key).model_copy(update={"periods": periods})
    return Rates(rates)


@pytest.mark.parametrize("case", TABLE["cases"], ids=[c["name"] for c in TABLE["cases"]])
def test_govuk_case(case, govuk_rates):
    linked = case.get("linked") or [None, None]
    result = statutory_sick_pay(
        sick_start=str(case["start"]), sick_end=str(case["end"]), work_days=DAYS.get(case["days"], case["days"]),
        average_weekly_earnings=case.get("awe", "500"), rates=govuk_rates,
        linked_start=linked[0] and str(linked[0]), linked_end=linked[1] and str(linked[1]),
    )
    assert result["ssp_total"] == Decimal(case["total"])
    if "payable" in case:
        assert result["payable_days"] == case["payable"]
    if "waiting" in case:
        assert result["waiting_days"] == case["waiting"]
    weeks = {saturday: amount for saturday, amount in result["weekly_payments"]}
    for saturday, amount in (case.get("weeks") or {}).items():
        assert weeks[_date(saturday)] == Decimal(amount)
    if "week_count" in case:
        assert len(weeks) == case["week_count"]
    if case.get("substitute"):
        assert case["substitute"] in TABLE["substitutes"]


def test_every_tax_year_from_2015_has_a_govuk_case_or_a_worked_case():
    covered = {_date(c["start"]).year - (_date(c["start"]) < dt.date(_date(c["start"]).year, 4, 6))
               for c in TABLE["cases"]}
    # GOV.UK has no case for 2015/16, 2016/17, 2020/21 and 2021/22: those years are covered by the
    # worked cases below.
    assert {2017, 2018, 2019, 2022, 2023, 2024, 2025, 2026} <= covered


YEARS_BEFORE_2026 = [y for y in TABLE["years"] if _date(y["from"]) >= dt.date(2015, 4, 6) and Decimal(y["lel"]) > 0]


@pytest.mark.parametrize("year", YEARS_BEFORE_2026, ids=[str(y["from"]) for y in YEARS_BEFORE_2026])
def test_each_year_from_2015_pays_its_rate_and_needs_its_lower_earnings_limit(year, govuk_rates):
    # Worked by hand: the first Monday in June of each tax year, Mon-Fri, a linked Mon-Fri week
    # 5 weeks before served the waiting days; a full week is that year's flat rate, and 1p under
    # the lower earnings limit is nothing.
    start = _date(year["from"]).replace(month=6, day=1)
    start += dt.timedelta(days=(7 - start.weekday()) % 7)
    end = start + dt.timedelta(days=4)
    linked_start, linked_end = start - dt.timedelta(weeks=5), start - dt.timedelta(weeks=5) + dt.timedelta(days=4)
    common = dict(sick_start=start.isoformat(), sick_end=end.isoformat(), work_days="mon,tue,wed,thu,fri",
                  rates=govuk_rates, linked_start=linked_start.isoformat(), linked_end=linked_end.isoformat())
    at_limit = statutory_sick_pay(average_weekly_earnings=year["lel"], **common)
    assert at_limit["ssp_total"] == Decimal(year["rate"])
    below = statutory_sick_pay(average_weekly_earnings=str(Decimal(year["lel"]) - Decimal("0.01")), **common)
    assert below["ssp_total"] == Decimal("0.00")
    assert below["days_below_earnings_threshold"] == 5


TAX_YEARS_FROM_2015 = list(range(2015, 2027))


def test_govuk_table_has_every_tax_year_from_2015():
    starts = [_date(y["from"]) for y in TABLE["years"]]
    assert [d for d in starts if d >= dt.date(2015, 4, 6)] == [dt.date(y, 4, 6) for y in TAX_YEARS_FROM_2015]


@pytest.mark.parametrize("year", TAX_YEARS_FROM_2015, ids=[f"{y}-{(y + 1) % 100:02d}" for y in TAX_YEARS_FROM_2015])
def test_content_rates_agree_with_govuk_in_every_tax_year_from_2015(content_rates, year):
    """content/rates.yaml gives GOV.UK's SSP rate and earnings limit on the first and the last day of
    every tax year from 2015-16: no year missing, and no change part way through one."""
    row = next(y for y in TABLE["years"] if _date(y["from"]) == dt.date(year, 4, 6))
    for day in (dt.date(year, 4, 6), dt.date(year + 1, 4, 5)):
        assert content_rates.value("ssp_weekly_rate", day) == Decimal(row["rate"]), day
        assert content_rates.value("ssp_earnings_threshold_weekly", day) == Decimal(row["lel"]), day
