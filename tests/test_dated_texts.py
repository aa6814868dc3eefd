"""Texts follow the date they are shown for: rule() and has_rate() in pages, summaries, letters and
flows, and ``content check --boundaries`` catching a text that cannot be shown for a day in range.
"""

import datetime as dt
import shutil
from decimal import Decimal
from pathlib import Path

import pytest

from guidance.cli import main
from guidance.content.base import ContentBase
from guidance.content.boundaries import EARLIEST, boundary_days, check_boundaries
from guidance.content.rates import load_rates
from guidance.content.render import RenderError, render
from guidance.letters.catalogue import Catalogue
from guidance.problems import Problems

REPO = Path(__file__).resolve().parents[1]
D = dt.date


@pytest.fixture(scope="module")
def base():
    return ContentBase.load(REPO, use_cache=False)


def _rates(tmp_path, text):
    path = tmp_path / "rates.yaml"
    path.write_text(text, encoding="utf-8")
    problems = Problems()
    return load_rates(path, problems), problems


RULES = """
waiting:
  label: Waiting days
  unit: days
  source: test statute
  periods:
    - {from: 2010-01-01, value: "3", source: "first act"}
    - {from: 2020-01-01, value: "0", source: "second act"}
covers_workers:
  label: Covers workers too
  unit: yes-no
  source: test statute
  periods:
    - {from: 2010-01-01, value: no}
    - {from: 2020-01-01, value: "yes"}
share:
  label: Share of pay
  unit: percent
  source: test statute
  periods:
    - {from: 2020-01-01, value: "80"}
"""


def test_rule_gives_the_value_of_the_day_as_a_condition(tmp_path):
    rates, problems = _rates(tmp_path, RULES)
    assert not problems
    text = '{% if rule("waiting") %}after {{ rate("waiting") }}{% else %}from day one, {{ rate("share") }}{% endif %}'
    assert render(text, rates, D(2019, 12, 31)) == "after 3 days"
    assert render(text, rates, D(2020, 1, 1)) == "from day one, 80%"
    assert render('{{ rule("covers_workers") }} {{ rate("covers_workers") }}', rates, D(2019, 1, 1)) == "False no"
    assert render('{{ rule("covers_workers") }} {{ rate("covers_workers") }}', rates, D(2021, 1, 1)) == "True yes"


def test_rate_and_rule_can_ask_about_another_day(tmp_path):
    rates, _ = _rates(tmp_path, RULES)
    text = '{{ rate("waiting", day) }}|{{ rule("waiting", "2021-05-01") }}|{{ on >= date("2020-01-01") }}'
    assert render(text, rates, D(2025, 1, 1), {"day": D(2016, 3, 16)}) == "3 days|0|True"


def test_has_rate_says_whether_a_figure_exists_that_day(tmp_path):
    rates, _ = _rates(tmp_path, RULES)
    text = '{% if has_rate("share") %}{{ rate("share") }}{% else %}none{% endif %}'
    assert render(text, rates, D(2019, 6, 1)) == "none"
    assert render(text, rates, D(2020, 6, 1)) == "80%"
    with pytest.raises(RenderError, match="unknown rate 'nope'"):
        render('{{ has_rate("nope") }}', rates, D(2020, 6, 1))
    with pytest.raises(RenderError, match="not a date"):
        render('{{ date("1 April") }}', rates, D(2020, 6, 1))


def test_a_yes_no_rule_takes_only_yes_or_no(tmp_path):
    _, problems = _rates(tmp_path, RULES.replace('value: "yes"', 'value: "2"'))
    messages = [str(p) for p in problems]
    assert any("a yes-no rule takes only yes or no" in m and "rates.yaml:" in m for m in messages), messages


def test_period_source_is_the_periods_own(tmp_path):
    rates, _ = _rates(tmp_path, RULES)
    assert rates.period_source("waiting", D(2015, 1, 1)) == "first act"
    assert rates.period_source("covers_workers", D(2015, 1, 1)) == "test statute"


def test_boundary_days_are_each_change_and_the_day_before(tmp_path):
    rates, _ = _rates(tmp_path, RULES)
    days = boundary_days('{{ rate("waiting") }} {% if on < date("2018-04-01") %}{% endif %}', rates)
    assert days == [EARLIEST, D(2018, 3, 31), D(2018, 4, 1), D(2019, 12, 31), D(2020, 1, 1)]


# The shipped texts, on the days that matter


