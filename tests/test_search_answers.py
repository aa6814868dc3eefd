"""The answering page on top, on the shipped content: each ranking fault of the kinds found in
real callers' questions, held in the right order.

- words on most pages ("personal assistant", "PA", "direct payment") do not decide the order;
- real words are never "corrected" into other words, and a correction is never silent;
- everyday phrases reach the pages' words ("breaks down", "not doing the job", "used for");
- the page about a word beats a page that mentions it;
- guided help, calculators and letters come in the same results, marked by kind.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from guidance.cli import main
from guidance.content.base import ContentBase
from guidance.problems import Problems
from guidance.search import Searcher
from guidance.search.analysis import join_equivalents, raw_words, words
from guidance.search.documents import ContentSource
from guidance.search.ranking import (
    COMMON_FLOOR, COMMON_SHARE, SUBJECT_SHARE_HIGH, SUBJECT_SHARE_LOW, commonness_weight, subject_lift,
)
from guidance.search.spelling import Vocabulary, is_real_word
from guidance.search.store import IndexStore
from guidance.search.synonyms import load_synonyms, parse_synonyms

REPO = Path(__file__).resolve().parents[1]
ON = dt.date(2026, 12, 1)


@pytest.fixture(scope="module")
def base():
    return ContentBase.load(REPO, use_cache=False)


@pytest.fixture(scope="module")
def shipped(base, tmp_path_factory):
    store = IndexStore(tmp_path_factory.mktemp("shipped-index"))
    with Searcher.from_source(ContentSource(base, ON), load_synonyms(base.content_dir), store) as opened:
        yield opened


def page_ids(searcher, question: str, limit: int = 10) -> list[str]:
    return searcher.search(question, limit=limit, kinds=("page",)).ids


# -- words every page shares ----------------------------------------------------------------


def test_personal_assistant_and_pa_are_one_term_in_pages_and_queries():
    assert join_equivalents(raw_words("my personal assistant's pay")) == ["my", "pa", "pay"]
    assert words("Personal assistants and PAs") == words("PA and PA")
    assert words("a direct payment") == words("DP")


@pytest.mark.parametrize("common", ["personal assistant", "PA"])
def test_a_title_full_of_common_words_does_not_answer_what_is_asked(shipped, common):
    question = f"What should I do if I am not happy with my {common}?"
    top = page_ids(shipped, question)
    assert top[0] == "sorting-out-problems-early"
    assert not {"minimum-wage", "dbs-checks"} & set(top[:3])


def test_saying_pa_or_personal_assistant_gives_the_same_answer(shipped):
    long = page_ids(shipped, "Do I have to pay my personal assistant when they are not at work?")
    short = page_ids(shipped, "Do I have to pay my PA when they are not at work?")
    assert long == short
    assert long[0] not in {"minimum-wage", "dbs-checks"}
    assert long[0] in {"holiday-pay", "sickness-absence", "statutory-sick-pay", "other-time-off"}


@pytest.mark.parametrize(
    "question, answers",
    [
        ("How do I apply for a direct payment?", {"what-are-direct-payments", "who-can-get-direct-payments"}),
        ("What can a direct payment be used for?", {"what-you-can-spend-it-on"}),
        ("When can direct payments be stopped?", {"ending-direct-payments"}),
    ],
)
def test_a_question_about_direct_payments_themselves_finds_the_page_about_them(shipped, question, answers):
    # The only subject word is one most pages share: it must count again rather than leave the
    # order to "apply" or "use" found anywhere.
    assert page_ids(shipped, question)[0] in answers


def test_how_common_a_word_is_comes_from_the_pages_not_a_list():
    assert commonness_weight(0.05) == commonness_weight(COMMON_SHARE) == 1.0
    shares = [COMMON_SHARE + step * (1 - COMMON_SHARE) / 4 for step in range(1, 5)]
    weights = [commonness_weight(s) for s in shares]
    assert weights == sorted(weights, reverse=True) and weights[0] < 1.0
    assert weights[-1] == pytest.approx(COMMON_FLOOR)


def test_domain_words_become_the_subject_smoothly_as_the_sharpest_word_grows_common():
    # No step: a query whose sharpest word sits near the boundary moves a little when a page is
    # added, never all at once.
    assert subject_lift(0.0) == subject_lift(SUBJECT_SHARE_LOW) == 0.0
    assert subject_lift(SUBJECT_SHARE_HIGH) == subject_lift(1.0) == 1.0
    span = SUBJECT_SHARE_HIGH - SUBJECT_SHARE_LOW
    shares = [SUBJECT_SHARE_LOW + span * step / 100 for step in range(101)]
    lifts = [subject_lift(s) for s in shares]
    assert lifts == sorted(lifts) and 0.0 < lifts[50] < 1.0
    assert max(b - a for a, b in zip(lifts, lifts[1:])) < 0.02


def test_a_word_on_most_pages_counts_less_beside_a_word_that_says_what_is_asked(shipped):
    ranker = shipped._reader.ranker
    from guidance.search.query import build_query

    query = build_query("personal assistant happy", shipped.vocabulary, shipped.synonyms)
    shares = {c.label: ranker.share(ranker.concept_scores(c)) for c in query.concepts}
    assert shares["pa"] > 0.5 > shares["happy"]


# -- real words are real --------------------------------------------------------------------


def test_a_real_english_word_is_never_corrected_into_another():
    vocabulary = Vocabulary({"prepaid": 3, "holiday": 9})
    assert is_real_word("repaid") and is_real_word("respite")
    assert vocabulary.correct("repaid") is None
    assert vocabulary.correct("prepiad") == "prepaid"
    assert vocabulary.correct("hoilday") == "holiday"
    assert not is_real_word("hoilday")


def test_repaid_is_searched_as_repaid(shipped):
    results = shipped.search("When can the council ask for direct payments to be repaid?", kinds=("page",))
    assert results.corrections == {} and results.suggestion is None
    assert "prepaid-cards-and-managed-accounts" not in results.ids[:3]
    assert {"surplus-and-clawback", "misuse-and-fraud", "officer-handling-misuse"} & set(results.ids[:3])


def test_a_correction_is_reported_and_the_words_as_typed_can_be_searched(shipped):
    corrected = shipped.search("hoilday pay")
    assert corrected.corrections == {"hoilday": "holiday"}
    assert corrected.correction_note == 'searched for "holiday" instead of "hoilday"'
    exact = shipped.search("hoilday pay", exact=True)
    assert exact.corrections == {} and exact.ids != corrected.ids


def test_the_cli_says_what_it_searched_for_instead_and_offers_exact(capsys):
    assert main(["--root", str(REPO), "search", "hoilday", "pay", "--on", ON.isoformat(), "--limit", "2"]) == 0
    out = capsys.readouterr().out
    assert 'Searched for "holiday" instead of "hoilday". To search for your words as typed, add --exact.' in out
    assert main(["--root", str(REPO), "search", "hoilday", "pay", "--exact", "--on", ON.isoformat(), "--limit", "2"]) == 0
    assert "instead of" not in capsys.readouterr().out


def test_batch_json_names_each_correction(tmp_path, capsys):
    batch = tmp_path / "q.txt"
    batch.write_text("hoilday pay\nrepaid\n", encoding="utf-8")
    assert main(["--root", str(REPO), "search", "--batch", str(batch), "--on", ON.isoformat(), "--limit", "1"]) == 0
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert rows[0]["corrections"] == [{"typed": "hoilday", "searched": "holiday"}]
    assert rows[1]["corrections"] == []


# -- everyday phrases -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "question, answer, within",
    [
        ("What can a direct payment be used for?", "what-you-can-spend-it-on", 1),
        ("What can I spend my direct payment on?", "what-you-can-spend-it-on", 1),
        ("What happens if my care and support breaks down?", "contingency-plans", 3),
        ("My PA is not doing the job the way I want", "sorting-out-problems-early", 1),
        ("My PA is not doing the job the way I want", "disciplinary-procedure", 3),
        ("Can I get help to find cover when my carer is self-isolating?", "sickness-absence", 3),
        ("Who pays the PAs at the end of life?", "employer-dies", 1),
        ("How do I arrange cover for my PA's holiday?", "contingency-plans", 3),
        ("What if I only have one PA?", "contingency-plans", 3),
        ("Can I question the amount I have to pay?", "your-contribution", 3),
        ("Can I do my own payroll?", "paye-and-rti", 3),
        ("What is a personal health budget not allowed to pay for?", "personal-health-budget-spending", 1),
        ("Does my PA get Boxing Day off?", "bank-holidays-and-booking-leave", 1),
        ("My PA is only 19, what do I have to pay her?", "minimum-wage", 1),
    ],
)
def test_everyday_phrases_reach_the_page_that_answers(shipped, question, answer, within):
    assert answer in page_ids(shipped, question)[:within]


def test_a_phrase_passes_over_little_words_and_keeps_its_span():
    problems = Problems()
    synonyms = parse_synonyms("not doing the job: [performance, capability]\n", "content/synonyms.yaml", problems)
    assert not problems.items
    typed = raw_words("she is not doing her job at all")
    [(start, end, entry)] = synonyms.find(typed)
    assert typed[start:end] == ["not", "doing", "her", "job"] and entry.key == "not doing the job"


def test_a_phrase_of_only_little_words_is_an_error_with_its_line():
    problems = Problems()
    parse_synonyms("sack: dismiss\nthe: [employer]\n", "content/synonyms.yaml", problems)
    [problem] = problems.errors
    assert (problem.path, problem.line) == ("content/synonyms.yaml", 2)


def test_a_page_questions_list_is_a_strong_part(base, tmp_path):
    page = base.pages["contingency-plans"]
    page.meta.questions = ["Who looks after me if nobody turns up?"]
    try:
        source = ContentSource(base, ON)
        doc = source.document("contingency-plans")
        assert doc.questions == ["Who looks after me if nobody turns up?"]
        assert "nobody turns up" in doc.parts()["questions"]
        with Searcher.from_source(source, load_synonyms(base.content_dir), IndexStore(tmp_path / "i")) as opened:
            assert opened.search("nobody turns up", kinds=("page",)).ids[0] == "contingency-plans"
    finally:
        page.meta.questions = []


# -- the page about a word beats the page that mentions it -----------------------------------


def test_the_page_about_refusals_beats_pages_that_mention_refusing(shipped):
    top = page_ids(shipped, "refused")
    assert top[0] == "challenging-a-refusal"
    assert top.index("challenging-a-refusal") < top.index("bank-holidays-and-booking-leave")


def test_the_frame_of_a_question_does_not_decide_the_order(shipped):
    # "How much" and "what happens" are how people ask, not what they ask about: a page titled
    # "How much to keep in reserve" or full of "What happens if..." questions is no answer.
    assert page_ids(shipped, "How much would the direct payment be?")[0] == "what-are-direct-payments"
    assert page_ids(shipped, "What happens if my personal assistant decides to leave?")[0] == "notice-and-final-pay"


def test_a_pa_refusing_work_is_a_problem_with_the_pa_not_a_refused_direct_payment(shipped):
    # Both pages on problems with a PA's work come first, in either order: which of them led
    # once turned on "up" (in "washing up") counting as a word of its own, and "washing" or
    # "cooking" alone put the disciplinary page first.
    for question in ("My PA refuses to do the washing up", "My PA refuses to do the cooking"):
        top = page_ids(shipped, question)
        assert set(top[:2]) == {"sorting-out-problems-early", "disciplinary-procedure"}
        assert "challenging-a-refusal" not in top[:5]


def test_entitled_to_a_direct_payment_is_about_eligibility_not_holiday_entitlement(shipped):
    top = page_ids(shipped, "Am I entitled to a direct payment?")
    assert top[0] == "who-can-get-direct-payments"
    # ... while a PA's entitlement to holiday still finds the holiday page first.
    assert page_ids(shipped, "How much holiday is my PA entitled to?")[0] == "holiday-entitlement"


# -- flows, calculators and letters -----------------------------------------------------------


def test_off_sick_offers_the_guided_help_and_the_sick_pay_calculator(shipped):
    hits = shipped.search("off sick", limit=10).hits
    found = [(h.kind, h.id) for h in hits]
    assert ("flow", "pa_off_sick") in found and ("calculator", "sick-pay") in found
    assert found.index(("page", "sickness-absence")) < found.index(("calculator", "sick-pay"))
    flow = next(h for h in hits if h.kind == "flow")
    assert flow.title == "Your PA is off sick" and flow.kind_label == "Guided help"


def test_died_finds_the_page_and_the_guided_help_for_when_the_employer_dies(shipped):
    found = [(h.kind, h.id) for h in shipped.search("died", limit=5).hits]
    assert ("page", "employer-dies") in found and ("flow", "employer_in_hospital_or_died") in found


def test_results_can_be_limited_to_kinds_and_an_unknown_kind_is_refused(shipped):
    hits = shipped.search("died", kinds=("letter",)).hits
    assert hits and {h.kind for h in hits} == {"letter"} and hits[0].id == "redundancy-employer-died"
    with pytest.raises(ValueError, match="kinds must be among"):
        shipped.search("died", kinds=("video",))


def test_the_cli_marks_the_kind_of_each_result(capsys):
    """Each result not a page names its kind and the command that opens it: a page and a
    calculator may share an id (redundancy), and ``guidance show`` opens only the page."""
    assert main(["--root", str(REPO), "search", "off", "sick", "--on", ON.isoformat()]) == 0
    out = capsys.readouterr().out
    assert "Guided help: Your PA is off sick  [flow run pa_off_sick]" in out
    assert "Calculator: Statutory Sick Pay  [calc sick-pay]" in out
    assert main(["--root", str(REPO), "search", "redundancy", "pay", "--on", ON.isoformat()]) == 0
    out = capsys.readouterr().out
    assert "  [redundancy]\n" in out and "Calculator: Statutory redundancy pay  [calc redundancy]" in out
    assert main(["--root", str(REPO), "search", "died", "--kind", "flow", "--json", "--on", ON.isoformat()]) == 0
    hits = json.loads(capsys.readouterr().out)
    assert [(h["kind"], h["id"]) for h in hits] == [("flow", "employer_in_hospital_or_died")]
