"""A caller's question that a page lists among its own ``questions:`` nearly word for word puts
that page first, when search found it among the first few: the team wrote the question there as
one that page answers. "Nearly" keeps the question words: "why use direct payments" is not "what
can I use direct payments for"."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

import pytest

from guidance.search.searcher import QUESTION_REACH, asked_as_written_first

from search_support import open_shipped, page_ids


def ranked(*questions_by_page):
    return [SimpleNamespace(name=f"p{n}", doc=SimpleNamespace(questions=list(qs))) for n, qs in enumerate(questions_by_page)]


def names(results):
    return [r.name for r in results]


def test_a_page_listing_the_question_comes_first():
    results = ranked([], ["Can I pay my PA in cash?"], ["How do direct payments work?"])
    assert names(asked_as_written_first("How do direct payments work", results)) == ["p2", "p0", "p1"]


def test_the_question_words_count():
    results = ranked([], ["What should I use direct payments for?"])
    assert names(asked_as_written_first("Why should I use direct payments?", results)) == ["p0", "p1"]
    results = ranked([], ["Should I be employed or self-employed as a PA?"])
    assert names(asked_as_written_first("Is your personal assistant employed or self-employed?", results)) == ["p0", "p1"]


def test_equivalents_and_little_words_do_not_count():
    results = ranked([], ["Does my PA need a DBS check?"])
    assert names(asked_as_written_first("does my personal assistant need the DBS check", results)) == ["p1", "p0"]


def test_only_the_first_few_and_only_questions_of_three_words_or_more():
    far = ranked(*([[]] * QUESTION_REACH), ["How do direct payments work?"])
    assert names(asked_as_written_first("How do direct payments work?", far)) == names(far)
    results = ranked([], ["Holiday pay?"])
    assert names(asked_as_written_first("holiday pay", results)) == ["p0", "p1"]


def test_the_nearest_question_wins_and_the_rest_keep_their_order():
    results = ranked([], ["How do direct payments work for carers?"], ["How do direct payments work?"], [])
    assert names(asked_as_written_first("How do direct payments work?", results)) == ["p2", "p0", "p1", "p3"]


@pytest.fixture(scope="module")
def shipped(tmp_path_factory):
    yield from open_shipped(tmp_path_factory, dt.date(2026, 12, 3))


def test_shipped_a_listed_question_finds_its_page_first_whatever_the_limit(shipped):
    question = "How do direct payments work?"
    assert page_ids(shipped, question, 1) == ["what-are-direct-payments"]
    assert page_ids(shipped, question, 10)[0] == "what-are-direct-payments"
