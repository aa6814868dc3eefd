"""A message says each value once: a path, a date or a line is not repeated beside itself."""

from __future__ import annotations

import datetime as dt
import errno
from pathlib import Path

import pytest

from guidance.calculators.common import CalculatorError, figure
from guidance.content.rates import load_rates
from guidance.problems import Problems
from guidance.tui.messages import failure_text
from guidance.yamlio import ContentYamlError, load_yaml

REPO = Path(__file__).resolve().parents[1]


def test_a_file_in_the_way_names_the_path_once(tmp_path):
    blocker = tmp_path / "Downloads"
    error = NotADirectoryError(errno.ENOTDIR, f"{blocker} is a file, not a folder", str(blocker))
    text = failure_text("save the letter", error)
    assert text == f"Could not save the letter: {blocker} is a file, not a folder."
    other = FileNotFoundError(errno.ENOENT, "No such file or directory", str(blocker))
    assert failure_text("save", other) == f"Could not save: No such file or directory ({blocker})."


def test_a_calculator_date_before_the_figures_says_the_day_once():
    rates = load_rates(REPO / "content" / "rates.yaml", Problems())
    with pytest.raises(CalculatorError) as caught:
        figure(rates, "ssp_weekly_rate", dt.date(2015, 1, 1))
    message = str(caught.value)
    assert message.count("1 January 2015") == 1, message
    assert message.startswith("there is no figure for 1 January 2015: ")


def test_a_key_twice_on_one_line_names_the_line_once():
    with pytest.raises(ContentYamlError) as caught:
        load_yaml("title: A\nperiod: {from: 2026-04-06, from: 2026-05-01}\n")
    assert "'from' appears twice (line 2)" in str(caught.value), str(caught.value)
    with pytest.raises(ContentYamlError, match=r"appears twice \(lines 1 and 2\)"):
        load_yaml("title: A\ntitle: B\n")
