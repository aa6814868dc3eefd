"""A short decimal typed in a number, money or hours input (3.5 days, £12.5 an hour, 7.5 hours)
is read as that number, never as a day and month ("3.5" as 3 May): the year is filled in for a
date input only, the same on the command line and in the app's form (both prepare what is typed
through ``guidance.calculators.shortcuts``)."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

import pytest

from guidance.calculators.registry import CALCULATORS
from guidance.calculators.shortcuts import prepared, prepared_inputs
from guidance.cli import main
from guidance.kinds import Date, FieldError, Number

DAY = dt.date(2026, 11, 2)
#: Every day.month a date reader could take: 1 to 31, then 1 to 12.
SHORT_DECIMALS = [f"{d}.{m}" for d in range(1, 32) for m in range(1, 13)]
ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
NUMBER_FIELDS = [
    pytest.param(name, item, id=f"{name}: {item.name}")
    for name, calculator in CALCULATORS.items()
    for item in calculator.fields
    if isinstance(item.kind, Number)
]


def test_there_are_number_fields_to_check():
    names = {item.name for param in NUMBER_FIELDS for item in param.values[1:]}
    assert {"days_per_week", "hours_per_week", "hourly_rate", "accommodation_charge", "hours_worked", "hours"} <= names


@pytest.mark.parametrize("name, item", NUMBER_FIELDS)
def test_a_short_decimal_is_read_as_a_number_in_every_number_field(name, item):
    for typed in SHORT_DECIMALS:
        ready = prepared(item.name, typed, DAY)
        assert ready == typed, (item.name, typed, ready)
        try:
            value = item.parse(ready, DAY)
        except FieldError as exc:  # out of the field's bounds, or not whole: never "not a number"
            assert not ISO_DATE.search(str(exc)) and "not a number" not in str(exc), str(exc)
            continue
        assert Decimal(value) == Decimal(typed), (item.name, typed, value)


def test_a_date_input_still_takes_a_day_and_month_without_a_year():
    assert prepared("sick_start", "23 november", DAY) == "2026-11-23"
    assert prepared_inputs({"leave_year_start": "1 april", "days_per_week": "3.5"}, DAY) == {
        "leave_year_start": "2027-04-01" if dt.date(2027, 4, 1) - DAY < DAY - dt.date(2026, 4, 1) else "2026-04-01",
        "days_per_week": "3.5"}
    assert isinstance(CALCULATORS["holiday"].field("leave_year_start").kind, Date)


@pytest.mark.parametrize("args, shown", [
    # GOV.UK smart-answers test/unit/calculators/holiday_entitlement_test.rb,
    # "/days-worked-per-week/full-year/3.5": 19.6 days.
    (["holiday", "--basis", "days-per-week", "--days-per-week", "3.5"], "Holiday entitlement in days: 19.6"),
    # 5.6 weeks x 16.5 hours (over 5 days): 92.4 hours.
    (["holiday", "--basis", "hours-per-week", "--hours-per-week", "16.5", "--days-per-week", "5"], "92.4"),
    (["employer-cost", "--hourly-rate", "12.5", "--hours-per-week", "7.5", "--age", "30", "--on", "2026-06-01"],
     "Wages a week: £12.50 x 7.5 hours = £93.75"),
])
def test_the_command_line_reads_short_decimals_as_numbers(capsys, args, shown):
    assert main(["calc", *args]) == 0
    out = capsys.readouterr().out
    assert shown in out and "is not a number" not in out
