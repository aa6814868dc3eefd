"""Kinds of question whose answering page was not on top, held in the right order on the shipped
content. Each case is worded afresh (not a benchmark question), so it tests the kind, not a case.

- everyday verbs: "receive", "withdraw", "can't come in", "on leave" reach the page's words;
- joining words ("whilst", "because") never decide which page answers, and an "allowance" is
  not what is "allowed";
- the general page on a subject beats the narrower pages that share its word, unless the query
  names what narrows them (hub votes through the pages' ``related:`` lists);
- a caller phrase ("arrange cover") outweighs a single word beside it ("sick") that only says
  the circumstances.
"""

from __future__ import annotations

import datetime as dt

import pytest

from guidance.search import Searcher
from guidance.search import ranking
from guidance.search.analysis import stem, words
from guidance.search.documents import IndexDoc
from guidance.search.store import IndexStore
from guidance.problems import Problems
from guidance.search.synonyms import Synonyms, parse_synonyms

from search_support import ListSource, open_shipped, page, page_ids

ON = dt.date(2026, 12, 1)


@pytest.fixture(scope="module")
def shipped(tmp_path_factory):
    yield from open_shipped(tmp_path_factory, ON)


# -- everyday verbs ---------------------------------------------------------------------------


@pytest.mark.parametrize("question", [
    "Who is allowed to receive direct payments?",
    "Can I receive direct payments if I live alone?",
])
def test_receiving_a_direct_payment_is_about_who_can_get_one(shipped, question):
    top = page_ids(shipped, question)
    # "receive" alone would find the tribunal claim form an employer receives.
    assert top[0] == "who-can-get-direct-payments"


@pytest.mark.parametrize("question", [
    "Can the council terminate direct payments?",
    "Why did the council withdraw my direct payments?",
])
def test_other_words_for_ending_a_direct_payment_find_the_page_on_it(shipped, question):
    assert page_ids(shipped, question)[0] == "ending-direct-payments"


def test_how_the_money_reaches_the_person_finds_the_account_pages(shipped):
    top = page_ids(shipped, "How will I receive the money?")[:3]
    assert "direct-payment-account" in top and "prepaid-cards-and-managed-accounts" in top


@pytest.mark.parametrize("question", [
    "My carer can't come in because of the snow",
    "Who looks after me if my PA didn't turn up?",
    "Who covers my care when my PA is on leave?",
])
def test_a_pa_who_cannot_come_in_finds_the_back_up_plan_not_the_reserve_of_money(shipped, question):
    top = page_ids(shipped, question)
    assert top[0] == "contingency-plans"


def test_taking_leave_is_holiday(shipped):
    assert page_ids(shipped, "Can my PA take leave in her first month?")[0].startswith("holiday")


@pytest.mark.parametrize("question, answer", [
    ("Who can work as my PA?", "employing-family-and-friends"),
    ("Who can I employ as my carer?", "employing-family-and-friends"),
    ("What can I do with the money?", "what-you-can-spend-it-on"),
    ("My circumstances have changed, what now?", "direct-payment-reviews"),
    ("What if my needs change?", "direct-payment-reviews"),
    ("What does being an employer involve?", "becoming-an-employer"),
    ("Will I have to pay something myself?", "your-contribution"),
])
def test_questions_with_only_everyday_words_reach_the_page_that_answers(shipped, question, answer):
    # Each is all little words and one common word without its phrase: "who can work as",
    # "do with the money", "circumstances have changed", "involve".
    assert page_ids(shipped, question)[0] == answer


def test_what_is_allowed_is_not_an_allowance(shipped):
    assert stem("allowance") == stem("allowances") != stem("allowed") == stem("allow")
    assert page_ids(shipped, "What am I not allowed to do with the money?")[0] == "what-you-can-spend-it-on"
    assert page_ids(shipped, "Can I claim the employment allowance?")[0] == "employment-allowance"


