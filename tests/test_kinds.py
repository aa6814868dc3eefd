"""One reader for each kind of value: money, numbers, dates, yes/no, choices, day lists, text."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from guidance.flows.answers import AnswerError, parse_answer
from guidance.flows.schema import Question
from guidance.kinds import (
    Choice,
    Date,
    DayList,
    Field,
    FieldError,
    KindError,
    Money,
    Number,
    Text,
    Whole,
    YesNo,
    read_decimal,
)
from guidance.letters.fields import FieldValueError, LetterField, convert

HUGE = "9" * 10000


@pytest.mark.parametrize(
    "raw,value",
    [
        ("12.71", Decimal("12.71")),
        ("1,271", Decimal("1271")),
        ("1,271.00", Decimal("1271.00")),
        ("1,234,567.5", Decimal("1234567.5")),
        ("£12.50", Decimal("12.50")),
        (" 12 ", Decimal("12")),
        (12, Decimal("12")),
        (12.5, Decimal("12.5")),
        (0.1, Decimal("0.1")),
        (Decimal("3.25"), Decimal("3.25")),
        ("-3", Decimal("-3")),
        ("\u20133", Decimal("-3")),  # an en dash, as word processors write a minus
        ("\u22123.5", Decimal("-3.5")),  # the minus sign
        ("-£12.50", Decimal("-12.50")),
        ("\u2013£12.50", Decimal("-12.50")),
        ("1234.5", Decimal("1234.5")),
        ("£1,234.50", Decimal("1234.50")),
    ],
)
def test_numbers_people_write(raw, value):
    assert read_decimal(raw) == value


@pytest.mark.parametrize(
    "raw,message",
    [
        ("12,71", "use a point: 12.71"),
        ("12,7", "use a point: 12.7"),
        ("1E+999999999", "far too large"),
        ("1e400", "far too large"),
        (HUGE, "far too large"),
        ("inf", "is not a number"),
        ("-Infinity", "is not a number"),
        ("nan", "is not a number"),
        ("NaN", "is not a number"),
        (Decimal("NaN"), "is not a number"),
        (float("inf"), "is not a number"),
        ("1e3", "write the number out in full"),
        ("1e5", "write the number out in full"),
        ("1e-999999999", "write the number out in full"),
        ("+5", "leave out the \\+ sign"),
        ("£+5", "leave out the \\+ sign"),
        ("1_000", "leave out the _"),
        ("Infinity", "is not a number"),
        ("\u0661\u0662\u0663", "with the digits 0 to 9"),  # Arabic-Indic 123
        ("\uff11\uff12", "with the digits 0 to 9"),  # full-width 12
        ("\u0967\u0968.\u0969", "with the digits 0 to 9"),  # Devanagari 12.3
        (Decimal("1e-11"), "more than 10 decimal places"),
        ("12,7100", "is not a number"),
        ("1.2.3", "is not a number"),
        ("twelve", "is not a number"),
        (True, "must be a number"),
        (None, "must be a number"),
        ({"a": 1}, "must be a number"),
        ([1], "must be a number"),
    ],
)
def test_bad_numbers_are_clear_errors_never_overflow(raw, message):
    with pytest.raises(KindError, match=message):
        Number().parse(raw)


def test_money_bounds_and_pence():
    assert Money().parse("1,000,000,000") == Decimal("1000000000")
    with pytest.raises(KindError, match="at most £1,000,000,000.00"):
        Money().parse("1000000000.01")
    with pytest.raises(KindError, match="cannot be negative"):
        Money().parse("-0.01")
    with pytest.raises(KindError, match="pounds and pence"):
        Money(places=2).parse("12.345")
    assert Money().show(Decimal("1234.5")) == "£1,234.50"
    assert Money().dump(Decimal("12.50")) == "12.50"


def test_whole_numbers_and_bounds():
    assert Whole(minimum=16, maximum=120).parse("45") == 45
    assert Whole().parse("1,000") == 1000
    with pytest.raises(KindError, match="whole number"):
        Whole().parse("2.5")
    with pytest.raises(KindError, match="between 16 and 120"):
        Whole(minimum=16, maximum=120).parse(12)
    with pytest.raises(KindError, match="more than 0"):
        Number(minimum=Decimal(0), above=True).parse("0")


def test_a_range_whose_lower_bound_is_refused_never_offers_it():
    """Days worked a week: 8 is refused as "more than 0 and at most 7", not "between 0 and 7"
    (0 is refused too); the same for money."""
    with pytest.raises(KindError, match=r"must be more than 0 and at most 7 \(got 8\)"):
        Number(minimum=Decimal(0), maximum=Decimal(7), above=True).parse("8")
    with pytest.raises(KindError, match=r"more than £0(\.00)? and at most £10"):
        Money(minimum=Decimal(0), maximum=Decimal(10), above=True).parse("11")
    with pytest.raises(KindError, match="between 16 and 120"):
        Whole(minimum=16, maximum=120).parse(121)


@pytest.mark.parametrize(
    "raw", ["2026-03-16", "16/03/2026", "16/3/2026", "16.03.2026", "16-03-2026", "16 Mar 2026", "16 March 2026",
            "16 march 2026", "16th March 2026", dt.date(2026, 3, 16), dt.datetime(2026, 3, 16, 9, 30)]
)
def test_dates_as_people_write_them(raw):
    assert Date().parse(raw) == dt.date(2026, 3, 16)


@pytest.mark.parametrize(
    "raw", ["31/01/2026", "31-1-2026", "31.1.2026", "31 Jan 2026", "31 January 2026", "2026-01-31", "2026/1/31",
            "31/1/26", "31 Jan 26", "31-Jan-2026", "31-jan-26", "Saturday 31st January 2026", "31 Jan, 2026"]
)
def test_dates_as_people_in_the_uk_write_them_day_first(raw):
    assert Date().parse(raw) == dt.date(2026, 1, 31)


def test_a_date_that_could_be_either_way_is_read_day_first():
    assert Date().parse("02/03/2026") == dt.date(2026, 3, 2)
    assert Date().parse("2/3/26") == dt.date(2026, 3, 2)


@pytest.mark.parametrize(
    "raw,message",
    [
        ("9999-12-31", "out of range: it must be between 1 January 1900 and 31 December 2100"),
        ("1899-12-31", "out of range"),
        ("2026-02-29", "29 February 2026 does not exist"),
        ("31/04/2026", "31 April 2026 does not exist"),
        ("31 February 2026", "31 February 2026 does not exist"),
        ("30/2/26", "30 February 2026 does not exist"),
        ("0/1/2026", "0 January 2026 does not exist"),
        ("1/13/2026", "there is no month 13 \\(the day comes first"),
        ("2026-13-06", "there is no month 13 \\(year, month, day"),  # written year first: no day-first hint
        ("\u0663\u0661/\u0660\u0661/\u0662\u0660\u0662\u0666", "is not a date"),  # Arabic-Indic digits
        ("31 Janvier 2026", "is not a date"),
        ("16 Marchember 2026", "is not a date"),
        ("03/16/2026", "there is no month 16"),
        ("next week", "is not a date"),
        (20260316, "is not a date"),
        (None, "is not a date"),
    ],
)
def test_bad_dates(raw, message):
    with pytest.raises(KindError, match=message):
        Date().parse(raw)


def test_date_shown_and_dumped():
    assert Date().show(dt.date(2026, 3, 6)) == "6 March 2026"
    assert Date().dump(dt.date(2026, 3, 6)) == "2026-03-06"


def test_day_lists():
    assert DayList().parse("mon,tue, wed") == ("mon", "tue", "wed")
    assert DayList().parse("Friday Monday") == ("mon", "fri")
    assert DayList().parse(["sun", "sat", "sat"]) == ("sat", "sun")
    for bad in ({"mon": 1}, 3, "mon,funday", ["mon", 1], "month"):
        with pytest.raises(KindError):
            DayList().parse(bad)
    with pytest.raises(KindError, match="at least one day"):
        DayList().parse("")
    assert DayList().dump(("mon", "fri")) == ["mon", "fri"]


def test_yes_no_choice_text():
    assert YesNo().parse("Yes") is True and YesNo().parse("n") is False and YesNo().parse(False) is False
    with pytest.raises(KindError, match="not yes or no"):
        YesNo().parse("perhaps")
    assert Choice(("shifts", "irregular-hours")).parse("Irregular-Hours") == "irregular-hours"
    with pytest.raises(KindError, match="use one of shifts, irregular-hours"):
        Choice(("shifts", "irregular-hours")).parse("monthly")
    with pytest.raises(KindError, match="control character"):
        Text(no_control=True).parse("a\x1bb")
    with pytest.raises(KindError, match="longer than 5"):
        Text(max_length=5).parse("abcdef")


def test_a_field_names_itself_by_label_not_a_flag():
    field = Field("hourly_rate", "Hourly rate", Money(), required=True)
    assert field.option == "--hourly-rate"
    with pytest.raises(FieldError) as caught:
        field.parse("12,71")
    assert str(caught.value).startswith("Hourly rate: ") and "--" not in str(caught.value)
    assert caught.value.field == "hourly_rate"
    with pytest.raises(FieldError, match="Hourly rate: this is needed"):
        field.parse("  ")
    assert Field("age", "Age", Whole()).parse("") is None


# The same reader behind flows and letters.

@pytest.mark.parametrize("raw", ["12,71", "inf", "nan", "1E+999999999", "1e5", "+5", "1_000", "\u0661\u0662"])
def test_flows_and_letters_refuse_the_same_numbers(raw):
    with pytest.raises(AnswerError):
        parse_answer(Question(type="question", kind="money", text="Pay?", next="end"), raw)
    with pytest.raises(FieldValueError):
        convert(LetterField(type="money", label="Pay", example="12.50"), raw)


def test_flows_and_letters_read_dates_and_refuse_year_9999():
    question = Question(type="question", kind="date", text="When?", next="end")
    assert parse_answer(question, "16 Mar 2026") == dt.date(2026, 3, 16)
    with pytest.raises(AnswerError, match="out of range"):
        parse_answer(question, "9999-12-31")
    field = LetterField(type="date", label="Day", example="2026-03-16")
    assert convert(field, "16 March 2026") == dt.date(2026, 3, 16)
    with pytest.raises(FieldValueError, match="out of range"):
        convert(field, "9999-12-31")


def test_a_flow_list_answer_that_is_a_mapping_is_refused_not_read():
    from guidance.flows.schema import Option

    question = Question(type="question", kind="several", text="Days?", next="end",
                        options=[Option(value="mon", label="Monday"), Option(value="tue", label="Tuesday")])
    assert parse_answer(question, ["tue", "mon"]) == ["mon", "tue"]
    for bad in ({"mon": 1}, 3, True):
        with pytest.raises(AnswerError, match="give a list"):
            parse_answer(question, bad)
