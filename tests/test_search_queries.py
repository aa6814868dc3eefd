"""What officers type: typos, caller words, phrases, filters, half-typed words and junk."""

from __future__ import annotations

import pytest

from guidance.content.base import ContentBase
from guidance.search import MARK_OPEN, Searcher, split_marked
from guidance.search.spelling import Vocabulary, edit_distance
from search_support import ON, make_root


@pytest.fixture(scope="module")
def searcher(tmp_path_factory):
    root = make_root(tmp_path_factory.mktemp("q") / "root")
    with Searcher.open(ContentBase.load(root, use_cache=False), ON) as opened:
        yield opened


@pytest.fixture(scope="module")
def plain_searcher(tmp_path_factory):
    """The same pages without a synonyms file."""
    root = make_root(tmp_path_factory.mktemp("p") / "root", synonyms=None)
    with Searcher.open(ContentBase.load(root, use_cache=False), ON) as opened:
        yield opened


@pytest.mark.parametrize(
    "typed, corrected, top",
    [
        ("hoilday pay irregualr", "holiday pay irregular", "holiday-irregular-hours"),
        ("dbs umbrela", "dbs umbrella", "dbs-checks"),
        ("dismisal notice", "dismissal notice", "dismissing-a-pa"),
        ("statutary sick pay", "statutory sick pay", "sick-pay"),
        ("sik pay", "sick pay", "sick-pay"),
    ],
)
def test_typos_are_corrected_and_said(searcher, typed, corrected, top):
    results = searcher.search(typed)
    assert results.ids[0] == top
    assert results.suggestion == corrected


def test_correctly_spelt_queries_get_no_suggestion(searcher):
    assert searcher.search("holiday pay").suggestion is None


def test_short_words_are_corrected_only_by_a_dropped_letter_or_a_swap():
    vocabulary = Vocabulary({"pay": 3, "day": 2, "holiday": 1, "sick": 4, "six": 1, "era": 2})
    assert vocabulary.correct("pya") == "pay"  # two neighbours swapped
    assert vocabulary.correct("sik") == "sick"  # a letter left out
    assert vocabulary.correct("ypa") is None  # not the same first letter
    assert vocabulary.correct("eja") is None  # a changed letter: as likely another word
    assert vocabulary.correct("pa") is None  # two letters: never
    assert vocabulary.correct("holidya") == "holiday"
    assert edit_distance("holidya", "holiday") == 1


def test_a_word_in_another_form_is_known_not_corrected():
    assert Vocabulary({"dismiss": 1, "dismay": 1}).correct("dismissed") is None


@pytest.mark.parametrize("typed, top", [("sack my carer", "dismissing-a-pa"), ("sacked", "dismissing-a-pa"), ("off sick", "sick-pay")])
def test_caller_words_find_pages_through_synonyms(searcher, plain_searcher, typed, top):
    assert searcher.search(typed).ids[0] == top


def test_without_the_synonyms_file_caller_words_find_nothing(plain_searcher):
    assert "dismissing-a-pa" not in plain_searcher.search("sack").ids


def test_a_phrase_must_match_as_a_phrase(searcher):
    # "sick" and "pay" both appear on the minimum wage page, but not side by side.
    assert "minimum-wage" in searcher.search("sick pay").ids
    assert searcher.search('"sick pay"').ids == ["sick-pay"]


def test_a_phrase_nowhere_falls_back_to_its_words(searcher):
    ids = searcher.search('"umbrella holiday"').ids
    assert "dbs-checks" in ids and "holiday-entitlement" in ids


def test_not_every_word_must_match_but_more_matches_rank_higher(searcher):
    ids = searcher.search("holiday irregular notice").ids
    assert ids[0] == "holiday-irregular-hours"
    assert "dismissing-a-pa" in ids


def test_filters_by_audience_and_area(searcher):
    officer = searcher.search("pa", audience="officer", limit=50)
    assert officer.ids and all("officer" in hit.audience for hit in officer)
    assert "dbs-checks" not in officer.ids  # recipient only
    assert searcher.search("direct payment council", area="employment").ids == [] or all(h.area == "employment" for h in searcher.search("direct payment council", area="employment"))
    assert searcher.search("council", area="care_act").ids == ["what-are-direct-payments"]
    assert searcher.search("council", area="no_such_area").ids == []
    with pytest.raises(ValueError):
        searcher.search("pay", audience="everyone")


def test_limit_is_respected(searcher):
    assert len(searcher.search("pa", limit=2)) == 2
    assert len(searcher.search("pa", limit=0)) == 1


def test_snippet_is_the_answering_sentence_with_the_words_marked(searcher):
    hit = searcher.search("umbrella body fewer checks")[0]
    assert hit.snippet.startswith("An ") and f"{MARK_OPEN}umbrella" in hit.snippet
    pieces = split_marked(hit.snippet)
    assert ("umbrella", True) in pieces and ("fewer", True) in pieces
    assert "".join(text for text, _ in pieces) == hit.snippet.replace(MARK_OPEN, "")


def test_as_you_type_treats_the_last_word_as_unfinished(searcher):
    assert searcher.search("umbrel").ids == []
    assert searcher.search("umbrel", as_you_type=True).ids == ["dbs-checks"]
    assert searcher.search("statutory si", as_you_type=True).ids[0] == "sick-pay"
    assert searcher.search("umbrel ", as_you_type=True).ids == []  # a space ends the word


def test_suggest_offers_titles_while_typing(searcher):
    assert [s.id for s in searcher.suggest("holiday ir")] == ["holiday-irregular-hours"]
    assert [s.id for s in searcher.suggest("holi")][:2] == ["holiday-entitlement", "holiday-irregular-hours"]
    assert [s.id for s in searcher.suggest("criminal rec")] == ["dbs-checks"]  # keywords count
    assert searcher.suggest("holi", audience="officer") == [] or all(s.id != "holiday-entitlement" for s in searcher.suggest("holi", audience="officer"))
    assert searcher.suggest("") == []


@pytest.mark.parametrize(
    "typed",
    ["", "   ", "the of and", "AND OR", "NOT", "title:", '"pay', 'pay"', '""', "(((", "*", "pay*", "a" * 10_000,
     "holiday " * 2_000, "\x00\x07pay\x1b[31m", "pay\u200b\u2028day", "💷 pay", "title:holiday AND (pay OR", "~2 ^3 -pay +pay"],
)
def test_bad_queries_give_an_answer_or_a_message_never_a_traceback(searcher, typed):
    results = searcher.search(typed)
    assert results.hits or results.notes
    results = searcher.search(typed, as_you_type=True)
    assert results.hits or results.notes


def test_empty_and_stop_word_queries_say_what_to_do(searcher):
    assert "type a word" in searcher.search("").notes[0]
    assert "common words" in searcher.search("what do I do").notes[0]


def test_long_queries_are_cut_and_say_so(searcher):
    results = searcher.search("holiday " * 2_000)
    assert results.ids[0].startswith("holiday")
    assert any("first" in note for note in results.notes)


def test_control_characters_and_operators_are_just_spaces(searcher):
    assert searcher.search("\x00umbrella\x07").ids == ["dbs-checks"]
    assert searcher.search('title:umbrella AND "').ids[0] == "dbs-checks"


def test_no_match_says_so(searcher):
    results = searcher.search("xylophone")
    assert results.hits == [] and any(n.startswith("nothing matches") for n in results.notes)
