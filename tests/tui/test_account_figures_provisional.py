"""The account screen's figures say when the surplus is not final: statements that stop before
the audit period ends give a closing balance from the last day shown, and the labels say so."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from guidance.accounts.audit import audit_files
from guidance.tui.screens.account import figure_rows

CONTENT = Path(__file__).resolve().parents[2] / "content"

PLAN = """reference: DP-000098
period: {from: 2026-04-06, to: 2026-06-28}
council_payments:
  - {from: 2026-04-06, amount: "1920.00", every: 4 weeks}
contingency_weeks: 6
payees:
  - {match: "P SAMPLE", kind: wages}
"""


def _rows(tmp_path: Path, lines: str) -> dict[str, Decimal]:
    plan = tmp_path / "plan.yaml"
    plan.write_text(PLAN, encoding="utf-8")
    statement = tmp_path / "s.csv"
    statement.write_text("Date,Description,Amount,Balance\n" + lines, encoding="utf-8")
    return dict(figure_rows(audit_files(plan, [statement], CONTENT).reconciliation))


def test_a_surplus_from_statements_that_stop_early_is_labelled_not_final(tmp_path):
    rows = _rows(tmp_path, "06/04/2026,NORTHFIELD COUNCIL DP,1920.00,4920.00\n"
                           "10/04/2026,P SAMPLE WAGES,-400.00,4520.00\n")
    assert "Surplus" not in rows and rows["Surplus, not final"] > 0
    assert rows["Closing, not final"] == Decimal("4520.00") and "Closing balance" not in rows
    # the council payments due on 4 May and 1 June: no statement shows those days
    assert rows["Council unseen"] == Decimal("3840.00")
    assert rows["Council due"] - rows["Council unseen"] == rows["Council paid"]


def test_a_surplus_from_statements_to_the_end_is_plain(tmp_path):
    days = ["06/04/2026", "04/05/2026", "01/06/2026"]
    balance, lines = Decimal("3000.00"), ""
    for day in days:
        balance += Decimal("1920.00")
        lines += f"{day},NORTHFIELD COUNCIL DP,1920.00,{balance}\n"
    balance -= Decimal("400.00")
    lines += f"28/06/2026,P SAMPLE WAGES,-400.00,{balance}\n"
    rows = _rows(tmp_path, lines)
    assert "Surplus" in rows and "Surplus, not final" not in rows and rows["Closing balance"] == balance


def test_money_no_statement_shows_has_a_row_so_the_figures_add_up(tmp_path):
    """A balance break of £100 (money moved on days no statement shows): opening + in − out +
    the unseen money = closing, on the screen as in the CLI."""
    rows = _rows(tmp_path, "06/04/2026,NORTHFIELD COUNCIL DP,1920.00,4920.00\n"
                           "20/04/2026,P SAMPLE WAGES,-400.00,4420.00\n"
                           "04/05/2026,NORTHFIELD COUNCIL DP,1920.00,6340.00\n"
                           "01/06/2026,NORTHFIELD COUNCIL DP,1920.00,8260.00\n"
                           "28/06/2026,P SAMPLE WAGES,-400.00,7860.00\n")
    assert rows["Not on statements"] == Decimal("-100.00")
    closing = rows.get("Closing balance", rows.get("Closing, not final"))  # a missing statement: the surplus is not final
    assert rows["Opening balance"] + rows["Money in"] - rows["Money out"] + rows["Not on statements"] == closing
