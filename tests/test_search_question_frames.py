"""Words that say how a question is asked, not what it asks: phrasal verbs and frame words.

"How do I set up a pension?" asks about setting up, once: "set", "up" and the pair side by side
were three reasons for a page, so a page saying "up" often rose. "What is the best way to pay my
PA?" asks about paying: "best" is on few pages (in "best interests"), so it counted as the word
saying what is asked and found the page on best interests decisions.
"""

from __future__ import annotations

import datetime as dt

import pytest

from guidance.problems import Problems
from guidance.search import Searcher
from guidance.search.frames import FrameWords, load_frame_words, phrase_stems
from guidance.search.query import build_query
from guidance.search.spelling import Vocabulary
from guidance.search.store import IndexStore
from guidance.search.synonyms import Synonyms, load_synonyms, parse_synonyms

from search_support import ListSource, open_shipped, page, page_ids

FRAMES = FrameWords(frame=tuple(phrase_stems(p) for p in ("best", "best way", "easy", "right way")),
                    meaningful=(phrase_stems("best interests"),))


def concepts(typed: str, synonyms: Synonyms | None = None) -> list[str]:
    return [c.label for c in build_query(typed, Vocabulary({}), synonyms or Synonyms(), correct=False).concepts]


# -- phrasal verbs ------------------------------------------------------------------------------


def test_a_verb_and_its_particle_are_one_concept_and_the_particle_is_not_searched_alone():
    query = build_query("How do I set up a pension for my carer?", Vocabulary({}), Synonyms(), correct=False)
    assert [c.label for c in query.concepts] == ["set up", "pension", "carer"]
    setup = query.concepts[0]
    assert [(a.stems, a.boost) for a in setup.alternatives if not a.same_word] == [(("set", "up"), 1.0), (("set",), 1.0)]
    # The verb and particle side by side are in the concept; "up a pension" is how pages say it.
    assert query.pairs == [("up", "pension"), ("pension", "carer")]


@pytest.mark.parametrize("typed, label", [("sort it out", "sort it out"), ("pay them back", "pay them back"),
                                          ("carry over holiday", "carry over"), ("opt out of the pension", "opt out")])
def test_particles_after_a_pronoun_or_before_more_words_join_their_verb(typed, label):
    assert concepts(typed)[0] == label


def test_a_particle_in_a_caller_phrase_stays_the_phrase_s():
    synonyms = parse_synonyms("off sick: [sickness, sick pay]\n", "synonyms.yaml", Problems())
    assert concepts("my pa is off sick", synonyms) == ["pa", "off sick"]
    assert concepts("time off sick", synonyms) == ["time", "off sick"]


def setup_pages():
    # The page on what to set up first says "set up" in its title, and "up" more than once.
    return [
        page("pensions", "Workplace pensions", "How to set up a workplace pension for your PA and pay into it."),
        page("checklist", "Setting up: what to set up first", "Set up payroll. Set up insurance. Keep records up to "
             "date. Sign up with HMRC. Pay into a pension."),
        *(page(f"other{n}", f"Holiday {n}", f"Holiday rule {n} for every employer. Pension.") for n in range(2)),
        *(page(f"other{n}", f"Holiday {n}", f"Holiday rule {n} for every employer.") for n in range(2, 9)),
    ]


def test_a_page_saying_the_particle_often_does_not_beat_the_page_on_what_is_asked(tmp_path):
    with Searcher.from_source(ListSource(setup_pages()), Synonyms(), IndexStore(tmp_path / "index")) as opened:
        assert opened.search("set up a pension for my PA").ids[:2] == ["pensions", "checklist"]
        # ... and a question about setting things up still finds the page that does.
        assert opened.search("how do I set up payroll").ids[0] == "checklist"


# -- frame words --------------------------------------------------------------------------------


def test_frame_words_are_marked_and_best_interests_is_not_a_frame():
    synonyms = Synonyms(frames=FRAMES)
    query = build_query("What is the best way to pay my PA?", Vocabulary({}), synonyms, correct=False)
    assert [(c.label, c.frame) for c in query.concepts] == [("best way", True), ("pay", False), ("pa", False)]
    assert all("best" not in pair and "wai" not in pair for pair in query.pairs)
    query = build_query("who makes a best interests decision", Vocabulary({}), synonyms, correct=False)
    assert not any(c.frame for c in query.concepts)
    assert ("best", "interest") in query.pairs


