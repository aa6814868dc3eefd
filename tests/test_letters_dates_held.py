"""A letter field that holds a date or a period is checked as one, never taken as free text: a
period of statements that is not a period, or ends before it starts, never goes into a letter."""

from __future__ import annotations

import re

import pytest

from guidance.letters.compose import LetterError, fill
from guidance.letters.fields import FieldValueError, LetterField, convert
from letters_support import ON, shipped


def _statements(**values):
    data = {"recipient_name": "Mx Test", "reference": "DP-004512", "period_from": "2026-06-01",
            "period_to": "2026-06-05", "reply_by": "2026-12-20", **values}
    return fill(shipped().templates["dp-statements-request"], data, deadlines_from=ON)


@pytest.mark.parametrize("other, problem", [
    ("zz", "field 'more_periods' item 1 must be a period, a first day to a last day, such as 1 July 2026 to 7 July 2026, "
           "or one day: it is not a date"),
    ("28 June 2026 to 30 May 2026", "field 'more_periods' item 1 ends (30 May 2026) before it starts (28 June 2026)"),
    ("1 July 2026 to soon", "field 'more_periods' item 1 must be a period, a first day to a last day, such as "
                            "1 July 2026 to 7 July 2026, or one day: its last day is not a date"),
    ("1 July 2026 to 2 July 2026 to 3 July 2026", "field 'more_periods' item 1 must be one period"),
])
def test_other_periods_of_the_statements_letter_are_checked_as_periods(other, problem):
    with pytest.raises(LetterError) as caught:
        _statements(more_periods=[other])
    (line,) = caught.value.lines()
    assert problem in line and "dp-statements-request.md:" in line


def test_periods_and_days_are_written_the_one_way():
    values = _statements(more_periods="1 july 2026 - 7/7/2026; 9 July 2026; 10/7/2026 to 10/07/2026")
    assert values["more_periods"] == ["1 July 2026 to 7 July 2026", "9 July 2026", "10 July 2026"]


def test_a_period_whose_last_day_is_before_its_first_names_the_field():
    with pytest.raises(LetterError) as caught:
        _statements(period_to="2026-05-30")
    (line,) = caught.value.lines()
    assert "field 'period_to' is 30 May 2026, before 'period_from' (1 June 2026): it must be on or after it" in line


@pytest.mark.parametrize("raw, expected", [("1 April", "1 April"), ("1/4", "1 April"), ("6 apr", "6 April"), ("29 February", "29 February")])
def test_a_day_of_the_year_is_a_day_and_month(raw, expected):
    field = LetterField(type="text", holds="day_of_year", example="1 April")
    assert convert(field, raw, ON) == expected


@pytest.mark.parametrize("raw, wanted", [("zz", "must be a day and month, such as 1 April"),
                                         ("31 April", "must be a day and month"),
                                         ("1 April 2027", "gives a year, but it is the same day every year")])
def test_a_day_of_the_year_that_is_not_one_is_refused(raw, wanted):
    field = LetterField(type="text", holds="day_of_year", example="1 April")
    with pytest.raises(FieldValueError, match=wanted):
        convert(field, raw, ON)


def test_dates_of_one_letter_that_must_come_in_order_are_checked():
    template = shipped().templates["tribunal-claim-received"]
    data = {name: field.example for name, field in template.meta.fields.items() if field.example is not None}
    data.update(claim_sent="2026-12-20", response_due="2026-12-14")
    with pytest.raises(LetterError) as caught:
        fill(template, data)
    assert any("field 'response_due' is 14 December 2026, before 'claim_sent' (20 December 2026)" in line for line in caught.value.lines())


def test_not_before_must_name_a_date_field():
    from guidance.letters.templates import LetterMeta

    with pytest.raises(ValueError, match="not_before 'name', which is not a date field"):
        LetterMeta(id="x-letter", title="A letter", version=1, audience="recipient",
                   fields={"name": {"type": "text", "example": "A"}, "day": {"type": "date", "not_before": "name", "example": "2026-01-01"}})


_SAYS_A_DATE = re.compile(r"\b(date|day|period|periods)\b", re.IGNORECASE)


def test_every_shipped_field_that_holds_a_date_or_period_is_checked_as_one():
    """The kind, everywhere: a field whose label asks for a date, a day or a period is a date
    field or holds a period or a day of the year, never free text."""
    free = [f"{tid}.{name}" for tid, template in shipped().templates.items() for name, field in template.meta.fields.items()
            if _SAYS_A_DATE.search(field.label or "") and field.type in ("text", "list") and not field.holds]
    assert free == []
