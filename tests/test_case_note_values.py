"""Every value in the case note (and the calculation and flow summaries it quotes) is shown
through one formatter per kind (guidance/kinds.py): dates as '1 December 2026', day lists as
'Monday, Tuesday and Wednesday', money as £1,234.50, yes or no."""

import datetime as dt
import re
from decimal import Decimal

from guidance.calculators.registry import CALCULATORS, run_calculator
from guidance.content.base import ContentBase
from guidance.kinds import Date, DateList, DatedAmounts, DayList, Money, YesNo
from guidance.records.calls import Call
from guidance.records.casenote import case_note
from guidance.tui.call_summary import calculation_summary

from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
ISO = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")


def test_each_kind_shows_values_for_people():
    assert DayList().show(("mon", "tue", "wed")) == "Monday, Tuesday and Wednesday"
    assert DayList().show(("sat",)) == "Saturday"
    assert Date().show(dt.date(2026, 12, 1)) == "1 December 2026"
    assert Money().show(Decimal("1234.5")) == "£1,234.50"
    assert YesNo().show(True) == "Yes"
    assert DateList().show((dt.date(2026, 1, 30), dt.date(2026, 2, 6))) == "30 January 2026 and 6 February 2026"
    assert DatedAmounts().show(((dt.date(2026, 1, 30), Decimal("1000")),)) == "30 January 2026 £1,000.00"


def test_calculation_summary_shows_days_dates_and_money_by_kind():
    base = ContentBase.load(REPO)
    calculator = CALCULATORS["sick-pay"]
    inputs = {"sick_start": "2026-11-02", "sick_end": "16/11/2026", "work_days": "mon,tue,wed",
              "average_weekly_earnings": "400"}
    result = run_calculator("sick-pay", inputs, base.rates, dt.date(2026, 11, 25))
    summary = calculation_summary(calculator, inputs, result, lambda key: calculator.field(key).label)
    assert "Monday, Tuesday and Wednesday" in summary and "mon,tue,wed" not in summary
    assert "2 November 2026" in summary and "16 November 2026" in summary
    assert "£400.00" in summary
    assert not ISO.search(summary), summary


def test_case_note_dates_are_written_one_way():
    call = Call(id="c1", caller_ref="DP-004512", content_release="2026.11", notes="Asked about sick pay",
                case_note=None, status="closed", started_at="2026-12-01T14:05:00.000Z",
                ended_at="2026-12-01T14:20:00.000Z")
    note = case_note(call)
    assert "When: 1 December 2026, 14:05 to 14:20" in note
    assert not ISO.search(note), note



def test_calculation_summary_records_the_warnings_given_with_the_figure():
    from guidance.content.settings import load_settings
    from guidance.problems import Problems

    base = ContentBase.load(REPO)
    unusual = load_settings(REPO / "content", "content/settings.yaml", Problems()).unusual
    calculator = CALCULATORS["minimum-wage"]
    inputs = {"age": "30", "on": "1/6/2029", "pay": "1000000", "hours": "40"}
    result = run_calculator("minimum-wage", inputs, base.rates, dt.date(2028, 11, 25), unusual)
    summary = calculation_summary(calculator, inputs, result, lambda key: calculator.field(key).label)
    warnings = next(line for line in summary.splitlines() if line.startswith("Warnings: "))
    assert "Pay for the pay period: £1,000,000.00 is more than £12,000.00, which is unusual" in warnings
    assert "The figures are known to be right until 31 March 2027; for 1 June 2029" in warnings
    usual = run_calculator("minimum-wage", {"age": "30", "on": "1/6/2026"}, base.rates, dt.date(2026, 11, 25), unusual)
    assert "Warnings" not in calculation_summary(calculator, {"age": "30"}, usual, lambda key: calculator.field(key).label)


def test_a_flow_day_list_answer_reads_as_days_in_the_case_note_summary():
    from guidance.flows.answers import display
    from guidance.tui.call_summary import flow_summary

    node = ContentBase.load(REPO).flows()["pa_off_sick"].flow.nodes["work_days"]

    shown = display(node, ["mon", "tue", "wed"])
    assert shown == "Monday, Tuesday and Wednesday"
    summary = flow_summary("PA off sick", {"title": "Done"}, [{"question": "Days the PA normally works", "answer": shown},
                                                               {"question": "How often", "answer": "Weekly"}])
    answers = next(line for line in summary.splitlines() if line.startswith("Answers: "))
    assert answers == "Answers: Days the PA normally works Monday, Tuesday and Wednesday; How often Weekly"


def test_still_off_is_never_written_as_the_last_day_off_sick():
    from guidance.calculators.shortcuts import prepared_inputs, still_off

    base = ContentBase.load(REPO)
    calculator = CALCULATORS["sick-pay"]
    typed = {"sick_start": "23rd Nov 2026", "sick_end": "still off", "work_days": "mon,tue,wed,thu,fri",
             "average_weekly_earnings": "250"}
    inputs = prepared_inputs(typed, dt.date(2026, 12, 2))
    result = run_calculator("sick-pay", inputs, base.rates, dt.date(2026, 12, 2))
    summary = calculation_summary(calculator, inputs, result, lambda key: calculator.field(key).label, still_off(typed))
    assert "Last day off sick still off (worked out to 2 December 2026)" in summary
    assert "Last day off sick 2 December 2026" not in summary
    assert "2 December 2026 Still off: sick pay worked out to this day" in summary


def test_the_command_line_says_still_off(capsys, monkeypatch):
    from guidance.cli import main
    from guidance.commands import calc

    monkeypatch.setattr(calc, "today", lambda: dt.date(2026, 12, 2))
    assert main(["--root", str(REPO), "calc", "sick-pay", "--sick-start", "23rd Nov 2026",
                 "--sick-end", "still off", "--work-days", "mon,tue,wed,thu,fri",
                 "--average-weekly-earnings", "250"]) == 0
    out = capsys.readouterr().out
    assert "Last day off sick: still off (worked out to 2 December 2026)" in out


def test_a_date_typed_without_a_year_is_shown_back_with_the_year_taken():
    from guidance.calculators.shortcuts import prepared_inputs

    base = ContentBase.load(REPO)
    calculator = CALCULATORS["sick-pay"]
    inputs = prepared_inputs({"sick_start": "monday 23 november", "sick_end": "2 january", "work_days": "mon,tue",
                              "average_weekly_earnings": "250"}, dt.date(2026, 12, 30))
    result = run_calculator("sick-pay", inputs, base.rates, dt.date(2026, 12, 30))
    summary = calculation_summary(calculator, inputs, result, lambda key: calculator.field(key).label)
    assert "First day off sick 23 November 2026" in summary and "Last day off sick 2 January 2027" in summary
