"""Callers' questions that no page answered: each is now answered by a page or a section, and
search puts that page in the top three. Each question is worded afresh (not one of the page's
own ``questions:``), and each case names the pages that answer it and words the answer must
contain, so a page that only shares the subject does not pass.
"""

from __future__ import annotations

import datetime as dt

import pytest

from guidance.content.base import ContentBase

from search_support import REPO_ROOT, open_shipped, page_ids

ON = dt.date(2026, 12, 3)


@pytest.fixture(scope="module")
def shipped(tmp_path_factory):
    yield from open_shipped(tmp_path_factory, ON)


@pytest.fixture(scope="module")
def base():
    return ContentBase.load(REPO_ROOT, use_cache=False)


CASES = [
    ("My PA has offered to look after my little boy at her house, does she need to register?",
     ("health-and-safety-at-home", "does-a-pa-need-to-be-registered"), "register with Ofsted"),
    ("My care has been disrupted but the council keeps paying, what happens to my PA's wages?",
     "council-suspends-direct-payment", "payments carry on"),
    ("My carer invoices me as self-employed, must I enrol her in a pension?",
     "workplace-pensions", "genuinely self-employed"),
    ("Can continuing healthcare be given in a hospice?",
     "nhs-continuing-healthcare", "in a hospice"),
    ("My husband gets CHC at home, can I get a break from caring?",
     "nhs-continuing-healthcare", "carer's assessment"),
    ("The agency keeps missing visits but still bills me for them",
     "using-a-care-agency", "Check every invoice"),
    ("What is a micro provider and what should I check before using one?",
     "micro-providers", "genuinely self-employed"),
    ("My personal assistant passed away, what happens to the wages I owe her?",
     "when-your-pa-dies", "personal representative"),
    ("Do I send a P45 for a carer who has died?",
     "when-your-pa-dies", "do not produce a P45"),
    ("Can I hold off putting a new PA into the pension scheme?",
     "postponing-automatic-enrolment", "deferral date"),
    ("My PA asked to join the pension while I have postponed it, what now?",
     "postponing-automatic-enrolment", "This overrides your"),
    ("Do I have to pay my carer for extra hours or can I give her time back?",
     "time-off-in-lieu", "no legal right to extra pay for overtime"),
    ("My PA is on minimum wage, can her extra hours be taken as TOIL?",
     "time-off-in-lieu", "pay for the extra hours instead of giving TOIL"),
    ("Can I count lieu days as part of my PA's annual leave?",
     "time-off-in-lieu", "Do not count TOIL days"),
    ("Will my mother be charged for the reablement carers after hospital?",
     "reablement-and-intermediate-care", "must not charge"),
    ("Can the reablement team be paid through my direct payment?",
     "reablement-and-intermediate-care", "not usually given as a direct payment"),
    ("What happens when my free reablement finishes?",
     "reablement-and-intermediate-care", "needs assessment"),
]


def answering_pages(answer) -> tuple[str, ...]:
    """The ids of the pages that answer a case: one id or several."""
    return (answer,) if isinstance(answer, str) else tuple(answer)


@pytest.mark.parametrize("question, answer, words", CASES)
def test_every_answering_page_says_the_answer(base, question, answer, words):
    for page_id in answering_pages(answer):
        assert words.lower() in base.pages[page_id].body.lower(), page_id


@pytest.mark.parametrize("question, answer, words", CASES)
def test_a_page_in_the_top_three_says_the_answer(base, shipped, question, answer, words):
    top = page_ids(shipped, question)[:3]
    saying = [page_id for page_id in top if page_id in answering_pages(answer)
              and words.lower() in base.pages[page_id].body.lower()]
    assert saying, top


@pytest.mark.parametrize("question, answer", [
    ("What happens to my carers when I die?", "employer-dies"),
    ("Who will pay my PA after I die?", "employer-dies"),
    ("My PA died last night, what do I do?", "when-your-pa-dies"),
    ("Our carer has passed away, who gets her last wages?", "when-your-pa-dies"),
])
def test_whose_death_is_asked_about_decides_the_page(shipped, question, answer):
    # "when I die" is the employer's death; "my PA died" is the PA's: two pages, never swapped.
    assert page_ids(shipped, question)[0] == answer


@pytest.mark.parametrize("page_id, figure, shown", [
    ("postponing-automatic-enrolment", "auto_enrolment_postponement_max_months", "3 months"),
    ("workplace-pensions", "auto_enrolment_postponement_max_months", "3 months"),
    ("reablement-and-intermediate-care", "reablement_free_weeks", "6 weeks"),
    ("employer-in-hospital", "reablement_free_weeks", "6 weeks"),
])
def test_a_legal_time_limit_comes_from_the_rates(base, page_id, figure, shown):
    # The postponement period and the free reablement weeks are figures in the rates file, so a
    # change in the law is one new period, not an edit to every page that quotes them.
    page = base.page(page_id)
    assert f'rate("{figure}")' in page.body
    assert shown in base.render_body(page, ON)
