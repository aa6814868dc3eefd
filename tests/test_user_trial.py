"""Faults a new user met: dates as people write them on every --on, figures asked for before
the records begin, counts in plain English."""

from __future__ import annotations

from guidance.cli import main


def test_show_on_takes_a_date_as_people_write_it(capsys):
    assert main(["show", "statutory-sick-pay", "--on", "1/6/2025"]) == 0
    assert "£118.75" in capsys.readouterr().out


def test_a_calculator_asked_about_a_day_before_the_figures_names_the_figure_not_its_key(capsys):
    assert main(["calc", "minimum-wage", "--age", "30", "--on", "2014-06-01", "--pay", "100", "--hours", "10"]) == 1
    err = capsys.readouterr().err
    assert "figures are kept from 6 April 2015" in err and "minimum_wage_" not in err


def test_rates_before_the_records_begin_say_what_is_missing(capsys):
    assert main(["rates", "--on", "2010-01-01"]) == 0
    err = capsys.readouterr().err
    assert "have no value on 1 January 2010" in err and "6 April 2015" in err
    assert main(["rates", "--on", "2026-12-01"]) == 0
    assert "no value" not in capsys.readouterr().err


def test_a_flow_date_that_is_not_a_date_says_so_once(capsys, tmp_path):
    answers = tmp_path / "a.yaml"
    answers.write_text("employed: me\nsick_start: 31/2/2026\n", encoding="utf-8")
    assert main(["flow", "run", "pa_off_sick", "--answers", str(answers)]) == 1
    err = capsys.readouterr().err
    assert err.count("2026-03-16") + err.count("e.g.") <= 1 and "answer for 'sick_start': 31 February 2026 does not exist" in err


def test_a_calculator_error_at_a_field_keeps_a_message_with_colons_whole():
    from guidance.tui.screens.calculator import _problem_only

    message = "a linked period needs both its first day and its last day (Earlier linked sickness: first day, last day)"
    assert _problem_only(message, "Earlier linked sickness: first day") == message
    assert _problem_only("Age: must be 16 or more", "Age") == "must be 16 or more"


def test_the_command_line_takes_still_off_and_hours_times_rate_as_the_app_does(capsys):
    import json

    argv = ["calc", "sick-pay", "--sick-start", "2026-11-02", "--work-days", "mon,tue,wed", "--json"]
    assert main(argv + ["--sick-end", "still off", "--average-weekly-earnings", "30 x 12.71"]) == 0
    shortcut = json.loads(capsys.readouterr().out)
    from guidance.commands.common import today

    assert main(argv + ["--sick-end", today().isoformat(), "--still-off", "--average-weekly-earnings", "381.30"]) == 0
    assert json.loads(capsys.readouterr().out) == shortcut


def test_a_misspelt_question_in_an_answers_file_is_named_and_no_session_is_saved(capsys, tmp_path):
    answers = tmp_path / "a.yaml"
    answers.write_text("employer: me\n", encoding="utf-8")
    assert main(["flow", "run", "pa_off_sick", "--answers", str(answers)]) == 1
    err = capsys.readouterr().err
    assert f"{answers}:1: 'employer' is not a question" in err and "did you mean 'employed'" in err
    assert main(["flow", "sessions", "list"]) == 0
    assert "No saved sessions." in capsys.readouterr().out
