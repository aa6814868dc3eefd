"""More kinds of question whose answering page was not on top, held in the right order on the
shipped content. Each case is worded afresh (not a benchmark question), so it tests the kind.

- a spelling correction that completes a two-word term ("dirct payments") is searched as that
  term, exactly as if it had been typed right;
- subjects that had no page (direct payments abroad, moving to another council, carers' own
  assessments and direct payments) are found by callers' words for them.
"""

from __future__ import annotations

import datetime as dt

import pytest

from guidance.search.query import build_query
from guidance.search.spelling import Vocabulary
from guidance.search.synonyms import Synonyms

from search_support import open_shipped, page_ids

ON = dt.date(2026, 12, 1)


@pytest.fixture(scope="module")
def shipped(tmp_path_factory):
    yield from open_shipped(tmp_path_factory, ON)


# -- a correction that completes a term -----------------------------------------------------------


def test_a_corrected_word_joins_the_term_it_completes():
    vocabulary = Vocabulary({"direct": 5, "payment": 9, "dp": 9, "pa": 9, "spend": 3})
    typed = build_query("spend my dirct payments", vocabulary, Synonyms())
    right = build_query("spend my direct payments", vocabulary, Synonyms())
    assert typed.corrections == {"dirct": "direct"}
    assert [c.alternatives for c in typed.concepts] == [c.alternatives for c in right.concepts]
    assert typed.pairs == right.pairs


def test_a_word_still_being_typed_is_not_joined_into_a_term():
    vocabulary = Vocabulary({"direct": 5, "payment": 9, "payments": 9, "dp": 9})
    query = build_query("dirct payments", vocabulary, Synonyms(), as_you_type=True)
    assert query.corrections == {"dirct": "direct"}
    assert query.concepts[0].label == "direct"


@pytest.mark.parametrize("typed, right", [
    ("What am I allowed to buy with my drect payments?", "What am I allowed to buy with my direct payments?"),
    ("Who can have dirct payments?", "Who can have direct payments?"),
    ("How do I pay my personal asistant on time?", "How do I pay my personal assistant on time?"),
])
def test_a_typo_in_a_two_word_term_gives_the_same_first_page(shipped, typed, right):
    assert page_ids(shipped, typed)[:1] == page_ids(shipped, right)[:1]


# -- subjects that had no page ----------------------------------------------------------------------


@pytest.mark.parametrize("question, answer", [
    ("Can my PA come with me on a trip overseas?", "holidays-and-time-abroad"),
    ("Is it allowed to spend the care budget overseas?", "holidays-and-time-abroad"),
    ("We are relocating to a different county next month, what happens to my support?", "moving-to-another-council"),
    ("Will the new council carry on my care package after I move house?", "moving-to-another-council"),
    ("I look after my partner, can I get an assessment of my own?", "carers-assessments-and-support"),
    ("Can an unpaid carer be given a direct payment for a break?", "carers-assessments-and-support"),
])
def test_subjects_that_had_no_page_find_their_page(shipped, question, answer):
    assert page_ids(shipped, question)[0] == answer


@pytest.mark.parametrize("question, answer", [
    ("What am I allowed to buy with my direct payments?", "what-you-can-spend-it-on"),
    ("Who can have direct payments?", "who-can-get-direct-payments"),
])
def test_the_new_pages_do_not_take_the_general_questions(shipped, question, answer):
    assert page_ids(shipped, question)[0] == answer


# -- facts added to the page callers ask them of, and other names for a service ---------------------


@pytest.mark.parametrize("question, answer", [
    ("Are my extra heating costs from my illness counted as disability related expenditure?", "your-contribution"),
    ("Must I accept direct payments, or can the council arrange my services?", "what-are-direct-payments"),
    ("Is there a support organisation that helps people with direct payments?", "direct-payment-support-services"),
    ("Who runs the direct payments support scheme near me?", "direct-payment-support-services"),
])
def test_facts_and_other_names_reach_the_page_that_answers(shipped, question, answer):
    assert page_ids(shipped, question)[0] == answer


# -- the stemmer folding words together, or apart, wrongly ----------------------------------------


def test_the_ate_forms_of_a_word_share_one_stem():
    from guidance.search.analysis import stem

    assert stem("calculated") == stem("calculate") == stem("calculating") == stem("calculation")
    assert stem("estimated") == stem("estimate")
    assert stem("chat") == "chat" and stem("relate") == stem("related")  # nothing shorter to take


