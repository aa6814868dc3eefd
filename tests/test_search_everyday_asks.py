"""Everyday ways of asking that reached pages using one of their words rather than the page that
answers (held on the shipped content). Each case is worded afresh, not a benchmark question:

- being paid to care for a relative, and who may work for you, said in family words;
- paying "someone to help" rather than employing a PA;
- short general questions about direct payments: what they pay for, why choose one, how much
  control, how to ask, help to manage, stopping them, paying for care;
- the same caller phrase in another person or number ("use them for", "who can you employ");
- fewer hours in other words than the pages' "cut" and "reduce" ("decrease");
- money owed to a PA who has left, not money owed back to the council;
- putting off (postponing) enrolment, paying a PA's tax (PAYE, not the tax code), an "easy way"
  (a frame, not what is asked) and setting up a direct payment (asking for one).
"""

from __future__ import annotations

import datetime as dt

import pytest

from search_support import open_shipped, page_ids

ON = dt.date(2026, 12, 3)


@pytest.fixture(scope="module")
def shipped(tmp_path_factory):
    yield from open_shipped(tmp_path_factory, ON)


@pytest.mark.parametrize("question, answers", [
    ("Can my dad pay me to look after him?", {"employing-family-and-friends", "paying-family-in-your-household"}),
    ("Is it possible to get paid for caring for my nan?", {"employing-family-and-friends", "paying-family-in-your-household"}),
    ("Who could work for me?", {"employing-family-and-friends"}),
    ("Who can we have work for us?", {"employing-family-and-friends"}),
    ("I'm paying someone to help me at home, what does that involve?", {"becoming-an-employer"}),
    ("What things can be paid for?", {"what-you-can-spend-it-on"}),
    ("What can direct payments be used for and how do they work?", {"what-you-can-spend-it-on", "what-are-direct-payments"}),
    ("Why would we use direct payments?", {"what-are-direct-payments"}),
    ("How much say and control do I get?", {"what-are-direct-payments"}),
    ("How can I apply for direct payments?", {"what-are-direct-payments", "who-can-get-direct-payments"}),
    ("Is there help with managing direct payments?", {"direct-payment-support-services"}),
    ("We don't want to continue with direct payments", {"ending-direct-payments"}),
    ("Would I have to pay for care?", {"your-contribution"}),
    ("How do I lower my support worker's hours?", {"probation-and-changing-terms"}),
    ("I need to decrease my PA's weekly hours", {"probation-and-changing-terms"}),
    ("My support worker has gone and tells me I owe him money", {"notice-and-final-pay"}),
    ("my PA says I owe her money after she left", {"notice-and-final-pay"}),
    ("the council says I owe them money from my direct payment", {"when-the-council-asks-for-money-back", "surplus-and-clawback"}),
    ("can I put off auto enrolment for my new carer", {"postponing-automatic-enrolment"}),
    ("how do I pay my PA's tax", {"paye-and-rti", "payroll-services"}),
    ("is there an easy way to do payroll", {"payroll-services"}),
    ("how do I set up direct payments", {"what-are-direct-payments", "who-can-get-direct-payments"}),
])
def test_an_everyday_question_finds_the_page_that_answers_first(shipped, question, answers):
    assert page_ids(shipped, question)[0] in answers
