"""Example dates in a flow's prompts come from the case's own dates, never fixed ones: the SSP
paydays question for a sickness from 11 May 2025 gives paydays before it, not in 2026."""

from __future__ import annotations

import datetime as dt
import io
import re
from pathlib import Path

import pytest

from guidance.cli import main
from guidance.flows.expressions import ExpressionError, iso, months_before, render_text

REPO = Path(__file__).resolve().parents[1]


@pytest.mark.parametrize("day, months, expected", [
    ("2025-05-11", 2, dt.date(2025, 3, 11)), (dt.date(2026, 3, 31), 1, dt.date(2026, 2, 28)),
    ("2024-03-31", 1, dt.date(2024, 2, 29)), ("2026-01-15", 1, dt.date(2025, 12, 15)), ("2026-01-15", 0, dt.date(2026, 1, 15)),
])
def test_months_before_keeps_the_day_or_the_month_end(day, months, expected):
    assert months_before(day, months) == expected
    assert iso(expected) == expected.isoformat()


def test_a_prompt_fills_example_dates_in_the_sandbox_and_a_bad_call_is_a_plain_error():
    context = {"answers": {"sick_start": dt.date(2025, 5, 11)}, "iso": iso, "months_before": months_before}
    text = "like {{ iso(months_before(answers.sick_start, 1)) }}=1000"
    assert render_text(text, None, dt.date(2026, 12, 3), context) == "like 2025-04-11=1000"
    with pytest.raises(ExpressionError, match="0 to 1200 months"):
        render_text("{{ months_before(answers.sick_start, 99999) }}", None, dt.date(2026, 12, 3), context)
    with pytest.raises(ExpressionError):
        render_text("{{ iso.__globals__ }}", None, dt.date(2026, 12, 3), context)


def test_the_ssp_paydays_question_gives_paydays_before_the_sickness(monkeypatch, capsys, tmp_path):
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.setattr("sys.stdin", io.StringIO("me\n2025-05-11\nno\n2025-05-20\nmon,tue,wed,thu,fri\nmonthly\n"))
    main(["--root", str(REPO), "flow", "run", "pa_off_sick", "--on", "2026-12-03"])
    out = capsys.readouterr().out
    question = out[out.index("List each payday"):]
    question = question[:question.index("Read more")]
    assert "like 2025-03-11=1000; 2025-04-11=1000." in " ".join(question.split())
    assert "Type dates and amounts, e.g. 2025-03-11=1000; 2025-04-11=1000." in question
    assert not re.search(r"2026-\d\d-\d\d", question), question


_ISO_DAY = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")
_TEMPLATE_CODE = re.compile(r"\{\{.*?\}\}|\{%.*?%\}", re.DOTALL)


def test_no_flow_prompt_gives_a_fixed_example_date():
    """The kind, in every flow: a question's text, help and example never hold a fixed ISO
    date outside the template code (dates of the law, in words or in date('...'), are fine)."""
    from guidance.content.base import ContentBase
    from guidance.flows.schema import Question

    fixed = []
    for loaded in ContentBase.load(REPO).flows().values():
        flow = loaded.flow
        for node_id, node in flow.nodes.items():
            if isinstance(node, Question):
                for source in (node.text, node.help, node.example):
                    if source and _ISO_DAY.search(_TEMPLATE_CODE.sub("", source)):
                        fixed.append(f"{flow.id}.{node_id}")
    assert fixed == []


def test_the_app_shows_the_questions_own_example_fitted_to_the_case():
    """The app's answer box shows the paydays question's example worked out from the sickness
    start (paydays before it), never the kind's fixed example dates."""
    import datetime as dt
    from types import SimpleNamespace

    from guidance.content.base import ContentBase
    from guidance.flows.engine import Engine
    from guidance.flows.loader import load_flows
    from guidance.flows.session import Session
    from guidance.problems import Problems
    from guidance.tui.flow_view import FlowView

    base = ContentBase.load(REPO)
    loaded = load_flows(REPO, Problems())["pa_off_sick"]
    engine = Engine(loaded.flow, base.rates, dt.date(2026, 12, 3))
    session = Session(engine, None, "s1", engine.start(), "r")
    for raw in ("me", "2025-05-11", "no", "2025-05-20", "mon,tue,wed,thu,fri", "monthly"):
        session.state = engine.answer(session.state, raw)
    view = FlowView(SimpleNamespace(base=base, page_title=lambda page_id: page_id), loaded, session)
    step = view.step()
    assert step.kind == "list"
    assert step.placeholder == "e.g. 2025-03-11=1000; 2025-04-11=1000"
