"""An input the chosen basis works from, left out, is told as needed for that basis at its
field (with its option on the command line), all at once: never "days per week: must be a
number" without saying where it goes."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from guidance.calculators import CalculatorError
from guidance.calculators.holiday import NEEDED_FOR_BASIS
from guidance.calculators.registry import CALCULATORS, calculate
from guidance.cli import main
from guidance.content.rates import load_rates
from guidance.problems import Problems

REPO = Path(__file__).resolve().parents[1]
GIVEN = {"days_per_week": "5", "hours_per_week": "37.5", "shifts_per_pattern": "4", "days_per_pattern": "8"}


@pytest.fixture(scope="module")
def rates():
    return load_rates(REPO / "content" / "rates.yaml", Problems())


@pytest.mark.parametrize("basis, left_out", [(basis, name) for basis, names in NEEDED_FOR_BASIS.items() for name in names])
def test_each_input_a_basis_needs_is_told_at_its_field(rates, basis, left_out):
    inputs = {"basis": basis, **{name: GIVEN[name] for name in NEEDED_FOR_BASIS[basis] if name != left_out}}
    with pytest.raises(CalculatorError) as caught:
        calculate("holiday", inputs, rates, dt.date(2026, 6, 1))
    (problem,) = caught.value.problems
    label = CALCULATORS["holiday"].field(left_out).label
    assert problem.field == left_out
    assert str(problem) == f"{label}: needed when How the PA works is '{basis.replace('-', ' ')}'"


def test_the_bases_cover_every_basis_with_inputs_of_its_own():
    assert set(NEEDED_FOR_BASIS) == {"days-per-week", "hours-per-week", "compressed-hours", "shifts"}


def test_the_command_line_names_the_option_needed(capsys):
    assert main(["calc", "holiday", "--basis", "hours-per-week", "--hours-per-week", "37.5"]) != 0
    err = capsys.readouterr().err
    assert "Days worked a week: needed when How the PA works is 'hours per week' (option --days-per-week)" in err
    assert "must be a number" not in err


def test_every_input_left_out_is_told_at_once(capsys):
    code = main(["calc", "holiday", "--basis", "shifts"])
    err = capsys.readouterr().err
    assert code != 0 and "2 problems" in err and "--shifts-per-pattern" in err and "--days-per-pattern" in err
