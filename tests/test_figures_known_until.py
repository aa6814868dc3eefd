"""Days after the figures are known to be right get the latest figures with a warning that they
may change, in `rates`, `calc`, `show` and the app; dates are given, never today's."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from guidance.calculators.registry import run_calculator
from guidance.cli import main
from guidance.content.rates import load_rates
from guidance.problems import Problems

REPO = Path(__file__).resolve().parents[1]
KNOWN = dt.date(2027, 3, 31)  # content/rates.yaml: figures_known_until
WARNING = "The figures are known to be right until 31 March 2027; for 1 June 2029 these are the latest on record and may change"


@pytest.fixture(scope="module")
def rates():
    return load_rates(REPO / "content" / "rates.yaml", Problems())


def test_the_rates_file_says_until_when_its_figures_are_known(rates):
    assert rates.known_until == KNOWN
    assert rates.may_change(KNOWN) is None
    assert rates.may_change(KNOWN + dt.timedelta(days=1)).startswith(
        "The figures are known to be right until 31 March 2027; for 1 April 2027 these are the latest")
    assert "figures_known_until" not in rates.keys()  # not a figure


def test_rates_on_a_later_day_warns_and_says_the_day_in_words(capsys):
    assert main(["rates", "--on", "2029-06-01"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Figures in force on 1 June 2029\nWarning: " + WARNING)
    assert "2029-06-01" not in out and "since 2026-04-01" not in out and "since 1 April 2026" in out
    assert main(["rates", "--on", "2027-03-31"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Figures in force on 31 March 2027\n") and "Warning" not in out
    assert main(["rates", "--on", "1/6/2029", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert (data["on"], data["figures_known_until"]) == ("2029-06-01", "2027-03-31")  # ISO for scripts
    assert data["may_change"].startswith(WARNING)


def test_calc_warns_when_a_day_it_reads_figures_for_is_later(capsys, rates):
    argv = ["calc", "minimum-wage", "--age", "30", "--on", "2029-06-01"]
    assert main(argv) == 0
    out = capsys.readouterr().out
    assert f"  warning: {WARNING}" in out and out.index(WARNING) < out.index("How this was worked out")
    assert main(argv + ["--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["figures_known_until"] == "2027-03-31" and data["figures_may_change"].startswith(WARNING)
    # a date among the inputs counts too (the last day off sick), whatever day it is worked out on
    sick = {"sick_start": "2027-03-29", "sick_end": "2027-04-09", "work_days": "mon,tue,wed,thu,fri",
            "average_weekly_earnings": "400"}
    later = run_calculator("sick-pay", sick, rates, dt.date(2026, 11, 1))
    assert "for 9 April 2027 these are the latest on record" in later["figures_may_change"]
    within = run_calculator("sick-pay", {**sick, "sick_end": "2027-03-31"}, rates, dt.date(2026, 11, 1))
    assert within["figures_may_change"] is None


def test_show_warns_on_a_page_with_figures_only(capsys):
    assert main(["show", "minimum-wage", "--on", "2029-06-01"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Warning: " + WARNING) and "Figures as in force on 1 June 2029." in out  # plain text when piped
    assert main(["show", "minimum-wage", "--on", "2029-06-01", "--markdown"]) == 0
    assert capsys.readouterr().out.startswith("> Warning: " + WARNING)
    assert main(["show", "minimum-wage", "--on", "2026-06-01", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["figures_may_change"] is None
    assert main(["show", "minimum-wage", "--on", "2029-06-01", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["figures_may_change"].startswith(WARNING)


@pytest.mark.parametrize("written,line", [("2027-02-30", 3), ("soon", 3), ("2001-01-01", 3)])
def test_a_wrong_known_until_is_an_error_at_its_line(tmp_path, written, line):
    path = tmp_path / "rates.yaml"
    path.write_text(f"# figures\n\nfigures_known_until: {written}\n"
                    "good:\n  label: A good rate\n  unit: money\n  source: test\n  periods:\n    - {from: 2025-04-01, value: '1'}\n")
    problems = Problems()
    loaded = load_rates(path, problems, "content/rates.yaml")
    assert [(p.path, p.line) for p in problems.errors] == [("content/rates.yaml", line)]
    assert "figures_known_until must be a real date" in problems.errors[0].message
    assert loaded.keys() == ["good"] and loaded.known_until is None


def test_a_flow_that_uses_figures_warns_for_a_later_day(capsys, tmp_path):
    answers = tmp_path / "answers.yaml"
    answers.write_text(
        "stage: claim\nclaim_type: unfair_dismissal\nevent_date: 2026-09-15\net1_sent: 2026-11-20\n"
        "acas_status: certificate\nacas_day_a: 2026-10-01\nacas_day_b: 2026-11-05\ninsurer: helpline\n"
    )
    run = ["--root", str(REPO), "flow", "run", "tribunal_preparation", "--answers", str(answers)]
    assert main(run + ["--on", "2026-11-25", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["figures_may_change"] is None
    assert main(run + ["--on", "2029-06-01", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["figures_may_change"].startswith(WARNING)
    assert main(run + ["--on", "2029-06-01"]) == 0
    assert f"Warning: {WARNING}" in capsys.readouterr().out


def test_the_apps_flow_outcome_carries_the_warning():
    from guidance.tui.flow_view import report_markdown

    report = {"title": "T", "summary": "S", "timeline": [], "checklists": [], "next_steps": [], "pages": [],
              "letters": [], "signposts": [], "figures_may_change": WARNING}
    assert f"> **Warning:** {WARNING}" in report_markdown(report)
    assert "Warning" not in report_markdown({**report, "figures_may_change": None})


def test_a_letter_needing_a_figure_not_yet_published_says_why_in_plain_words(capsys, tmp_path):
    data = tmp_path / "values.yaml"
    data.write_text("recipient_name: Mrs Ann Patel\nreference: DP-9\nchange_date: 2027-04-01\n")
    code = main(["--root", str(REPO), "letter", "render", "minimum-wage-change", "--data", str(data),
                 "--no-record", "--on", "2026-12-02"])
    err = capsys.readouterr().err
    assert code != 0
    assert ("The National Living Wage from 1 April 2027 is not published in guidance yet: figures are known "
            "up to 31 March 2027. Ask your team leader to add it when it is announced.") in err
    assert "rates.yaml" not in err and "rate_from" not in err and "national_living_wage" not in err


def test_the_plain_words_are_only_for_days_after_the_figures_are_known(rates):
    assert rates.not_known_yet("national_living_wage", KNOWN) is None
    assert rates.not_known_yet("national_living_wage", KNOWN + dt.timedelta(days=1)).startswith(
        "The National Living Wage from 1 April 2027 is not published in guidance yet")
