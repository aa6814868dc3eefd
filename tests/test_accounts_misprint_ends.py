"""A balance misprinted on a statement's first or last row: a break between two rows dated the
same day is never a missing statement (a statement covers whole days). The opening or closing
balance comes from the rows, and a last balance that does not follow from the rows makes the
surplus provisional. Synthetic statements only."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest

from accounts_support import INLINE_PLAN
from guidance.accounts.audit import audit_files, audit_json
from guidance.accounts.letters import ProvisionalSurplus, surplus_values
from guidance.accounts.summary import summary_markdown

CONTENT = Path(__file__).resolve().parents[1] / "content"

PLAN = INLINE_PLAN.replace("to: 2026-06-28", "to: 2026-04-27")  # the last row's day: the statement reaches the end

# from 6000.00: the council and a contribution on the first day, wages and a fee on the last
ROWS = [
    ("06/04/2026", "TFR CONTRIBUTION", "35.00"), ("06/04/2026", "NORTHFIELD COUNCIL DP", "1920.00"),
    ("10/04/2026", "P SAMPLE WAGES", "-400.00"), ("13/04/2026", "TFR CONTRIBUTION", "35.00"),
    ("17/04/2026", "P SAMPLE WAGES", "-400.00"), ("20/04/2026", "TFR CONTRIBUTION", "35.00"),
    ("24/04/2026", "P SAMPLE WAGES", "-400.00"), ("27/04/2026", "TFR CONTRIBUTION", "35.00"),
    ("27/04/2026", "P SAMPLE WAGES", "-400.00"),
]
CLOSING = Decimal("6460.00")  # 6000 + 1920 + 4 × 35 − 4 × 400
# paid for the 6 days after the period (28 April to 3 May): £411.43 of the council's 6 April
# payment (for 6 April to 3 May) and £30.00 of the 27 April contribution (for 27 April to 3 May)
AHEAD = Decimal("441.43")
SURPLUS = CLOSING - Decimal("100.00") - Decimal("2880.00") - AHEAD  # less owed, 6 weeks of £480 and money paid ahead


def _audit(tmp_path: Path, rows=ROWS, off: dict[int, str] | None = None, plan: str = PLAN):
    """Audit one signed-amount CSV of ``rows`` from an opening of £6,000.00, with the printed
    balance of row ``n`` (0 is the first) put off by ``off[n]`` pounds."""
    balance, lines = Decimal("6000.00"), []
    for n, (day, what, amount) in enumerate(rows):
        balance += Decimal(amount)
        lines.append(f"{day},{what},{amount},{balance + Decimal((off or {}).get(n, '0'))}\n")
    statement = tmp_path / "s.csv"
    statement.write_text("Date,Description,Amount,Balance\n" + "".join(lines), encoding="utf-8")
    plan_path = tmp_path / "plan.yaml"
    plan_path.write_text(plan, encoding="utf-8")
    return audit_files(plan_path, [statement], CONTENT)


def _balance_flags(audit):
    return [(f.kind, f.date, f.amount) for f in audit.flags if f.kind in ("missing_statement", "balance_misprint")]


def test_the_clean_statement_gives_a_final_surplus(tmp_path):
    rec = _audit(tmp_path).reconciliation
    assert (rec.opening_balance, rec.closing_balance, rec.surplus) == (Decimal("6000.00"), CLOSING, SURPLUS)
    assert rec.surplus_provisional == "" and rec.last_shown is None


def test_a_misprint_on_the_last_row_same_day_is_a_misprint_and_the_surplus_is_provisional(tmp_path):
    """The last row's balance printed £100 high, on the same day as the row before: a misprint,
    not a missing statement; the closing balance and surplus are the rows' figures, and the
    surplus is provisional because the last balance shown does not follow from the rows."""
    audit = _audit(tmp_path, off={8: "100.00"})
    rec = audit.reconciliation
    assert (rec.opening_balance, rec.closing_balance, rec.surplus) == (Decimal("6000.00"), CLOSING, SURPLUS)
    assert rec.unaccounted == Decimal("0.00") and rec.breaks == ()
    assert _balance_flags(audit) == [("balance_misprint", dt.date(2026, 4, 27), Decimal("100.00"))]
    (misprint,) = [f for f in audit.flags if f.kind == "balance_misprint"]
    assert "the last one" in misprint.message and "£6,560.00" in misprint.message and "£6,460.00" in misprint.message
    data = audit_json(audit)
    assert (data["closing_balance"], data["surplus"], data["surplus_provisional"]) == ("6460.00", str(SURPLUS), True)
    assert "the last balance shown, £6,560.00 on 2026-04-27, does not follow from the rows" in data["surplus_provisional_reason"]
    assert "statements stop" not in data["surplus_provisional_reason"]
    (surplus,) = [f for f in audit.flags if f.kind == "surplus"]
    assert "PROVISIONAL" in surplus.message and "confirm the closing balance" in surplus.message
    text = summary_markdown(audit)
    assert "pay this back" not in text and "We are not asking for any money back in this summary" in text and "not final" in text
    assert "The last balance on your statement does not match the payments on it" in text
    with pytest.raises(ProvisionalSurplus, match="does not follow from the rows.*Ask the bank to confirm"):
        surplus_values(audit)
    # made all the same, the letter says why the sum is not final: the bank has still to confirm the balance
    made = surplus_values(audit, use_provisional=True)
    assert (made["balance_unconfirmed"], made["missing_periods"], made["statements_stop"]) == ("yes", [], None)


def test_a_break_at_the_last_row_on_a_later_day_stays_a_break_and_the_surplus_is_provisional(tmp_path):
    """The last row alone on its day: money may have moved on the days before it, so the break
    stands (the balance shown is used), but the surplus is provisional all the same."""
    audit = _audit(tmp_path, ROWS[:-1], off={7: "100.00"})
    rec = audit.reconciliation
    closing = CLOSING + Decimal("400.00") + Decimal("100.00")  # without the last wages, as shown
    assert (rec.closing_balance, rec.surplus) == (closing, closing - Decimal("2980.00") - AHEAD)
    assert _balance_flags(audit) == [("missing_statement", dt.date(2026, 4, 27), Decimal("100.00"))]
    assert "does not follow from the rows" in rec.surplus_provisional and "balance shown" in rec.surplus_provisional
    assert audit_json(audit)["surplus_provisional"] is True


def test_a_misprint_on_the_first_row_same_day_is_a_misprint_and_the_opening_comes_from_the_rows(tmp_path):
    """The first row's balance printed £100 high, and the next row, on the same day, follows from
    the rows: the opening balance is £6,000.00, nothing is left unaccounted, no statement asked for."""
    audit = _audit(tmp_path, off={0: "100.00"})
    rec = audit.reconciliation
    assert (rec.opening_balance, rec.closing_balance, rec.surplus) == (Decimal("6000.00"), CLOSING, SURPLUS)
    assert rec.unaccounted == Decimal("0.00") and rec.breaks == () and rec.surplus_provisional == ""
    assert _balance_flags(audit) == [("balance_misprint", dt.date(2026, 4, 6), Decimal("100.00"))]
    (misprint,) = [f for f in audit.flags if f.kind == "balance_misprint"]
    assert "after it on the same day follow from £6,035.00" in misprint.message and "opening balance" in misprint.message
    assert [m.at for m in rec.misprints] == ["first"]


@pytest.mark.parametrize("opening, misprint", [("6000.00", True), ("6100.00", False)])
def test_the_plans_opening_balance_confirms_or_contradicts_a_first_row_misprint(tmp_path, opening, misprint):
    """The plan's opening balance agrees with the rows' reading: a misprint; it agrees with the
    first balance printed instead: the balances follow the one printed, and the break after it,
    between two rows of the same day, is a misprint on that day (a row or a balance, which
    cannot be told), never a missing statement."""
    audit = _audit(tmp_path, off={0: "100.00"}, plan=PLAN + f'opening_balance: "{opening}"\n')
    rec = audit.reconciliation
    if misprint:
        assert rec.opening_balance == Decimal("6000.00") and rec.breaks == ()
        assert _balance_flags(audit) == [("balance_misprint", dt.date(2026, 4, 6), Decimal("100.00"))]
    else:
        assert rec.opening_balance == Decimal("6100.00") and rec.unaccounted == Decimal("-100.00")
        assert _balance_flags(audit) == [("balance_misprint", dt.date(2026, 4, 6), Decimal("-100.00"))]
        assert [m.at for m in rec.misprints] == ["day"] and rec.breaks == () and rec.uncovered == ()


def test_a_first_row_misprint_needs_the_rest_of_its_day_to_follow(tmp_path):
    """Three rows on the first day, the second and third printed off by different sums: reading
    the first as misprinted does not make the day follow, so nothing is read as a misprint of it."""
    rows = [ROWS[0], ("06/04/2026", "SHOP", "-5.00")] + ROWS[1:]
    audit = _audit(tmp_path, rows, off={1: "50.00", 2: "70.00"})
    assert all(m.at != "first" for m in audit.reconciliation.misprints)
    assert not any("opening balance" in f.message for f in audit.flags if f.kind == "balance_misprint")
    # the two breaks between rows of 6 April are that day's misprints, never a missing statement
    assert [(m.at, m.gap) for m in audit.reconciliation.misprints] == [("day", Decimal("50.00")), ("day", Decimal("20.00"))]


def test_a_middle_misprint_is_still_told_as_before(tmp_path):
    """The second row of the first day printed off, the row after it following from the rows:
    that row's misprint, not the first row's."""
    audit = _audit(tmp_path, off={1: "100.00"})
    assert _balance_flags(audit) == [("balance_misprint", dt.date(2026, 4, 6), Decimal("100.00"))]
    assert [m.at for m in audit.reconciliation.misprints] == [""]
    assert audit.reconciliation.opening_balance == Decimal("6000.00")


MIDDLE = ROWS[:4] + [("13/04/2026", "MARK BATES LTD", "-20.00")] + ROWS[4:]  # two rows on 13 April, mid-statement


def test_a_break_between_two_rows_of_the_same_day_mid_statement_is_a_misprint_not_a_missing_statement(tmp_path):
    """The second 13 April row's balance, and every one after it, £50 higher: neither 13 April
    balance can be shown wrong, but no statement can be missing between two rows of one day. It
    is a balance_misprint (the bank is asked), no statement is asked for, no day is unseen, the
    figures follow the balances shown and the surplus is final."""
    audit = _audit(tmp_path, MIDDLE, off={n: "50" for n in range(4, len(MIDDLE))})
    rec = audit.reconciliation
    assert _balance_flags(audit) == [("balance_misprint", dt.date(2026, 4, 13), Decimal("50.00"))]
    (flag,) = [f for f in audit.flags if f.kind == "balance_misprint"]
    assert flag.line == 6 and "not a missing statement" in flag.message and "ask the bank" in flag.message
    assert rec.breaks == () and not any(first <= dt.date(2026, 4, 13) for first, _last in rec.unseen)
    assert rec.closing_balance == CLOSING - Decimal("20.00") + Decimal("50.00")
    assert rec.unaccounted == Decimal("50.00") and rec.surplus_provisional == ""
    text = summary_markdown(audit)
    assert "statements seem to be missing" not in text and "One balance printed on your statement was wrong" in text


def test_a_break_on_a_later_day_mid_statement_is_still_a_missing_statement(tmp_path):
    audit = _audit(tmp_path, MIDDLE, off={n: "50" for n in range(5, len(MIDDLE))})
    assert _balance_flags(audit) == [("missing_statement", dt.date(2026, 4, 17), Decimal("50.00"))]