def _letter(base, first_day_off, on):
    catalogue = Catalogue.load(base)
    values = catalogue.template("pa-off-sick").examples()
    values["first_day_off"] = first_day_off
    return catalogue.make("pa-off-sick", values, on).body


def test_pa_off_sick_letter_for_16_march_2026_gives_the_rules_then(base):
    body = _letter(base, "2026-03-16", D(2026, 3, 20))
    assert "£118.75 a week" in body
    assert "3 days they would have worked" in body
    assert "waiting days" in body
    assert "at least £125.00 a week" in body
    assert "80%" not in body and "£123.25" not in body
    assert "first full day" not in body


def test_pa_off_sick_letter_written_after_the_change_adds_the_transition(base):
    body = _letter(base, "2026-03-16", D(2026, 11, 20))
    assert "£118.75 a week" in body
    assert "The rules changed on 6 April 2026" in body


def test_pa_off_sick_letter_for_november_2026_gives_the_2026_rules(base):
    body = _letter(base, "2026-11-16", D(2026, 11, 20))
    assert "£123.25 a week" in body and "80%" in body
    assert "first full day off sick" in body
    assert "waiting days" not in body


def test_ssp_page_as_at_1_june_2025_renders_and_its_summary_states_the_2025_rule(base):
    page = base.page("statutory-sick-pay")
    on = D(2025, 6, 1)
    body = base.render_body(page, on)
    summary = base.render_summary(page, on)
    assert "£118.75 a week" in body and "80%" not in body
    assert "£125.00 a week" in body
    assert "waiting days" in body
    assert "four days in a row" in summary and "lower earnings limit" in summary
    assert "however little they earn" not in summary
    assert "{%" not in summary


def test_ssp_page_from_6_april_2026_states_the_new_rule(base):
    page = base.page("statutory-sick-pay")
    summary = base.render_summary(page, D(2026, 4, 6))
    assert "first full day off sick on a day they would have worked" in summary
    assert "£123.25" in base.render_body(page, D(2026, 4, 6))


@pytest.mark.parametrize(
    "page_id, on, present, absent",
    [
        ("minimum-wage", D(2020, 6, 1), ["25 and over (National Living Wage) | £8.72", "21 to 24 | £8.20"], ["21 and over (National"]),
        ("minimum-wage", D(2015, 6, 1), ["21 and over | £6.50"], ["National Living Wage) |"]),
        ("minimum-wage", D(2026, 6, 1), ["21 and over (National Living Wage) | £12.71"], ["21 to"]),
        ("right-to-work-checks", D(2026, 9, 30), ["covers employees only"], ["Since 1 October 2026"]),
        ("right-to-work-checks", D(2026, 10, 1), ["Since 1 October 2026"], ["covers employees only"]),
        ("acas-early-conciliation", D(2025, 11, 30), ["up to 6 weeks. It is free"], ["12 weeks"]),
        ("acas-early-conciliation", D(2026, 1, 1), ["up to 12 weeks when Acas was", "up to\n6 weeks when it was contacted before then"], []),
        ("written-statement", D(2019, 6, 1), ["within two months of their first day"], ["on or before their first day"]),
        ("holiday-irregular-hours", D(2023, 6, 1), ["Leave years that started before 1 April 2024"], ["12.07%"]),
        ("payslips", D(2018, 6, 1), ["employee has the right to a payslip"], ["the hours paid"]),
        ("holiday-pay", D(2019, 6, 1), ["last 12 weeks in which your PA was paid", "replace them.\n"], ["104"]),
        ("holiday-pay", D(2020, 4, 6), ["last 52 weeks in which your PA was paid", "no more than 104 weeks"], []),
        ("workplace-pensions", D(2016, 6, 1), ["staging date", "At least 2% must go in", "pay at least 1%"], ["on the day your first PA starts work"]),
        ("workplace-pensions", D(2019, 6, 1), ["on the day your first PA starts work", "At least 8% must go in"], ["staging date"]),
        ("paternity-adoption-shared-parental", D(2020, 6, 1), ["26 weeks' service by\nthe 15th week", "within 56 days"], ["Since 6 April"]),
        ("paternity-adoption-shared-parental", D(2026, 6, 1), ["Since 6 April\n2026 it is a right from your PA's first day", "2 separate weeks"], ["within 56 days"]),
        ("other-time-off", D(2023, 6, 1), ["needs one year's service"], ["Carer's leave"]),
        ("other-time-off", D(2026, 6, 1), ["Since 6 April 2026 this is a right", "## Carer's leave"], ["one year's service"]),
        ("payslips", D(2019, 6, 1), ["employee or worker has the right", "the hours paid"], []),
        ("true-cost-of-employing", D(2015, 6, 1), ["A PA aged 22 or over works 20 hours a week at £6.50",
                                                      # £130.00 a week, over the £5,824 lower limit but not the trigger:
                                                      # a PA who opts in costs 1% of £18.00 (Pensions Act 2008 s.7)
                                                      "£0.18 for your pension contribution, at the minimum, if they opt in"],
         ["-£", "no pension contribution"]),
    ],
)
def test_pages_follow_the_rules_of_their_date(base, page_id, on, present, absent):
    body = base.render_body(base.page(page_id), on)
    for text in present:
        assert text in body
    for text in absent:
        assert text not in body


