"""A page asked for on a day before figures are kept says so in plain words (figures are kept
from 6 April 2015), never the internal key of a figure, on the command line and in the app."""

import datetime as dt

from guidance.cli import main
from guidance.content.base import ContentBase
from guidance.content.render import RenderError, render
from guidance.content.rates import FIGURES_FROM

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]


@pytest.mark.parametrize("page", ["minimum-wage", "statutory-sick-pay", "employer-national-insurance"])
def test_show_before_6_april_2015_says_figures_are_kept_from_then(capsys, page):
    assert main(["show", page, "--on", "2014-01-01"]) == 1
    err = capsys.readouterr().err
    assert "figures are kept from 6 April 2015" in err and "1 January 2014" in err
    for internal in ("rate '", "_", ".md:", "has no value"):
        assert internal not in err, internal


def test_app_page_text_before_the_figures_is_plain():
    base = ContentBase.load(REPO)
    text = base.try_render(base.pages["statutory-sick-pay"], dt.date(2014, 1, 1))
    assert "figures are kept from 6 April 2015" in text
    assert "rate '" not in text and "ssp_" not in text
    summary = base.try_render_summary(base.pages["statutory-sick-pay"], dt.date(2014, 1, 1))
    assert "ssp_" not in summary


def test_a_rule_that_began_later_still_names_the_figure_for_authors():
    """On or after 6 April 2015, a figure not yet in force is a content problem: the author is
    told which figure (the content check needs that)."""
    base = ContentBase.load(REPO)
    with pytest.raises(RenderError) as caught:
        render('{{ rate("national_living_wage") }}', base.rates, dt.date(2015, 5, 1))
    assert "national_living_wage" in caught.value.message
    assert FIGURES_FROM == dt.date(2015, 4, 6)
