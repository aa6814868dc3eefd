"""A search for one kind (``--kind letter``) searches that kind's own words, and says so when
it finds nothing.

A letter is written in the reader's words ("Money to pay back"): the officer's word ("surplus")
is in the id the results show and in what the officer fills in. So a guided help, calculator
or letter is found by its title, its description, its id's words and its field labels (a
guided help's step titles).
"""

from __future__ import annotations

import datetime as dt

import pytest

from guidance.search.kinds import KINDS, name_words
from guidance.search.searcher import nothing_found

from search_support import open_shipped

ON = dt.date(2026, 12, 1)


@pytest.fixture(scope="module")
def shipped(tmp_path_factory):
    yield from open_shipped(tmp_path_factory, ON)


def first_of(searcher, question: str, kind: str) -> list[str]:
    return [hit.id for hit in searcher.search(question, limit=3, kinds=(kind,)).hits]


@pytest.mark.parametrize("question, kind, wanted", [
    ("surplus", "letter", "dp-surplus-repayment"),                # the id's word
    ("money kept for emergencies", "letter", "dp-surplus-repayment"),  # a field label
    ("contribution paid in short", "letter", "dp-surplus-repayment"),  # a field label
    ("surplus", "flow", "dp_account_review"),
    ("hours per week", "calculator", "holiday"),                  # a field label
    ("tribunal", "calculator", "tribunal-deadline"),
])
def test_a_kind_filter_finds_the_kind_by_its_own_words(shipped, question, kind, wanted):
    assert first_of(shipped, question, kind)[:1] == [wanted]


def test_every_kind_alone_finds_something_for_a_word_of_its_own(shipped):
    for kind, question in {"page": "surplus", "flow": "surplus", "letter": "surplus", "calculator": "redundancy"}.items():
        assert shipped.search(question, kinds=(kind,)).hits, kind


def test_the_note_names_the_kind_asked_for(shipped):
    notes = shipped.search("zebra crossings", kinds=("letter",)).notes
    assert any(note.startswith("no letter matches") for note in notes), notes
    assert nothing_found(("calculator", "flow")) == "no guided help or calculator matches"
    assert nothing_found(("page",)) == "no page matches"
    assert nothing_found(None) == nothing_found(KINDS) == "nothing matches"


def test_an_id_is_searched_as_its_words():
    assert name_words("dp-surplus-repayment") == "dp surplus repayment"
    assert name_words("dp_account_review") == "dp account review"