# The boundaries check


def test_every_shipped_text_renders_on_every_boundary_day(base):
    problems = Problems()
    renders = check_boundaries(base, problems)
    assert renders > 500
    assert [str(p) for p in problems.errors] == []


def _small_root(tmp_path) -> Path:
    root = tmp_path / "root"
    shutil.copytree(REPO / "tests" / "data" / "app_root", root)
    rates = root / "content" / "rates.yaml"
    rates.write_text(rates.read_text(encoding="utf-8") + RULES, encoding="utf-8")
    return root


BROKEN_PAGE = """---
id: dated-sick
title: Sick pay by date
summary: >-
  {% if rule("waiting") %}Waiting days apply.{% else %}Paid at {{ rate("share") }} of pay.{% endif %}
covers: [sickness]
audience: both
version: 1
updated: 2026-11-01
review_by: 2027-03-01
owner: Test team
sources:
  - title: Statutory Sick Pay
    url: https://www.gov.uk/statutory-sick-pay
---

## How much

Your PA gets sick pay after the waiting days.
Pay is {{ rate("share") }} of their average pay.
"""


def test_boundaries_catch_a_text_that_fails_before_a_boundary(tmp_path):
    root = _small_root(tmp_path)
    page = root / "content" / "employment" / "dated-sick.md"
    page.write_text(BROKEN_PAGE, encoding="utf-8")
    base = ContentBase.load(root, use_cache=False)
    problems = Problems()
    check_boundaries(base, problems)
    messages = [str(p) for p in problems.errors if "dated-sick" in p.path]
    # the body line that quotes the share, on the first day in range (and the day before it began)
    assert "content/employment/dated-sick.md:20: error: the page cannot be shown for 2015-04-06 (and 1 more boundary days): rate 'share' has no value before 2020-01-01" in messages
    assert len(messages) == 1  # the summary says "share" only when it exists

    # the everyday check, as at a day after the change, sees nothing wrong
    assert main(["--root", str(root), "content", "check", "--no-style", "--on", "2026-06-01"]) == 0
    assert main(["--root", str(root), "content", "check", "--no-style", "--on", "2026-06-01", "--boundaries"]) == 1


def test_boundaries_catch_a_summary_that_fails_before_a_boundary(tmp_path):
    root = _small_root(tmp_path)
    page = root / "content" / "employment" / "dated-sick.md"
    page.write_text(BROKEN_PAGE.replace('{% if rule("waiting") %}Waiting days apply.{% else %}', "{% if true %}").replace("Pay is {{ rate(\"share\") }} of their average pay.", "Pay is set by law."), encoding="utf-8")
    base = ContentBase.load(root, use_cache=False)
    problems = Problems()
    check_boundaries(base, problems)
    messages = [str(p) for p in problems.errors if "dated-sick" in p.path]
    assert messages == ["content/employment/dated-sick.md:4: error: the summary cannot be shown for 2015-04-06 (and 1 more boundary days): rate 'share' has no value before 2020-01-01"]


