"""Question sets for the search quality benchmark: a "-" in the answers column means no page
answers the question (it is not a page called "-"), and an answers cell naming something that is
not a page is refused with the file, line and field, never counted as a silent miss."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from guidance.content.base import ContentBase

REPO = Path(__file__).resolve().parents[1]
HEADER = "question\ttopic\tasker\tsource_url\tanswers\n"


@pytest.fixture(scope="module")
def quality():
    spec = importlib.util.spec_from_file_location("search_quality", REPO / "benchmarks" / "search_quality.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def page_ids():
    return set(ContentBase.load(REPO).pages)


def test_a_dash_in_the_answers_column_means_no_answering_page(quality, tmp_path):
    path = tmp_path / "q.tsv"
    path.write_text(HEADER + "Who pays?\tsickness\trecipient\thttps://example.org\t-\n"
                    "Is SSP due?\tsickness\trecipient\thttps://example.org\tstatutory-sick-pay\n",
                    encoding="utf-8")
    rows = quality.read_rows(path)
    assert rows[0][2] == set()
    assert rows[1][2] == {"statutory-sick-pay"}


def test_an_answer_that_is_not_a_page_is_named_with_file_line_and_field(quality, tmp_path, page_ids):
    path = tmp_path / "q.tsv"
    path.write_text(HEADER + "Is SSP due?\tsickness\trecipient\thttps://example.org\tstatutory-sick-pay\n"
                    "Who pays?\tsickness\trecipient\thttps://example.org\tstatutory-sick-pay|sick-pay\n",
                    encoding="utf-8")
    problems = quality.unknown_answers(path, page_ids)
    assert problems == [f"{path}:3: answers: 'sick-pay' is not a page id"]


def test_the_benchmark_refuses_a_question_file_with_an_unknown_page(quality, tmp_path, capsys):
    path = tmp_path / "q.tsv"
    path.write_text(HEADER + "Who pays?\tsickness\trecipient\thttps://example.org\tsick-pay\n", encoding="utf-8")
    assert quality.main([str(path), "--root", str(REPO)]) == 1
    captured = capsys.readouterr()
    assert f"{path}:2: answers: 'sick-pay' is not a page id" in captured.err
    assert "Traceback" not in captured.err and captured.out == ""


def test_every_shipped_question_set_names_only_pages(quality, page_ids):
    sets = sorted((REPO / "benchmarks" / "data").glob("questions_*.tsv"))
    assert sets
    for path in sets:
        assert quality.unknown_answers(path, page_ids) == [], path.name


def test_unmatched_lists_the_question_words_no_page_and_no_synonym_uses(quality):
    from guidance.search.synonyms import Synonym, Synonyms

    class Index:
        synonyms = Synonyms([Synonym("sack", ("sack",), (("dismiss",),))])

        def document_frequency(self, stem):
            return stem in {"holidai", "pa"}

    found = quality.unmatched_words(["Can I sack my PA?", "Is furlough holiday?", "Furloughed PA and a microprovider"],
                                    Index())
    # Stop words, page words and caller words are left out; a word counts once a question.
    assert found == [("furlough", 1, "Is furlough holiday?"), ("furloughed", 1, "Furloughed PA and a microprovider"),
                     ("microprovider", 1, "Furloughed PA and a microprovider")]
