"""Irregular word forms ("spent", "paid", "left", "children") match their base forms, as regular
forms ("charged", "charges") do through the stemmer; and a verb's particle said apart from it
("let my carer go") still makes the caller phrase ("let go").

The forms come from a lemma table (``word_forms``, made from LemmInflect's): the stemmer folds
only regular endings. The form typed stays the surer sign, its other forms a little below it.
"""

from __future__ import annotations

import pytest

from guidance.problems import Problems
from guidance.search import Searcher
from guidance.search.analysis import other_forms, stem
from guidance.search.query import FORM_BOOST, build_query
from guidance.search.spelling import Vocabulary
from guidance.search.store import IndexStore
from guidance.search.synonyms import parse_synonyms
from guidance.search.word_forms import IRREGULAR

from search_support import ListSource, page


@pytest.mark.parametrize("form, base", [
    ("spent", "spend"), ("paid", "pay"), ("sold", "sell"), ("brought", "bring"),
    ("taken", "take"), ("given", "give"), ("owed", "owe"), ("children", "child"), ("wives", "wife"),
])
def test_an_irregular_form_is_searched_with_its_base_and_the_base_with_it(form, base):
    assert stem(form) == stem(base) or stem(base) in other_forms(form)
    assert stem(form) == stem(base) or stem(form) in other_forms(base)


def test_a_word_that_is_a_base_form_of_its_own_is_not_taken_for_another():
    # "found" (to found), "ground", "saw" and "lives" (life or live) keep their own meaning.
    for word in ("found", "ground", "saw", "lives", "data"):
        assert word not in IRREGULAR
    assert other_forms("holiday") == ()


def test_the_form_typed_counts_in_full_and_its_other_forms_a_little_less():
    query = build_query("money spent", Vocabulary({}), parse_synonyms("", "synonyms.yaml", Problems()))
    spent = next(c for c in query.concepts if c.label == "spent")
    assert [(a.stems, a.boost) for a in spent.alternatives] == [(("spent",), 1.0), (("spend",), FORM_BOOST)]


def docs():
    return [
        page("spending", "What you can spend it on", "Spend the money on the care in your plan."),
        page("sales", "Selling equipment", "Equipment bought with the money may be sold back."),
        page("leavers", "When a PA leaves", "A PA who leaves is owed their final pay."),
        page("notice", "Notice periods", "How much notice to give when you dismiss a PA."),
        page("dismissal", "Dismissing a PA", "Dismiss a PA fairly."),
        *(page(f"other{n}", f"Pensions {n}", "Nothing about any of it.") for n in range(6)),
    ]


@pytest.fixture
def opened(tmp_path):
    synonyms = parse_synonyms("let go: [dismiss, dismissal]\n", "synonyms.yaml", Problems())
    with Searcher.from_source(ListSource(docs()), synonyms, IndexStore(tmp_path / "index")) as searcher:
        yield searcher


@pytest.mark.parametrize("question, first", [
    ("what can the money be spent on", "spending"),
    ("my PA left", "leavers"),
])
def test_a_question_in_an_irregular_form_finds_the_page_in_the_base_form(opened, question, first):
    assert opened.search(question, limit=3).ids[:1] == [first]


def test_a_particle_said_apart_from_its_verb_still_makes_the_caller_phrase(opened):
    query = build_query("let my new carer go", opened.vocabulary, opened.synonyms)
    assert [c.label for c in query.concepts][:1] == ["let … go"]
    assert "new" in [c.label for c in query.concepts]  # the words between keep their meaning
    assert opened.search("let my new carer go", limit=3).ids[:1] == ["dismissal"]
