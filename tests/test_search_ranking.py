"""Ranking: results independent of the limit, synonyms blended, neighbouring words, as-you-type."""

from __future__ import annotations

import json
from concurrent.futures import ThreadPoolExecutor

import pytest

from guidance.content.base import ContentBase
from guidance.search import Searcher
from guidance.search.analysis import stem
from guidance.search.indexer import INDEX_FORMAT
from guidance.search.query import COMPLETION_BOOST, Alternative, Concept, build_query
from guidance.search.ranking import Ranker
from guidance.search.spelling import Vocabulary
from guidance.search.store import IndexStore
from guidance.search.synonyms import Synonyms, load_synonyms
from search_support import ON, ListSource, make_root, page


@pytest.fixture(scope="module")
def searcher(tmp_path_factory):
    root = make_root(tmp_path_factory.mktemp("r") / "root")
    with Searcher.open(ContentBase.load(root, use_cache=False), ON) as opened:
        yield opened


class FakePostings:
    """Postings given as {(field, term): {doc: weight}}; every page is 100 words long."""

    def __init__(self, postings: dict, pages: int):
        self.table = postings
        self.pages = pages

    def postings(self, field, term):
        found = self.table.get((field, term), {})
        return list(found), list(found.values())

    def doc_lengths(self):
        return {doc: 100 for doc in range(self.pages)}, 100.0


def word(stem: str, boost: float = 1.0) -> Alternative:
    return Alternative((stem,), boost)


def test_the_first_n_results_do_not_depend_on_the_limit():
    # Many pages with equal scores, and scores in no particular order of page number.
    postings = {
        ("text", "pay"): {doc: 1.0 + (doc * 7 % 5) for doc in range(60)},
        ("text", "holiday"): {doc: 2.0 for doc in range(0, 60, 3)},
    }
    ranker = Ranker(FakePostings(postings, 100))
    concepts = [Concept("pay", [word("pay")]), Concept("holiday", [word("holiday")])]
    everything = ranker.rank(concepts, [], None, 60)
    assert len(everything) == 60
    for limit in (1, 3, 10, 20, 59):
        assert ranker.rank(concepts, [], None, limit) == everything[:limit]
    scores = [score for _doc, score in everything]
    assert scores == sorted(scores, reverse=True)


@pytest.mark.parametrize("typed", ["sack my pa", "holiday", "pay", "sick pay", "minimum wage"])
@pytest.mark.parametrize("as_you_type", [False, True])
def test_searches_give_the_same_first_results_for_any_limit(searcher, typed, as_you_type):
    long = [(h.kind, h.id) for h in searcher.search(typed, audience="officer", limit=20, as_you_type=as_you_type).hits]
    assert long, typed
    for limit in range(1, len(long) + 1):
        assert [(h.kind, h.id) for h in searcher.search(typed, audience="officer", limit=limit, as_you_type=as_you_type).hits] == long[:limit]


def test_a_rare_synonym_is_not_worth_more_than_the_word_the_caller_said():
    postings = {("text", "council"): {doc: 1.0 for doc in range(10)}, ("pairs", "local_author"): {10: 1.0}}
    ranker = Ranker(FakePostings(postings, 50))
    concept = Concept("council", [word("council"), Alternative(("local", "author"), 0.9)])
    scores = ranker.concept_scores(concept)
    assert set(scores) == set(range(11))
    assert scores[10] < scores[0]


def test_a_page_using_the_word_and_its_synonym_ranks_above_one_using_either():
    postings = {("text", "sack"): {0: 1.0, 1: 1.0}, ("text", "dismiss"): {1: 1.0, 2: 1.0}}
    ranker = Ranker(FakePostings(postings, 50))
    scores = ranker.concept_scores(Concept("sack", [word("sack"), word("dismiss", 0.9)]))
    assert scores[1] > scores[0] > scores[2]


def test_a_phrase_of_three_words_needs_all_its_neighbouring_pairs():
    postings = {("pairs", "last_power"): {0: 1.0, 1: 1.0}, ("pairs", "power_attorney"): {1: 2.0, 2: 1.0}}
    ranker = Ranker(FakePostings(postings, 50))
    assert set(ranker.alternative_weights(Alternative(("last", "power", "attorney")))) == {1}


