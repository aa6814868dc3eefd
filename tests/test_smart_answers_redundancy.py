"""GOV.UK Smart Answers' published redundancy pay tests and yearly caps, back to April 2015.

The table (tests/data/smart_answers/redundancy_pay.yaml) is GOV.UK's own test file and every
version of its dated rates file, read as data; its header says what cannot apply, and why.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest

from guidance.calculators.registry import calculate
from guidance.content.rates import load_rates
from guidance.problems import Problems
from guidance.yamlio import load_yaml

REPO = Path(__file__).resolve().parents[1]
TABLE = load_yaml((REPO / "tests" / "data" / "smart_answers" / "redundancy_pay.yaml").read_text(encoding="utf-8")).data
ON = dt.date(2026, 11, 1)


@pytest.fixture(scope="module")
def rates():
    return load_rates(REPO / "content" / "rates.yaml", Problems())


@pytest.mark.parametrize("case", TABLE["cases"], ids=lambda c: c["name"])
def test_gov_uk_cases(rates, case):
    result = calculate("redundancy", case["inputs"], rates, ON)
    for key, expected in case["expect"].items():
        assert result[key] == Decimal(expected), key


@pytest.mark.parametrize("period", TABLE["caps"], ids=lambda p: p["from"])
def test_each_years_cap_and_maximum(rates, period):
    start = dt.date.fromisoformat(period["from"])
    for day in (start, start + dt.timedelta(days=364)):
        assert rates.value("redundancy_week_pay_cap", day) == Decimal(period["weekly_cap"])
        assert rates.value("redundancy_pay_maximum", day) == Decimal(period["maximum"])
        # The most anyone can get: 20 years at 1.5 weeks, each at the cap.
        most = calculate("redundancy", {"age": 61, "years": 25, "weekly_pay": "5000", "date": day}, rates, ON)
        assert most["statutory_redundancy_pay"] == Decimal(period["maximum"])
    if start > dt.date(2015, 4, 6):  # each figure starts on its own day, not a day early
        assert rates.value("redundancy_week_pay_cap", start - dt.timedelta(days=1)) != Decimal(period["weekly_cap"])


def test_dismissal_on_1_march_2025():
    # Age 45, 10 years, £800 a week: the cap then was £700; 4 years at 1.5 weeks (aged 41 to 44)
    # and 6 at 1 week = 12 weeks x £700 = £8,400.
    rates = load_rates(REPO / "content" / "rates.yaml", Problems())
    result = calculate("redundancy", {"age": 45, "years": 10, "weekly_pay": 800, "date": "1 March 2025"}, rates, ON)
    assert result["weekly_cap"] == Decimal("700.00")
    assert result["weeks_of_pay"] == Decimal(12)
    assert result["statutory_redundancy_pay"] == Decimal("8400.00")
