"""A question asking what a thing IS ("What is a direct payment and can I employ my own carer?")
puts the page explaining that thing first when search found it near the top, even when the
thing is a domain word on most pages; a question where the domain word is only context ("What
is the minimum wage for a PA?") names another subject and keeps its order."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

import pytest

from guidance.search.analysis import stem
from guidance.search.definitions import DEFINITION_REACH, asked_subjects, explaining_page_first, explains

from search_support import open_shipped, page_ids

DOMAIN = {"dp", "pa"}


def is_domain(stem_: str) -> bool:
    return stem_ in DOMAIN


def stems(*words: str) -> frozenset[str]:
    return frozenset(stem(w) for w in words)


def ranked(*titles):
    return [SimpleNamespace(name=f"p{n}", doc=SimpleNamespace(title=t, kind="page")) for n, t in enumerate(titles)]


@pytest.mark.parametrize("question, subject", [
    ("What is a direct payment and can I employ my own carer?", {"dp"}),
    ("What is Direct Payment? How can I access it?", {"dp"}),
    ("what's TUPE", stems("tupe")),
    ("What are personal health budgets, and who can have one?", stems("personal", "health", "budgets")),
    ("What does holiday entitlement mean?", stems("holiday", "entitlement")),
])
def test_the_thing_asked_about_is_read_from_the_question(question, subject):
    assert subject in asked_subjects(question)


@pytest.mark.parametrize("question", [
    "What is the cost to me?",
    "What are direct payments for?",
    "What do I need to think about if I am paying someone?",
    "How do I pay my PA?",
    "What is the best way to pay my PA if she works different hours every week and is paid late?",
])
def test_questions_not_asking_what_a_thing_is_name_no_subject(question):
    assert asked_subjects(question) == ()


def test_a_title_explains_its_subject_give_or_take_domain_words():
    assert explains("What direct payments are", frozenset({"dp"}), is_domain)
    assert explains("Holiday entitlement for PAs", stems("holiday", "entitlement"), is_domain)
    assert explains("Statutory Sick Pay (SSP)", stems("ssp"), is_domain)
    assert explains("Switching between your own PAs and an agency: TUPE", stems("tupe"), is_domain)
    assert not explains("Your direct payment bank account", frozenset({"dp"}), is_domain)
    assert not explains("Minimum wage for personal assistants", frozenset({"pa"}), is_domain)
    assert not explains("Financial abuse and direct payments", frozenset({"dp"}), is_domain)
    assert not explains("Who can get direct payments", frozenset({"dp"}), is_domain)
    assert not explains("What a direct payment support service does", frozenset({"dp"}), lambda s: s in DOMAIN | stems("support", "service"))


def test_the_page_explaining_the_subject_comes_first_the_rest_keep_their_order():
    results = ranked("Becoming an employer", "Employing a relative", "What direct payments are", "Who can get direct payments")
    first = explaining_page_first("What is a direct payment and can I employ my own carer?", results, is_domain)
    assert [r.name for r in first] == ["p2", "p0", "p1", "p3"]


def test_only_near_the_top_and_only_for_a_question_asking_what_a_thing_is():
    far = ranked(*(["Becoming an employer"] * DEFINITION_REACH), "What direct payments are")
    assert explaining_page_first("What is a direct payment?", far, is_domain) == far
    results = ranked("Becoming an employer", "What direct payments are")
    assert explaining_page_first("Can I employ my own carer with a direct payment?", results, is_domain) == results


@pytest.fixture(scope="module")
def shipped(tmp_path_factory):
    yield from open_shipped(tmp_path_factory, dt.date(2026, 12, 3))


@pytest.mark.parametrize("question, answer", [
    ("What is a direct payment, and can I pay my own carer with it?", "what-are-direct-payments"),
    ("What is a direct payment? How can I access direct payments?", "what-are-direct-payments"),
])
def test_shipped_a_question_asking_what_a_thing_is_finds_the_page_explaining_it_first(shipped, question, answer):
    assert page_ids(shipped, question, 3)[0] == answer


@pytest.mark.parametrize("question, answer", [
    ("What is the minimum wage for a PA?", "minimum-wage"),
    ("What is the holiday entitlement for a PA?", "holiday-entitlement"),
])
def test_shipped_a_domain_word_as_context_keeps_the_page_on_what_is_asked_first(shipped, question, answer):
    assert page_ids(shipped, question, 3)[0] == answer
