"""The engine and sessions: answering, back, changing an earlier answer, safeguarding, resume."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest

from guidance.content.base import ContentBase
from guidance.flows.answers import AnswerError, dumps, loads
from guidance.flows.engine import Engine
from guidance.flows.loader import parse_flow_text
from guidance.flows.outcome import build_report
from guidance.flows.session import Session, load_state
from guidance.problems import Problems
from guidance.records.sqlite import SqliteSessionStore

DATA = Path(__file__).parent / "data"
ON = dt.date(2026, 11, 25)
MINI = (DATA / "flows_good" / "mini.yaml").read_text()


def double(name, inputs, rates, on):
    """A stand-in calculator, so these tests depend only on the engine."""
    assert name == "double"
    if inputs["amount"] < 0:
        raise ValueError("amount cannot be negative")
    return {"total": inputs["amount"] * 2}


@pytest.fixture(scope="module")
def rates():
    return ContentBase.load(Path(__file__).resolve().parents[1]).rates


def load(text: str = MINI):
    problems = Problems()
    loaded = parse_flow_text(text, "mini.yaml", problems)
    assert not problems.items, problems.items
    return loaded.flow


@pytest.fixture
def engine(rates):
    return Engine(load(), rates, ON, calculate=double)


@pytest.fixture
def store(tmp_path):
    with SqliteSessionStore(tmp_path / "records.sqlite3") as db:
        yield db


def walk(engine, *answers):
    state = engine.start()
    for answer in answers:
        state = engine.answer(state, answer)
    return state


def test_answers_route_through_calculations(engine):
    state = walk(engine, "yes", "2/11/2026", "300")
    assert state.trail == ["off_sick", "start_date", "earnings", "weekly", "tasks"]
    assert state.answers["start_date"] == dt.date(2026, 11, 2)
    assert state.answers["earnings"] == Decimal("300")
    assert state.results["doubled"] == {"total": Decimal("600")}
    low = walk(engine, "yes", "2026-11-02", "100")
    assert low.current == "low"


def test_bad_answers_are_refused_with_a_reason(engine):
    state = walk(engine, "yes")
    with pytest.raises(AnswerError, match="31 February 2026 does not exist"):
        engine.answer(state, "31/02/2026")
    state = engine.answer(state, "2026-11-02")
    with pytest.raises(AnswerError, match="pounds and pence"):
        engine.answer(state, "12.345")
    with pytest.raises(AnswerError, match="negative"):
        engine.answer(state, "-5")


def test_checklist_items_depend_on_answers(engine):
    assert engine.applicable_items("tasks", walk(engine, "yes", "2026-11-02", "300")) == ["fit-note", "cover"]
    rich = walk(engine, "yes", "2026-11-02", "300", "cover")
    report = build_report(engine, rich)
    items = report["checklists"][0]["items"]
    assert [(i["id"], i["done"]) for i in items] == [("fit-note", False), ("cover", True)]
    assert report["timeline"] == [{"date": "2026-11-09", "text": "Fit note needed"}]
    assert "2 November 2026" in report["summary"]


def test_back_keeps_later_answers_as_defaults(engine):
    state = walk(engine, "yes", "2026-11-02", "300")
    back = engine.back(state)
    assert back.current == "earnings"  # the calculation is stepped over
    assert back.answers["earnings"] == Decimal("300")
    again = engine.back(back)
    assert again.current == "start_date"
    assert again.answers["earnings"] == Decimal("300")
    with pytest.raises(AnswerError, match="first step"):
        engine.back(engine.start())


def test_back_hides_later_answers_from_expressions(engine):
    state = engine.back(walk(engine, "yes", "2026-11-02", "300"))
    assert "earnings" not in engine.context(engine.back(state))["answers"]


def test_change_keeps_later_answers_that_still_apply(engine):
    finished = walk(engine, "yes", "2026-11-02", "300", "cover")
    changed = engine.change(finished, "start_date", "2026-11-03")
    # earnings and the checklist still apply: straight back to the outcome
    assert changed.current == "paid"
    assert changed.answers["earnings"] == Decimal("300")
    assert changed.answers["tasks"] == ["cover"]
    assert "3 November 2026" in build_report(engine, changed)["summary"]


def test_change_that_makes_later_answers_irrelevant_drops_them(engine):
    finished = walk(engine, "yes", "2026-11-02", "300", "cover")
    changed = engine.change(finished, "off_sick", "no")
    assert changed.trail == ["off_sick", "fine"]
    assert set(changed.answers) == {"off_sick"}


def test_change_stops_where_a_new_answer_is_needed(engine):
    finished = walk(engine, "yes", "2026-11-02", "100")  # low earnings: outcome 'low'
    assert finished.current == "low"
    changed = engine.change(finished, "earnings", "300")
    assert changed.current == "tasks"  # never answered on this route: asked now
    assert changed.answers["start_date"] == dt.date(2026, 11, 2)


def test_change_refuses_a_step_not_taken(engine):
    with pytest.raises(AnswerError, match="not an earlier step"):
        engine.change(walk(engine, "no"), "earnings", "300")


def test_safeguarding_exit_from_any_step(engine):
    for answers in ((), ("yes",), ("yes", "2026-11-02")):
        state = engine.safeguarding(walk(engine, *answers))
        assert state.current == "worried"
        report = build_report(engine, state)
        assert [p["id"] for p in report["pages"]][0] == "recognising-and-reporting-abuse"


def test_calculator_refusal_is_an_answer_problem(engine):
    # money answers cannot be negative, so give the calculator a negative through a number question
    flow_text = MINI.replace("kind: money", "kind: number")
    other = Engine(load(flow_text), engine.rates, ON, calculate=double)
    state = walk(other, "yes", "2026-11-02")
    with pytest.raises(AnswerError, match="cannot be negative"):
        other.answer(state, "-1")


def test_values_round_trip_through_json():
    value = {"a": dt.date(2026, 4, 6), "b": Decimal("12.50"), "c": [True, "x"], "d": None}
    assert loads(dumps(value)) == value


# -- sessions: saved as they go --------------------------------------------------------------
def test_session_saves_each_answer_as_given(engine, store):
    session = Session.start(engine, store, "2026.11.0", label="test")
    session.answer("yes")
    session.answer("2026-11-02")
    record = store.get(session.id)
    assert load_state(record.state).answers == {"off_sick": True, "start_date": dt.date(2026, 11, 2)}
    events = store.events(session.id)
    assert [(e.kind, e.node) for e in events] == [("start", None), ("answer", "off_sick"), ("answer", "start_date")]
    assert loads(events[2].value) == dt.date(2026, 11, 2)
    assert record.flow_version == 1 and record.content_release == "2026.11.0"


def test_session_refused_answer_is_not_saved(engine, store):
    session = Session.start(engine, store, "r")
    session.answer("yes")
    with pytest.raises(AnswerError):
        session.answer("not a date")
    assert store.get(session.id).steps == 1
    assert session.current == "start_date"


def test_session_back_and_change_are_saved(engine, store):
    session = Session.start(engine, store, "r")
    for answer in ("yes", "2026-11-02", "300", []):
        session.answer(answer)
    assert session.finished and store.get(session.id).status == "finished"
    session.back()
    assert store.get(session.id).status == "active"
    session.change("off_sick", "no")
    resumed = Session.resume(engine, store, session.id, "r")
    assert resumed.current == "fine" and resumed.note is None
    assert [e.kind for e in store.events(session.id)][-2:] == ["back", "change"]


def test_resume_after_flow_change_with_path_still_valid(engine, store, rates):
    session = Session.start(engine, store, "r")
    session.answer("yes")
    session.answer("2026-11-02")
    newer = Engine(load(MINI.replace("version: 1", "version: 2")), rates, ON, calculate=double)
    resumed = Session.resume(newer, store, session.id, "r")
    assert resumed.current == "earnings"
    assert "still fit" in resumed.note
    assert store.get(session.id).flow_version == 2


def test_resume_after_flow_change_that_breaks_the_path_explains(engine, store, rates):
    session = Session.start(engine, store, "r")
    for answer in ("yes", "2026-11-02", "300"):
        session.answer(answer)
    text = MINI.replace("version: 1", "version: 2").replace(
        "      - {when: answers.off_sick, goto: start_date}", "      - {when: answers.off_sick, goto: earnings}"
    )
    newer = Engine(load(text), rates, ON, calculate=double)
    resumed = Session.resume(newer, store, session.id, "r")
    assert "changed (version 1 to 2)" in resumed.note
    # earnings still applies on the new route, so it is reused and the checklist is next
    assert resumed.current == "tasks"
    assert resumed.state.answers["earnings"] == Decimal("300")
    assert "start_date" not in resumed.state.answers


def test_resume_refuses_another_flows_session(engine, store, rates):
    from guidance.flows.session import SessionMismatch

    session = Session.start(engine, store, "r")
    other = Engine(load(MINI.replace("id: mini", "id: other")), rates, ON, calculate=double)
    with pytest.raises(SessionMismatch):
        Session.resume(other, store, session.id, "r")


RESTS = """
id: rests
title: Answers that rest on others
version: 1
audience: recipient
start: rate
safeguarding: worried
nodes:
  rate:
    type: question
    kind: money
    text: Hourly rate?
    examples: ["10.00"]
    next: hours
  hours:
    type: question
    kind: number
    text: Hours a week?
    examples: ["20"]
    next: cost
  cost:
    type: calculate
    calculator: double
    inputs: {amount: answers.rate}
    store: doubled
    next: fits
  fits:
    type: question
    kind: yes_no
    text: "Does {{ results.doubled.total | money }} fit your budget?"
    next: note
  note:
    type: question
    kind: text
    text: Anything else?
    examples: ["no"]
    next: done
  done:
    type: outcome
    title: Done
    text: Done.
  worried:
    type: outcome
    title: Safeguarding
    text: Call the council.
    pages: [recognising-and-reporting-abuse]
