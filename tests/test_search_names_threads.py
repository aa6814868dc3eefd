"""The fixed names (``content/names.yaml``) belong to the searcher of their content.

The app searches from worker threads, and a team leader's content reload opens a new searcher
while the old one may still be answering: two searchers over two contents with different names
may search at once. Each must cut its pages and its questions with its own names, whatever the
other is doing, so each gets exactly what it gets alone.
"""

from __future__ import annotations

import concurrent.futures
import sys

from guidance.content.base import ContentBase
from guidance.search import Searcher
from guidance.search.analysis import stems
from guidance.search.store import IndexStore

from search_support import ON, PAGES, make_root

EXTRA_PAGES = {
    ("care_act", "nhs-continuing-healthcare"): dict(
        title="NHS Continuing Healthcare",
        summary="Continuing healthcare is care arranged and funded by the NHS.",
        covers="[direct_payments_basics]",
        audience="both",
        keywords="[health funding]",
        body="""
        ## Payments
        Continuing healthcare payments are made by the NHS. Continuing healthcare is reviewed each year.
        """,
    ),
    ("care_act", "when-payments-stop"): dict(
        title="When the council stops the money",
        summary="The council may suspend the money when the account is not kept.",
        covers="[direct_payments_basics]",
        audience="both",
        keywords="[suspension]",
        body="""
        ## Starting again
        Payments continue once the account is in order. Living with the council's decision is hard.
        """,
    ),
}

QUESTIONS = (
    "will the payments continue",
    "am I eligible for continuing healthcare",
    "what is the national living wage",
    "living wage for a young PA",
    "is continuing healthcare the national living wage",
)


def _open(folder, names: str) -> Searcher:
    root = make_root(folder / "root", pages={**PAGES, **EXTRA_PAGES})
    (root / "content" / "names.yaml").write_text(names, encoding="utf-8")
    return Searcher.open(ContentBase.load(root, use_cache=False), ON, store=IndexStore(folder / "index"))


def _found(searcher: Searcher, question: str) -> tuple:
    results = searcher.search(question, limit=10)
    return results.suggestion, tuple(results.notes), tuple((hit.kind, hit.id, hit.score) for hit in results.hits)


def test_two_searchers_with_other_names_each_get_their_own_results_from_two_threads(tmp_path):
    health = _open(tmp_path / "health", "names: [continuing healthcare]\n")
    wage = _open(tmp_path / "wage", "names: [national living wage]\n")
    try:
        alone = {id(s): {q: _found(s, q) for q in QUESTIONS} for s in (health, wage)}
        # The names matter: the two contents are the same but for them.
        assert alone[id(health)] != alone[id(wage)]
        assert alone[id(health)]["will the payments continue"][2][0][1] == "when-payments-stop"

        def search_often(searcher: Searcher) -> list:
            wrong = []
            for round_ in range(200):
                for question in QUESTIONS:
                    found = _found(searcher, question)
                    if found != alone[id(searcher)][question]:
                        wrong.append((round_, question))
            return wrong

        switching = sys.getswitchinterval()
        sys.setswitchinterval(1e-6)  # threads take turns as often as they can
        try:
            with concurrent.futures.ThreadPoolExecutor(max_workers=2) as pool:
                outcomes = [pool.submit(search_often, s) for s in (health, wage, health, wage)]
                wrong = [item for outcome in outcomes for item in outcome.result()]
        finally:
            sys.setswitchinterval(switching)
        assert wrong == []
        # and each still answers as it did alone
        for searcher in (health, wage):
            assert {q: _found(searcher, q) for q in QUESTIONS} == alone[id(searcher)]
    finally:
        health.close()
        wage.close()


def test_the_names_are_given_not_kept_by_the_module():
    from guidance.search import analysis
    from guidance.search.analysis import BUILT_IN, Equivalents

    named = Equivalents((("continuing", "healthcare"),))
    assert "continu" not in stems("continuing healthcare funding", named)
    assert stems("continuing healthcare", named) == stems("Continuing Healthcare", named)
    # cutting with names leaves the cutting without them as it was
    assert "continu" in stems("continuing healthcare funding")
    assert "continu" in stems("continuing healthcare funding", BUILT_IN)
    assert Equivalents((("continuing", "healthcare"),)) == named and hash(Equivalents([["continuing", "healthcare"]])) == hash(named)
    assert not hasattr(analysis, "use_names") and not hasattr(analysis, "NAME_TERMS")


def test_an_index_built_by_command_is_made_with_the_contents_own_names(tmp_path):
    from guidance.search import build_index, index_status

    root = make_root(tmp_path / "root", pages={**PAGES, **EXTRA_PAGES})
    (root / "content" / "names.yaml").write_text("names: [least restrictive, continuing healthcare]\n", encoding="utf-8")
    base = ContentBase.load(root, use_cache=False)
    store = IndexStore(tmp_path / "index")
    built = build_index(base, ON, store=store)
    assert index_status(base, ON, store=store)["up_to_date"] is True
    # the first search uses the index built, not one made again with the names
    with Searcher.open(base, ON, store=store) as opened:
        assert opened.generation.folder == built.folder
        assert opened.document_frequency(stems("continuing healthcare", opened.equivalents)[0]) == 1
