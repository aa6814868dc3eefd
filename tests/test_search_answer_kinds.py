"""Kinds of question whose answering page was not on top, held in the right order on the shipped
content. Each case is worded afresh (not a benchmark question), so it tests the kind, not a case.

- everyday verbs: "receive", "withdraw", "can't come in", "on leave" reach the page's words;
- joining words ("whilst", "because") never decide which page answers.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from guidance.content.base import ContentBase
from guidance.search import Searcher
from guidance.search.analysis import words
from guidance.search.documents import ContentSource
from guidance.search.store import IndexStore
from guidance.search.synonyms import load_synonyms

REPO = Path(__file__).resolve().parents[1]
ON = dt.date(2026, 12, 1)


@pytest.fixture(scope="module")
def shipped(tmp_path_factory):
    base = ContentBase.load(REPO, use_cache=False)
    store = IndexStore(tmp_path_factory.mktemp("shipped-index"))
    with Searcher.from_source(ContentSource(base, ON), load_synonyms(base.content_dir), store) as opened:
        yield opened


def page_ids(searcher, question: str, limit: int = 10) -> list[str]:
    return searcher.search(question, limit=limit, kinds=("page",)).ids


# -- everyday verbs ---------------------------------------------------------------------------


@pytest.mark.parametrize("question", [
    "Who is allowed to receive direct payments?",
    "Can I receive direct payments if I live alone?",
])
def test_receiving_a_direct_payment_is_about_who_can_get_one(shipped, question):
    top = page_ids(shipped, question)
    assert top[0] == "who-can-get-direct-payments"
    # "receive" is not the tribunal claim form a PA's employer receives.
    assert "tribunal-claim-received" not in top[:3]


@pytest.mark.parametrize("question", [
    "Can the council terminate direct payments?",
    "Why did the council withdraw my direct payments?",
])
def test_other_words_for_ending_a_direct_payment_find_the_page_on_it(shipped, question):
    assert page_ids(shipped, question)[0] == "ending-direct-payments"


def test_how_the_money_reaches_the_person_finds_the_account_pages(shipped):
    top = page_ids(shipped, "How will I receive the money?")[:3]
    assert "direct-payment-account" in top and "prepaid-cards-and-managed-accounts" in top


@pytest.mark.parametrize("question", [
    "My carer can't come in because of the snow",
    "Who looks after me if my PA didn't turn up?",
    "Who covers my care when my PA is on leave?",
])
def test_a_pa_who_cannot_come_in_finds_the_back_up_plan_not_the_reserve_of_money(shipped, question):
    top = page_ids(shipped, question)
    assert top[0] == "contingency-plans"


def test_taking_leave_is_holiday(shipped):
    assert page_ids(shipped, "Can my PA take leave in her first month?")[0].startswith("holiday")


# -- joining words -----------------------------------------------------------------------------


def test_joining_words_are_not_searched():
    assert words("whilst she is away because of the snow, although not for long") == ["away", "snow", "long"]
