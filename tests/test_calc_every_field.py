"""Every number and date input of every calculator refuses what no one means ("1E+999999999",
"12,71", the year 9999) with a message naming the field by its label: never a traceback, a
decimal.Overflow or a hang. The table of good inputs covers every calculator, so a new one is
checked too."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from guidance.calculators import CalculatorError
from guidance.calculators.registry import CALCULATORS, calculate
from guidance.cli import main
from guidance.content.rates import load_rates
from guidance.kinds import Date, DatedAmounts, DateList, Number
from guidance.problems import Problems

REPO = Path(__file__).resolve().parents[1]
ON = dt.date(2026, 6, 1)
WEEKS = "; ".join(f"{dt.date(2025, 1, 3) + dt.timedelta(weeks=i)}=300" for i in range(60))

#: Inputs each calculator works out (every optional number and date given, so each is read).
GOOD = {
    "holiday": {"basis": "days-per-week", "days_per_week": "5", "hours_per_week": "37.5", "shifts_per_pattern": "4",
                "days_per_pattern": "7", "hours_worked": "100", "leave_year_start": "2026-01-01",
                "start_date": "2026-03-01"},
    "sick-pay": {"sick_start": "2026-03-30", "sick_end": "2026-04-20", "work_days": "mon,tue,wed,thu,fri",
                 "average_weekly_earnings": "140", "linked_start": "2026-03-01", "linked_end": "2026-03-10"},
    "redundancy": {"age": "45", "years": "10", "weekly_pay": "800", "date": "2025-03-01"},
    "minimum-wage": {"age": "30", "on": "2026-06-01", "pay": "25.41", "hours": "2", "pay_period_days": "7",
                     "accommodation_charge": "10", "nights": "3"},
    "tribunal-deadline": {"event_date": "2026-01-10", "acas_day_a": "2026-03-01", "acas_day_b": "2026-03-20",
                          "et1_sent": "2026-05-01"},
    "average-earnings": {"purpose": "holiday", "frequency": "weekly", "payments": WEEKS, "holiday_start": "2026-03-01",
                         "sick_start": "2026-03-01", "due_date": "2026-09-01", "qualifying_week_end": "2026-05-23",
                         "employment_start": "2024-01-01", "skip_weeks": "2025-12-26"},
    "employer-cost": {"hourly_rate": "12.71", "hours_per_week": "20", "age": "30", "on": "2026-06-01"},
}

READ = (Number, Date, DatedAmounts, DateList)
CASES = [
    pytest.param(name, field, id=f"{name}: {field.name}")
    for name, calculator in CALCULATORS.items()
    for field in calculator.fields
    if isinstance(field.kind, READ)
]


@pytest.fixture(scope="module")
def rates():
    return load_rates(REPO / "content" / "rates.yaml", Problems())


def test_every_calculator_has_good_inputs_that_work(rates):
    assert set(GOOD) == set(CALCULATORS)
    for name, inputs in GOOD.items():
        assert set(inputs) <= set(CALCULATORS[name].inputs), name
        calculate(name, inputs, rates, ON)


def _odd_values(field):
    if isinstance(field.kind, Date):
        return ["9999-12-31", "1E+999999999", "0001-01-01"]
    if isinstance(field.kind, DateList):
        return ["9999-12-31", "2026-01-01; 1E+999999999"]
    if isinstance(field.kind, DatedAmounts):
        return ["2026-01-30=1E+999999999", "9999-12-31=100", "2026-01-30=12,71"]
    return ["1E+999999999", "-1E+999999999", "12,71", "NaN", "Infinity", "1e-999999999"]


@pytest.mark.parametrize("name, field", CASES)
def test_every_number_and_date_input_refuses_odd_values_by_its_label(rates, name, field):
    for odd in _odd_values(field):
        with pytest.raises(CalculatorError) as caught:
            calculate(name, {**GOOD[name], field.name: odd}, rates, ON)
        assert str(caught.value).startswith(f"{field.label}: "), (odd, str(caught.value))
        assert caught.value.field == field.name


@pytest.mark.parametrize("name, field", [c for c in CASES if isinstance(c.values[1].kind, Number)])
def test_the_command_line_names_the_option_too(capsys, name, field):
    calculator = CALCULATORS[name]
    others = {f.name for f in calculator.fields if field.exclusive and f.exclusive == field.exclusive}
    argv = ["calc", name]
    inputs = {k: v for k, v in GOOD[name].items() if k not in others}
    for key, value in {**inputs, field.name: "1E+999999999"}.items():
        option = CALCULATORS[name].field(key).option
        argv += [option] if key == "apprentice" else [option, value]
    assert main(argv) == 1
    err = capsys.readouterr().err
    assert f"{field.label}: '1E+999999999' is far too large" in err and f"(option {field.option})" in err
    assert "Traceback" not in err


@pytest.mark.parametrize("name", sorted(GOOD))
def test_working_and_warnings_write_dates_in_words_never_iso(rates, name):
    import re

    result = calculate(name, GOOD[name], rates, ON)
    texts = list(result.get("working") or []) + list(result.get("warnings") or [])
    assert texts, name
    shown = "\n".join(texts)
    assert not re.search(r"\d{4}-\d{2}-\d{2}", shown), shown
