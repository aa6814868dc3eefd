"""Kinds of ranking fault that hold for questions nobody has tuned search against.

- Word pairs span few little words, on a page as in a question. A question's two words make a
  pair only when at most ``MAX_PAIR_GAP`` little words stand between them; a page's did whatever
  stood between, so "a health direct payment if you get continuing funding" counted as saying
  "direct payment continue" side by side, and lifted that page for "will my direct payment
  continue".
- Two words meaning the same ("carer or personal assistant") are an either-or: they make no
  pair, so a page listing them side by side is not lifted for it.
- "What kind of", "what sort of", "what type of" frame a question: "kind" is a rare word in
  these pages ("payment in kind"), and searched in full it chose the page for itself.
- A page's first paragraph weighs more than the rest of its body: pages answer first.
- "Receive" is an everyday verb of having, as "get" and "have" (not searched at all) are: it
  frames the question, so the page on who receives a payment is not chosen for it.
- A question told with its story: the words only the story holds count less than the asking
  sentence's, so the page on the story's circumstances does not answer the question asked.
- A caller phrase saying a situation in other words ("no longer need") makes no pair with the
  word beside it either: "no longer need the services of" is how a dismissal is worded.
"""

from __future__ import annotations

import datetime as dt

import pytest

from guidance.problems import Problems
from guidance.search import Searcher, analysis
from guidance.search.frames import phrase_stems
from guidance.search.query import build_query
from guidance.search.spelling import Vocabulary
from guidance.search.store import IndexStore
from guidance.search.synonyms import Synonyms, load_synonyms, parse_synonyms

from search_support import REPO_ROOT, ListSource, open_shipped, page, page_ids


# -- word pairs across little words -------------------------------------------------------------


def test_a_page_makes_no_pair_across_more_little_words_than_a_question_does():
    stems, _words = analysis.marked_stems("You can have a health direct payment if you get continuing funding.")
    runs = [run.split() for run in " ".join(stems).split(analysis.RUN_MARK) if run.strip()]
    assert ["health", "dp"] in runs and ["continu", "fund"] in runs
    # Two little words or fewer still make neighbours, as in a question ("right to work").
    stems, _words = analysis.marked_stems("Check the right to work of the PA before the first day.")
    assert "|" not in stems[:stems.index("work")]
    assert analysis.word_runs("a health direct payment if you get continuing funding") == [["health", "dp"], ["continuing", "funding"]]


def pair_pages():
    # The same words, as many, in the same order: only how far apart they stand differs.
    return [
        page("health-funding", "Health funding", "Your direct payment, if you get it, can continue in hospital."),
        page("suspending", "Council stops", "Your direct payment can continue if you get it in hospital."),
        *(page(f"other{n}", f"Holiday rule {n}", f"Holiday rule {n} for every employer.") for n in range(8)),
    ]


def test_a_pair_across_a_clause_does_not_lift_a_page(tmp_path):
    with Searcher.from_source(ListSource(pair_pages()), Synonyms(), IndexStore(tmp_path / "index")) as opened:
        assert opened.search("will my direct payment continue").ids[0] == "suspending"


# -- "what kind of" -----------------------------------------------------------------------------


@pytest.mark.parametrize("phrase", ["kind of", "kinds of", "sort of", "sorts of", "type of", "types of"])
def test_the_shipped_frame_words_hold_the_kind_of_phrases(phrase):
    assert phrase_stems(phrase) in load_synonyms(REPO_ROOT / "content").frames.frame


def test_kind_of_frames_the_question_but_payment_in_kind_does_not():
    synonyms = load_synonyms(REPO_ROOT / "content")
    query = build_query("What kind of jobs does a PA do?", Vocabulary({}), synonyms, correct=False)
    assert [c.frame for c in query.concepts if c.label.startswith("kind")] == [True]
    query = build_query("can I be paid in kind", Vocabulary({}), synonyms, correct=False)
    assert not any(c.frame for c in query.concepts)


def kind_pages():
    return [
        page("duties", "What your PA does", "The duties of a PA: personal care, shopping, cooking and getting out."),
        page("in-kind", "Paying a PA in kind", "A PA's duties are paid in money, not in kind: a room or meals "
             "in kind do not count towards the minimum wage.", keywords=("in kind",)),
        *(page(f"other{n}", f"PA rule {n}", f"PA rule {n} for every employer.") for n in range(8)),
    ]


def test_kind_of_does_not_choose_the_page(tmp_path):
    synonyms = load_synonyms(REPO_ROOT / "content")
    with Searcher.from_source(ListSource(kind_pages()), synonyms, IndexStore(tmp_path / "index")) as opened:
        assert opened.search("What kind of duties does a PA have?").ids[0] == "duties"


# -- the first paragraph ------------------------------------------------------------------------


def paragraphs_page(page_id: str, title: str, *paragraphs: str):
    """A made-up page whose body is ``paragraphs``, one block each (``page`` makes one block)."""
    from guidance.search.documents import Block

    made = page(page_id, title, paragraphs[0])
    made.blocks = [Block(text) for text in paragraphs]
    made.fingerprint += "-" + str(len(paragraphs))
    return made


def lead_pages():
    # The same paragraphs on both pages, in another order: one answers first, one in passing.
    said = "A PA who is pregnant has a risk assessment and may be offered other work."
    other = "Keep the records of each PA for three years."
    more = "Ask the council before you change the hours of a PA."
    return [
        paragraphs_page("mentioned-later", "Records of a PA", other, more, said),
        paragraphs_page("said-first", "Records for a PA", said, other, more),
        *(page(f"other{n}", f"Holiday rule {n}", f"Holiday rule {n} for every employer.") for n in range(8)),
    ]


