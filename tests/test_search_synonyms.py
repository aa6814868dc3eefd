"""content/synonyms.yaml: read forgivingly, every problem reported with its line."""

from __future__ import annotations

from guidance.content.base import ContentBase
from guidance.content.check import check_content
from guidance.problems import Problems
from guidance.search.synonyms import load_synonyms, parse_synonyms
from search_support import ON, REPO_ROOT, make_root

BAD = """# caller words
sack: [dismiss, dismissal]
carer:
wages: pay
sack: fire
7: holiday
sacked: notice
ill: [ill]
bank holiday: [public holiday, 5]
"""


def problems_of(text: str) -> list[str]:
    problems = Problems()
    parse_synonyms(text, "content/synonyms.yaml", problems)
    return [str(p) for p in problems]


def test_each_bad_entry_is_reported_with_its_line():
    found = problems_of(BAD)
    assert "content/synonyms.yaml:5: error: 'sack' is listed twice (first on line 2): YAML keeps only the last one; merge them" in found
    assert any(p.startswith("content/synonyms.yaml:3: error: 'carer' needs the page words") for p in found)
    assert any(p.startswith("content/synonyms.yaml:6: error: '7' is not a word") for p in found)
    assert any(p.startswith("content/synonyms.yaml:7: error: 'sacked' says the same as the entry on line 5") for p in found)
    assert any(p.startswith("content/synonyms.yaml:8: warning: 'ill': 'ill' is the same word") for p in found)
    assert any(p.startswith("content/synonyms.yaml:9: error: 'bank holiday': '5' is not a word") for p in found)


def test_good_entries_survive_bad_neighbours():
    synonyms = parse_synonyms(BAD, "content/synonyms.yaml", Problems())
    keys = {entry.key for entry in synonyms.entries}
    assert {"wages", "bank holiday"} <= keys and "carer" not in keys


def test_broken_yaml_and_wrong_shapes_are_reported_not_raised():
    assert problems_of("sack: [dismiss\n")[0].startswith("content/synonyms.yaml:")
    assert "must map caller words" in problems_of("- sack\n- dismiss\n")[0]
    assert problems_of("") == [] and problems_of("# nothing yet\n") == []
    assert "anchors" in problems_of("a: &x dismiss\nb: *x\n")[0]


def test_matching_uses_stems_and_prefers_the_longest_phrase():
    synonyms = parse_synonyms("sick: ill\noff sick: sickness\nsack: dismiss\n", "s.yaml", Problems())
    found = synonyms.find("my pa is off sick and i sacked her".split())
    assert [(start, end, entry.key) for start, end, entry in found] == [(3, 5, "off sick"), (7, 8, "sack")]


def test_a_missing_file_means_no_synonyms(tmp_path):
    assert load_synonyms(tmp_path).entries == []


def test_content_check_reports_synonym_problems_with_file_and_line(tmp_path):
    root = make_root(tmp_path / "root", synonyms="sack: [dismiss]\ncarer:\nquit: [resign]\n")
    problems = check_content(ContentBase.load(root, use_cache=False), ON, style_checks=False)
    shown = [str(p) for p in problems if p.path.endswith("synonyms.yaml")]
    assert any(p.startswith("content/synonyms.yaml:2: error: 'carer' needs") for p in shown)
    assert "content/synonyms.yaml:3: warning: 'quit': no page uses the words of 'resign' yet, so this finds nothing" in shown
    assert not any(":1:" in p for p in shown)


def test_the_shipped_synonyms_file_has_no_errors():
    problems = Problems()
    load_synonyms(REPO_ROOT / "content", problems)
    assert problems.errors == []


def test_page_phrases_leave_out_stop_words_as_the_index_does():
    synonyms = parse_synonyms("passport: right to work\nlifting: moving and handling\n", "s.yaml", Problems())
    assert [entry.targets for entry in synonyms.entries] == [(("right", "work"),), (("move", "handl"),)]


def test_a_caller_phrase_finds_the_page_through_a_page_phrase_with_stop_words(tmp_path):
    from guidance.search import Searcher

    root = make_root(tmp_path / "root", synonyms="shift pattern: [irregular hours]\nnot doing the job: [criminal record]\n")
    with Searcher.open(ContentBase.load(root, use_cache=False), ON) as searcher:
        assert searcher.search("my shift pattern", kinds=("page",)).ids[0] == "holiday-irregular-hours"
        assert searcher.search("she is not doing her job", kinds=("page",)).ids[0] == "dbs-checks"


def test_content_check_warns_when_no_page_says_a_page_phrase_word_for_word(tmp_path):
    root = make_root(tmp_path / "root", synonyms="sack: [dismiss]\nhols: [holiday umbrella, holiday]\n")
    problems = check_content(ContentBase.load(root, use_cache=False), ON, style_checks=False)
    shown = [str(p) for p in problems if p.path.endswith("synonyms.yaml")]
    assert "content/synonyms.yaml:2: warning: 'hols': no page says 'holiday umbrella' word for word yet, so this part finds nothing" in shown
    assert len(shown) == 1


def test_caller_words_are_worked_out_once():
    # Every word typed asks whether it is a caller word: the set is made when the file is read,
    # not on each keystroke (it made a keystroke's search three times slower).
    synonyms = parse_synonyms("sack: dismiss\nlet go: [dismiss, redundancy]\n", "synonyms.yaml", Problems())
    assert synonyms.words == {"sack", "let", "go"}
    assert synonyms.words is synonyms.words


def test_a_caller_phrase_meets_the_question_asked_in_any_person():
    """A council FAQ asks "who can you employ?", a forum post "who can I employ?" or "who can we
    employ?": one entry serves them all, whichever person it was written in."""
    synonyms = parse_synonyms("who can i employ: relative\npaid to me: account\n", "s.yaml", Problems())
    for typed in ("who can you employ", "who can we employ", "who can i employ"):
        assert [entry.key for _s, _e, entry in synonyms.find(typed.split())] == ["who can i employ"], typed
    assert [entry.key for _s, _e, entry in synonyms.find("how is it paid to us".split())] == ["paid to me"]
    assert synonyms.find("who can they employ".split()) == []
    assert [entry.key for _s, _e, entry in synonyms.find("who could we employ".split())] == ["who can i employ"]
    used = parse_synonyms("use it for: spend\n", "s.yaml", Problems())
    assert [entry.key for _s, _e, entry in used.find("what can we use them for".split())] == ["use it for"]


def test_a_question_in_the_second_person_finds_the_page_its_first_person_form_finds():
    from guidance.search import Searcher

    with Searcher.open(REPO_ROOT, ON) as searcher:
        mine = [hit.id for hit in searcher.search("who can I employ as my carer", limit=3).hits]
        yours = [hit.id for hit in searcher.search("who can you employ as your carer", limit=3).hits]
    assert yours[0] == mine[0] == "employing-family-and-friends"
