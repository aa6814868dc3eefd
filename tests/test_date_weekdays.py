"""Dates typed with a weekday, and lists of dates without a year, in the one date reader every
input shares.

A weekday that is not the date's own weekday ("Monday 24 November 2026": the 24th is a Tuesday)
is refused, naming the field, since either the day or the date is a slip. "Monday, 23 November
2026" is one date in a list, not "Monday" and a date. A day and month without a year, in words or
figures ("23 Nov", "23/11"), takes the year nearest the reference day given (never the clock),
in a single date and in a list alike, across a year end too.
"""

from __future__ import annotations

import datetime as dt

import pytest

from guidance.calculators.common import CalculatorError
from guidance.calculators.registry import CALCULATORS, read_inputs
from guidance.kinds import Date, DatedAmounts, DateList, KindError, date_items, day_month_year

YEAR_END = dt.date(2026, 12, 30)


@pytest.mark.parametrize("text", [
    "Monday 24 November 2026", "Monday, 24 November 2026", "mon 24/11/2026", "Friday 2026-11-24",
])
def test_a_weekday_that_is_not_the_dates_own_is_refused(text):
    with pytest.raises(KindError, match="24 November 2026 is a Tuesday, not a"):
        day_month_year(text)


@pytest.mark.parametrize("text", ["Monday 23 November 2026", "Monday, 23 November 2026", "Mon 23/11/2026",
                                  "monday 23 nov"])
def test_the_right_weekday_is_read(text):
    assert day_month_year(text, YEAR_END) == dt.date(2026, 11, 23)


def test_a_wrong_weekday_in_a_calculator_names_the_field():
    with pytest.raises(CalculatorError) as caught:
        read_inputs(CALCULATORS["sick-pay"], {"sick_start": "Monday 24 November 2026", "sick_end": "30/11/2026",
                                              "work_days": "mon,tue", "average_weekly_earnings": "250"},
                    YEAR_END)
    assert str(caught.value).startswith("First day off sick: 24 November 2026 is a Tuesday, not a Monday")


def test_a_wrong_weekday_in_a_flow_answer_is_refused():
    from guidance.flows.answers import AnswerError, parse_answer
    from guidance.flows.schema import Question

    node = Question(type="question", kind="date", text="When did it start?", next="x")
    with pytest.raises(AnswerError, match="is a Tuesday, not a Monday"):
        parse_answer(node, "Monday 24 November 2026", on=YEAR_END)


@pytest.mark.parametrize("text,expected", [
    ("Monday, 23 November 2026", ["Monday, 23 November 2026"]),
    ("Monday, 23 November 2026, Tuesday, 24 November 2026",
     ["Monday, 23 November 2026", "Tuesday, 24 November 2026"]),
    ("23 Nov, 2026; 2026-01-30, 2026-02-06", ["23 Nov, 2026", "2026-01-30", "2026-02-06"]),
    ("Mon, 23/11\nTue 24/11", ["Mon, 23/11", "Tue 24/11"]),
])
def test_a_comma_inside_a_date_does_not_split_the_list(text, expected):
    assert date_items(text) == expected


def test_a_list_of_dates_with_weekdays_and_commas():
    assert DateList().parse("Monday, 23 November 2026, Tuesday, 24 November 2026") == (
        dt.date(2026, 11, 23), dt.date(2026, 11, 24))


def test_a_wrong_weekday_in_a_list_names_the_item():
    with pytest.raises(KindError, match="item 2: 24 November 2026 is a Tuesday, not a Monday"):
        DateList().parse("Monday, 23 November 2026; Monday, 24 November 2026")


@pytest.mark.parametrize("text,expected", [
    ("2/1", dt.date(2027, 1, 2)),
    ("23/11", dt.date(2026, 11, 23)),
    ("23.11", dt.date(2026, 11, 23)),
    ("2 Jan", dt.date(2027, 1, 2)),
    ("Saturday 2/1", dt.date(2027, 1, 2)),
])
def test_a_single_date_without_a_year_takes_the_year_nearest_the_reference(text, expected):
    assert day_month_year(text, YEAR_END) == expected
    assert Date().parse(text, YEAR_END) == expected


def test_a_date_in_figures_without_a_year_and_no_reference_asks_for_the_year():
    with pytest.raises(KindError, match="no year"):
        day_month_year("23/11")


def test_a_list_of_dates_without_a_year_takes_the_year_nearest_the_reference():
    assert DateList().parse("23/11; 23 Nov; 28 Dec, 2/1", YEAR_END) == (
        dt.date(2026, 11, 23), dt.date(2026, 12, 28), dt.date(2027, 1, 2))
    assert DateList().parse(["2/1"], dt.date(2027, 1, 5)) == (dt.date(2027, 1, 2),)
    assert DatedAmounts().parse("2/1=100; 26/12=90", YEAR_END) == (
        (dt.date(2026, 12, 26), 90), (dt.date(2027, 1, 2), 100))


def test_a_calculators_date_list_takes_the_year_from_the_day_worked_out_for():
    values = read_inputs(CALCULATORS["average-earnings"],
                         {"purpose": "holiday", "payments": "26/12=500; 2/1=500", "skip_weeks": "2/1"},
                         YEAR_END)
    assert values["skip_weeks"] == (dt.date(2027, 1, 2),)
    assert values["payments"][-1][0] == dt.date(2027, 1, 2)


def test_a_flow_list_answer_takes_the_year_from_the_flow_day():
    from guidance.flows.answers import parse_answer
    from guidance.flows.schema import Question

    node = Question(type="question", kind="list", list_of="dates", text="Which days?", next="x")
    assert parse_answer(node, "Wednesday, 30 December, 2/1", on=YEAR_END) == (
        dt.date(2026, 12, 30), dt.date(2027, 1, 2))


def test_a_letters_date_takes_the_year_from_the_letters_date():
    from guidance.letters.fields import LetterField, convert

    field = LetterField(type="date", example="2026-04-01")
    assert convert(field, "2/1", YEAR_END) == dt.date(2027, 1, 2)

