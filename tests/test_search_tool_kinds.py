"""A question that names a kind of tool ("sick pay calculator", "work out holiday pay", "a letter
asking for statements", "a checklist for hiring") gets that calculator, letter or guided help
first or second, in the CLI and in the app's home and palette search alike (one code path).

- a kind's name typed, or a caller word the synonyms map to it ("work out" -> calculator,
  "template" -> letter), names the kind;
- a name only a synonym brought in is not a word pages are scored by (a page that mentions a
  calculator does not rise for "work out");
- the best matching thing of the named kind is first or second, unless it matches only domain
  words ("PA") that do not say what is asked;
- without a kind named, the page that answers stays above the tools.
"""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

import pytest

from guidance.search import Searcher, ranking, whoosh_index
from guidance.search.documents import IndexDoc
from guidance.search.kinds import KIND_WEIGHTS
from guidance.search.query import build_query
from guidance.search.spelling import Vocabulary
from guidance.search.store import IndexStore
from guidance.problems import Problems
from guidance.search.synonyms import parse_synonyms

from search_support import ListSource, open_shipped, page

ON = dt.date(2026, 12, 1)
SYNONYMS = parse_synonyms("work out: calculator\ntemplate: letter\nchecklist: guided help\n", "synonyms.yaml", Problems())


def doc(doc_id: str, title: str, body: str, kind: str = "page", keywords=()) -> IndexDoc:
    return page(doc_id, title, body, covers=["sickness"], kind=kind, keywords=keywords)


def sick_docs() -> list[IndexDoc]:
    # Three pages say "sick pay" more often and more prominently than the short calculator.
    return [
        doc("ssp", "Statutory sick pay", "Sick pay from the first day. Sick pay rates. Sick pay forms."),
        doc("sick-pay-records", "Sick pay records", "Keep sick pay records. Sick pay dates. Sick pay forms."),
        doc("sick-pay-and-holiday", "Sick pay and holiday", "Holiday while off sick. Sick pay still due."),
        doc("gov-tools", "Tools on GOV.UK", "GOV.UK has a calculator for many things."),
        doc("sick-pay", "Sick pay", "Days off sick.", kind="calculator", keywords=["Calculator"]),
        doc("employer-cost", "Cost of employing a PA", "PA hours and PA rates.", kind="calculator", keywords=["Calculator"]),
        doc("sick-letter", "Your PA is off sick", "What to pay.", kind="letter", keywords=["Letter"]),
        *(doc(f"other{n}", f"Pensions {n}", "Nothing about time off for a PA.") for n in range(8)),
    ]


def found(opened, question: str, limit: int = 5) -> list[tuple[str, str]]:
    return [(h.kind, h.id) for h in opened.search(question, limit=limit).hits]


@pytest.fixture
def opened(tmp_path):
    with Searcher.from_source(ListSource(sick_docs()), SYNONYMS, IndexStore(tmp_path / "index")) as searcher:
        yield searcher


# -- naming a kind ------------------------------------------------------------------------------


def test_a_kind_is_named_by_its_name_or_by_a_caller_word_for_it():
    vocabulary = Vocabulary({})
    assert build_query("sick pay calculator", vocabulary, SYNONYMS).named_kinds == {"calculator"}
    assert build_query("work out sick pay", vocabulary, SYNONYMS).named_kinds == {"calculator"}
    assert build_query("template for a contract", vocabulary, SYNONYMS).named_kinds == {"letter"}
    assert build_query("checklist for hiring", vocabulary, SYNONYMS).named_kinds == {"flow"}
    assert build_query("sick pay", vocabulary, SYNONYMS).named_kinds == frozenset()


def test_a_kind_name_only_a_synonym_brought_in_is_not_searched_on_pages():
    query = build_query("work out sick pay", Vocabulary({}), SYNONYMS)
    assert ("calcul",) not in query.stems
    # ... but a name the caller typed is still a word to search.
    assert ("calcul",) in {a.stems for c in build_query("sick pay calculator", Vocabulary({}), SYNONYMS).concepts
                           for a in c.alternatives}


