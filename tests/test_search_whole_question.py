"""Two kinds of fault on questions nobody tuned for, each held with made-up pages:

- one rare word beside the question's subject ("... my dad who has dementia") decided the page,
  though it says only the circumstances: a word on fewer than ``RARE_AS_DF`` pages is scored as
  if on that many (in an index big enough for that to be rare);
- a page matching one of the question's words strongly beat a page matching all of them: scores
  are scaled a little by the share of the question's concepts a page matches (coordination).
"""

from __future__ import annotations

import pytest

from guidance.search import Searcher, ranking
from guidance.search.documents import Block, IndexDoc, fingerprint
from guidance.search.store import IndexStore
from guidance.search.synonyms import Synonyms


class ListSource:
    def __init__(self, docs: list[IndexDoc]):
        self.docs = {d.id: d for d in docs}

    def fingerprints(self):
        return {d.id: d.fingerprint for d in self.docs.values()}

    def document(self, doc_id):
        return self.docs[doc_id]


def page(page_id: str, title: str, body: str) -> IndexDoc:
    return IndexDoc(id=page_id, title=title, summary="", covers=["x"], audience=["officer"], area="employment",
                    blocks=[Block(body)], fingerprint=fingerprint(page_id, title, body))


def first(tmp_path, docs: list[IndexDoc], question: str) -> str:
    with Searcher.from_source(ListSource(docs), Synonyms(), IndexStore(tmp_path / "index")) as opened:
        return opened.search(question).ids[0]


# -- a rare word of circumstance ------------------------------------------------------------------


def rare_word_pages() -> list[IndexDoc]:
    # 112 pages, "holiday" and "pay" on 21 of them, "dementia" on one.
    fillers = [page(f"filler{n}", f"Topic {n}", f"Words about topic {n}, holiday and pay." if n < 20 else f"Words about topic {n}.")
               for n in range(110)]
    return [
        page("holiday-pay", "Holiday pay", "How holiday pay is worked out. Pay and holiday pay. Pay and holiday pay."),
        page("dementia", "Dementia", "A person with dementia may lack capacity for some decisions."),
        *fillers,
    ]


QUESTION = "holiday pay for my dad who has dementia"


def test_a_rare_word_of_circumstance_does_not_outweigh_the_subject(tmp_path):
    assert first(tmp_path, rare_word_pages(), QUESTION) == "holiday-pay"


def test_with_its_full_rarity_the_rare_word_would_win(tmp_path, monkeypatch):
    # The test above can fail: it is the floor on rarity that keeps the subject first.
    monkeypatch.setattr(ranking, "RARE_AS_DF", 1)
    assert first(tmp_path, rare_word_pages(), QUESTION) == "dementia"


def test_a_small_index_keeps_every_rarity(tmp_path):
    # In ten pages a floor of five would make every word common (and scores negative): the floor
    # is never more than a twentieth of the pages.
    docs = [page("a", "Alpha", "Dementia."), *(page(f"o{n}", f"Other {n}", "Holiday.") for n in range(9))]
    with Searcher.from_source(ListSource(docs), Synonyms(), IndexStore(tmp_path / "small")) as opened:
        hits = opened.search("holiday dementia").hits
        assert opened._reader.ranker._rare_as == 1
        assert hits[0].id == "a" and all(h.score > 0 for h in hits)
    with Searcher.from_source(ListSource(rare_word_pages()), Synonyms(), IndexStore(tmp_path / "big")) as opened:
        opened.search(QUESTION)
        assert opened._reader.ranker._rare_as == ranking.RARE_AS_DF


# -- the page that matches the whole question -----------------------------------------------------


def coordination_pages() -> list[IndexDoc]:
    return [
        page("agency-only", "Agency", " ".join(["Agency fees and agency rates."] * 4)),
        page("agency-and-pension", "Staff", "Staff from an agency. The agency and their pension."),
        *(page(f"other{n}", f"Other {n}", "A pension and other things." if n < 3 else "Nothing about this.") for n in range(8)),
    ]


def test_the_page_matching_the_whole_question_beats_one_matching_a_part_strongly(tmp_path):
    assert first(tmp_path, coordination_pages(), "agency pension") == "agency-and-pension"


def test_without_coordination_the_page_matching_one_word_would_win(tmp_path, monkeypatch):
    monkeypatch.setattr(ranking, "COORDINATION", 0.0)
    assert first(tmp_path, coordination_pages(), "agency pension") == "agency-only"


@pytest.mark.parametrize("question", ["agency", "pension"])
def test_a_one_word_question_is_not_coordinated(tmp_path, question):
    with Searcher.from_source(ListSource(coordination_pages()), Synonyms(), IndexStore(tmp_path / "index")) as opened:
        with_coordination = [(h.id, h.score) for h in opened.search(question).hits]
    ranking_module_value = ranking.COORDINATION
    try:
        ranking.COORDINATION = 0.0
        with Searcher.from_source(ListSource(coordination_pages()), Synonyms(), IndexStore(tmp_path / "index2")) as opened:
            without = [(h.id, h.score) for h in opened.search(question).hits]
    finally:
        ranking.COORDINATION = ranking_module_value
    assert with_coordination == without