def test_required_phrases_and_filters_limit_the_candidates():
    postings = {("text", "pay"): {0: 1.0, 1: 3.0, 2: 1.0}, ("pairs", "sick_pay"): {0: 1.0, 2: 1.0}}
    ranker = Ranker(FakePostings(postings, 10))
    concepts = [Concept("sick pay", [Alternative(("sick", "pay"))], required=True), Concept("pay", [word("pay")])]
    assert {doc for doc, _ in ranker.rank(concepts, [], None, 10)} == {0, 2}
    assert [doc for doc, _ in ranker.rank(concepts, [], {2, 1}, 10)] == [2]


def test_words_side_by_side_on_the_page_rank_above_the_same_words_apart(tmp_path):
    docs = [
        page("apart", body="Holiday rules. The bank pays wages on Friday."),
        page("together", body="Bank holiday rules. Wages are paid on Friday."),
        page("other", body="Nothing here about leave."),
    ]
    with Searcher.from_source(ListSource(docs), Synonyms(), IndexStore(tmp_path / "index")) as opened:
        assert opened.search("bank holiday").ids[:2] == ["together", "apart"]
        assert opened.search("holiday bank").ids[0] in {"together", "apart"}
        assert opened.search('"bank holiday"').ids == ["together"]
        # A sentence end breaks a pair: "rules. The bank" is not "rules bank".
        assert opened.search('"rules bank"').ids != ["apart"]


def test_a_finished_last_word_keeps_its_synonyms_while_typing(tmp_path):
    root = make_root(tmp_path / "root")
    base = ContentBase.load(root, use_cache=False)
    with Searcher.open(base, ON) as opened:
        vocabulary = opened.vocabulary
    synonyms = load_synonyms(base.content_dir)
    query = build_query("sack my pa", vocabulary, synonyms, as_you_type=True)
    sack, pa = query.concepts
    assert ("dismiss",) in [a.stems for a in sack.alternatives]
    assert pa.alternatives[0] == Alternative(("pa",))
    assert all(a.boost == COMPLETION_BOOST for a in pa.alternatives[1:]) and len(pa.alternatives) > 1
    query = build_query("how do i sack", vocabulary, synonyms, as_you_type=True)
    assert ("dismiss",) in [a.stems for a in query.concepts[-1].alternatives]


def test_an_unfinished_word_is_completed_not_searched_as_itself():
    vocabulary = Vocabulary({"holiday": 5, "holidays": 1, "hold": 2})
    query = build_query("holi", vocabulary, Synonyms(), as_you_type=True)
    assert [a.stems for a in query.concepts[0].alternatives] == [(stem("holiday"),)]


def test_a_misspelt_last_word_that_begins_nothing_is_corrected_while_typing(searcher):
    results = searcher.search("hoilday pay irregualr", as_you_type=True)
    assert results.ids[0] == "holiday-irregular-hours"
    assert results.suggestion == "holiday pay irregular"


def test_as_you_type_ranks_a_finished_word_like_a_search(searcher):
    assert searcher.search("sack my pa", as_you_type=True).ids[0] == searcher.search("sack my pa").ids[0] == "dismissing-a-pa"
    assert searcher.search("how do i sack", as_you_type=True).ids[0] == "dismissing-a-pa"


def test_an_index_in_an_older_format_is_rebuilt_not_read(tmp_path):
    root = make_root(tmp_path / "root")
    base = ContentBase.load(root, use_cache=False)
    with Searcher.open(base, ON) as first:
        old = first.generation
    meta_path = old.folder / "meta.json"
    meta = json.loads(meta_path.read_text(encoding="utf-8"))
    meta["format"] = "whoosh-1/doc-3"  # the format before pairs were indexed
    meta_path.write_text(json.dumps(meta), encoding="utf-8")
    with Searcher.open(base, ON) as second:
        assert second.generation.folder != old.folder
        assert second.generation.meta["format"] == INDEX_FORMAT
        assert second.search('"holiday pay"').ids