@pytest.mark.parametrize("question", ["sick pay calculator", "work out sick pay"])
def test_the_named_kind_comes_first_or_second(opened, question):
    assert ("calculator", "sick-pay") in found(opened, question)[:2]


def test_without_the_named_kind_the_calculator_would_be_lower(opened, monkeypatch):
    # The test above can fail: it is naming the kind that lifts the calculator.
    monkeypatch.setattr(ranking, "_promoted", lambda ranked, totals, wanted: ranked)
    monkeypatch.setattr(whoosh_index, "NAMED_KIND_WEIGHT", KIND_WEIGHTS["calculator"])
    assert ("calculator", "sick-pay") not in found(opened, "work out sick pay")[:2]


def test_a_page_mentioning_a_calculator_does_not_rise_for_work_out(opened):
    assert ("page", "gov-tools") not in found(opened, "work out sick pay", limit=20)


def test_a_thing_of_the_named_kind_matching_only_domain_words_is_not_lifted(opened):
    # "PA" is on most documents here; the cost calculator matches nothing else.
    assert ("calculator", "employer-cost") not in found(opened, "work out sick pay for my PA")[:2]


def test_without_a_kind_named_the_pages_stay_above_the_tools(opened):
    # (not the calculator's whole title "Sick pay": a tool named in full comes first)
    hits = found(opened, "sick pay due", limit=10)
    assert hits[0][0] == "page"
    assert hits.index(("page", "ssp")) < hits.index(("calculator", "sick-pay"))


def test_a_letter_is_first_or_second_when_asked_for(opened):
    assert ("letter", "sick-letter") in found(opened, "template letter for off sick")[:2]


# -- shipped content ----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def shipped(tmp_path_factory):
    yield from open_shipped(tmp_path_factory, ON)


@pytest.mark.parametrize("question, wanted", [
    ("sick pay calculator", ("calculator", "sick-pay")),
    ("work out holiday pay", ("calculator", "holiday")),
    ("redundancy calculator", ("calculator", "redundancy")),
    ("how much SSP do I pay", ("calculator", "sick-pay")),
    ("how much holiday does my PA get", ("calculator", "holiday")),
    ("template for a contract", ("letter", "written-statement")),
    ("checklist for hiring a PA", ("flow", "hiring_a_pa")),
    ("letter to say the minimum wage is going up", ("letter", "minimum-wage-change")),
])
def test_shipped_tools_come_first_or_second_when_asked_for(shipped, question, wanted):
    assert wanted in [(h.kind, h.id) for h in shipped.search(question, limit=5).hits][:2]


# -- one code path for the home screen and the palette --------------------------------------------


def test_the_palette_searches_as_the_home_screen_does():
    from guidance.tui import commands

    calls = []

    class Searcher:
        pass

    class Services:
        searcher = Searcher()

        def search_in_mode(self, query, mode, limit=20, as_you_type=False, exact=False):
            calls.append((query, mode, as_you_type))
            return SimpleNamespace(hits=[SimpleNamespace(kind="calculator", id="sick-pay")])

    app = SimpleNamespace(services=Services(), mode="officer")
    commands._RANKS.clear()
    assert commands.search_ranks(app, "sick pay calculator") == {("calculator", "sick-pay"): 0}
    assert calls == [("sick pay calculator", "officer", True)]


# -- a tool named in full ----------------------------------------------------------------------

def test_every_tool_named_by_its_whole_title_comes_first_in_search_itself(shipped):
    """The rule is search's own, so the command line and the app agree ("statutory sick pay"
    puts the sick pay calculator first in both); a search for pages only is left as it is."""
    documents = shipped.search("sick pay", limit=50, kinds=("flow", "calculator", "letter")).hits
    tools = [(h.kind, h.id, h.title) for h in documents]
    assert tools
    for kind, doc_id, title in tools:
        first = shipped.search(title, limit=10).hits[0]
        assert (first.kind, first.id) == (kind, doc_id), title
    assert shipped.search("Statutory Sick Pay", limit=5, kinds=("page",)).hits[0].kind == "page"
