"""Who is who in a question: a family word or "my employer" says who asks or who gets the
support, not what is asked.

- "mum", "son", "husband"... map to the pages on employing a relative, but in "stop mum's
  direct payments" or "my son's carer" the relative gets the support: the word is then a
  circumstance (weighed as a frame word), and the pages on employing family do not rise for it;
- "my employer" is said by a PA: the pages on being an employer do not answer "my employer
  hasn't paid me".

And a last word typed in full in the app ("what is a PA") is searched as that word: the longer
words it begins ("pay", "PAYE") find the pages lacking it, and add nothing where it is.
"""

from __future__ import annotations

import datetime as dt

import pytest

from guidance.search.query import build_query

from search_support import open_shipped, page_ids

ON = dt.date(2026, 12, 1)


@pytest.fixture(scope="module")
def shipped(tmp_path_factory):
    yield from open_shipped(tmp_path_factory, ON)


def concept(searcher, question: str, label: str):
    query = build_query(question, searcher.vocabulary, searcher.synonyms)
    return next(c for c in query.concepts if c.label == label)


@pytest.mark.parametrize("question, word", [
    ("Can they legally stop mums direct payments?", "mums"),
    ("My son's carer is off sick", "son"),
    ("my dad gets direct payments", "dad"),
])
def test_a_relative_who_gets_the_support_is_a_circumstance(shipped, question, word):
    found = concept(shipped, question, word)
    assert found.frame and all(a.boost == 1.0 for a in found.alternatives)


def test_a_relative_who_may_be_the_pa_still_means_employing_family(shipped):
    found = concept(shipped, "can I pay my mum to care for me", "mum")
    assert not found.frame and len(found.alternatives) > 1
    assert page_ids(shipped, "can I pay my mum to be my PA", 3)[0] in ("paying-family-in-your-household", "employing-family-and-friends")


def test_stopping_a_relatives_direct_payments_is_about_direct_payments_stopping(shipped):
    found = page_ids(shipped, "Can they legally stop mums direct payments?", 3)
    assert found[0] == "ending-direct-payments"
    assert "employing-family-and-friends" not in found


def test_my_employer_is_who_a_pa_means_not_the_subject(shipped):
    assert concept(shipped, "my employer hasn't paid me", "employer").frame
    assert not concept(shipped, "the employer hasn't paid the PA", "employer").frame
    found = page_ids(shipped, "my employer hasn't paid me", 3)
    assert not {"employer-national-insurance", "becoming-an-employer", "employers-liability-insurance"} & set(found)


def test_a_last_word_typed_in_full_is_searched_as_typed(shipped):
    typed = shipped.search("what is a PA", limit=3, kinds=("page",), as_you_type=True).ids
    assert typed[0] == "working-as-a-pa"
    assert typed[0] == page_ids(shipped, "what is a PA", 1)[0]
