"""A day and month typed without a year ("23 november", "monday 23 november") takes the year
that puts it nearest the day the answer is given (passed in, never the clock), in the one date
reader every input shares; without that day it asks for the year."""

from __future__ import annotations

import datetime as dt

import pytest

from guidance.calculators.registry import CALCULATORS, read_inputs
from guidance.kinds import Date, KindError, day_month_year


@pytest.mark.parametrize("text,near,expected", [
    ("2 january", dt.date(2026, 12, 30), dt.date(2027, 1, 2)),
    ("30 december", dt.date(2027, 1, 2), dt.date(2026, 12, 30)),
    ("23 november", dt.date(2026, 12, 2), dt.date(2026, 11, 23)),
    ("Monday 23 November", dt.date(2026, 12, 2), dt.date(2026, 11, 23)),
    ("23rd Nov", dt.date(2026, 12, 2), dt.date(2026, 11, 23)),
    ("29 february", dt.date(2027, 12, 1), dt.date(2028, 2, 29)),
])
def test_nearest_year(text, near, expected):
    assert day_month_year(text, near) == expected
    assert Date().parse(text, near) == expected


def test_without_the_answer_day_it_asks_for_the_year():
    with pytest.raises(KindError, match="no year"):
        day_month_year("23 november")


def test_a_day_no_month_has_is_refused():
    with pytest.raises(KindError, match="31 November does not exist"):
        day_month_year("31 november", dt.date(2026, 12, 2))


def test_calculator_inputs_take_the_year_from_the_day_worked_out_for():
    values = read_inputs(CALCULATORS["sick-pay"], {"sick_start": "monday 23 november", "sick_end": "2 january",
                                                   "work_days": "mon,tue", "average_weekly_earnings": "250"},
                         dt.date(2026, 12, 30))
    assert values["sick_start"] == dt.date(2026, 11, 23)
    assert values["sick_end"] == dt.date(2027, 1, 2)
    assert CALCULATORS["sick-pay"].field("sick_end").show(values["sick_end"]) == "2 January 2027"


def test_a_flow_answer_takes_the_year_from_the_flow_day():
    from pathlib import Path

    from guidance.content.base import ContentBase
    from guidance.flows.engine import Engine
    from guidance.flows.loader import parse_flow_text
    from guidance.problems import Problems

    data = Path(__file__).parent / "data"
    problems = Problems()
    flow = parse_flow_text((data / "flows_good" / "mini.yaml").read_text(), "mini.yaml", problems).flow
    rates = ContentBase.load(Path(__file__).resolve().parents[1]).rates
    engine = Engine(flow, rates, dt.date(2027, 1, 2), calculate=lambda name, inputs, rates, on: {"total": 0})
    state = engine.answer(engine.start(), "yes")
    state = engine.answer(state, "wednesday 30 december")
    assert state.answers["start_date"] == dt.date(2026, 12, 30)
