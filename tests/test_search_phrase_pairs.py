"""A caller phrase of three words or more that says in other words what the pages say ("no
longer need" -> "end", "stop") is searched as the phrase in its concept, and its words are not
counted again as neighbouring pairs: a page using the phrase in another sense ("no longer need
my carer" on the redundancy page) no longer outscores the page about what it asks. A name of two
words ("bank holiday") keeps its pair: there the words side by side are the evidence."""

from __future__ import annotations

import datetime as dt

import pytest

from guidance.problems import Problems
from guidance.search.analysis import stem
from guidance.search.query import build_query
from guidance.search.spelling import Vocabulary
from guidance.search.synonyms import parse_synonyms

from search_support import open_shipped, page_ids

SYNONYMS = """\
no longer need: [end, stop]
care package has been reduced: [review, reassessment]
bank holiday: holiday
annual leave: holiday
"""


@pytest.fixture(scope="module")
def synonyms():
    return parse_synonyms(SYNONYMS, "synonyms.yaml", Problems())


def pairs(typed, synonyms):
    return build_query(typed, Vocabulary({}), synonyms, correct=False).pairs


def test_a_situation_said_in_other_words_is_not_counted_again_as_pairs(synonyms):
    # Nor with the word beside the phrase: "need services" is the phrase's word, not the pages'.
    assert pairs("what if I no longer need services", synonyms) == []
    assert pairs("what if I no longer need my carer's services", synonyms) == [("carer", "servic")]
    assert ("care", "packag") not in pairs("my needs are the same but my care package has been reduced", synonyms)


def test_a_name_of_two_words_keeps_its_pair(synonyms):
    assert ("bank", "holidai") in pairs("how do I deal with bank holidays", synonyms)
    assert ("annual", stem("leave")) in pairs("annual leave", synonyms)


def test_words_far_apart_in_the_question_make_no_pair(synonyms):
    assert ("holidai", "pai") not in pairs("how much holiday do I have to pay my staff", synonyms)
    assert ("holidai", "pai") in pairs("how much holiday pay", synonyms)
    assert ("right", "work") in pairs("does my PA have the right to work here", synonyms)
    assert ("end", "year") in pairs("holiday left at the end of the year", synonyms)


@pytest.fixture(scope="module")
def shipped(tmp_path_factory):
    yield from open_shipped(tmp_path_factory, dt.date(2026, 12, 3))


@pytest.mark.parametrize("question, answer", [
    ("My needs have not changed but my care package has been reduced, what can I do?", "direct-payment-reviews"),
    ("What happens if I no longer need my direct payments?", "ending-direct-payments"),
])
def test_shipped_a_situation_mentioned_in_passing_does_not_beat_the_page_about_it(shipped, question, answer):
    assert page_ids(shipped, question, 3)[0] == answer