def test_a_responsibility_is_not_a_response():
    from guidance.search.analysis import stem

    assert stem("responsibilities") == stem("responsible") != stem("response")


@pytest.mark.parametrize("question, answer", [
    ("How is holiday calculated for my carer?", "holiday-entitlement"),
    ("How is a PA's notice pay calculated?", "notice-and-final-pay"),
    ("What are all my responsibilities?", "becoming-an-employer"),
    ("Weighing up the pros and cons of taking the money myself", "what-are-direct-payments"),
])
def test_word_forms_reach_the_page_that_answers(shipped, question, answer):
    assert page_ids(shipped, question)[0] == answer


# -- everyday phrases for turning 18, objecting, and time off sick ------------------------------------


def test_the_age_of_18_is_the_move_to_adult_services(shipped):
    assert page_ids(shipped, "What support is there for my son/daughter after the age of 18?")[0] == "moving-to-adult-services"


def test_a_relative_objecting_finds_the_best_interests_page(shipped):
    assert "best-interests-decisions" in page_ids(shipped, "Can a relative object to a decision made for someone with dementia?")[:2]


@pytest.mark.parametrize("question", ["Is my PA paid for time off sick?", "Does a carer get paid time off sick?"])
def test_time_off_sick_is_sickness_not_holiday(shipped, question):
    found = page_ids(shipped, question)
    assert found[0] == "sickness-absence"
    assert found.index("statutory-sick-pay") < found.index("holiday-entitlement")


# -- a hyphenated word split in two ----------------------------------------------------------------


def test_self_employed_is_one_term_not_employ():
    from guidance.search.analysis import stems

    assert stems("a self-employed PA") == stems("a self employed PA") == stems("self-employment PA")
    assert "employ" not in stems("a self-employed PA")


def test_employing_someone_is_not_about_self_employed_pas(shipped):
    for question in ("Can I employ a carer with my direct payment?", "Am I allowed to employ my own carer?"):
        assert "self-employed-pas" not in page_ids(shipped, question)[:3]
    assert page_ids(shipped, "Is my PA self-employed?")[0] == "self-employed-pas"


@pytest.mark.parametrize("question, answer", [
    ("My husband was detained under section 3, will his care after hospital be free?", "section-117-aftercare"),
    ("Can mental health aftercare be paid as a direct payment?", "section-117-aftercare"),
    ("Could a provider hold my budget so I don't have to be an employer?", "ways-to-have-your-personal-budget"),
    ("What does ISF stand for in social care?", "ways-to-have-your-personal-budget"),
])
def test_aftercare_and_individual_service_funds_find_their_pages(shipped, question, answer):
    assert page_ids(shipped, question)[0] == answer


# -- a typo of a word the pages only use in another form --------------------------------------------


def test_a_typo_is_corrected_to_a_real_word_the_pages_use_in_another_form():
    vocabulary = Vocabulary({"contribution": 3, "immigration": 2, "prepaid": 4})
    assert vocabulary.correct("conntribute") == "contribute"  # a doubled letter
    assert vocabulary.correct("immirant") == "immigrant"  # a dropped letter
    assert vocabulary.correct("repaid") is None  # a real word is never changed
    assert vocabulary.correct("xqzvbnmlk") is None  # nothing real is near


def test_the_correction_is_said_and_finds_the_page(shipped):
    results = shipped.search("Will I have to conntribute towards my care?", kinds=("page",))
    assert results.corrections == {"conntribute": "contribute"}
    assert results.ids[0] == "your-contribution"


# -- a complaint about the council is not a PA's grievance; when the money is paid -----------------


@pytest.mark.parametrize("question", [
    "Who can I complain to about the council?",
    "I want to complain about the council reducing my support",
])
def test_a_complaint_about_the_council_finds_the_complaints_route_not_grievances(shipped, question):
    assert page_ids(shipped, question)[0] == "challenging-a-refusal"


def test_a_pa_complaining_is_still_a_grievance(shipped):
    assert page_ids(shipped, "My PA has made a complaint about me")[0] == "grievances"


def test_how_often_the_money_comes_finds_the_account_page(shipped):
    assert page_ids(shipped, "How often does my direct payment go into my account?")[0] == "direct-payment-account"


