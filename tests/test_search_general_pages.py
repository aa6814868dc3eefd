"""The general page on a subject against its narrower siblings, and caller words no page uses.

- A narrower page votes for the general page it names as related when its title's extra words
  are more specific: judged by how rare they are, not only by how many ("Declaration of
  compliance and re-enrolment" is narrower than "Workplace pensions: automatic enrolment",
  though both titles have three words a question about enrolling does not name).
- A page that answers a part of the question its related page never mentions does not vote
  for it: the two stand side by side ("travel" costs of a PA who drives, "legal expenses" cover).
- Words callers use that no page does (``microprovider``, ``micro-enterprise``, short forms of
  benefits) reach the pages through the synonyms file.
"""

from __future__ import annotations

import datetime as dt

import pytest

from guidance.search import Searcher
from guidance.search.documents import IndexDoc
from guidance.search.query import Alternative, Concept
from guidance.search.store import IndexStore
from guidance.search.synonyms import Synonyms

from search_support import ListSource, open_shipped, page_ids
from search_support import page as support_page

ON = dt.date(2026, 12, 3)


@pytest.fixture(scope="module")
def shipped(tmp_path_factory):
    yield from open_shipped(tmp_path_factory, ON)


def page(page_id: str, title: str, body: str, related=(), covers=("pensions",)) -> IndexDoc:
    return support_page(page_id, title, body, related=related, covers=covers, area="payroll")


def pension_pages() -> list[IndexDoc]:
    # "Workplace", "pension" and "automatic" are on several pages; "declaration" and
    # "compliance" on one: the declaration page's title is the narrower, word for word.
    return [
        page("general", "Workplace pensions: automatic enrolment", "Enrol your PA in a pension. The pension "
             "scheme and contributions.", related=["compliance"]),
        page("compliance", "Declaration of compliance and re-enrolment", "After you enrol a PA, send the "
             "declaration. Re-enrolment every three years: enrol again.", related=["general"]),
        page("costs", "Costs of a workplace pension", "The automatic workplace pension costs money.",
             covers=["costs"]),
        page("wages", "Pension and wages", "Wages and the automatic pension: workplace rules.", covers=["pay"]),
        page("leavers", "Leavers and their pension", "A workplace pension when someone leaves, automatic "
             "notice.", covers=["leaving"]),
        *(page(f"other{n}", f"Keeping records {n}", f"Record {n}: keep the receipts and the bank statements.",
               covers=["records"]) for n in range(7)),
    ]


def travel_pages() -> list[IndexDoc]:
    return [
        page("drive", "When your PA drives: car insurance and mileage", "Travel in the PA's car: mileage for "
             "travel, travel time, travel expenses and business insurance.", related=["legal"],
             covers=["insurance"]),
        page("legal", "Legal expenses cover", "Legal expenses cover pays for advice in a dispute.",
             related=["drive"], covers=["insurance"]),
        *(page(f"other{n}", f"Keeping records {n}", f"Record {n}: keep the receipts and the bank statements.",
               covers=["records"]) for n in range(8)),
    ]


def votes_for(tmp_path, docs, totals_by_id: dict[str, float], concepts: list[Concept]) -> dict[str, float]:
    """The totals after hub votes, by page id."""
    with Searcher.from_source(ListSource(docs), Synonyms(), IndexStore(tmp_path / "index")) as opened:
        opened.search("records")  # as in use: the ranker has scored a query before it re-ranks
        reader = opened._reader
        numbers = {reader.document(n).id: n for n in range(reader.doc_count())}
        totals = {numbers[page_id]: score for page_id, score in totals_by_id.items()}
        reader.ranker.rerank(totals, concepts)
        return {page_id: totals[numbers[page_id]] for page_id in totals_by_id}


def test_the_narrower_title_is_the_one_with_rarer_extra_words(tmp_path):
    # Both titles have three words the question does not name; the declaration page's are rare.
    after = votes_for(tmp_path, pension_pages(), {"compliance": 10.0, "general": 9.5},
                      [Concept("enrol", [Alternative(("enrol",))])])
    assert after["general"] > 10.0
    assert after["compliance"] == 10.0  # the general page never votes for a narrower one


def test_a_page_answering_what_its_related_page_never_mentions_does_not_vote_for_it(tmp_path):
    # "Legal expenses cover" has fewer title words the question does not name, but says nothing
    # of travel, which is most of what the driving page scores for.
    after = votes_for(tmp_path, travel_pages(), {"drive": 10.0, "legal": 9.5},
                      [Concept("travel", [Alternative(("travel",))]), Concept("expenses", [Alternative(("expens",))])])
    assert after["legal"] == 9.5


def test_a_related_page_holding_what_is_asked_still_gets_the_vote(tmp_path):
    # The same pages, asked only about expenses: the driving page's score is mostly a word the
    # legal page uses too, so its vote goes to it as before.
    after = votes_for(tmp_path, travel_pages(), {"drive": 10.0, "legal": 9.5},
                      [Concept("expenses", [Alternative(("expens",))])])
    assert after["legal"] > 9.5


@pytest.mark.parametrize("question, answers", [
    ("Can my direct payment pay a microprovider?", {"micro-providers"}),
    ("Is a micro-enterprise allowed to provide my care?", {"micro-providers"}),
    ("Community micro enterprises and direct payments", {"micro-providers"}),
    ("Does the council stump up for the agency?", {"using-a-care-agency", "direct-payment-amount-and-top-ups"}),
    ("Will my PA's wages affect their HB?", {"employing-family-and-friends", "paying-family-in-your-household", "working-as-a-pa"}),
])
def test_caller_words_no_page_uses_reach_the_pages(shipped, question, answers):
    ids = page_ids(shipped, question)
    if answers == {"micro-providers"}:
        # The page about the thing asked comes first, not the neighbour it links to.
        assert ids[0] == "micro-providers"
    else:
        assert answers & set(ids[:3])
