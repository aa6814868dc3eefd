"""A PA who is still off sick (no last day yet): the sick pay calculator and the pa_off_sick flow
say "Sick since <date>, still off; worked out to <date>", never the day it was worked out to as if
it were the day they came back."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from guidance.calculators.registry import run_calculator
from guidance.calculators.shortcuts import prepared_inputs
from guidance.calculators.sick_pay import statutory_sick_pay
from guidance.cli import main
from guidance.content.rates import load_rates
from guidance.problems import Problems

REPO = Path(__file__).resolve().parents[1]
DAY = dt.date(2026, 12, 3)
STILL_OFF_LINE = "Sick since 23 November 2026, still off; worked out to 3 December 2026"


@pytest.fixture(scope="module")
def rates():
    return load_rates(REPO / "content" / "rates.yaml", Problems())


def test_the_working_says_still_off(rates):
    result = statutory_sick_pay(sick_start="2026-11-23", sick_end="2026-12-03", work_days="mon,tue,wed,thu,fri",
                                average_weekly_earnings="300", rates=rates, still_off=True)
    assert result.working[0].startswith(STILL_OFF_LINE)
    assert not any("Sick 23 November 2026 to 3 December 2026" in line for line in result.working)


def test_a_sickness_that_ended_keeps_its_last_day(rates):
    result = statutory_sick_pay(sick_start="2026-11-23", sick_end="2026-12-03", work_days="mon,tue,wed,thu,fri",
                                average_weekly_earnings="300", rates=rates)
    assert result.working[0].startswith("Sick 23 November 2026 to 3 December 2026;")


def test_still_off_typed_as_the_last_day_reaches_the_working(rates):
    inputs = prepared_inputs({"sick_start": "23/11/2026", "sick_end": "still off", "work_days": "mon,tue",
                              "average_weekly_earnings": "300"}, DAY)
    result = run_calculator("sick-pay", inputs, rates, DAY)
    assert result["working"][0].startswith(STILL_OFF_LINE)


def test_still_off_without_a_last_day_is_worked_out_to_the_day_asked_about(rates):
    inputs = prepared_inputs({"sick_start": "23/11/2026", "still_off": "yes", "work_days": "mon,tue",
                              "average_weekly_earnings": "300"}, DAY)
    assert inputs["sick_end"] == "2026-12-03"
    assert run_calculator("sick-pay", inputs, rates, DAY)["working"][0].startswith(STILL_OFF_LINE)


def test_too_short_so_far_says_still_off_and_not_yet(rates):
    result = statutory_sick_pay(sick_start="2026-03-30", sick_end="2026-03-31", work_days="mon,tue,wed,thu,fri",
                                average_weekly_earnings="300", rates=rates, still_off=True)
    assert result.working[0] == "Sick since 30 March 2026, still off; worked out to 31 March 2026."
    assert result.working[-1].endswith("no SSP is due yet.")


def test_the_command_line_says_still_off(capsys):
    assert main(["--root", str(REPO), "calc", "sick-pay", "--sick-start", "23/11/2026", "--sick-end", "3/12/2026",
                 "--still-off", "--work-days", "mon,tue", "--average-weekly-earnings", "300"]) == 0
    out = capsys.readouterr().out
    assert STILL_OFF_LINE in out and "still off (worked out to 3 December 2026)" in out


def _run_flow(tmp_path, capsys, start: str, end: str, days: str) -> str:
    answers = tmp_path / "answers.yaml"
    answers.write_text(f"employed: me\nsick_start: {start}\nstill_off: yes\nsick_end: {end}\n"
                       f"work_days: [{days}]\npay_frequency: average_known\nearnings: '300'\nlinked: no\n"
                       "company_sick_pay: no\ncover: family\n", encoding="utf-8")
    assert main(["--root", str(REPO), "flow", "run", "pa_off_sick", "--answers", str(answers),
                 "--on", end]) == 0
    return " ".join(capsys.readouterr().out.split())


def test_the_flow_says_still_off_when_ssp_is_due(tmp_path, capsys):
    out = _run_flow(tmp_path, capsys, "2026-11-23", "2026-12-03", "mon, tue")
    assert "since 23 November 2026 (still off; worked out to 3 December 2026)" in out
    assert "for 23 November 2026 to 3 December 2026" not in out


def test_the_flow_says_still_off_when_no_ssp_is_due(tmp_path, capsys):
    out = _run_flow(tmp_path, capsys, "2026-12-01", "2026-12-03", "sat")
    assert "No SSP is due so far for their sickness since 1 December 2026 (still off; worked out to 3 December 2026)." in out
    assert "Sick since 1 December 2026, still off; worked out to 3 December 2026" in out
