"""A PA who is not put into a workplace pension automatically can still choose to be in one, and
the pages say what that costs the employer, as the law does:

- a non-eligible jobholder (aged 16 to 74, paid more than the qualifying earnings lower limit but
  not enrolled automatically: under 22, over State Pension age, or paid no more than the trigger)
  may OPT IN; the employer must then enrol them and pay employer contributions (Pensions Act 2008
  s.7);
- an entitled worker (aged 16 to 74, paid the lower limit or less) may ask to JOIN a pension; the
  employer must arrange it but need not pay in (s.9).

Every page that tells the reader a PA can opt in or ask to join says both, with the lower limit
from the rates, and the young PAs and cost pages (which are about PAs under 22 and PAs on low
pay) are among them. Pages are checked as shown on a day in 2026 and on a day in 2020, when the
cost page's example PA earned less than the trigger.
"""

from __future__ import annotations

import datetime as dt
import re

import pytest

from guidance.content.base import ContentBase

from search_support import REPO_ROOT

ON = dt.date(2026, 12, 3)
LOW_PAY_DAY = dt.date(2020, 6, 1)   # 20 hours at the National Living Wage was under the trigger
DAYS = [ON, LOW_PAY_DAY]

#: Pages that must tell the reader about opting in and joining.
MUST_SAY_IT = ["young-pas-under-18", "true-cost-of-employing", "workplace-pensions",
               "postponing-automatic-enrolment", "working-as-a-pa"]

#: Words that tell the reader a PA not enrolled automatically can still choose a pension.
CHOOSING = re.compile(r"\bopt(?:s|ing|ed)?[ -]in\b|\b(?:ask|asks|asked|choose|chooses|wants?) to join\b|"
                      r"\bcan join\b", re.IGNORECASE)


@pytest.fixture(scope="module")
def base():
    return ContentBase.load(REPO_ROOT, use_cache=False)


def _blocks(text: str) -> list[str]:
    """Paragraphs and list items, each on one line, so a rule is read where it is stated."""
    blocks = []
    for paragraph in re.split(r"\n\s*\n", text):
        for item in re.split(r"\n(?=\s*(?:[-*]|\d+\.)\s)", paragraph):
            blocks.append(" ".join(item.split()))
    return [block for block in blocks if block]


def _shown_lower_limit(base, on: dt.date) -> str:
    from guidance.content.render import render
    return render('{{ rate("qualifying_earnings_lower_yearly") }}', base.rates, on).strip()


def _opting_in_costs_the_employer(block: str) -> bool:
    """A sentence says a PA can opt in, and it or the next says the employer must then enrol them
    and pay in (not that they need not pay in: that is joining)."""
    sentences = re.split(r"(?<=[.;])\s+", block) + [""]
    for sentence, following in zip(sentences, sentences[1:]):
        window = f"{sentence} {following}"
        if (re.search(r"\bopts? in\b", sentence, re.IGNORECASE)
                and re.search(r"\bmust\b[^.]*\benrol", window, re.IGNORECASE)
                and re.search(r"\bpay (?:in|into)\b", window, re.IGNORECASE)
                and not re.search(r"do not have to pay|need not pay|don't have to pay", window, re.IGNORECASE)):
            return True
    return False


def _pages_on_choosing(base, on: dt.date) -> dict[str, str]:
    pages = {}
    for page_id, page in base.pages.items():
        body = base.render_body(page, on)
        if "pension" in body.lower() and CHOOSING.search(body):
            pages[page_id] = body
    return pages


@pytest.mark.parametrize("on", DAYS, ids=str)
def test_the_young_and_low_paid_pages_say_a_pa_can_opt_in(base, on):
    pages = _pages_on_choosing(base, on)
    missing = [page_id for page_id in MUST_SAY_IT if page_id not in pages]
    assert not missing, f"these pages do not say a PA can opt in or ask to join: {missing}"


@pytest.mark.parametrize("on", DAYS, ids=str)
def test_an_opt_in_means_the_employer_enrols_and_pays_in(base, on):
    wrong = []
    for page_id, body in _pages_on_choosing(base, on).items():
        said = any(_opting_in_costs_the_employer(block) for block in _blocks(body))
        if not said:
            wrong.append(page_id)
    assert not wrong, (f"on {on} these pages say a PA can opt in or join a pension, but not that the "
                       f"employer must then enrol them and pay in (Pensions Act 2008 s.7): {wrong}")


@pytest.mark.parametrize("on", DAYS, ids=str)
def test_joining_on_low_pay_needs_no_employer_contribution(base, on):
    limit = _shown_lower_limit(base, on)
    wrong = []
    for page_id, body in _pages_on_choosing(base, on).items():
        said = any(limit in block and re.search(r"\bor less\b", block)
                   and re.search(r"\bjoin\b", block, re.IGNORECASE)
                   and re.search(r"do not have to pay in", block, re.IGNORECASE)
                   for block in _blocks(body))
        if not said:
            wrong.append(page_id)
    assert not wrong, (f"on {on} these pages do not say that a PA paid {limit} a year or less can ask to "
                       f"join, with the employer arranging it but not having to pay in (s.9): {wrong}")


def test_the_cost_example_gives_the_contribution_if_a_pa_under_the_trigger_opts_in(base):
    # 20 hours at £8.72 is £174.40 a week (£9,068.80 a year): not enrolled automatically, but paid
    # over the £6,240 lower limit, so opting in costs at least 3% of (£174.40 - £120.00) = £1.63.
    body = base.render_body(base.page("true-cost-of-employing"), LOW_PAY_DAY)
    example = body[body.index("Each week"):body.index("The Employment Allowance would")]
    (line,) = [block for block in _blocks(example) if "pension" in block.lower()]
    assert "£1.63" in line and "opt in" in line and "no pension contribution" not in line, line


def test_the_written_statement_tells_the_pa_the_employer_pays_in_if_they_opt_in(base):
    # The PA's own statement of terms: "you can choose to join" said nothing of who pays.
    from guidance.letters.catalogue import Catalogue

    catalogue = Catalogue.load(base)
    values = catalogue.template("written-statement").examples()
    values["pension"] = "enrol if eligible"
    body = " ".join(catalogue.make("written-statement", values, ON).body.split())
    limit = _shown_lower_limit(base, ON)
    assert f"If you earn more than {limit} a year, I will then pay in too." in body
    assert f"If you earn {limit} a year or less, I do not have to pay in." in body


def test_the_glossary_explains_opting_in_as_the_pages_do(base):
    # A PA reading "you can opt in" on their own page can look the words up: opting in makes the
    # employer enrol them and pay in; joining on low pay does not make the employer pay in.
    entry = base.glossary.lookup("opt in")
    assert entry is not None
    for alias in ("opting in", "opt-in"):
        assert base.glossary.lookup(alias) is entry, alias
    definition = " ".join(entry.definition.split())
    assert re.search(r"\bmust\b[^.]*\benrol", definition) and re.search(r"\bpay in\b", definition), definition
    assert re.search(r"\bjoin\b", definition) and re.search(r"\bdo(?:es)? not have to pay in\b", definition), definition
    assert entry.page == "workplace-pensions"
