"""Words with two senses kept apart, and fixed names matched as one unit.

- "leave" is time off (annual leave, maternity leave, the leave year); "leaving" is a PA ending
  their job. The stemmer folds them into one stem, so a question about one found pages about the
  other. "Leaving", "leaves" and "leaver" keep a stem of their own; "left" (mostly what remains)
  another.
"""

from __future__ import annotations

from guidance.search import Searcher
from guidance.search.analysis import other_forms, stem, stems
from guidance.search.store import IndexStore
from guidance.search.synonyms import Synonyms

from search_support import ListSource, page


def test_leave_as_time_off_and_leaving_a_job_have_their_own_stems():
    assert stem("leave") != stem("leaving")
    assert stem("leaving") == stem("leaves") == stem("leaver") == stem("leavers")
    # "left" is mostly what remains: neither sense
    assert stem("left") not in (stem("leave"), stem("leaving"))
    assert other_forms("leave") == ()
    # "my PA left": searched with the quitting sense a little below it
    assert other_forms("left") == (stem("leaving"),)
    assert set(stems("booking annual leave")).isdisjoint(stems("when a carer is leaving"))


def test_time_off_questions_find_the_time_off_page_and_quitting_questions_the_quitting_page(tmp_path):
    docs = [
        page("time-off", "Booking time off",
             "Agree the dates of annual leave in advance. The year of leave starts on the date in the contract."),
        page("ending", "When your assistant goes",
             "When your assistant is leaving, work out the final pay. A leaver is paid what is owed."),
    ]
    with Searcher.from_source(ListSource(docs), Synonyms(), IndexStore(tmp_path / "index")) as opened:
        assert opened.search("how much leave does a carer get", kinds=("page",)).ids[0] == "time-off"
        assert opened.search("my carer is leaving next month", kinds=("page",)).ids[0] == "ending"


# -- fixed names -------------------------------------------------------------------------------------
#
# A name made of everyday words ("NHS Continuing Healthcare", "least restrictive") is listed in the
# content's names file and is one term on pages and in questions, so its words do not meet the
# same words in their everyday sense.

FUNDING = ("continuing healthcare",)


def _names_searcher(tmp_path, docs, names):
    from guidance.search.analysis import raw_words

    listed = tuple(tuple(raw_words(name)) for name in names)
    return Searcher.from_source(ListSource(docs), Synonyms(names=listed), IndexStore(tmp_path / "index"))


def _funding_pages():
    return [
        page("nhs-funding", "NHS Continuing Healthcare",
             "Continuing healthcare payments are made by the NHS. Continuing healthcare is reviewed each year."),
        page("payments-stopping", "When the council stops the money",
             "The council may suspend the money. Payments continue once the account is in order."),
    ]


def test_an_everyday_word_does_not_find_the_name_made_of_it(tmp_path):
    with _names_searcher(tmp_path, _funding_pages(), FUNDING) as opened:
        assert opened.search("will the payments continue", kinds=("page",)).ids[0] == "payments-stopping"
        assert opened.search("am I eligible for continuing healthcare", kinds=("page",)).ids[0] == "nhs-funding"


def test_the_name_is_one_term_only_where_listed():
    from guidance.search.analysis import Equivalents

    listed = Equivalents((("continuing", "healthcare"),))
    assert "continu" not in stems("continuing healthcare funding", listed)
    assert stems("continuing healthcare", listed) == stems("Continuing Healthcare", listed)
    assert "continu" in stems("continuing healthcare funding", Equivalents(()))
    assert "continu" in stems("continuing healthcare funding")


def test_the_names_file_is_read_and_a_bad_entry_reported(tmp_path):
    from guidance.problems import Problems
    from guidance.search.synonyms import load_synonyms

    (tmp_path / "names.yaml").write_text("names:\n  - continuing healthcare\n  - healthcare\n", encoding="utf-8")
    (tmp_path / "synonyms.yaml").write_text("chc: continuing healthcare\n", encoding="utf-8")
    problems = Problems()
    synonyms = load_synonyms(tmp_path, problems)
    assert synonyms.names == (("continuing", "healthcare"),)
    assert synonyms.equivalents.names == synonyms.names
    # a caller's short form for the name is searched as the name's one term
    assert synonyms.entries[0].targets == ((stem("continuinghealthcare"),),)
    assert any("healthcare" in str(problem) for problem in problems.errors)


def test_an_index_made_with_other_names_is_made_again(tmp_path):
    docs = _funding_pages()
    with _names_searcher(tmp_path, docs, ()) as plain:
        plain_format = plain.generation.meta["format"]
        assert plain.search("will the payments continue", kinds=("page",)).ids[0] == "nhs-funding"
    with _names_searcher(tmp_path, docs, FUNDING) as named:
        assert named.generation.meta["format"] != plain_format
        assert named.search("will the payments continue", kinds=("page",)).ids[0] == "payments-stopping"