# -- less money from the council, dying, and other words for the reserve -----------------------------


def test_every_form_of_die_and_sue_shares_one_stem():
    from guidance.search.analysis import stem

    assert stem("die") == stem("dies") == stem("died") == stem("dying")
    assert stem("sue") == stem("sued") == stem("suing")


def test_the_e_forms_of_a_word_share_one_stem():
    from guidance.search.analysis import stem

    assert stem("evidenced") == stem("evidence")
    assert stem("nominated") == stem("nominate")
    assert stem("cared") == stem("care") != stem("car")


@pytest.mark.parametrize("question, answer", [
    ("Is the council allowed to reduce my direct payment?", "direct-payment-reviews"),
    ("The council cut my direct payment last month", "direct-payment-reviews"),
    ("Who pays my PA if I die?", "employer-dies"),
    ("How much should I keep in my contingency fund?", "contingency-balance"),
    ("Will my direct payment cover a day centre?", "what-you-can-spend-it-on"),
])
def test_everyday_words_for_money_matters_reach_the_page(shipped, question, answer):
    assert page_ids(shipped, question)[0] == answer


@pytest.mark.parametrize("question", ["I am being sued by my former carer", "My old PA says I will be sued"])
def test_being_sued_reaches_the_tribunal_pages(shipped, question):
    assert page_ids(shipped, question)[0] in {"tribunal-claim-received", "acas-early-conciliation", "tribunal-time-limits"}


@pytest.mark.parametrize("question", [
    "Is the council obliged to provide an advocate?",
    "I need someone to speak up for me at my care review",
])
def test_advocacy_questions_find_the_advocacy_page(shipped, question):
    assert page_ids(shipped, question)[0] == "independent-advocacy"


def test_once_is_a_joining_word_not_a_subject():
    from guidance.search.analysis import words

    assert words("once I have a new PA") == ["new", "pa"]


# -- a long question: the sentence that asks is searched ------------------------------------------


STORY = ("We have looked after my father at home for nine years now with the help of two local "
         "ladies who come in every morning and evening, and my brother helps at weekends when his "
         "shifts allow, although his work has been busy lately and the ladies are getting older. "
         "Last winter one of them slipped on the icy path outside the back door and hurt her wrist "
         "badly, so she was off for several weeks while the other covered extra mornings. ")


def test_a_long_story_keeps_the_sentence_that_asks():
    vocabulary = Vocabulary({"insurance": 4, "employer": 9, "liability": 3})
    query = build_query(STORY + "Do we need employers liability insurance?", vocabulary, Synonyms())
    labels = [c.label for c in query.concepts]
    assert {"employers", "liability", "insurance"} <= set(labels), labels
    assert any(note.startswith("only part of a long question") for note in query.notes)


def test_stop_words_do_not_count_towards_the_word_limit():
    # 40 words, but only 11 of them searched: nothing is left out.
    typed = ("If it is the case that I am not able to do it and he is not able to do it either, "
             "what is it that we have to do to be sure that the pension is paid on time?")
    query = build_query(typed, Vocabulary({"pension": 4}), Synonyms())
    assert "pension" in [c.label for c in query.concepts]
    assert not query.notes


def test_a_long_question_finds_the_page_for_what_it_asks(shipped):
    ids = page_ids(shipped, STORY + "Do we need employers liability insurance for them?", limit=3)
    assert "employers-liability-insurance" in ids, ids


# -- a word no page uses is said, not silently dropped ----------------------------------------------


def test_a_word_nothing_uses_is_said_beside_the_results(shipped):
    results = shipped.search("my pa wants zorblat leave", limit=3)
    assert results.hits
    assert 'nothing here uses "zorblat": these results match only your other words' in results.notes


def test_every_word_used_gives_no_such_note(shipped):
    assert not [n for n in shipped.search("pa holiday pay", limit=3).notes if n.startswith("nothing here uses")]


def test_a_word_being_typed_is_judged_only_when_no_word_begins_with_it(shipped):
    assert not [n for n in shipped.search("holiday entitle", limit=3, as_you_type=True).notes if "entitle" in n]
    results = shipped.search("holiday zorblat", limit=3, as_you_type=True)
    assert results.hits and [n for n in results.notes if '"zorblat"' in n]
