"""Money is always shown with its pence (£8.00 beside £10.85, never £8), in pages, tables of
figures, the figures list and the working of a calculation: one way of showing money."""

import datetime as dt
from decimal import Decimal

from guidance.cli import main
from guidance.content.formatting import format_value, money
from guidance.kinds import Money


def test_minimum_wage_table_shows_pence_on_whole_pounds(capsys):
    assert main(["show", "minimum-wage", "--on", "2026-11-01"]) == 0
    out = capsys.readouterr().out
    assert "| Under 18 | £8.00 |" in out and "| 18 to 20 | £10.85 |" in out
    assert "£8 " not in out and "£8\n" not in out and "£8 |" not in out


def test_figures_list_shows_pence(capsys):
    assert main(["rates", "--on", "2026-11-01"]) == 0
    out = capsys.readouterr().out
    assert "£8.00" in out
    assert " £8 " not in out


def test_one_formatter_for_money():
    for value in (Decimal("8"), Decimal("5000"), Decimal("10.855"), Decimal("-12.5"), 0):
        assert money(value) == Money().show(Decimal(value).quantize(Decimal("0.01"), rounding="ROUND_HALF_UP"))
    assert money(Decimal("5000")) == "£5,000.00"
    assert money(Decimal("8"), True) == "£8.00"  # templates that asked for pence still work
    assert format_value(Decimal("8"), "money") == "£8.00"


def test_calculation_working_shows_pence(capsys):
    assert main(["calc", "redundancy", "--age", "45", "--years", "12", "--weekly-pay", "350", "--weekly-cap", "430"]) == 0
    out = capsys.readouterr().out
    assert "14 weeks x £350.00 = £4,900.00" in out
