"""Every path of every shipped flow, enumerated and run end to end through a saved session."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from guidance.cli import main
from guidance.content.base import ContentBase
from guidance.flows.engine import Engine
from guidance.flows.loader import load_flows
from guidance.flows.paths import enumerate_paths
from guidance.flows.schema import Outcome
from guidance.flows.session import Session
from guidance.problems import Problems
from guidance.records.sqlite import SqliteSessionStore

REPO = Path(__file__).resolve().parents[1]
ON = dt.date(2026, 11, 25)
FLOWS = ["hiring_a_pa", "tribunal_preparation", "capacity_check", "pa_off_sick", "employer_in_hospital_or_died", "dp_account_review"]


@pytest.fixture(scope="module")
def base():
    return ContentBase.load(REPO)


@pytest.fixture(scope="module")
def flows(base):
    problems = Problems()
    loaded = load_flows(REPO, problems)
    assert not problems.errors, [str(p) for p in problems.errors]
    return loaded


def test_all_six_flows_are_shipped(flows):
    assert sorted(flows) == sorted(FLOWS)


@pytest.mark.parametrize("flow_id", FLOWS)
def test_every_path_runs_to_an_outcome(flow_id, flows, base, tmp_path, monkeypatch):
    # an example record number (the account review's audit) is taken as recorded: this store holds no audits
    monkeypatch.setattr("guidance.accounts.prefill.recorded", lambda database, number: True)
    flow = flows[flow_id].flow
    engine = Engine(flow, base.rates, ON)
    paths = enumerate_paths(engine)
    assert paths, "a flow with no paths"
    outcomes = {n for n, node in flow.nodes.items() if isinstance(node, Outcome)}
    assert {p.outcome for p in paths} == outcomes, "every outcome is reached by some path"
    assert any(p.safeguarding for p in paths)
    with SqliteSessionStore(tmp_path / "records.sqlite3") as store:
        for path in paths:
            session = Session.start(engine, store, base.manifest.release)
            if path.safeguarding:
                session.safeguarding()
            for node_id, value in path.answers:
                assert session.current == node_id
                session.answer(value)
            assert session.finished and session.current == path.outcome
            assert session.state.trail == path.nodes
            report = session.report(base)
            assert report["outcome"] == path.outcome and report["summary"]
            assert report["content_release"] == base.manifest.release
            assert store.get(session.id).status == "finished"


@pytest.mark.parametrize("flow_id", FLOWS)
def test_every_page_a_flow_names_exists(flow_id, flows, base):
    flow = flows[flow_id].flow
    named = {p for node in flow.nodes.values() for p in node.pages}
    named |= {i.page for node in flow.nodes.values() for i in getattr(node, "items", []) if i.page}
    assert named - set(base.pages) == set()


@pytest.mark.parametrize("flow_id", FLOWS)
def test_safeguarding_exit_reaches_the_abuse_page(flow_id, flows, base):
    flow = flows[flow_id].flow
    engine = Engine(flow, base.rates, ON)
    state = engine.safeguarding(engine.start())
    assert "recognising-and-reporting-abuse" in [p["id"] for p in Session(engine, None, "x", state, "r").report(base)["pages"]]


def test_paths_command_lists_them_as_json(capsys):
    assert main(["--root", str(REPO), "flow", "paths", "pa_off_sick", "--on", "2026-11-25", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["count"] == len(data["paths"]) >= 4
    outcomes = {p["outcome"] for p in data["paths"]}
    assert {"ssp_due", "no_ssp", "not_employee", "safeguarding"} <= outcomes


def test_paths_answers_replay_through_run(capsys, tmp_path):
    """A path's answers, written as an answers file, run to the same outcome."""
    import yaml

    assert main(["--root", str(REPO), "flow", "paths", "tribunal_preparation", "--on", "2026-11-25", "--json"]) == 0
    paths = [p for p in json.loads(capsys.readouterr().out)["paths"] if not p["safeguarding"]]
    one_each = {p["outcome"]: p for p in paths}  # one path per outcome keeps the test quick
    assert len(one_each) == 3
    for path in one_each.values():
        answers = tmp_path / "answers.yaml"
        answers.write_text(yaml.safe_dump(path["answers"]))
        assert main(["--root", str(REPO), "flow", "run", "tribunal_preparation", "--on", "2026-11-25", "--answers", str(answers), "--json"]) == 0
        report = json.loads(capsys.readouterr().out)
        assert report["outcome"] == path["outcome"] and report["path"] == path["nodes"]