def test_the_page_saying_it_in_its_first_paragraph_comes_first(tmp_path):
    with Searcher.from_source(ListSource(lead_pages()), Synonyms(), IndexStore(tmp_path / "index")) as opened:
        assert opened.search("my PA is pregnant").ids[:2] == ["said-first", "mentioned-later"]


def test_the_first_paragraph_counts_more_than_the_rest_of_the_body_and_less_than_the_summary():
    from guidance.search.documents import WEIGHTS

    assert WEIGHTS["body"] < WEIGHTS.get("lead", 0) < WEIGHTS["summary"]


# -- two words meaning the same make no pair ----------------------------------------------------


def test_two_words_that_mean_the_same_are_an_either_or_not_a_pair():
    synonyms = parse_synonyms("carer: personal assistant\n", "synonyms.yaml", Problems())
    query = build_query("what can a carer or personal assistant do for me", Vocabulary({}), synonyms, correct=False)
    assert ("carer", "pa") not in query.pairs
    # Two words that do not mean the same keep their pair.
    assert ("carer", "dp") in build_query("carer direct payments", Vocabulary({}), synonyms, correct=False).pairs


def either_or_pages():
    # The same words on both pages, as many: only the listing page has them side by side.
    return [
        page("answer", "Help at home", "Your carer helps at home. Your PA is paid."),
        page("listing", "Help at home", "Your carer or PA helps at home and is paid."),
        *(page(f"other{n}", f"Holiday rule {n}", f"Holiday rule {n} for every employer.") for n in range(8)),
    ]


def test_a_page_listing_the_two_words_side_by_side_is_not_lifted(tmp_path):
    synonyms = parse_synonyms("carer: personal assistant\n", "synonyms.yaml", Problems())
    with Searcher.from_source(ListSource(either_or_pages()), synonyms, IndexStore(tmp_path / "index")) as opened:
        assert opened.search("what does a carer or personal assistant do at home").ids[:2] == ["answer", "listing"]


# -- "receive" is an everyday verb of having, as "get" and "have" are ----------------------------


@pytest.mark.parametrize("word", ["receive", "receives", "receiving", "received"])
def test_the_shipped_frame_words_hold_receive(word):
    assert phrase_stems(word) in load_synonyms(REPO_ROOT / "content").frames.frame


def receive_pages():
    return [
        page("someone-else", "Someone else to receive the payment", "A nominated person receives the direct "
             "payment and manages it. The council pays the person who receives it.", keywords=("receiving",)),
        page("training", "Courses", "Direct payments can pay for a first aid course: training for work."),
        *(page(f"other{n}", f"Holiday rule {n}", f"Holiday rule {n} for every employer.") for n in range(8)),
    ]


def test_receive_does_not_choose_the_page(tmp_path):
    synonyms = load_synonyms(REPO_ROOT / "content")
    with Searcher.from_source(ListSource(receive_pages()), synonyms, IndexStore(tmp_path / "index")) as opened:
        assert opened.search("Can my PA receive training paid by direct payments?").ids[0] == "training"


# -- a question told with its story -------------------------------------------------------------


def story_pages():
    return [
        page("sickness", "Back pain and long-term sickness", "A PA off sick for months with back pain: keep in "
             "touch, ask for fit notes, and plan cover while their back heals. A PA hurt lifting may claim.",
             keywords=("back pain", "lifting")),
        page("dismissal", "Dismissing a PA", "You can dismiss a PA for a fair reason, after a fair procedure."),
        *(page(f"other{n}", f"Holiday rule {n}", f"Holiday rule {n} for every employer.") for n in range(8)),
    ]


def test_the_asking_sentence_outweighs_the_story_told_before_it(tmp_path):
    with Searcher.from_source(ListSource(story_pages()), Synonyms(), IndexStore(tmp_path / "index")) as opened:
        told = "My PA hurt her back lifting me and has been off sick for months with back pain. Can I dismiss my PA?"
        assert opened.search(told).ids[0] == "dismissal"
        # Asked about the story itself, the story's page comes first.
        assert opened.search("My PA hurt her back. How long can she be off sick with back pain?").ids[0] == "sickness"


@pytest.mark.parametrize("typed, weighed", [
    # The story's own words count less; words of the asking sentence, and the domain's, in full.
    ("My PA hurt her back lifting me. Can I dismiss my PA?", {"hurt her back": 0.6, "lifting": 0.6, "dismiss": 1.0, "pa": 1.0}),
    # No sentence asks, every one does, or the asking one says nothing of its own: all in full.
    ("My PA hurt her back lifting me. I want to dismiss my PA.", {"hurt her back": 1.0, "dismiss": 1.0}),
    ("Did my PA hurt her back? Can I dismiss my PA?", {"hurt her back": 1.0, "dismiss": 1.0}),
    ("My PA hurt her back lifting me and is off work. Is there anything I can do?", {"hurt her back": 1.0, "lifting": 1.0}),
])
def test_which_concepts_are_the_story(typed, weighed):
    query = build_query(typed, Vocabulary({}), Synonyms(), correct=False)
    found = {c.label: c.weight for c in query.concepts}
    assert {label: found[label] for label in weighed} == weighed


# -- a situation in other words makes no pair with the word beside it ----------------------------


@pytest.fixture(scope="module")
def shipped(tmp_path_factory):
    yield from open_shipped(tmp_path_factory, dt.date(2026, 12, 4))


@pytest.mark.parametrize("typed", ["If I no longer need services, what then?", "we no longer need services at all"])
def test_no_longer_needing_services_finds_ending_them_not_the_dismissal_page_that_says_it(shipped, typed):
    assert page_ids(shipped, typed)[0] == "ending-direct-payments"
