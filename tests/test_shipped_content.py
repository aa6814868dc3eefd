"""The shipped content base meets its own bar: complete, sourced, plain, and figures via rates."""

import datetime as dt
import re
import statistics
from pathlib import Path

import pytest

from guidance.content.base import ContentBase
from guidance.content.check import check_content
from guidance.content.style import reading_ease

REPO = Path(__file__).resolve().parents[1]
ON = dt.date(2026, 11, 25)  # a fixed day, so review dates do not make this fail later
AREAS = {"employment", "payroll", "insurance", "care_act", "mental_capacity", "direct_payments"}


@pytest.fixture(scope="module")
def base():
    return ContentBase.load(REPO, use_cache=False)


def test_check_passes_with_no_errors_or_warnings(base):
    problems = check_content(base, ON)
    assert [str(p) for p in problems] == []


def test_every_taxonomy_key_is_covered(base):
    covered = {key for page in base.pages.values() for key in page.meta.covers}
    assert set(base.taxonomy.keys) - covered == set()


def test_enough_pages_in_every_area(base):
    assert len(base.pages) >= 70
    by_area = {area: sum(1 for p in base.pages.values() if p.area == area) for area in AREAS}
    assert all(count >= 2 for count in by_area.values()), by_area


def test_the_most_asked_subjects_have_several_focused_pages(base):
    for key in ("holiday", "sickness", "recruitment", "discipline_and_grievance", "dismissal", "redundancy", "paye_and_hmrc"):
        pages = [p.id for p in base.pages.values() if key in p.meta.covers]
        assert len(pages) >= 2, (key, pages)


def test_every_page_has_sources_keywords_summary_and_links(base):
    for page in base.pages.values():
        meta = page.meta
        assert meta.sources and meta.keywords and meta.summary and meta.related, page.id


def test_summaries_read_plainly_on_average(base):
    scores = [reading_ease(p.meta.summary) for p in base.pages.values()]
    assert statistics.mean(scores) >= 60


def test_no_figures_typed_into_page_text(base):
    figure = re.compile(r"£\s?\d|\d\s?%|\d\s?per ?cent", re.I)
    jinja = re.compile(r"\{\{.*?\}\}|\{%.*?%\}", re.S)
    for page in base.pages.values():
        assert not figure.search(jinja.sub("", page.body)), page.id
        assert not figure.search(page.meta.summary), page.id


def test_pages_quoting_figures_are_reviewed_by_next_april(base):
    for page in base.pages.values():
        if page.rate_keys:
            assert page.meta.review_by <= dt.date(2027, 4, 1), page.id


def test_unsettled_law_has_an_early_review(base):
    for page_id in ("tribunal-time-limits", "dols-and-liberty-protection-safeguards", "unfair-dismissal-rights"):
        assert base.pages[page_id].meta.review_by <= dt.date(2027, 1, 31), page_id


def test_officer_pages_exist(base):
    assert any(p.meta.audience == ["officer"] for p in base.pages.values())


def test_glossary_has_the_terms_callers_meet(base):
    for term in ("PAYE", "RTI", "ET1", "ET3", "nominated person", "authorised person", "best interests", "early conciliation"):
        assert base.glossary.lookup(term) is not None, term
