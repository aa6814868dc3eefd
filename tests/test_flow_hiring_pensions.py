"""The hiring flow's pension step follows the PA's category in the Pensions Act 2008, as the
employer cost calculator works it out: enrol an eligible jobholder (s.3); tell a non-eligible
jobholder (under 22, over State Pension age, or paid over the qualifying earnings lower limit but
not over the trigger) that they can opt in, and that the employer must then enrol them and pay in
(s.7); tell an entitled worker (paid the lower limit or less) that they can ask to join, with no
employer contribution due (s.9); and nothing for a PA aged 75 or over, who is not a jobholder
(s.1). A PA over State Pension age was told to be enrolled, as if only 22 and the trigger
counted."""

from __future__ import annotations

import datetime as dt

import pytest

from guidance.content.base import ContentBase
from guidance.flows.engine import Engine
from guidance.flows.loader import load_flows
from guidance.problems import Problems

from search_support import REPO_ROOT

ON = dt.date(2026, 12, 3)
PENSION_ITEMS = {"pension-enrol", "pension-tell", "pension-join"}


@pytest.fixture(scope="module")
def engine():
    base = ContentBase.load(REPO_ROOT)
    problems = Problems()
    flows = load_flows(REPO_ROOT, problems)
    assert not problems.errors, [str(p) for p in problems.errors]
    return Engine(flows["hiring_a_pa"].flow, base.rates, ON)


def _setup(engine, age: str, hours: str):
    state = engine.start()
    # intro, route, family, age, hourly rate, hours, cost summary, budget fits, recruitment,
    # checks, insurance, payroll
    for answer in ["", "employ", "no", age, "12.71", hours, "", "yes", "", "", "yes", "service"]:
        state = engine.answer(state, answer)
    assert state.trail[-1] == "employer_setup"
    return state


@pytest.mark.parametrize("age, hours, item", [
    ("30", "20", "pension-enrol"),   # £13,218.40 a year: over the £10,000 trigger
    ("70", "20", "pension-tell"),    # over State Pension age: can opt in, the employer pays in
    ("19", "20", "pension-tell"),    # under 22
    ("30", "14", "pension-tell"),    # £9,252.88: over the £6,240 lower limit, not over the trigger
    ("30", "9", "pension-join"),     # £5,948.28: can ask to join, nothing due from the employer
    ("17", "5", "pension-join"),
    ("80", "20", None),              # not a jobholder
])
def test_the_pension_item_fits_the_pa(engine, age, hours, item):
    items = set(engine.applicable_items("employer_setup", _setup(engine, age, hours))) & PENSION_ITEMS
    assert items == ({item} if item else set())


def test_the_opt_in_item_says_the_employer_pays_in_and_the_join_item_says_not(engine):
    node = engine.flow.nodes["employer_setup"]
    texts = {item.id: item.text for item in node.items}
    assert "opt in" in texts["pension-tell"] and "must enrol them and pay in" in texts["pension-tell"]
    assert "ask to join" in texts["pension-join"] and "do not have to pay in" in texts["pension-join"]
