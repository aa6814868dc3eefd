"""The follow-up letter's advice points are written for the caller: the officer's points, then
each outcome and figure and its key dates in words; never raw answers or inputs."""

import datetime as dt
import re
from pathlib import Path

from guidance.calculators.registry import CALCULATORS, run_calculator
from guidance.content.base import ContentBase
from guidance.records.calls import CallItem
from guidance.tui.call_summary import advice_points, calculation_summary, flow_summary

REPO = Path(__file__).resolve().parents[1]
AT = "2026-11-25T14:06:00.000Z"


def test_advice_points_say_the_outcome_figures_and_dates_in_words():
    base = ContentBase.load(REPO)
    calculator = CALCULATORS["sick-pay"]
    inputs = {"sick_start": "2026-11-02", "sick_end": "2026-11-16", "work_days": "mon,tue,wed,thu,fri",
              "average_weekly_earnings": "500"}
    result = run_calculator("sick-pay", inputs, base.rates, dt.date(2026, 11, 25))
    calc = calculation_summary(calculator, inputs, result, lambda key: calculator.field(key).label)
    report = {"title": "Statutory Sick Pay is due", "timeline": [{"date": "2026-11-05", "text": "SSP starts"}],
              "pages": [{"title": "Statutory Sick Pay (SSP)"}]}
    flow = flow_summary("PA off sick", report, [{"question": "First day off?", "answer": "2 November 2026"}])
    items = [CallItem("page", "statutory-sick-pay", "Statutory Sick Pay (SSP)", "1", AT),
             CallItem("calculator", "sick-pay", calc, None, AT, run="c1"),
             CallItem("flow", "pa_off_sick", flow, "2", AT, run="s1")]
    points = advice_points(items, "Does she still pay her PA?\n- Sick pay from the fourth day\n")
    assert points[0] == "Sick pay from the fourth day"
    assert "Does she still pay her PA?" not in points  # the question has its own field
    assert any(p.startswith(f"{calculator.title}: ") and "£" in p for p in points), points
    assert "PA off sick: Statutory Sick Pay is due" in points
    assert "Dates to remember (PA off sick): 5 November 2026 SSP starts" in points
    text = "\n".join(points)
    assert "Inputs:" not in text and "Answers:" not in text and "Guides:" not in text
    assert not re.search(r"\b\d{4}-\d{2}-\d{2}\b|\b[a-z]+_[a-z_]+:", text), text  # no raw values or keys


def test_advice_points_are_each_given_once_and_none_without_content():
    item = CallItem("flow", "pa_off_sick", "PA off sick\nOutcome: SSP is due", "2", AT, run="s1")
    again = CallItem("flow", "pa_off_sick", "PA off sick\nOutcome: SSP is due", "2", AT, run="s2")
    assert advice_points([item, again], "Question\nPoint\nPoint") == ["Point", "PA off sick: SSP is due"]
    assert advice_points([CallItem("flow", "pa_off_sick", "PA off sick", "2", AT, run="s3")], "") == []


def test_a_flows_worked_out_figure_is_in_the_note_and_the_letter():
    """The outcome's first paragraph holds what the guided help worked out (the SSP due and the
    days paid): it goes into the case note's entry and the letter's points, not only the title."""
    report = {"title": "Statutory Sick Pay is due",
              "summary": "Your PA is due **£256.01** Statutory Sick Pay for 3 November 2026 to 20 November 2026: "
                         "12 day(s) paid.\n\nPay it on your usual payday.",
              "timeline": []}
    note = flow_summary("Your PA is off sick", report, [])
    assert "Result: Your PA is due £256.01 Statutory Sick Pay for 3 November 2026 to 20 November 2026: 12 day(s) paid." in note
    assert "usual payday" not in note  # the first paragraph only
    points = advice_points([CallItem("flow", "pa_off_sick", note, "4", AT, run="s1")], "Question")
    assert points == ["Your PA is off sick: Statutory Sick Pay is due; Your PA is due £256.01 Statutory Sick Pay "
                      "for 3 November 2026 to 20 November 2026: 12 day(s) paid."]


def test_a_long_outcome_is_cut_at_a_sentence():
    from guidance.tui.call_summary import RESULT_LIMIT, outcome_result

    text = "First sentence says the figure. " + "More words here. " * 40
    said = outcome_result(text)
    assert said.startswith("First sentence says the figure.") and said.endswith(".") and len(said) <= RESULT_LIMIT


def test_a_calculation_done_again_gives_the_letter_only_its_last_figures():
    first = CallItem("calculator", "sick-pay", "Statutory Sick Pay\nResult: SSP due £575.17", None, AT, run="c1")
    other = CallItem("calculator", "holiday", "Holiday entitlement\nResult: 28 days", None, AT, run="c2")
    last = CallItem("calculator", "sick-pay", "Statutory Sick Pay\nResult: SSP due £328.67", None, AT, run="c3")
    points = advice_points([first, other, last], "Question")
    assert points == ["Holiday entitlement: 28 days", "Statutory Sick Pay: SSP due £328.67"]