@pytest.mark.parametrize("question, answer", [
    ("Social services froze my care account pending an investigation", "council-suspends-direct-payment"),
    ("How many years of paperwork can the direct payments audit team ask me for?", "financial-monitoring"),
    ("Can adult services decline to assess my 16 year old before she is 18?", "moving-to-adult-services"),
    ("There is less money on my direct payment card than there should be", "prepaid-cards-and-managed-accounts"),
    ("Is the council obliged to give me a written copy of my care plan?", "care-and-support-plan"),
])
def test_questions_on_filled_content_gaps_find_the_page_that_answers(shipped, question, answer):
    # Pausing a payment, how far back an audit looks, a refused transition assessment, a card
    # balance that looks wrong, what a care plan must contain: each answer is a section or page
    # written for it, and the question is worded unlike the page's own `questions:`.
    assert answer in page_ids(shipped, question)[:3]


# -- joining words -----------------------------------------------------------------------------


def test_joining_words_are_not_searched():
    assert words("whilst she is away because of the snow, although not for long") == ["away", "snow", "long"]


# -- the general page against narrower pages sharing its word -----------------------------------


def holiday_pages() -> list[IndexDoc]:
    # The narrower pages say "holiday" a little more often than the general one, as real pages do.
    return [
        page("entitlement", "Holiday entitlement", "Paid holiday each year. Work out the holiday from the weeks.",
             related=["irregular", "leaving"]),
        page("irregular", "Holiday with irregular hours", "Holiday from irregular hours. Holiday builds up. "
             "Holiday paid.", related=["entitlement"]),
        page("leaving", "Holiday when someone leaves", "Holiday on leaving. Holiday owed. Holiday paid.",
             related=["entitlement", "irregular"]),
        page("sick", "Sick pay", "Sick pay and holiday while off sick.", related=["entitlement"], covers=["sickness"]),
        *(page(f"other{n}", f"Pensions {n}", "Nothing about time off.", covers=["pensions"]) for n in range(8)),
    ]


def test_the_general_page_beats_narrower_pages_the_query_does_not_narrow_to(tmp_path):
    with Searcher.from_source(ListSource(holiday_pages()), Synonyms(), IndexStore(tmp_path / "index")) as opened:
        assert opened.search("holiday").ids[0] == "entitlement"
        # ... but a query naming what narrows a page finds that page.
        assert opened.search("holiday irregular hours").ids[0] == "irregular"
        assert opened.search("holiday when someone leaves").ids[0] == "leaving"


def test_without_hub_votes_the_narrower_page_would_win(tmp_path, monkeypatch):
    # The test above can fail: it is the votes that put the general page first.
    monkeypatch.setattr(ranking, "HUB_VOTE", 0.0)
    with Searcher.from_source(ListSource(holiday_pages()), Synonyms(), IndexStore(tmp_path / "index")) as opened:
        assert opened.search("holiday").ids[0] != "entitlement"


def test_a_page_on_another_subject_does_not_vote(tmp_path):
    docs = holiday_pages()
    with Searcher.from_source(ListSource(docs), Synonyms(), IndexStore(tmp_path / "index")) as opened:
        reader = opened._reader
        numbers = {reader.document(n).id: n for n in range(reader.doc_count())}
        totals = {numbers["sick"]: 10.0, numbers["entitlement"]: 5.0}
        from guidance.search.query import Alternative, Concept
        reader.ranker.rerank(totals, [Concept("holiday", [Alternative(("holidai",))])])
        assert totals[numbers["entitlement"]] == 5.0


def domain_pages() -> list[IndexDoc]:
    # "Grant" is on every page (the domain's word, as "direct payment" is): the general page's
    # title has no other word, so a query naming only the domain's word names nothing narrower.
    return [
        page("grant", "Grants", "What a grant is and how it helps you to choose "
             "your own help.", related=["support", "who"], covers=["grants"]),
        page("support", "Grant support services", "Grant support services help with the "
             "forms and the accounts of a grant.", related=["grant"], covers=["grants"]),
        page("who", "Grants for families", "A grant for a family with children, and "
             "grants for carers.",
             related=["grant"], covers=["grants"]),
        *(page(f"other{n}", f"Keeping records {n}", f"Record {n}: keep the receipts, the invoices and the bank "
               f"statements for the grant for six years.", covers=["rules"]) for n in range(8)),
    ]


def test_a_query_of_the_domain_word_alone_finds_the_page_titled_by_it(tmp_path):
    with Searcher.from_source(ListSource(domain_pages()), Synonyms(), IndexStore(tmp_path / "index")) as opened:
        assert opened.search("how much would the grant be").ids[0] == "grant"
        assert opened.search("grant support services").ids[0] == "support"  # named: the narrower page


