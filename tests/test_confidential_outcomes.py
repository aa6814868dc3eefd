"""A confidential outcome (every flow's safeguarding exit, a misuse referral) is never put into a
letter to the person: the follow-up letter filled from a call leaves out its words and its guides,
while the case note keeps it. Every path of every shipped flow is run."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from types import SimpleNamespace

import pytest

from guidance.content.base import ContentBase
from guidance.flows.engine import Engine
from guidance.flows.loader import load_flows
from guidance.flows.paths import enumerate_paths
from guidance.flows.schema import Outcome
from guidance.flows.session import Session
from guidance.letters.templates import load_templates
from guidance.problems import Problems
from guidance.records.calls import CallItem
from guidance.records.casenote import case_note
from guidance.tui.app import call_letter_values
from guidance.tui.call_summary import CONFIDENTIAL, flow_summary

REPO = Path(__file__).resolve().parents[1]
ON = dt.date(2026, 11, 25)
AT = "2026-11-25T14:06:00.000Z"


@pytest.fixture(scope="module")
def base():
    return ContentBase.load(REPO)


@pytest.fixture(scope="module")
def flows():
    problems = Problems()
    loaded = load_flows(REPO, problems)
    assert not problems.errors
    return {flow_id: item.flow for flow_id, item in loaded.items()}


@pytest.fixture(scope="module")
def reports(flows, base):
    """flow id -> outcome -> the finished report of one path to it."""
    return {flow_id: _finished_reports(flow, base) for flow_id, flow in flows.items()}


def _finished_reports(flow, base):
    """(path, report) for one path to each outcome of ``flow`` (the safeguarding exit too)."""
    engine = Engine(flow, base.rates, ON)
    seen = {}
    for path in enumerate_paths(engine):
        if path.outcome in seen:
            continue
        session = Session(engine, None, "s1", engine.start(), "r")
        if path.safeguarding:
            session.state = engine.safeguarding(session.state)
        for _node, value in path.answers:
            session.state = engine.answer(session.state, value)
        seen[path.outcome] = session.report(base)
    return seen


def _letter_from_call(flow, report, base):
    summary = flow_summary(flow.title, report, [])
    call = SimpleNamespace(items=[CallItem("flow", flow.id, summary, str(flow.version), AT, run="s1")],
                           caller_ref="DP-700002", started_at=AT, notes="Can I have a copy of what we said?\n- We talked it through")
    return summary, call_letter_values(call, base, call.notes)


def test_the_confidential_outcomes_are_the_safeguarding_exits_and_the_misuse_referral(flows, reports):
    confidential = {(flow_id, outcome) for flow_id in flows
                    for outcome, report in reports[flow_id].items() if report["confidential"]}
    exits = {(flow_id, flow.safeguarding) for flow_id, flow in flows.items()}
    assert exits <= confidential
    assert confidential - exits == {("dp_account_review", "escalate_misuse")}


@pytest.mark.parametrize("flow_id", ["hiring_a_pa", "tribunal_preparation", "capacity_check", "pa_off_sick",
                                     "employer_in_hospital_or_died", "dp_account_review"])
def test_a_letter_filled_from_the_call_leaves_a_confidential_outcome_out(flow_id, flows, reports, base):
    flow = flows[flow_id]
    for outcome, report in reports[flow_id].items():
        summary, values = _letter_from_call(flow, report, base)
        advice = "\n".join(values.get("advice", []))
        if report["confidential"]:
            assert CONFIDENTIAL in summary.splitlines()
            assert report["title"] not in advice and flow.title not in advice, (outcome, advice)
            assert values.get("pages", []) == [], (outcome, values.get("pages"))
            assert values["advice"] == ["We talked it through"]  # the officer's own points stay
        else:
            assert f"{flow.title}: {report['title']}" in advice, (outcome, advice)


def test_the_case_note_keeps_a_confidential_outcome(flows, reports):
    flow = flows["dp_account_review"]
    report = reports["dp_account_review"]["safeguarding"]
    summary = flow_summary(flow.title, report, [])
    call = SimpleNamespace(caller_ref="DP-700002", started_at=AT, ended_at=None, notes="", content_release="r",
                           items=[CallItem("flow", flow.id, summary, str(flow.version), AT, run="s1")])
    note = case_note(call, "")
    assert report["title"] in note and CONFIDENTIAL in note


def test_no_confidential_outcome_offers_a_letter_filled_with_the_calls_advice(flows, base):
    """A letter with an 'advice' field is filled with the call's advice points; a confidential
    outcome must not offer one (the app leaves its words out anyway)."""
    templates = load_templates(base.content_dir, lambda path: path.name, Problems())
    carries_advice = {tid for tid, template in templates.items() if "advice" in template.meta.fields}
    assert "advice-follow-up" in carries_advice
    for flow_id, flow in flows.items():
        for node_id, node in flow.nodes.items():
            if isinstance(node, Outcome) and (node.confidential or node_id == flow.safeguarding):
                assert not set(node.letters) & carries_advice, (flow_id, node_id, node.letters)