"""


@pytest.fixture
def rests(rates):
    return Engine(load(RESTS), rates, ON, calculate=double)


def test_which_answers_rest_on_which_is_read_from_the_flow():
    from guidance.flows.depends import dependants

    table = dependants(load(RESTS))
    assert table["rate"] == {"fits"}  # through the calculation its text shows
    assert table["hours"] == set() and table["fits"] == set()


def test_change_asks_again_only_the_answers_that_rest_on_it(rests):
    finished = walk(rests, "10.00", "20", "yes", "all fine")
    changed = rests.change(finished, "rate", "12.00")
    # the hours do not rest on the rate: re-used; the "yes" given to the old cost does: asked again
    assert changed.current == "fits" and changed.confirm == ["fits"]
    assert changed.answers["hours"] == Decimal("20") and changed.answers["fits"] is True
    assert changed.answers["note"] == "all fine"
    again = rests.answer(changed, "yes")
    assert again.confirm == []
    same = rests.change(finished, "rate", "10")  # the same amount: nothing to ask again
    assert same.current == "done" and same.confirm == []


def test_answers_to_confirm_are_saved_and_resumed(rests, store):
    session = Session.start(rests, store, "2026.1")
    for raw in ("10.00", "20", "yes", "all fine"):
        session.answer(raw)
    session.change("rate", "12.00")
    assert load_state(store.get(session.id).state).confirm == ["fits"]
    resumed = Session.resume(rests, store, session.id, "2026.1")
    assert resumed.current == "fits" and resumed.to_confirm()
    resumed.answer("yes")  # confirmed: on through the kept answers to where it was
    assert resumed.finished and resumed.state.answers["note"] == "all fine"


LISTED = RESTS.replace("""  hours:
    type: question
    kind: number
    text: Hours a week?
    examples: ["20"]""", """  hours:
    type: question
    kind: list
    list_of: dated-amounts
    text: Paydays and pay?
    examples: ["2026-10-30=1000; 2026-09-30=900.50"]""")


def test_a_list_question_reads_dated_amounts_and_keeps_them_exactly(rates, store):
    from guidance.flows.answers import display

    engine = Engine(load(LISTED), rates, ON, calculate=double)
    node = engine.node("hours")
    state = engine.answer(engine.start(), "10.00")
    with pytest.raises(AnswerError, match="item 2 amount"):
        engine.answer(state, "2026-10-30=1000; 2026-09-30=lots")
    taken = engine.answer(state, "2026-10-30=1000; 2026-09-30=900.50")
    value = taken.answers["hours"]
    assert value == ((dt.date(2026, 9, 30), Decimal("900.50")), (dt.date(2026, 10, 30), Decimal("1000")))
    assert display(node, value) == "30 September 2026 £900.50; 30 October 2026 £1,000.00"
    session = Session.start(engine, store, "2026.1")
    session.answer("10.00")
    session.answer("2026-10-30=1000; 2026-09-30=900.50")
    resumed = Session.resume(engine, store, session.id, "2026.1")
    assert resumed.current == "fits" and display(node, resumed.state.answers["hours"]) == display(node, value)


@pytest.mark.parametrize("extra, words", [
    ("    list_of: pounds\n", "'pounds' is not a kind of list"),
    ("", "a 'list' question needs list_of"),
])
def test_a_list_question_must_name_a_kind_of_list(extra, words):
    from guidance.flows.loader import parse_flow_text

    text = LISTED.replace("    list_of: dated-amounts\n", extra)
    problems = Problems()
    assert parse_flow_text(text, "listed.yaml", problems) is None or problems.items
    assert any(words in p.message for p in problems.items), [p.message for p in problems.items]