def test_boundaries_catch_a_letter_that_quotes_a_rule_before_it_began(content_copy):
    letter = content_copy / "content" / "letters" / "pa-off-sick.md"
    text = letter.read_text(encoding="utf-8")
    start = text.index('{% if rule("ssp_waiting_days", first_day_off) -%}')
    end = text.index("{%- else -%}", start)
    # the fault as first reported: the 2026 rules whatever the first day off
    letter.write_text(text[:start] + text[end + len("{%- else -%}"):].replace("{%- endif %}\nSSP can go on", "\nSSP can go on", 1), encoding="utf-8")
    # and a branch the examples do not take (irregular hours) quoting a figure from April 2024
    statement = content_copy / "content" / "letters" / "written-statement.md"
    text = statement.read_text(encoding="utf-8")
    statement.write_text(text.replace('{%- elif has_rate("irregular_hours_accrual_percent") -%}', "{%- elif true -%}", 1), encoding="utf-8")
    base = ContentBase.load(content_copy, use_cache=False)
    problems = Problems()
    check_boundaries(base, problems)
    messages = [str(p) for p in problems.errors if "raise it to" not in p.message]
    assert len(messages) == 2, messages
    sick = [m for m in messages if m.startswith("content/letters/pa-off-sick.md:")]
    assert len(sick) == 1 and "cannot be shown for 2015-04-06" in sick[0]
    assert "rate 'ssp_earnings_percent' has no value before 2026-04-06" in sick[0]
    written = [m for m in messages if m.startswith("content/letters/written-statement.md:")]
    assert len(written) == 1 and "other choices" in written[0]
    assert "rate 'irregular_hours_accrual_percent' has no value before 2024-04-01" in written[0]


def test_a_decimal_rule_compares_with_numbers(tmp_path):
    rates, _ = _rates(tmp_path, RULES)
    assert rates.figure("waiting", D(2015, 1, 1)).rule == Decimal(3)


def test_flow_expressions_can_ask_for_the_rule_of_an_event_day(base):
    from guidance.flows.expressions import evaluate, helpers

    context = helpers(base.rates, D(2026, 6, 1))
    # early conciliation length follows the day Acas was contacted, not the day the flow is run
    assert evaluate("rate_value('early_conciliation_max_weeks', date('2025-11-30'))", context) == Decimal(6)
    assert evaluate("rate_value('early_conciliation_max_weeks')", context) == Decimal(12)
    assert evaluate("rule('ssp_waiting_days', date('2026-03-16'))", context) == Decimal(3)
    assert evaluate("rule('right_to_work_covers_workers')", context) is False


def test_show_as_at_1_june_2025_reads_out_the_2025_rule(capsys):
    import json

    assert main(["--root", str(REPO), "show", "statutory-sick-pay", "--on", "2025-06-01", "--json"]) == 0
    record = json.loads(capsys.readouterr().out)
    assert "four days in a row" in record["summary"]
    assert "cannot be shown" not in record["text"]
    assert "£118.75 a week" in record["text"]


def test_a_letter_quoting_two_days_renders_again_the_same_from_its_record(base):
    from guidance.letters.compose import Sources, compose

    catalogue = Catalogue.load(base)
    template = catalogue.template("pa-off-sick")
    values = template.examples()
    values["first_day_off"] = "2026-03-16"
    sent = catalogue.make("pa-off-sick", values, D(2026, 11, 20))
    # the rules of the first day off and of the letter's day are both in the record
    assert sent.snapshot["rates"]["ssp_waiting_days@2026-03-16"][0] == "3"
    assert sent.snapshot["rates"]["ssp_waiting_days"][0] == "0"
    again = compose(template, sent.values, Sources.from_snapshot(sent.snapshot), sent.on, sent.release, sent.council)
    assert again.body == sent.body


def test_written_statement_for_irregular_hours_before_april_2024(base):
    catalogue = Catalogue.load(base)
    values = catalogue.template("written-statement").examples()
    values["holiday_pattern"] = next(c for c in catalogue.template("written-statement").meta.fields["holiday_pattern"].choices if c != "regular")
    body = catalogue.make("written-statement", values, D(2023, 6, 1)).body
    assert "5.6 weeks of paid holiday each year, paid at your average weekly pay" in body
    assert "12.07%" not in body


def test_an_unknown_key_in_rule_is_an_error_with_its_line(tmp_path):
    root = _small_root(tmp_path)
    page = root / "content" / "employment" / "dated-sick.md"
    page.write_text(BROKEN_PAGE.replace('Pay is {{ rate("share") }} of their average pay.', '{% if rule("no_such_rule") %}Paid.{% endif %}'), encoding="utf-8")
    base = ContentBase.load(root, use_cache=False)
    from guidance.content.check import check_content

    messages = [str(p) for p in check_content(base, D(2026, 6, 1), style_checks=False).errors]
    assert "content/employment/dated-sick.md:20: error: unknown rate 'no_such_rule' (see content/rates.yaml)" in messages