def test_searches_from_several_threads_get_the_answers_one_thread_gets(searcher):
    queries = ["holiday pay", "sack my pa", "umbrella", "off sick", "minimum wage", "statutory si"] * 5
    alone = [searcher.search(q, as_you_type=True).ids for q in queries]
    with ThreadPoolExecutor(max_workers=6) as pool:
        together = list(pool.map(lambda q: searcher.search(q, as_you_type=True).ids, queries))
    assert together == alone


def _ranked(postings: dict, pages: int, concepts: list[Concept]) -> list[int]:
    return [doc for doc, _score in Ranker(FakePostings(postings, pages)).rank(concepts, [], None, 10)]


def test_with_no_word_that_says_sharply_what_is_asked_the_page_about_the_domain_word_ranks_first():
    # "How to apply for direct payments": "apply" is on 8 pages of 20 and "direct payment" on 18.
    # Page 0 is about direct payments (title, questions, summary) and mentions applying; page 5
    # has "apply" in its title and mentions direct payments once.
    dp = {doc: 1.0 for doc in range(18)} | {0: 12.0}
    apply = {doc: 1.0 for doc in range(8)} | {5: 6.0}
    postings = {("text", "dp"): dp, ("text", "appli"): apply}
    concepts = [Concept("apply", [word("appli")]), Concept("direct payments", [word("dp")])]
    assert _ranked(postings, 20, concepts)[0] == 0


def test_a_word_that_says_sharply_what_is_asked_still_outweighs_a_domain_word_in_a_title():
    # "My PA is not happy": "happy" is on 2 pages of 20, "PA" on 18; page 0 has PA in its title.
    pa = {doc: 1.0 for doc in range(18)} | {0: 12.0}
    postings = {("text", "pa"): pa, ("text", "happi"): {7: 1.0, 9: 1.0}}
    concepts = [Concept("pa", [word("pa")]), Concept("happy", [word("happi")])]
    assert _ranked(postings, 20, concepts)[:2] == [7, 9]


def test_a_word_is_judged_common_by_what_the_caller_typed_not_by_its_synonyms():
    # "audit" is on 2 pages of 20, its synonym "check" on 18: the caller's word is a sharp one,
    # so "direct payment" (on 18 pages, heavily on page 0) does not decide the order.
    dp = {doc: 1.0 for doc in range(18)} | {0: 12.0}
    postings = {("text", "dp"): dp, ("text", "audit"): {1: 5.0, 2: 5.0}, ("text", "check"): {doc: 1.0 for doc in range(18)}}
    concepts = [Concept("audit", [word("audit"), word("check", 0.9)]), Concept("direct payment", [word("dp")])]
    ranker = Ranker(FakePostings(postings, 20))
    assert ranker.own_share(concepts[0]) == pytest.approx(0.1)
    assert [doc for doc, _s in ranker.rank(concepts, [], None, 10)][:2] == [1, 2]


def test_a_callers_phrase_searched_by_page_words_says_what_is_asked():
    # "not doing the job" is searched by "disciplinary" and "problem" only (no word of its own);
    # however many pages those are on, it is what is asked, and "PA" stays a domain word.
    pa = {doc: 1.0 for doc in range(18)} | {0: 12.0}
    problems = {doc: 1.0 for doc in range(5, 10)}
    postings = {("text", "pa"): pa, ("text", "disciplinari"): problems, ("text", "problem"): problems}
    concepts = [Concept("pa", [word("pa")]),
                Concept("not doing the job", [word("disciplinari", 0.9), word("problem", 0.9)])]
    assert _ranked(postings, 20, concepts)[0] == 5


def test_a_common_synonym_does_not_make_the_word_the_caller_typed_less_rare():
    postings = {("text", "audit"): {1: 5.0, 2: 5.0}, ("text", "check"): {doc: 1.0 for doc in range(18)}}
    ranker = Ranker(FakePostings(postings, 20))
    alone = ranker.concept_scores(Concept("audit", [word("audit")]))
    with_synonym = ranker.concept_scores(Concept("audit", [word("audit"), word("check", 0.9)]))
    assert with_synonym[1] >= alone[1]
    assert with_synonym[5] < with_synonym[1]
