"""Answers files for `guidance flow run --answers`: a bare YAML yes/no is never kept as "True",
and a refused answer is never repeated in the message (it may be personal)."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import pytest

from guidance.cli import main
from guidance.flows.answers import AnswerError, _choice, _text

REPO = Path(__file__).resolve().parents[1]


def test_a_bare_yes_for_a_text_question_is_refused_with_the_line(capsys, tmp_path):
    answers = tmp_path / "a.yaml"
    answers.write_text("reason_for_doubt: yes\n", encoding="utf-8")
    assert main(["--root", str(REPO), "flow", "run", "capacity_check", "--answers", str(answers)]) == 1
    err = capsys.readouterr().err
    assert f"{answers}:1: answer for 'reason_for_doubt': " in err and "bare yes/no" in err and "quotes" in err
    assert "True" not in err


def test_a_quoted_yes_is_kept_as_the_word():
    node = SimpleNamespace(optional=False)
    assert _text(node, "yes") == "yes"
    with pytest.raises(AnswerError, match="bare yes/no"):
        _text(node, True)


def test_a_bare_yes_for_a_choice_reads_as_yes():
    option = lambda value: SimpleNamespace(value=value, label=value.title())  # noqa: E731
    node = SimpleNamespace(options=[option("yes"), option("no"), option("not_sure")])
    assert _choice(node, True) == "yes" and _choice(node, False) == "no"
    with pytest.raises(AnswerError):
        _choice(SimpleNamespace(options=[option("agency"), option("me")]), True)


def test_a_refused_answer_is_not_repeated(capsys, tmp_path):
    answers = tmp_path / "a.yaml"
    answers.write_text("employed: me\nsick_start: Ann Okafor\n", encoding="utf-8")
    assert main(["--root", str(REPO), "flow", "run", "pa_off_sick", "--answers", str(answers)]) == 1
    err = capsys.readouterr().err
    assert f"{answers}:2: answer for 'sick_start': the value is not a date" in err and "Okafor" not in err
