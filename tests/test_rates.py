"""Effective-dated rates: the value in force on a date, formatting, and bad rate files."""

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest

from guidance.cli import main
from guidance.content.formatting import long_date, money, percent
from guidance.content.rates import RateError, load_rates
from guidance.problems import Problems

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def rates():
    problems = Problems()
    loaded = load_rates(REPO / "content" / "rates.yaml", problems)
    assert not problems, [str(p) for p in problems]
    return loaded


def test_national_living_wage_changes_on_1_april_2026(rates):
    assert rates.value("national_living_wage", dt.date(2026, 3, 31)) == Decimal("12.21")
    assert rates.value("national_living_wage", dt.date(2026, 4, 1)) == Decimal("12.71")


def test_tax_year_figures_change_on_6_april(rates):
    assert rates.value("ssp_weekly_rate", dt.date(2026, 4, 5)) == Decimal("118.75")
    assert rates.value("ssp_weekly_rate", dt.date(2026, 4, 6)) == Decimal("123.25")
    assert rates.value("lower_earnings_limit_weekly", dt.date(2026, 4, 6)) == Decimal("129")


def test_a_date_before_the_first_period_is_an_error_not_a_guess(rates):
    # The National Living Wage did not exist before 1 April 2016: no figure, not the adult rate.
    with pytest.raises(RateError, match="no value before 2016-04-01"):
        rates.value("national_living_wage", dt.date(2016, 3, 31))


def test_unknown_rate_is_an_error(rates):
    with pytest.raises(RateError, match="unknown rate 'no_such_thing'"):
        rates.value("no_such_thing", dt.date(2026, 4, 1))


def test_figures_print_themselves_for_readers(rates):
    on = dt.date(2026, 4, 6)
    assert str(rates.figure("national_living_wage", on)) == "£12.71"
    assert str(rates.figure("employer_ni_rate", on)) == "15%"
    assert str(rates.figure("employment_allowance", on)) == "£10,500.00"
    assert str(rates.figure("holiday_weeks", on)) == "5.6 weeks"
    assert str(rates.figure("irregular_hours_accrual_percent", on)) == "12.07%"


def test_formatting_helpers():
    assert money(Decimal("1234.5")) == "£1,234.50"
    assert money(Decimal("5000")) == "£5,000.00"  # money always shows its pence
    assert money("0.005") == "£0.01"
    assert percent(Decimal("12.070")) == "12.07%"
    assert long_date(dt.date(2026, 4, 1)) == "1 April 2026"


def _write(tmp_path, text):
    path = tmp_path / "rates.yaml"
    path.write_text(text, encoding="utf-8")
    problems = Problems()
    loaded = load_rates(path, problems)
    return loaded, problems


def test_alias_bomb_in_rates_is_refused(tmp_path):
    bomb = 'a: &a ["x","x"]\nb: &b [*a,*a]\nc: &c [*b,*b]\n'
    loaded, problems = _write(tmp_path, bomb)
    assert loaded.keys() == []
    assert problems.errors[0].line == 1
    assert "aliases" in problems.errors[0].message


def test_a_bad_rate_is_reported_and_the_others_still_load(tmp_path):
    text = (
        "good:\n  label: A good rate\n  unit: money\n  source: test\n  periods:\n    - {from: 2025-04-01, value: '1'}\n"
        "bad:\n  label: A bad rate\n  unit: furlongs\n  source: test\n  periods:\n    - {from: 2025-04-01, value: '1'}\n"
    )
    loaded, problems = _write(tmp_path, text)
    assert loaded.keys() == ["good"]
    assert [(p.line, "unit" in p.message) for p in problems.errors] == [(9, True)]


def test_cli_rates_on_each_side_of_april(capsys):
    assert main(["rates", "--on", "2026-03-31"]) == 0
    before = capsys.readouterr().out
    assert main(["rates", "--on", "2026-04-01"]) == 0
    after = capsys.readouterr().out
    nlw = lambda out: next(line for line in out.splitlines() if "national_living_wage" in line)  # noqa: E731
    assert "£12.21" in nlw(before)
    assert "£12.71" in nlw(after)


def test_cli_rates_json(capsys):
    import json

    assert main(["rates", "--on", "2026-04-01", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    row = next(r for r in data["rates"] if r["key"] == "national_living_wage")
    assert row["value"] == "12.71" and row["since"] == "2026-04-01" and row["source"]


def test_each_calculator_declares_every_figure_it_reads():
    """RATES_USED is what `content check` trusts: it must name every key the code reads."""
    import inspect
    import re
    import sys

    from guidance.calculators.registry import CALCULATORS

    pattern = re.compile(r"""figure(?:_or_none)?\(\s*rates,\s*["']([a-z0-9_]+)["']""")
    for name, calculator in CALCULATORS.items():
        module = sys.modules[calculator.function.__module__]
        declared = set(getattr(module, "RATES_USED", ())) | set(getattr(module, "RATES_IF_IN_FORCE", ()))
        read = set(pattern.findall(inspect.getsource(module)))
        assert read <= declared, f"{name}: reads {sorted(read - declared)} without declaring them"
        assert declared, f"{name} declares no figures"


def test_shipped_rates_hold_every_figure_the_calculators_need():
    from guidance.content.base import ContentBase
    from guidance.content.uses import calculator_needs, check_rates_needed
    from guidance.problems import Problems

    base = ContentBase.load(Path(__file__).resolve().parents[1])
    assert {need.key for need in calculator_needs()} <= set(base.rates.keys())
    problems = Problems()
    check_rates_needed(base, dt.date(2026, 11, 25), problems)
    assert not problems.items, [str(p) for p in problems]


def test_figures_in_a_group_start_together_in_the_shipped_rates():
    from guidance.content.rates import load_rates
    from guidance.problems import Problems

    problems = Problems()
    rates = load_rates(Path(__file__).resolve().parents[1] / "content" / "rates.yaml", problems)
    group = [key for key in rates.keys() if rates.get(key).group == "minimum_wage"]
    assert {"national_living_wage", "minimum_wage_18_20", "minimum_wage_under_18", "minimum_wage_apprentice"} <= set(group)
    assert not problems.items, [str(p) for p in problems]
