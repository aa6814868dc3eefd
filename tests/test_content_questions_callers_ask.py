"""The pages callers need most, whose ``questions:`` lists were shortest, list at least nine ways
callers ask for what they answer (written afresh from public council, charity, payroll and NHS
FAQs, in callers' own words), and each question a page lists finds that page first.
"""

from __future__ import annotations

import datetime as dt

import pytest

from guidance.content.base import ContentBase

from search_support import REPO_ROOT, open_shipped, page_ids

ON = dt.date(2026, 12, 4)

#: The pages with the fewest listed questions among employing a PA, pay, tax, pensions, the
#: direct payment's rules, money back and account statements.
PAGES = [
    "paid-relative-managing-the-money", "care-and-support-plan", "working-as-a-pa",
    "tupe-moving-to-or-from-an-agency", "council-suspends-direct-payment", "how-often-to-pay-your-pa",
    "council-approval-of-your-pa", "young-pas-under-18", "family-and-your-pas", "when-your-pa-dies",
    "working-hours-breaks-and-nights", "pa-tax-codes-and-second-jobs", "does-a-pa-need-to-be-registered",
    "true-cost-of-employing", "what-account-monitoring-checks", "time-off-in-lieu",
    "postponing-automatic-enrolment", "sending-your-statements", "employer-national-insurance",
    "paying-your-pa",
]


@pytest.fixture(scope="module")
def base():
    return ContentBase.load(REPO_ROOT, use_cache=False)


@pytest.fixture(scope="module")
def shipped(tmp_path_factory):
    yield from open_shipped(tmp_path_factory, ON)


@pytest.mark.parametrize("page_id", PAGES)
def test_the_page_lists_enough_ways_callers_ask(base, page_id):
    questions = base.page(page_id).meta.questions
    assert len(questions) >= 9, f"{page_id} lists {len(questions)} questions"
    assert len({q.lower() for q in questions}) == len(questions), f"{page_id} lists a question twice"


@pytest.mark.parametrize("page_id", PAGES)
def test_each_listed_question_finds_its_page_first(base, shipped, page_id):
    missed = {q: page_ids(shipped, q, 5) for q in base.page(page_id).meta.questions
              if page_ids(shipped, q, 5)[:1] != [page_id]}
    assert not missed, f"{page_id}: questions that do not find it first: {missed}"


@pytest.mark.parametrize("question", ["What is a PA?", "what is a personal assistant", "What's a PA?"])
def test_asking_what_a_pa_is_finds_the_pas_own_page(shipped, question):
    # The page on working as a PA grew a section on pensions; its title names what it explains, so
    # a longer page still comes first for the question it answers in its first section.
    assert page_ids(shipped, question, 3)[0] == "working-as-a-pa"
