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
    assert other_forms("left") == other_forms("leave") == ()
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
