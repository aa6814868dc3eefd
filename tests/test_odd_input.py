"""Odd input gets a clear error naming the right thing, never a traceback or a half-made record."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from guidance.cli import main

REPO = Path(__file__).resolve().parents[1]
GOOD = "employed: me\nsick_start: 2026-11-02\nstill_off: no\nsick_end: 2026-11-05\nwork_days: [mon, tue]\npay_frequency: average_known\nearnings: 300\nlinked: no\n"


def _sessions(capsys) -> str:
    capsys.readouterr()
    assert main(["flow", "sessions", "list"]) == 0
    return capsys.readouterr().out


def test_an_unparsable_answers_file_leaves_no_session(tmp_path, capsys):
    answers = tmp_path / "answers.yaml"
    answers.write_text("employed: [unclosed\n")
    assert main(["flow", "run", "pa_off_sick", "--answers", str(answers), "--on", "2026-11-25"]) == 1
    assert "answers.yaml:1" in capsys.readouterr().err
    assert "No saved sessions." in _sessions(capsys)


@pytest.mark.parametrize("day, blamed", [("0001-01-02", "between 1 January 1900 and 31 December 2100"), ("9999-12-25", "between 1 January 1900 and 31 December 2100"),
                                         ("1990-01-02", "is on record from 1 July 1992")])
def test_a_date_out_of_range_is_blamed_on_its_own_question(tmp_path, capsys, day, blamed):
    answers = tmp_path / "answers.yaml"
    answers.write_text(GOOD.replace("2026-11-02", day).replace("2026-11-05", day[:-1] + "3"))
    assert main(["flow", "run", "pa_off_sick", "--answers", str(answers), "--on", "2026-11-25"]) == 1
    err = capsys.readouterr().err
    assert "answers.yaml:2: answer for 'sick_start'" in err and blamed in err and "'linked'" not in err


@pytest.mark.parametrize("days", ["{mon: 1}", "{mon: true, tue: true}", "5"])
def test_work_days_that_are_not_a_list_are_an_error_not_guessed(tmp_path, capsys, days):
    answers = tmp_path / "answers.yaml"
    answers.write_text(GOOD.replace("[mon, tue]", days))
    assert main(["flow", "run", "pa_off_sick", "--answers", str(answers), "--on", "2026-11-25"]) == 1
    err = capsys.readouterr().err
    assert "answer for 'work_days'" in err and "give a list" in err


def test_the_sick_pay_calculator_refuses_a_mapping_of_work_days():
    from guidance.calculators.common import CalculatorError
    from guidance.calculators.sick_pay import parse_work_days

    assert parse_work_days(["mon", "tue"]) == frozenset({0, 1})
    with pytest.raises(CalculatorError, match="must be a list of days of the week"):
        parse_work_days({"mon": 1})


def test_sessions_show_with_a_broken_flow_file_shows_answers_as_stored(tmp_path, capsys):
    root = tmp_path / "root"
    shutil.copytree(REPO / "content", root / "content")
    shutil.copytree(REPO / "flows", root / "flows")
    answers = tmp_path / "answers.yaml"
    answers.write_text(GOOD)
    main(["--root", str(root), "flow", "run", "pa_off_sick", "--answers", str(answers), "--on", "2026-11-25"])
    session_id = _sessions(capsys).split()[0]
    flow = root / "flows" / "pa_off_sick.yaml"
    flow.write_text(flow.read_text().replace("\n  linked:\n", "\n  linked_renamed:\n"))
    assert main(["--root", str(root), "flow", "sessions", "show", session_id]) == 0
    out = capsys.readouterr().out
    assert "the flow file has errors" in out and "sick_start: 2026-11-02" in out


@pytest.mark.parametrize("argv", [
    ["calc", "x\x1b[2Jy"],
    ["records", "purge", "--older-than", "6\x1b]0;title\x07"],
    ["letter", "render", "pa-off-sick", "--format", "\x1b[31mred"],
    ["--nope\x1b[2J"],
])
def test_argument_errors_never_echo_a_raw_escape_character(argv, capsys):
    with pytest.raises(SystemExit) as exc:
        main(argv)
    err = capsys.readouterr().err
    assert exc.value.code == 2 and "\x1b" not in err and "\x07" not in err and "\\x1b" in err


def test_index_build_writes_no_carriage_returns_when_not_a_terminal(capsys):
    assert main(["--root", str(REPO), "index", "build"]) == 0
    err = capsys.readouterr().err
    assert "\r" not in err and "Indexing pages" in err and err.count("\n") <= 14


@pytest.mark.parametrize("old, new, words", [
    ("sick_end: 2026-11-05", "sick_end: 2026-10-30", "before the first day off sick (2 November 2026)"),
    ("sick_start: 2026-11-02", "sick_start: 31/11/2026", "31 November 2026 does not exist"),
    ("sick_start: 2026-11-02", "sick_start: 11/30/2026", "there is no month 30"),
])
def test_flow_errors_that_echo_a_date_write_it_in_words(tmp_path, capsys, old, new, words):
    import re

    answers = tmp_path / "answers.yaml"
    answers.write_text(GOOD.replace(old, new))
    assert main(["flow", "run", "pa_off_sick", "--answers", str(answers), "--on", "2026-11-25"]) == 1
    err = capsys.readouterr().err
    assert words in err and "Traceback" not in err
    assert not re.search(r"\d{4}-\d{2}-\d{2}", err.split("answers.yaml", 1)[1]), err