def frame_pages():
    return [
        page("best-interests", "Best interests decisions", "A best interests decision is made for a person who "
             "lacks capacity. The best interests checklist. Best interests meetings."),
        page("agreement", "The direct payment agreement made easy", "The agreement is easy to read. It is easy to sign."),
        page("paying", "Paying your PA", "Pay your PA through payroll each week. Pay by bank transfer."),
        page("employing", "Employing a PA", "To employ a PA, register as an employer and employ them on a contract."),
        *(page(f"other{n}", f"Pay rule {n}", f"Pay the PA rule {n}. Employ the PA for the hours.") for n in range(8)),
    ]


@pytest.mark.parametrize("question, answer", [
    ("What is the best way to pay my PA?", "paying"),
    ("Is it easy to employ a PA?", "employing"),
    ("best interests decision", "best-interests"),
])
def test_frame_words_do_not_decide_the_order(tmp_path, question, answer):
    with Searcher.from_source(ListSource(frame_pages()), Synonyms(frames=FRAMES), IndexStore(tmp_path / "index")) as opened:
        assert opened.search(question).ids[0] == answer


def test_the_frame_words_file_is_read_with_bad_entries_reported_by_line(tmp_path):
    (tmp_path / "frame_words.yaml").write_text("frame: [best, 12, right way]\nmeaningful: best interests\nother: [x]\n")
    problems = Problems()
    frames = load_frame_words(tmp_path, problems, "content/frame_words.yaml")
    assert frames.frame == (("best",), ("right", "wai"))
    messages = [(p.path, p.line, p.message) for p in problems.errors]
    assert ("content/frame_words.yaml", 1, "'frame': '12' is not a word or phrase") in messages
    assert any(line == 2 and "'meaningful' must be a list" in m for _path, line, m in messages)
    assert any(line == 3 and "'other' is not a field" in m for _path, line, m in messages)


def test_a_missing_frame_words_file_means_none(tmp_path):
    assert load_synonyms(tmp_path).frames == FrameWords()


def test_the_shipped_frame_words_file_has_no_errors():
    problems = Problems()
    synonyms = load_synonyms(__import__("search_support").REPO_ROOT / "content", problems)
    assert not problems.errors
    assert phrase_stems("best way") in synonyms.frames.frame


@pytest.fixture(scope="module")
def shipped(tmp_path_factory):
    yield from open_shipped(tmp_path_factory, dt.date(2026, 6, 1))


@pytest.mark.parametrize("question, not_first", [
    ("What is the best way to pay my PA?", "best-interests-decisions"),
    ("Is it easy to employ a PA?", "direct-payment-agreement"),
])
def test_on_the_shipped_content_a_frame_word_does_not_choose_the_page(shipped, question, not_first):
    assert page_ids(shipped, question)[0] != not_first


def test_content_check_reports_frame_word_problems_with_file_and_line(tmp_path):
    from guidance.content.base import ContentBase
    from guidance.content.check import check_content
    from search_support import ON, make_root

    root = make_root(tmp_path / "root")
    (root / "content" / "frame_words.yaml").write_text("frame: [best]\nmeaningful: best interests\n", encoding="utf-8")
    problems = check_content(ContentBase.load(root, use_cache=False), ON, style_checks=False)
    shown = [str(p) for p in problems if p.path.endswith("frame_words.yaml")]
    assert any(p.startswith("content/frame_words.yaml:2: error: 'meaningful' must be a list") for p in shown)


def test_a_caller_word_in_the_synonyms_is_searched_by_its_entry_not_as_a_frame():
    synonyms = parse_synonyms("complicated: [duties, responsibilities]\n", "synonyms.yaml", Problems())
    synonyms.frames = FrameWords(frame=(phrase_stems("complicated"),))
    query = build_query("is being an employer complicated", Vocabulary({}), synonyms, correct=False)
    assert [(c.label, c.frame) for c in query.concepts] == [("employer", False), ("complicated", False)]