def test_without_votes_a_narrower_page_takes_the_domain_word(tmp_path, monkeypatch):
    monkeypatch.setattr(ranking, "HUB_VOTE", 0.0)
    with Searcher.from_source(ListSource(domain_pages()), Synonyms(), IndexStore(tmp_path / "index")) as opened:
        assert opened.search("how much would the grant be").ids[0] != "grant"


@pytest.mark.parametrize("question, answer, not_first", [
    ("My PA and sickness", "sickness-absence", "long-term-sickness"),
    ("Long-term sickness of my PA", "long-term-sickness", "sickness-absence"),
    ("How many days holiday does my staff get?", "holiday-entitlement", "holiday-irregular-hours"),
    ("Holiday for a PA with irregular hours", "holiday-irregular-hours", "holiday-entitlement"),
])
def test_the_general_page_on_the_shipped_content(shipped, question, answer, not_first):
    top = page_ids(shipped, question)
    assert top[0] == answer and not_first != top[0]


def test_hub_votes_follow_a_page_that_was_updated_in_place(tmp_path):
    docs = holiday_pages()
    store = IndexStore(tmp_path / "index")
    with Searcher.from_source(ListSource(docs), Synonyms(), store) as opened:
        assert opened.search("holiday").ids[0] == "entitlement"
    # The general page is edited (a new version replaces the old in the index): the votes find it.
    docs[0] = page("entitlement", "Holiday entitlement", "Paid holiday each year. Work out the holiday from weeks.",
                   related=["irregular", "leaving"])
    with Searcher.from_source(ListSource(docs), Synonyms(), store) as opened:
        reader = opened._reader
        number = reader.doc_number("entitlement")
        assert reader.document(number).blocks[0].text.endswith("from weeks.")
        assert reader.page_facts(number) == (frozenset({"holidai", "entitl"}), ("irregular", "leaving"), frozenset({"holiday"}))
        assert reader.doc_number("no-such-page") is None
        assert opened.search("holiday").ids[0] == "entitlement"


# -- a caller phrase against a word beside it ----------------------------------------------------


def phrase_pages() -> list[IndexDoc]:
    return [
        page("backup", "Back-up plans", "Write a back-up plan. Keep the back-up plan for when your worker is away.",
             covers=["cover"]),
        page("sick", "Sick pay", "Pay for days off when ill.", covers=["sickness"]),
        *(page(f"other{n}", f"Pensions {n}", "Nothing about time off.", covers=["pensions"]) for n in range(8)),
    ]


@pytest.mark.parametrize("weight, first", [(ranking.PHRASE_WEIGHT, "backup"), (1.0, "sick")])
def test_a_caller_phrase_says_what_is_asked_more_than_a_word_beside_it(tmp_path, monkeypatch, weight, first):
    # At weight 1 the page matching the circumstance ("sick") wins: the test can fail.
    monkeypatch.setattr(ranking, "PHRASE_WEIGHT", weight)
    problems = Problems()
    synonyms = parse_synonyms("arrange cover: [back-up plan]\n", "content/synonyms.yaml", problems)
    assert not problems.items
    with Searcher.from_source(ListSource(phrase_pages()), synonyms, IndexStore(tmp_path / "index")) as opened:
        assert opened.search("arrange cover when my worker is sick").ids[0] == first


# -- content gaps: a question in new words finds the page written for it -------------------------