def test_tribunal_timeline_has_real_dates(capsys, tmp_path):
    answers = tmp_path / "answers.yaml"
    answers.write_text(
        "stage: claim\nclaim_type: unfair_dismissal\nevent_date: 2026-09-15\net1_sent: 2026-11-20\n"
        "acas_status: certificate\nacas_day_a: 2026-10-01\nacas_day_b: 2026-11-05\ninsurer: helpline\n"
    )
    assert main(["--root", str(REPO), "flow", "run", "tribunal_preparation", "--on", "2026-11-25", "--answers", str(answers), "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    dates = {row["text"]: row["date"] for row in report["timeline"]}
    assert dates["Your response (ET3) must reach the tribunal"] == "2026-12-18"  # 20 Nov + 28 days
    # 3 months less a day from 15 Sep is 14 Dec; 35 days of conciliation (2 Oct to 5 Nov) move it on
    assert dates["The last day the PA could make the claim in time, on the cautious reading for the PA"] == "2027-01-18"
    # the six-month limit (start not confirmed): 14 Mar 2027 moved on 35 days
    assert dates["The law is unsettled: a claim may still be in time up to this day (the cautious reading for you, the employer)"] == "2027-04-18"
    assert report["letters"][0] == "tribunal-claim-received"


def test_tribunal_timeline_has_one_last_day_where_the_law_is_settled(capsys, tmp_path):
    answers = tmp_path / "answers.yaml"
    answers.write_text(
        "stage: acas\nclaim_type: unfair_dismissal\nevent_date: 2026-03-10\n"
        "acas_status: certificate\nacas_day_a: 2026-04-01\nacas_day_b: 2026-04-20\ninsurer: helpline\n"
    )
    assert main(["--root", str(REPO), "flow", "run", "tribunal_preparation", "--on", "2026-11-25", "--answers", str(answers), "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    dates = {row["text"]: row["date"] for row in report["timeline"]}
    # 9 June 2026 plus 19 days of conciliation: 28 June, before the new limit could start
    assert dates["Last day for the PA to make a tribunal claim"] == "2026-06-28"
    assert not any("unsettled" in text or "cautious" in text for text in dates)


def test_linked_sickness_counts_towards_the_28_week_maximum(capsys, tmp_path):
    answers = tmp_path / "answers.yaml"
    answers.write_text(
        "employed: me\nsick_start: 2026-11-16\nstill_off: no\nsick_end: 2026-11-20\n"
        "work_days: [mon, tue, wed, thu, fri]\npay_frequency: average_known\nearnings: '250.00'\nlinked: yes\n"
        "linked_start: 2026-04-06\nlinked_end: 2026-11-06\ncompany_sick_pay: no\ncover: other_pa\n"
    )
    assert main(["--root", str(REPO), "flow", "run", "pa_off_sick", "--on", "2026-11-25", "--answers", str(answers), "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["outcome"] == "no_ssp"
    assert "most SSP can pay" in report["summary"]
    assert any("SSP1" in step for step in report["next_steps"])


def test_linked_sickness_more_than_8_weeks_before_is_refused_with_a_reason(capsys, tmp_path):
    answers = tmp_path / "answers.yaml"
    answers.write_text(
        "employed: me\nsick_start: 2026-11-16\nstill_off: no\nsick_end: 2026-11-20\n"
        "work_days: [mon, tue, wed, thu, fri]\npay_frequency: average_known\nearnings: '250.00'\nlinked: yes\n"
        "linked_start: 2026-06-01\nlinked_end: 2026-06-05\ncompany_sick_pay: no\ncover: other_pa\n"
    )
    assert main(["--root", str(REPO), "flow", "run", "pa_off_sick", "--on", "2026-11-25", "--answers", str(answers), "--json"]) == 1
    assert "do not link" in capsys.readouterr().err


def test_monthly_paid_pa_average_comes_from_the_paydays(capsys, tmp_path):
    # £1,000 a month, paid on the 30th; off sick Mon 16 - Fri 20 Nov 2026: the relevant period is
    # 31 Aug - 30 Oct (2 months), so £2,000 x 12 / 52 / 2 = £230.77 a week, not £250; SSP is the
    # flat £123.25 (80% is £184.62), 24.65 a day for 5 days = £123.25.
    answers = tmp_path / "answers.yaml"
    answers.write_text(
        "employed: me\nsick_start: 2026-11-16\nstill_off: no\nsick_end: 2026-11-20\n"
        "work_days: [mon, tue, wed, thu, fri]\npay_frequency: monthly\n"
        "payments: 2026-08-30=1000; 2026-09-30=1000; 2026-10-30=1000\nlinked: no\ncompany_sick_pay: no\ncover: other_pa\n"
    )
    assert main(["--root", str(REPO), "flow", "run", "pa_off_sick", "--on", "2026-11-25", "--answers", str(answers), "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["outcome"] == "ssp_due"
    assert any("£230.77" in step and "31 August 2026" in step for step in report["next_steps"])
    assert "£123.25" in report["summary"]


def test_an_unusual_answer_a_calculator_was_given_is_warned_of_in_the_outcome(capsys, tmp_path):
    """£1,000,000 a week reaches the SSP calculator: the outcome is given, with a warning to check it."""
    answers = tmp_path / "answers.yaml"
    text = ("employed: me\nsick_start: 2026-11-16\nstill_off: no\nsick_end: 2026-11-20\n"
            "work_days: [mon, tue, wed, thu, fri]\npay_frequency: average_known\nearnings: '{pay}'\nlinked: no\n"
            "company_sick_pay: no\ncover: other_pa\n")
    run = ["--root", str(REPO), "flow", "run", "pa_off_sick", "--on", "2026-11-25", "--answers", str(answers)]
    answers.write_text(text.format(pay="1000000"))
    assert main(run + ["--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["outcome"] == "ssp_due"
    assert report["unusual"] == ["Average weekly pay: £1,000,000.00 is more than £3,000.00, which is unusual: check it was typed right"]
    assert main(run) == 0
    assert "Check: Average weekly pay: £1,000,000.00 is more than £3,000.00" in capsys.readouterr().out
    answers.write_text(text.format(pay="400"))
    assert main(run + ["--json"]) == 0
    assert json.loads(capsys.readouterr().out)["unusual"] == []
