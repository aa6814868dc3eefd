"""GOV.UK Smart Answers' minimum wage rates for every period from April 2015, and its published
tests, against guidance. The table's header says where each part came from and what cannot apply."""

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
TABLE = load_yaml((REPO / "tests" / "data" / "smart_answers" / "minimum_wage.yaml").read_text(encoding="utf-8")).data
ON = dt.date(2026, 11, 1)


@pytest.fixture(scope="module")
def rates():
    return load_rates(REPO / "content" / "rates.yaml", Problems())


def _days(period):
    """The first day of the period, and its last (or the first plus a year when open-ended)."""
    first = dt.date.fromisoformat(period["from"])
    last = min(dt.date.fromisoformat(period["to"]), first + dt.timedelta(days=365))
    return [day for day in (first, last) if day >= dt.date(2015, 4, 6) or period["from"] == "2014-10-01"]


@pytest.mark.parametrize("period", TABLE["periods"], ids=lambda p: p["from"])
def test_every_age_gets_gov_uks_rate(rates, period):
    for day in _days(period):
        for band in period["bands"]:
            low, high = band["ages"]
            for age in sorted({max(low, 16), min(high, 120)}):
                if age > high:
                    continue
                result = calculate("minimum-wage", {"age": age, "on": day}, rates, ON)
                assert result["minimum_hourly_rate"] == Decimal(band["rate"]), (day, age)
        apprentice = calculate("minimum-wage", {"age": 18, "apprentice": True, "on": day}, rates, ON)
        assert apprentice["minimum_hourly_rate"] == Decimal(period["apprentice"]), day
        assert rates.value("accommodation_offset_daily", day) == Decimal(period["accommodation_offset"]), day


@pytest.mark.parametrize("case", TABLE["cases"], ids=lambda c: c["name"])
def test_gov_uk_cases(rates, case):
    result = calculate("minimum-wage", {**case["inputs"], "on": case["on"]}, rates, ON)
    for key, expected in case["expect"].items():
        if isinstance(expected, bool):
            assert result[key] is expected, key
        else:
            assert result[key] == Decimal(expected), key