@pytest.mark.parametrize("question, answer", [
    ("Can my PA be made to work back the time she was off ill?", "sickness-absence"),
    ("If I hand my care over to an agency, do my PAs' jobs transfer?", "tupe-moving-to-or-from-an-agency"),
    ("Can the relative I pay as my PA also run the direct payment money?", "paid-relative-managing-the-money"),
    ("Can I pay my PA every week instead of every month?", "how-often-to-pay-your-pa"),
    ("Where can I find work as a PA and what checks will I need?", "working-as-a-pa"),
    ("Can the personal allowance be shared across my carer's two jobs?", "pa-tax-codes-and-second-jobs"),
    ("I am self isolating, does my PA still get paid if I cancel her?", "sickness-absence"),
    ("Is the council allowed to veto the person I want to hire as my PA?", "council-approval-of-your-pa"),
    ("Do personal assistants have to be CQC registered?", "does-a-pa-need-to-be-registered"),
    ("How should my PA record the money when she does my food shopping?", "pa-shopping-and-handling-money"),
    ("Can I get assessed by social care if I have money in the bank?", "needs-assessment"),
    ("A relative is overstepping with my brother's support workers, what can the PA do?", "family-and-your-pas"),
    ("Can I add my own money to my direct payment to pay a more expensive agency?", "direct-payment-amount-and-top-ups"),
    ("Nothing has been paid into my care account by the council yet, how do I pay my carer?", "payment-late-or-wrong"),
    ("The council sent my direct payment twice, what happens to the extra?", "payment-late-or-wrong"),
    ("Does HMRC count my care money from the council as income on my tax return?", "what-are-direct-payments"),
    ("Is the council allowed to make me use a pre-paid card for my care money?", "prepaid-cards-and-managed-accounts"),
    ("What goes into the hourly figure the council pays for my PA?", "direct-payment-amount-and-top-ups"),
    ("Agency cover is dearer than my own PA, where does the extra money come from?", "contingency-plans"),
    ("Our carer settles Nan's bills out of her own purse and Nan repays her, is that wise?", "pa-shopping-and-handling-money"),
    ("The review wants every task timed in minutes, why are they asking this?", "direct-payment-reviews"),
    ("Dad has dementia and hardly any savings, how do we get help paying for carers?", "needs-assessment"),
    ("What does the council need from me to show how the care money was used?", "financial-monitoring"),
])
def test_a_gap_question_in_new_words_finds_its_page_in_the_top_three(shipped, question, answer):
    assert answer in page_ids(shipped, question)[:3]


# -- caller phrases that name what is asked ----------------------------------------------------

@pytest.mark.parametrize("question, answer", [
    # someone who can no longer run their own money: attorneys and deputies
    ("My grandad can no longer manage his affairs", "attorneys-and-deputies"),
    ("How can I act on behalf of my sister now she has dementia?", "attorneys-and-deputies"),
    # how long a PA may work: the working time rules
    ("What is the maximum hours a week my PA is allowed to work?", "sleep-ins-travel-and-overtime"),
    # a less generous care package is a review of the plan and budget
    ("The council says my care package has been cut, can they do that?", "direct-payment-reviews"),
])
def test_a_caller_phrase_finds_the_page_about_what_it_names(shipped, question, answer):
    assert answer in page_ids(shipped, question)[:3]


@pytest.mark.parametrize("question, answer", [
    ("Do I have to pay the council charges for my care?", "your-contribution"),
    ("Can I pay bank charges from the direct payment account?", "direct-payment-account"),
])
def test_the_councils_charges_for_care_are_the_contribution_other_charges_are_not(shipped, question, answer):
    assert page_ids(shipped, question)[0] == answer


@pytest.mark.parametrize("question", ["Will I get paid holidays?", "Is paid holiday part of the job?"])
def test_paid_holiday_is_the_holiday_a_pa_is_entitled_to(shipped, question):
    assert page_ids(shipped, question)[0] == "holiday-entitlement"


# -- employer duties that had no page: one question each, worded unlike the page's own --------

@pytest.mark.parametrize("question, answer", [
    ("My PA wants to change to four long days instead of five, can I refuse?", "flexible-working-requests"),
    ("Does my carer get a break during a ten hour shift?", "working-hours-breaks-and-nights"),
    ("My PA's son died, how much time off is she allowed?", "bereavement-leave"),
    ("My carer's newborn is in the special care unit, what leave is she entitled to?", "neonatal-care-leave"),
    ("My PA's client wants to give her a present, is that allowed?", "gifts-and-wills"),
    ("Does the Information Commissioner need me to pay a fee for my carer's records?", "your-pas-personal-information"),
    ("Can I insist on only female carers for washing and dressing?", "equality-and-discrimination"),
    ("My niece is seventeen, could she work as my personal assistant?", "young-pas-under-18"),
])
def test_an_employer_duty_asked_in_new_words_finds_its_page_in_the_top_three(shipped, question, answer):
    # Flexible working, working time, bereavement and neonatal leave, gifts, data protection,
    # equality law and PAs under 18 each have a page written for them.
    assert answer in page_ids(shipped, question)[:3]
